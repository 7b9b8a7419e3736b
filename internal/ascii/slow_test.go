package ascii

import "strings"

// The reference twins: each fast helper of the package, written the
// obvious way. The fuzz targets in ascii_test.go check that they agree.

func lowerSlow(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

func toLowerSlow(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		b.WriteByte(lowerSlow(s[i]))
	}
	return b.String()
}

func equalFoldSlow(a, b string) bool { return toLowerSlow(a) == toLowerSlow(b) }

func hasPrefixFoldSlow(s, prefix string) bool {
	return strings.HasPrefix(toLowerSlow(s), toLowerSlow(prefix))
}

func compareFoldSlow(a, b string) int { return strings.Compare(toLowerSlow(a), toLowerSlow(b)) }

func wordSlow(s string, i int) uint64 {
	var x uint64
	for j := 7; j >= 0; j-- {
		x = x<<8 | uint64(s[i+j])
	}
	return x
}

func lowerWordSlow(x uint64) uint64 {
	var out uint64
	for j := 0; j < 8; j++ {
		out |= uint64(lowerSlow(byte(x>>(8*j)))) << (8 * j)
	}
	return out
}

func byteMaskSlow(x uint64, c byte) uint64 {
	var out uint64
	for j := 0; j < 8; j++ {
		if byte(x>>(8*j)) == c {
			out |= 0x80 << (8 * j)
		}
	}
	return out
}
