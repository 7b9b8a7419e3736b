package prove

import (
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

// TestManagedPolicyVersions asks NoNewAccess(previous version, next
// version) for every consecutive pair of versions of every AWS managed
// policy: how many of AWS's own updates added access, how many the prover
// could not decide and why, and how long it took. Every counterexample is
// re-decided by the evaluator here. The corpus is fetched by CI
// (internal/managedpolicies); without it the test is skipped.
// CKSIAM_PROVE_CORPUS_LIMIT bounds the pairs asked, for a quick look.
func TestManagedPolicyVersions(t *testing.T) {
	ps := managedpolicies.ForTest(t)
	limit := -1
	if s := os.Getenv("CKSIAM_PROVE_CORPUS_LIMIT"); s != "" {
		limit, _ = strconv.Atoi(s)
	}
	var (
		pairs, refused int
		verdicts       = map[string]int{}
		times          []time.Duration
		slowest        string
		slowestTime    time.Duration
		unknowns       []string
		start          = time.Now()
	)
	for _, p := range ps {
		for i := 1; i < len(p.Versions); i++ {
			if limit >= 0 && pairs >= limit {
				break
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
			if err != nil {
				// The evaluator refuses a handful of AWS's own documents
				// (see internal/managedpolicies' golden findings).
				refused++
				continue
			}
			times = append(times, took)
			if took > slowestTime {
				slowest, slowestTime = name, took
			}
			key := r.Verdict.String()
			if r.Verdict == Unknown {
				key += " " + string(r.Reason)
				if len(unknowns) < 40 {
					unknowns = append(unknowns, fmt.Sprintf("%s: %s: %s (%v)", name, r.Reason, r.Detail, took.Round(time.Millisecond)))
				}
			}
			verdicts[key]++
			require.NotEqual(t, ReasonEngineDisagrees, r.Reason, "%s: %s", name, r.Detail)
			if r.Verdict == Refuted {
				require.True(t, allowedBy(t, compiled(t, frameOf(Identity, next)), *r.Witness), "%s: witness %+v", name, *r.Witness)
				require.False(t, allowedBy(t, compiled(t, frameOf(Identity, prev)), *r.Witness), "%s: witness %+v", name, *r.Witness)
			}
		}
	}
	slices.Sort(times)
	q := func(f float64) time.Duration {
		if len(times) == 0 {
			return 0
		}
		return times[int(f*float64(len(times)-1))]
	}
	for _, u := range unknowns {
		t.Log("unknown: " + u)
	}
	t.Logf("managed policy version pairs: %d (%d refused by the evaluator); verdicts %v", pairs, refused, verdicts)
	t.Logf("time: total %v; per pair median %v, p90 %v, p99 %v, max %v (%s)", time.Since(start).Round(time.Millisecond),
		q(0.5), q(0.9), q(0.99), slowestTime, slowest)
}
