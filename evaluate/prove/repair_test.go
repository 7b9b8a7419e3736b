package prove

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cksiam/cksiam/policy/catalog"
)

func TestVariablesAcrossKeysGetConfirmedCounterexamples(t *testing.T) {
	// Statements of AWS managed policy updates (simplified) whose new
	// access is reachable only through a policy variable tying two keys
	// together; each was Unknown (VariableAcrossKeys) before the prover
	// gave the variables values when building a counterexample.
	getObject := stmt("Allow", act("s3:GetObject"), res("*"))
	tagOwn := stmt("Allow", act("ec2:CreateTags"), res("*"),
		cond(`{"StringEquals":{"aws:RequestTag/owner":"${aws:PrincipalTag/owner}"}}`))
	assumeTagged := stmt("Allow", act("sts:AssumeRole", "sts:TagSession"), res("arn:aws:iam::*:role/service-role/Agent_*"),
		cond(`{"StringLike":{"aws:RequestTag/SourceInstanceARN":"${ec2:SourceInstanceARN}"},"ForAnyValue:StringEquals":{"sts:TransitiveTagKeys":"SourceInstanceARN"}}`))
	issuers := func(arn string) string {
		return stmt("Allow", act("identitystore:DeleteUser"), res("arn:aws:identitystore:::user/*"),
			cond(`{"ForAllValues:ArnEquals":{"identitystore:UserExternalIdIssuers":["`+arn+`"]},"Null":{"identitystore:UserExternalIdIssuers":"false"}}`))
	}
	oldIssuer := issuers("arn:aws:identitystore::*:provisioningtenant/${aws:PrincipalTag/StoreId}/${aws:PrincipalTag/Issuer}")
	newIssuer := issuers("arn:aws:identitystore::*:identitystore/${aws:PrincipalTag/StoreId}/provisioningtenant/${aws:PrincipalTag/Issuer}")
	keyOfTag := func(via ...string) string {
		return stmt("Allow", act("kms:Decrypt"), res("arn:aws:kms:*:*:key/${aws:PrincipalTag/KmsKeyId}"),
			cond(`{"StringLike":{"kms:ViaService":`+jsonList(via)+`},"StringEquals":{"aws:ResourceAccount":"${aws:PrincipalAccount}"}}`))
	}
	for _, c := range []struct {
		name     string
		old, new string
		want     Verdict
	}{
		{"a request tag that must equal the caller's tag", docOf(getObject), docOf(getObject, tagOwn), Refuted},
		{"a request tag that must match a key of the request", docOf(getObject), docOf(getObject, assumeTagged), Refuted},
		{"a multivalued ARN key built from two principal tags", docOf(oldIssuer), docOf(newIssuer), Refuted},
		{"a key named by a principal tag no condition tests", docOf(keyOfTag("s3.*.amazonaws.com")), docOf(keyOfTag("s3.*.amazonaws.com", "bedrock.*.amazonaws.com")), Refuted},
		{"the same variables on both sides grant nothing new", docOf(getObject, tagOwn, assumeTagged, newIssuer), docOf(tagOwn, newIssuer), Proved},
	} {
		t.Run(c.name, func(t *testing.T) {
			old, nw := mustDoc(t, c.old), mustDoc(t, c.new)
			r, err := NoNewAccess(Identity, old, nw)
			require.NoError(t, err)
			require.Equal(t, c.want, r.Verdict, "%s %s", r.Reason, r.Detail)
			if r.Verdict == Refuted {
				require.True(t, allowedBy(t, compiled(t, frameOf(Identity, nw)), *r.Witness), "%+v", *r.Witness)
				require.False(t, allowedBy(t, compiled(t, frameOf(Identity, old)), *r.Witness), "%+v", *r.Witness)
				require.True(t, inUniverse(catalog.Default(), *r.Witness), "%+v", *r.Witness)
			}
		})
	}
}
