package prove

import (
	"math/rand"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cksiam/cksiam/internal/glob"
)

// allStrings returns every string over alphabet of length at most n.
func allStrings(alphabet string, n int) []string {
	out := []string{""}
	level := []string{""}
	for i := 0; i < n; i++ {
		var next []string
		for _, s := range level {
			for _, r := range alphabet {
				next = append(next, s+string(r))
			}
		}
		out = append(out, next...)
		level = next
	}
	return out
}

func randomPattern(r *rand.Rand, alphabet string, n int) string {
	var b strings.Builder
	for i := r.Intn(n + 1); i > 0; i-- {
		b.WriteByte(alphabet[r.Intn(len(alphabet))])
	}
	return b.String()
}

// TestCellsAgreeWithEnumeration checks the product construction against
// brute force: the combinations of patterns some string realises are
// exactly the cells found, and each witness realises its cell.
func TestCellsAgreeWithEnumeration(t *testing.T) {
	r := rand.New(rand.NewSource(1))
	strs := allStrings("abc", 6)
	for trial := 0; trial < 400; trial++ {
		k := 1 + r.Intn(3)
		pats := make([]string, k)
		for i := range pats {
			pats[i] = randomPattern(r, "ab*?", 4)
		}
		b := newBuilder()
		x := &explorer{b: b, atoms: []atom{fragAtom(b.star(anyRune))}}
		for _, p := range pats {
			x.atoms = append(x.atoms, fragAtom(b.glob(string(glob.Encode(nil, p)), globOpts{})))
		}
		cells, err := x.cells(1 << 16)
		require.NoError(t, err)
		got := map[string]bool{}
		for _, c := range cells {
			v := ""
			for i := range pats {
				m := glob.Match(pats[i], c.witness)
				require.Equal(t, c.has(i+1), m, "witness %q of cell for %q, pattern %q", c.witness, pats, pats[i])
				if m {
					v += "1"
				} else {
					v += "0"
				}
			}
			got[v] = true
		}
		want := map[string]bool{}
		for _, s := range strs {
			v := ""
			for _, p := range pats {
				if glob.Match(p, s) {
					v += "1"
				} else {
					v += "0"
				}
			}
			want[v] = true
		}
		require.Equal(t, want, got, "patterns %q", pats)
	}
}

func TestPathologicalFamilyNeedsExponentialStates(t *testing.T) {
	// *a followed by k '?' against itself with one more '?': the subsets
	// remember which of the last k+1 runes were 'a'.
	for _, c := range []struct {
		k      int
		budget int
		ok     bool
	}{
		{k: 4, budget: 1 << 10, ok: true},
		{k: 12, budget: 1 << 10, ok: false},
	} {
		p := "*a" + strings.Repeat("?", c.k)
		q := "*a" + strings.Repeat("?", c.k+1)
		b := newBuilder()
		x := &explorer{b: b, atoms: []atom{fragAtom(b.star(anyRune))}}
		x.atoms = append(x.atoms, fragAtom(b.glob(string(glob.Encode(nil, p)), globOpts{})),
			fragAtom(b.glob(string(glob.Encode(nil, q)), globOpts{})))
		_, err := x.cells(c.budget)
		if c.ok {
			require.NoError(t, err)
		} else {
			var be *errBudget
			require.ErrorAs(t, err, &be)
		}
	}
}

func TestAccountSafePatterns(t *testing.T) {
	for _, c := range []struct {
		pattern string
		safe    bool
	}{
		{"arn:aws:kms:us-east-1:111122223333:key/*", true},
		{"arn:aws:kms:*:111122223333:key/*", true},
		{"arn:aws:s3:::bucket-2024/*", true},
		{"arn:aws:ec2:*:*:instance/i-0123", true},
		{"*", true},
		{"arn:aws:iam::1111*:root", false},
		{"*2024*", false},
		{"arn:aws:s3:*2024", false},
	} {
		t.Run(c.pattern, func(t *testing.T) {
			require.Equal(t, c.safe, accountSafe(encode(c.pattern)))
		})
	}
}
