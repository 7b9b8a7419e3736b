package prove

import (
	"math/bits"
	"slices"
	"sort"
	"unicode/utf8"
)

// atom is one language of a dimension: the strings whose runs from its
// start states end in its accept state.
type atom struct {
	start  []int32
	accept int32
}

// fragAtom is the atom of a fragment.
func fragAtom(f frag) atom { return atom{start: []int32{f.in}, accept: f.out} }

// cell is one class of strings of a dimension: the strings for which every
// atom holds or not alike. holds has a bit per atom; witness is the
// shortest such string (first in breadth-first order).
type cell struct {
	holds   []uint64
	witness string
}

func (c cell) has(i int) bool { return c.holds[i>>6]&(1<<(i&63)) != 0 }

// explorer finds every cell of a dimension: the combinations of atoms that
// some string of the universe (atom 0) realises, each with a witness.
//
// The method is the product subset construction over the atoms' automata
// after an alphabet abstraction: runes that every class treats alike are
// one symbol, so the alphabet has at most one symbol per rune the patterns
// name plus one for every other rune (next-capabilities §1.6). The
// construction can grow exponentially on pathological patterns (*a
// followed by k '?'); budget bounds the subsets visited.
type explorer struct {
	b     *builder
	atoms []atom
	// syms holds one representative rune per symbol; classSyms has, per
	// class of b, the symbols it contains.
	syms      []rune
	classSyms [][]uint64
	// groups holds, per symbol, some runes it stands for (the
	// representative first): alternatives tries them when a string is
	// refused.
	groups [][]rune
	// With keep set, cells records the subsets' transitions (trans[q][s]
	// is the subset reached from q on symbol s, or -1) and the cell of
	// each subset (-1 when it accepts no string of the universe), so that
	// more strings of a cell can be listed (alternatives).
	keep    bool
	trans   [][]int32
	cellOf  []int32
	visited int
	// Filled by walk: the subsets visited, each state's atom, and the
	// states from which their atom accepts every string.
	states    []dfaState
	atomOf    []int32
	universal []bool
}

// symbols partitions the runes: each rune some class names goes with the
// runes that belong to exactly the same classes, and every rune no class
// names forms one more symbol. avoid lists runes a witness should not use
// when another rune of its symbol will do.
func (x *explorer) symbols(avoid string) {
	all := x.b.classes
	// Only the classes on the atoms' edges matter: the builder may hold
	// other automata.
	used := make([]bool, len(all))
	reach := make([]uint64, (len(x.b.out)+63)/64)
	for _, a := range x.atoms {
		markReach(x.b, a.start, reach)
	}
	for w, word := range reach {
		for word != 0 {
			st := w*64 + trailing(word)
			word &= word - 1
			for _, e := range x.b.out[st] {
				used[e.class] = true
			}
		}
	}
	var classes []runeSet
	var classIx []int
	for i, c := range all {
		if used[i] {
			classes = append(classes, c)
			classIx = append(classIx, i)
		}
	}
	named := map[rune]bool{}
	for _, c := range classes {
		for _, r := range c.runes {
			named[r] = true
		}
	}
	sig := func(r rune) string {
		b := make([]byte, (len(classes)+7)/8)
		for i, c := range classes {
			if c.has(r) {
				b[i>>3] |= 1 << (i & 7)
			}
		}
		return string(b)
	}
	groups := map[string][]rune{}
	var order []string
	add := func(r rune) {
		k := sig(r)
		if _, ok := groups[k]; !ok {
			order = append(order, k)
		}
		groups[k] = append(groups[k], r)
	}
	rs := make([]rune, 0, len(named))
	for r := range named {
		rs = append(rs, r)
	}
	sort.Slice(rs, func(i, j int) bool { return rs[i] < rs[j] })
	for _, r := range rs {
		add(r)
	}
	// The runes no class names: one of them stands for all.
	var others []rune
	if other, ok := freshRune(named, avoid); ok {
		add(other)
		taken := map[rune]bool{other: true}
		for r := range named {
			taken[r] = true
		}
		for len(others) < 4 {
			o, ok := freshRune(taken, avoid)
			if !ok {
				break
			}
			taken[o] = true
			others = append(others, o)
		}
	}
	// Symbols in order of their best rune, so that breadth-first search
	// spells witnesses with readable characters first.
	rank := func(k string) int { return runeRank(preferred(groups[k], avoid), avoid) }
	sort.SliceStable(order, func(i, j int) bool { return rank(order[i]) < rank(order[j]) })
	x.syms = x.syms[:0]
	nsym := len(order)
	words := (nsym + 63) / 64
	x.classSyms = make([][]uint64, len(all))
	for i := range x.classSyms {
		x.classSyms[i] = make([]uint64, words)
	}
	x.groups = x.groups[:0]
	for s, k := range order {
		rep := preferred(groups[k], avoid)
		x.syms = append(x.syms, rep)
		g := []rune{rep}
		for _, r := range groups[k] {
			if r != rep && len(g) < 8 {
				g = append(g, r)
			}
		}
		if s == len(order)-1 && len(others) > 0 && len(groups[k]) == 1 && !named[groups[k][0]] {
			g = append(g, others...)
		}
		x.groups = append(x.groups, g)
		for i := range classes {
			if k[i>>3]&(1<<(i&7)) != 0 {
				x.classSyms[classIx[i]][s>>6] |= 1 << (s & 63)
			}
		}
	}
}

