package evaluate

import (
	"slices"

	"github.com/cksiam/cksiam/policy"
)

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

// compileStmt compiles the statement ref names in d.
func compileStmt(t PolicyType, ref *StatementRef, d *policy.Document, g *grammarNotes) (stmt, error) {
	s := &d.Statement[ref.StatementIndex]
	st := stmt{ref: ref, deny: s.Effect == policy.Deny}
	fail := func(elem, reason string) (stmt, error) {
		return stmt{}, policyError(st.ref.Path()+elem, reason)
	}
	if !s.Effect.Valid() {
		return fail(".Effect", "must be \"Allow\" or \"Deny\", got "+quote(string(s.Effect)))
	}
	switch {
	case s.Action.Present() && s.NotAction.Present():
		return fail("", "has both Action and NotAction")
	case s.Action.Present():
		st.actions = make([]actionPattern, 0, len(s.Action.Values))
		for _, a := range s.Action.Values {
			st.actions = append(st.actions, compileAction(a))
		}
	case s.NotAction.Present():
		st.notAction = true
		st.actions = make([]actionPattern, 0, len(s.NotAction.Values))
		for _, a := range s.NotAction.Values {
			st.actions = append(st.actions, compileAction(a))
		}
	default:
		return fail("", "has neither Action nor NotAction")
	}
	vars := d.VariablesEnabled()
	switch {
	case s.Resource.Present() && s.NotResource.Present():
		return fail("", "has both Resource and NotResource")
	case s.Resource.Present():
		for _, r := range s.Resource.Values {
			st.resources = append(st.resources, compileResource(r, vars))
		}
		// Resource "*" (first, so that no entry before it could record a
		// missing policy variable) matches every request: skip the loop.
		if len(st.resources) > 0 && st.resources[0].tmpl == nil && st.resources[0].pat.shape == shapeAny {
			st.anyResource = true
		}
	case s.NotResource.Present():
		st.notResource = true
		for _, r := range s.NotResource.Values {
			st.resources = append(st.resources, compileResource(r, vars))
		}
	case t == TypeResource:
		// Trust policies (and some other resource policies) omit Resource:
		// the statement is about the resource the policy is attached to
		// (aws-rules A.1).
		st.anyResource = true
	default:
		return fail("", "has neither Resource nor NotResource")
	}
	switch {
	case s.Principal != nil && s.NotPrincipal != nil:
		return fail("", "has both Principal and NotPrincipal")
	case !resourceBased(t) && (s.Principal != nil || s.NotPrincipal != nil):
		return fail(".Principal", "is not allowed in a policy of type "+string(t)+" (aws-rules A.1)")
	case s.Principal != nil:
		st.principal = compilePrincipal(s.Principal)
	case s.NotPrincipal != nil:
		st.principal, st.notPrincipal = compilePrincipal(s.NotPrincipal), true
	case resourceBased(t):
		return fail("", "has neither Principal nor NotPrincipal, which a "+string(t)+" policy requires")
	}
	for _, b := range s.Condition {
		op, err := policy.ParseOperator(b.Operator)
		if err != nil {
			return fail(".Condition."+b.Operator, err.Error())
		}
		for _, ent := range b.Entries {
			ce := compileEntry(op, b.Operator, ent, vars && variablesAllowed(op.Base.Family()))
			// A value the validator cannot read is not read here either,
			// whatever the operator's own reader would make of it.
			if why, bad := g.entries[entryAt{stmt: ref.StatementIndex, op: b.Operator, key: ent.Key}]; bad && ce.bad == "" {
				ce.bad = why
			}
			st.conds = append(st.conds, ce)
		}
	}
	return st, nil
}

// variablesAllowed reports whether policy variables are substituted in
// condition values of family f: only the String and ARN operators
// (aws-rules A.8). Elsewhere "${" is literal text.
func variablesAllowed(f policy.OperatorFamily) bool {
	return f == policy.FamilyString || f == policy.FamilyARN
}

// actionGroup holds the action patterns of one statement that name one
// service, so that a request for another service costs one comparison.
type actionGroup struct {
	id uint16 // the service's number (compiler.services); 0: patterns matched as a whole
	// lits are the literal action names of the group, lower-cased and
	// sorted, found by binary search (a NotAction list may name hundreds).
	lits []string
	idx  []uint32 // the other patterns, as indexes into stmt.actions
	// first holds, per pattern, the lower-cased first byte of its name, or
	// 0 when the name starts with a wildcard: a one-byte filter checked
	// before the pattern itself.
	first []byte
}

func (st *stmt) groupActions(c *compiler) {
	copied := false
	for k := range st.actions {
		a := &st.actions[k]
		var id uint16 // 0: matched as a whole
		if a.service != "" {
			if id = c.intern(a.service); id == 0 {
				// The actions may be shared through a CompileCache: change
				// a copy.
				if !copied {
					st.actions, copied = slices.Clone(st.actions), true
					a = &st.actions[k]
				}
				a.full = compileGlob(a.raw, true)
			}
		}
		g := st.group(id)
		if id != 0 && a.shape == shapeLiteral {
			g.lits = append(g.lits, a.prefix)
			continue
		}
		g.idx = append(g.idx, uint32(k))
		g.first = append(g.first, a.firstByte())
	}
	for i := range st.groups {
		g := &st.groups[i]
		slices.Sort(g.lits)
		g.lits = slices.Compact(g.lits)
	}
	// By service number, the whole patterns (0) first: listsAction finds
	// the request's service by binary search.
	slices.SortFunc(st.groups, func(a, b actionGroup) int { return int(a.id) - int(b.id) })
}

// group returns the statement's group of service number id, adding it.
func (st *stmt) group(id uint16) *actionGroup {
	for i := range st.groups {
		if st.groups[i].id == id {
			return &st.groups[i]
		}
	}
	st.groups = append(st.groups, actionGroup{id: id})
	return &st.groups[len(st.groups)-1]
}

// hasWholeActions reports whether some action value is matched as a whole
// (see stmt.groups).
func (st *stmt) hasWholeActions() bool {
	for i := range st.groups {
		if st.groups[i].id == 0 {
			return true
		}
	}
	return false
}
