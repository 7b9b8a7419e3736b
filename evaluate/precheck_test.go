package evaluate

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cksiam/cksiam/policy"
)

// requireChecksAsCompile holds CheckPolicies to Compile: the same error
// (or none) for p, strictly, with LooseDocuments and with a CompileCache.
func requireChecksAsCompile(t *testing.T, p Policies) error {
	t.Helper()
	var first error
	for _, opts := range [][]Option{nil, {LooseDocuments()}, {WithCompileCache(NewCompileCache())}} {
		_, want := Compile(p, opts...)
		got := CheckPolicies(p, opts...)
		if want == nil {
			require.NoError(t, got)
		} else {
			require.EqualError(t, got, want.Error())
		}
		if opts == nil {
			first = got
		}
	}
	return first
}

func TestCheckPoliciesRefusesWhatCompileRefuses(t *testing.T) {
	read := func(text string) *policy.Document {
		d, err := readLoose(text)
		require.NoError(t, err)
		return d
	}
	good := read(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"kms:Decrypt","Resource":"*"}]}`)
	keyPolicy := read(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"kms:*","Resource":"*"}]}`)
	cases := []struct {
		name   string
		p      Policies
		refuse bool
	}{
		{name: "an identity policy and a key policy compile", p: Policies{Identity: []*policy.Document{good}, Resource: keyPolicy}},
		{name: "no policies at all compile", p: Policies{}},
		{name: "a nil identity document is refused", p: Policies{Identity: []*policy.Document{good, nil}}, refuse: true},
		{name: "a nil document in a later SCP level is refused", p: Policies{Identity: []*policy.Document{good}, SCPs: [][]*policy.Document{{good}, {good, nil}}}, refuse: true},
		{name: "a document with an unknown Version is refused", p: Policies{Identity: []*policy.Document{read(`{"Version":"2013-01-01","Statement":[{"Effect":"Allow","Action":"kms:Decrypt","Resource":"*"}]}`)}}, refuse: true},
		{name: "a statement with an unknown Effect is refused", p: Policies{Identity: []*policy.Document{read(`{"Version":"2012-10-17","Statement":[{"Effect":"Permit","Action":"kms:Decrypt","Resource":"*"}]}`)}}, refuse: true},
		{name: "a statement with both Action and NotAction is refused", p: Policies{Boundary: read(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"kms:Decrypt","NotAction":"s3:*","Resource":"*"}]}`)}, refuse: true},
		{name: "a Principal in an identity policy is refused", p: Policies{Identity: []*policy.Document{keyPolicy}}, refuse: true},
		{name: "a key policy statement without a Principal is refused", p: Policies{Resource: good}, refuse: true},
		{name: "an unknown condition operator is refused", p: Policies{Session: read(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"kms:Decrypt","Resource":"*","Condition":{"StringEqualz":{"aws:SourceIp":"x"}}}]}`)}, refuse: true},
		{name: "an unreadable condition value is not a refusal", p: Policies{Identity: []*policy.Document{read(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"kms:Decrypt","Resource":"*","Condition":{"NumericLessThan":{"aws:MultiFactorAuthAge":"soon"}}}]}`)}}},
		{name: "the first refusal is the one Compile gives (identity before resource)", p: Policies{Identity: []*policy.Document{keyPolicy}, Resource: good}, refuse: true},
		{name: "a grant without a grantee is refused", p: Policies{Identity: []*policy.Document{good}, Grants: []Grant{{KeyId: keyARN, GrantId: "g", Operations: []string{"Decrypt"}}}}, refuse: true},
		{name: "key facts naming a non-key ARN are refused", p: Policies{Resource: keyPolicy, Key: &KeyFacts{Arn: "arn:aws:s3:::b"}}, refuse: true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := requireChecksAsCompile(t, c.p)
			require.Equal(t, c.refuse, err != nil, "%v", err)
		})
	}
}

// FuzzCheckPolicies: for documents built without policy.Parse's checks,
// in any position, CheckPolicies gives exactly Compile's error.
func FuzzCheckPolicies(f *testing.F) {
	f.Add(`{"Statement":[{"Effect":"Allow","Action":"kms:","Resource":""}]}`, uint8(0))
	f.Add(`{"Statement":[{"Effect":"Deny","NotPrincipal":{"AWS":["arn:aws:sts::1:assumed-role/","","*"]},"NotAction":[""],"NotResource":["${"]}]}`, uint8(1))
	f.Add(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Federated":""},"Action":"*","Condition":{"ForAnyValue:ArnLike":{"k":["${a}:${b, 'c'}:*"]},"NumericEquals":{"k":[]}}}]}`, uint8(1))
	f.Add(`{"Version":"2012-10-17","Statement":[{"Sid":"a","Effect":"Allow","Action":"kms:Decrypt","Resource":"*"},{"Sid":"a","Effect":"Deny","Action":"kms:Decrypt","Resource":"*"}]}`, uint8(4))
	f.Add(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"kms:Decrypt"}]}`, uint8(5))
	f.Fuzz(func(t *testing.T, text string, where uint8) {
		d, err := readLoose(text)
		if err != nil {
			return
		}
		requireChecksAsCompile(t, place(d, where, Policies{}))
	})
}

func ExampleCheckPolicies() {
	d, err := policy.Parse([]byte(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"kms:Decrypt","Resource":"*"}]}`))
	if err != nil {
		panic(err)
	}
	// A Principal has no place in an identity policy: Compile would refuse it.
	fmt.Println(CheckPolicies(Policies{Identity: []*policy.Document{d}}) != nil)
	fmt.Println(CheckPolicies(Policies{Resource: d}))
	// Output:
	// true
	// <nil>
}
