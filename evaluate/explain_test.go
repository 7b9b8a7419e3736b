package evaluate

import (
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"
)

// explained checks that Explain, into a fresh Explanation and into one
// that explained another request before, says what Evaluate says.
func explained(t *testing.T, ev *Evaluator, r Request) {
	t.Helper()
	want, wantErr := ev.Evaluate(r)
	var used Explanation
	_ = ev.Explain(Request{Principal: "arn:aws:sts::111122223333:assumed-role/R/s", Action: "kms:ScheduleKeyDeletion", Resource: "*"}, &used)
	for _, x := range []*Explanation{{}, &used} {
		err := ev.Explain(r, x)
		require.Equal(t, wantErr, err)
		if d := cmp.Diff(want, x.Result()); d != "" {
			t.Fatalf("Explain differs from Evaluate (-Evaluate +Explain):\n%s", d)
		}
	}
}

func TestExplainSaysWhatEvaluateSays(t *testing.T) {
	guide, err := Compile(guidePolicies(t))
	require.NoError(t, err)
	session := "arn:aws:sts::111122223333:assumed-role/ExampleRole/app"
	for _, tc := range []struct {
		name string
		ev   *Evaluator
		r    Request
	}{
		{"an allowed key request", guide, Request{Principal: session, Action: "kms:Decrypt", Resource: guidePageKey}},
		{"an explicit deny", guide, Request{Principal: session, Action: "kms:ScheduleKeyDeletion", Resource: guidePageKey}},
		{"an implicit deny whose Allow needs a missing key", guide, Request{Principal: session, Action: "kms:CreateGrant", Resource: guidePageKey}},
		{"a cross-account request", guide, Request{Principal: "arn:aws:iam::444455556666:user/bob", Action: "kms:Decrypt", Resource: guidePageKey}},
		{"a request refused for its principal", guide, Request{Principal: "bob", Action: "kms:Decrypt", Resource: guidePageKey}},
		{"a request refused for a context key spelled twice", guide, Request{Principal: session, Action: "kms:Decrypt", Resource: guidePageKey,
			Context: Context{"aws:SourceVpc": {"a"}, "AWS:SOURCEVPC": {"b"}}}},
		{"a request to a nil Evaluator", nil, Request{Principal: session, Action: "kms:Decrypt", Resource: guidePageKey}},
	} {
		t.Run(tc.name+" is explained alike", func(t *testing.T) {
			explained(t, tc.ev, tc.r)
		})
	}
}

// The lists of an Explanation are views of its storage: Result's copies,
// and the lists of a copied Explanation, do not change when it is reused.
func TestAnExplanationsCopiesOutliveItsReuse(t *testing.T) {
	ev, err := Compile(guidePolicies(t))
	require.NoError(t, err)
	session := "arn:aws:sts::111122223333:assumed-role/ExampleRole/app"
	deny := Request{Principal: session, Action: "kms:ScheduleKeyDeletion", Resource: guidePageKey}
	var x Explanation
	require.NoError(t, ev.Explain(deny, &x))
	kept, copied := x.Result(), x
	want, err := ev.Evaluate(deny)
	require.NoError(t, err)

	require.NoError(t, ev.Explain(Request{Principal: session, Action: "kms:Decrypt", Resource: guidePageKey}, &x))
	require.Equal(t, Allowed, x.Decision)
	require.Empty(t, cmp.Diff(want, kept), "Result's copy is unchanged")
	require.Equal(t, want.Statements, copied.Statements, "a copy's lists are unchanged")

	require.NoError(t, ev.Explain(deny, &copied))
	require.Equal(t, Allowed, x.Decision, "explaining into the copy leaves the original alone")
	require.Equal(t, "the key policy allows the caller's role", x.Reason())
	require.Equal(t, want.Reason, copied.Reason())
}

// Explaining a stream of requests into one Explanation allocates nothing
// once its lists fit, and the reason is not put together unless asked.
func TestExplainReusesItsStorage(t *testing.T) {
	ev, err := Compile(guidePolicies(t))
	require.NoError(t, err)
	session := "arn:aws:sts::111122223333:assumed-role/ExampleRole/app"
	reqs := []Request{
		{Principal: session, Action: "kms:Decrypt", Resource: guidePageKey},
		{Principal: session, Action: "kms:ScheduleKeyDeletion", Resource: guidePageKey},
		{Principal: session, Action: "kms:CreateGrant", Resource: guidePageKey},
	}
	var x Explanation
	for _, r := range reqs {
		require.NoError(t, ev.Explain(r, &x))
	}
	allocs := testing.AllocsPerRun(50, func() {
		for _, r := range reqs {
			_ = ev.Explain(r, &x)
		}
	})
	require.Zero(t, allocs)
}

