// Command whocan answers "who can use or administer this KMS key?" over an
// account snapshot saved with the AWS CLI: every IAM user and role (with
// their groups, boundaries and managed policies' default versions), the
// root user, every grantee, the services and other accounts the key policy
// names, under the organization's SCPs and RCPs.
//
//	go run ./examples/whocan -snapshot DIR -resource KEY_ARN [-action A]... [-json]
//
// Without -action it asks about every kms action that takes a key. The
// text output is a table per action; -json prints
//
//	{"resource": "arn…", "access": [{"principal": "arn…", "action": "kms:Decrypt",
//	  "access": "allowed"|"conditional"|"unknown", "via": "…",
//	  "condition": [{"StringEquals": {…}}, …], "reason": "…"}],
//	 "externalAccounts": [{"account": "444455556666", "actions": ["kms:Decrypt"],
//	  "principals": ["arn:aws:iam::444455556666:root"]}],
//	 "incomplete": [{"kind": "…", "subject": "…", "detail": "…"}]}
//
// with a row only for principals that have some access. A conditional row's
// condition lists Condition blocks of which any one lets the request in;
// reason says why a row is unknown (or what limits a conditional row
// without a condition). It exits 0 with an answer, and 2 on bad input: a
// flag (an action the catalog does not know gets a did-you-mean), or a
// snapshot file, named with the JSON path of the problem.
package main
