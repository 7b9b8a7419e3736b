package evaluate

import (
	"cmp"
	"github.com/cksiam/cksiam/internal/ascii"
	"slices"
	"strings"

	"github.com/cksiam/cksiam/policy"
)

// trace collects the explanation while Evaluate or Explain decides; Decide
// runs without one. Its lists start in its own arrays, which hold what a
// typical decision explains, and keep the storage they grow into from one
// request to the next (reset): Evaluate takes a trace from a pool and
// copies the lists out, an Explanation holds one and lends its lists.
type trace struct {
	allows, denies []StatementRef
	verdicts       []PolicyVerdict
	missing        []string
	diags          []Diagnostic
	reason         reasonText
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
	t.init()
	return t
}

// init starts the lists in the trace's own arrays.
func (t *trace) init() {
	t.allows = t.refBuf[:0:6]
	t.denies = t.refBuf[6:6]
	t.verdicts = t.verdictBuf[:0]
	t.missing = t.missingBuf[:0]
	t.diags = t.diagBuf[:0]
}

// reset empties the trace for the next request, keeping the storage its
// lists have grown into.
func (t *trace) reset() {
	t.allows, t.denies, t.verdicts = t.allows[:0], t.denies[:0], t.verdicts[:0]
	t.missing, t.diags, t.nearMisses = t.missing[:0], t.diags[:0], t.nearMisses[:0]
	t.reason, t.grantID = reasonText{}, ""
}

// reasonText is Result.Reason in the parts the decision gave, joined only
// when the reason is asked for (Evaluate always asks; Explain when
// Explanation.Reason is called).
type reasonText struct {
	parts [6]string
	n     int
}

// set replaces the reason by the parts joined.
func (r *reasonText) set(parts ...string) {
	if len(parts) > len(r.parts) { // no reason has that many parts; kept whole all the same
		r.parts[0], r.n = strings.Join(parts, ""), 1
		return
	}
	r.n = copy(r.parts[:], parts)
}

// has reports whether the joined reason would not be empty.
func (r *reasonText) has() bool {
	for _, p := range r.parts[:r.n] {
		if p != "" {
			return true
		}
	}
	return false
}

func (r *reasonText) text() string {
	if r.n == 1 {
		return r.parts[0]
	}
	return strings.Join(r.parts[:r.n], "")
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

// compareRefs orders statements as Result.Statements lists them. It takes
// pointers (a StatementRef is 72 bytes) and compares the numbers only as
// far as they differ.
func compareRefs(a, b *StatementRef) int {
	switch {
	case a.PolicyType != b.PolicyType:
		return cmp.Compare(typeRank(a.PolicyType), typeRank(b.PolicyType))
	case a.Level != b.Level:
		return cmp.Compare(a.Level, b.Level)
	case a.PolicyIndex != b.PolicyIndex:
		return cmp.Compare(a.PolicyIndex, b.PolicyIndex)
	}
	return cmp.Compare(a.StatementIndex, b.StatementIndex)
}

// refsSorted reports whether refs are in compareRefs order.
func refsSorted(refs []StatementRef) bool {
	for i := 1; i < len(refs); i++ {
		if compareRefs(&refs[i-1], &refs[i]) > 0 {
			return false
		}
	}
	return true
}

// reasonFor is Result.Reason for decision d.
func (t *trace) reasonFor(d Decision) string {
	r := t.reason.text()
	if d == ImplicitDeny && len(t.nearMisses) > 0 {
		first := slices.MinFunc(t.nearMisses, func(a, b nearMiss) int { return compareRefs(&a.ref, &b.ref) })
		r += "; the Allow at " + first.ref.Path() + " needs " + first.key + ", which the request does not carry"
	}
	return r
}

// result turns the trace into a Result for decision d, without its Reason
// (reasonFor): the lists are views of the trace's storage, sorted.
func (t *trace) result(d Decision) Result {
	r := Result{Decision: d, Verdicts: t.verdicts}
	if d == Allowed {
		r.GrantId = t.grantID
	}
	if d == ExplicitDeny {
		r.Statements = t.denies
	} else {
		r.Statements = t.allows
	}
	// decide visits the sets and their statements in this order already.
	if !refsSorted(r.Statements) {
		slices.SortFunc(r.Statements, func(a, b StatementRef) int { return compareRefs(&a, &b) })
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
