// Command gencases writes a file of generated differential test cases, and
// optionally the same cases as the oracle should see them (see
// difftest.OracleView).
//
//	go run ./internal/difftest/cmd/gencases -seed 1 -n 5000 -o cases.json \
//	    -oracle-view oracle-cases.json -deviations internal/difftest/testdata/deviations.json
//
// With -managed DIR (the folder internal/managedpolicies/fetch.sh filled)
// it appends -managed-n cases built from AWS's own managed policies (see
// difftest.RealCases).
package main
