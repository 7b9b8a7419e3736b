package ours

import (
	"strings"
	"sync"
	"testing"

	"github.com/cksiam/cksiam/evaluate"
	"github.com/cksiam/cksiam/internal/difftest"
	"github.com/cksiam/cksiam/internal/managedpolicies"
	"github.com/cksiam/cksiam/policy"
	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"
)

// The package-level evaluate.Evaluate compiles only the statements its
// request's action reaches; its answer must be Compile then
// Evaluator.Evaluate's, byte for byte: the Result (decision, reason,
// deciding statements, verdicts, missing keys, diagnostics) or the same
// error. These tests ask both about random cases, about the same cases
// for other actions (another statement's, another spelling, a pattern, a
// malformed name), and about the cases with one statement broken.

func TestOneShotEvaluateIsCompileThenEvaluateOnGeneratedCases(t *testing.T) {
	cases := difftest.NewGenerator(13).Cases(1500)
	for i := range cases {
		p, err := Policies(&cases[i])
		require.NoError(t, err)
		for _, r := range variants(p, Request(&cases[i])) {
			requireSameAnswer(t, cases[i].ID, p, r)
		}
	}
}

func TestOneShotEvaluateRefusesWhatCompileRefuses(t *testing.T) {
	// Each breakage makes a statement one Compile refuses, whether or not
	// the request's action reaches it.
	breaks := []struct {
		name  string
		apply func(st *policy.Statement)
	}{
		{"an Effect that is neither Allow nor Deny", func(st *policy.Statement) { st.Effect = "Maybe" }},
		{"both Action and NotAction", func(st *policy.Statement) { st.NotAction = policy.List("s3:GetObject") }},
		{"neither Action nor NotAction", func(st *policy.Statement) { st.Action, st.NotAction = policy.Strings{}, policy.Strings{} }},
		{"an unknown condition operator", func(st *policy.Statement) {
			st.Condition = append(st.Condition, policy.ConditionBlock{Operator: "StringEqualz", Entries: []policy.ConditionEntry{{Key: "aws:SourceVpc", Values: []policy.Value{{Kind: policy.StringValue, Text: "vpc-1"}}}}})
		}},
		{"an action with a trailing space", func(st *policy.Statement) { st.Action = policy.List("s3:GetObject ") }},
		{"a principal in a statement that takes none, or none where one is needed", func(st *policy.Statement) {
			if st.Principal == nil {
				st.Principal = policy.Everyone()
			} else {
				st.Principal = nil
			}
		}},
	}
	cases := difftest.NewGenerator(14).Cases(300)
	for _, b := range breaks {
		t.Run(b.name, func(t *testing.T) {
			for i := range cases {
				p, err := Policies(&cases[i])
				require.NoError(t, err)
				r := Request(&cases[i])
				for _, d := range allDocs(&p) {
					for k := range (*d).Statement {
						broken := *(*d)
						broken.Statement = append([]policy.Statement(nil), (*d).Statement...)
						b.apply(&broken.Statement[k])
						orig := *d
						*d = &broken
						requireSameAnswer(t, cases[i].ID, p, r)
						*d = orig
					}
				}
			}
		})
	}
}

func TestOneShotEvaluateIsCompileThenEvaluateOnRealPolicies(t *testing.T) {
	cases := difftest.RealCases(managedpolicies.ForTest(t), 13, 300)
	for i := range cases {
		p, err := Policies(&cases[i])
		require.NoError(t, err)
		for _, r := range variants(p, Request(&cases[i])) {
			requireSameAnswer(t, cases[i].ID, p, r)
		}
	}
}

// The one-shot Evaluate compiles into memory it keeps for the next call:
// a Result must not share any of it. Each Result is copied when it is
// made and compared with the copy after every other case has been
// evaluated.
func TestOneShotResultsOutliveLaterCalls(t *testing.T) {
	cases := difftest.NewGenerator(15).Cases(400)
	type kept struct {
		got, copied evaluate.Result
	}
	var all []kept
	for i := range cases {
		p, err := Policies(&cases[i])
		require.NoError(t, err)
		for _, r := range variants(p, Request(&cases[i]))[:2] {
			got, _ := evaluate.Evaluate(p, r)
			all = append(all, kept{got, deepCopy(got)})
		}
	}
	for i, k := range all {
		require.Empty(t, cmp.Diff(k.copied, k.got), "result %d changed after later calls", i)
	}
}

