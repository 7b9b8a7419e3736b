// Command compare decides a case file with the evaluate engine, compares the
// decisions with an oracle's, prints a one-line summary and exits 1 on any
// disagreement that the deviations file does not excuse.
//
//	go run ./internal/difftest/cmd/compare -cases cases.json -oracle oracle.json \
//	    -deviations internal/difftest/testdata/deviations.json
package main
