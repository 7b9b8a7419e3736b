package prove

// dimCells is a string dimension once explored: its cells and, for each
// atom, the cells where it holds.
type dimCells struct {
	// The atoms' automata are built on first need (built): a dimension
	// whose atoms were explored before is taken from the cache without
	// them.
	b      *builder
	atoms  []atom
	builds []func(b *builder) atom
	keys   []string // each atom's key, in order
	ix     map[string]int
	cells  []cell
	byKey  map[string]int // wordsKey(holds) -> cell
	// visited is the number of subsets the construction visited.
	visited int
}

func newDimCells() *dimCells { return &dimCells{ix: map[string]int{}} }

// add registers an atom under a key, once, and returns its index; build
// makes its automaton when needed.
func (d *dimCells) add(key string, build func(b *builder) atom) int {
	if i, ok := d.ix[key]; ok {
		return i
	}
	d.ix[key] = len(d.keys)
	d.keys = append(d.keys, key)
	d.builds = append(d.builds, build)
	return len(d.keys) - 1
}

// built builds the automata of the atoms added so far, in order, and
// returns the builder and the atoms.
func (d *dimCells) built() (*builder, []atom) {
	if d.b == nil {
		d.b = newBuilder()
	}
	for len(d.atoms) < len(d.builds) {
		d.atoms = append(d.atoms, d.builds[len(d.atoms)](d.b))
	}
	return d.b, d.atoms
}

// explore computes the cells; avoid lists runes witnesses should not use.
// A dimension with the same atoms explored before is taken from the cache.
func (d *dimCells) explore(budget *budget, avoid string) error {
	key := d.atomsKey(avoid)
	if v, ok := dimCache.get(key); ok {
		// A hit spends what the construction spent, so that an answer
		// does not depend on what was asked before.
		c := v.(*dimCells)
		if !budget.spend(c.visited) {
			return &errBudget{what: "cells"}
		}
		d.cells, d.byKey, d.visited = c.cells, c.byKey, c.visited
		return nil
	}
	defer func() {
		if d.cells != nil {
			dimCache.put(key, &dimCells{cells: d.cells, byKey: d.byKey, visited: d.visited})
		}
	}()
	b, atoms := d.built()
	x := &explorer{b: b, atoms: atoms}
	x.symbols(avoid)
	cells, err := x.cells(budget.states())
	budget.spend(x.visited)
	if err != nil {
		return err
	}
	d.visited = x.visited
	d.cells = cells
	d.byKey = make(map[string]int, len(cells))
	for i, c := range cells {
		d.byKey[wordsKey(c.holds)] = i
	}
	return nil
}
