// Package policy is a Go model of the AWS IAM policy language that can be
// trusted with real documents: identity policies, KMS key policies, role
// trust policies, bucket and other resource policies, permissions
// boundaries, session policies, SCPs and RCPs.
//
// It exists because the usual ways of reading a policy in Go are quietly
// lenient where AWS is not, and lenient in the wrong direction for a tool
// that must prove who may do what: encoding/json keeps the last of two
// "Effect" keys, accepts "effect", ignores unknown elements and condition
// operators, and rounds numbers. Parse instead fails closed: anything
// outside AWS's grammar is a *Error naming the JSON path of the offending
// element, such as "Statement[2].Condition.StringEqulas", and wrapping the
// kind of problem (ErrUnknownOperator, ErrSyntax, ErrDuplicateKey…), so
// that a misspelt operator can never silently widen or narrow a policy.
//
// The main call parses a document:
//
//	doc, err := policy.Parse(data)
//	var perr *policy.Error
//	if errors.As(err, &perr) {
//		fmt.Println(perr.Path, perr.Reason)
//	}
//	if errors.Is(err, policy.ErrUnknownOperator) { … }
//
// Documents are written back with Document.Format (indented, AWS's element
// order, ready for golden files), Document.Compact or json.Marshal, each
// element in the form it was given: a single string stays a string, a
// single statement object stays an object, condition values keep their
// JSON type and text. A document formatted as AWS shows it round-trips byte
// for byte, and Parse → write → Parse is a fixed point for every input.
//
// Policies are built with struct literals and small helpers (NewDocument,
// List, NewCondition, AWSPrincipal, ServicePrincipal…), and
// Document.Normalize sorts and de-duplicates them, actions ignoring case and
// resources by exact text, so generated output is deterministic. Validate
// checks a document against the rules of a Kind and returns findings.
//
// Comments cite the AWS rules the code follows by section of the project's
// reference, docs/aws-rules.md in the repository: "aws-rules A.1" is its
// section A.1, which names the AWS documentation page it restates
// (https://github.com/cksiam/cksiam/blob/main/docs/aws-rules.md).
package policy
