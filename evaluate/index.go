package evaluate

import (
	"cmp"
	"math/bits"
	"slices"
	"strings"
)

// actionIndex is the second shortcut (passes.go): it finds the statements
// whose Action or NotAction matches a request's action, so that a decision
// visits those and no other, at any set size.
//
// For every action the policies name literally it holds, per set, the
// statements that match it (a row): a request for such an action (in any
// spelling: Evaluator.names folds case) reads its row and skips action
// matching. For any other action, gather collects the statements whose
// patterns can match it: those with a literal service and a prefix of its
// name ("ec2:Describe*"), found by looking up the prefixes of the name
// that some pattern of its service has, and those that may match any
// service (NotAction, a wildcard in the service part).
//
// Building it costs what it holds, not the product of actions and
// statements: a statement's literal actions are its own entries; a
// pattern with a literal service covers a contiguous run of the sorted
// names, found by binary search; only the statements that may match any
// service are tried against every name.
type actionIndex struct {
	sets []*docSet // by column (docSet.col)
	cols int
	// off holds, for action number id and column col, where the action's
	// statements in that set start in stmts: stmts[off[id*cols+col]:off[id*cols+col+1]].
	off   []uint32
	stmts []uint32 // statement indexes within their set, ascending per row
	// prefixes numbers the lower-cased "service:prefix" of every pattern
	// with a literal service that is not a literal name; its statements
	// are refs[refOff[id]:refOff[id+1]]. prefixLens has, by service
	// number, bit l set when some pattern of the service has a prefix of
	// l bytes (bit 63: 63 or more).
	prefixes   nameTable
	prefixLens []uint64
	refOff     []uint32
	refs       []stmtRef
	// wild are the statements that may match any service.
	wild []stmtRef
}

// stmtRef is a statement of the index's sets, and for a pattern that needs
// more than its prefix to match (shapeGeneral), which of its actions.
type stmtRef struct {
	col     uint16
	general bool
	stmt    uint32
	pat     uint32
}

// memoAction is what Evaluator.names says of a name: for an action, its
// number in the action index (id), its service's number and the length of
// its service prefix; a service prefix has id -1.
type memoAction struct {
	id     int32
	svc    uint16
	svcLen uint16
}

// rows are the statements that match a request's action, per set: those
// of set col are stmts[off[col]:off[col+1]]. A zero rows means unknown:
// every statement is matched against the action.
type rows struct {
	off, stmts []uint32
}

// of returns the statements of ds in r.
func (r *rows) of(ds *docSet) []uint32 { return r.stmts[r.off[ds.col]:r.off[ds.col+1]] }

// row returns the rows of action number id.
func (ix *actionIndex) row(id int32) rows {
	i := int(id) * ix.cols
	return rows{off: ix.off[i : i+ix.cols+1], stmts: ix.stmts}
}

// buildActionIndex numbers the actions the policies name literally and
// records, per set, the statements that match each. Matching is
// case-insensitive, so the lower-cased name stands for every spelling.
func (c *compiler) buildActionIndex() {
	e := c.Evaluator
	sets := e.sets()
	ix := &actionIndex{sets: sets, cols: len(sets)}
	e.index = ix
	for col, ds := range sets {
		ds.col = int32(col)
	}
	lit := c.numberLiterals(sets)
	c.indexPatterns(ix)
	if len(ix.refs) > 0 {
		lit.sortByService(len(ix.prefixLens), ix.prefixLens)
	}
	// Per set, the pairs (action number, statement) that match, then laid
	// out as rows.
	n := len(lit.keys)
	pairs := make([][]uint64, len(sets))
	next := 0 // the next of lit.ids
	c.pairBuf.out = make([]uint64, 0, len(lit.ids)+len(ix.refs))
	for col, ds := range sets {
		pairs[col], next = c.matchingPairs(ds, &lit, next)
	}
	ix.off = make([]uint32, n*ix.cols+1)
	total := 0
	for _, ps := range pairs {
		total += len(ps)
	}
	ix.stmts = make([]uint32, 0, total)
	at := make([]int, len(sets)) // per column, the next pair to lay out
	for id := range n {
		for col, ps := range pairs {
			ix.off[id*ix.cols+col] = uint32(len(ix.stmts))
			for at[col] < len(ps) && int(ps[at[col]]>>32) == id {
				ix.stmts = append(ix.stmts, uint32(ps[at[col]]))
				at[col]++
			}
		}
	}
	ix.off[n*ix.cols] = uint32(len(ix.stmts))
}

