package prove

import (
	"flag"
	"math/rand"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cksiam/cksiam/evaluate"
	"github.com/cksiam/cksiam/policy"
)

// neverWrong checks the properties every answer has whatever the input: a
// Refuted answer carries a witness the evaluator confirms, and the model
// never disagrees with the evaluator.
func neverWrong(t *testing.T, r Result, k Kind, old, nw *policy.Document) {
	t.Helper()
	require.NotEqual(t, ReasonEngineDisagrees, r.Reason, r.Detail)
	if r.Verdict == Refuted {
		require.NotNil(t, r.Witness)
		require.True(t, allowedBy(t, compiled(t, frameOf(k, nw)), *r.Witness), "witness %+v not allowed by the new document", *r.Witness)
		if old != nil {
			require.False(t, allowedBy(t, compiled(t, frameOf(k, old)), *r.Witness), "witness %+v allowed by the old document", *r.Witness)
		}
	}
}

// FuzzNoNewAccessLaws checks, over generated documents: a document grants
// nothing new over itself; adding a Deny to the new document or an Allow
// to the old one never refutes; every witness is confirmed.
func FuzzNoNewAccessLaws(f *testing.F) {
	for _, seed := range []int64{1, 2, 3, 42, 1234, 20261205} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, seed int64) { lawsHold(t, seed) })
}

// lawsHold asks the law questions of FuzzNoNewAccessLaws about the
// documents seed generates, checks the laws, and returns the answers.
func lawsHold(t *testing.T, seed int64) (out []Result) {
	g := gen{rand.New(rand.NewSource(seed))}
	k := []Kind{Identity, KeyPolicy, TrustPolicy}[int(uint64(seed)%3)]
	p := g.document(k)
	// Most law questions are proved from the statements (cover.go): each
	// is also asked of the search, which must answer alike.
	NoNewAccess := func(k Kind, old, new *policy.Document) (Result, error) {
		r, err := NoNewAccess(k, old, new)
		s, err2 := NoNewAccess(k, old, new, SearchOnly)
		require.Equal(t, err2, err)
		require.Equal(t, s.Verdict, r.Verdict, "the search answers %s: %s", s.Verdict, s.Detail)
		require.Equal(t, s.Reason, r.Reason)
		require.Equal(t, s.Witness, r.Witness)
		return r, err
	}

	r, err := NoNewAccess(k, p, p)
	out = append(out, r)
	require.NoError(t, err)
	require.NotEqual(t, Refuted, r.Verdict, "a document refuted against itself: %+v", r.Witness)
	neverWrong(t, r, k, p, p)

	extra := g.statement(k)
	withDeny := &policy.Document{Version: p.Version, Statement: append(append([]policy.Statement(nil), p.Statement...), deny(extra))}
	r, err = NoNewAccess(k, p, withDeny)
	require.NoError(t, err)
	require.NotEqual(t, Refuted, r.Verdict, "a Deny added refuted: %+v", r.Witness)
	neverWrong(t, r, k, p, withDeny)
	out = append(out, r)

	withAllow := &policy.Document{Version: p.Version, Statement: append(append([]policy.Statement(nil), p.Statement...), allow(extra))}
	r, err = NoNewAccess(k, withAllow, p)
	require.NoError(t, err)
	require.NotEqual(t, Refuted, r.Verdict, "an Allow added to the old document refuted: %+v", r.Witness)
	neverWrong(t, r, k, withAllow, p)
	out = append(out, r)

	r, err = NoNewAccess(k, p, withAllow)
	require.NoError(t, err)
	neverWrong(t, r, k, p, withAllow)
	out = append(out, r)
	return out
}

// TestNoNewAccessLawsOverSeeds runs the law questions of
// FuzzNoNewAccessLaws for the seeds 1 to -prove.laws (and the fuzz
// target's own seeds) and reports how often each verdict came back.
func TestNoNewAccessLawsOverSeeds(t *testing.T) {
	verdicts := map[string]int{}
	seeds := []int64{42, 1234, 20261205}
	for s := int64(1); s <= int64(*lawSeeds); s++ {
		seeds = append(seeds, s)
	}
	for _, seed := range seeds {
		for _, r := range lawsHold(t, seed) {
			key := r.Verdict.String()
			if r.Verdict == Unknown {
				key += " " + string(r.Reason)
			}
			verdicts[key]++
		}
	}
	t.Logf("%d seeds, 4 questions each: %v", len(seeds), verdicts)
}

var lawSeeds = flag.Int("prove.laws", 12, "seeds of TestNoNewAccessLawsOverSeeds")

func deny(s policy.Statement) policy.Statement  { s.Effect = policy.Deny; return s }
func allow(s policy.Statement) policy.Statement { s.Effect = policy.Allow; return s }

// FuzzParsedDocument checks the laws on documents read from text: any
// document the evaluator compiles grants nothing new over itself, and
// every answer about it is one of the three, never a panic.
func FuzzParsedDocument(f *testing.F) {
	for _, s := range []string{
		docOf(allowAllKMS),
		docOf(stmt("Allow", act("s3:Get*"), res("arn:aws:s3:::b/*"), cond(`{"StringLike":{"s3:prefix":"home/*"}}`))),
		docOf(stmt("Deny", notAct("kms:Decrypt"), notRes("arn:aws:kms:*:*:key/*"))),
		docOf(stmt("Allow", act("iam:ChangePassword"), res("arn:aws:iam::*:user/${aws:username}"))),
		docOf(stmt("Allow", act("ec2:*"), res("*"), cond(`{"IpAddress":{"aws:SourceIp":"10.0.0.0/8"},"DateLessThan":{"aws:CurrentTime":"2030"}}`))),
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		d, err := policy.Parse(data)
		if err != nil {
			return
		}
		if _, err := evaluate.Compile(frameOf(Identity, d)); err != nil {
			return
		}
		r, err := NoNewAccess(Identity, d, d, Budget(20000))
		require.NoError(t, err)
		require.NotEqual(t, Refuted, r.Verdict)
		neverWrong(t, r, Identity, d, d)
		r, err = AccessNotGranted(Identity, d, []string{"kms:Decrypt"}, nil, Budget(20000))
		require.NoError(t, err)
		neverWrong(t, r, Identity, nil, d)
	})
}

// TestNormalizeKeepsMeaning proves, over generated documents, that the
// canonical form policy.Document.Normalize writes allows exactly what the
// document allows: neither grants anything the other does not.
func TestNormalizeKeepsMeaning(t *testing.T) {
	g := gen{rand.New(rand.NewSource(7))}
	for i := 0; i < 60; i++ {
		k := []Kind{Identity, KeyPolicy, TrustPolicy}[i%3]
		d := g.document(k)
		n := d.Normalize()
		for _, dir := range [][2]*policy.Document{{d, n}, {n, d}} {
			r, err := NoNewAccess(k, dir[0], dir[1])
			require.NoError(t, err)
			require.Equal(t, Proved, r.Verdict, "case %d: %s: %s\n%s", i, r.Reason, r.Detail, docJSON(d))
		}
	}
}
