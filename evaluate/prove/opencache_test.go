package prove

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cksiam/cksiam/internal/ascii"
	"github.com/cksiam/cksiam/policy/catalog"
)

// kmsNames registers the atoms of a kms dimension: the action names, and
// the patterns "Describe*" and "Get*" (the test uses a service prefix no
// other test uses in this cache, so the first call always builds).
func kmsNames(pats ...string) *lazyCells {
	l := newLazyCells()
	l.add("universe", func(b *builder) atom { return fragAtom(b.plus(actionNameChars)) })
	for _, p := range pats {
		p := p
		l.add("p:"+p, func(b *builder) atom { return fragAtom(b.glob(encode(p), globOpts{fold: foldASCII})) })
	}
	return l
}

func TestOpenCellsHitSpendsWhatTheConstructionSpent(t *testing.T) {
	ix := indexOf(catalog.Default())
	svc := "kms-open-cells-test"
	first := &budget{total: DefaultBudget}
	cells, err := openCells(ix, svc, kmsNames("describe*", "get*"), first)
	require.NoError(t, err)
	require.NotEmpty(t, cells)
	require.Positive(t, first.used)

	again := &budget{total: DefaultBudget}
	hit, err := openCells(ix, svc, kmsNames("describe*", "get*"), again)
	require.NoError(t, err)
	require.Equal(t, cells, hit)
	require.Equal(t, first.used, again.used, "a hit spends what the construction spent")

	short := &budget{total: first.used - 1}
	_, err = openCells(ix, svc, kmsNames("describe*", "get*"), short)
	var be *errBudget
	require.ErrorAs(t, err, &be, "a hit does not let a smaller budget through")
}

func TestOpenCellsNameUnlistedActions(t *testing.T) {
	ix := indexOf(catalog.Default())
	cells, err := openCells(ix, "kms", kmsNames("describe*"), &budget{total: DefaultBudget})
	require.NoError(t, err)
	// One cell inside "Describe*", one outside; each names an action the
	// catalog does not list.
	require.Len(t, cells, 2)
	for _, c := range cells {
		_, listed := ix.byName["kms:"+ascii.ToLower(c.name)]
		require.False(t, listed, c.name)
		inside := c.holds[0]&(1<<1) != 0
		require.Equal(t, inside, strings.HasPrefix(ascii.ToLower(c.name), "describe"), c.name)
	}
}
