package ours

import (
	"encoding/json"
	"testing"

	"github.com/cksiam/cksiam/evaluate"
	"github.com/cksiam/cksiam/internal/difftest"
	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"
)

func TestEveryGeneratedCaseParsesAndCompiles(t *testing.T) {
	for _, c := range difftest.NewGenerator(1).Cases(2000) {
		_, _, err := Compile(&c)
		require.NoError(t, err, "case %s: %+v", c.ID, c.Policies)
	}
}

// Explain, into one Explanation reused from case to case, says what
// Evaluate says on every generated case: decision, lists, reason, error.
func TestExplainSaysWhatEvaluateSaysOnGeneratedCases(t *testing.T) {
	var x evaluate.Explanation
	for _, c := range difftest.NewGenerator(3).Cases(2000) {
		e, r, err := Compile(&c)
		require.NoError(t, err, c.ID)
		want, wantErr := e.Evaluate(r)
		require.Equal(t, wantErr, e.Explain(r, &x), c.ID)
		if d := cmp.Diff(want, x.Result()); d != "" {
			t.Fatalf("case %s: Explain differs from Evaluate (-Evaluate +Explain):\n%s", c.ID, d)
		}
	}
}

func TestDecideReportsTheEngineDecision(t *testing.T) {
	c := difftest.Case{
		ID: "kms-user",
		Policies: difftest.Policies{
			Identity: []string{`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"kms:Decrypt","Resource":"*"}]}`},
			Resource: `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"111111111111"},"Action":"kms:*","Resource":"*"}]}`,
		},
		Request: difftest.Request{
			Principal: "arn:aws:iam::111111111111:user/alice", Action: "kms:Decrypt",
			Resource:        "arn:aws:kms:us-east-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab",
			ResourceAccount: "111111111111",
		},
	}
	require.Equal(t, difftest.Result{ID: "kms-user", Decision: difftest.Allowed}, Decide(&c))

	c.Policies.Resource = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"222222222222"},"Action":"kms:*","Resource":"*"}]}`
	require.Equal(t, difftest.ImplicitDeny, Decide(&c).Decision, "IAM allows count only when the key policy allows the account (aws-rules C.4)")

	c.Policies.Identity = []string{`{"Statement": [`}
	got := Decide(&c)
	require.Equal(t, difftest.Error, got.Decision, "an unparsable policy is an error, never a decision")
	require.Contains(t, got.Detail, "identity[0]")
}

func TestRequestCopiesTheContext(t *testing.T) {
	c := difftest.Case{Request: difftest.Request{Principal: "p", Action: "a", Resource: "r", ResourceAccount: "1",
		Context: map[string][]string{"aws:SourceIp": {"10.0.0.1"}}}}
	r := Request(&c)
	require.Equal(t, evaluate.Context{"aws:SourceIp": {"10.0.0.1"}}, r.Context)
	r.Context["x"] = []string{"y"}
	require.NotContains(t, c.Request.Context, "x")
}

// compiledGeneratedCases compiles 1,000 generated cases (seed 1) for the
// benchmarks that decide on evaluators compiled beforehand.
func compiledGeneratedCases(b *testing.B) ([]*evaluate.Evaluator, []evaluate.Request) {
	b.Helper()
	cases := difftest.NewGenerator(1).Cases(1000)
	evs := make([]*evaluate.Evaluator, len(cases))
	reqs := make([]evaluate.Request, len(cases))
	for i := range cases {
		e, r, err := Compile(&cases[i])
		require.NoError(b, err)
		evs[i], reqs[i] = e, r
	}
	return evs, reqs
}

// BenchmarkDecideGeneratedCases decides 1,000 generated cases on evaluators
// compiled beforehand; ns/op is per case.
func BenchmarkDecideGeneratedCases(b *testing.B) {
	evs, reqs := compiledGeneratedCases(b)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		j := i % len(evs)
		_, _ = evs[j].Decide(reqs[j])
	}
}

// BenchmarkEvaluateGeneratedCases is BenchmarkDecideGeneratedCases with
// the explanation (Evaluator.Evaluate); ns/op is per case.
func BenchmarkEvaluateGeneratedCases(b *testing.B) {
	evs, reqs := compiledGeneratedCases(b)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		j := i % len(evs)
		_, _ = evs[j].Evaluate(reqs[j])
	}
}

// BenchmarkExplainGeneratedCases is BenchmarkEvaluateGeneratedCases
// through Explain, into one reused Explanation; ns/op is per case.
func BenchmarkExplainGeneratedCases(b *testing.B) {
	evs, reqs := compiledGeneratedCases(b)
	var x evaluate.Explanation
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		j := i % len(evs)
		_ = evs[j].Explain(reqs[j], &x)
	}
}

// BenchmarkParseCompileDecideGeneratedCases parses, compiles and decides
// generated cases from their policy texts; ns/op is per case.
func BenchmarkParseCompileDecideGeneratedCases(b *testing.B) {
	cases := difftest.NewGenerator(1).Cases(1000)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		Decide(&cases[i%len(cases)])
	}
}

// contextSink keeps BenchmarkWalkGeneratedContexts' walk from being
// optimised away.
var contextSink int

// BenchmarkWalkGeneratedContexts is the floor that a Go-map Context sets
// for BenchmarkDecideGeneratedCases: it only ranges over each of the same
// 1,000 requests' Context maps, touching every key and value (their
// lengths), which Decide must do at least, since every key is checked
// against AWS's limits and for a second spelling. ns/op is per case.
func BenchmarkWalkGeneratedContexts(b *testing.B) {
	_, reqs := compiledGeneratedCases(b)
	b.ReportAllocs()
	b.ResetTimer()
	n := 0
	for i := 0; b.Loop(); i++ {
		for k, v := range reqs[i%len(reqs)].Context {
			n += len(k) + len(v)
		}
	}
	contextSink = n
}

// BenchmarkWalkGeneratedContextsAsList is BenchmarkWalkGeneratedContexts
// over the same contexts held as lists of key and values instead of Go
// maps (built before the timer starts): what the walk would cost were
// Request.Context such a list, as BENCHMARKS.md weighs. ns/op is per case.
func BenchmarkWalkGeneratedContextsAsList(b *testing.B) {
	type entry struct {
		key    string
		values []string
	}
	_, reqs := compiledGeneratedCases(b)
	lists := make([][]entry, len(reqs))
	for i, r := range reqs {
		for k, v := range r.Context {
			lists[i] = append(lists[i], entry{k, v})
		}
	}
	b.ReportAllocs()
	b.ResetTimer()
	n := 0
	for i := 0; b.Loop(); i++ {
		for _, e := range lists[i%len(lists)] {
			n += len(e.key) + len(e.values)
		}
	}
	contextSink = n
}

// caseTexts lists every policy text of c, in the order Policies reads them.
func caseTexts(c *difftest.Case) []string {
	p := &c.Policies
	texts := append([]string(nil), p.Identity...)
	for _, s := range []string{p.Boundary, p.Session, p.Resource} {
		if s != "" {
			texts = append(texts, s)
		}
	}
	for _, levels := range [][][]string{p.SCPs, p.RCPs} {
		for _, level := range levels {
			texts = append(texts, level...)
		}
	}
	return texts
}

// textSink keeps the text floors' work from being optimised away.
var textSink int

// BenchmarkReadGeneratedPolicyTexts is the floor that reading the JSON
// text sets for BenchmarkParseCompileDecideGeneratedCases and the rows of
// bench/run.sh that start from JSON text: it touches every byte of the
// same 1,000 cases' policy texts once (a sum), which any parser must do at
// least. ns/op is per case.
func BenchmarkReadGeneratedPolicyTexts(b *testing.B) {
	cases := difftest.NewGenerator(1).Cases(1000)
	texts := make([][]string, len(cases))
	for i := range cases {
		texts[i] = caseTexts(&cases[i])
	}
	b.ResetTimer()
	n := 0
	for i := 0; b.Loop(); i++ {
		for _, t := range texts[i%len(texts)] {
			for j := 0; j < len(t); j++ {
				n += int(t[j])
			}
		}
	}
	textSink = n
}

// BenchmarkValidJSONGeneratedPolicyTexts is BenchmarkReadGeneratedPolicyTexts
// with the standard library's JSON syntax check (json.Valid) instead of a
// sum: what checking the texts are JSON, and nothing more, costs. ns/op is
// per case.
func BenchmarkValidJSONGeneratedPolicyTexts(b *testing.B) {
	cases := difftest.NewGenerator(1).Cases(1000)
	texts := make([][][]byte, len(cases))
	for i := range cases {
		for _, t := range caseTexts(&cases[i]) {
			texts[i] = append(texts[i], []byte(t))
		}
	}
	b.ResetTimer()
	n := 0
	for i := 0; b.Loop(); i++ {
		for _, t := range texts[i%len(texts)] {
			if json.Valid(t) {
				n++
			}
		}
	}
	textSink = n
}
