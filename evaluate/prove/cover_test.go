package prove

import (
	"fmt"
	"math/rand"
	"slices"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cksiam/cksiam/internal/managedpolicies"
	"github.com/cksiam/cksiam/policy"
)

func TestGlobWithin(t *testing.T) {
	for _, tc := range []struct {
		p, q string
		fold bool
		want bool
	}{
		{"kms:Decrypt", "kms:Decrypt", true, true},
		{"kms:decrypt", "KMS:Decrypt", true, true},
		{"kms:decrypt", "kms:Decrypt", false, false},
		{"kms:Decrypt", "kms:*", true, true},
		{"kms:Describe*", "kms:Desc*", true, true},
		{"kms:Desc*", "kms:Describe*", true, false},
		{"kms:Describe?", "kms:Describe*", true, true},
		{"kms:De?cribe", "kms:Describe*", true, false},
		{"s3:*", "*", true, true},
		{"anything", "**", false, true},
		{"arn:aws:s3:::b/*", "arn:aws:s3:::b/*", false, true},
		{"arn:aws:s3:::b/x", "arn:aws:s3:::b/*", false, true},
		{"arn:aws:s3:::B/x", "arn:aws:s3:::b/*", false, false},
		{"arn:aws:s3:::b/x", "arn:aws:s3:::b/?", false, false},
		{"arn:aws:s3:::b/*", "arn:aws:s3:::b/*/*", false, false},
		{"kms:Decrypt", "kms:Decrypt?", true, false},
	} {
		t.Run(fmt.Sprintf("%s is within %s: %v", tc.p, tc.q, tc.want), func(t *testing.T) {
			require.Equal(t, tc.want, globWithin(tc.p, tc.q, tc.fold))
		})
	}
}

func TestStatementProofs(t *testing.T) {
	allow := func(acts, ress []string, c policy.Condition) policy.Statement {
		return policy.Statement{Effect: policy.Allow, Action: policy.List(acts...), Resource: policy.List(ress...), Condition: c}
	}
	deny := func(acts, ress []string) policy.Statement {
		st := allow(acts, ress, nil)
		st.Effect = policy.Deny
		return st
	}
	key := "arn:aws:kms:us-east-1:111122223333:key/k1"
	team := policy.Condition{}.With("StringEquals", "aws:PrincipalTag/team", "a")
	both := team.With("Bool", "aws:SecureTransport", "true")
	for _, tc := range []struct {
		name     string
		kind     Kind
		old, new []policy.Statement
		want     bool
	}{
		{"a narrower action is proved", Identity,
			[]policy.Statement{allow([]string{"kms:*"}, []string{key}, nil)},
			[]policy.Statement{allow([]string{"kms:Decrypt"}, []string{key}, nil)}, true},
		{"a broader action is left to the search", Identity,
			[]policy.Statement{allow([]string{"kms:Decrypt"}, []string{key}, nil)},
			[]policy.Statement{allow([]string{"kms:*"}, []string{key}, nil)}, false},
		{"a condition added to new is proved", Identity,
			[]policy.Statement{allow([]string{"kms:Decrypt"}, []string{key}, team)},
			[]policy.Statement{allow([]string{"kms:Decrypt"}, []string{key}, both)}, true},
		{"a condition removed from new is left to the search", Identity,
			[]policy.Statement{allow([]string{"kms:Decrypt"}, []string{key}, both)},
			[]policy.Statement{allow([]string{"kms:Decrypt"}, []string{key}, team)}, false},
		{"a Deny of old missing from new is left to the search", Identity,
			[]policy.Statement{allow([]string{"kms:*"}, []string{"*"}, nil), deny([]string{"kms:ScheduleKeyDeletion"}, []string{"*"})},
			[]policy.Statement{allow([]string{"kms:*"}, []string{"*"}, nil)}, false},
		{"a Deny added to new is proved", Identity,
			[]policy.Statement{allow([]string{"kms:*"}, []string{"*"}, nil)},
			[]policy.Statement{allow([]string{"kms:*"}, []string{"*"}, nil), deny([]string{"kms:ScheduleKeyDeletion"}, []string{"*"})}, true},
		{"a policy variable is left to the search", Identity,
			[]policy.Statement{allow([]string{"s3:*"}, []string{"arn:aws:s3:::b/${aws:username}/*"}, nil)},
			[]policy.Statement{allow([]string{"s3:*"}, []string{"arn:aws:s3:::b/${aws:username}/*"}, nil)}, false},
		{"an account pattern is left to the search", Identity,
			[]policy.Statement{allow([]string{"kms:*"}, []string{"arn:aws:kms:*:1111*:key/*"}, nil)},
			[]policy.Statement{allow([]string{"kms:*"}, []string{"arn:aws:kms:*:1111*:key/*"}, nil)}, false},
		{"a key tested by two families is left to the search", Identity,
			[]policy.Statement{allow([]string{"kms:*"}, []string{"*"}, policy.Condition{}.With("StringLike", "aws:CurrentTime", "2020*"))},
			[]policy.Statement{allow([]string{"kms:*"}, []string{"*"}, policy.Condition{}.With("StringLike", "aws:CurrentTime", "2020*").
				With("DateLessThan", "aws:CurrentTime", "2021-01-01T00:00:00Z"))}, false},
		{"a document the evaluator refuses is left to the search", Identity,
			[]policy.Statement{allow([]string{"kms:*"}, []string{"*"}, nil)},
			[]policy.Statement{{Effect: policy.Allow, Principal: policy.Everyone(), Action: policy.List("kms:Decrypt"), Resource: policy.List("*")}}, false},
		{"a key policy naming fewer principals is proved", KeyPolicy,
			[]policy.Statement{{Effect: policy.Allow, Principal: policy.AWSPrincipal("111122223333", "arn:aws:iam::111122223333:role/r"), Action: policy.List("kms:*"), Resource: policy.List("*")}},
			[]policy.Statement{{Effect: policy.Allow, Principal: policy.AWSPrincipal("arn:aws:iam::111122223333:role/r"), Action: policy.List("kms:Decrypt"), Resource: policy.List("*")}}, true},
		{"a key policy naming everyone instead is left to the search", KeyPolicy,
			[]policy.Statement{{Effect: policy.Allow, Principal: policy.AWSPrincipal("111122223333"), Action: policy.List("kms:*"), Resource: policy.List("*")}},
			[]policy.Statement{{Effect: policy.Allow, Principal: policy.Everyone(), Action: policy.List("kms:Decrypt"), Resource: policy.List("*")}}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			old := &policy.Document{Version: policy.Version2012, Statement: tc.old}
			nw := &policy.Document{Version: policy.Version2012, Statement: tc.new}
			res, ok := coveredProof(tc.kind, old, nw)
			require.Equal(t, tc.want, ok)
			if ok {
				require.Equal(t, Proved, res.Verdict)
				require.Zero(t, res.Steps)
			}
			full, err1 := NoNewAccess(tc.kind, old, nw)
			search, err2 := NoNewAccess(tc.kind, old, nw, SearchOnly)
			require.Equal(t, err2 == nil, err1 == nil)
			require.Equal(t, search.Verdict, full.Verdict, "%s", search.Detail)
			if ok {
				require.Equal(t, detailCovered, full.Detail)
			}
		})
	}
}

