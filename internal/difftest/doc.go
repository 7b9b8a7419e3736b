// Package difftest checks the evaluate engine against an independent
// implementation of AWS IAM policy evaluation (differential testing).
//
// A Generator makes random but realistic cases from a fixed seed: real kms,
// cloudhsm, ec2, iam and sts actions and ARNs, the principals around a KMS
// custom key store (users, role sessions, account roots, service principals,
// cross-account callers), every condition operator family and every policy
// type combination. Each Case carries the policies as JSON text, the request
// and feature tags.
//
// RealCases adds cases nobody here wrote: each takes one version of an AWS
// managed policy (internal/managedpolicies) as the caller's identity
// policy, sometimes another as its boundary, and asks for an action a
// statement names, on a resource of a type the action takes (an instance of
// the statement's Resource pattern when it fits), with the condition keys
// the statement tests that the action carries, set from the statement's
// own values or near them.
//
// The oracle is known to differ from AWS in a few places, each listed in
// testdata/deviations.json with the AWS rule that decides it and matched to
// cases by their tags. Where an equivalent rewrite of the case exists that
// the oracle reads correctly, the deviation names it and OracleView gives
// the oracle the rewritten case, which must then agree; only the remaining
// deviations excuse a disagreement.
//
// run.sh is the whole check: it installs the oracle into a temporary folder,
// then
//
//	cases := difftest.NewGenerator(1).Cases(10000)   // cmd/gencases, also the oracle's view
//	// oracle/oracle.mjs decides the oracle's view, package ours decides the cases
//	report, err := difftest.Compare(cases, oracle, ours, deviations) // cmd/compare
//	fmt.Println(report.Summary())
//
// The package itself never runs the oracle and never needs it to build or
// test.
package difftest
