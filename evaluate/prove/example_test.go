package prove_test

import (
	"fmt"

	"github.com/cksiam/cksiam/evaluate"
	"github.com/cksiam/cksiam/evaluate/prove"
	"github.com/cksiam/cksiam/policy"
)

func parse(s string) *policy.Document {
	d, err := policy.Parse([]byte(s))
	if err != nil {
		panic(err)
	}
	return d
}

// A policy change that adds an action is refuted, with a request only the
// new policy allows. The change back is proved from the statements alone
// (the narrower Allow lies within the wider one): no search, Steps 0.
func ExampleNoNewAccess() {
	old := parse(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["kms:Decrypt","kms:Encrypt"],"Resource":"arn:aws:kms:us-west-2:111122223333:key/*"}]}`)
	new := parse(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["kms:Decrypt","kms:Encrypt","kms:ScheduleKeyDeletion"],"Resource":"arn:aws:kms:us-west-2:111122223333:key/*"}]}`)
	res, err := prove.NoNewAccess(prove.Identity, old, new)
	if err != nil {
		panic(err)
	}
	fmt.Println(res.Verdict, res.Witness.Action)
	res, _ = prove.NoNewAccess(prove.Identity, new, old)
	fmt.Println(res.Verdict, res.Steps)
	// Output:
	// refuted kms:ScheduleKeyDeletion
	// proved 0
}

// The catalog knows that s3:ListAllMyBuckets takes no resource, so a
// policy that grants s3:* on one bucket's objects never grants it.
func ExampleAccessNotGranted() {
	doc := parse(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"arn:aws:s3:::data/*"}]}`)
	res, _ := prove.AccessNotGranted(prove.Identity, doc, []string{"s3:ListAllMyBuckets"}, nil)
	fmt.Println(res.Verdict)
	res, _ = prove.AccessNotGranted(prove.Identity, doc, []string{"s3:DeleteObject"}, nil)
	fmt.Println(res.Verdict, res.Witness.Resource)
	// Output:
	// proved
	// refuted arn:aws:s3:::data/x
}

// A key policy that allows everyone lets other accounts in, unless a
// condition keeps them out.
func ExampleNoExternalAccess() {
	open := parse(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"kms:Decrypt","Resource":"*"}]}`)
	closed := parse(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"kms:Decrypt","Resource":"*",
		"Condition":{"StringEquals":{"kms:CallerAccount":"111122223333"}}}]}`)
	res, _ := prove.NoExternalAccess(prove.KeyPolicy, open, "111122223333")
	fmt.Println(res.Verdict)
	res, _ = prove.NoExternalAccess(prove.KeyPolicy, closed, "111122223333")
	fmt.Println(res.Verdict)
	// Output:
	// refuted
	// proved
}

// Over composed policies: a permissions boundary never adds access.
func ExampleNoNewAccessPolicies() {
	identity := []*policy.Document{parse(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}`)}
	boundary := parse(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}`)
	res, _ := prove.NoNewAccessPolicies(evaluate.Policies{Identity: identity}, evaluate.Policies{Identity: identity, Boundary: boundary})
	fmt.Println(res.Verdict)
	// Output:
	// proved
}

// Who can decrypt with a key when the request's source address and
// encryption context are not known: a grant with an encryption context
// constraint allows it for some requests, and the residual condition says
// which.
func ExampleOpen_Decide() {
	const key = "arn:aws:kms:us-west-2:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
	keyPolicy := parse(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"kms:*","Resource":"*"}]}`)
	op, err := prove.CompileOpen(evaluate.Policies{
		Resource: keyPolicy,
		Grants: []evaluate.Grant{{KeyId: key, GrantId: "g1", GranteePrincipal: "arn:aws:iam::111122223333:role/app",
			Operations:  []string{"Decrypt"},
			Constraints: &evaluate.GrantConstraints{EncryptionContextSubset: map[string]string{"Dept": "IT"}}}},
	})
	if err != nil {
		panic(err)
	}
	ans, err := op.Decide(prove.Question{Request: evaluate.Request{
		Principal: "arn:aws:iam::111122223333:role/app", Action: "kms:Decrypt", Resource: key}})
	if err != nil {
		panic(err)
	}
	fmt.Println(ans.Extent, ans.Allowed.EncryptionContext)
	for _, c := range ans.Residual {
		for _, b := range c {
			for _, e := range b.Entries {
				fmt.Println(b.Operator, e.Key, e.Values[0].Text)
			}
		}
	}
	// Output:
	// sometimes map[Dept:IT]
	// StringEquals kms:EncryptionContext:Dept IT
}