// literalNames are the actions the sets name literally in an Action
// element (see numberLiterals), numbered in the order they are first
// named.
type literalNames struct {
	keys []string // by number: the lower-cased name, "service:name"
	svc  []uint16 // by number: the service's number
	// ids holds, for every literal value of every statement in turn (sets,
	// statements, values; see isLiteralName), its number, or -1 for a
	// name no request may carry.
	ids []int32
	// byService lists the numbers by service, each service's run sorted
	// by name: the names of service s are byService[svcStart[s]:svcStart[s+1]].
	// Only the services some pattern names are sorted (sortByService).
	byService []int32
	svcStart  []int32
}

// isLiteralName reports whether a is a literal action name with a
// service: a value the action index gives a number (numberLiterals).
func isLiteralName(a *actionPattern) bool {
	return a.shape == shapeLiteral && a.service != "" && a.prefix != ""
}

// numberLiterals fills Evaluator.names with the service prefixes and the
// actions the sets name literally, lower-cased and each once. Only names a
// request may carry are numbered, so a request that finds its action in
// Evaluator.names needs no other check (see prepare). Each literal value
// costs one probe of the table: the name's number if it is there, else
// the empty slot it takes.
func (c *compiler) numberLiterals(sets []*docSet) literalNames {
	e := c.Evaluator
	n := 0
	for _, ds := range sets {
		for i := range ds.stmts {
			for k := range ds.stmts[i].actions {
				if isLiteralName(&ds.stmts[i].actions[k]) {
					n++
				}
			}
		}
	}
	e.names = newNameTable(n + len(c.services))
	for s, id := range c.services {
		e.names.add(s, memoAction{id: -1, svc: id})
	}
	lit := literalNames{ids: make([]int32, 0, n), keys: make([]string, 0, n), svc: make([]uint16, 0, n)}
	var lastSvc string
	var lastID uint16
	for _, ds := range sets {
		for i := range ds.stmts {
			for k := range ds.stmts[i].actions {
				a := &ds.stmts[i].actions[k]
				if !isLiteralName(a) {
					continue
				}
				sl, h := e.names.slot(a.key)
				if sl.name == "" {
					if !lowerActionOK(a.key, len(a.service)) {
						lit.ids = append(lit.ids, -1)
						continue
					}
					if a.service != lastSvc || lastID == 0 {
						lastSvc, lastID = a.service, c.services[a.service]
					}
					*sl = nameSlot{name: a.key, hash: h, val: memoAction{id: int32(len(lit.keys)), svc: lastID, svcLen: uint16(len(a.service))}}
					lit.keys = append(lit.keys, a.key)
					lit.svc = append(lit.svc, lastID)
				}
				lit.ids = append(lit.ids, sl.val.id)
			}
		}
	}
	return lit
}

// sortByService fills lit.byService for services numbered below
// services, sorting the names of those whose bit in patterns is set.
func (lit *literalNames) sortByService(services int, patterns []uint64) {
	start := make([]int32, services+1)
	for _, s := range lit.svc {
		start[s+1]++
	}
	for s := 1; s <= services; s++ {
		start[s] += start[s-1]
	}
	lit.svcStart = start
	lit.byService = make([]int32, len(lit.svc))
	fill := slices.Clone(start[:services])
	for id, s := range lit.svc {
		lit.byService[fill[s]] = int32(id)
		fill[s]++
	}
	for s := range services {
		if patterns[s] == 0 || start[s+1]-start[s] < 2 {
			continue
		}
		slices.SortFunc(lit.byService[start[s]:start[s+1]], func(a, b int32) int {
			return strings.Compare(lit.keys[a], lit.keys[b])
		})
	}
}

// lowerActionOK reports whether checkAction accepts key, an action name
// whose first colon is at svcLen (the action index's keys: the
// lower-cased service, a colon and the name). It is checkAction's test
// without finding the colon or lower-casing the service.
func lowerActionOK(key string, svcLen int) bool {
	if svcLen <= 0 || svcLen >= len(key)-1 || key[svcLen] != ':' {
		return false
	}
	svc, name := byte(charService), byte(charName)
	for i := range svcLen {
		svc &= actionChars[key[i]]
	}
	for i := svcLen + 1; i < len(key); i++ {
		name &= actionChars[key[i]]
	}
	return svc != 0 && name != 0
}