// Evaluate's Results are the caller's: later calls, which reuse Evaluate's
// working storage, change none of an earlier Result's lists.
func TestEvaluateResultsOutliveLaterCalls(t *testing.T) {
	ev, err := Compile(guidePolicies(t))
	require.NoError(t, err)
	session := "arn:aws:sts::111122223333:assumed-role/ExampleRole/app"
	first, err := ev.Evaluate(Request{Principal: session, Action: "kms:Decrypt", Resource: guidePageKey,
		Context: Context{"aws:SourceVpc": {"vpc-1"}}})
	require.NoError(t, err)
	kept := first
	kept.Statements, kept.Verdicts = append([]StatementRef(nil), first.Statements...), append([]PolicyVerdict(nil), first.Verdicts...)
	kept.MissingContextKeys, kept.Diagnostics = append([]string(nil), first.MissingContextKeys...), append([]Diagnostic(nil), first.Diagnostics...)
	for range 20 {
		_, err := ev.Evaluate(Request{Principal: "arn:aws:sts::111122223333:assumed-role/KMSAdminRole/admin", Action: "kms:DescribeKey", Resource: guidePageKey})
		require.NoError(t, err)
	}
	require.Empty(t, cmp.Diff(kept, first))
}

// Statements are listed by policy type (identity, resource, boundary,
// session, scp, rcp), then level, policy index and statement index, however
// the decision met them.
func TestStatementRefsSortInResultOrder(t *testing.T) {
	want := []StatementRef{
		{PolicyType: TypeIdentity, PolicyIndex: 0, StatementIndex: 3},
		{PolicyType: TypeIdentity, PolicyIndex: 1, StatementIndex: 0},
		{PolicyType: TypeResource, StatementIndex: 2},
		{PolicyType: TypeBoundary, StatementIndex: 0},
		{PolicyType: TypeSession, StatementIndex: 1},
		{PolicyType: TypeSCP, Level: 0, PolicyIndex: 2, StatementIndex: 0},
		{PolicyType: TypeSCP, Level: 1, PolicyIndex: 0, StatementIndex: 4},
		{PolicyType: TypeRCP, Level: 0, PolicyIndex: 0, StatementIndex: 1},
	}
	require.True(t, refsSorted(want))
	for shift := 1; shift < len(want); shift++ {
		tr := newTrace()
		tr.allows = append(append(tr.allows, want[shift:]...), want[:shift]...)
		require.False(t, refsSorted(tr.allows), "rotated by %d", shift)
		require.Equal(t, want, tr.result(Allowed).Statements, "rotated by %d", shift)
	}
}

// Evaluate's lists each have their own storage, of their own length:
// appending to one list of a Result changes no other.
func TestAppendingToOneResultListLeavesTheOthers(t *testing.T) {
	ev, err := Compile(guidePolicies(t))
	require.NoError(t, err)
	session := "arn:aws:sts::111122223333:assumed-role/ExampleRole/app"
	res, err := ev.Evaluate(Request{Principal: session, Action: "kms:Decrypt", Resource: guidePageKey,
		Context: Context{"aws:SourceVpc": {"vpc-1"}}})
	require.NoError(t, err)
	require.NotEmpty(t, res.Statements)
	require.NotEmpty(t, res.Verdicts)
	kept := res
	kept.Statements, kept.Verdicts = slices.Clone(res.Statements), slices.Clone(res.Verdicts)
	kept.MissingContextKeys, kept.Diagnostics = slices.Clone(res.MissingContextKeys), slices.Clone(res.Diagnostics)
	_ = append(res.Statements, StatementRef{Sid: "appended"}, StatementRef{Sid: "appended"})
	_ = append(res.Verdicts, PolicyVerdict{Type: TypeSCP, Level: 9})
	_ = append(res.MissingContextKeys, "appended")
	_ = append(res.Diagnostics, Diagnostic{Code: "appended"})
	require.Empty(t, cmp.Diff(kept, res))
	require.Equal(t, len(res.Statements), cap(res.Statements))
	require.Equal(t, len(res.Verdicts), cap(res.Verdicts))
}

func TestANilExplanationIsAnErrorNotAPanic(t *testing.T) {
	guide, err := Compile(guidePolicies(t))
	require.NoError(t, err)
	r := Request{Principal: "arn:aws:sts::111122223333:assumed-role/ExampleRole/app", Action: "kms:Decrypt", Resource: guidePageKey}
	t.Run("explaining into nil returns an error", func(t *testing.T) {
		var e *Error
		require.ErrorAs(t, guide.Explain(r, nil), &e)
		require.Contains(t, e.Error(), "nil Explanation")
	})
	t.Run("explaining into nil with a nil Evaluator returns an error too", func(t *testing.T) {
		var ev *Evaluator
		require.Error(t, ev.Explain(r, nil))
	})
	t.Run("a nil Explanation has no reason and allows nothing", func(t *testing.T) {
		var x *Explanation
		require.Empty(t, x.Reason())
		require.NotEqual(t, Allowed, x.Result().Decision)
	})
}
