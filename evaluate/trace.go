package evaluate

import (
	"cmp"
	"github.com/cksiam/cksiam/internal/ascii"
	"slices"

	"github.com/cksiam/cksiam/policy"
)

// trace collects the explanation while Evaluate decides; Decide runs
// without one. It is one allocation: the lists start in its own arrays,
// which hold what a typical decision explains, and the Result's slices are
// views of them.
type trace struct {
	allows, denies []StatementRef
	verdicts       []PolicyVerdict
	missing        []string
	diags          []Diagnostic
	reason         string
	nearMisses     []nearMiss
	grantID        string

	refBuf     [8]StatementRef
	verdictBuf [6]PolicyVerdict
	missingBuf [4]string
	diagBuf    [2]Diagnostic
}

// newTrace returns a trace whose lists start in its own arrays.
func newTrace() *trace {
	t := &trace{}
	t.allows = t.refBuf[:0:6]
	t.denies = t.refBuf[6:6]
	t.verdicts = t.verdictBuf[:0]
	t.missing = t.missingBuf[:0]
	t.diags = t.diagBuf[:0]
	return t
}

// nearMiss is an Allow statement that would have applied had the request
// carried the condition key key.
type nearMiss struct {
	ref StatementRef
	key string
}

// addMissing records a missing context key once, ignoring case: the lists
// are short, so a scan beats a set.
func (t *trace) addMissing(name string) {
	for _, m := range t.missing {
		if ascii.EqualFold(m, name) {
			return
		}
	}
	t.missing = append(t.missing, name)
}

// diag records a diagnostic once.
func (t *trace) diag(d Diagnostic) {
	for _, x := range t.diags {
		if x == d {
			return
		}
	}
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

// typeRank orders the policy types as Result.Statements lists them.
func typeRank(t PolicyType) int {
	switch t {
	case TypeIdentity:
		return 0
	case TypeResource:
		return 1
	case TypeBoundary:
		return 2
	case TypeSession:
		return 3
	case TypeSCP:
		return 4
	}
	return 5
}

func compareRefs(a, b StatementRef) int {
	if a.PolicyType != b.PolicyType {
		return cmp.Compare(typeRank(a.PolicyType), typeRank(b.PolicyType))
	}
	return cmp.Or(
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
	// decide visits the sets and their statements in this order already.
	if !slices.IsSortedFunc(r.Statements, compareRefs) {
		slices.SortFunc(r.Statements, compareRefs)
	}
	r.MissingContextKeys = t.missing
	slices.SortStableFunc(r.MissingContextKeys, func(a, b string) int {
		return ascii.CompareFold(a, b)
	})
	r.Diagnostics = t.diags
	slices.SortStableFunc(r.Diagnostics, func(a, b Diagnostic) int {
		return cmp.Or(cmp.Compare(a.Where, b.Where), cmp.Compare(a.Code, b.Code), cmp.Compare(a.Message, b.Message))
	})
	// An empty list is nil, as it would be had it been appended to from
	// nothing.
	r.Statements, r.Verdicts = nilIfEmpty(r.Statements), nilIfEmpty(r.Verdicts)
	r.MissingContextKeys, r.Diagnostics = nilIfEmpty(r.MissingContextKeys), nilIfEmpty(r.Diagnostics)
	return r
}

func nilIfEmpty[T any](s []T) []T {
	if len(s) == 0 {
		return nil
	}
	return s
}
