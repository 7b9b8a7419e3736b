package evaluate_test

import (
	"fmt"

	"github.com/cksiam/cksiam/evaluate"
	"github.com/cksiam/cksiam/policy"
)

// The one-line check: does this policy let alice create a custom key store?
func ExampleEvaluate() {
	doc, err := policy.Parse([]byte(`{"Version":"2012-10-17","Statement":[
	  {"Sid":"ManageKeyStores","Effect":"Allow","Action":"kms:*CustomKeyStore*","Resource":"*"}]}`))
	if err != nil {
		panic(err)
	}
	res, err := evaluate.Evaluate(evaluate.Policies{Identity: []*policy.Document{doc}},
		evaluate.Request{
			Principal: "arn:aws:iam::111122223333:user/alice",
			Action:    "kms:CreateCustomKeyStore",
			Resource:  "*",
		})
	if err != nil {
		panic(err)
	}
	fmt.Println(res.Decision)
	fmt.Println(res.Statements[0].Path(), res.Statements[0].Sid)
	// Output:
	// allowed
	// Identity[0].Statement[0] ManageKeyStores
}

// The compiled path: compile the policies once, then decide many requests.
// A KMS key request needs the key policy; here it names the role that may
// use the key, so the role's sessions need no IAM policy.
func ExampleCompile() {
	keyPolicy, err := policy.Parse([]byte(`{"Version":"2012-10-17","Statement":[
	  {"Sid":"Enable IAM policies","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"kms:*","Resource":"*"},
	  {"Sid":"Allow use of the key","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:role/ExampleRole"},
	   "Action":["kms:Encrypt","kms:Decrypt","kms:ReEncrypt*","kms:GenerateDataKey*","kms:DescribeKey"],"Resource":"*"}]}`))
	if err != nil {
		panic(err)
	}
	ev, err := evaluate.Compile(evaluate.Policies{Resource: keyPolicy})
	if err != nil {
		panic(err)
	}
	const key = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
	for _, r := range []evaluate.Request{
		{Principal: "arn:aws:sts::111122223333:assumed-role/ExampleRole/app", Action: "kms:Decrypt", Resource: key},
		{Principal: "arn:aws:sts::111122223333:assumed-role/ExampleRole/app", Action: "kms:ScheduleKeyDeletion", Resource: key},
		{Principal: "arn:aws:iam::111122223333:user/alice", Action: "kms:Decrypt", Resource: key},
	} {
		d, err := ev.Decide(r)
		if err != nil {
			panic(err)
		}
		fmt.Println(r.Action, d)
	}
	res, _ := ev.Evaluate(evaluate.Request{Principal: "arn:aws:iam::111122223333:user/alice", Action: "kms:Decrypt", Resource: key})
	fmt.Println(res.Reason)
	// Output:
	// kms:Decrypt allowed
	// kms:ScheduleKeyDeletion implicitDeny
	// kms:Decrypt implicitDeny
	// no identity policy allows kms:Decrypt
}

