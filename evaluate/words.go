package evaluate

// Eight bytes at a time: the helpers the request fast path uses to read
// and compare short ASCII strings a word at a time.

// le64 reads s[i:i+8] as a little-endian word (the compiler makes this one
// load).
func le64(s string, i int) uint64 {
	s = s[i : i+8]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

// lowerWord lower-cases the ASCII letters among the eight bytes of x.
func lowerWord(x uint64) uint64 {
	const lo7, hi = 0x7f7f7f7f7f7f7f7f, 0x8080808080808080
	h := x & lo7                 // without high bits, the sums below never carry into the next byte
	ge := h + 0x3f3f3f3f3f3f3f3f // high bit set where h >= 'A' (0x80 - 0x41)
	gt := h + 0x2525252525252525 // high bit set where h > 'Z' (0x80 - 0x5B)
	upper := ge &^ gt &^ x & hi  // 'A'..'Z' (and x's own high bit clear)
	return x | upper>>2          // 0x80 >> 2 is the case bit 0x20
}
