package glob

import (
	"strings"
	"unicode/utf8"
)

// The bytes that stand for wildcards in an encoded pattern.
const (
	Star  = 0x01 // matches any run of characters
	Quest = 0x02 // matches exactly one character
)

// Pattern is a compiled wildcard pattern. The zero value matches only the
// empty string. Patterns are immutable and safe for concurrent use.
type Pattern struct {
	enc     string // encoded pattern (wildcards as Star / Quest)
	raw     string // the pattern as written
	fold    bool   // ASCII case-insensitive
	literal bool   // no wildcard at all
	any     bool   // the pattern is exactly one '*'
}

// Compile compiles pattern, in which '*' and '?' are wildcards. With fold the
// match ignores ASCII case (IAM action names); otherwise it is exact.
func Compile(pattern string, fold bool) Pattern {
	return FromEncoded(Encode(nil, pattern), pattern, fold)
}

// Literal compiles text that has no wildcards: '*' and '?' in it match only
// themselves.
func Literal(text string, fold bool) Pattern {
	if fold {
		text = lowerASCII(text)
	}
	return Pattern{enc: text, raw: text, fold: fold, literal: true}
}

// FromEncoded makes a Pattern from an already encoded pattern (see Encode and
// AppendLiteral). raw is the spelling reported by String.
func FromEncoded(enc []byte, raw string, fold bool) Pattern {
	p := Pattern{raw: raw, fold: fold}
	if fold {
		lowerASCIIBytes(enc)
	}
	p.enc = string(enc)
	p.literal = strings.IndexByte(p.enc, Star) < 0 && strings.IndexByte(p.enc, Quest) < 0
	p.any = p.enc == string([]byte{Star})
	return p
}

// Encode appends pattern to dst with '*' and '?' turned into Star and Quest.
func Encode(dst []byte, pattern string) []byte {
	for i := 0; i < len(pattern); i++ {
		switch c := pattern[i]; c {
		case '*':
			dst = append(dst, Star)
		case '?':
			dst = append(dst, Quest)
		default:
			dst = append(dst, c)
		}
	}
	return dst
}

// AppendLiteral appends text to an encoded pattern so that every character of
// it matches only itself. It reports false when text holds a Star or Quest
// byte, which cannot be carried literally; the caller must then treat the
// pattern as unresolvable.
func AppendLiteral(dst []byte, text string) ([]byte, bool) {
	if strings.IndexByte(text, Star) >= 0 || strings.IndexByte(text, Quest) >= 0 {
		return dst, false
	}
	return append(dst, text...), true
}

// String returns the pattern as it was written.
func (p Pattern) String() string { return p.raw }

// IsLiteral reports whether the pattern has no wildcard.
func (p Pattern) IsLiteral() bool { return p.literal }

// MatchesAll reports whether the pattern is a single '*'.
func (p Pattern) MatchesAll() bool { return p.any }

// Match reports whether the whole of s matches the pattern.
func (p Pattern) Match(s string) bool {
	if p.any {
		return true
	}
	if p.literal {
		if p.fold {
			return equalFoldASCII(p.enc, s)
		}
		return p.enc == s
	}
	return MatchEncoded(p.enc, s, p.fold)
}

// Match reports whether s matches pattern ('*' and '?' wildcards), case
// sensitively. It compiles nothing and does not allocate.
func Match(pattern, s string) bool {
	// Encoding is needed only to tell wildcards from literals; a plain
	// pattern has no literal wildcard, so a byte-level view suffices.
	return matchPlain(pattern, s, false)
}

// MatchFold is Match ignoring ASCII case.
func MatchFold(pattern, s string) bool { return matchPlain(pattern, s, true) }

// MatchEncoded matches s against an encoded pattern. With fold the pattern
// must already be lower case (as FromEncoded leaves it).
func MatchEncoded(enc, s string, fold bool) bool {
	return match(enc, s, fold, Star, Quest)
}

func matchPlain(pattern, s string, fold bool) bool {
	if fold {
		// Compare against a lower-cased pattern without allocating: the
		// segment matcher lowers both sides byte by byte.
		return match(pattern, s, true, '*', '?')
	}
	return match(pattern, s, false, '*', '?')
}

// match is the segment matcher over a pattern whose wildcards are star and
// quest bytes.
func match(p, s string, fold bool, star, quest byte) bool {
	first := strings.IndexByte(p, star)
	if first < 0 {
		end, ok := matchAt(p, s, 0, fold, quest)
		return ok && end == len(s)
	}
	// Prefix: the text before the first star, anchored at the start.
	pos, ok := matchAt(p[:first], s, 0, fold, quest)
	if !ok {
		return false
	}
	// Suffix: the text after the last star, anchored at the end.
	last := strings.LastIndexByte(p, star)
	suffixStart, ok := matchEnd(p[last+1:], s, pos, fold, quest)
	if !ok {
		return false
	}
	// Middle pieces, each at its leftmost place between prefix and suffix.
	mid := p[first+1 : last+1]
	limit := s[:suffixStart]
	for len(mid) > 0 {
		i := strings.IndexByte(mid, star)
		piece := mid[:i]
		mid = mid[i+1:]
		if piece == "" {
			continue
		}
		if !fold && strings.IndexByte(piece, quest) < 0 {
			// Plain literal piece: the standard library's substring search.
			i := strings.Index(limit[pos:], piece)
			if i < 0 {
				return false
			}
			pos += i + len(piece)
			continue
		}
		found := false
		for start := pos; start <= len(limit); start++ {
			if start < len(limit) && start > pos && isContinuation(limit[start]) {
				continue
			}
			if end, ok := matchAt(piece, limit, start, fold, quest); ok {
				pos, found = end, true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

// matchAt matches the wildcard-free-of-star piece at s[i:] and returns where
// it ends.
func matchAt(piece, s string, i int, fold bool, quest byte) (int, bool) {
	for j := 0; j < len(piece); j++ {
		if i >= len(s) {
			return 0, false
		}
		c := piece[j]
		if c == quest {
			i += runeLen(s, i)
			continue
		}
		d := s[i]
		if fold {
			c, d = lower(c), lower(d)
		}
		if c != d {
			return 0, false
		}
		i++
	}
	return i, true
}

// matchEnd matches piece against the end of s, not reaching below lo, and
// returns where in s the match starts.
func matchEnd(piece, s string, lo int, fold bool, quest byte) (int, bool) {
	i := len(s)
	for j := len(piece) - 1; j >= 0; j-- {
		if i <= lo {
			return 0, false
		}
		c := piece[j]
		if c == quest {
			_, n := utf8.DecodeLastRuneInString(s[lo:i])
			i -= n
			continue
		}
		d := s[i-1]
		if fold {
			c, d = lower(c), lower(d)
		}
		if c != d {
			return 0, false
		}
		i--
	}
	return i, true
}

func runeLen(s string, i int) int {
	if s[i] < utf8.RuneSelf {
		return 1
	}
	_, n := utf8.DecodeRuneInString(s[i:])
	return n
}

func isContinuation(b byte) bool { return b&0xC0 == 0x80 }

func lower(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

func equalFoldASCII(a, b string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := 0; i < len(a); i++ {
		if lower(a[i]) != lower(b[i]) {
			return false
		}
	}
	return true
}

func lowerASCII(s string) string {
	for i := 0; i < len(s); i++ {
		if 'A' <= s[i] && s[i] <= 'Z' {
			b := []byte(s)
			lowerASCIIBytes(b)
			return string(b)
		}
	}
	return s
}

func lowerASCIIBytes(b []byte) {
	for i, c := range b {
		b[i] = lower(c)
	}
}
