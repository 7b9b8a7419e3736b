package prove

import (
	"sort"
	"strings"

	"github.com/cksiam/cksiam/evaluate"
	"github.com/cksiam/cksiam/internal/ascii"
	"github.com/cksiam/cksiam/policy"
	"github.com/cksiam/cksiam/policy/catalog"
)

// A condition entry whose value holds a policy variable the request's
// shape does not fix ("aws:ResourceTag/project": "${aws:PrincipalTag/
// project}") is an opaque dimension: the search only decides whether it
// holds, and the request realize builds from the other dimensions rarely
// makes it so. repair then gives the entry's key the value the variable
// makes of the entry — the variable's value as the request carries it (or
// a fresh one), substituted — and asks the evaluator again. A repaired
// request is a counterexample only if the evaluator says so, exactly like
// any other; repair never makes an answer Proved.

// opaqueEntries maps each opaque condition dimension to one of its
// entries (entries written alike share a dimension).
func (pb *problem) opaqueEntries() map[int]*centry {
	if pb.opaqueCE != nil {
		return pb.opaqueCE
	}
	pb.opaqueCE = map[int]*centry{}
	for _, sd := range pb.sides {
		for _, set := range sd.sets {
			for _, s := range set.stmts {
				for _, c := range s.conds {
					if k := c.opaqueKey(); k != "" {
						if d, ok := pb.opaque[k]; ok && pb.opaqueCE[d] == nil {
							pb.opaqueCE[d] = c.ce
						}
					}
				}
			}
		}
	}
	return pb.opaqueCE
}

// repair returns r with the keys of the opaque condition entries the state
// needs to hold set from their variables, or false when there is nothing
// to change. Keys the evaluator implies, and keys the action does not
// carry (by the catalog), are never set.
func (sr *searcher) repair(st state, r evaluate.Request) (evaluate.Request, bool) {
	pb := sr.pb
	entries := pb.opaqueEntries()
	if len(entries) == 0 {
		return r, false
	}
	pi := first(st.m[dPrin])
	if pi < 0 {
		return r, false
	}
	pt := &sr.ct.points[pi]
	svc, _, _ := strings.Cut(ascii.ToLower(r.Action), ":")
	// The keys the action may carry, as realize reads them: every key for
	// an action the catalog does not list (or without the catalog).
	ai, listed := pb.ix.byName[ascii.ToLower(r.Action)]
	carried := func(key string) bool {
		return !listed || pb.opts.noCat || pb.ix.carry(key).has(ai)
	}
	ctx := evaluate.Context{}
	for k, v := range r.Context {
		ctx[k] = v
	}
	look := func(key string) ([]string, bool) {
		lk := lowerKey(key)
		if impliedHere(lk, pt.p.kind) {
			if v, ok := impliedValue(lk, pt.p, &pt.c, svc, sr.ct.ra); ok {
				return []string{v}, true
			}
			return nil, false
		}
		v, ok := ctx.Lookup(key)
		return v, ok && len(v) > 0
	}
	dims := make([]int, 0, len(entries))
	for d := range entries {
		dims = append(dims, d)
	}
	sort.Ints(dims)
	changed := false
	for _, d := range dims {
		m, ce := st.m[d], entries[d]
		if m.has(0) == m.has(1) || ce.bad != "" || ce.op.Base == policy.Null {
			continue
		}
		// The entry must hold (a positive operator: the key matches) or
		// must not (a negated one: the key matches too). The other two
		// cases need a value the template does not give; the search's
		// choice stays.
		if m.has(1) == ce.op.Base.Negated() {
			continue
		}
		if impliedHere(ce.lower, pt.p.kind) || !carried(ce.key) || !stringTyped(pb.ix.keyType(ce.key)) {
			continue
		}
		var t *tmpl
		for i := range ce.vals {
			if ce.vals[i].tmpl != nil {
				t = ce.vals[i].tmpl
				break
			}
		}
		if t == nil || !sr.giveVariables(ctx, t, pt.p.kind, carried) {
			continue
		}
		like := ce.pos == policy.StringLike || ce.pos.Family() == policy.FamilyARN
		text, ok := instantiate(t, look, like)
		if !ok {
			continue
		}
		setKey(ctx, ce.key, text)
		changed = true
	}
	if !changed {
		return r, false
	}
	r.Context = ctx
	return r, true
}

