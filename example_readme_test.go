package cksiam_test

import (
	"errors"
	"fmt"
	"log"

	"github.com/cksiam/cksiam/evaluate"
	"github.com/cksiam/cksiam/policy"
	"github.com/cksiam/cksiam/policy/catalog"
	"github.com/cksiam/cksiam/roles"
)

// The README's quick start, line for line (TestREADMEGoSnippetsAreExamples
// keeps the two the same).
func Example_readmeQuickStart() {
	doc, err := policy.Parse([]byte(`{
  "Version": "2012-10-17",
  "Statement": [{
    "Effect": "Allow",
    "Action": ["kms:CreateCustomKeyStore", "kms:DescribeCustomKeyStores"],
    "Resource": "*"
  }]
}`))
	if err != nil {
		var perr *policy.Error
		if errors.As(err, &perr) {
			log.Fatalf("bad policy at %s: %s", perr.Path, perr.Reason)
		}
		log.Fatal(err)
	}
	for _, f := range policy.Validate(doc, policy.IdentityPolicy, policy.WithChecker(catalog.Default())) {
		fmt.Println(f) // severity, stable code, JSON path, message
	}

	// Is the action allowed? The one-line check:
	res, err := evaluate.Evaluate(evaluate.Policies{Identity: []*policy.Document{doc}},
		evaluate.Request{
			Principal: "arn:aws:iam::111122223333:user/alice",
			Action:    "kms:CreateCustomKeyStore",
			Resource:  "*",
		})
	if err != nil {
		log.Fatal(err) // *evaluate.Error: the request field or policy element refused
	}
	fmt.Println(res.Decision, res.Reason) // allowed: an identity policy allows kms:CreateCustomKeyStore

	// Many requests against the same policies: compile once, decide in nanoseconds.
	ev, err := evaluate.Compile(evaluate.Policies{Identity: []*policy.Document{doc}})
	if err != nil {
		log.Fatal(err)
	}
	d, err := ev.Decide(evaluate.Request{Principal: "arn:aws:iam::111122223333:user/alice",
		Action: "kms:DeleteCustomKeyStore", Resource: "*"})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(d) // implicitDeny: no statement allows kms:DeleteCustomKeyStore
	// Output:
	// allowed an identity policy allows kms:CreateCustomKeyStore
	// implicitDeny
}

// The README's least-privilege role, line for line.
func Example_readmeRole() {
	role, err := roles.KeyStoreManager(roles.Options{Account: "111122223333", Region: "us-east-1"})
	if err != nil {
		log.Fatal(err) // *roles.OptionError naming the field
	}
	doc := role.Document()              // *policy.Document, canonical
	v := role.Verify()                  // every intended action allowed, every near miss denied
	in, err := role.CreatePolicyInput() // *iam.CreatePolicyInput for the AWS SDK
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(len(doc.Statement), v.Summary.OK(), *in.PolicyName)
	// Output: 2 true KeyStoreManager
}
