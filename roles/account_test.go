package roles

import (
	"errors"
	"io/fs"
	"os"
	"testing"
	"testing/fstest"

	"github.com/cksiam/cksiam/evaluate/snapshot"
	"github.com/stretchr/testify/require"
)

const auditAcct = "arn:aws:iam::111122223333:"

func holders(hs []Holder) map[string]int {
	out := map[string]int{}
	for _, h := range hs {
		out[h.Principal] = h.Held
	}
	return out
}

func TestAuditAccount(t *testing.T) {
	a, err := snapshot.Load("../evaluate/snapshot/testdata/account")
	require.NoError(t, err)
	rep, err := AuditAccount(a, Options{Region: "us-west-2"}, "KeyStoreManager", "KeyUser", "DefaultKeyPolicy")
	require.NoError(t, err)
	require.Len(t, rep.Roles, 3)
	ksm, ku, dkp := rep.Roles[0], rep.Roles[1], rep.Roles[2]

	t.Run("administrators hold the key store manager's permissions, and everything beyond", func(t *testing.T) {
		require.Equal(t, map[string]int{auditAcct + "role/AdminRole": ksm.Intended, auditAcct + "role/BreakGlass": ksm.Intended}, holders(ksm.Holders))
		require.Empty(t, ksm.Partial)
		for _, h := range ksm.Holders {
			require.Empty(t, h.Report.Missing)
			require.Greater(t, h.Report.ExcessRequests(), 10000, "AdministratorAccess allows the whole catalog")
			require.Equal(t, "*", h.Report.Excess[0].Actions[0].Pattern)
		}
	})

	t.Run("key users are found through groups, boundaries, tags and the key's properties", func(t *testing.T) {
		require.Equal(t, map[string]int{auditAcct + "role/BreakGlass": ku.Intended}, holders(ku.Holders))
		partial := holders(ku.Partial)
		// bob: his group allows Decrypt, Encrypt and GenerateDataKey on the
		// key, his boundary only Decrypt and DescribeKey.
		require.Equal(t, 1, partial[auditAcct+"user/bob"])
		// carol: ABAC on the key's Project tag allows Decrypt and Encrypt.
		require.Equal(t, 2, partial[auditAcct+"user/carol"])
		// dave's Project tag is another.
		require.NotContains(t, partial, auditAcct+"user/dave")
		// The SCP denies Decrypt and GenerateDataKey* to AdminRole (no
		// DataAccess tag).
		require.Equal(t, ku.Intended-3, partial[auditAcct+"role/AdminRole"])
		for _, h := range ku.Partial {
			require.Len(t, h.Report.Missing, ku.Intended-h.Held)
		}
	})

	t.Run("a principal with a policy missing from the snapshot says so", func(t *testing.T) {
		for _, h := range ku.Partial {
			if h.Principal == auditAcct+"role/AuditRole" {
				require.Equal(t, []string{"arn:aws:iam::aws:policy/ReadOnlyAccess"}, h.Incomplete)
				return
			}
		}
		t.Fatal("AuditRole (DescribeKey on the key) is a partial key user")
	})

	t.Run("key-policy roles are left to WhoCan", func(t *testing.T) {
		require.NotEmpty(t, dkp.Skipped)
		require.Empty(t, dkp.Holders)
	})

	t.Run("the account must be the snapshot's and the Region is required", func(t *testing.T) {
		_, err := AuditAccount(a, Options{Account: "444455556666", Region: "us-west-2"}, "KeyUser")
		var oe *OptionError
		require.True(t, errors.As(err, &oe))
		require.Equal(t, "Account", oe.Field)
		_, err = AuditAccount(a, Options{}, "KeyUser")
		require.True(t, errors.As(err, &oe))
		require.Equal(t, "Region", oe.Field)
	})
}

func TestAuditAccountKnowsTheOrganization(t *testing.T) {
	// An SCP at the root denies every request from outside the
	// organization (aws:PrincipalOrgID): with describe-organization saved,
	// the account's principals are inside it and the audit finds the same
	// holders as without the SCP.
	base := os.DirFS("../evaluate/snapshot/testdata/account")
	fsys := fstest.MapFS{}
	require.NoError(t, fs.WalkDir(base, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(base, p)
		fsys[p] = &fstest.MapFile{Data: b}
		return err
	}))
	fsys["organizations/scp/0-root/p-inside.json"] = &fstest.MapFile{Data: []byte(`{"Version": "2012-10-17", "Statement": [{"Effect": "Deny",
		"Action": "*", "Resource": "*", "Condition": {"StringNotEquals": {"aws:PrincipalOrgID": "o-exampleorg"}}}]}`)}
	fsys["organizations/describe-organization.json"] = &fstest.MapFile{Data: []byte(`{"Organization": {"Id": "o-exampleorg",
		"Arn": "arn:aws:organizations::999988887777:organization/o-exampleorg", "MasterAccountId": "999988887777",
		"MasterAccountArn": "arn:aws:organizations::999988887777:account/o-exampleorg/999988887777"}}`)}
	a, err := snapshot.LoadFS(fsys)
	require.NoError(t, err)
	rep, err := AuditAccount(a, Options{Region: "us-west-2"}, "KeyStoreManager")
	require.NoError(t, err)
	ksm := rep.Roles[0]
	require.Equal(t, map[string]int{auditAcct + "role/AdminRole": ksm.Intended, auditAcct + "role/BreakGlass": ksm.Intended}, holders(ksm.Holders))
}
