package policy

import (
	"encoding/binary"
	"math/bits"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/cksiam/cksiam/internal/ascii"
)

// checkText enforces the character set of aws-rules A.1 on the raw document:
// valid UTF-8 made only of tab, LF, CR and U+0020–U+00FF, 1 to maxChars
// characters (no bound when maxChars <= 0). Everything after this can
// assume that each byte of 0x80 or above belongs to a two-byte sequence
// C2/C3 80–BF.
func checkText(data []byte, maxChars int) *Error {
	if len(data) == 0 {
		return &Error{Reason: "empty document", Offset: 0, Err: ErrEmpty}
	}
	chars := 0
	for i := 0; i < len(data); {
		// Printable ASCII characters a word at a time, while the bound is
		// not near: the common case. A document of at most maxChars bytes
		// cannot exceed it.
		if maxChars <= 0 || len(data) <= maxChars {
			j := skipPrintable(data, i)
			chars += j - i
			if i = j; i >= len(data) {
				break
			}
		} else if i+8 <= len(data) && chars+8 <= maxChars {
			if x := binary.LittleEndian.Uint64(data[i:]); x&highBits|controlBytes(x) == 0 {
				i += 8
				chars += 8
				continue
			}
		}
		start, c := i, data[i]
		switch {
		case c >= 0x20 && c < 0x80, c == '\t', c == '\n', c == '\r':
			i++
		case (c == 0xC2 || c == 0xC3) && i+1 < len(data) && data[i+1]&0xC0 == 0x80:
			i += 2
		default:
			r, size := utf8.DecodeRune(data[i:])
			if r == utf8.RuneError && size <= 1 {
				return &Error{Reason: "invalid UTF-8", Offset: int64(i), Err: ErrCharacter}
			}
			return &Error{Reason: "character " + runeName(r) + " is not allowed: policies may contain only tab, LF, CR and U+0020–U+00FF", Offset: int64(i), Err: ErrCharacter}
		}
		chars++
		if maxChars > 0 && chars > maxChars {
			return &Error{Reason: "document is longer than " + strconv.Itoa(maxChars) +
				" characters, the bound Parse was given against memory exhaustion (see WithMaxDocumentChars)", Offset: int64(start), Err: ErrTooLong}
		}
	}
	return nil
}

// skipPrintable returns the index of the first byte of data from i that
// is not printable ASCII (0x20–0x7F), reading whole words of eight bytes
// (four a step, then one): where fewer than eight bytes are left, it
// returns where they start. skipPrintableSlow in the tests is its
// reference.
func skipPrintable(data []byte, i int) int {
	for i+32 <= len(data) {
		w := data[i : i+32]
		x0, x1 := binary.LittleEndian.Uint64(w), binary.LittleEndian.Uint64(w[8:])
		x2, x3 := binary.LittleEndian.Uint64(w[16:]), binary.LittleEndian.Uint64(w[24:])
		if (x0|x1|x2|x3)&highBits|controlBytes(x0)|controlBytes(x1)|controlBytes(x2)|controlBytes(x3) != 0 {
			break // the word loop finds the byte
		}
		i += 32
	}
	for i+8 <= len(data) {
		x := binary.LittleEndian.Uint64(data[i:])
		if m := x&highBits | controlBytes(x); m != 0 {
			return i + bits.TrailingZeros64(m)>>3
		}
		i += 8
	}
	return i
}

// eightSpaces is a word of eight spaces.
const eightSpaces = 0x2020202020202020

// highBits has the high bit of each byte of a word set.
const highBits = 0x8080808080808080

// controlBytes returns a word with the high bit set in each byte of x
// that is below 0x20 (a control character), and every other bit clear.
// controlBytesSlow in the tests is its reference.
func controlBytes(x uint64) uint64 {
	const lo = 0x0101010101010101
	low7 := x &^ highBits
	// Adding 0x60 to a byte of at most 0x7F sets its high bit exactly when
	// it is 0x20 or more, without carrying into the next byte.
	return ^(low7 + 0x60*lo) &^ x & highBits
}

// allowedRune reports whether r is in the policy character set.
func allowedRune(r rune) bool {
	return r == '\t' || r == '\n' || r == '\r' || (r >= 0x20 && r <= 0xFF)
}

func runeName(r rune) string {
	const hex = "0123456789ABCDEF"
	if r < 0x10000 {
		return "U+" + string([]byte{hex[r>>12&15], hex[r>>8&15], hex[r>>4&15], hex[r&15]})
	}
	return "U+" + strings.ToUpper(strconv.FormatInt(int64(r), 16))
}

