package cksiam_test

import (
	"fmt"

	"github.com/cksiam/cksiam/evaluate"
	"github.com/cksiam/cksiam/policy"
	"github.com/cksiam/cksiam/roles"
)

// The shortest useful program: parse a policy and ask whether it allows an
// action.
func Example() {
	doc, err := policy.Parse([]byte(`{"Version":"2012-10-17","Statement":[
	  {"Effect":"Allow","Action":"kms:*CustomKeyStore*","Resource":"*"}]}`))
	if err != nil {
		fmt.Println(err)
		return
	}
	res, err := evaluate.Evaluate(evaluate.Policies{Identity: []*policy.Document{doc}},
		evaluate.Request{
			Principal: "arn:aws:iam::111122223333:user/alice",
			Action:    "kms:CreateCustomKeyStore",
			Resource:  "*",
		})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(res.Decision)
	// Output: allowed
}

// A least-privilege policy for the custom key store manager the AWS KMS
// guide describes, proved through the evaluator.
func Example_keyStoreManager() {
	role, err := roles.KeyStoreManager(roles.Options{Account: "111122223333", Region: "us-east-1"})
	if err != nil {
		fmt.Println(err)
		return
	}
	v := role.Verify()
	fmt.Println(role.Name, v.Summary.OK())
	// Output: KeyStoreManager true
}