// witnessRunes are the runes a witness prefers, best first: readable and
// valid in names, ARNs and values.
const witnessRunes = "xyzqjkwvabcdefghilmnoprstu0123456789XYZQJKWVABCDEFGHILMNOPRSTU-_.=+@,"

// freshRune returns a rune none of the classes names.
func freshRune(named map[rune]bool, avoid string) (rune, bool) {
	for _, r := range witnessRunes {
		if !named[r] && !containsRune(avoid, r) {
			return r, true
		}
	}
	for r := rune(0x21); r < 0x2000; r++ {
		if !named[r] && !containsRune(avoid, r) && r != 0x7f && !(0x80 <= r && r < 0xa0) {
			return r, true
		}
	}
	return 0, false
}

// preferred picks the representative of a group of runes.
func preferred(group []rune, avoid string) rune {
	best, rank := group[0], runeRank(group[0], avoid)
	for _, r := range group[1:] {
		if k := runeRank(r, avoid); k < rank {
			best, rank = r, k
		}
	}
	return best
}

// runeRank orders runes for witnesses: readable ones first.
func runeRank(r rune, avoid string) int {
	if containsRune(avoid, r) {
		return len(witnessRunes) + 3
	}
	for i, w := range witnessRunes {
		if w == r {
			return i
		}
	}
	if r < 0x80 {
		return len(witnessRunes) + 1
	}
	return len(witnessRunes) + 2
}

func containsRune(s string, r rune) bool {
	for _, c := range s {
		if c == r {
			return true
		}
	}
	return false
}

// errBudget reports that a construction exceeded its budget.
type errBudget struct{ what string }

func (e *errBudget) Error() string { return e.what + " exceeded the state budget" }

// dfaState is one subset reached by the construction.
type dfaState struct {
	parent int32
	sym    int32
}

