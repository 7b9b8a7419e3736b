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
// it; every package's doc.go says why it exists and shows its main call,
// and each command's main.go calls run(args, stdout, stderr) in run.go,
// which its tests call. Paths are relative to the module root; every file
// other than doc.go, main.go and tests is named below.
//
//   - policy: the policy document. parse.go, parse_strings.go,
//     parse_condition.go and scanner.go read JSON strictly, within parse_limits.go's bound, into
//     lists carved from parse_arena.go's shared chunks (errors.go; locate.go and position.go turn paths into line:column;
//     unmarshal.go is the json.Unmarshaler door to Parse); document.go,
//     principal.go, condition.go, operator.go, strings.go, sid.go and
//     arn.go are its types; writer.go, quote.go and marshal.go write it
//     back; build.go and normalize.go build and sort it; validate*.go check
//     it for a kind (kind.go, kind_text.go for the names kinds and
//     severities marshal as; trust.go the actions a trust policy allows),
//     with the finding codes of validate_codes.go and the size quotas of
//     quota.go, measured by compact_size.go without writing the document;
//     value_read.go is its door to policy/value.
//   - policy/catalog: every AWS service, action, resource type and condition
//     key, embedded (catalog.go, load.go, generate.go; service.go,
//     action.go, resource.go, key.go and global.go for the global keys are
//     its types); expand.go expands action patterns; check*.go check
//     policies against it with the codes of codes.go, and request_action.go
//     and request_key.go check requests, with did-you-mean suggestions
//     (suggest.go).
//   - policy/value: the one reader of condition values (number.go, date.go,
//     date_w3c.go, ip.go, arn.go, scalar.go, typed.go; errors.go) and the
//     exact sets reasoning works with (set.go, interval.go, ipset.go,
//     relation.go).
//   - evaluate: the decision engine. request.go, request_limits.go,
//     request_resource.go and options.go are its inputs; evaluate.go is the
//     one-call Evaluate, which compiles only the statements its request's
//     action reaches (oneshot.go); compile.go compiles policies once
//     (statement.go one statement, group.go its actions grouped by
//     service, grammar.go the policy grammar every
//     document must meet, compile_cache.go reuses that check across
//     compilations, names.go and variables.go the names and policy
//     variables statements hold, lower.go the lower-cased names;
//     precheck.go runs its checks alone, CheckPolicies), and
//     passes.go and index.go add the shortcuts that spare a decision work
//     (the action index finds the statements that match a request's
//     action); decide.go is AWS's decision table over a request's state
//     (state.go); match.go, action.go, resource.go and principal.go match
//     statements; condition.go and operators_*.go decide conditions;
//     context.go, context_value.go, caller.go, derived_names.go (implied
//     keys that are not substrings of the request) and facts.go give the
//     request its keys, and keyvalues.go reads them for other packages (a policy
//     variable's value, as Decide reads it); guardrails.go says where SCPs and RCPs apply; grant.go and
//     grant_*.go decide KMS grants; result.go, trace.go and
//     statement_lookup.go explain a decision, result_copy.go copies its
//     lists out of Evaluate's pooled trace, explain.go into storage the
//     caller reuses (Explain); errors.go names the faulty
//     input.
//   - evaluate/simulator: SimulateCustomPolicy on the AWS SDK's own types
//     (simulator.go reads the input, simulator_input.go and
//     simulator_context.go check it, simulator_output.go shapes the
//     results, paging.go and marker.go page them).
//   - evaluate/kmskey: ListGrants, DescribeKey and ListResourceTags output,
//     from the AWS CLI's JSON (json.go) or the SDK, as evaluate's grants
//     (grants.go) and key facts (facts.go); Access Analyzer's key
//     configuration (keyconfig.go), either format (file.go); checks of a
//     key's grants (check.go, principal.go), where an element of a grant
//     is in its file (locate.go), and the errors naming it (errors.go).
//   - evaluate/prove: questions about every request — no new access, access
//     never granted, no access from outside — proved, refuted with a
//     request the evaluator confirms, or unknown with a reason (prove.go,
//     result.go, options.go; question.go refuses action and resource
//     patterns no request can match; cover.go proves NoNewAccess from the
//     statements when each new Allow lies within an old one, without
//     search). Each part of a request is a dimension split
//     into cells by automata (nfa.go, explore.go, dimcells.go) or by the
//     values' order (keys.go): actions.go, resources.go, principals.go with
//     caller.go and accounts.go (every unnamed account stood for by two),
//     keys.go with keysets.go, condeval.go and template.go (value sets,
//     conditions and policy variables over cells), probe.go (strings that
//     tell patterns apart); the catalog's knowledge in catindex.go, with
//     tagkeys.go (the actions that carry request tags); the
//     evaluator's decision table read by probes in facts.go and grant.go;
//     the search in problem.go, model.go, instance.go, search.go and
//     leaf.go, with repair.go (a candidate tied by policy variables given
//     their values), keyrelation.go (a witness's encryption context and
//     request tags list their names) and what questions share in
//     cache.go and opencache.go (the unlisted actions of a service).
//     Requests fixed but for some
//     context keys — allowed always, sometimes (with the residual
//     condition) or never — in open.go, open_keys.go, open_decide.go and
//     open_residual.go.
//   - evaluate/snapshot: one account's authorization data (account.go reads
//     the directory; gaad.go, iam.go, kms.go, org.go and organization.go,
//     check.go, jsonread.go for errors that name the file and element,
//     errors.go; principal.go and document.go are what it holds) and who
//     can use or administer a key in it (whocan.go and decide.go,
//     named.go for the principals the key policy and the grants name,
//     grants.go, facts.go and keys.go for what the snapshot fixes,
//     bounds.go for the context keys it does not, open.go for the rows the
//     prover decides, report.go).
//   - roles: the guide page's principals (options.go, role.go, all.go,
//     keystore.go, cluster.go, kms.go, keys.go, keypolicy.go,
//     servicelinked.go; template.go and resources.go the ARNs they scope
//     to), their documents and AWS SDK inputs (document.go, sdk.go), their
//     proof through the evaluator (verify.go, matrix*.go, nearmiss.go,
//     catalogsource.go, and proof.go for the proofs over every request)
//     and audits of existing principals (audit*.go) and of an account
//     snapshot (account.go).
//   - examples/check: decides requests (run.go); flags.go reads the
//     command line, input.go, grants.go and catalog.go turn it into
//     policies, requests and actions, names.go speaks of the library's
//     paths as flags, and answer.go is the -json output.
//   - examples/keystore: every role's policy and verification (run.go);
//     flags.go, json.go for -json, audit.go for -snapshot.
//   - examples/lint: findings per file (run.go); flags.go, grants.go for
//     -kind grants, output.go for text and JSON, sarif.go for SARIF 2.1.0,
//     suppress.go and suppress_json.go for the suppressions file.
//   - examples/prove: questions about every request (run.go); input.go
//     checks the question (catalog actions, resource patterns, documents
//     the evaluator refuses) and text.go explains the answer with the
//     check command lines that reproduce it.
//   - examples/whocan: who can use or administer a key (run.go).
//   - internal/cli: what every command shares (exit.go, flags.go, files.go).
//   - internal/readme: the command lines the README shows, for the
//     commands' tests to run as a user would copy them (commands.go).
//   - internal/glob: the wildcard matcher IAM uses; each fast search has an
//     obvious twin it is fuzzed against (glob.go, match.go; twoway.go for
//     long pieces, quest.go for pieces holding '?').
//   - internal/account: 12-digit account IDs as integers (account.go).
//   - internal/ascii: the one home of ASCII case folding (fold.go), of
//     reading eight bytes as a word (word.go) and of the lower-case names
//     ARNs hold (name.go); each fast helper is fuzzed against an obvious
//     twin kept with its tests.
//   - internal/arn: the one home of splitting ARNs into their six parts
//     (arn.go), fuzzed against strings.SplitN, and of the AWS partitions'
//     names (partition.go).
//   - internal/cataloggen: builds policy/catalog's embedded data from the
//     Service Authorization Reference (build.go).
//   - internal/managedpolicies: the corpus of every AWS managed policy
//     version, fetched by CI for tests (load.go, fortest.go).
//   - internal/difftest, internal/difftest/ours, internal/difftest/cmd/gencases,
//     internal/difftest/cmd/compare, internal/difftest/cmd/benchcases: the
//     differential test against an independent IAM simulator: cases
//     (case.go) generated over a world of accounts and principals
//     (world.go, elements.go, keys.go, condgen.go, policies.go, generate.go)
//     or built from AWS's managed policies (real.go), decided by this
//     module (ours.go) and compared (compare.go, deviation.go, rewrite.go;
//     the cases it excuses are in testdata/deviations.json).
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
