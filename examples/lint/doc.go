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
// -kind grants checks a KMS key's grants instead: each file is aws kms
// list-grants output (one page or several one after another) or IAM Access
// Analyzer's key configuration (KmsKeyConfiguration, or a
// create-access-preview configurations map naming one key), and each grant
// is checked as kmskey.CheckGrants does — grantees and retiring principals
// that cannot be ones (IAM groups, organizations, wildcards), duplicate
// grants (SECURITY_WARNING: a duplicate keeps the access when the original
// is retired), unknown operations, operations no key type supports
// together, encryption-context constraints that limit nothing. With
// -key-metadata (aws kms describe-key output of the key the grants are
// on), also operations the key cannot serve (Sign on a symmetric key, data
// keys on an asymmetric one, data key pairs in a custom key store) and
// grants on another key. A key configuration's key policy is validated as
// a key policy; its findings are placed at the policy string, with the
// path inside the policy after "keyPolicies.default.". A finding on a
// later page of a listing has a path starting "page N ". The codes are
// the GRANT_* constants of package kmskey.
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
// With -json the output is one object: {"kind" (a policy kind's name, or
// "KMSGrants"), "failOn", "catalog",
// "files", "findings": [{"file", "line", "column", "severity", "code",
// "path", "message", "suppressed"}], "failed"}. Findings are sorted by file
// name, then in document order.
//
// Exit status: 0 when no unsuppressed finding reaches -fail-on, 1 when one
// does (or a file does not parse), 2 for -h and on bad input (bad flags, a
// file or suppressions file that cannot be read). go run reports every
// non-zero status as 1: build the command (or go install it) to get 2.
package main
