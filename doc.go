// Package cksiam knows exactly who may do what around AWS KMS custom key
// stores, and proves it offline.
//
// It is a library of three parts:
//
//   - [github.com/cksiam/cksiam/policy] models the IAM policy language:
//     strict parsing with errors that name the JSON path, exact round-trip
//     writing, building and normalising documents, and validation per
//     document kind (identity, resource, KMS key, trust, boundary, session,
//     SCP, RCP). Its catalog sub-package embeds every AWS action.
//   - [github.com/cksiam/cksiam/evaluate] decides requests the way AWS does:
//     explicit deny, SCPs and RCPs, resource and identity policies, KMS key
//     policies, trust policies, permissions boundaries and session
//     policies, every condition operator, compiled once and evaluated in
//     nanoseconds.
//   - [github.com/cksiam/cksiam/roles] holds the principals of the AWS KMS
//     guide page "Controlling access to your custom key store" as typed Go
//     values that generate least-privilege policies, prove them through the
//     evaluator and audit existing principals.
//
// The shortest useful program parses a policy and asks whether it allows an
// action:
//
//	doc, err := policy.Parse([]byte(`{"Version":"2012-10-17","Statement":[
//	  {"Effect":"Allow","Action":"kms:*CustomKeyStore*","Resource":"*"}]}`))
//	if err != nil { ... }
//	res, err := evaluate.Evaluate(evaluate.Policies{Identity: []*policy.Document{doc}},
//	  evaluate.Request{Principal: "arn:aws:iam::111122223333:user/alice",
//	    Action: "kms:CreateCustomKeyStore", Resource: "*"})
//	fmt.Println(res.Decision) // allowed
package cksiam
