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
			m, ok := tab.get(spelling)
			if !ok || m.id != int32(i) {
				t.Errorf("get(%q) = %v, %v; want id %d", spelling, m, ok, i)
			}
		}
	}
	for _, miss := range []string{"", "kms:describe300keys", "svc300", "kms:describe001key", "kms_describe001keys", "kms:describe001keys\x00"} {
		if m, ok := tab.get(miss); ok {
			t.Errorf("get(%q) = %v, want no entry", miss, m)
		}
	}
	var empty nameTable
	if _, ok := empty.get("kms"); ok {
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
