package evaluate

import (
	"strings"

	"github.com/cksiam/cksiam/internal/ascii"
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
// set's action patterns, resource patterns and action-group lists each lie
// in one array sized before its statements are compiled, so that a
// statement costs a few allocations rather than one per list. A nil
// compileMem allocates each list on its own (a statement compiled for a
// CompileCache, whose arrays would outlive this Compile's other parts).
type compileMem struct {
	lower     lowerText
	actions   []actionPattern
	resources []resourcePattern
	lits      []string
	idx       []uint32
	first     []byte
}

// lt returns the lower-casing of m, nil for a nil m.
func (m *compileMem) lt() *lowerText {
	if m == nil {
		return nil
	}
	return &m.lower
}

// size makes room for n actions and r resources.
func (m *compileMem) size(n, r int) {
	m.actions = make([]actionPattern, n)
	m.resources = make([]resourcePattern, r)
	m.lits = make([]string, n)
	m.idx = make([]uint32, n)
	m.first = make([]byte, n)
}

// take returns n zero elements carved from *pool, or a new array when the
// pool holds fewer.
func take[T any](pool *[]T, n int) []T {
	if n > len(*pool) {
		return make([]T, n)
	}
	out := (*pool)[:n:n]
	*pool = (*pool)[n:]
	return out
}

// takeFrom is take from the pool m chooses, or a new array for a nil m.
func takeFrom[T any](m *compileMem, pool func(*compileMem) *[]T, n int) []T {
	if m == nil {
		return make([]T, n)
	}
	return take(pool(m), n)
}
