package evaluate

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/cksiam/cksiam/policy"
	"github.com/stretchr/testify/require"
)

// randomActionSet returns n statements whose Action (or, now and then,
// NotAction) values are drawn from literal names, prefixes, patterns with
// an inner wildcard, whole-service and whole-action wildcards, in mixed
// case.
func randomActionSet(rng *rand.Rand, n int) string {
	services := []string{"kms", "ec2", "s3", "iam", "sts"}
	verbs := []string{"Get", "Describe", "Delete", "Create", "List", "Put"}
	nouns := []string{"Key", "Keys", "Instance", "Object", "Role", "Policy"}
	value := func() string {
		svc := services[rng.IntN(len(services))]
		verb, noun := verbs[rng.IntN(len(verbs))], nouns[rng.IntN(len(nouns))]
		switch rng.IntN(10) {
		case 0:
			return svc + ":" + verb + "*"
		case 1:
			return svc + ":" + verb + "*" + noun[:2] + "?"
		case 2:
			return svc + ":*"
		case 3:
			return strings.ToUpper(svc) + ":" + strings.ToLower(verb+noun)
		case 4:
			if rng.IntN(20) == 0 {
				return "*"
			}
			return svc + ":*" + noun
		}
		return svc + ":" + verb + noun
	}
	var sb strings.Builder
	sb.WriteString(`{"Version":"2012-10-17","Statement":[`)
	for i := 0; i < n; i++ {
		if i > 0 {
			sb.WriteByte(',')
		}
		elem := "Action"
		if rng.IntN(15) == 0 {
			elem = "NotAction"
		}
		var vals []string
		for range 1 + rng.IntN(3) {
			vals = append(vals, `"`+value()+`"`)
		}
		fmt.Fprintf(&sb, `{"Effect":"Allow","%s":[%s],"Resource":"*"}`, elem, strings.Join(vals, ","))
	}
	sb.WriteString("]}")
	return sb.String()
}

// The action index gives a decision exactly the statements whose Action or
// NotAction matches the request's action — no other, whatever the set's
// size (no cliff at 64 statements or anywhere else) — for actions the
// policies name literally (rows) and for the others (gather).
func TestActionIndexHoldsExactlyTheMatchingStatements(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 5))
	actions := []string{"kms:GetKey", "KMS:getkeys", "ec2:DescribeInstance", "ec2:DescribeRegions", "s3:GetObject",
		"s3:PutObjectAcl", "iam:CreateRole", "iam:DeletePolicy", "sts:AssumeRole", "sqs:SendMessage", "kms:ListAliases"}
	for _, n := range []int{1, 16, 64, 65, 300, 1000} {
		t.Run(fmt.Sprintf("a set of %d statements", n), func(t *testing.T) {
			ev, err := Compile(Policies{Identity: docs(t, randomActionSet(rng, n))})
			require.NoError(t, err)
			for _, a := range actions {
				r := Request{Principal: alice, Action: a, Resource: "*"}
				var s state
				require.NoError(t, ev.prepare(&s, &r))
				var g gathered
				rs := ev.rows(&s, &g)
				require.NotNil(t, rs.off, "%s: every action finds its statements", a)
				want := []uint32{}
				for i := range ev.identity.stmts {
					if ev.identity.stmts[i].matchAction(&s) {
						want = append(want, uint32(i))
					}
				}
				require.Equal(t, want, append([]uint32{}, rs.of(ev.identity)...), "%s (indexed: %v)", a, s.memo >= 0)
			}
		})
	}
}

// A literal action of a large set is found in its row without visiting the
// set's other statements: the row holds the statements that name it.
func TestALargeSetDecidesFromTheStatementsThatNameTheAction(t *testing.T) {
	ev, err := Compile(largeIdentitySet(t, 1000))
	require.NoError(t, err)
	var s state
	require.NoError(t, ev.prepare(&s, &Request{Principal: alice, Action: "ec2:ListThing1", Resource: "*"}))
	require.GreaterOrEqual(t, s.memo, int32(0))
	row := ev.index.row(s.memo)
	require.Equal(t, []uint32{1}, row.of(ev.identity), "one of the 1,000 statements, the second, names ec2:ListThing1")
}

func TestSortPairsIsSortThenCompact(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	var buf pairBuf // reused, as Compile reuses it from set to set
	for range 200 {
		n := 1 + r.IntN(40)
		var pairs []uint64
		for stmt := range r.IntN(30) {
			for range r.IntN(5) {
				pairs = append(pairs, uint64(r.IntN(n))<<32|uint64(stmt))
			}
		}
		want := slices.Compact(slices.Sorted(slices.Values(pairs)))
		require.Equal(t, want, sortPairs(slices.Clone(pairs), n, &buf))
	}
}

