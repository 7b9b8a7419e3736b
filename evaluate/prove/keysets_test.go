package prove

import (
	"fmt"
	"math/rand"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// tagStatements writes n statements allowing ec2:CreateTags when every tag
// key of the request is one of statement i's three key patterns (as AWS
// managed policies for SageMaker write them, 30 statements over 40
// patterns): far more value sets than maxKeyValues if listed one by one.
func tagStatements(n int) []string {
	var out []string
	for i := range n {
		out = append(out, stmt("Allow", act("ec2:CreateTags"), res("*"), cond(fmt.Sprintf(
			`{"ForAllValues:StringLike":{"aws:TagKeys":["team%02d-*","Project%02d","cost%02d*"]},"Null":{"aws:TagKeys":"false"}}`, i, i, i))))
	}
	return out
}

func TestManyForAllValuesEntriesOnOneKeyAreDecided(t *testing.T) {
	base := tagStatements(14)
	added := append(append([]string(nil), base...), stmt("Allow", act("ec2:CreateTags"), res("*"),
		cond(`{"ForAllValues:StringLike":{"aws:TagKeys":["owner"]}}`)))
	for _, c := range []struct {
		name     string
		old, new []string
		want     Verdict
	}{
		{"a document grants nothing new over itself", base, base, Proved},
		{"dropping a statement grants nothing new", base, base[:13], Proved},
		{"a statement for one more tag key grants something new", base, added, Refuted},
		{"a statement for tag keys no old statement names grants something new", base[:13], base, Refuted},
	} {
		t.Run(c.name, func(t *testing.T) {
			old, nw := mustDoc(t, docOf(c.old...)), mustDoc(t, docOf(c.new...))
			r, err := NoNewAccess(Identity, old, nw)
			require.NoError(t, err)
			require.Equal(t, c.want, r.Verdict, "%s %s", r.Reason, r.Detail)
			if r.Verdict == Refuted {
				require.True(t, allowedBy(t, compiled(t, frameOf(Identity, nw)), *r.Witness))
				require.False(t, allowedBy(t, compiled(t, frameOf(Identity, old)), *r.Witness))
			}
		})
	}
}

func TestSetsBySignatureCombineValuesOfDifferentEntries(t *testing.T) {
	// Allowed only when the request carries both a team* key and a
	// Project key: one value from each of two languages, found by
	// growing sets, with a mixed set the old document does not allow.
	base := tagStatements(14)
	both := stmt("Allow", act("ec2:CreateTags"), res("*"), cond(
		`{"ForAnyValue:StringLike":{"aws:TagKeys":["team*"]},"ForAllValues:StringLike":{"aws:TagKeys":["team*","Project*"]}}`))
	old, nw := mustDoc(t, docOf(base...)), mustDoc(t, docOf(append(append([]string(nil), base...), both)...))
	r, err := NoNewAccess(Identity, old, nw)
	require.NoError(t, err)
	require.Equal(t, Refuted, r.Verdict, "%s %s", r.Reason, r.Detail)
	require.True(t, allowedBy(t, compiled(t, frameOf(Identity, nw)), *r.Witness))
	require.False(t, allowedBy(t, compiled(t, frameOf(Identity, old)), *r.Witness))
}

func TestSetsBySignatureAgreeWithEnumeration(t *testing.T) {
	// The differential world (aws:TagKeys under ForAnyValue and
	// ForAllValues) with every multivalued key's sets listed by signature:
	// the answers agree with the evaluator on every request of the world,
	// and with the answers of the one-by-one listing.
	g := gen{rand.New(rand.NewSource(20261206))}
	tested := 0
	for i := 0; i < 200; i++ {
		k := []Kind{Identity, Identity, KeyPolicy, TrustPolicy}[i%4]
		old := g.document(k)
		nw := g.mutate(k, old)
		if !strings.Contains(docJSON(old)+docJSON(nw), "aws:TagKeys") {
			continue
		}
		tested++
		name := fmt.Sprintf("case %d (%s)\nold %s\nnew %s", i, k, docJSON(old), docJSON(nw))
		listed, err := NoNewAccess(k, old, nw)
		require.NoError(t, err, name)
		keySetsBySignature = true
		res, err := NoNewAccess(k, old, nw)
		keySetsBySignature = false
		require.NoError(t, err, name)
		require.Equal(t, listed.Verdict, res.Verdict, name)
		evNew, evOld := compiled(t, frameOf(k, nw)), compiled(t, frameOf(k, old))
		counter := false
		for _, r := range enumerate(k, old, nw) {
			if allowedBy(t, evNew, r) && !allowedBy(t, evOld, r) {
				counter = true
				break
			}
		}
		switch res.Verdict {
		case Proved:
			require.False(t, counter, name)
		case Refuted:
			require.True(t, allowedBy(t, evNew, *res.Witness) && !allowedBy(t, evOld, *res.Witness), name)
		}
	}
	require.Greater(t, tested, 10)
	t.Logf("%d questions on aws:TagKeys", tested)
}
