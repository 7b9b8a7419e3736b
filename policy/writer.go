package policy

import (
	"strconv"
	"unicode/utf8"
)

// writer produces policy JSON without HTML escaping, compact or indented
// exactly as json.MarshalIndent(v, "", "    ") would. It keeps the path of
// the element being written so that an error can name it.
type writer struct {
	buf    []byte
	indent bool
	depth  int
	first  bool
	path   []pathSeg
	err    *Error

	pathBuf [8]pathSeg // backing store for path in the common case

}

// pathSeg is one step of a JSON path: a name, or an index when idx >= 0.
type pathSeg struct {
	name string
	idx  int
}

func (w *writer) push(name string) { w.path = append(w.path, pathSeg{name: name, idx: -1}) }
func (w *writer) pushIndex(i int)  { w.path = append(w.path, pathSeg{idx: i}) }
func (w *writer) pop()             { w.path = w.path[:len(w.path)-1] }

// maxPathName is how many bytes of a member name (a condition operator or
// key of a Go-built document can be of any length) an error's path keeps.
const maxPathName = 64

func (w *writer) pathString() string {
	var b []byte
	for _, s := range w.path {
		if s.idx >= 0 {
			b = append(b, '[')
			b = strconv.AppendInt(b, int64(s.idx), 10)
			b = append(b, ']')
			continue
		}
		if len(b) > 0 {
			b = append(b, '.')
		}
		if len(s.name) > maxPathName {
			b = append(b, s.name[:runeCut(s.name, maxPathName)]...)
			b = append(b, "…"...)
			continue
		}
		b = append(b, s.name...)
	}
	return string(b)
}

// fail records the first error of kind (an Err sentinel) at the current
// path.
func (w *writer) fail(kind error, reason string) {
	if w.err == nil {
		w.err = &Error{Path: w.pathString(), Reason: reason, Offset: -1, Err: kind}
	}
}

func (w *writer) newline() {
	w.buf = append(w.buf, '\n')
	for i := 0; i < w.depth; i++ {
		w.buf = append(w.buf, "    "...)
	}
}

// begin opens an object or list.
func (w *writer) begin(c byte) {
	w.buf = append(w.buf, c)
	w.depth++
	w.first = true
}

// item starts an element of the innermost object or list.
func (w *writer) item() {
	if !w.first {
		w.buf = append(w.buf, ',')
	}
	w.first = false
	if w.indent {
		w.newline()
	}
}

// end closes an object or list.
func (w *writer) end(c byte) {
	w.depth--
	if w.indent && !w.first {
		w.newline()
	}
	w.first = false
	w.buf = append(w.buf, c)
}

// key starts an object member.
func (w *writer) key(k string) {
	w.item()
	w.quote(k)
	w.buf = append(w.buf, ':')
	if w.indent {
		w.buf = append(w.buf, ' ')
	}
}

// quote writes s as a JSON string. Characters outside the policy character
// set (aws-rules A.1) are an error: Parse would refuse the output.
func (w *writer) quote(s string) {
	w.buf = append(w.buf, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c >= 0x20 && c < 0x80 && c != '"' && c != '\\' {
			i++
			continue
		}
		w.buf = append(w.buf, s[start:i]...)
		switch {
		case c == '"' || c == '\\':
			w.buf = append(w.buf, '\\', c)
			i++
		case c == '\n':
			w.buf = append(w.buf, '\\', 'n')
			i++
		case c == '\r':
			w.buf = append(w.buf, '\\', 'r')
			i++
		case c == '\t':
			w.buf = append(w.buf, '\\', 't')
			i++
		default:
			r, size := utf8.DecodeRuneInString(s[i:])
			switch {
			case w.err != nil:
				// Only the first error is reported: building the message
				// again for every bad byte would cost the string's length
				// each time.
			case r == utf8.RuneError && size <= 1:
				w.fail(ErrCharacter, "invalid UTF-8 in "+quoteAround(s, i))
			case !allowedRune(r):
				w.fail(ErrCharacter, "character "+runeName(r)+" is not allowed: policies may contain only tab, LF, CR and U+0020–U+00FF")
			}
			w.buf = append(w.buf, s[i:i+size]...)
			i += size
		}
		start = i
	}
	w.buf = append(w.buf, s[start:]...)
	w.buf = append(w.buf, '"')
}
