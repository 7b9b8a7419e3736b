package glob

import (
	"github.com/cksiam/cksiam/internal/ascii"
	"strings"
	"unicode/utf8"
)

// shape says where a pattern's stars are and which of its parts hold a
// quest. Compiled patterns keep it, so that matching slices the pattern
// instead of scanning it, and parts without a quest take the byte-compare
// fast paths below.
type shape struct {
	first, last int // indexes of the first and the last star; -1 when none
	// Whether the prefix (before the first star, or the whole pattern), the
	// middle (between first and last star) and the suffix (after the last
	// star) hold a quest.
	prefixQ, midQ, suffixQ bool
}

func (sh *shape) quest() bool { return sh.prefixQ || sh.midQ || sh.suffixQ }

func shapeOf(p string, star, quest byte) shape {
	first := strings.IndexByte(p, star)
	if first < 0 {
		return shape{first: -1, last: -1, prefixQ: strings.IndexByte(p, quest) >= 0}
	}
	last := strings.LastIndexByte(p, star)
	return shape{
		first:   first,
		last:    last,
		prefixQ: strings.IndexByte(p[:first], quest) >= 0,
		midQ:    strings.IndexByte(p[first:last], quest) >= 0,
		suffixQ: strings.IndexByte(p[last+1:], quest) >= 0,
	}
}

// match is the segment matcher: the text before the first star must start
// s, the text after the last star must end it, and each piece in between is
// found at its leftmost place. Never backtracking keeps it linear in
// practice (see the package documentation).
func match(p string, sh *shape, s string, fold bool, star, quest byte) bool {
	if sh.first < 0 {
		if !sh.prefixQ {
			return len(p) == len(s) && hasPrefix(s, p, fold)
		}
		end, ok := matchAt(p, s, 0, fold, quest)
		return ok && end == len(s)
	}
	prefix, suffix := p[:sh.first], p[sh.last+1:]
	// Prefix, anchored at the start.
	pos := len(prefix)
	if sh.prefixQ {
		var ok bool
		if pos, ok = matchAt(prefix, s, 0, fold, quest); !ok {
			return false
		}
	} else if !hasPrefix(s, prefix, fold) {
		return false
	}
	// Suffix, anchored at the end and not overlapping the prefix.
	end := len(s) - len(suffix)
	if sh.suffixQ {
		var ok bool
		if end, ok = matchEnd(suffix, s, pos, fold, quest); !ok {
			return false
		}
	} else if end < pos || !hasPrefix(s[end:], suffix, fold) {
		return false
	}
	if sh.first == sh.last {
		return true
	}
	return matchMiddle(p[sh.first+1:sh.last+1], s[:end], pos, fold, sh.midQ, star, quest)
}

// matchMiddle finds each star-terminated piece of mid in limit, leftmost
// first, from pos on.
func matchMiddle(mid, limit string, pos int, fold, midQ bool, star, quest byte) bool {
	for len(mid) > 0 {
		i := strings.IndexByte(mid, star)
		piece := mid[:i]
		mid = mid[i+1:]
		if piece == "" {
			continue
		}
		if midQ && strings.IndexByte(piece, quest) >= 0 {
			end, ok := findQuestPiece(piece, limit, pos, fold, quest)
			if !ok {
				return false
			}
			pos = end
			continue
		}
		at := indexLiteral(limit[pos:], piece, fold)
		if at < 0 {
			return false
		}
		pos += at + len(piece)
	}
	return true
}

// Pieces up to these lengths (in bytes) are searched by trying every
// start: that costs at most that many comparisons per character of the
// text, and it is faster than setting up the linear searches.
const (
	shortLiteral = 32
	shortQuest   = 16
)

// indexLiteral finds a piece without quests in s: a short piece with the
// standard library's substring search or a first-byte scan, a longer one
// with the two-way search, linear whatever the input.
func indexLiteral(s, piece string, fold bool) int {
	switch {
	case len(piece) > shortLiteral:
		return indexTwoWay(s, piece, fold)
	case !fold:
		return strings.Index(s, piece)
	}
	return indexFold(s, piece)
}

// findQuestPiece finds a piece holding quests at its leftmost place from
// pos on: a short one by trying every start, a longer one bit-parallel.
func findQuestPiece(piece, limit string, pos int, fold bool, quest byte) (int, bool) {
	if len(piece) > shortQuest {
		return indexQuest(piece, limit, pos, fold, quest)
	}
	return findPiece(piece, limit, pos, fold, quest)
}

// findPiece finds piece (which may hold quests) in limit at its leftmost
// place from pos on, starting only at character boundaries, and returns
// where the match ends.
func findPiece(piece, limit string, pos int, fold bool, quest byte) (int, bool) {
	for start := pos; start <= len(limit); start++ {
		if start < len(limit) && start > pos && isContinuation(limit[start]) {
			continue
		}
		if end, ok := matchAt(piece, limit, start, fold, quest); ok {
			return end, true
		}
	}
	return 0, false
}

// indexFold is strings.Index ignoring ASCII case, for a short piece
// without quests. Comparing bytes finds characters on valid UTF-8 (see
// indexTwoWay).
func indexFold(s, piece string) int {
	c0, rest := ascii.Lower(piece[0]), piece[1:]
	for i := 0; i+len(piece) <= len(s); i++ {
		if ascii.Lower(s[i]) == c0 && ascii.HasPrefixFold(s[i+1:], rest) {
			return i
		}
	}
	return -1
}

// hasPrefix reports whether s starts with prefix (which has no quest),
// ignoring ASCII case with fold.
func hasPrefix(s, prefix string, fold bool) bool {
	if !fold {
		return strings.HasPrefix(s, prefix)
	}
	return ascii.HasPrefixFold(s, prefix)
}

// matchAt matches the star-free piece at s[i:] and returns where it ends.
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
			c, d = ascii.Lower(c), ascii.Lower(d)
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
			c, d = ascii.Lower(c), ascii.Lower(d)
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
