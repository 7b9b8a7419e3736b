package snapshot

import (
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/cksiam/cksiam/evaluate"
	"github.com/cksiam/cksiam/policy"
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
			all, some := true, false
			contexts := []evaluate.Context{ctx}
			if g.free {
				contexts = freeContexts(ctx)
			}
			if g.ops {
				contexts = opContexts(contexts)
			}
			for _, c := range contexts {
				r := req
				r.Context = c
				d, err := ev.Decide(r)
				require.NoError(t, err)
				if d == evaluate.Allowed {
					some = true
				} else {
					all = false
				}
				for _, v := range variants(g.grants, r) {
					if some {
						break
					}
					d, err := ev.Decide(v)
					require.NoError(t, err)
					some = d == evaluate.Allowed
				}
			}
			switch {
			case all:
				out = append(out, arn+" "+a+" allowed")
			case some:
				out = append(out, arn+" "+a+" conditional")
			}
		}
	}
	sort.Strings(out)
	return out
}

func TestWhoCanEqualsEvaluateOnEveryPair(t *testing.T) {
	actions := KeyActions()
	pairs, allowed, conditional, unknown := 0, 0, 0, 0
	opsDecided, opsUnknown := 0, 0 // the seeds with operator conditions
	conditions := 0                // conditional rows whose condition was checked exact
	// Seeds 1–25: even ones with conditions on free keys the search
	// decides; 26–35: on free keys with StringLike, Numeric, Date and set
	// operators, which the prover decides.
	for seed := uint64(1); seed <= 35; seed++ {
		t.Run("generated account "+strconv.FormatUint(seed, 10), func(t *testing.T) {
			g := genSnapshot(t, genConfig{seed: seed, roles: 14, policies: 20, users: 8, groups: 3, scpLevels: 3, grants: 12,
				freeKeys: seed <= 25 && seed%2 == 0, freeOps: seed > 25,
				attachPerRole: 3, statementsPerDoc: 3, serviceLinked: 2, boundaryEveryNth: 3})
			a, err := LoadFS(g.files)
			require.NoError(t, err)
			rep, err := a.WhoCan(g.key, nil)
			require.NoError(t, err)
			var got []string
			unknowns := map[string]bool{}
			for _, r := range rep.Access {
				if r.Access == Unknown {
					unknowns[r.Principal+" "+r.Action] = true
					unknown++
					if g.ops {
						opsUnknown++
					}
					continue
				}
				if g.ops {
					opsDecided++
				}
				got = append(got, r.Principal+" "+r.Action+" "+string(r.Access))
			}
			sort.Strings(got)
			conditions += checkConditions(t, g, rep)
			var want []string
			for _, w := range bruteForce(t, g, actions) {
				if i := strings.LastIndexByte(w, ' '); !unknowns[w[:i]] {
					want = append(want, w)
				}
			}
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
	t.Logf("%d (principal, action) pairs, %d allowed, %d conditional, %d unknown, 0 differences", pairs, allowed, conditional, unknown)
	t.Logf("with StringLike, Numeric, Date and set operators on free keys: %d rows decided, %d unknown; %d conditions checked exact", opsDecided, opsUnknown, conditions)
	require.Less(t, unknown, (allowed+conditional)/20, "unknown must stay rare: the bounds decide most answers")
	require.Greater(t, conditions, 20, "the conditions checked must include the prover's and the bounds' residuals")
	require.Less(t, opsUnknown*50, opsDecided, "the prover decides the rows on StringLike, Numeric, Date and set operators the search cannot prove")
	require.Greater(t, conditional, 20, "grants with constraints, retiring principals and CreateGrant must make some pairs conditional")
	require.Greater(t, allowed, pairs/20, "the generated accounts must allow a fair share of pairs to mean anything")
	require.Less(t, allowed, pairs-pairs/20, "and deny a fair share")
}

// freeContexts are base with every combination of the free keys' values:
// absent, each value the generated conditions name, and one other.
func freeContexts(base evaluate.Context) []evaluate.Context {
	out := []evaluate.Context{base}
	for _, key := range sortedKeys(freeValues) {
		vals := []string{""}
		for _, v := range freeValues[key] {
			if key == "aws:SourceIp" {
				v = "10.1.2.3"
			}
			vals = append(vals, v)
		}
		other := map[string]string{"kms:ViaService": "rds.us-west-2.amazonaws.com", "aws:SourceIp": "192.0.2.1", "aws:MultiFactorAuthPresent": "false"}[key]
		vals = append(vals, other)
		var next []evaluate.Context
		for _, c := range out {
			for _, v := range vals {
				n := evaluate.Context{}
				for k, vv := range c {
					n[k] = vv
				}
				if v != "" {
					n[key] = []string{v}
				}
				next = append(next, n)
			}
		}
		out = next
	}
	return out
}

// opContexts are each of bases with every combination of the operator
// keys' values (opValues) and absent.
func opContexts(bases []evaluate.Context) []evaluate.Context {
	out := bases
	for _, key := range sortedKeys(opValues) {
		vals := append([][]string{nil}, opValues[key]...)
		var next []evaluate.Context
		for _, c := range out {
			for _, v := range vals {
				n := evaluate.Context{}
				for k, vv := range c {
					n[k] = vv
				}
				if v != nil {
					n[key] = v
				}
				next = append(next, n)
			}
		}
		out = next
	}
	return out
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
			if !hasOp(g, "CreateGrant") {
				continue
			}
			child := g
			child.GrantId, child.Name, child.GranteePrincipal = "", "", req.Principal
			r.NewGrant = &child
		default:
			if g.Constraints == nil || !hasOp(g, grantOp(req.Action)) {
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

// checkConditions checks that each conditional row's condition (when it
// gives one, and it is not a grant's encryption-context constraint) is
// exact: on every context the oracle tries, the request is allowed exactly
// when one of the row's conditions holds.
func checkConditions(t *testing.T, g *genAccount, rep *Report) int {
	t.Helper()
	checked := 0
	const key = "arn:aws:kms:us-west-2:210987654321:key/00000000-1111-2222-3333-444444444444"
	for _, r := range rep.Access {
		if r.Access != Conditional || len(r.Condition) == 0 || r.Reason != "" {
			continue
		}
		p, ok := g.truth[r.Principal]
		if !ok {
			continue
		}
		ev, err := evaluate.Compile(p)
		require.NoError(t, err)
		// holds decides whether one of the conditions holds: a key policy
		// allowing everything under each condition.
		var stmts []policy.Statement
		for _, c := range r.Condition {
			stmts = append(stmts, policy.Statement{Effect: policy.Allow, Principal: &policy.Principal{Wildcard: true},
				Action: policy.List("*"), Resource: policy.List("*"), Condition: c})
		}
		holds, err := evaluate.Compile(evaluate.Policies{Resource: policy.NewDocument(stmts...)})
		require.NoError(t, err)
		ctx := evaluate.Context{}
		for k, v := range g.facts {
			ctx[k] = v
		}
		for k, v := range g.tags[r.Principal] {
			ctx["aws:PrincipalTag/"+k] = []string{v}
		}
		contexts := []evaluate.Context{ctx}
		if g.free {
			contexts = freeContexts(ctx)
		}
		if g.ops {
			contexts = opContexts(contexts)
		}
		checked++
		for _, c := range contexts {
			req := evaluate.Request{Principal: r.Principal, Action: r.Action, Resource: key, Context: c}
			d, err := ev.Decide(req)
			require.NoError(t, err)
			h, err := holds.Decide(req)
			require.NoError(t, err)
			require.Equal(t, d == evaluate.Allowed, h == evaluate.Allowed, "%s %s: condition %v on %v", r.Principal, r.Action, r.Condition, c)
		}
	}
	return checked
}
