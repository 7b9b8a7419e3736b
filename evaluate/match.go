package evaluate

import "github.com/cksiam/cksiam/internal/ascii"

// outcome is what one docSet says about a request.
type outcome struct {
	allow bool
	deny  bool
	// how is the union of the ways the applicable Allow statements name the
	// caller (resource-based policies only).
	how match
}

// eval evaluates the statements of ds that match the request's action (r)
// or, with zero rows, every statement of ds.
func (ds *docSet) eval(s *state, r *rows) outcome {
	var out outcome
	if ds.allowsAll && s.tr == nil {
		return outcome{allow: true}
	}
	if r.off != nil {
		for _, i := range r.of(ds) {
			ds.stmts[i].evalMatched(s, &out)
		}
		return out
	}
	// Without rows (an evaluator without the action index, or too many
	// statements for gather): every statement, matched against the action.
	for i := range ds.stmts {
		ds.stmts[i].eval(s, &out)
	}
	return out
}

// eval applies one statement: action, resource, principal, then conditions.
func (st *stmt) eval(s *state, out *outcome) {
	if st.matchAction(s) {
		st.evalMatched(s, out)
	}
}

// evalMatched applies a statement whose action matches.
func (st *stmt) evalMatched(s *state, out *outcome) {
	if st.deny && out.deny && s.tr == nil || !st.deny && out.allow && s.tr == nil && st.principal == nil {
		return // the fast path already knows what this statement could add
	}
	s.cur, s.cond = st, nil
	if !st.anyResource && !st.matchResource(s) {
		return
	}
	var how match
	if st.principal != nil {
		m := st.principal.matchCaller(&s.caller)
		switch {
		case !st.notPrincipal:
			if m == 0 {
				return
			}
			how = m
		case st.deny:
			// Deny with NotPrincipal: exempt only when every level of the
			// caller's identity is listed (aws-rules I), and never an IAM user
			// or role with a permissions boundary: "The NotPrincipal element
			// with a Deny effect will always deny any IAM principal that has
			// a permissions boundary policy attached" (IAM User Guide,
			// NotPrincipal and permissions boundaries pages).
			if exempts(m, &s.caller) && !(s.hasBoundary && s.caller.hasIdentity() && s.caller.kind != callerRoot) {
				return
			}
		default:
			// Allow with NotPrincipal grants everyone not listed; listing
			// any level of the caller excludes it (the reading that grants
			// less).
			if m != 0 {
				return
			}
			how = matchEveryone
		}
	}
	c := triTrue // most statements have no Condition: skip the call
	if len(st.conds) > 0 {
		c = s.evalConditions(st.conds)
	}
	if st.deny {
		if c == triFalse {
			return
		}
		out.deny = true
		if s.tr != nil {
			s.tr.denies = append(s.tr.denies, *st.ref)
			if c == triError {
				s.tr.diag(errDiag(DiagFailClosedDeny, "Deny statement applied because a condition could not be evaluated (fail closed)", st.ref.Path()))
			}
		}
		return
	}
	if c != triTrue {
		return
	}
	out.allow = true
	out.how |= how
	if s.tr != nil {
		s.tr.allows = append(s.tr.allows, *st.ref)
	}
}

func (st *stmt) matchAction(s *state) bool {
	return st.listsAction(s) != st.notAction
}

// listsAction reports whether an Action/NotAction value matches the
// request's action.
func (st *stmt) listsAction(s *state) bool {
	groups := st.groups
	if len(groups) > 0 && groups[0].id == 0 {
		for _, k := range groups[0].idx {
			if st.actions[k].full.Match(s.action) {
				return true
			}
		}
		groups = groups[1:]
	}
	// The group of the request's service, by binary search on the sorted
	// service numbers.
	lo, hi := 0, len(groups)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if groups[m].id < s.svcID {
			lo = m + 1
		} else {
			hi = m
		}
	}
	if lo == len(groups) || groups[lo].id != s.svcID || s.svcID == 0 {
		return false
	}
	grp := &groups[lo]
	if len(grp.lits) > 0 && containsFold(grp.lits, s.actionName) {
		return true
	}
	var c byte // a name's first byte; a pattern with a literal start needs it
	if s.actionName != "" {
		c = ascii.Lower(s.actionName[0])
	}
	for i, f := range grp.first {
		if (f == 0 || f == c) && st.actions[grp.idx[i]].matchName(s.actionName) {
			return true
		}
	}
	return false
}

func (st *stmt) matchResource(s *state) bool {
	if st.anyResource {
		return true
	}
	hit := false
	for i := range st.resources {
		if st.resources[i].match(s, s.resource) {
			hit = true
			break
		}
	}
	return hit != st.notResource
}

// containsFold reports whether sorted, a sorted list of lower-cased names,
// holds name in any ASCII case.
func containsFold(sorted []string, name string) bool {
	lo, hi := 0, len(sorted)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		switch c := ascii.CompareFold(name, sorted[m]); {
		case c == 0:
			return true
		case c > 0:
			lo = m + 1
		default:
			hi = m
		}
	}
	return false
}