// lowerActionOK is checkAction's verdict for a name whose first colon is
// known.
func TestLowerActionOKIsCheckAction(t *testing.T) {
	for _, key := range []string{"kms:decrypt", "kms:Decrypt", "vpc-lattice:associateviaawsservice-eventsandstates",
		"kms:", ":decrypt", "kms", "kms:de:crypt", "kms:de*", "kms:de?", "km_s:decrypt", "kms:de_crypt", "k\u00e9:x", "kms:d\u00e9"} {
		fuzzLowerActionOK(t, key)
	}
}

func FuzzLowerActionOK(f *testing.F) {
	for _, s := range []string{"kms:decrypt", "a:b", "ec2:describe-x_y", "s3:get*", "KMS:x", "::", "a:b:c"} {
		f.Add(s)
	}
	f.Fuzz(fuzzLowerActionOK)
}

func fuzzLowerActionOK(t *testing.T, key string) {
	_, err := checkAction(key)
	colon := strings.IndexByte(key, ':')
	require.Equal(t, err == nil, lowerActionOK(key, colon), "%q", key)
	// At a later colon, or none, neither accepts it.
	if later := strings.LastIndexByte(key, ':'); later > colon {
		require.False(t, lowerActionOK(key, later), "%q at %d", key, later)
	}
}

func TestSortedNamesIsSortThenCompact(t *testing.T) {
	r := rand.New(rand.NewPCG(4, 7))
	words := []string{"decrypt", "encrypt", "describekey", "", "get", "getkey", "a"}
	for range 300 {
		var names []string
		for range r.IntN(12) {
			names = append(names, words[r.IntN(len(words))])
		}
		if r.IntN(2) == 0 {
			slices.Sort(names) // already in order, as policies often list them
		}
		want := slices.Compact(slices.Sorted(slices.Values(names)))
		require.Equal(t, want, sortedNames(slices.Clone(names)))
	}
}

// FuzzActionIndex compiles random action sets into several sets at once
// (identity policies, a permissions boundary, SCP levels) and requires
// every row of the action index, and every gathered row, to hold exactly
// the statements of each set whose Action or NotAction matches.
func FuzzActionIndex(f *testing.F) {
	for seed := range uint64(8) {
		f.Add(seed, uint8(seed*37))
	}
	f.Fuzz(func(t *testing.T, seed uint64, size uint8) {
		rng := rand.New(rand.NewPCG(seed, uint64(size)))
		n := 1 + int(size)%40
		p := Policies{
			Identity: []*policy.Document{mustParse(randomActionSet(rng, n)), mustParse(randomActionSet(rng, 1+n/3))},
			Boundary: mustParse(randomActionSet(rng, 1+n/2)),
		}
		for range rng.IntN(3) {
			p.SCPs = append(p.SCPs, []*policy.Document{mustParse(randomActionSet(rng, 1+rng.IntN(8)))})
		}
		ev, err := Compile(p)
		if err != nil {
			return // a grammar error of the random set (SCPs refuse some)
		}
		// Every name the sets spell, in another case, and names they do not.
		var actions []string
		for _, d := range append(append([]*policy.Document{p.Boundary}, p.Identity...), scpDocs(p)...) {
			for _, st := range d.Statement {
				for _, a := range append(st.Action.Values, st.NotAction.Values...) {
					actions = append(actions, a, strings.ToUpper(a))
				}
			}
		}
		actions = append(actions, "sqs:SendMessage", "kms:Zzz", "ec2:Describe", "s3:Get")
		for _, a := range actions {
			var s state
			if ev.prepare(&s, &Request{Principal: alice, Action: a, Resource: "*"}) != nil {
				continue // a pattern, not an action
			}
			var g gathered
			rs := ev.rows(&s, &g)
			if rs.off == nil {
				continue // too many to gather: scanned whole
			}
			for _, ds := range ev.sets() {
				want := []uint32{}
				for i := range ds.stmts {
					if ds.stmts[i].matchAction(&s) {
						want = append(want, uint32(i))
					}
				}
				require.Equal(t, want, append([]uint32{}, rs.of(ds)...), "%s in %s (indexed: %v)", a, ds.typ, s.memo >= 0)
			}
		}
	})
}

func scpDocs(p Policies) []*policy.Document {
	var out []*policy.Document
	for _, level := range p.SCPs {
		out = append(out, level...)
	}
	return out
}
