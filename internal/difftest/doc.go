// Package difftest checks the evaluate engine against an independent
// implementation of AWS IAM policy evaluation (differential testing).
//
// A Generator makes random but realistic cases from a fixed seed: real kms,
// cloudhsm, ec2, iam and sts actions and ARNs, the principals around a KMS
// custom key store (users, role sessions, account roots, service principals,
// cross-account callers), every condition operator family and every policy
// type combination. Each Case carries the policies as JSON text, the request
// and feature tags. An external oracle decides the same cases; Compare then
// lists the disagreements, excusing only those matched by a Deviation rule
// (a checked-in list of places where the oracle is known to differ from
// AWS, each citing the AWS rule that decides it).
//
// The usual run is a script that installs the oracle into a temporary
// folder, then:
//
//	cases := difftest.NewGenerator(1).Cases(5000)
//	report := difftest.Compare(cases, oracle, ours, deviations)
//	fmt.Println(report.Summary())
//
// The package itself never runs the oracle and never needs it to build or
// test.
package difftest
