package snapshot

import (
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/cksiam/cksiam/evaluate"
	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"
)

// bruteForce decides every (principal, action) pair with evaluate on the
// generator's own account of each principal's policies, and every grant of
// the key: the oracle WhoCan must agree with. A pair is allowed when the
// request without an encryption context is; conditional when a request
// with one of the encryption contexts the grants' constraints name is, or
// (kms:RetireGrant) a request naming one of the grants, or (kms:CreateGrant)
// a request for a child grant as broad as one of the grants.
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
			req := evaluate.Request{Principal: arn, Action: a, Resource: g.key, Context: ctx}
			d, err := ev.Decide(req)
			require.NoError(t, err)
			if d == evaluate.Allowed {
				out = append(out, arn+" "+a+" allowed")
				continue
			}
			for _, v := range variants(g.grants, req) {
				d, err := ev.Decide(v)
				require.NoError(t, err)
				if d == evaluate.Allowed {
					out = append(out, arn+" "+a+" conditional")
					break
				}
			}
		}
	}
	sort.Strings(out)
	return out
}

func TestWhoCanEqualsEvaluateOnEveryPair(t *testing.T) {
	actions := KeyActions()
	pairs, allowed, conditional := 0, 0, 0
	for seed := uint64(1); seed <= 25; seed++ {
		t.Run("generated account "+strconv.FormatUint(seed, 10), func(t *testing.T) {
			g := genSnapshot(t, genConfig{seed: seed, roles: 14, policies: 20, users: 8, groups: 3, scpLevels: 3, grants: 12,
				attachPerRole: 3, statementsPerDoc: 3, serviceLinked: 2, boundaryEveryNth: 3})
			a, err := LoadFS(g.files)
			require.NoError(t, err)
			rep, err := a.WhoCan(g.key, nil)
			require.NoError(t, err)
			var got []string
			for _, r := range rep.Access {
				require.NotEqual(t, Unknown, r.Access, "%s %s: %s", r.Principal, r.Action, r.Reason)
				got = append(got, r.Principal+" "+r.Action+" "+string(r.Access))
			}
			sort.Strings(got)
			want := bruteForce(t, g, actions)
			if d := cmp.Diff(want, got); d != "" {
				t.Errorf("WhoCan differs from evaluate on every pair (-evaluate +WhoCan):\n%s", d)
			}
			pairs += len(g.truth) * len(actions)
			for _, w := range want {
				if strings.HasSuffix(w, " conditional") {
					conditional++
				} else {
					allowed++
				}
			}
		})
	}
	t.Logf("%d (principal, action) pairs, %d allowed, %d conditional, 0 differences", pairs, allowed, conditional)
	require.Greater(t, conditional, 20, "grants with constraints, retiring principals and CreateGrant must make some pairs conditional")
	require.Greater(t, allowed, pairs/20, "the generated accounts must allow a fair share of pairs to mean anything")
	require.Less(t, allowed, pairs-pairs/20, "and deny a fair share")
}

// variants are the requests that differ from req in what the snapshot
// does not fix and the grants make matter.
func variants(grants []evaluate.Grant, req evaluate.Request) []evaluate.Request {
	var out []evaluate.Request
	for _, g := range grants {
		r := req
		switch req.Action {
		case "kms:RetireGrant":
			r.GrantId = g.GrantId
		case "kms:CreateGrant":
			child := g
			child.GrantId, child.Name, child.GranteePrincipal = "", "", req.Principal
			r.NewGrant = &child
		default:
			if g.Constraints == nil {
				continue
			}
			r.EncryptionContext = g.Constraints.EncryptionContextEquals
			if r.EncryptionContext == nil {
				r.EncryptionContext = g.Constraints.EncryptionContextSubset
			}
		}
		out = append(out, r)
	}
	return out
}
