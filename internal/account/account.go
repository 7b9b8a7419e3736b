package account

// Key reports whether s is a 12-digit account ID and, if so, returns it
// packed into a non-zero integer: two IDs are equal exactly when their keys
// are. 0 stands for "no account".
//
// The 12 bytes are tested as one 8-byte and one 4-byte word: a byte is an
// ASCII digit exactly when its high nibble is 3 and adding 6 keeps it so.
func Key(s string) (uint64, bool) {
	if len(s) != 12 {
		return 0, false
	}
	const hi4, digits, six, lo4 = 0xf0f0f0f0f0f0f0f0, 0x3030303030303030, 0x0606060606060606, 0x0f0f0f0f0f0f0f0f
	x := uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
	// The last four digits, with '0's above so that the word test applies.
	y := uint64(s[8]) | uint64(s[9])<<8 | uint64(s[10])<<16 | uint64(s[11])<<24 | digits&0xffffffff00000000
	// After the first test every byte is at most 0x3f, so adding 6 carries
	// into no other byte.
	if x&hi4 != digits || (x+six)&hi4 != digits || y&hi4 != digits || (y+six)&hi4 != digits {
		return 0, false
	}
	// Each digit's value is its low nibble: the first eight fill the low
	// nibbles of the key's bytes, the last four the high nibbles of its
	// low four bytes, and the top bit marks the key non-zero.
	return x&lo4 | (y&lo4&0xffffffff)<<4 | 1<<63, true
}
