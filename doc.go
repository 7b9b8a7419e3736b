// Package cksiam knows exactly who may do what around AWS KMS custom key
// stores, and proves it offline.
//
// It is a library of three parts, and commands built on them:
//
//   - [github.com/cksiam/cksiam/policy] models the IAM policy language:
//     strict parsing with errors that name the JSON path, exact round-trip
//     writing, building and normalising documents, and validation per
//     document kind (identity, resource, KMS key, trust, boundary, session,
//     SCP, RCP). Its catalog sub-package embeds every AWS action, and its
//     value sub-package reads condition values once for everyone.
//   - [github.com/cksiam/cksiam/evaluate] decides requests the way AWS does:
//     explicit deny, SCPs and RCPs, resource and identity policies, KMS key
//     policies and grants, trust policies, permissions boundaries and
//     session policies, every condition operator, compiled once and
//     evaluated in nanoseconds. Beside it, an offline SimulateCustomPolicy
//     (evaluate/simulator), readers of what AWS says about a KMS key
//     (evaluate/kmskey), and "who can use this key?" over an account
//     snapshot (evaluate/snapshot).
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
//
// # Layout
//
// Each package has one job, and each file holds one concept, named after
// it. Paths are relative to the module root.
//
//   - policy: the policy document. parse.go, parse_condition.go and
//     scanner.go read JSON strictly (errors.go; locate.go and position.go
//     turn paths into line:column); document.go, principal.go,
//     condition.go, operator.go, strings.go, sid.go and arn.go are its
//     types; writer.go and marshal.go write it back; build.go and
//     normalize.go build and sort it; validate*.go check it for a kind
//     (kind.go), with the finding codes of validate_codes.go and the size
//     quotas of quota.go; value_read.go is its door to policy/value.
//   - policy/catalog: every AWS service, action, resource type and condition
//     key, embedded (catalog.go, load.go, generate.go); expand.go expands
//     action patterns; check*.go check policies against it and
//     request_action.go and request_key.go check requests, with did-you-mean
//     suggestions (suggest.go).
//   - policy/value: the one reader of condition values (number.go, date.go,
//     date_w3c.go, ip.go, arn.go, scalar.go, typed.go) and the exact sets
//     reasoning works with (set.go, interval.go, ipset.go, relation.go).
//   - evaluate: the decision engine. request.go and options.go are its
//     inputs; compile.go compiles policies once (statement.go one
//     statement), and passes.go and index.go add the shortcuts that spare a
//     decision work (the action index finds the statements that match a
//     request's action); decide.go is AWS's decision table; match.go, action.go, resource.go and principal.go
//     match statements; condition.go and operators_*.go decide conditions;
//     context.go, context_value.go, caller.go and facts.go give the request
//     its keys; guardrails.go says where SCPs and
//     RCPs apply; grant_*.go decide KMS
//     grants; result.go and trace.go explain a decision; errors.go names the
//     faulty input.
//   - evaluate/simulator: SimulateCustomPolicy on the AWS SDK's own types
//     (simulator.go reads the input, simulator_input.go and
//     simulator_context.go check it, simulator_output.go shapes the
//     results, paging.go and marker.go page them).
//   - evaluate/kmskey: ListGrants, DescribeKey and ListResourceTags output,
//     from the AWS CLI's JSON (json.go) or the SDK, as evaluate's grants
//     (grants.go) and key facts (facts.go); Access Analyzer's key
//     configuration (keyconfig.go), either format (file.go); checks of a
//     key's grants (check.go, principal.go) and where an element of a
//     grant is in its file (locate.go).
//   - evaluate/prove: questions about every request — no new access, access
//     never granted, no access from outside — proved, refuted with a
//     request the evaluator confirms, or unknown with a reason (prove.go,
//     result.go, options.go). Each part of a request is a dimension split
//     into cells by automata (nfa.go, explore.go) or by the values' order
//     (keys.go): actions.go, resources.go, principals.go, keys.go; the
//     catalog's knowledge in catindex.go; the evaluator's decision table
//     read by probes in facts.go and grant.go; the search in problem.go,
//     model.go, instance.go, search.go and leaf.go. Requests fixed but for
//     some context keys — allowed always, sometimes (with the residual
//     condition) or never — in open.go, open_keys.go, open_decide.go and
//     open_residual.go.
//   - evaluate/snapshot: one account's authorization data (account.go reads
//     the directory; gaad.go, iam.go, kms.go, org.go, check.go) and who can
//     use or administer a key in it (whocan.go, named.go for the principals
//     the key policy and the grants name, grants.go, facts.go and keys.go for
//     what the snapshot fixes, decide.go and bounds.go for rows over the keys
//     it does not fix, open.go for those the prover decides, report.go;
//     errors.go names bad input).
//   - roles: the guide page's principals (options.go, role.go, keystore.go,
//     cluster.go, kms.go, keypolicy.go, servicelinked.go), their documents
//     and AWS SDK inputs (document.go, sdk.go), their proof through the
//     evaluator (verify.go, matrix*.go, nearmiss.go) and audits of existing
//     principals (audit*.go) and of an account snapshot (account.go).
//   - examples/check, examples/keystore, examples/lint, examples/prove,
//     examples/whocan: the
//     commands; main.go calls run(args, stdout, stderr) in run.go, which a
//     test can call.
//   - internal/cli: what every command shares (exit.go, flags.go, files.go).
//   - internal/readme: the command lines the README shows, for the
//     commands' tests to run as a user would copy them (commands.go).
//   - internal/glob: the wildcard matcher IAM uses; each fast search has an
//     obvious twin it is fuzzed against (glob.go, match.go; twoway.go for
//     long pieces, quest.go for pieces holding '?').
//   - internal/account: 12-digit account IDs as integers (account.go).
//   - internal/ascii: the one home of ASCII case folding (fold.go) and of
//     reading eight bytes as a word (word.go); each helper is fuzzed
//     against an obvious twin kept with its tests.
//   - internal/arn: the one home of splitting ARNs into their six parts
//     (arn.go), fuzzed against strings.SplitN.
//   - internal/cataloggen: builds policy/catalog's embedded data from the
//     Service Authorization Reference (build.go).
//   - internal/managedpolicies: the corpus of every AWS managed policy
//     version, fetched by CI for tests (load.go).
//   - internal/difftest, internal/difftest/ours, internal/difftest/cmd/gencases,
//     internal/difftest/cmd/compare, internal/difftest/cmd/benchcases: the
//     differential test against an independent IAM simulator (generate.go,
//     compare.go, deviation.go; the cases it excuses are in
//     testdata/deviations.json).
//
// Outside the packages: docs/aws-rules.md is the reference of the AWS rules
// the code follows; .ci/run is what CI runs; bench/run.sh measures the
// engine against the independent simulator; BENCHMARKS.md records figures.
//
// # AWS rules
//
// Comments, tests and messages cite the AWS rule behind a non-obvious
// behaviour as "aws-rules C.2": section C.2 of docs/aws-rules.md
// (https://github.com/cksiam/cksiam/blob/main/docs/aws-rules.md), the
// project's own reference, where each section names the AWS documentation
// page it restates and section I lists the readings the project takes
// where AWS's pages are silent.
package cksiam
