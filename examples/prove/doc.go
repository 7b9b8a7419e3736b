// Command prove answers questions about every request a policy allows,
// offline: does a change grant anything new, is an action never granted,
// can anyone outside the account get in. It is meant as a gate in CI.
//
//	go build -o prove ./examples/prove
//	./prove no-new-access      -kind identity|key|trust -old OLD.json -new NEW.json [-json]
//	./prove access-not-granted -kind identity|key|trust -policy P.json [-action A]... [-new-action A]... [-resource R]... [-json]
//	./prove no-external-access -kind key|trust -account 111122223333 -policy P.json [-json]
//
// The kinds say what the document is and which requests the question
// ranges over (see package evaluate/prove): identity, the caller's only
// identity-based policy; key, a KMS key policy; trust, a role trust policy.
// access-not-granted asks about the -action patterns on the -resource
// patterns (either may be left out: every action, every resource). An
// -action the catalog does not know is refused with a did-you-mean, and a
// pattern must match an action it knows (-new-action names an action
// newer than the catalog); a -resource pattern no request ARN can match
// (an upper-case service, an unknown partition, a short account) is
// refused too: either would make "proved" true for no request.
// A file named "-" is read from standard input.
//
// The answer is proved, refuted or unknown. A refuted answer comes with a
// counterexample request, printed as the examples/check command lines that
// reproduce it (one showing the request allowed, and for no-new-access one
// showing the old document deny it). With -json the answer is one object:
//
//	{"result": "proved"|"refuted"|"unknown", "reason": "...", "detail": "...",
//	 "witness": {"principal": "...", "action": "...", "resource": "...",
//	             "resourceAccount": "...", "context": {"key": ["value", ...]}}}
//
// reason is the Unknown reason (BudgetExceeded, VariableAcrossKeys,
// UnmodelledKeyRelation, Unsupported, EngineDisagrees) and empty
// otherwise; witness is present only when refuted, and its resourceAccount
// only when the request names one.
//
// Exit status: 0 proved, 1 refuted, 3 unknown, 2 for -h and bad input (an
// unknown subcommand, a missing or repeated flag, an unreadable file, a
// policy that does not parse or that the evaluator refuses, named by its
// flag, file and JSON path). go run
// reports every non-zero status as 1: build the command (or go install
// it) to get 2 and 3.
package main