// Explicit deny anywhere wins, and the Result says which statement decided.
func ExampleEvaluator_Evaluate() {
	identity, _ := policy.Parse([]byte(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}`))
	scp, _ := policy.Parse([]byte(`{"Version":"2012-10-17","Statement":[
	  {"Effect":"Allow","Action":"*","Resource":"*"},
	  {"Sid":"NoKeyDeletion","Effect":"Deny","Action":"kms:ScheduleKeyDeletion","Resource":"*"}]}`))
	ev, _ := evaluate.Compile(evaluate.Policies{Identity: []*policy.Document{identity}, SCPs: [][]*policy.Document{{scp}}})
	res, _ := ev.Evaluate(evaluate.Request{
		Principal: "arn:aws:iam::111122223333:user/alice",
		Action:    "kms:ScheduleKeyDeletion",
		Resource:  "*",
	})
	fmt.Println(res.Decision, res.Statements[0].Path(), res.Statements[0].Sid)
	// Output:
	// explicitDeny SCPs[0][0].Statement[1] NoKeyDeletion
}

// Explaining a stream of requests: one Explanation is reused, and the
// reason is put together only when asked.
func ExampleEvaluator_Explain() {
	identity, _ := policy.Parse([]byte(`{"Version":"2012-10-17","Statement":[{"Sid":"UseKeys","Effect":"Allow","Action":"kms:Decrypt","Resource":"*"}]}`))
	ev, _ := evaluate.Compile(evaluate.Policies{Identity: []*policy.Document{identity}})
	var x evaluate.Explanation
	for _, action := range []string{"kms:Decrypt", "kms:Encrypt"} {
		if err := ev.Explain(evaluate.Request{Principal: "arn:aws:iam::111122223333:user/alice", Action: action, Resource: "*"}, &x); err != nil {
			fmt.Println(err)
			continue
		}
		if x.Decision != evaluate.Allowed {
			fmt.Println(action, x.Decision, "-", x.Reason())
			continue
		}
		fmt.Println(action, x.Decision, "by", x.Statements[0].Sid)
	}
	// Output:
	// kms:Decrypt allowed by UseKeys
	// kms:Encrypt implicitDeny - no identity policy allows kms:Encrypt
}

// A document that breaks the policy grammar is refused, naming the element;
// read loosely, a Deny the engine cannot read applies to every request.
func ExampleLooseDocuments() {
	doc := &policy.Document{Version: policy.Version2012, Statement: []policy.Statement{
		{Effect: policy.Allow, Action: policy.List("s3:*"), Resource: policy.List("*")},
		{Effect: policy.Deny, Action: policy.List("s3:GetObject "), Resource: policy.List("*")}, // trailing space
	}}
	p := evaluate.Policies{Identity: []*policy.Document{doc}}
	_, err := evaluate.Compile(p)
	fmt.Println(err != nil)
	ev, err := evaluate.Compile(p, evaluate.LooseDocuments())
	if err != nil {
		panic(err)
	}
	res, err := ev.Evaluate(evaluate.Request{Principal: "arn:aws:iam::111122223333:user/alice", Action: "s3:ListBucket", Resource: "arn:aws:s3:::bucket"})
	if err != nil {
		panic(err)
	}
	fmt.Println(res.Decision, res.Diagnostics[0].Code, res.Diagnostics[0].Where)
	// Output:
	// true
	// explicitDeny UNREADABLE_STATEMENT Identity[0].Statement[1]
}

// Two context keys that differ only in case say two things about one
// condition key: the request is refused.
func ExampleContext_Check() {
	ctx := evaluate.Context{"aws:SourceVpc": {"vpc-1"}, "AWS:SOURCEVPC": {"vpc-2"}}
	fmt.Println(ctx.Check())
	// Output:
	// evaluate: Request.Context: has the keys "AWS:SOURCEVPC" and "aws:SourceVpc", which name one condition key (key names ignore case): give it once
}

// Compiling an evaluator per principal of an account whose principals
// share policies: the cache checks each shared document's grammar once.
func ExampleWithCompileCache() {
	shared := &policy.Document{Version: policy.Version2012, Statement: []policy.Statement{
		{Effect: policy.Allow, Action: policy.List("kms:Decrypt"), Resource: policy.List("*")},
	}}
	keyPolicy := &policy.Document{Version: policy.Version2012, Statement: []policy.Statement{
		{Effect: policy.Allow, Principal: &policy.Principal{AWS: policy.List("arn:aws:iam::111122223333:root")}, Action: policy.List("kms:*"), Resource: policy.List("*")},
	}}
	cache := evaluate.NewCompileCache()
	for _, user := range []string{"alice", "bob"} {
		ev, err := evaluate.Compile(evaluate.Policies{Identity: []*policy.Document{shared}, Resource: keyPolicy}, evaluate.WithCompileCache(cache))
		if err != nil {
			panic(err)
		}
		d, err := ev.Decide(evaluate.Request{Principal: "arn:aws:iam::111122223333:user/" + user, Action: "kms:Decrypt",
			Resource: "arn:aws:kms:us-west-2:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"})
		if err != nil {
			panic(err)
		}
		fmt.Println(user, d)
	}
	// Output:
	// alice allowed
	// bob allowed
}
