package ours

import (
	"strings"
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
func parsedCases(b *testing.B, n int) ([]evaluate.Policies, []evaluate.Request) {
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
