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
// new policy allows.
func ExampleNoNewAccess() {
	old := parse(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["kms:Decrypt","kms:Encrypt"],"Resource":"arn:aws:kms:us-west-2:111122223333:key/*"}]}`)
	new := parse(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["kms:Decrypt","kms:Encrypt","kms:ScheduleKeyDeletion"],"Resource":"arn:aws:kms:us-west-2:111122223333:key/*"}]}`)
	res, err := prove.NoNewAccess(prove.Identity, old, new)
	if err != nil {
		panic(err)
	}
	fmt.Println(res.Verdict, res.Witness.Action)
	res, _ = prove.NoNewAccess(prove.Identity, new, old)
	fmt.Println(res.Verdict)
	// Output:
	// refuted kms:ScheduleKeyDeletion
	// proved
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