// scanner reads JSON tokens from a document that passed checkText. It works
// on a string so that strings without escapes are returned as substrings
// without copying.
type scanner struct {
	src string
	pos int
	buf []byte // scratch for strings with escapes
}

// jsonError is an error at the scanner's position; the parser adds the
// path. kind is ErrSyntax, ErrCharacter for an escape outside the policy
// character set, or ErrInvalidValue for a well-formed value of the wrong
// JSON type.
type jsonError struct {
	reason string
	offset int
	kind   error
}

func (s *scanner) fail(reason string) *jsonError { return s.failAs(ErrSyntax, reason) }

func (s *scanner) failAs(kind error, reason string) *jsonError {
	return &jsonError{reason: reason, offset: s.pos, kind: kind}
}

// mismatch is fail for "expected X, found Y": ErrInvalidValue when Y is a
// well-formed JSON value of another type, ErrSyntax when it is not a value.
func (s *scanner) mismatch(reason string) *jsonError {
	return &jsonError{reason: reason, offset: s.pos, kind: s.foundKind()}
}

// foundKind classifies the token at the current position for an error
// that expected another: ErrInvalidValue for the start of a JSON value,
// ErrSyntax for anything else (end of input, punctuation, garbage).
func (s *scanner) foundKind() error {
	switch s.peek() {
	case '"', '{', '[', 't', 'f', 'n', '-', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9':
		return ErrInvalidValue
	}
	return ErrSyntax
}

func (s *scanner) ws() {
	// Most calls find a token at once (compact documents, or a token
	// after one space): one comparison, inlined.
	if s.pos < len(s.src) && s.src[s.pos] > ' ' {
		return
	}
	s.skipWS()
}

// skipWS skips whitespace; ws's slow path.
func (s *scanner) skipWS() {
	// Indentation a word at a time: eight spaces are one comparison.
	for s.pos+8 <= len(s.src) && ascii.Word(s.src, s.pos) == eightSpaces {
		s.pos += 8
	}
	for s.pos < len(s.src) {
		switch s.src[s.pos] {
		case ' ', '\t', '\n', '\r':
			s.pos++
		default:
			return
		}
	}
}

// peek skips whitespace and returns the next byte, or 0 at the end.
func (s *scanner) peek() byte {
	s.ws()
	if s.pos < len(s.src) {
		return s.src[s.pos]
	}
	return 0
}

// describe names the token starting at the current position for error
// messages: "a string", "a number", "end of input"…
func (s *scanner) describe() string {
	switch s.peek() {
	case 0:
		return "end of input"
	case '"':
		return "a string"
	case '{':
		return "an object"
	case '[':
		return "a list"
	case 't', 'f':
		return "a boolean"
	case 'n':
		return "null"
	case '-', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9':
		return "a number"
	case '}', ']', ',', ':':
		return "'" + s.src[s.pos:s.pos+1] + "'"
	}
	return "invalid JSON"
}

// str reads a JSON string at the current position (after whitespace) and
// returns its decoded content.
func (s *scanner) str() (string, *jsonError) {
	// Callers mostly peeked the quote already: peek only otherwise.
	if s.pos >= len(s.src) || s.src[s.pos] != '"' {
		if s.peek() != '"' {
			return "", s.mismatch("expected a string, found " + s.describe())
		}
	}
	start := s.pos + 1
	for i := start; i < len(s.src); i++ {
		// Skip to the first '"', '\\' or control character, eight bytes
		// at a time.
		for i+8 <= len(s.src) {
			x := ascii.Word(s.src, i)
			m := controlBytes(x) | ascii.ByteMask(x, '"') | ascii.ByteMask(x, '\\')
			if m != 0 {
				i += bits.TrailingZeros64(m) >> 3
				break
			}
			i += 8
		}
		if i >= len(s.src) {
			break
		}
		switch c := s.src[i]; {
		case c == '"':
			s.pos = i + 1
			return s.src[start:i], nil
		case c == '\\':
			return s.strEscaped(start, i)
		case c < 0x20:
			s.pos = i
			return "", s.fail("control character in string")
		}
	}
	s.pos = len(s.src)
	return "", s.fail("unterminated string")
}

