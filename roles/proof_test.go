package roles

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cksiam/cksiam/evaluate/prove"
	"github.com/cksiam/cksiam/policy"
)

func TestEveryRoleProvesItsClaims(t *testing.T) {
	rs, err := All(Options{Account: "111122223333", Region: "us-west-2"})
	require.NoError(t, err)
	for _, r := range rs {
		t.Run(r.Name, func(t *testing.T) {
			v := r.Verify()
			require.Len(t, v.Proofs, 2)
			for _, p := range v.Proofs {
				require.True(t, p.OK(), "%s: %s %s: %s", p.Claim, p.Result.Verdict, p.Result.Reason, p.Result.Detail)
			}
			require.Equal(t, 2, v.Summary.ProofsProved)
		})
	}
}

func TestProofsCatchADocumentThatDiffersFromItsPermissions(t *testing.T) {
	perms := []Permission{{Sid: "Use", Actions: []string{"kms:Decrypt"}, Resources: []string{"arn:aws:kms:us-west-2:111122223333:key/*"},
		Condition: policy.NewCondition("StringEquals", "kms:ViaService", "s3.us-west-2.amazonaws.com")}}
	doc := func(actions ...string) *policy.Document {
		st := perms[0].statement()
		st.Action = policy.List(actions...)
		return &policy.Document{Version: policy.Version2012, Statement: []policy.Statement{st}}
	}
	t.Run("the document itself proves both claims", func(t *testing.T) {
		for _, p := range proofsOf(prove.Identity, "", perms, doc("kms:Decrypt")) {
			require.True(t, p.OK(), "%s: %s", p.Claim, p.Result.Detail)
		}
	})
	t.Run("an action outside the set is refuted with a witness", func(t *testing.T) {
		ps := proofsOf(prove.Identity, "", perms, doc("kms:Decrypt", "kms:Encrypt"))
		for _, p := range ps {
			require.Equal(t, prove.Refuted, p.Result.Verdict, p.Claim)
			require.Equal(t, "kms:Encrypt", p.Result.Witness.Action)
		}
	})
	t.Run("a document without the set's condition is within the set but not equivalent", func(t *testing.T) {
		d := doc("kms:Decrypt")
		d.Statement[0].Condition = nil
		ps := proofsOf(prove.Identity, "", perms, d)
		require.Equal(t, prove.Proved, ps[0].Result.Verdict, ps[0].Claim)
		require.Equal(t, prove.Refuted, ps[1].Result.Verdict, ps[1].Claim)
	})
}