// narrowings are pairs of action or resource patterns, the first within
// the second, for mutations that keep a document within another.
var narrowings = [][2]string{{"kms:Decrypt", "kms:*"}, {"kms:Decrypt", "kms:De*"}, {"kms:DescribeKey", "kms:De*"}, {"s3:ListBucket", "s3:List*"},
	{"s3:GetObject", "s3:*"}, {"kms:Encrypt", "kms:?ncrypt"}, {"kms:CreateKey", "*"}, {"arn:aws:s3:::b1/o1", "arn:aws:s3:::b1/*"},
	{"arn:aws:kms:us-east-1:" + accA + ":key/k1", "arn:aws:kms:*:" + accA + ":key/*"}, {"arn:aws:s3:::b1/*", "arn:aws:s3:::*"}}

// narrow returns a variant of d that the statements usually prove within
// d, and sometimes one they do not (a pattern widened, a condition or a
// Deny dropped), for comparing the proof from the statements with the
// search.
func (g gen) narrow(k Kind, d *policy.Document) *policy.Document {
	out := &policy.Document{Version: d.Version}
	for _, st := range d.Statement {
		st.Action.Values = slices.Clone(st.Action.Values)
		st.Resource.Values = slices.Clone(st.Resource.Values)
		st.Condition = slices.Clone(st.Condition)
		out.Statement = append(out.Statement, st)
	}
	for n := 1 + g.r.Intn(3); n > 0; n-- {
		i := g.r.Intn(len(out.Statement))
		st := &out.Statement[i]
		switch g.r.Intn(9) {
		case 0: // drop a statement
			if len(out.Statement) > 1 {
				out.Statement = slices.Delete(out.Statement, i, i+1)
			}
		case 1, 2: // narrow or widen a pattern
			pair := narrowings[g.r.Intn(len(narrowings))]
			from, to := pair[1], pair[0]
			if g.r.Intn(4) == 0 {
				from, to = to, from
			}
			for _, l := range []*policy.Strings{&st.Action, &st.Resource, &st.NotAction, &st.NotResource} {
				for j, v := range l.Values {
					if v == from {
						l.Values[j] = to
					}
				}
			}
		case 3: // a condition added or dropped
			if g.r.Intn(4) == 0 && len(st.Condition) > 0 {
				st.Condition = st.Condition[1:]
			} else {
				ct := condTemplates[g.r.Intn(len(condTemplates))]
				vals := condValues[ct.key]
				if ct.op == "Null" {
					vals = []string{"true", "false"}
				}
				st.Condition = st.Condition.With(ct.op, ct.key, vals[g.r.Intn(len(vals))])
			}
		case 4: // a Deny added
			s := g.statement(k)
			s.Effect = policy.Deny
			out.Statement = append(out.Statement, s)
		case 5: // a statement added
			out.Statement = append(out.Statement, g.statement(k))
		case 6: // reordered
			g.r.Shuffle(len(out.Statement), func(a, b int) { out.Statement[a], out.Statement[b] = out.Statement[b], out.Statement[a] })
		case 7: // one value of a list dropped
			if len(st.Action.Values) > 1 {
				st.Action.Values = st.Action.Values[1:]
			}
			if len(st.Resource.Values) > 1 {
				st.Resource.Values = st.Resource.Values[:1]
			}
		}
	}
	return out
}