// One-shot calls running at once each take their own memory: they give
// what the same calls give one after another (run under the race
// detector in CI).
func TestConcurrentOneShotEvaluateGivesWhatOneCallGives(t *testing.T) {
	cases := difftest.NewGenerator(16).Cases(200)
	ps := make([]evaluate.Policies, len(cases))
	rs := make([]evaluate.Request, len(cases))
	want := make([]evaluate.Result, len(cases))
	for i := range cases {
		p, err := Policies(&cases[i])
		require.NoError(t, err)
		ps[i], rs[i] = p, Request(&cases[i])
		want[i], _ = evaluate.Evaluate(p, rs[i])
	}
	const workers = 4
	got := make([][]evaluate.Result, workers)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			got[w] = make([]evaluate.Result, len(cases))
			for k := range cases {
				i := (k + w*len(cases)/workers) % len(cases)
				got[w][i], _ = evaluate.Evaluate(ps[i], rs[i])
			}
		}()
	}
	wg.Wait()
	for w := range got {
		require.Empty(t, cmp.Diff(want, got[w]), "worker %d", w)
	}
}

// deepCopy copies a Result's lists.
func deepCopy(r evaluate.Result) evaluate.Result {
	r.Statements = append([]evaluate.StatementRef(nil), r.Statements...)
	r.Verdicts = append([]evaluate.PolicyVerdict(nil), r.Verdicts...)
	r.MissingContextKeys = append([]string(nil), r.MissingContextKeys...)
	r.Diagnostics = append([]evaluate.Diagnostic(nil), r.Diagnostics...)
	return r
}

// variants returns r and the same request for other actions: the first
// literal Action value of each statement of p, r's action upper-cased,
// a pattern and a name without a colon (which a request may not carry).
func variants(p evaluate.Policies, r evaluate.Request) []evaluate.Request {
	out := []evaluate.Request{r}
	with := func(action string) {
		v := r
		v.Action = action
		out = append(out, v)
	}
	with(strings.ToUpper(r.Action))
	with("kms:*")
	with("kms")
	for _, d := range allDocs(&p) {
		for _, st := range (*d).Statement {
			for _, a := range append(st.Action.Values, st.NotAction.Values...) {
				if !strings.ContainsAny(a, "*?") && a != r.Action {
					with(a)
					break
				}
			}
		}
	}
	return out
}

// allDocs returns the addresses of every document of p.
func allDocs(p *evaluate.Policies) []**policy.Document {
	var out []**policy.Document
	for i := range p.Identity {
		out = append(out, &p.Identity[i])
	}
	for _, d := range []**policy.Document{&p.Boundary, &p.Session, &p.Resource} {
		if *d != nil {
			out = append(out, d)
		}
	}
	for _, levels := range [][][]*policy.Document{p.SCPs, p.RCPs} {
		for _, l := range levels {
			for j := range l {
				out = append(out, &l[j])
			}
		}
	}
	return out
}

// requireSameAnswer asks the one-shot Evaluate and Compile then Evaluate.
func requireSameAnswer(t *testing.T, id string, p evaluate.Policies, r evaluate.Request) {
	t.Helper()
	got, err := evaluate.Evaluate(p, r)
	want, werr := compiledEvaluate(p, r)
	if (err == nil) != (werr == nil) || err != nil && err.Error() != werr.Error() {
		t.Fatalf("case %s, action %q: the one-shot Evaluate's error is %v, Compile then Evaluate's %v", id, r.Action, err, werr)
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Fatalf("case %s, action %q: the one-shot Evaluate's Result differs (-compiled +one-shot):\n%s", id, r.Action, d)
	}
}

func compiledEvaluate(p evaluate.Policies, r evaluate.Request) (evaluate.Result, error) {
	ev, err := evaluate.Compile(p)
	if err != nil {
		return evaluate.Result{Decision: evaluate.ImplicitDeny, Reason: err.Error()}, err
	}
	return ev.Evaluate(r)
}

// BenchmarkOneShotEvaluateGeneratedCases runs the package-level
// evaluate.Evaluate on generated cases whose policies are parsed
// beforehand (benchcases' oneShotEvaluate row); ns/op is per case.
func BenchmarkOneShotEvaluateGeneratedCases(b *testing.B) {
	ps, rs := parsedCases(b, 1000)
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		j := i % len(ps)
		_, _ = evaluate.Evaluate(ps[j], rs[j])
	}
}

// BenchmarkCompileDecideGeneratedCases compiles generated cases whose
// policies are parsed beforehand and decides each once (benchcases'
// compileDecide row); ns/op is per case.
func BenchmarkCompileDecideGeneratedCases(b *testing.B) {
	ps, rs := parsedCases(b, 1000)
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		j := i % len(ps)
		if ev, err := evaluate.Compile(ps[j]); err == nil {
			_, _ = ev.Decide(rs[j])
		}
	}
}

// parsedCases returns n generated cases' policies, parsed, and requests.
func parsedCases(b testing.TB, n int) ([]evaluate.Policies, []evaluate.Request) {
	cases := difftest.NewGenerator(1).Cases(n)
	ps := make([]evaluate.Policies, n)
	rs := make([]evaluate.Request, n)
	for i := range cases {
		p, err := Policies(&cases[i])
		require.NoError(b, err)
		ps[i], rs[i] = p, Request(&cases[i])
	}
	return ps, rs
}
