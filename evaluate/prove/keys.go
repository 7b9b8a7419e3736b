package prove

import (
	"sort"

	"github.com/cksiam/cksiam/policy"
	"github.com/cksiam/cksiam/policy/catalog"
)

// maxKeyValues bounds the values of one key dimension (the sets of cells a
// multivalued key may carry grow combinatorially).
const maxKeyValues = 4096

// keyDim is one condition key a request may carry freely (not implied by
// the principal or the resource). Its values are: absent, then one value
// per cell of the entries' languages (single-valued keys), or sets of
// cells (multivalued keys).
type keyDim struct {
	name    string // as first written
	lower   string
	typ     catalog.KeyType
	entries []*centry
	dc      *dimCells
	vals    [][]string // vals[0] is nil: the key is absent
	index   int        // position among the key dimensions
	cache   map[*centry]map[string][2]bitset
}

// multi reports whether requests may carry several values of the key: the
// catalog says it is multivalued, or does not know it.
func (k *keyDim) multi() bool { return k.typ == "" || k.typ.MultiValued() }

// single reports whether requests may carry exactly one value.
func (k *keyDim) single() bool { return k.typ == "" || !k.typ.MultiValued() }

// unsupported reports the first entry whose operator family the key
// dimension cannot reason about yet, or "".
func (k *keyDim) unsupported() string {
	for _, e := range k.entries {
		switch e.op.Base.Family() {
		case policy.FamilyString, policy.FamilyARN, policy.FamilyBinary, policy.FamilyBool, policy.FamilyNull:
		default:
			return e.op.Base.String()
		}
	}
	return ""
}

// build explores the key's cells and lists its values. variants gives,
// for a template whose variables the request's shape fixes, the texts it
// becomes.
func (k *keyDim) build(bud *budget, variants func(t *tmpl, enc bool) []string) error {
	k.dc = newDimCells()
	elem := k.typ.Elem()
	boolOnly := elem == catalog.Bool
	k.dc.add("universe", func(b *builder) atom {
		if boolOnly {
			return fragAtom(b.alt(b.lit("true", foldNone), b.lit("false", foldNone)))
		}
		return fragAtom(b.star(anyRune))
	})
	k.dc.add("empty", func(b *builder) atom { return fragAtom(b.empty()) })
	for _, e := range k.entries {
		if e.bad != "" {
			continue
		}
		for i := range e.vals {
			v := &e.vals[i]
			pos := e.pos
			if v.tmpl != nil {
				like := pos == policy.StringLike || pos.Family() == policy.FamilyARN
				for _, text := range variants(v.tmpl, like) {
					text := text
					key := "v:" + pos.String() + ":" + text
					k.dc.add(key, func(b *builder) atom {
						if like && pos.Family() != policy.FamilyARN {
							return fragAtom(b.glob(text, globOpts{}))
						}
						if pos.Family() == policy.FamilyARN {
							return fragAtom(arnLikeEncFrag(b, text))
						}
						return fragAtom(valueFrag(b, pos, text, globOpts{}))
					})
				}
				continue
			}
			switch pos.Family() {
			case policy.FamilyBool:
				k.dc.add("bool", func(b *builder) atom { return fragAtom(b.lit("true", foldUnicode)) })
				k.dc.add("boolf", func(b *builder) atom { return fragAtom(b.lit("false", foldUnicode)) })
			case policy.FamilyNull:
			default:
				text := v.text
				k.dc.add(pos.String()+":"+text, func(b *builder) atom { return fragAtom(valueFrag(b, pos, text, globOpts{})) })
			}
		}
	}
	if err := k.dc.explore(bud, ""); err != nil {
		return err
	}
	k.vals = [][]string{nil}
	if k.single() {
		for _, c := range k.dc.cells {
			k.vals = append(k.vals, []string{c.witness})
		}
	}
	if k.multi() {
		n := len(k.dc.cells)
		m := len(k.entries)
		if m < 1 {
			m = 1
		}
		if m > n {
			m = n
		}
		// Every set of at most m cells: a set meeting every entry's needs
		// needs at most one value per entry (one inside a ForAnyValue
		// language, one outside a ForAllValues one).
		var rec func(start int, cur []int) bool
		rec = func(start int, cur []int) bool {
			if len(cur) > 0 && (len(cur) > 1 || !k.single()) {
				vs := make([]string, len(cur))
				for i, c := range cur {
					vs[i] = k.dc.cells[c].witness
				}
				k.vals = append(k.vals, vs)
				if len(k.vals) > maxKeyValues {
					return false
				}
			}
			if len(cur) == m {
				return true
			}
			for c := start; c < n; c++ {
				if !rec(c+1, append(cur, c)) {
					return false
				}
			}
			return true
		}
		if !rec(0, nil) {
			return &errBudget{what: "values of condition key " + k.name}
		}
	}
	if !bud.spend(len(k.vals)) {
		return &errBudget{what: "condition keys"}
	}
	return nil
}

// masksFor evaluates entry e on every value of the key, with the values
// env gives the control variables: where it is true, and where it is not
// false (an Allow needs the first, a Deny the second).
func (k *keyDim) masksFor(e *centry, env assignment) (isTrue, notFalse bitset) {
	if k.cache == nil {
		k.cache = map[*centry]map[string][2]bitset{}
	}
	if m, ok := k.cache[e][env.key]; ok {
		return m[0], m[1]
	}
	isTrue, notFalse = newBitset(len(k.vals)), newBitset(len(k.vals))
	for i, vs := range k.vals {
		vs := vs
		look := func(key string) ([]string, bool) {
			lk := lowerKey(key)
			if lk == k.lower {
				if vs != nil {
					return vs, true
				}
				return nil, false
			}
			return env.look(lk)
		}
		switch e.eval(look) {
		case triTrue:
			isTrue.set(i)
			notFalse.set(i)
		case triError:
			notFalse.set(i)
		}
	}
	if k.cache[e] == nil {
		k.cache[e] = map[string][2]bitset{}
	}
	k.cache[e][env.key] = [2]bitset{isTrue, notFalse}
	return isTrue, notFalse
}

// sortedKeys returns the key dimensions' names in order.
func sortedKeys(m map[string]*keyDim) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
