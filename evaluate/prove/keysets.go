package prove

// keySetsBySignature makes every multivalued key list its value sets by
// signature, not only those with too many sets to list one by one: the
// tests set it to check the two listings against each other.
var keySetsBySignature = false

// setsBySignature lists the value sets of a multivalued key by what the
// entries make of them, when listing every set of up to one value per
// entry would exceed maxKeyValues (an AWS managed policy tests aws:TagKeys
// with ForAllValues:StringLike in 30 statements, over 40 patterns).
//
// Every entry folds the results of its values alike — ForAllValues takes
// the least of false < cannot tell < true, ForAnyValue and the single-value
// forms the greatest, before any negation — so what the entries make of a
// set S ∪ {v} follows from what they make of S and of {v}. Two sets the
// entries treat alike (and that are alike in holding only empty strings,
// which the entries read apart) then stay alike when one value is added to
// both, and a breadth-first walk that extends one smallest set per
// signature by every single value reaches every signature a set of values
// can have. The walk is exact; it gives up (false) only when more than
// maxKeyValues signatures exist, or when an entry holds a policy variable
// (its result depends on other keys, so it is no function of the set).
//
// k.vals must hold the absent value and the single values already;
// singles are the cells' values.
func (k *keyDim) setsBySignature(singles []string) bool {
	for _, e := range k.entries {
		for i := range e.vals {
			if e.vals[i].tmpl != nil {
				return false
			}
		}
	}
	signature := func(set []string) string {
		look := func(key string) ([]string, bool) {
			if lowerKey(key) == k.lower {
				return set, true
			}
			return nil, false
		}
		sig := make([]byte, 0, len(k.entries)+1)
		for _, e := range k.entries {
			sig = append(sig, byte(e.eval(look)))
		}
		if allEmpty(set) {
			sig = append(sig, 1)
		}
		return string(sig)
	}
	seen := map[string]bool{}
	var frontier [][]int
	for c := range singles {
		if s := signature([]string{singles[c]}); !seen[s] {
			seen[s] = true
			frontier = append(frontier, []int{c})
			if !k.single() {
				k.vals = append(k.vals, []string{singles[c]})
			}
		}
	}
	for len(frontier) > 0 {
		var next [][]int
		for _, set := range frontier {
			for c := range singles {
				if containsInt(set, c) {
					continue
				}
				grown := append(append(make([]int, 0, len(set)+1), set...), c)
				vs := make([]string, len(grown))
				for i, g := range grown {
					vs[i] = singles[g]
				}
				s := signature(vs)
				if seen[s] {
					continue
				}
				seen[s] = true
				k.vals = append(k.vals, vs)
				if len(k.vals) > maxKeyValues {
					return false
				}
				next = append(next, grown)
			}
		}
		frontier = next
	}
	return true
}

func containsInt(s []int, x int) bool {
	for _, v := range s {
		if v == x {
			return true
		}
	}
	return false
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}
