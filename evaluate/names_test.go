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
