package evaluate

import "testing"

// The decision-table harness (runner_test.go), for the tests of package
// evaluate_test: one harness for every table of this directory.

// CheckDecision is checkDecision.
func CheckDecision(t *testing.T, p Policies, r Request, want Decision, wantErr bool, src string) Result {
	t.Helper()
	return checkDecision(t, p, nil, r, want, wantErr, src)
}

// CheckCondition is checkCondition.
func CheckCondition(t *testing.T, version, cond string, r Request, want CondWant, src string) {
	t.Helper()
	checkCondition(t, version, cond, r, want, src)
}

// CondWant is condWant; CondHolds, CondFails and CondUndecided its values.
type CondWant = condWant

// The truth of a Condition element (condWant).
const (
	CondHolds     = holds
	CondFails     = fails
	CondUndecided = undecided
)
