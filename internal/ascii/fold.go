package ascii

import "strings"

// Lower lower-cases an ASCII letter and returns every other byte as it is.
// A table lookup costs a third of the compare-and-branch form in loops
// that lower every byte.
func Lower(c byte) byte { return lowerTable[c] }

var lowerTable = func() (t [256]byte) {
	for i := range t {
		t[i] = byte(i)
		if 'A' <= i && i <= 'Z' {
			t[i] = byte(i) + 'a' - 'A'
		}
	}
	return t
}()

// ToLower lower-cases the ASCII letters of s and leaves every other byte as
// it is. It returns s itself, without allocating, when s has no upper-case
// ASCII letter.
func ToLower(s string) string {
	i := 0
	for i < len(s) && !('A' <= s[i] && s[i] <= 'Z') {
		i++
	}
	if i == len(s) {
		return s
	}
	// One allocation: the builder's buffer becomes the string.
	var b strings.Builder
	b.Grow(len(s))
	b.WriteString(s[:i])
	for ; i < len(s); i++ {
		b.WriteByte(Lower(s[i]))
	}
	return b.String()
}

// AppendLower appends s to dst with its ASCII letters lower-cased.
func AppendLower(dst []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		dst = append(dst, Lower(s[i]))
	}
	return dst
}

// EqualFold reports whether a and b are equal ignoring ASCII case.
func EqualFold(a, b string) bool {
	return len(a) == len(b) && HasPrefixFold(a, b)
}

// HasPrefixFold reports whether s starts with prefix, ignoring ASCII case
// on both sides.
func HasPrefixFold(s, prefix string) bool {
	if len(s) < len(prefix) {
		return false
	}
	s = s[:len(prefix)] // lets the compiler drop the bounds checks below
	for i := 0; i < len(prefix); i++ {
		if Lower(s[i]) != Lower(prefix[i]) {
			return false
		}
	}
	return true
}

// EqualFoldLower reports whether s equals lower, which must hold no
// upper-case ASCII letter, ignoring ASCII case. It compares eight bytes at
// a time: the form for comparing a request's names with names lower-cased
// at Compile.
func EqualFoldLower(s, lower string) bool {
	n := len(s)
	if n != len(lower) {
		return false
	}
	if n < 8 {
		for i := 0; i < n; i++ {
			if Lower(s[i]) != lower[i] {
				return false
			}
		}
		return true
	}
	for i := 0; i+8 <= n; i += 8 {
		if LowerWord(Word(s, i)) != Word(lower, i) {
			return false
		}
	}
	// The last eight bytes, overlapping the words above when n is not a
	// multiple of eight.
	return LowerWord(Word(s, n-8)) == Word(lower, n-8)
}

// CompareFold compares a and b with their ASCII letters lower-cased, as
// strings.Compare would compare the lower-cased strings.
func CompareFold(a, b string) int {
	n := min(len(a), len(b))
	for i := 0; i < n; i++ {
		if c, d := Lower(a[i]), Lower(b[i]); c != d {
			if c < d {
				return -1
			}
			return 1
		}
	}
	switch {
	case len(a) < len(b):
		return -1
	case len(a) > len(b):
		return 1
	}
	return 0
}

// FoldHash hashes the length and the first and last eight bytes of s with
// every byte's 0x20 bit set, so that strings equal but for ASCII case hash
// alike. Other strings may collide: a table that uses it compares whole
// strings (EqualFoldLower) on a hash match.
func FoldHash(s string) uint64 {
	if len(s) >= 8 {
		return FoldHashWords(len(s), Word(s, 0), Word(s, len(s)-8))
	}
	const k = 0x9E3779B97F4A7C15
	h := uint64(len(s))
	for i := 0; i < len(s); i++ {
		h = h<<8 | uint64(s[i]|0x20)
	}
	h *= k
	return h ^ h>>32
}

// FoldHashWords is FoldHash of a string of n >= 8 bytes whose first and
// last eight bytes are first and last (Word(s, 0), Word(s, n-8)). It
// inlines, so that a hot loop hashing strings of eight bytes or more
// (context keys) makes no call: FoldHash(s) == FoldHashWords(len(s),
// Word(s, 0), Word(s, len(s)-8)) for every such s.
func FoldHashWords(n int, first, last uint64) uint64 {
	const k = 0x9E3779B97F4A7C15 // 2^64 / golden ratio: spreads the bits
	const fold = 0x2020202020202020
	h := (uint64(n) ^ (first | fold)) * k
	h = (h ^ (last | fold)) * k
	return h ^ h>>32
}
