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
