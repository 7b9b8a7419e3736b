package difftest_test

import (
	"fmt"

	"github.com/cksiam/cksiam/internal/difftest"
)

func Example() {
	cases := difftest.NewGenerator(1).Cases(3)

	// In a real run the oracle's decisions come from oracle/oracle.mjs and
	// ours from the ours package; here both sides are made up.
	var oracle, ours []difftest.Result
	for _, c := range cases {
		oracle = append(oracle, difftest.Result{ID: c.ID, Decision: difftest.ImplicitDeny})
		ours = append(ours, difftest.Result{ID: c.ID, Decision: difftest.ImplicitDeny})
	}
	ours[2].Decision = difftest.Allowed
	deviations := []difftest.Deviation{{
		ID:     "example",
		Tags:   []string{"no-such-feature"},
		Rule:   "facts X",
		Reason: "matches no case",
	}}

	report, err := difftest.Compare(cases, oracle, ours, deviations)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(report.Summary())
	fmt.Println(report.OK())
	// Output:
	// difftest: 3 cases, 2 agree, 0 known deviations, 1 disagreements
	// false
}
