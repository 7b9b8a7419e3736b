package snapshot

import (
	"sort"
	"strconv"
	"testing"

	"github.com/cksiam/cksiam/evaluate"
	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"
)

// bruteForce decides every (principal, action) pair with evaluate on the
// generator's own account of each principal's policies: the oracle WhoCan
// must agree with.
func bruteForce(t testing.TB, g *genAccount, actions []string) []string {
	var out []string
	for arn, p := range g.truth {
		ctx := evaluate.Context{}
		for k, v := range g.facts {
			ctx[k] = v
		}
		for k, v := range g.tags[arn] {
			ctx["aws:PrincipalTag/"+k] = []string{v}
		}
		ev, err := evaluate.Compile(p)
		require.NoError(t, err)
		for _, a := range actions {
			res, err := ev.Evaluate(evaluate.Request{Principal: arn, Action: a, Resource: g.key, Context: ctx})
			require.NoError(t, err)
			if res.Decision == evaluate.Allowed {
				out = append(out, arn+" "+a)
			}
		}
	}
	sort.Strings(out)
	return out
}

func TestWhoCanEqualsEvaluateOnEveryPair(t *testing.T) {
	actions := KeyActions()
	pairs, allowed := 0, 0
	for seed := uint64(1); seed <= 25; seed++ {
		t.Run("generated account "+strconv.FormatUint(seed, 10), func(t *testing.T) {
			g := genSnapshot(t, genConfig{seed: seed, roles: 14, policies: 20, users: 8, groups: 3, scpLevels: 3,
				attachPerRole: 3, statementsPerDoc: 3, serviceLinked: 2, boundaryEveryNth: 3})
			a, err := LoadFS(g.files)
			require.NoError(t, err)
			rep, err := a.WhoCan(g.key, nil)
			require.NoError(t, err)
			var got []string
			for _, r := range rep.Access {
				require.Equal(t, Allowed, r.Access, "%s %s: %s", r.Principal, r.Action, r.Reason)
				got = append(got, r.Principal+" "+r.Action)
			}
			sort.Strings(got)
			want := bruteForce(t, g, actions)
			if d := cmp.Diff(want, got); d != "" {
				t.Errorf("WhoCan differs from evaluate on every pair (-evaluate +WhoCan):\n%s", d)
			}
			pairs += len(g.truth) * len(actions)
			allowed += len(want)
		})
	}
	t.Logf("%d (principal, action) pairs, %d allowed, 0 differences", pairs, allowed)
	require.Greater(t, allowed, pairs/20, "the generated accounts must allow a fair share of pairs to mean anything")
	require.Less(t, allowed, pairs-pairs/20, "and deny a fair share")
}