// cells runs the construction and returns the realised cells in the order
// first reached (so the first cells have the shortest witnesses). It stops
// with *errBudget after budget subsets.
func (x *explorer) cells(budget int) ([]cell, error) {
	var out []cell
	cellIx := map[string]int32{}
	err := x.walk(budget, func(q int32, set []int32, holds []uint64, uniAccepts bool) (bool, bool) {
		if uniAccepts {
			k := wordsKey(holds)
			ci, ok := cellIx[k]
			if !ok {
				ci = int32(len(out))
				cellIx[k] = ci
				out = append(out, cell{holds: append([]uint64(nil), holds...), witness: x.path(x.states, q)})
			}
			if x.keep {
				x.cellOf[q] = ci
			}
		}
		return false, true
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// find looks for a string of the universe (atom 0) that every atom in
// pos holds and no atom in neg holds, breadth first, so that the string
// found is a shortest one. It prunes subsets from which that is no longer
// possible: one where an atom of pos has no state left, or an atom of neg
// has a state that accepts every string.
func (x *explorer) find(budget int, pos, neg []int) (string, bool, error) {
	var found string
	ok := false
	err := x.walk(budget, func(q int32, set []int32, holds []uint64, uniAccepts bool) (bool, bool) {
		if uniAccepts {
			good := true
			for _, a := range pos {
				if holds[a>>6]&(1<<(a&63)) == 0 {
					good = false
					break
				}
			}
			for _, a := range neg {
				if holds[a>>6]&(1<<(a&63)) != 0 {
					good = false
					break
				}
			}
			if good {
				found, ok = x.path(x.states, q), true
				return true, false
			}
		}
		for _, a := range pos {
			alive := false
			for _, st := range set {
				if x.atomOf[st] == int32(a) {
					alive = true
					break
				}
			}
			if !alive {
				return false, false
			}
		}
		for _, a := range neg {
			for _, st := range set {
				if x.atomOf[st] == int32(a) && x.universal[st] {
					return false, false
				}
			}
		}
		return false, true
	})
	return found, ok, err
}

// walk runs the product subset construction breadth first. For each new
// subset it calls visit with the subset (sorted live states), the atoms
// whose accept state it holds, and whether the universe accepts there;
// visit says whether to stop and whether to expand the subset.
//
// A subset is kept as the sorted list of the live automaton states in it
// (states from which their atom can still accept): subsets are small even
// when the atoms have thousands of states, and dropping dead states merges
// subsets that can no longer differ.
func (x *explorer) walk(budget int, visit func(q int32, set []int32, holds []uint64, uniAccepts bool) (stop, expand bool)) error {
	if len(x.syms) == 0 {
		x.symbols("")
	}
	b := x.b
	n := len(b.out)
	nat := len(x.atoms)
	atomWords := (nat + 63) / 64
	words := (n + 63) / 64
	live := make([]uint64, words)
	accepts := make([]int32, 0, nat)
	for _, a := range x.atoms {
		accepts = append(accepts, a.accept)
	}
	markCoReach(b, accepts, live)
	isLive := func(s int32) bool { return live[s>>6]&(1<<(s&63)) != 0 }
	// Which atom accepts in each state, and which live states are the
	// universe's.
	acceptOf := make(map[int32]int, nat)
	for i, a := range x.atoms {
		acceptOf[a.accept] = i
	}
	uni := make([]uint64, words)
	markReach(b, x.atoms[0].start, uni)
	and(uni, live)
	// Closures of single states, live states only.
	clos := make([][]int32, n)
	closure := func(s int32) []int32 {
		if c := clos[s]; c != nil {
			return c
		}
		set := make([]uint64, words)
		set[s>>6] |= 1 << (s & 63)
		b.closure(set)
		c := []int32{}
		for w, word := range set {
			for word != 0 {
				i := trailing(word)
				word &= word - 1
				if t := int32(w*64 + i); isLive(t) {
					c = append(c, t)
				}
			}
		}
		clos[s] = c
		return c
	}
	// A state from which its atom accepts every string (a pattern's final
	// '*') decides that atom for good: the atom's other states no longer
	// matter, and dropping them merges subsets that differ only in them.
	// Without this, patterns such as "/a/*/b/*" and "/a/*" in one list
	// multiply the subsets for nothing.
	x.atomOf = make([]int32, n)
	for i := range x.atomOf {
		x.atomOf[i] = -1
	}
	for i, a := range x.atoms {
		reach := make([]uint64, words)
		markReach(b, a.start, reach)
		for w, word := range reach {
			for word != 0 {
				st := w*64 + trailing(word)
				word &= word - 1
				x.atomOf[st] = int32(i)
			}
		}
	}
	atomOf := x.atomOf
	x.universal = make([]bool, n)
	universal := x.universal
	for st := range b.out {
		if atomOf[st] < 0 {
			continue
		}
		for _, e := range b.out[st] {
			if e.to == int32(st) && len(b.classes[e.class].runes) == 0 && b.classes[e.class].neg &&
				epsReaches(b, int32(st), x.atoms[atomOf[st]].accept) {
				// A self-loop on every rune, in a state that reaches its
				// atom's accept state by empty moves: every string is
				// accepted from here on.
				universal[st] = true
			}
		}
	}
	marks := make([]bool, nat)
	canon := func(set []int32) []int32 {
		any := false
		for _, s := range set {
			if universal[s] {
				marks[atomOf[s]] = true
				any = true
			}
		}
		if !any {
			return set
		}
		out := set[:0]
		for _, s := range set {
			if a := atomOf[s]; a >= 0 && marks[a] && !universal[s] && s != x.atoms[a].accept {
				continue
			}
			out = append(out, s)
		}
		for _, s := range out {
			if universal[s] {
				marks[atomOf[s]] = false
			}
		}
		return out
	}
	var startSet []int32
	for _, a := range x.atoms {
		for _, st := range a.start {
			startSet = append(startSet, closure(st)...)
		}
	}
	startSet = canon(sortUnique(startSet))
	hasUni := func(set []int32) bool {
		for _, s := range set {
			if uni[s>>6]&(1<<(s&63)) != 0 {
				return true
			}
		}
		return false
	}
	x.states = x.states[:0]
	if !hasUni(startSet) {
		return nil
	}
	seen := map[uint64][]int32{}
	var sets [][]int32
	lookup := func(set []int32) (int32, uint64, bool) {
		h := hashStates(set)
		for _, q := range seen[h] {
			if equalStates(sets[q], set) {
				return q, h, true
			}
		}
		return -1, h, false
	}
	add := func(set []int32, h uint64, parent, sym int32) (int32, bool) {
		if len(x.states) >= budget {
			return -1, false
		}
		q := int32(len(x.states))
		seen[h] = append(seen[h], q)
		x.states = append(x.states, dfaState{parent: parent, sym: sym})
		sets = append(sets, set)
		return q, true
	}
	_, h0, _ := lookup(startSet)
	add(startSet, h0, -1, -1)
	nsym := len(x.syms)
	holds := make([]uint64, atomWords)
	allSyms := make(bitset, (nsym+63)/64)
	for sym := 0; sym < nsym; sym++ {
		allSyms.set(sym)
	}
	var groups []bitset
	var actives []edge
	for q := 0; q < len(x.states); q++ {
		set := sets[q]
		if x.keep {
			row := make([]int32, nsym)
			for i := range row {
				row[i] = -1
			}
			x.trans = append(x.trans, row)
			x.cellOf = append(x.cellOf, -1)
		}
		clear(holds)
		uniAccepts := false
		for _, s := range set {
			if i, ok := acceptOf[s]; ok {
				holds[i>>6] |= 1 << (i & 63)
				if i == 0 {
					uniAccepts = true
				}
			}
		}
		stop, expand := visit(int32(q), set, holds, uniAccepts)
		if stop {
			x.visited = len(x.states)
			return nil
		}
		if !expand {
			continue
		}
		// Symbols that belong to the same active classes lead to the same
		// subset: split the symbols by the classes of the active edges and
		// compute one successor per part, for its best symbol.
		groups = append(groups[:0], allSyms)
		actives = actives[:0]
		for _, s := range set {
			actives = append(actives, b.out[s]...)
		}
		for _, e := range actives {
			cs := x.classSyms[e.class]
			n := len(groups)
			for g := 0; g < n; g++ {
				in, out := splitSyms(groups[g], cs)
				if in != nil && out != nil {
					groups[g] = in
					groups = append(groups, out)
				}
			}
		}
		// In order of their best symbol, so that witnesses prefer readable
		// characters.
		sort.Slice(groups, func(i, j int) bool { return first(groups[i]) < first(groups[j]) })
		for _, grp := range groups {
			sym := first(grp)
			if sym < 0 {
				continue
			}
			var ns []int32
			for _, e := range actives {
				if x.classSyms[e.class][sym>>6]&(1<<(sym&63)) != 0 {
					ns = append(ns, closure(e.to)...)
				}
			}
			target := int32(-1)
			if len(ns) > 0 {
				ns = canon(sortUnique(ns))
				if hasUni(ns) {
					q2, h, ok := lookup(ns)
					if !ok {
						var fine bool
						if q2, fine = add(ns, h, int32(q), int32(sym)); !fine {
							x.visited = len(x.states)
							return &errBudget{what: "automaton"}
						}
					}
					target = q2
				}
			}
			if x.keep {
				for w, word := range grp {
					for word != 0 {
						x.trans[q][w*64+trailing(word)] = target
						word &= word - 1
					}
				}
			}
		}
	}
	x.visited = len(x.states)
	return nil
}

// splitSyms splits a group of symbols by a class: the part in it and the
// part outside (nil when empty).
func splitSyms(g bitset, class []uint64) (in, out bitset) {
	anyIn, anyOut := false, false
	for i := range g {
		if g[i]&class[i] != 0 {
			anyIn = true
		}
		if g[i]&^class[i] != 0 {
			anyOut = true
		}
	}
	if !anyIn || !anyOut {
		return nil, nil
	}
	in, out = make(bitset, len(g)), make(bitset, len(g))
	for i := range g {
		in[i] = g[i] & class[i]
		out[i] = g[i] &^ class[i]
	}
	return in, out
}

// epsReaches reports whether to is reachable from from by empty moves.
func epsReaches(b *builder, from, to int32) bool {
	seen := map[int32]bool{from: true}
	stack := []int32{from}
	for len(stack) > 0 {
		s := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if s == to {
			return true
		}
		for _, t := range b.eps[s] {
			if !seen[t] {
				seen[t] = true
				stack = append(stack, t)
			}
		}
	}
	return false
}

// sortUnique sorts a list of states in place and drops repeats.
func sortUnique(s []int32) []int32 {
	if len(s) < 2 {
		return s
	}
	slices.Sort(s)
	n := 1
	for i := 1; i < len(s); i++ {
		if s[i] != s[n-1] {
			s[n] = s[i]
			n++
		}
	}
	return s[:n]
}

func hashStates(s []int32) uint64 {
	h := uint64(14695981039346656037)
	for _, x := range s {
		h ^= uint64(uint32(x))
		h *= 1099511628211
	}
	return h
}

func equalStates(a, b []int32) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// alternatives lists strings of cell c (an index into what cells
// returned, which must have run with keep) in breadth-first order until
// accept takes one. Each automaton state is entered by at most limit
// strings (its limit shortest: a string of the cell is never crowded out
// by longer ones, as "future" in the cell of "*future*" was when the
// search counted every string it met). exhausted reports that the cell
// holds no further string: its language is finite and every string was
// refused. Neither ok nor exhausted: the limit was reached first, and the
// cell may hold a string accept takes (a caller must not drop the cell).
func (x *explorer) alternatives(c int32, limit int, accept func(string) bool) (s string, ok, exhausted bool) {
	n := len(x.trans)
	// co marks the subsets from which a subset of cell c is reachable.
	co := make([]bool, n)
	rev := make([][]int32, n)
	for q, row := range x.trans {
		for _, t := range row {
			if t >= 0 {
				rev[t] = append(rev[t], int32(q))
			}
		}
	}
	var stack []int32
	for q := 0; q < n; q++ {
		if x.cellOf[q] == c {
			co[q] = true
			stack = append(stack, int32(q))
		}
	}
	for len(stack) > 0 {
		q := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		for _, p := range rev[q] {
			if !co[p] {
				co[p] = true
				stack = append(stack, p)
			}
		}
	}
	if n == 0 || !co[0] {
		return "", false, true
	}
	type item struct {
		q int32
		s []rune
	}
	entered := make([]int, n)
	truncated := false
	queue := []item{{q: 0}}
	entered[0] = 1
	for len(queue) > 0 {
		it := queue[0]
		queue = queue[1:]
		if x.cellOf[it.q] == c {
			if str, ok := x.variants(it.q, it.s, accept); ok {
				return str, true, false
			}
		}
		for sym, t := range x.trans[it.q] {
			if t < 0 || !co[t] {
				continue
			}
			if entered[t] >= limit {
				truncated = true
				continue
			}
			entered[t]++
			ns := append(append([]rune(nil), it.s...), x.syms[sym])
			queue = append(queue, item{q: t, s: ns})
		}
	}
	return "", false, !truncated
}

// variants tries the string rs and, position by position, the other runes
// its symbols stand for.
func (x *explorer) variants(q int32, rs []rune, accept func(string) bool) (string, bool) {
	if accept(string(rs)) {
		return string(rs), true
	}
	for i, r := range rs {
		for s, rep := range x.syms {
			if rep != r {
				continue
			}
			for _, alt := range x.groups[s][1:] {
				v := append([]rune(nil), rs...)
				v[i] = alt
				if accept(string(v)) {
					return string(v), true
				}
			}
		}
	}
	return "", false
}

// path spells the witness of state q.
func (x *explorer) path(states []dfaState, q int32) string {
	var rs []rune
	for ; states[q].parent >= 0; q = states[q].parent {
		rs = append(rs, x.syms[states[q].sym])
	}
	buf := make([]byte, 0, len(rs))
	for i := len(rs) - 1; i >= 0; i-- {
		buf = utf8.AppendRune(buf, rs[i])
	}
	return string(buf)
}

// markReach marks in set every state reachable from the given states.
func markReach(b *builder, from []int32, set []uint64) {
	stack := append([]int32(nil), from...)
	for _, s := range from {
		set[s>>6] |= 1 << (s & 63)
	}
	for len(stack) > 0 {
		s := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		visit := func(t int32) {
			if set[t>>6]&(1<<(t&63)) == 0 {
				set[t>>6] |= 1 << (t & 63)
				stack = append(stack, t)
			}
		}
		for _, e := range b.out[s] {
			visit(e.to)
		}
		for _, t := range b.eps[s] {
			visit(t)
		}
	}
}

// markCoReach marks in set every state from which one of the given states
// is reachable.
func markCoReach(b *builder, to []int32, set []uint64) {
	rev := make([][]int32, len(b.out))
	for s := range b.out {
		for _, e := range b.out[s] {
			rev[e.to] = append(rev[e.to], int32(s))
		}
		for _, t := range b.eps[s] {
			rev[t] = append(rev[t], int32(s))
		}
	}
	stack := append([]int32(nil), to...)
	for _, s := range to {
		set[s>>6] |= 1 << (s & 63)
	}
	for len(stack) > 0 {
		s := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		for _, t := range rev[s] {
			if set[t>>6]&(1<<(t&63)) == 0 {
				set[t>>6] |= 1 << (t & 63)
				stack = append(stack, t)
			}
		}
	}
}

func and(dst, src []uint64) {
	for i := range dst {
		dst[i] &= src[i]
	}
}

func putWords(b []byte, w []uint64) {
	for i, x := range w {
		for j := 0; j < 8; j++ {
			b[8*i+j] = byte(x >> (8 * j))
		}
	}
}

func wordsKey(w []uint64) string {
	b := make([]byte, 8*len(w))
	for i, x := range w {
		for j := 0; j < 8; j++ {
			b[8*i+j] = byte(x >> (8 * j))
		}
	}
	return string(b)
}

func isZero(w []uint64) bool {
	for _, x := range w {
		if x != 0 {
			return false
		}
	}
	return true
}

func intersects(a, b []uint64) bool {
	for i := range a {
		if a[i]&b[i] != 0 {
			return true
		}
	}
	return false
}

func or(dst, src []uint64) {
	for i := range dst {
		dst[i] |= src[i]
	}
}

func trailing(w uint64) int { return bits.TrailingZeros64(w) }
