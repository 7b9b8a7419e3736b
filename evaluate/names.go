package evaluate

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
	h := foldHash(name)
	mask := uint64(len(t.slots) - 1)
	for i := h & mask; ; i = (i + 1) & mask {
		sl := &t.slots[i]
		if sl.name == "" {
			*sl = nameSlot{name: name, hash: h, val: v}
			return
		}
		if sl.name == name {
			return
		}
	}
}

// get looks name up ignoring ASCII case. It returns the value and the
// name as stored (lower-cased).
func (t *nameTable) get(name string) (memoAction, string, bool) {
	if len(t.slots) == 0 {
		return memoAction{}, "", false
	}
	h := foldHash(name)
	mask := uint64(len(t.slots) - 1)
	for i := h & mask; ; i = (i + 1) & mask {
		sl := &t.slots[i]
		if sl.name == "" {
			return memoAction{}, "", false
		}
		if sl.hash == h && equalFoldASCII(name, sl.name) {
			return sl.val, sl.name, true
		}
	}
}

// foldHash hashes the length and the first and last eight bytes of s with
// every byte's 0x20 bit set, so that names equal but for ASCII case hash
// alike (other names may collide; get compares whole names).
func foldHash(s string) uint64 {
	const k = 0x9E3779B97F4A7C15 // 2^64 / golden ratio: spreads the bits
	const fold = 0x2020202020202020
	h := uint64(len(s))
	if len(s) >= 8 {
		h = (h ^ (le64(s, 0) | fold)) * k
		h = (h ^ (le64(s, len(s)-8) | fold)) * k
	} else {
		for i := 0; i < len(s); i++ {
			h = h<<8 | uint64(s[i]|0x20)
		}
		h *= k
	}
	return h ^ h>>32
}
