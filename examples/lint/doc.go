// Command lint validates IAM policy files of one kind — the policy grammar
// of that kind, its size quota, and the AWS action catalog (unknown
// actions, condition keys no action supports, actions a Resource can never
// match) — and reports each finding with its file, line and column, as
// text, JSON or SARIF 2.1.0 for code-scanning services.
//
//	go build -o lint ./examples/lint
//	./lint -kind key -format sarif key-policies/*.json > lint.sarif
//
// -kind is one of identity, resource, key, trust, boundary, session, scp and
// rcp. A file named "-" is read from standard input and reported under the
// name -stdin-name gives.
//
// Findings carry a severity (ERROR, SECURITY_WARNING, WARNING,
// SUGGESTION), a stable code, the JSON path of the element and a message.
// -fail-on sets the least severe finding that fails the run (default
// error; none reports without failing). A file that does not parse is a
// PARSE_ERROR finding and fails the run whatever -fail-on says: it was not
// checked.
//
// -suppressions names a JSON file of accepted findings:
//
//	{"suppressions": [
//	  {"code": "FULL_SERVICE_ACCESS", "path": "Statement[0].Action[0]",
//	   "file": "key-policies/admin.json", "reason": "the key administrators' policy, reviewed"}
//	]}
//
// Each entry names a finding code and a JSON path ("" for findings about the
// whole document), optionally the file (as given on the command line;
// without it the entry applies to every file), and the reason, which is
// required. A suppressed finding does not count towards the exit status; it
// appears in -json with its reason and in SARIF as a result with an
// external suppression. A suppression that matches no finding is reported
// as an UNUSED_SUPPRESSION warning at its place in the suppressions file.
//
// With -json the output is one object: {"kind", "failOn", "catalog",
// "files", "findings": [{"file", "line", "column", "severity", "code",
// "path", "message", "suppressed"}], "failed"}. Findings are sorted by file
// name, then in document order.
//
// Exit status: 0 when no unsuppressed finding reaches -fail-on, 1 when one
// does (or a file does not parse), 2 for -h and on bad input (bad flags, a
// file or suppressions file that cannot be read). go run reports every
// non-zero status as 1: build the command (or go install it) to get 2.
package main
