package prove

import (
	"slices"
	"strings"

	"github.com/cksiam/cksiam/evaluate"
	"github.com/cksiam/cksiam/internal/ascii"
	"github.com/cksiam/cksiam/policy"
)

// A proof from the statements. NoNewAccess(old, new) holds without search
// when every Allow statement of new is within one Allow statement of old
// and every Deny statement of old is within one Deny statement of new: a
// request new allows matches an Allow of new, hence one of old, and no
// Deny of new, hence no Deny of old (the decision of one document is
// "an Allow matches and no Deny does", aws-rules A.1, and the frames add
// the same policies to both sides). "Within" is read from the text alone
// and only where it is certain (statementWithin); anything less certain is
// left to the search. Such a proof spends no steps (Result.Steps is 0),
// so Budget does not limit it. The argument needs the evaluator to read
// each statement, and each condition entry, on its own: an entry the
// evaluator cannot read is an error whatever its neighbours hold, and the
// entries combine as a conjunction in which false wins over an error
// (cover_review_test.go holds a pair where a misread neighbour broke it).
//
// The proof is only given where the search would answer Proved too, so
// that the two never answer differently: both documents compile, neither
// holds a policy variable (the search may be unsure of a candidate there,
// ReasonVariableAcrossKeys), no condition key is tested by operators of
// different families (ReasonUnsupported), and no pattern may tell unnamed
// accounts apart (accounts.go, ReasonUnmodelledKeyRelation).

// detailCovered is the Detail of a proof from the statements.
const detailCovered = "every Allow statement of the new document is within one of the old document, and every Deny of the old one within one of the new: no request is a counterexample (proved from the statements, without search)"

// coveredProof answers NoNewAccess(old, new) from the statements, or
// reports false to leave the question to the search.
func coveredProof(k Kind, old, new *policy.Document) (Result, bool) {
	if old.Version != new.Version || !plainDoc(old) || !plainDoc(new) || mixedFamilies(old, new) {
		return Result{}, false
	}
	for i := range new.Statement {
		s := &new.Statement[i]
		if s.Effect == policy.Allow && !slices.ContainsFunc(old.Statement, func(o policy.Statement) bool {
			return o.Effect == policy.Allow && statementWithin(s, &o)
		}) {
			return Result{}, false
		}
	}
	for i := range old.Statement {
		s := &old.Statement[i]
		if s.Effect == policy.Deny && !slices.ContainsFunc(new.Statement, func(n policy.Statement) bool {
			return n.Effect == policy.Deny && statementWithin(s, &n)
		}) {
			return Result{}, false
		}
	}
	// Last, as it costs the most: a document the evaluator refuses is an
	// error of the search, not a proof (Compile's checks, without building
	// an evaluator).
	for _, d := range []*policy.Document{old, new} {
		if err := evaluate.CheckPolicies(raw(k, d)); err != nil {
			return Result{}, false
		}
	}
	return Result{Verdict: Proved, Detail: detailCovered}, true
}

// plainDoc reports whether a document holds no policy variable and no
// pattern that may tell unnamed accounts apart (the checks of
// problem.checkAccounts, on the text).
func plainDoc(d *policy.Document) bool {
	for i := range d.Statement {
		st := &d.Statement[i]
		for _, l := range []policy.Strings{st.Action, st.NotAction} {
			for _, v := range l.Values {
				if strings.Contains(v, "${") {
					return false
				}
			}
		}
		for _, l := range []policy.Strings{st.Resource, st.NotResource} {
			for _, v := range l.Values {
				if strings.Contains(v, "${") || !accountSafe(encode(v)) {
					return false
				}
			}
		}
		for _, p := range []*policy.Principal{st.Principal, st.NotPrincipal} {
			if p == nil {
				continue
			}
			for _, l := range []policy.Strings{p.AWS, p.Service, p.Federated, p.CanonicalUser} {
				for _, v := range l.Values {
					if strings.Contains(v, "${") {
						return false
					}
				}
			}
		}
		for _, b := range st.Condition {
			op, err := policy.ParseOperator(b.Operator)
			if err != nil {
				return false
			}
			for _, e := range b.Entries {
				if strings.Contains(e.Key, "${") {
					return false
				}
				lower := ascii.ToLower(e.Key)
				for _, v := range e.Values {
					if strings.Contains(v.Text, "${") {
						return false
					}
					switch lower {
					case "aws:principalarn":
						if !accountSafe(encode(v.Text)) {
							return false
						}
					case "aws:principalaccount", "aws:resourceaccount", "kms:calleraccount", "aws:userid":
						if !accountValueSafe(op.Base.Positive(), v.Text) {
							return false
						}
					}
				}
			}
		}
	}
	return true
}

