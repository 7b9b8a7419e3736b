package account

import (
	"strconv"
	"testing"
)

// isIDBytewise is the plain definition Key must agree with.
func isIDBytewise(s string) bool {
	if len(s) != 12 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

func TestKeyAcceptsExactlyTwelveDigits(t *testing.T) {
	for _, c := range []struct {
		in   string
		want bool
	}{
		{"111122223333", true},
		{"000000000000", true},
		{"999999999999", true},
		{"11112222333", false},
		{"1111222233334", false},
		{"", false},
		{"11112222333a", false},
		{"a11122223333", false},
		{"1111222:3333", false}, // ':' is '9'+1
		{"1111/2223333", false}, // '/' is '0'-1
		{"11112222333\xb9", false},
		{"1111 2223333", false},
		{"\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00", false},
		{"????????????", false},
	} {
		if _, got := Key(c.in); got != c.want {
			t.Errorf("Key(%q) ok = %v, want %v", c.in, got, c.want)
		}
	}
	// Every single-byte change of a valid ID, at every position.
	for pos := 0; pos < 12; pos++ {
		for b := 0; b < 256; b++ {
			s := []byte("123456789012")
			s[pos] = byte(b)
			if _, got := Key(string(s)); got != isIDBytewise(string(s)) {
				t.Fatalf("Key(%q) ok = %v", s, got)
			}
		}
	}
}

func TestKeyIsInjective(t *testing.T) {
	seen := map[uint64]string{}
	add := func(s string) {
		k, ok := Key(s)
		if !ok || k == 0 {
			t.Fatalf("Key(%q) = %#x, %v", s, k, ok)
		}
		if prev, dup := seen[k]; dup && prev != s {
			t.Fatalf("Key(%q) == Key(%q) = %#x", s, prev, k)
		}
		seen[k] = s
	}
	// Every digit at every position over a base, and a spread of numbers.
	for pos := 0; pos < 12; pos++ {
		for d := byte('0'); d <= '9'; d++ {
			s := []byte("000000000000")
			s[pos] = d
			add(string(s))
			s = []byte("999999999999")
			s[pos] = d
			add(string(s))
		}
	}
	for n := int64(0); n < 1e12; n += 999_983_777 {
		s := strconv.FormatInt(n, 10)
		add("000000000000"[len(s):] + s)
	}
}

func FuzzKey(f *testing.F) {
	for _, s := range []string{"111122223333", "11112222333:", "", "abc", "12345678901/"} {
		f.Add(s, "111122223333")
	}
	f.Fuzz(func(t *testing.T, a, b string) {
		ka, oka := Key(a)
		kb, okb := Key(b)
		if oka != isIDBytewise(a) || okb != isIDBytewise(b) {
			t.Fatalf("Key(%q) ok = %v, Key(%q) ok = %v", a, oka, b, okb)
		}
		if oka && okb && (ka == kb) != (a == b) {
			t.Fatalf("Key(%q) = %#x, Key(%q) = %#x", a, ka, b, kb)
		}
		if oka != (ka != 0) {
			t.Fatalf("Key(%q) = %#x, %v", a, ka, oka)
		}
	})
}