// strEscaped decodes a string containing escapes; i is the first backslash.
func (s *scanner) strEscaped(start, i int) (string, *jsonError) {
	b := append(s.buf[:0], s.src[start:i]...)
	for i < len(s.src) {
		c := s.src[i]
		switch {
		case c == '"':
			s.pos = i + 1
			s.buf = b
			return string(b), nil
		case c < 0x20:
			s.pos = i
			return "", s.fail("control character in string")
		case c != '\\':
			b = append(b, c)
			i++
			continue
		}
		s.pos = i
		if i+1 >= len(s.src) {
			break
		}
		switch e := s.src[i+1]; e {
		case '"', '\\', '/':
			b = append(b, e)
			i += 2
		case 'n':
			b = append(b, '\n')
			i += 2
		case 'r':
			b = append(b, '\r')
			i += 2
		case 't':
			b = append(b, '\t')
			i += 2
		case 'b', 'f':
			return "", s.failAs(ErrCharacter, `escape \`+string(e)+" is not allowed: policies may contain only tab, LF, CR and U+0020–U+00FF")
		case 'u':
			if i+6 > len(s.src) {
				return "", s.fail("truncated \\u escape")
			}
			v, ok := hex4(s.src[i+2 : i+6])
			if !ok {
				return "", s.fail("invalid \\u escape")
			}
			if !allowedRune(rune(v)) {
				return "", s.failAs(ErrCharacter, "escaped character "+runeName(rune(v))+" is not allowed: policies may contain only tab, LF, CR and U+0020–U+00FF")
			}
			b = utf8.AppendRune(b, rune(v))
			i += 6
		default:
			return "", s.fail("invalid escape")
		}
	}
	s.pos = len(s.src)
	return "", s.fail("unterminated string")
}

func hex4(h string) (rune, bool) {
	var v rune
	for i := 0; i < len(h); i++ {
		c := h[i]
		switch {
		case c >= '0' && c <= '9':
			c -= '0'
		case c >= 'a' && c <= 'f':
			c -= 'a' - 10
		case c >= 'A' && c <= 'F':
			c -= 'A' - 10
		default:
			return 0, false
		}
		v = v<<4 | rune(c)
	}
	return v, true
}

// number reads a JSON number and returns its text.
func (s *scanner) number() (string, *jsonError) {
	src, i := s.src, s.pos
	start := i
	if i < len(src) && src[i] == '-' {
		i++
	}
	switch {
	case i < len(src) && src[i] == '0':
		i++
	case i < len(src) && src[i] >= '1' && src[i] <= '9':
		for i < len(src) && isDigit(src[i]) {
			i++
		}
	default:
		s.pos = i
		return "", s.fail("invalid number")
	}
	if i < len(src) && src[i] == '.' {
		i++
		if i >= len(src) || !isDigit(src[i]) {
			s.pos = i
			return "", s.fail("invalid number")
		}
		for i < len(src) && isDigit(src[i]) {
			i++
		}
	}
	if i < len(src) && (src[i] == 'e' || src[i] == 'E') {
		i++
		if i < len(src) && (src[i] == '+' || src[i] == '-') {
			i++
		}
		if i >= len(src) || !isDigit(src[i]) {
			s.pos = i
			return "", s.fail("invalid number")
		}
		for i < len(src) && isDigit(src[i]) {
			i++
		}
	}
	s.pos = i
	return src[start:i], nil
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// literal consumes word ("true", "false", "null") if it is next.
func (s *scanner) literal(word string) bool {
	if len(s.src)-s.pos >= len(word) && s.src[s.pos:s.pos+len(word)] == word {
		s.pos += len(word)
		return true
	}
	return false
}

// objectStart consumes '{' and reports whether the object is empty (in
// which case '}' is consumed too).
func (s *scanner) objectStart(what string) (empty bool, err *jsonError) {
	if s.peek() != '{' {
		return false, s.mismatch(what + " must be a JSON object, found " + s.describe())
	}
	s.pos++
	if s.peek() == '}' {
		s.pos++
		return true, nil
	}
	return false, nil
}

// key reads an object key and the colon after it.
func (s *scanner) key() (string, int, *jsonError) {
	s.ws()
	off := s.pos
	k, err := s.str()
	if err != nil {
		if s.pos == off {
			err.reason = "expected an element name, found " + s.describe()
			err.kind = ErrSyntax // JSON object keys are strings
		}
		return "", off, err
	}
	if s.peek() != ':' {
		return "", off, s.fail("expected ':' after element name")
	}
	s.pos++
	s.ws()
	return k, off, nil
}

// next consumes the ',' or the closing byte after an element of an object
// or list and reports whether more elements follow.
func (s *scanner) next(closing byte) (more bool, err *jsonError) {
	// Compact documents: the byte is next, without a call to peek.
	c := byte(0)
	if s.pos < len(s.src) && s.src[s.pos] > ' ' {
		c = s.src[s.pos]
	} else {
		c = s.peek()
	}
	switch c {
	case ',':
		s.pos++
		s.ws()
		return true, nil
	case closing:
		s.pos++
		return false, nil
	}
	return false, s.fail("expected ',' or '" + string(closing) + "', found " + s.describe())
}
