package evaluate

import "slices"

// actionGroup holds the action patterns of one statement that name one
// service, so that a request for another service costs one comparison.
type actionGroup struct {
	id uint16 // the service's number (compiler.services); 0: patterns matched as a whole
	// lits are the literal action names of the group, lower-cased and
	// sorted, found by binary search (a NotAction list may name hundreds).
	lits []string
	idx  []uint32 // the other patterns, as indexes into stmt.actions
	// first holds, per pattern, the lower-cased first byte of its name, or
	// 0 when the name starts with a wildcard: a one-byte filter checked
	// before the pattern itself.
	first []byte
}

// grouper is groupActions' scratch space, reused from statement to
// statement of one Compile.
type grouper struct {
	ids      []uint16   // by action value: its service's number
	distinct []uint16   // the statement's service numbers, each once
	counts   [][2]int32 // by group: its literal names and its other patterns
	// slot holds, by service number, the index of the statement's group
	// of that service while groupActions runs, and 0 between calls.
	slot []int32
	// groups are carved into the statements' group lists; left is how
	// many statements of the set are still to group (most have one
	// group), so that a set costs about one array of groups.
	groups []actionGroup
	left   int
}

// reserve readies g for a set of n statements holding at most most action
// values each.
func (g *grouper) reserve(n, most int) {
	if cap(g.ids) < most {
		g.ids = make([]uint16, 0, most)
		g.distinct = make([]uint16, 0, most)
		g.counts = make([][2]int32, 0, most)
	}
	if g.slot == nil {
		g.slot = make([]int32, 64)
	}
	g.left = n
}

// take returns n zero groups for one statement.
func (g *grouper) take(n int) []actionGroup {
	if g.left > 0 {
		g.left--
	}
	if n > len(g.groups) {
		g.groups = make([]actionGroup, n+g.left)
	}
	out := g.groups[:n:n]
	g.groups = g.groups[n:]
	return out
}

// groupActions fills st.groups. Each group's lists are carved from one
// array per kind, sized by a first pass; c.group.slot finds an action's
// group by its service number.
func (st *stmt) groupActions(c *compiler) {
	gr := &c.group
	ids := gr.ids[:0]
	distinct := gr.distinct[:0]
	copied := false
	for k := range st.actions {
		a := &st.actions[k]
		var id uint16 // 0: matched as a whole
		if a.service != "" {
			if id = c.intern(a.service); id == 0 {
				// The actions may be shared through a CompileCache: change
				// a copy.
				if !copied {
					st.actions, copied = slices.Clone(st.actions), true
					a = &st.actions[k]
				}
				a.full = newGlob(a.raw, true)
			}
		}
		ids = append(ids, id)
		if int(id) >= len(gr.slot) {
			gr.slot = append(gr.slot, make([]int32, max(int(id)+1, 2*len(gr.slot))-len(gr.slot))...)
		}
		if gr.slot[id] == 0 {
			gr.slot[id] = -1 // seen
			distinct = append(distinct, id)
		}
	}
	gr.ids, gr.distinct = ids, distinct
	if len(distinct) == 0 {
		if gr.left > 0 {
			gr.left--
		}
		return
	}
	// By service number, the whole patterns (0) first: listsAction finds
	// the request's service by binary search.
	if len(distinct) > 1 {
		slices.Sort(distinct)
	}
	st.groups = gr.take(len(distinct))
	counts := gr.counts[:0]
	for i, id := range distinct {
		st.groups[i].id = id
		gr.slot[id] = int32(i)
		counts = append(counts, [2]int32{})
	}
	// Count, carve, fill.
	nLits := 0
	for k, id := range ids {
		i := gr.slot[id]
		if id != 0 && st.actions[k].shape == shapeLiteral {
			counts[i][0]++
			nLits++
		} else {
			counts[i][1]++
		}
	}
	gr.counts = counts
	nOther := len(ids) - nLits
	var m *compileMem
	if c.cache == nil {
		m = &c.mem
	}
	lits := takeFrom(m, func(m *compileMem) *pool[string] { return &m.lits }, nLits)
	var idx []uint32
	var first []byte
	if nOther > 0 {
		idx = takeFrom(m, func(m *compileMem) *pool[uint32] { return &m.idx }, nOther)
		first = takeFrom(m, func(m *compileMem) *pool[byte] { return &m.first }, nOther)
	}
	for i := range st.groups {
		g := &st.groups[i]
		n, m := counts[i][0], counts[i][1]
		if n > 0 {
			g.lits, lits = lits[:0:n], lits[n:]
		}
		if m > 0 {
			g.idx, idx = idx[:0:m], idx[m:]
			g.first, first = first[:0:m], first[m:]
		}
	}
	for k, id := range ids {
		a := &st.actions[k]
		g := &st.groups[gr.slot[id]]
		if id != 0 && a.shape == shapeLiteral {
			g.lits = append(g.lits, a.prefix)
			continue
		}
		g.idx = append(g.idx, uint32(k))
		g.first = append(g.first, a.firstByte())
	}
	for i := range st.groups {
		g := &st.groups[i]
		g.lits = sortedNames(g.lits)
		gr.slot[g.id] = 0
	}
}

// sortedNames sorts names in place and drops duplicates. Policies often
// list their actions in order already: that costs one pass.
func sortedNames(names []string) []string {
	if len(names) < 2 {
		return names
	}
	if !slices.IsSorted(names) {
		slices.Sort(names)
	}
	return slices.Compact(names)
}

// hasWholeActions reports whether some action value is matched as a whole
// (see stmt.groups).
func (st *stmt) hasWholeActions() bool {
	for i := range st.groups {
		if st.groups[i].id == 0 {
			return true
		}
	}
	return false
}
