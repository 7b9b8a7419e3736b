package evaluate

import (
	"cmp"
	"slices"

	"github.com/cksiam/cksiam/policy"
)

// trace collects the explanation while Evaluate decides; Decide runs
// without one.
type trace struct {
	allows, denies []StatementRef
	verdicts       []PolicyVerdict
	missing        []string
	missingSeen    map[string]bool
	diags          []Diagnostic
	diagSeen       map[Diagnostic]bool
	reason         string
	nearMisses     []nearMiss
	grantID        string
}

// nearMiss is an Allow statement that would have applied had the request
// carried the condition key key.
type nearMiss struct {
	ref StatementRef
	key string
}

func (t *trace) addMissing(name string) {
	l := lowerASCII(name)
	if t.missingSeen[l] {
		return
	}
	if t.missingSeen == nil {
		t.missingSeen = map[string]bool{}
	}
	t.missingSeen[l] = true
	t.missing = append(t.missing, name)
}

func (t *trace) diag(d Diagnostic) {
	if t.diagSeen[d] {
		return
	}
	if t.diagSeen == nil {
		t.diagSeen = map[Diagnostic]bool{}
	}
	t.diagSeen[d] = true
	t.diags = append(t.diags, d)
}

func errDiag(code, msg, where string) Diagnostic {
	return Diagnostic{Severity: policy.SeverityError, Code: code, Message: msg, Where: where}
}

func warnDiag(code, msg, where string) Diagnostic {
	return Diagnostic{Severity: policy.SeverityWarning, Code: code, Message: msg, Where: where}
}

func infoDiag(code, msg, where string) Diagnostic {
	return Diagnostic{Severity: policy.SeveritySuggestion, Code: code, Message: msg, Where: where}
}

var typeRank = map[PolicyType]int{
	TypeIdentity: 0, TypeResource: 1, TypeBoundary: 2, TypeSession: 3, TypeSCP: 4, TypeRCP: 5,
}

func compareRefs(a, b StatementRef) int {
	return cmp.Or(
		cmp.Compare(typeRank[a.PolicyType], typeRank[b.PolicyType]),
		cmp.Compare(a.Level, b.Level),
		cmp.Compare(a.PolicyIndex, b.PolicyIndex),
		cmp.Compare(a.StatementIndex, b.StatementIndex),
	)
}

// result turns the trace into a Result for decision d.
func (t *trace) result(d Decision) Result {
	r := Result{Decision: d, Verdicts: t.verdicts, Reason: t.reason}
	if d == ImplicitDeny && len(t.nearMisses) > 0 {
		first := slices.MinFunc(t.nearMisses, func(a, b nearMiss) int { return compareRefs(a.ref, b.ref) })
		r.Reason += "; the Allow at " + first.ref.Path() + " needs " + first.key + ", which the request does not carry"
	}
	if d == Allowed {
		r.GrantId = t.grantID
	}
	if d == ExplicitDeny {
		r.Statements = t.denies
	} else {
		r.Statements = t.allows
	}
	slices.SortFunc(r.Statements, compareRefs)
	r.MissingContextKeys = t.missing
	slices.SortStableFunc(r.MissingContextKeys, func(a, b string) int {
		return cmp.Compare(lowerASCII(a), lowerASCII(b))
	})
	r.Diagnostics = t.diags
	slices.SortStableFunc(r.Diagnostics, func(a, b Diagnostic) int {
		return cmp.Or(cmp.Compare(a.Where, b.Where), cmp.Compare(a.Code, b.Code), cmp.Compare(a.Message, b.Message))
	})
	return r
}
