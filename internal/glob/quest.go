package glob

import (
	"github.com/cksiam/cksiam/internal/ascii"
	"math/bits"
	"unicode/utf8"
)

// A piece holding a quest ('?', one character) is found by bit-parallel
// matching (Baeza-Yates and Gonnet's Shift-And, "A new approach to text
// searching", CACM 35(10), 1992): a machine word holds, for 64 characters
// of the piece, which prefixes of them end at the current character of
// the text. Each text character costs one shift, one OR and one AND per
// 64 characters of the piece, so a piece of m characters is found in
// O(len(text) × ⌈m/64⌉), and in one pass (O(len(text))) when it has at
// most 64 characters. findPiece, which tries every start, is the obvious
// twin; FuzzIndexQuest compares them.
//
// Characters are read as utf8.DecodeRuneInString reads them, an invalid
// byte being one character of its own, so a quest matches one character
// whatever its width.

// wordBits is the number of piece characters one machine word tracks.
const wordBits = 64

// invalidSymbol is added to an invalid byte to make it a character unlike
// any rune.
const invalidSymbol = utf8.MaxRune + 1

// symbolAt reads the character of s at byte i: an ASCII byte (lower-cased
// with fold), a rune, or an invalid byte; and its width.
func symbolAt(s string, i int, fold bool) (rune, int) {
	c := s[i]
	if c < utf8.RuneSelf {
		if fold {
			c = ascii.Lower(c)
		}
		return rune(c), 1
	}
	r, w := utf8.DecodeRuneInString(s[i:])
	if r == utf8.RuneError && w == 1 {
		return invalidSymbol + rune(c), 1
	}
	return r, w
}

// block is the Shift-And masks of up to 64 consecutive characters of a
// piece: bit k of a mask is set when the block's k-th character accepts
// the text character.
type block struct {
	ascii [utf8.RuneSelf]uint64
	// other holds the masks of the block's non-ASCII characters.
	other [wordBits]struct {
		sym  rune
		mask uint64
	}
	nOther int
	quest  uint64 // the quests' bits: they accept every character
	last   uint64 // the bit of the block's last character
}

// load fills the block from the characters of piece starting at byte i,
// at most 64 of them, and returns the byte after the last one read.
func (b *block) load(piece string, i int, fold bool, quest byte) int {
	// First the quests, which every mask holds.
	b.quest, b.nOther = 0, 0
	end, n := i, 0
	for ; end < len(piece) && n < wordBits; n++ {
		if piece[end] == quest {
			b.quest |= 1 << n
			end++
			continue
		}
		_, w := symbolAt(piece, end, fold)
		end += w
	}
	b.last = 1 << (n - 1)
	for c := range b.ascii {
		b.ascii[c] = b.quest
	}
	for k, j := 0, i; j < end; k++ {
		if piece[j] == quest {
			j++
			continue
		}
		sym, w := symbolAt(piece, j, fold)
		j += w
		if sym < utf8.RuneSelf {
			b.ascii[sym] |= 1 << k
			continue
		}
		o := 0
		for o < b.nOther && b.other[o].sym != sym {
			o++
		}
		if o == b.nOther {
			b.other[o].sym, b.other[o].mask = sym, b.quest
			b.nOther++
		}
		b.other[o].mask |= 1 << k
	}
	if fold {
		// The text's ASCII letters are looked up as they are written.
		for c := 'A'; c <= 'Z'; c++ {
			b.ascii[c] = b.ascii[c+'a'-'A']
		}
	}
	return end
}

// next reads the text character at byte i and returns the mask of the
// block's characters that accept it, and the character's width. It is
// small enough to be inlined; a non-ASCII character takes a call.
func (b *block) next(s string, i int, fold bool) (uint64, int) {
	if c := s[i]; c < utf8.RuneSelf {
		return b.ascii[c], 1
	}
	return b.nextNonASCII(s, i, fold)
}

func (b *block) nextNonASCII(s string, i int, fold bool) (uint64, int) {
	sym, w := symbolAt(s, i, fold)
	return b.mask(sym), w
}

// mask is the bits of the block's characters that accept sym.
func (b *block) mask(sym rune) uint64 {
	if sym < utf8.RuneSelf {
		return b.ascii[sym]
	}
	for o := 0; o < b.nOther; o++ {
		if b.other[o].sym == sym {
			return b.other[o].mask
		}
	}
	return b.quest
}

// indexQuest finds piece (which holds quests and no star) in limit at its
// leftmost place from byte pos on, starting only where a character
// starts, and returns where the match ends.
func indexQuest(piece, limit string, pos int, fold bool, quest byte) (int, bool) {
	var b block
	next := b.load(piece, 0, fold, quest)
	if next == len(piece) {
		// One block: one pass, stopping at the first match.
		var d uint64
		for i := pos; i < len(limit); {
			m, w := b.next(limit, i, fold)
			i += w
			if d = (d<<1 | 1) & m; d&b.last != 0 {
				return i, true
			}
		}
		return 0, false
	}
	// Several blocks: one pass per block. ends holds, for each character
	// of the text, whether the blocks read so far match ending there;
	// each block continues from where the one before it ended.
	var stack [wordBits]uint64
	ends := stack[:]
	if n := (len(limit)-pos)/wordBits + 1; n > len(ends) {
		ends = make([]uint64, n)
	}
	if !b.firstPass(limit, pos, fold, ends) {
		return 0, false
	}
	for next < len(piece) {
		next = b.load(piece, next, fold, quest)
		if !b.laterPass(limit, pos, fold, ends) {
			return 0, false
		}
	}
	// The leftmost end of the whole piece is the leftmost start.
	for i, e := pos, 0; i < len(limit); e++ {
		_, w := symbolAt(limit, i, fold)
		i += w
		if ends[e/wordBits]&(1<<(e%wordBits)) != 0 {
			return i, true
		}
	}
	return 0, false
}

// firstPass runs the piece's first block over the text from pos, starting
// anywhere, and records in ends where it matches. It reports whether it
// matched anywhere.
func (b *block) firstPass(limit string, pos int, fold bool, ends []uint64) bool {
	var d, any uint64
	for i, e := pos, 0; i < len(limit); e++ {
		m, w := b.next(limit, i, fold)
		i += w
		d = (d<<1 | 1) & m
		hit := d & b.last >> bits.TrailingZeros64(b.last)
		word, bit := e/wordBits, uint(e%wordBits)
		ends[word] = ends[word]&^(1<<bit) | hit<<bit
		any |= hit
	}
	return any != 0
}

// laterPass runs a later block over the text from pos, starting only just
// after the blocks before it ended (ends), and replaces ends with where it
// matches. It reports whether it matched anywhere.
func (b *block) laterPass(limit string, pos int, fold bool, ends []uint64) bool {
	var d, prev, any uint64
	for i, e := pos, 0; i < len(limit); e++ {
		m, w := b.next(limit, i, fold)
		i += w
		word, bit := e/wordBits, uint(e%wordBits)
		start := prev
		prev = ends[word] >> bit & 1
		d = (d<<1 | start) & m
		hit := d & b.last >> bits.TrailingZeros64(b.last)
		ends[word] = ends[word]&^(1<<bit) | hit<<bit
		any |= hit
	}
	return any != 0
}
