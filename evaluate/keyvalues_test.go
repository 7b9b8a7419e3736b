package evaluate

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cksiam/cksiam/policy"
)

func TestKeyValuesReadsWhatAPolicyVariableTakes(t *testing.T) {
	role := "arn:aws:iam::111122223333:role/app"
	session := "arn:aws:sts::111122223333:assumed-role/app/s1"
	facts := &KeyFacts{Origin: "EXTERNAL_KEY_STORE", Tags: map[string]string{"Owner": "carol"}}
	for _, c := range []struct {
		name      string
		principal string
		key       string
		facts     *KeyFacts
		tags      map[string]string
		ctx       Context
		ec        map[string]string
		want      []string // nil: the request does not carry the key
	}{
		{name: "aws:username is an IAM user's name", principal: exampleUser, key: "aws:username", want: []string{"exampleUser"}},
		{name: "aws:username is absent for a role session", principal: session, key: "aws:username"},
		{name: "aws:PrincipalArn of a role session is its role", principal: session, key: "aws:PrincipalArn", want: []string{role}},
		{name: "aws:PrincipalAccount is the principal's account", principal: exampleUser, key: "AWS:PrincipalAccount", want: []string{"111122223333"}},
		{name: "aws:userid of an IAM user is not knowable offline", principal: exampleUser, key: "aws:userid"},
		{name: "aws:userid of the root user is its account", principal: "arn:aws:iam::111122223333:root", key: "aws:userid", want: []string{"111122223333"}},
		{name: "a principal tag comes from the policies' principal tags", principal: role, key: "aws:PrincipalTag/team", tags: map[string]string{"Team": "blue"}, want: []string{"blue"}},
		{name: "a key tag comes from the key's facts", principal: role, key: "aws:ResourceTag/owner", facts: facts, want: []string{"carol"}},
		{name: "kms:KeyOrigin comes from the key's facts", principal: role, key: "kms:KeyOrigin", facts: facts, want: []string{"EXTERNAL_KEY_STORE"}},
		{name: "the facts of another key give nothing", principal: role, key: "kms:KeyOrigin", facts: &KeyFacts{Arn: guideKey2, Origin: "AWS_KMS"}},
		{name: "an encryption context pair is read from the request", principal: role, key: "kms:EncryptionContext:dept", ec: map[string]string{"Dept": "IT"}, want: []string{"IT"}},
		{name: "a value the Context gives wins over the implied one", principal: exampleUser, key: "aws:username", ctx: Context{"aws:username": {"other"}}, want: []string{"other"}},
		{name: "a key neither given nor implied is absent", principal: role, key: "aws:SourceIp"},
	} {
		t.Run(c.name, func(t *testing.T) {
			// The account's key policy and an identity policy that allows
			// when the encryption context's "v" equals the variable:
			// Decide must agree with KeyValues.
			p := Policies{Identity: []*policy.Document{doc(t, `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"kms:Decrypt","Resource":"*",
				"Condition":{"StringEquals":{"kms:EncryptionContext:v":"${`+c.key+`}"}}}]}`)}, Key: c.facts, PrincipalTags: c.tags,
				Resource: doc(t, `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"kms:*","Resource":"*"}]}`)}
			e, err := Compile(p)
			require.NoError(t, err)
			r := Request{Principal: c.principal, Action: "kms:Decrypt", Resource: guideKey, Context: c.ctx, EncryptionContext: c.ec}
			got, ok, err := e.KeyValues(r, c.key)
			require.NoError(t, err)
			require.Equal(t, c.want != nil, ok)
			require.Equal(t, c.want, got)
			if c.ec == nil && len(c.want) == 1 {
				r.EncryptionContext = map[string]string{"v": c.want[0]}
				d, err := e.Decide(r)
				require.NoError(t, err)
				require.Equal(t, Allowed, d, "Decide reads ${%s} as %q", c.key, c.want[0])
			}
		})
	}
}

func TestKeyValuesRefusesWhatDecideRefuses(t *testing.T) {
	e, err := Compile(Policies{})
	require.NoError(t, err)
	_, ok, err := e.KeyValues(Request{Principal: "bob", Action: "kms:Decrypt", Resource: guideKey}, "aws:username")
	require.Error(t, err)
	require.False(t, ok)
	_, _, err = (*Evaluator)(nil).KeyValues(Request{}, "aws:username")
	require.Error(t, err)
}
