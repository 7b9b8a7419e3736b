package evaluate

import "github.com/cksiam/cksiam/internal/ascii"

// nameTable maps lower-cased names (memoised actions such as "kms:decrypt"
// and service prefixes such as "kms") to their numbers. It replaces Go maps
// on the Decide path because a request may spell its action in any case:
// the hash here folds ASCII case, so "KMS:Decrypt" and "kms:decrypt" find
// the same slot without lower-casing a copy, and it reads at most 16 bytes
// of the name, where a map hashes all of it and a miss on the exact
// spelling costs a second lookup.
type nameTable struct {
	slots []nameSlot // length a power of two, at most half full
}

type nameSlot struct {
	name string // lower-cased; "" marks an empty slot
	hash uint64
	val  memoAction
}

// newNameTable returns a table with room for n names.
func newNameTable(n int) nameTable {
	size := 8
	for size < 2*n {
		size *= 2
	}
	return nameTable{slots: make([]nameSlot, size)}
}

// add records a non-empty lower-cased name; a name already present keeps
// its first value.
func (t *nameTable) add(name string, v memoAction) {
	if sl, h := t.slot(name); sl.name == "" {
		*sl = nameSlot{name: name, hash: h, val: v}
	}
}

// slot returns the slot holding the non-empty lower-cased name, or the
// empty slot where it belongs, and the name's hash. Filling that slot
// (name, hash and value) adds the name; the table must keep an empty slot
// (newNameTable's room).
func (t *nameTable) slot(name string) (*nameSlot, uint64) {
	h := ascii.FoldHash(name)
	mask := uint64(len(t.slots) - 1)
	for i := h & mask; ; i = (i + 1) & mask {
		sl := &t.slots[i]
		if sl.name == "" || sl.hash == h && sl.name == name {
			return sl, h
		}
	}
}

// get looks name up ignoring ASCII case. It returns the value and the
// name as stored (lower-cased).
func (t *nameTable) get(name string) (memoAction, string, bool) {
	if len(t.slots) == 0 {
		return memoAction{}, "", false
	}
	h := ascii.FoldHash(name)
	mask := uint64(len(t.slots) - 1)
	for i := h & mask; ; i = (i + 1) & mask {
		sl := &t.slots[i]
		if sl.name == "" {
			return memoAction{}, "", false
		}
		if sl.hash == h && ascii.EqualFoldLower(name, sl.name) {
			return sl.val, sl.name, true
		}
	}
}
