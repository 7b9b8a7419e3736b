package prove

// dimCells is a string dimension once explored: its cells and, for each
// atom, the cells where it holds.
type dimCells struct {
	b     *builder
	atoms []atom
	ix    map[string]int
	cells []cell
	byKey map[string]int // wordsKey(holds) -> cell
	// visited is the number of subsets the construction visited.
	visited int
}

func newDimCells() *dimCells { return &dimCells{b: newBuilder(), ix: map[string]int{}} }

// add registers an atom under a key, once.
func (d *dimCells) add(key string, build func(b *builder) atom) int {
	if i, ok := d.ix[key]; ok {
		return i
	}
	a := build(d.b)
	d.atoms = append(d.atoms, a)
	d.ix[key] = len(d.atoms) - 1
	return len(d.atoms) - 1
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
	x := &explorer{b: d.b, atoms: d.atoms}
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
