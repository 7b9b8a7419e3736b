package policy

import "strings"

// Locate returns where in data (a policy's JSON text) the element a path
// names begins, so that a tool can show a finding or an error at a line and
// column. Paths are written as Validate, Parse and the catalog checker
// write them: "Statement[2].Condition.StringEquals.kms:ViaService[0]". The
// position is that of the element's name for an object member (the "Sid"
// of "Statement[0].Sid") and of the value for a list item. An index [0]
// on a value written in its single form (a bare string, a single statement
// object) names that value, as in Validate's paths. The empty path names
// the document.
//
// When the text does not hold the whole path (a Go-built document, a
// path the text cannot reach), Locate returns the position of the deepest
// element on the path that it found and false.
func Locate(data []byte, path string) (Position, bool) {
	l := locator{s: scanner{src: string(data)}}
	if path != "" && path[0] != '[' {
		path = "." + path // every member name is written after a '.'
	}
	off, exact := l.value(path, 0)
	return positionAt(data, off), exact
}

// PositionAt returns the line and column of a byte offset of data, such as
// the Offset of an *Error.
func PositionAt(data []byte, offset int64) Position {
	if offset < 0 {
		offset = 0
	}
	return positionAt(data, int(min(offset, int64(len(data)))))
}

// maxLocateDepth bounds the nesting Locate follows: policies nest five
// levels deep (document, Statement list, statement, Condition, operator,
// key list), so deeper text holds nothing a path can name.
const maxLocateDepth = 32

// locator walks JSON text along a path.
type locator struct {
	s scanner
}

// value follows path from the value at the scanner's position (after
// whitespace) and returns the offset of what it names.
func (l *locator) value(path string, depth int) (int, bool) {
	if l.s.peek() == 0 {
		return l.s.pos, false // no value here
	}
	start := l.s.pos
	if path == "" {
		return start, true
	}
	if depth > maxLocateDepth {
		return start, false
	}
	if path[0] == '[' {
		end := strings.IndexByte(path, ']')
		n, ok := atoiIndex(path[1:max(end, 1)])
		if end < 0 || !ok {
			return start, false
		}
		rest := path[end+1:]
		if l.s.peek() != '[' {
			if n == 0 {
				return l.value(rest, depth+1) // the single form
			}
			return start, false
		}
		l.s.pos++
		for i := 0; l.s.peek() != ']'; i++ {
			if i == n {
				return l.value(rest, depth+1)
			}
			if !l.skip(depth+1) || !l.more(']') {
				return start, false
			}
		}
		return start, false
	}
	if path[0] != '.' || l.s.peek() != '{' {
		return start, false
	}
	path = path[1:]
	l.s.pos++
	// Keys may hold '.' ("aws:RequestTag/a.b"), so the member is the one
	// whose name is the longest prefix of path ending at '.', '[' or the end.
	bestKey, bestValue, bestLen := -1, -1, -1
	for l.s.peek() != '}' {
		k, keyOff, err := l.s.key()
		if err != nil {
			break
		}
		valueOff := l.s.pos
		if len(k) > bestLen && strings.HasPrefix(path, k) && (len(path) == len(k) || path[len(k)] == '.' || path[len(k)] == '[') {
			bestKey, bestValue, bestLen = keyOff, valueOff, len(k)
		}
		if !l.skip(depth+1) || !l.more('}') {
			break
		}
	}
	if bestLen < 0 {
		return start, false
	}
	rest := path[bestLen:]
	if rest == "" {
		return bestKey, true
	}
	l.s.pos = bestValue
	off, exact := l.value(rest, depth+1)
	if !exact && off == bestValue {
		return bestKey, false
	}
	return off, exact
}

// more consumes the ',' or the closing byte after an element and reports
// whether the scan can go on (false on malformed text).
func (l *locator) more(closing byte) bool {
	switch l.s.peek() {
	case ',':
		l.s.pos++
		return true
	case closing:
		return true
	}
	return false
}

// skip passes over one JSON value, reporting false on malformed text.
func (l *locator) skip(depth int) bool {
	if depth > maxLocateDepth {
		return false
	}
	switch c := l.s.peek(); c {
	case '"':
		_, err := l.s.str()
		return err == nil
	case '{', '[':
		closing := byte('}')
		if c == '[' {
			closing = ']'
		}
		l.s.pos++
		for l.s.peek() != closing {
			if c == '{' {
				if _, _, err := l.s.key(); err != nil {
					return false
				}
			}
			if !l.skip(depth+1) || !l.more(closing) {
				return false
			}
		}
		l.s.pos++
		return true
	case 't':
		return l.s.literal("true")
	case 'f':
		return l.s.literal("false")
	case 'n':
		return l.s.literal("null")
	case 0:
		return false
	}
	_, err := l.s.number()
	return err == nil
}

// atoiIndex reads a list index of up to 9 digits.
func atoiIndex(s string) (int, bool) {
	if s == "" || len(s) > 9 {
		return 0, false
	}
	n := 0
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) {
			return 0, false
		}
		n = n*10 + int(s[i]-'0')
	}
	return n, true
}
