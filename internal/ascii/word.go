package ascii

// Word reads s[i:i+8] as a little-endian word: the compiler makes this one
// load.
func Word(s string, i int) uint64 {
	s = s[i : i+8]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

// LowerWord lower-cases the ASCII letters among the eight bytes of x.
func LowerWord(x uint64) uint64 {
	const lo7, hi = 0x7f7f7f7f7f7f7f7f, 0x8080808080808080
	h := x & lo7                 // without high bits, the sums below never carry into the next byte
	ge := h + 0x3f3f3f3f3f3f3f3f // high bit set where h >= 'A' (0x80 - 0x41)
	gt := h + 0x2525252525252525 // high bit set where h > 'Z' (0x80 - 0x5B)
	upper := ge &^ gt &^ x & hi  // 'A'..'Z' (and x's own high bit clear)
	return x | upper>>2          // 0x80 >> 2 is the case bit 0x20
}

// ByteMask returns a word with the high bit of each byte set where the
// corresponding byte of x equals c, and every other bit clear.
func ByteMask(x uint64, c byte) uint64 {
	const lo, lo7 = 0x0101010101010101, 0x7f7f7f7f7f7f7f7f
	y := x ^ (uint64(c) * lo) // zero bytes where x holds c
	return ^(((y & lo7) + lo7) | y | lo7)
}