// TestStatementProofsAgreeWithTheSearch asks NoNewAccess of random
// pairs, a document and a variant of it, with and without the proof from
// the statements: the answers must be the same, and proofs from the
// statements must hold on the enumeration of the differential test's world.
func TestStatementProofsAgreeWithTheSearch(t *testing.T) {
	g := gen{rand.New(rand.NewSource(20261206))}
	proofs := map[bool]int{}
	for i := 0; i < 2*(*diffCases); i++ {
		k := []Kind{Identity, Identity, KeyPolicy, TrustPolicy}[i%4]
		old := g.document(k)
		nw := g.narrow(k, old)
		if i%5 == 0 {
			old, nw = nw, old
		}
		name := fmt.Sprintf("case %d (%s)\nold %s\nnew %s", i, k, docJSON(old), docJSON(nw))
		full, err1 := NoNewAccess(k, old, nw)
		search, err2 := NoNewAccess(k, old, nw, SearchOnly)
		require.Equal(t, err2, err1, name)
		require.Equal(t, search.Verdict, full.Verdict, "%s\nsearch: %s", name, search.Detail)
		require.Equal(t, search.Reason, full.Reason, name)
		require.Equal(t, search.Witness, full.Witness, name)
		_, fast := coveredProof(k, old, nw)
		proofs[fast]++
		if fast {
			require.Equal(t, detailCovered, full.Detail, name)
		}
		if fast && proofs[true]%5 == 1 {
			// The search agrees; every fifth proof is also checked on the
			// enumeration (the differential test checks the search there).
			evNew, evOld := compiled(t, frameOf(k, nw)), compiled(t, frameOf(k, old))
			for _, r := range enumerate(k, old, nw) {
				require.False(t, allowedBy(t, evNew, r) && !allowedBy(t, evOld, r), "%s\nproved from the statements, but %+v is a counterexample", name, r)
			}
		}
	}
	t.Logf("proved from the statements: %d; left to the search: %d", proofs[true], proofs[false])
	require.Greater(t, proofs[true], *diffCases/2, "the pairs exercise the proof from the statements")
	require.Greater(t, proofs[false], *diffCases/2, "the pairs exercise the search")
}

// TestStatementProofsHoldOnManagedPolicies: on the AWS managed policy
// versions (when the corpus is there), every pair the statements prove is
// proved by the search too. CKSIAM_PROVE_CORPUS_EVERY=n asks every n-th pair.
func TestStatementProofsHoldOnManagedPolicies(t *testing.T) {
	ps := managedpolicies.ForTest(t)
	every := max(corpusEnv(t, "CKSIAM_PROVE_CORPUS_EVERY", 1), 1)
	seen, fast := 0, 0
	for _, p := range ps {
		for i := 1; i < len(p.Versions); i++ {
			seen++
			if (seen-1)%every != 0 {
				continue
			}
			prev, err1 := policy.Parse(p.Versions[i-1].Document)
			next, err2 := policy.Parse(p.Versions[i].Document)
			require.NoError(t, err1, p.Name)
			require.NoError(t, err2, p.Name)
			for _, pair := range [][2]*policy.Document{{prev, next}, {next, prev}} {
				if _, ok := coveredProof(Identity, pair[0], pair[1]); !ok {
					continue
				}
				fast++
				r, err := NoNewAccess(Identity, pair[0], pair[1], SearchOnly)
				require.NoError(t, err, p.Name)
				require.Equal(t, Proved, r.Verdict, "%s %s->%s: proved from the statements, the search answers %s %s: %s", p.Name,
					p.Versions[i-1].ID, p.Versions[i].ID, r.Verdict, r.Reason, r.Detail)
			}
		}
	}
	t.Logf("pairs proved from the statements: %d (of %d version pairs seen, both ways)", fast, seen)
	require.NotZero(t, fast)
}
