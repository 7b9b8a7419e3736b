// Command check decides requests against policy files offline, the way AWS
// IAM would, and says why.
//
//	go build -o check ./examples/check
//	./check -identity examples/check/testdata/alice.json \
//	    -resource-policy examples/check/testdata/default-key-policy.json \
//	    -principal arn:aws:iam::111122223333:user/alice \
//	    -action kms:Decrypt -action kms:ScheduleKeyDeletion \
//	    -resource arn:aws:kms:us-west-2:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab \
//	    -context kms:ViaService=ec2.us-west-2.amazonaws.com
//
// Policies: -identity (repeatable), -resource-policy, -boundary,
// -session-policy, -scp and -rcp (repeatable, one per organization level,
// root first). A file named "-" is read from standard input (once). The
// request: -principal, -resource, -resource-account, -context key=value
// (repeatable; a repeated key gets several values) and one or more
// -action. Every flag that takes one value may be given once.
//
// KMS grants and facts about the key and the caller: -grants (aws kms
// list-grants output, or IAM Access Analyzer's key configuration, whose
// key policy then stands for -resource-policy), -key-metadata (aws kms
// describe-key output), -key-tags (aws kms list-resource-tags output),
// -principal-tag key=value and -encryption-context key=value (both
// repeatable; keys are given once, ignoring case), -grant-id (the grant a
// kms:RetireGrant request retires). The engine's readings of what AWS
// leaves open about grants are chosen with -grant-boundaries
// (like-resource-policy, always-limited, never-limited), -account-grantees
// (delegates, root-only, whole-account) and -grant-source-arn
// (as-condition, never-holds); without them the engine's defaults apply.
//
// Each action is decided on its own, and the answers are printed in order
// of action name (ignoring case), whatever the order given. An action the
// embedded catalog does not know is refused with the nearest one it knows
// (kms:Decrpyt: did you mean kms:Decrypt?); give an action newer than the
// catalog with -new-action. A -context key the catalog does not know is
// reported in a note. A policy that breaks the policy grammar is refused
// naming its flag, file and JSON path; -loose-documents reads it
// fail-closed instead (evaluate.LooseDocuments: an unreadable Deny applies
// to every request, an unreadable Allow to none).
//
// With -json the answer is one JSON object: {"principal", "resource",
// "expect" and "asExpected" (with -expect), "notes", "results": [{"action",
// "decision", "asExpected", "reason", "statements", "verdicts",
// "missingContextKeys", "diagnostics", and, when a KMS grant allowed,
// "grantId" and "grant": {"flag", "file", "path"}}, …]}. Diagnostics carry their
// severity by name ("ERROR"); locations name flags and files, not Go
// fields.
//
// Exit status: 0 when every action is allowed, 1 when one is denied, 2 for
// -h and on bad input (a missing or repeated flag, an unreadable file, a
// policy that does not parse, an unknown action). With -expect allowed or
// -expect denied, 0 when every action got that answer and 1 otherwise.
// go run reports every non-zero status as 1: build the command (or
// go install it) to get 2.
package main
