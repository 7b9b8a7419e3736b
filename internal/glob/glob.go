package glob

import (
	"github.com/cksiam/cksiam/internal/ascii"
	"math"
	"strings"
)

// The bytes that stand for wildcards in an encoded pattern.
const (
	Star  = 0x01 // matches any run of characters
	Quest = 0x02 // matches exactly one character
)

// Pattern is a compiled wildcard pattern. The zero value matches only the
// empty string. Patterns are immutable and safe for concurrent use.
type Pattern struct {
	enc string // encoded pattern (wildcards as Star / Quest)
	raw string // the pattern as written
	// The shape of enc (where its stars are, which parts hold a Quest),
	// found once here so that Match never scans the pattern for them. The
	// positions are int32 because compiled policies embed many Patterns;
	// long marks a pattern of 2 GiB or more, whose shape Match recomputes.
	first, last            int32
	prefixQ, midQ, suffixQ bool
	long                   bool
	fold                   bool // ASCII case-insensitive
	literal                bool // no wildcard at all
	any                    bool // the pattern is exactly one '*'
	// plain marks a pattern kept as written (see Compile): its wildcards
	// are '*' and '?' rather than Star and Quest.
	plain bool
}

// Compile compiles pattern, in which '*' and '?' are wildcards. With fold the
// match ignores ASCII case (IAM action names); otherwise it is exact.
//
// A pattern that holds no Star or Quest byte (policy text never does) and,
// with fold, no upper-case letter is kept as written, its '*' and '?' the
// wildcards, so that compiling it copies nothing; any other is encoded
// (compileEncoded, the reference FuzzCompileKeepsPlainPatterns compares
// with).
func Compile(pattern string, fold bool) Pattern {
	if !keepsPlain(pattern, fold) {
		return compileEncoded(pattern, fold)
	}
	p := Pattern{enc: pattern, raw: pattern, fold: fold, plain: true}
	sh := shapeOf(pattern, '*', '?')
	p.setShape(sh)
	p.literal = sh.first < 0 && !sh.quest()
	p.any = pattern == "*"
	return p
}

// compileEncoded is Compile through the encoded form, whatever pattern
// holds.
func compileEncoded(pattern string, fold bool) Pattern {
	return FromEncoded(Encode(make([]byte, 0, len(pattern)), pattern), pattern, fold)
}

// keepsPlain reports whether Compile may keep pattern as written: no Star
// or Quest byte, which Encode would leave as wildcards, and with fold no
// upper-case ASCII letter, which FromEncoded would lower.
func keepsPlain(pattern string, fold bool) bool {
	for i := 0; i < len(pattern); i++ {
		switch c := pattern[i]; {
		case c == Star || c == Quest:
			return false
		case fold && 'A' <= c && c <= 'Z':
			return false
		}
	}
	return true
}

// Literal compiles text that has no wildcards: '*' and '?' in it match only
// themselves.
func Literal(text string, fold bool) Pattern {
	if fold {
		text = ascii.ToLower(text)
	}
	// The wildcard bytes are Star and Quest, so '*' and '?' in text are
	// plain bytes here.
	p := Pattern{enc: text, raw: text, fold: fold, literal: true}
	p.setShape(shapeOf(text, Star, Quest))
	return p
}

// FromEncoded makes a Pattern from an already encoded pattern (see Encode and
// AppendLiteral). raw is the spelling reported by String.
func FromEncoded(enc []byte, raw string, fold bool) Pattern {
	p := Pattern{raw: raw, fold: fold}
	if fold {
		for i, c := range enc {
			enc[i] = ascii.Lower(c)
		}
	}
	p.enc = string(enc)
	sh := shapeOf(p.enc, Star, Quest)
	p.setShape(sh)
	p.literal = sh.first < 0 && !sh.quest()
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
			return ascii.EqualFold(p.enc, s)
		}
		return p.enc == s
	}
	star, quest := byte(Star), byte(Quest)
	if p.plain {
		star, quest = '*', '?'
	}
	if p.long {
		sh := shapeOf(p.enc, star, quest)
		return match(p.enc, &sh, s, p.fold, star, quest)
	}
	sh := shape{first: int(p.first), last: int(p.last), prefixQ: p.prefixQ, midQ: p.midQ, suffixQ: p.suffixQ}
	return match(p.enc, &sh, s, p.fold, star, quest)
}

func (p *Pattern) setShape(sh shape) {
	if len(p.enc) > math.MaxInt32 {
		p.long = true
		return
	}
	p.first, p.last = int32(sh.first), int32(sh.last)
	p.prefixQ, p.midQ, p.suffixQ = sh.prefixQ, sh.midQ, sh.suffixQ
}

// Match reports whether s matches pattern ('*' and '?' wildcards), case
// sensitively. It compiles nothing and does not allocate.
func Match(pattern, s string) bool {
	// Encoding is needed only to tell wildcards from literals; a plain
	// pattern has no literal wildcard, so a byte-level view suffices.
	sh := shapeOf(pattern, '*', '?')
	return match(pattern, &sh, s, false, '*', '?')
}

// MatchFold is Match ignoring ASCII case.
func MatchFold(pattern, s string) bool {
	// The pattern is not lower-cased here (that would allocate): fold
	// comparisons lower both sides.
	sh := shapeOf(pattern, '*', '?')
	return match(pattern, &sh, s, true, '*', '?')
}

// MatchEncoded matches s against an encoded pattern. With fold the pattern
// must already be lower case (as FromEncoded leaves it).
func MatchEncoded(enc, s string, fold bool) bool {
	sh := shapeOf(enc, Star, Quest)
	return match(enc, &sh, s, fold, Star, Quest)
}