// giveVariables gives every free variable of t without one value in ctx
// a fresh value; false when a variable's key cannot be carried.
func (sr *searcher) giveVariables(ctx evaluate.Context, t *tmpl, kind callerKind, carried func(string) bool) bool {
	for _, p := range t.parts {
		if p.key == "" || impliedHere(lowerKey(p.key), kind) {
			continue
		}
		if v, ok := ctx.Lookup(p.key); ok && len(v) == 1 {
			continue
		}
		if p.hasDef {
			continue // absent, the variable reads as its default
		}
		if !carried(p.key) || !stringTyped(sr.pb.ix.keyType(p.key)) {
			return false
		}
		setKey(ctx, p.key, "x")
	}
	return true
}

// likeLiteral reads a wildcard pattern's literal part as one string it
// matches.
var likeLiteral = strings.NewReplacer("*", "", "?", "x")

// instantiate is the text t makes with its variables substituted; for a
// wildcard operator, the literal parts' '*' match the empty string and
// their '?' the letter x.
func instantiate(t *tmpl, look lookupFn, like bool) (string, bool) {
	var b strings.Builder
	for i := range t.parts {
		p := &t.parts[i]
		switch {
		case p.key != "":
			v, ok := p.resolve(look)
			if !ok {
				return "", false
			}
			b.WriteString(v)
		case p.esc != 0:
			b.WriteByte(p.esc)
		case like:
			b.WriteString(likeLiteral.Replace(p.lit))
		default:
			b.WriteString(p.lit)
		}
	}
	return b.String(), true
}

// stringTyped reports whether a key of catalog type t may carry any
// string (String or ARN values, or a key the catalog does not type).
func stringTyped(t catalog.KeyType) bool {
	switch t.Elem() {
	case "", catalog.String, catalog.ARN:
		return true
	}
	return false
}

// setKey sets one value of a context key, replacing any spelling of it.
func setKey(ctx evaluate.Context, key, value string) {
	for k := range ctx {
		if ascii.EqualFold(k, key) {
			delete(ctx, k)
		}
	}
	ctx[key] = []string{value}
}

// giveUntested gives the variables of the opaque Resource elements the
// state needs to match a value when no condition tests their key (so no
// dimension of the search holds it): "arn:aws:kms:*:*:key/${aws:PrincipalTag/
// KmsKeyId}" then names key/x for a caller tagged KmsKeyId=x. Only global
// keys (any action may carry them) that the evaluator does not imply are
// given a value; ctx may be nil.
func (pb *problem) giveUntested(ctx evaluate.Context, st state, kind callerKind) evaluate.Context {
	for d, s := range pb.opaqueRes {
		if m := st.m[d]; m.has(1) == m.has(0) || m.has(1) == s.notRes {
			continue
		}
		for _, r := range s.res {
			if r.vars == nil {
				continue
			}
			for _, p := range r.vars.t.parts {
				lk := lowerKey(p.key)
				if p.key == "" || p.hasDef || pb.keys[lk] != nil || impliedHere(lk, kind) {
					continue
				}
				if ck, ok := pb.opts.catalog.ConditionKey(p.key); !pb.opts.noCat && !(ok && ck.Global) {
					continue
				}
				if !stringTyped(pb.ix.keyType(p.key)) {
					continue
				}
				if _, ok := ctx.Lookup(p.key); ok {
					continue
				}
				if ctx == nil {
					ctx = evaluate.Context{}
				}
				ctx[p.key] = []string{"x"}
			}
		}
	}
	return ctx
}