// mixedFamilies reports whether a condition key is tested by operators of
// different families anywhere in the documents (keyDim.family's test, over
// every entry of the key).
func mixedFamilies(docs ...*policy.Document) bool {
	fams := map[string]policy.OperatorFamily{}
	for _, d := range docs {
		for i := range d.Statement {
			for _, b := range d.Statement[i].Condition {
				op, err := policy.ParseOperator(b.Operator)
				if err != nil {
					return true
				}
				f, tested := keyFamily(op)
				if !tested {
					continue
				}
				for _, e := range b.Entries {
					lower := ascii.ToLower(e.Key)
					if g, ok := fams[lower]; ok && g != f {
						return true
					}
					fams[lower] = f
				}
			}
		}
	}
	return false
}

// statementWithin reports whether every request s matches, the statement
// w matches too, as far as the text shows it with certainty: w's
// principal names at least s's, w's actions and resources hold s's, and
// every condition entry of w is one of s's (same operator, key and values).
func statementWithin(s, w *policy.Statement) bool {
	return principalWithin(s, w) &&
		listWithin(s.Action, s.NotAction, w.Action, w.NotAction, true) &&
		listWithin(s.Resource, s.NotResource, w.Resource, w.NotResource, false) &&
		conditionWithin(s.Condition, w.Condition)
}

// principalWithin: no principal in either (identity policies), the same
// NotPrincipal, or a Principal of w naming every principal value of s
// ("*" only within "*").
func principalWithin(s, w *policy.Statement) bool {
	switch {
	case s.Principal == nil && s.NotPrincipal == nil:
		return w.Principal == nil && w.NotPrincipal == nil
	case s.NotPrincipal != nil:
		return s.Principal == nil && w.Principal == nil && w.NotPrincipal != nil &&
			namesWithin(s.NotPrincipal, w.NotPrincipal) && namesWithin(w.NotPrincipal, s.NotPrincipal)
	case w.Principal == nil:
		return false
	}
	return namesWithin(s.Principal, w.Principal)
}

// namesWithin: every value p names, q names too, of the same type.
func namesWithin(p, q *policy.Principal) bool {
	if p.Wildcard && !q.Wildcard {
		return false
	}
	sub := func(a, b policy.Strings) bool {
		for _, v := range a.Values {
			if !slices.Contains(b.Values, v) {
				return false
			}
		}
		return true
	}
	return sub(p.AWS, q.AWS) && sub(p.Service, q.Service) && sub(p.Federated, q.Federated) && sub(p.CanonicalUser, q.CanonicalUser)
}

// listWithin compares Action/NotAction (fold) or Resource/NotResource
// elements: s's values lie within w's. A statement without either element
// (a resource policy's statement without Resource) covers everything.
func listWithin(sIn, sOut, wIn, wOut policy.Strings, fold bool) bool {
	switch {
	case !wIn.Present() && !wOut.Present():
		return true
	case wIn.Present() && slices.ContainsFunc(wIn.Values, onlyStars):
		return true
	case wIn.Present() && sIn.Present():
		return valuesWithin(sIn.Values, wIn.Values, fold)
	case wOut.Present() && sOut.Present():
		// w excludes less than s does.
		return valuesWithin(wOut.Values, sOut.Values, fold)
	}
	return false
}

// valuesWithin: every pattern of a lies within one pattern of b.
func valuesWithin(a, b []string, fold bool) bool {
	for _, p := range a {
		if !slices.ContainsFunc(b, func(q string) bool { return globWithin(p, q, fold) }) {
			return false
		}
	}
	return true
}

// globWithin reports, where it is certain, whether every string the
// pattern p matches, q matches too ('*' any run, '?' one character; fold:
// ASCII case ignored, as action names are): q is only stars, the same
// pattern, or a literal prefix and one trailing '*' that p's literal
// prefix starts with.
func globWithin(p, q string, fold bool) bool {
	if onlyStars(q) || p == q || fold && ascii.EqualFold(p, q) {
		return true
	}
	pre, ok := strings.CutSuffix(q, "*")
	if !ok || strings.ContainsAny(pre, "*?") {
		return false
	}
	lit := p
	if i := strings.IndexAny(p, "*?"); i >= 0 {
		lit = p[:i]
	}
	if fold {
		return ascii.HasPrefixFold(lit, pre)
	}
	return strings.HasPrefix(lit, pre)
}

// onlyStars reports whether a pattern matches every string.
func onlyStars(p string) bool { return p != "" && strings.Trim(p, "*") == "" }

// conditionWithin: every entry of w is an entry of s (same operator as
// written, same key, the same values), so s's condition implies w's.
func conditionWithin(s, w policy.Condition) bool {
	for _, wb := range w {
		for _, we := range wb.Entries {
			if !slices.ContainsFunc(s, func(sb policy.ConditionBlock) bool {
				return sb.Operator == wb.Operator && slices.ContainsFunc(sb.Entries, func(se policy.ConditionEntry) bool {
					return se.Key == we.Key && sameValues(se.Values, we.Values)
				})
			}) {
				return false
			}
		}
	}
	return true
}

// sameValues: the same set of values, each with its JSON kind.
func sameValues(a, b []policy.Value) bool {
	in := func(x, y []policy.Value) bool {
		for _, v := range x {
			if !slices.Contains(y, v) {
				return false
			}
		}
		return true
	}
	return in(a, b) && in(b, a)
}
