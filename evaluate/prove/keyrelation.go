package prove

import (
	"sort"

	"github.com/cksiam/cksiam/evaluate"
	"github.com/cksiam/cksiam/internal/ascii"
)

// keySets are keys that list names, each with the prefix of the keys that
// give each name's value: a real request's encryption context gives
// kms:EncryptionContextKeys exactly the keys of its
// kms:EncryptionContext:<key> entries, and its request tags give
// aws:TagKeys exactly the keys of its aws:RequestTag/<key> entries. The
// prover's dimensions treat them as independent keys; a counterexample is
// made to agree before it is confirmed.
var keySets = []struct{ set, prefix string }{
	{"kms:EncryptionContextKeys", "kms:EncryptionContext:"},
	{"aws:TagKeys", "aws:RequestTag/"},
}

// agreeing returns r with every key set made to list exactly the names its
// value keys give, adding a value key that no policy tests for a listed
// name without one (where the action may carry it). ok is false when a
// listed name has no value and a policy tests its value key (no value can
// be chosen without the model).
// changed reports whether r had to change.
func (sr *searcher) agreeing(r evaluate.Request) (out evaluate.Request, changed, ok bool) {
	ctx := r.Context
	// carries: the request may give the key (the prover's universe).
	carries := func(key string) bool {
		tag := tagRequestKey(key) >= 0
		if sr.pb.opts.noCat || (sr.pb.ix.global(key) && !tag) {
			return true
		}
		a, listed := sr.pb.opts.catalog.Action(r.Action)
		if listed && tag {
			return carriesTagKey(a, key)
		}
		return !listed || a.SupportsConditionKey(key)
	}
	for _, ks := range keySets {
		lp := ascii.ToLower(ks.prefix)
		var names []string
		setKey := ""
		for k := range ctx {
			lk := ascii.ToLower(k)
			switch {
			case lk == ascii.ToLower(ks.set):
				setKey = k
			case len(lk) > len(lp) && lk[:len(lp)] == lp:
				names = append(names, k[len(lp):])
			}
		}
		var listed []string
		if setKey != "" {
			listed = ctx[setKey]
		}
		if len(names) == 0 && len(listed) == 0 {
			continue
		}
		has := func(l []string, s string) bool {
			for _, x := range l {
				if ascii.ToLower(x) == ascii.ToLower(s) {
					return true
				}
			}
			return false
		}
		want := append([]string(nil), listed...)
		for _, n := range names {
			if !has(want, n) {
				want = append(want, n)
			}
		}
		var missing []string
		for _, n := range want {
			if !has(names, n) {
				missing = append(missing, n)
			}
		}
		if len(want) == len(listed) && len(missing) == 0 {
			continue
		}
		if !changed {
			cp := evaluate.Context{}
			for k, v := range ctx {
				cp[k] = v
			}
			ctx, changed = cp, true
		}
		if len(want) != len(listed) && carries(ks.set) {
			if setKey == "" {
				setKey = ks.set
			}
			sort.Strings(want)
			ctx[setKey] = want
		}
		for _, n := range missing {
			if n == "" || !carries(ks.prefix+n) {
				continue // no value key can say it: left as the model gave it
			}
			if _, tested := sr.pb.keys[ascii.ToLower(ks.prefix+n)]; tested {
				return r, false, false
			}
			ctx[ks.prefix+n] = []string{"x"}
		}
	}
	r.Context = ctx
	return r, changed, true
}
