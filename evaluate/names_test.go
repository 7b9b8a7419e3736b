package evaluate

import (
	"fmt"
	"strings"
	"testing"
)

func TestNameTableFindsEverySpellingOfEveryName(t *testing.T) {
	tab := newNameTable(600)
	var names []string
	for i := 0; i < 300; i++ {
		// Many names of one length sharing their first eight bytes.
		names = append(names, fmt.Sprintf("kms:describe%03dkeys", i), fmt.Sprintf("svc%d", i))
	}
	for i, n := range names {
		tab.add(n, memoAction{id: int32(i), svc: uint16(i)})
	}
	for i, n := range names {
		for _, spelling := range []string{n, strings.ToUpper(n), strings.ToUpper(n[:1]) + n[1:]} {
			m, stored, ok := tab.get(spelling)
			if !ok || m.id != int32(i) || stored != n {
				t.Errorf("get(%q) = %v, %q, %v; want id %d, %q", spelling, m, stored, ok, i, n)
			}
		}
	}
	for _, miss := range []string{"", "kms:describe300keys", "svc300", "kms:describe001key", "kms_describe001keys", "kms:describe001keys\x00"} {
		if m, _, ok := tab.get(miss); ok {
			t.Errorf("get(%q) = %v, want no entry", miss, m)
		}
	}
	var empty nameTable
	if _, _, ok := empty.get("kms"); ok {
		t.Error("the empty table has no entry")
	}
}

func TestFoldHashIgnoresOnlyASCIICase(t *testing.T) {
	for _, s := range []string{"", "a", "kms", "kms:Decrypt", "CLOUDHSM:DescribeClusters", "ec2:DescribeInstances"} {
		if foldHash(s) != foldHash(strings.ToLower(s)) || foldHash(s) != foldHash(strings.ToUpper(s)) {
			t.Errorf("foldHash(%q) depends on case", s)
		}
	}
}

// TestEqualFoldASCIIAgreesWithByteFolding checks the word-at-a-time
// comparison against folding byte by byte, for every byte value at every
// position of strings around the word size.
func TestEqualFoldASCIIAgreesWithByteFolding(t *testing.T) {
	fold := func(s string) string {
		b := []byte(s)
		for i, c := range b {
			if 'A' <= c && c <= 'Z' {
				b[i] = c + 'a' - 'A'
			}
		}
		return string(b)
	}
	for _, base := range []string{"kms:decrypt", "aws:principaltag/team", "abcdefgh", "abcdefg", "abcdefghijklmnop"} {
		for i := 0; i < len(base); i++ {
			for c := 0; c < 256; c++ {
				s := base[:i] + string([]byte{byte(c)}) + base[i+1:]
				want := fold(s) == base
				if got := equalFoldASCII(s, base); got != want {
					t.Fatalf("equalFoldASCII(%q, %q) = %v, want %v", s, base, got, want)
				}
			}
		}
	}
	if equalFoldASCII("kms:decrypt", "kms:decrypts") || !equalFoldASCII("", "") {
		t.Error("lengths must be compared")
	}
}
