package prove

import (
	"encoding/json"
	"fmt"
	"os"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/cksiam/cksiam/internal/managedpolicies"
	"github.com/cksiam/cksiam/policy"
)

// corpusPair is one answer of TestManagedPolicyVersions, as written to the
// file CKSIAM_PROVE_CORPUS_OUT names (one JSON object a line).
type corpusPair struct {
	Pair    string  `json:"pair"`
	Verdict string  `json:"verdict"`
	Reason  string  `json:"reason,omitempty"`
	Detail  string  `json:"detail,omitempty"`
	Refused string  `json:"refused,omitempty"`
	Steps   int     `json:"steps"`
	Millis  float64 `json:"ms"`
}

// corpusEnv reads a non-negative integer from the environment (def when
// unset) and fails the test on anything else.
func corpusEnv(t *testing.T, name string, def int) int {
	s := os.Getenv(name)
	if s == "" {
		return def
	}
	n, err := strconv.Atoi(s)
	require.NoError(t, err, name)
	require.GreaterOrEqual(t, n, 0, name)
	return n
}

// TestManagedPolicyVersions asks NoNewAccess(previous version, next
// version) for every consecutive pair of versions of every AWS managed
// policy: how many of AWS's own updates added access, how many the prover
// could not decide and why, and how long it took. Every counterexample is
// re-decided by the evaluator here, and no answer may be EngineDisagrees.
// The corpus is fetched by CI (internal/managedpolicies); without it the
// test is skipped.
//
// CKSIAM_PROVE_CORPUS_EVERY=n asks only every n-th pair (a sample spread
// over the corpus, as CI runs it), CKSIAM_PROVE_CORPUS_LIMIT=n at most n
// pairs, CKSIAM_PROVE_CORPUS_POLICY=NAME only the versions of the policy
// NAME, and CKSIAM_PROVE_CORPUS_OUT=FILE writes every answer there, one
// JSON object a line.
func TestManagedPolicyVersions(t *testing.T) {
	ps := managedpolicies.ForTest(t)
	every := max(corpusEnv(t, "CKSIAM_PROVE_CORPUS_EVERY", 1), 1)
	limit := corpusEnv(t, "CKSIAM_PROVE_CORPUS_LIMIT", -1)
	only := os.Getenv("CKSIAM_PROVE_CORPUS_POLICY")
	var out *json.Encoder
	if name := os.Getenv("CKSIAM_PROVE_CORPUS_OUT"); name != "" {
		f, err := os.Create(name)
		require.NoError(t, err)
		defer func() { require.NoError(t, f.Close()) }()
		out = json.NewEncoder(f)
	}
	type timed struct {
		name string
		took time.Duration
	}
	var (
		seen, pairs int
		refused     = map[string]int{}
		verdicts    = map[string]int{}
		times       []timed
		unknowns    []string
		start       = time.Now()
	)
	for _, p := range ps {
		if only != "" && p.Name != only {
			continue
		}
		for i := 1; i < len(p.Versions); i++ {
			seen++
			if (seen-1)%every != 0 || limit >= 0 && pairs >= limit {
				continue
			}
			prev, err1 := policy.Parse(p.Versions[i-1].Document)
			next, err2 := policy.Parse(p.Versions[i].Document)
			require.NoError(t, err1, p.Name)
			require.NoError(t, err2, p.Name)
			pairs++
			name := fmt.Sprintf("%s %s->%s", p.Name, p.Versions[i-1].ID, p.Versions[i].ID)
			began := time.Now()
			r, err := NoNewAccess(Identity, prev, next)
			took := time.Since(began)
			line := corpusPair{Pair: name, Millis: float64(took.Microseconds()) / 1000}
			if err != nil {
				// The evaluator refuses a handful of AWS's own documents
				// (internal/managedpolicies' golden findings, "refused").
				require.ErrorIs(t, err, ErrInput, name)
				refused[err.Error()]++
				line.Refused = err.Error()
			} else {
				times = append(times, timed{name, took})
				key := r.Verdict.String()
				if r.Verdict == Unknown {
					key += " " + string(r.Reason)
					unknowns = append(unknowns, fmt.Sprintf("%s: %s: %s (%v)", name, r.Reason, r.Detail, took.Round(time.Millisecond)))
				}
				verdicts[key]++
				line.Verdict, line.Reason, line.Detail, line.Steps = r.Verdict.String(), string(r.Reason), r.Detail, r.Steps
				require.NotEqual(t, ReasonEngineDisagrees, r.Reason, "%s: %s", name, r.Detail)
				if r.Verdict == Refuted {
					require.NotNil(t, r.Witness, name)
					require.True(t, allowedBy(t, compiled(t, frameOf(Identity, next)), *r.Witness), "%s: witness %+v", name, *r.Witness)
					require.False(t, allowedBy(t, compiled(t, frameOf(Identity, prev)), *r.Witness), "%s: witness %+v", name, *r.Witness)
				}
			}
			if out != nil {
				require.NoError(t, out.Encode(line))
			}
		}
	}
	total := time.Since(start)
	require.NotZero(t, pairs, "no version pairs in the corpus")
	slices.SortFunc(times, func(a, b timed) int { return int(a.took - b.took) })
	q := func(f float64) time.Duration {
		if len(times) == 0 {
			return 0
		}
		return times[int(f*float64(len(times)-1))].took
	}
	for _, u := range unknowns {
		t.Log("unknown: " + u)
	}
	for reason, n := range refused {
		t.Logf("refused %d×: %s", n, reason)
	}
	for i := max(len(times)-5, 0); i < len(times); i++ {
		t.Logf("slow: %s %v", times[i].name, times[i].took.Round(time.Millisecond))
	}
	t.Logf("managed policy version pairs asked: %d of %d; refused as input: %d; verdicts %v", pairs, seen, pairs-len(times), verdicts)
	t.Logf("time: total %v; per pair median %v, p90 %v, p99 %v, max %v", total.Round(time.Millisecond),
		q(0.5), q(0.9), q(0.99), q(1))
}