// named returns the numbers of the names of service svc that start with
// prefix (lower-cased, "service:prefix"), in name order; sortByService
// must have sorted the service.
func (lit *literalNames) named(svc uint16, prefix string) []int32 {
	if int(svc)+1 >= len(lit.svcStart) {
		return nil
	}
	run := lit.byService[lit.svcStart[svc]:lit.svcStart[svc+1]]
	lo, _ := slices.BinarySearchFunc(run, prefix, func(id int32, p string) int {
		return strings.Compare(lit.keys[id], p)
	})
	hi := lo
	for hi < len(run) && strings.HasPrefix(lit.keys[run[hi]], prefix) {
		hi++
	}
	return run[lo:hi]
}

// matchingPairs returns the pairs (action number<<32 | statement index)
// of ds whose statement matches the action, sorted, each once. next is
// where ds's literal values start in lit.ids; it returns where the next
// set's start.
func (c *compiler) matchingPairs(ds *docSet, lit *literalNames, next int) ([]uint64, int) {
	// In c.pairBuf.out after the earlier sets' pairs (which keep their
	// array if it grows).
	out := c.pairBuf.out[len(c.pairBuf.out):]
	add := func(id, stmt int) { out = append(out, uint64(id)<<32|uint64(stmt)) }
	var lastSvc string
	var lastID uint16
	var probe state
	for i := range ds.stmts {
		st := &ds.stmts[i]
		wild := st.notAction || st.hasWholeActions()
		for k := range st.actions {
			a := &st.actions[k]
			if isLiteralName(a) {
				// Its own number, if it has one.
				if id := lit.ids[next]; id >= 0 && !wild {
					add(int(id), i)
				}
				next++
				continue
			}
			if wild || a.shape == shapeLiteral {
				continue
			}
			if a.service != lastSvc || lastID == 0 {
				lastSvc, lastID = a.service, c.services[a.service]
			}
			for _, id := range lit.named(lastID, a.key) {
				if a.shape == shapeGeneral && !a.matchName(lit.keys[id][len(a.service)+1:]) {
					continue
				}
				add(int(id), i)
			}
		}
		if wild {
			// May match any service: tried against every name.
			for id, n := range lit.keys {
				probe.setLowerAction(n, lit.svc[id])
				if st.matchAction(&probe) {
					add(id, i)
				}
			}
		}
	}
	c.pairBuf.out = out
	return sortPairs(out, len(lit.keys), &c.pairBuf), next
}

// sortPairs sorts pairs (action number<<32 | statement index, action
// numbers below n, added statement by statement in increasing order) in
// place and drops duplicates. A counting sort by action number: within one
// action the pairs keep the order they were added in, which is the
// statements'. buf is scratch space, kept for the next call.
func sortPairs(pairs []uint64, n int, buf *pairBuf) []uint64 {
	if len(pairs) < 2 {
		return pairs
	}
	if slices.IsSorted(pairs) {
		// Common: each name first named in its own statement, in order.
		return slices.Compact(pairs)
	}
	start := append(buf.start[:0], make([]uint32, n+1)...)
	for _, p := range pairs {
		start[p>>32+1]++
	}
	for i := 1; i <= n; i++ {
		start[i] += start[i-1]
	}
	sorted := append(buf.sorted[:0], pairs...)
	for _, p := range pairs {
		sorted[start[p>>32]] = p
		start[p>>32]++
	}
	buf.start, buf.sorted = start, sorted
	copy(pairs, sorted)
	return slices.Compact(pairs)
}

// pairBuf is sortPairs' scratch space, and out the array the sets'
// pairs are collected in.
type pairBuf struct {
	start  []uint32
	sorted []uint64
	out    []uint64
}

// setLowerAction makes s a request for the lower-cased action name n of
// service number svc, for matching statements against it at Compile.
func (s *state) setLowerAction(n string, svc uint16) {
	c := strings.IndexByte(n, ':')
	s.action, s.actionService, s.actionName = n, n[:c], n[c+1:]
	s.svcID = svc
}

