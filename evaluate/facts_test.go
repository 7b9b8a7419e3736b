package evaluate

import (
	"testing"

	"github.com/stretchr/testify/require"
)

func TestFactsImplyKeys(t *testing.T) {
	yes := true
	cks := &KeyFacts{Arn: guideKey, Origin: "AWS_CLOUDHSM", KeySpec: "SYMMETRIC_DEFAULT", KeyUsage: "ENCRYPT_DECRYPT", MultiRegion: &yes,
		MultiRegionKeyType: "PRIMARY", Tags: map[string]string{"Project": "alpha"}}
	keyPolicy := func(cond string) string {
		return `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"` + exampleUser + `"},"Action":"kms:*","Resource":"*","Condition":` + cond + `}]}`
	}
	for _, c := range []struct {
		name        string
		cond        string
		key         *KeyFacts
		tags        map[string]string
		r           Request
		want        Decision
		wantMissing []string
	}{
		{name: "kms:KeyOrigin comes from the key's metadata", cond: `{"StringEquals":{"kms:KeyOrigin":"AWS_CLOUDHSM"}}`, key: cks, want: Allowed},
		{name: "another origin does not match", cond: `{"StringEquals":{"kms:KeyOrigin":"EXTERNAL"}}`, key: cks, want: ImplicitDeny},
		{name: "without facts kms:KeyOrigin is missing", cond: `{"StringEquals":{"kms:KeyOrigin":"AWS_CLOUDHSM"}}`, want: ImplicitDeny, wantMissing: []string{"kms:KeyOrigin"}},
		{name: "facts of another key do not apply", cond: `{"StringEquals":{"kms:KeyOrigin":"AWS_CLOUDHSM"}}`, key: &KeyFacts{Arn: guideKey2, Origin: "AWS_CLOUDHSM"},
			want: ImplicitDeny, wantMissing: []string{"kms:KeyOrigin"}},
		{name: "facts without an ARN apply to the requested key", cond: `{"StringEquals":{"kms:KeyOrigin":"AWS_CLOUDHSM"}}`, key: &KeyFacts{Origin: "AWS_CLOUDHSM"}, want: Allowed},
		{name: "a value in the Context wins over the facts", cond: `{"StringEquals":{"kms:KeyOrigin":"AWS_CLOUDHSM"}}`, key: cks,
			r: Request{Context: Context{"kms:KeyOrigin": {"EXTERNAL"}}}, want: ImplicitDeny},
		{name: "kms:KeySpec and kms:KeyUsage come from the metadata", cond: `{"StringEquals":{"kms:KeySpec":"SYMMETRIC_DEFAULT","kms:KeyUsage":"ENCRYPT_DECRYPT"}}`, key: cks, want: Allowed},
		{name: "kms:MultiRegion is a boolean", cond: `{"Bool":{"kms:MultiRegion":"true"},"StringEquals":{"kms:MultiRegionKeyType":"PRIMARY"}}`, key: cks, want: Allowed},
		{name: "an unknown kms:MultiRegion is missing", cond: `{"Bool":{"kms:MultiRegion":"false"}}`, key: &KeyFacts{Origin: "AWS_KMS"},
			want: ImplicitDeny, wantMissing: []string{"kms:MultiRegion"}},
		{name: "aws:ResourceTag comes from the key's tags, its tag part without case", cond: `{"StringEquals":{"aws:ResourceTag/project":"alpha"}}`, key: cks, want: Allowed},
		{name: "a tag value keeps its case", cond: `{"StringEquals":{"aws:ResourceTag/Project":"Alpha"}}`, key: cks, want: ImplicitDeny},
		{name: "a tag the key lacks is missing", cond: `{"StringEquals":{"aws:ResourceTag/Owner":"x"}}`, key: cks, want: ImplicitDeny, wantMissing: []string{"aws:ResourceTag/Owner"}},
		{name: "aws:PrincipalTag comes from the principal's tags", cond: `{"StringEquals":{"aws:PrincipalTag/team":"crypto"}}`, tags: map[string]string{"Team": "crypto"}, want: Allowed},
		{name: "kms:EncryptionContext comes from the request's encryption context", cond: `{"StringEquals":{"kms:EncryptionContext:department":"IT"}}`,
			r: Request{EncryptionContext: ec("Department", "IT")}, want: Allowed},
		{name: "kms:EncryptionContextKeys lists the encryption context's keys", cond: `{"ForAllValues:StringEquals":{"kms:EncryptionContextKeys":["Department","Purpose"]},"Null":{"kms:EncryptionContextKeys":"false"}}`,
			r: Request{EncryptionContext: ec("Department", "IT", "Purpose", "x")}, want: Allowed},
		{name: "kms:EncryptionContextKeys keeps the keys' case", cond: `{"ForAnyValue:StringEquals":{"kms:EncryptionContextKeys":"department"}}`,
			r: Request{EncryptionContext: ec("Department", "IT")}, want: ImplicitDeny},
	} {
		t.Run(c.name, func(t *testing.T) {
			p := Policies{Resource: doc(t, keyPolicy(c.cond)), Key: c.key, PrincipalTags: c.tags}
			r := c.r
			r.Principal, r.Action, r.Resource = exampleUser, "kms:Decrypt", guideKey
			res, err := Evaluate(p, r)
			require.NoError(t, err)
			require.Equal(t, c.want, res.Decision, res.Reason)
			require.Equal(t, c.wantMissing, res.MissingContextKeys)
		})
	}
}

func TestFactsApplyOnlyToKeyRequests(t *testing.T) {
	p := Policies{
		Identity: docs(t, `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"kms:ListKeys","Resource":"*","Condition":{"StringEquals":{"kms:KeyOrigin":"AWS_KMS"}}}]}`),
		Key:      &KeyFacts{Origin: "AWS_KMS"},
	}
	res, err := Evaluate(p, Request{Principal: exampleUser, Action: "kms:ListKeys", Resource: "*"})
	require.NoError(t, err)
	require.Equal(t, ImplicitDeny, res.Decision, "kms:ListKeys names no key, so no key's facts")
	require.Equal(t, []string{"kms:KeyOrigin"}, res.MissingContextKeys)
}
