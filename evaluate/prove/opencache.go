package prove

import (
	"fmt"
	"strings"

	"github.com/cksiam/cksiam/internal/ascii"
)

// openCell is one cell of a service's unlisted action names: a name no
// catalog action has (the service prefix not included) and the atoms of
// the service's dimension that hold on it.
type openCell struct {
	name  string
	holds []uint64
}

// openEntry is what openCache keeps for one service and its atoms.
type openEntry struct {
	cells   []openCell
	visited int
}

// openCache keeps the unlisted-action cells of a service by the patterns
// that name it: versions of one policy, and the old and new documents of
// one question, name most services alike, and finding the cells and an
// unlisted name in each is most of the work for policies naming hundreds
// of services ("ec2:Describe*", "s3:Get*" …).
var openCache = newCache(4096)

// lazyCells registers a dimension's atoms like dimCells.add, but builds
// their automata only when the cells are not in openCache.
type lazyCells struct {
	ix     map[string]int
	keys   []string
	builds []func(b *builder) atom
}

func newLazyCells() *lazyCells { return &lazyCells{ix: map[string]int{}} }

// add registers an atom under a key, once, and returns its index.
func (l *lazyCells) add(key string, build func(b *builder) atom) int {
	if i, ok := l.ix[key]; ok {
		return i
	}
	l.ix[key] = len(l.keys)
	l.keys = append(l.keys, key)
	l.builds = append(l.builds, build)
	return len(l.keys) - 1
}

// openCells returns the cells of l's atoms over the names of svc's
// actions, each with a name the catalog does not list (cells where every
// name is listed are left out). A hit spends the budget the construction
// spent, so that answers do not depend on what was asked before.
func openCells(ix *catIndex, svc string, l *lazyCells, bud *budget) ([]openCell, error) {
	key := fmt.Sprintf("%p|%s|%s", ix, svc, strings.Join(l.keys, "\x00"))
	if v, ok := openCache.get(key); ok {
		e := v.(*openEntry)
		if !bud.spend(e.visited) {
			return nil, &errBudget{what: "action names of " + svc}
		}
		return e.cells, nil
	}
	prefix := svc + ":"
	b := newBuilder()
	atoms := make([]atom, len(l.builds))
	for i, build := range l.builds {
		atoms[i] = build(b)
	}
	x := &explorer{b: b, atoms: atoms, keep: true}
	x.symbols("")
	cells, err := x.cells(bud.states())
	bud.spend(x.visited)
	if err != nil {
		return nil, err
	}
	e := &openEntry{visited: x.visited}
	for ci, c := range cells {
		name, ok, exhausted := x.alternatives(int32(ci), 500, func(s string) bool {
			_, listed := ix.byName[prefix+ascii.ToLower(s)]
			return !listed
		})
		switch {
		case ok:
			e.cells = append(e.cells, openCell{name: name, holds: c.holds})
		case !exhausted:
			// The cell may hold an unlisted name not found yet: dropping
			// it would leave requests out of the question.
			return nil, &errBudget{what: "action names of " + svc}
		}
	}
	openCache.put(key, e)
	return e.cells, nil
}
