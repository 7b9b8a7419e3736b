package evaluate

import (
	"strings"

	"github.com/cksiam/cksiam/internal/ascii"
	"github.com/cksiam/cksiam/policy"
)

// lowerText hands out the lower-cased copies of names Compile keeps (the
// keys of action patterns, condition keys) from chunks that one Compile
// shares, so that a statement costs no allocation per name: a managed
// policy may name hundreds of actions. A string it returns stays valid
// and unchanged for good (a strings.Builder only appends; a new chunk
// leaves the old one to the strings that point into it). A nil lowerText
// lower-cases with ascii.ToLower.
type lowerText struct {
	b    strings.Builder
	next int // the size of the next chunk
}

// lowerChunk bounds the chunks: the first is small, so that compiling a
// few statements costs little, and each next one twice the last.
const (
	lowerChunkMin = 256
	lowerChunkMax = 16 << 10
)

// lower returns s with its ASCII letters lower-cased: s itself when it has
// no upper-case letter.
func (lt *lowerText) lower(s string) string {
	i := 0
	for i < len(s) && !('A' <= s[i] && s[i] <= 'Z') {
		i++
	}
	if i == len(s) {
		return s
	}
	if lt == nil {
		return ascii.ToLower(s)
	}
	if lt.b.Cap()-lt.b.Len() < len(s) {
		lt.next = min(max(2*lt.next, lowerChunkMin), lowerChunkMax)
		lt.b = strings.Builder{}
		lt.b.Grow(max(lt.next, len(s)))
	}
	start := lt.b.Len()
	lt.b.WriteString(s[:i])
	// Through a small buffer: WriteByte per byte costs several times more.
	var buf [64]byte
	for i < len(s) {
		n := copy(buf[:], s[i:])
		for k := range buf[:n] {
			buf[k] = ascii.Lower(buf[k])
		}
		lt.b.Write(buf[:n])
		i += n
	}
	return lt.b.String()[start:]
}

// compileMem is the memory one Compile carves its statements from: a
// set's action patterns, resource patterns, action-group lists, condition
// entries and values, principals and their AWS values each lie in one
// array sized before its statements are compiled (sizeFor), so that a
// statement costs a few allocations rather than one per list. A nil
// compileMem allocates each list on its own (a statement compiled for a
// CompileCache, whose arrays would outlive this Compile's other parts).
//
// The one-shot Evaluate (oneshot.go) keeps its compileMem from call to
// call (reuse): every list of the statements it compiles, the statements
// themselves, their principals and condition values, is carved from
// arrays that grow to the largest call's needs and are cleared for the
// next, since nothing it compiles outlives the call.
type compileMem struct {
	lower      lowerText
	actions    pool[actionPattern]
	resources  pool[resourcePattern]
	lits       pool[string]
	idx        pool[uint32]
	first      pool[byte]
	conds      pool[condEntry]
	values     pool[condValue]
	principals pool[principalSet]
	aws        pool[awsEntry]
	// The one-shot Evaluate's alone; Compile allocates these per
	// statement or per set.
	stmts pool[stmt]
	refs  pool[StatementRef]
	likes pool[fastGlob]
	arns  pool[arnValue]
	rows  pool[uint32]
	// reuse says that the pools grow rather than leave a list they cannot
	// hold to an allocation of its own (see pool.take).
	reuse bool
}

// lt returns the lower-casing of m, nil for a nil m.
func (m *compileMem) lt() *lowerText {
	if m == nil {
		return nil
	}
	return &m.lower
}

// sizeFor makes room for the lists of every statement of docs (one
// Compile's set): their action and resource values, condition entries
// and values, principals and AWS principal values.
func (m *compileMem) sizeFor(docs []*policy.Document) {
	var actions, resources, entries, values, principals, aws int
	for _, d := range docs {
		if d == nil {
			continue
		}
		for i := range d.Statement {
			s := &d.Statement[i]
			actions += len(s.Action.Values) + len(s.NotAction.Values)
			resources += len(s.Resource.Values) + len(s.NotResource.Values)
			for _, b := range s.Condition {
				entries += len(b.Entries)
				for _, e := range b.Entries {
					values += len(e.Values)
				}
			}
			for _, p := range [...]*policy.Principal{s.Principal, s.NotPrincipal} {
				if p != nil {
					principals++
					aws += len(p.AWS.Values)
				}
			}
		}
	}
	m.actions.size(actions)
	m.resources.size(resources)
	m.lits.size(actions)
	m.idx.size(actions)
	m.first.size(actions)
	m.conds.size(entries)
	m.values.size(values)
	m.principals.size(principals)
	m.aws.size(aws)
}

// reset clears every pool for the next one-shot call; the lower-cased
// names stay, since a string handed out stays valid for good.
func (m *compileMem) reset() {
	m.actions.reset()
	m.resources.reset()
	m.lits.reset()
	m.idx.reset()
	m.first.reset()
	m.stmts.reset()
	m.refs.reset()
	m.conds.reset()
	m.values.reset()
	m.principals.reset()
	m.aws.reset()
	m.likes.reset()
	m.arns.reset()
	m.rows.reset()
}

// pool hands out zeroed lists carved one after another from one array.
type pool[T any] struct {
	buf []T
	n   int // the elements of buf handed out
}

// size gives p an array of exactly n zero elements (Compile sizes a
// set's lists before compiling its statements).
func (p *pool[T]) size(n int) {
	p.buf, p.n = make([]T, n), 0
}

// take returns k zero elements carved from p's array. When it holds fewer:
// with grow, from a new array of at least twice the size, which p keeps
// (the one-shot Evaluate's, whose later calls then fit); else from an
// array of their own, so that an evaluator holds no more than it uses.
func (p *pool[T]) take(k int, grow bool) []T {
	if k > len(p.buf)-p.n {
		if !grow {
			return make([]T, k)
		}
		// The lists already handed out keep the old array.
		p.buf, p.n = make([]T, max(2*len(p.buf), k, 16)), 0
	}
	out := p.buf[p.n : p.n+k : p.n+k]
	p.n += k
	return out
}

// reset clears what p handed out, to hand it out again.
func (p *pool[T]) reset() {
	clear(p.buf[:p.n])
	p.n = 0
}

// takeFrom is take from the pool of m that sel chooses, or a new array
// for a nil m.
func takeFrom[T any](m *compileMem, sel func(*compileMem) *pool[T], n int) []T {
	if m == nil {
		return make([]T, n)
	}
	return sel(m).take(n, m.reuse)
}
