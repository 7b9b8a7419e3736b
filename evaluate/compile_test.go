package evaluate

import (
	"testing"
	"unsafe"
)

// allowsAll lets Decide skip a set's statements; it must hold only for sets
// that allow every request and deny none.
func TestAllowsAllOnlyForUnconditionalAllowEverything(t *testing.T) {
	for _, tc := range []struct {
		stmts string
		want  bool
	}{
		{`{"Effect":"Allow","Action":"*","Resource":"*"}`, true}, // FullAWSAccess
		{`{"Effect":"Allow","Action":["kms:*","*"],"Resource":["*","arn:aws:s3:::b"]}`, true},
		{`{"Effect":"Allow","Action":"*","Resource":"*"},{"Effect":"Deny","Action":"kms:Decrypt","Resource":"*"}`, false},
		{`{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"Bool":{"aws:SecureTransport":"true"}}}`, false},
		{`{"Effect":"Allow","Action":"*","Resource":"arn:aws:s3:::b"}`, false},
		{`{"Effect":"Allow","Action":"*","Resource":["arn:aws:s3:::b","*"]}`, false}, // not first: the slow path decides
		{`{"Effect":"Allow","Action":"*","NotResource":"*"}`, false},
		{`{"Effect":"Allow","NotAction":"*","Resource":"*"}`, false},
		{`{"Effect":"Allow","Action":"kms:*","Resource":"*"}`, false},
	} {
		ev, err := Compile(Policies{Identity: docs(t, `{"Version":"2012-10-17","Statement":[`+tc.stmts+`]}`)})
		if err != nil {
			t.Fatal(err)
		}
		if got := ev.identity.allowsAll; got != tc.want {
			t.Errorf("%s: allowsAll = %v, want %v", tc.stmts, got, tc.want)
		}
	}
}

// The compiled layout keeps what a decision reads in few cache lines (see
// the comments on Evaluator, docSet and stmt): an Evaluator of 128 bytes,
// sets of 64 and statements of 128 bytes are placed on line boundaries by
// the allocator, whose size classes for such sizes are multiples of 64.
// Growing one of them silently costs a memory access per decision on an
// evaluator that is not in cache.
func TestCompiledLayout(t *testing.T) {
	if unsafe.Sizeof(uintptr(0)) != 8 {
		t.Skip("the layout is sized for 64-bit platforms")
	}
	if n := unsafe.Sizeof(Evaluator{}); n != 128 {
		t.Errorf("Evaluator is %d bytes, want 128", n)
	}
	if n := unsafe.Sizeof(docSet{}); n != 64 {
		t.Errorf("docSet is %d bytes, want 64", n)
	}
	if n := unsafe.Sizeof(stmt{}); n != 128 {
		t.Errorf("stmt is %d bytes, want 128", n)
	}
	// The fields Decide reads lie in the first 64 bytes.
	for _, f := range []struct {
		name string
		end  uintptr
	}{
		{"Evaluator.names", unsafe.Offsetof(Evaluator{}.names) + unsafe.Sizeof(nameTable{})},
		{"docSet.stmts", unsafe.Offsetof(docSet{}.stmts) + unsafe.Sizeof([]stmt{})},
		{"stmt.conds", unsafe.Offsetof(stmt{}.conds) + unsafe.Sizeof([]condEntry{})},
	} {
		if f.end > 64 {
			t.Errorf("%s ends at byte %d, past the first cache line", f.name, f.end)
		}
	}
	ev, err := Compile(guidePolicies(t))
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range []struct {
		name string
		addr uintptr
	}{
		{"Evaluator", uintptr(unsafe.Pointer(ev))},
		{"sets (the first is the identity set)", uintptr(unsafe.Pointer(ev.identity))},
		{"statements", uintptr(unsafe.Pointer(&ev.resource.stmts[0]))},
	} {
		if p.addr%64 != 0 {
			t.Errorf("%s at %#x is not on a cache line", p.name, p.addr)
		}
	}
}