// indexPatterns fills the prefix lists and the wild list of ix.
func (c *compiler) indexPatterns(ix *actionIndex) {
	type entry struct {
		key string
		ref stmtRef
	}
	var entries []entry
	ix.prefixLens = make([]uint64, len(c.services)+1)
	for col, ds := range ix.sets {
		for i := range ds.stmts {
			st := &ds.stmts[i]
			if st.notAction || st.hasWholeActions() {
				ix.wild = append(ix.wild, stmtRef{col: uint16(col), stmt: uint32(i)})
				continue
			}
			for k := range st.actions {
				a := &st.actions[k]
				if a.shape == shapeLiteral {
					continue // a literal name: its row says
				}
				ref := stmtRef{col: uint16(col), stmt: uint32(i), pat: uint32(k), general: a.shape == shapeGeneral}
				entries = append(entries, entry{a.key, ref})
				ix.prefixLens[c.services[a.service]] |= 1 << min(len(a.prefix), 63)
			}
		}
	}
	// By key, then in the order they were listed (set, statement,
	// pattern): a stable sort, written as a total order for the faster
	// unstable one.
	slices.SortFunc(entries, func(a, b entry) int {
		if c := strings.Compare(a.key, b.key); c != 0 {
			return c
		}
		return cmp.Or(cmp.Compare(a.ref.col, b.ref.col), cmp.Compare(a.ref.stmt, b.ref.stmt), cmp.Compare(a.ref.pat, b.ref.pat))
	})
	n := 0
	for i := range entries {
		if i == 0 || entries[i].key != entries[i-1].key {
			n++
		}
	}
	ix.prefixes = newNameTable(n)
	ix.refOff = make([]uint32, 0, n+1)
	ix.refs = make([]stmtRef, 0, len(entries))
	for i, en := range entries {
		if i == 0 || en.key != entries[i-1].key {
			ix.prefixes.add(en.key, memoAction{id: int32(len(ix.refOff))})
			ix.refOff = append(ix.refOff, uint32(len(ix.refs)))
		}
		ix.refs = append(ix.refs, en.ref)
	}
	ix.refOff = append(ix.refOff, uint32(len(ix.refs)))
}

// maxGathered bounds the statements gather collects for one request, and
// maxGatherCols the sets; beyond them the sets are scanned whole.
const (
	maxGathered   = 128
	maxGatherCols = 16
)

// gathered is what gather collects: rows of statements like the action
// index's, for one request. It lives on the stack of Decide or Evaluate.
type gathered struct {
	off   [maxGatherCols + 1]uint32
	stmts [maxGathered]uint32
	pairs [maxGathered]uint64
}

// gather finds, for a request whose action the policies do not name
// literally, the statements whose Action or NotAction matches it, and
// returns them as rows held in g. It returns zero rows when they do not
// fit in g: the sets are then scanned whole.
func (ix *actionIndex) gather(s *state, g *gathered) rows {
	if ix.cols > maxGatherCols {
		return rows{}
	}
	n := 0
	add := func(col uint16, stmt uint32) bool {
		if n == maxGathered {
			return false
		}
		g.pairs[n] = uint64(col)<<32 | uint64(stmt)
		n++
		return true
	}
	name := s.actionName
	if int(s.svcID) < len(ix.prefixLens) && s.svcID != 0 {
		head := len(s.actionService) + 1
		for mask := ix.prefixLens[s.svcID]; mask != 0; mask &= mask - 1 {
			l := bits.TrailingZeros64(mask)
			last := l
			if l == 63 {
				last = len(name) // 63 or more: every longer prefix
			}
			for ; l <= last && l <= len(name); l++ {
				m, _, ok := ix.prefixes.get(s.action[:head+l])
				if !ok {
					continue
				}
				for _, r := range ix.refs[ix.refOff[m.id]:ix.refOff[m.id+1]] {
					if r.general && !ix.sets[r.col].stmts[r.stmt].actions[r.pat].matchName(name) {
						continue
					}
					if !add(r.col, r.stmt) {
						return rows{}
					}
				}
			}
		}
	}
	for _, r := range ix.wild {
		if ix.sets[r.col].stmts[r.stmt].matchAction(s) && !add(r.col, r.stmt) {
			return rows{}
		}
	}
	// In set order, then statement order, each once (a statement whose
	// patterns match through two prefixes was added twice).
	p := g.pairs[:n]
	for i := 1; i < len(p); i++ {
		for j := i; j > 0 && p[j] < p[j-1]; j-- {
			p[j], p[j-1] = p[j-1], p[j]
		}
	}
	k, col := 0, 0
	for i, x := range p {
		if i > 0 && x == p[i-1] {
			continue
		}
		for ; col <= int(x>>32); col++ {
			g.off[col] = uint32(k)
		}
		g.stmts[k] = uint32(x)
		k++
	}
	for ; col <= ix.cols; col++ {
		g.off[col] = uint32(k)
	}
	return rows{off: g.off[:ix.cols+1], stmts: g.stmts[:k]}
}
