package evaluate

import "github.com/cksiam/cksiam/policy"

// stmt is one compiled statement.
type stmt struct {
	// What evalMatched reads comes first, in the first 64 bytes: a
	// statement is 128 bytes (TestCompiledLayout) and a docSet's
	// statements lie in one allocation of a multiple of 128 bytes, which
	// starts on a cache line, so that is one line; an evaluator that is
	// not in cache pays a memory access per line. Action matching, which
	// the Compile-time memo usually spares, comes next.
	deny         bool
	notAction    bool
	notResource  bool
	anyResource  bool // no Resource element (the resource the policy is attached to), or Resource "*" first
	notPrincipal bool
	resources    []resourcePattern
	principal    *principalSet // nil: no Principal element (identity-type policies)
	conds        []condEntry
	actions      []actionPattern // every Action or NotAction value
	// groups holds the action values grouped by service; the group of
	// service number 0 holds those matched as a whole (a wildcard in the
	// service part, or more services than can be numbered).
	groups []actionGroup
	// For explanations.
	ref *StatementRef
	_   [8]byte // to 128 bytes
}

// compileStmt compiles the statement ref names in d, in memory from m
// (nil: its own allocations). It refuses what checkStmt refuses.
func compileStmt(t PolicyType, ref *StatementRef, d *policy.Document, g *grammarNotes, m *compileMem) (stmt, error) {
	if err := checkStmt(t, ref, &d.Statement[ref.StatementIndex]); err != nil {
		return stmt{}, err
	}
	return buildStmt(t, ref, d, g, m, true), nil
}

// checkStmt returns the error Compile gives for a statement s of a policy
// of type t that AWS would refuse: an Effect that is neither Allow nor
// Deny, both or neither of Action and NotAction, of Resource and
// NotResource (a resource policy may omit both), of Principal and
// NotPrincipal where t takes one, a Principal where t takes none, or an
// unknown condition operator. A statement it accepts compiles.
func checkStmt(t PolicyType, ref *StatementRef, s *policy.Statement) error {
	fail := func(elem, reason string) error {
		return policyError(ref.Path()+elem, reason)
	}
	if !s.Effect.Valid() {
		return fail(".Effect", "must be \"Allow\" or \"Deny\", got "+quote(string(s.Effect)))
	}
	switch {
	case s.Action.Present() && s.NotAction.Present():
		return fail("", "has both Action and NotAction")
	case !s.Action.Present() && !s.NotAction.Present():
		return fail("", "has neither Action nor NotAction")
	}
	switch {
	case s.Resource.Present() && s.NotResource.Present():
		return fail("", "has both Resource and NotResource")
	case !s.Resource.Present() && !s.NotResource.Present() && t != TypeResource:
		return fail("", "has neither Resource nor NotResource")
	}
	switch {
	case s.Principal != nil && s.NotPrincipal != nil:
		return fail("", "has both Principal and NotPrincipal")
	case !resourceBased(t) && (s.Principal != nil || s.NotPrincipal != nil):
		return fail(".Principal", "is not allowed in a policy of type "+string(t)+" (aws-rules A.1)")
	case resourceBased(t) && s.Principal == nil && s.NotPrincipal == nil:
		return fail("", "has neither Principal nor NotPrincipal, which a "+string(t)+" policy requires")
	}
	for _, b := range s.Condition {
		if _, err := policy.ParseOperator(b.Operator); err != nil {
			return fail(".Condition."+b.Operator, err.Error())
		}
	}
	return nil
}

// buildStmt compiles a statement checkStmt accepts; without actions, not
// its action patterns (a statement known to match the one action it will
// be asked about, see oneShot).
func buildStmt(t PolicyType, ref *StatementRef, d *policy.Document, g *grammarNotes, m *compileMem, actions bool) stmt {
	s := &d.Statement[ref.StatementIndex]
	st := stmt{ref: ref, deny: s.Effect == policy.Deny}
	acts := s.Action.Values
	if s.NotAction.Present() {
		st.notAction, acts = true, s.NotAction.Values
	}
	if actions {
		st.actions = takeFrom(m, func(m *compileMem) *pool[actionPattern] { return &m.actions }, len(acts))
		for i, a := range acts {
			st.actions[i] = compileAction(a, m.lt())
		}
	}
	vars := d.VariablesEnabled()
	switch {
	case s.Resource.Present():
		st.resources = compileResources(s.Resource.Values, vars, m)
		// Resource "*" (first, so that no entry before it could record a
		// missing policy variable) matches every request: skip the loop.
		if len(st.resources) > 0 && st.resources[0].tmpl == nil && st.resources[0].pat.shape == shapeAny {
			st.anyResource = true
		}
	case s.NotResource.Present():
		st.notResource = true
		st.resources = compileResources(s.NotResource.Values, vars, m)
	default:
		// Trust policies (and some other resource policies) omit Resource:
		// the statement is about the resource the policy is attached to
		// (aws-rules A.1). checkStmt refuses the omission elsewhere.
		st.anyResource = true
	}
	switch {
	case s.Principal != nil:
		st.principal = compilePrincipal(s.Principal, m)
	case s.NotPrincipal != nil:
		st.principal, st.notPrincipal = compilePrincipal(s.NotPrincipal, m), true
	}
	if len(s.Condition) == 0 {
		return st
	}
	// The entries in one array and their values in another.
	entries, values := 0, 0
	for _, b := range s.Condition {
		entries += len(b.Entries)
		for _, ent := range b.Entries {
			values += len(ent.Values)
		}
	}
	st.conds = takeFrom(m, func(m *compileMem) *pool[condEntry] { return &m.conds }, entries)[:0]
	vals := takeFrom(m, func(m *compileMem) *pool[condValue] { return &m.values }, values)
	for _, b := range s.Condition {
		op, _ := policy.ParseOperator(b.Operator) // checkStmt read it
		for _, ent := range b.Entries {
			n := len(ent.Values)
			ce := compileEntry(op, b.Operator, ent, vars && variablesAllowed(op.Base.Family()), vals[:n:n], m)
			vals = vals[n:]
			// A value the validator cannot read is not read here either,
			// whatever the operator's own reader would make of it.
			if why, bad := g.entries[entryAt{stmt: ref.StatementIndex, op: b.Operator, key: ent.Key}]; bad && ce.bad == "" {
				ce.bad = why
			}
			st.conds = append(st.conds, ce)
		}
	}
	return st
}

// compileResources compiles Resource or NotResource values, in memory
// from m; nil for none.
func compileResources(vals []string, vars bool, m *compileMem) []resourcePattern {
	if len(vals) == 0 {
		return nil
	}
	out := takeFrom(m, func(m *compileMem) *pool[resourcePattern] { return &m.resources }, len(vals))
	for i, r := range vals {
		out[i] = compileResource(r, vars)
	}
	return out
}

// variablesAllowed reports whether policy variables are substituted in
// condition values of family f: only the String and ARN operators
// (aws-rules A.8). Elsewhere "${" is literal text.
func variablesAllowed(f policy.OperatorFamily) bool {
	return f == policy.FamilyString || f == policy.FamilyARN
}
