package evaluate

// The shortcuts: passes Compile runs once every statement is compiled, each
// precomputing something a decision would otherwise work out, so that the
// decision logic (decide.go) reads as the AWS decision table and the
// statement logic (match.go) as the AWS rules for one statement. Each
// pass below says when it applies; none changes a decision, which
// FuzzEvaluate checks by deciding with and without them.
//
//  1. allowsAll: a set that allows everything and denies nothing
//     (FullAWSAccess, AdministratorAccess) is not walked by Decide.
//  2. actionIndex (index.go), for every evaluator that decides more than
//     once: per set, the statements whose Action or NotAction matches each
//     action the policies name literally, and the statements whose
//     patterns can match any other, so that a decision visits only those,
//     whatever the sets' size.
//
// The package-level Evaluate decides once and runs none of them: it
// compiles only the statements that match its request's action
// (oneshot.go), which is what the action index would find.

// shortcuts runs the passes over the compiled sets.
func (c *compiler) shortcuts() {
	for _, ds := range c.sets() {
		ds.allowsAll = allowsAll(ds.stmts)
	}
	c.buildActionIndex()
}

// allowsAll reports whether stmts allow every request and deny none (see
// docSet.allowsAll).
func allowsAll(stmts []stmt) bool {
	all := false
	for i := range stmts {
		st := &stmts[i]
		if st.deny {
			return false
		}
		if st.notAction || !st.anyResource || st.principal != nil || len(st.conds) > 0 {
			continue
		}
		for _, a := range st.actions {
			if a.raw == "*" || a.raw == "*:*" {
				all = true
			}
		}
	}
	return all
}
