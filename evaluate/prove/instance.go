package prove

import (
	"strings"

	"github.com/cksiam/cksiam/policy"
)

// Dimensions of the search, in order: the action, the resource, the
// principal (points of the current shape), then one per key dimension,
// then one per opaque predicate.
const (
	dAct = iota
	dRes
	dPrin
	dKeys
)

// lit says a dimension's value lies in a set: for the resource, that it
// is in atom c (c >= 0) or not in atom ^c (c < 0); for the others, that it
// is one of mask.
type lit struct {
	dim  int
	mask bitset
	c    int32
}

// conj is a conjunction of literals: a statement applying. never marks a
// statement that cannot apply under the current shape.
type conj struct {
	lits  []lit
	never bool
	stmt  *stmtM
}

// point is one value of the principal dimension for a shape: a cell of
// principal strings and, for role sessions, a cell of session names.
type point struct {
	cell, sess int
	p          principal
	c          parsed
}

// control is one shape of request together with the concrete accounts.
type control struct {
	shape
	pa, ra string
	// paID, raID and svcID are problem.id of pa, ra and the shape's
	// service, for the caches' keys.
	paID, raID, svcID int32
	points            []point
	env               assignment // values of the control variables
	src               resSource
	actMask           bitset
	resCons           []int32 // what the shape requires of the resource
	reps              string  // an action with the shape's attributes
}

// pointsFor lists the principal points of a kind in an account.
func (pb *problem) pointsFor(k callerKind, pa string, guard bool) []point {
	d := pb.prin
	var out []point
	for ci, c := range d.cells {
		if !c.has(d.shape[k]) {
			continue
		}
		if k.hasAccount() {
			if !c.has(d.acct[pa]) {
				continue
			}
		}
		switch k {
		case kRole:
			if guard && c.has(d.aSLR) {
				continue
			}
		case kSLRRole:
			if !c.has(d.aSLR) {
				continue
			}
		case kSession:
			if guard && c.has(d.aSLRN) {
				continue
			}
		case kSLRSession:
			if !c.has(d.aSLRN) {
				continue
			}
		case kIdPHost:
			if c.has(d.aSvc) {
				continue
			}
		}
		if k.isSession() {
			for si, sc := range pb.sess.cells {
				p := principal{kind: k, arn: c.witness, session: sc.witness}
				out = append(out, point{cell: ci, sess: si, p: p, c: parse(p)})
			}
			continue
		}
		p := principal{kind: k, arn: c.witness}
		out = append(out, point{cell: ci, sess: -1, p: p, c: parse(p)})
	}
	return out
}

// controlLookup returns the values the shape fixes.
func (ct *control) look(key string) ([]string, bool) {
	return ct.env.look(key)
}

// envOf returns the control variables' values for a shape.
func envOf(k callerKind, pa, ra string) assignment {
	if !k.hasAccount() {
		pa = ""
	}
	svc := "false"
	if k == kService {
		svc = "true"
	}
	typ := principalType(k)
	vals := map[string]string{
		"aws:principalaccount":      pa,
		"aws:resourceaccount":       ra,
		"aws:principaltype":         typ,
		"aws:principalisawsservice": svc,
	}
	// envKey(vals), written out: the names in sorted order.
	key := "aws:principalaccount=" + pa + ";aws:principalisawsservice=" + svc + ";aws:principaltype=" + typ + ";aws:resourceaccount=" + ra + ";"
	return assignment{vals: vals, key: key}
}

// stmtConj returns the conjunction under which statement s applies for
// the control: for an Allow its conditions must be true, for a Deny not
// false. For a resource-based Allow, how selects the principals the
// statement must name in that way (0: any way).
func (pb *problem) stmtConj(s *stmtM, ct *control, how match, hasBoundary bool) conj {
	// What the conjunction depends on: the caller's kind and account (its
	// points), the resource's account (the shape's variables), the
	// action's service (kms:CallerAccount), how the caller is named and
	// whether there is a boundary.
	k := conjKey{kind: ct.kind, pa: ct.paID, ra: ct.raID, how: how, boundary: hasBoundary}
	if s.needsSvc() {
		k.svc = ct.svcID
	}
	if cj, ok := s.conjs[k]; ok {
		return cj
	}
	cj := pb.makeConj(s, ct, how, hasBoundary)
	if s.conjs == nil {
		s.conjs = map[conjKey]conj{}
	}
	s.conjs[k] = cj
	return cj
}

// conjKey is what a statement's conjunction depends on. The accounts
// and the service are named by their problem.id, so that the key hashes
// as a few integers.
type conjKey struct {
	kind        callerKind
	pa, ra, svc int32
	how         match
	boundary    bool
}

func (pb *problem) makeConj(s *stmtM, ct *control, how match, hasBoundary bool) conj {
	cj := conj{stmt: s}
	cj.lits = append(cj.lits, lit{dim: dAct, mask: pb.actMaskOf(s)})
	// Resource.
	if !s.anyRes {
		if d, ok := pb.opaque[s.opaqueKey()]; ok {
			cj.lits = append(cj.lits, lit{dim: d, mask: bitOne()})
		} else {
			var atoms []int
			for _, r := range s.res {
				a := r.atom
				if r.vars != nil {
					a = r.vars.variants[ct.env.sub(r.vars.t.keys())]
				}
				if a >= 0 {
					atoms = append(atoms, a)
				}
			}
			switch {
			case len(atoms) == 0 && !s.notRes:
				// Every value names a variable without a value: nothing
				// matches.
				cj.never = true
				return cj
			case len(atoms) == 0:
				// NotResource of nothing: every resource.
			default:
				c := int32(pb.res.or(atoms))
				if s.notRes {
					c = ^c
				}
				cj.lits = append(cj.lits, lit{dim: dRes, c: c})
			}
		}
	}
	// Principal.
	if s.prin != nil {
		pm := newBitset(len(ct.points))
		for i := range ct.points {
			pt := &ct.points[i]
			m := s.prin.matchOf(&pt.c)
			var ok bool
			switch {
			case !s.prin.not:
				ok = m != 0 && (how == 0 || m&how != 0)
			case s.deny:
				exempt := exempts(m, &pt.c) && !(hasBoundary && pt.p.kind.hasIdentity() && pt.p.kind != kRoot)
				ok = !exempt
			default:
				ok = m == 0 && (how == 0 || how&mEveryone != 0)
			}
			if ok {
				pm.set(i)
			}
		}
		cj.lits = append(cj.lits, lit{dim: dPrin, mask: pm})
	}
	// Conditions.
	for _, c := range s.conds {
		l, ok := pb.condLit(c, s.deny, ct)
		if !ok {
			cj.never = true
			return cj
		}
		if l.mask != nil {
			cj.lits = append(cj.lits, l)
		}
	}
	return cj
}

// actMaskOf returns the action classes a statement's Action or NotAction
// holds.
func (pb *problem) actMaskOf(s *stmtM) bitset {
	if s.actMask == nil {
		s.actMask = newBitset(len(pb.act.classes))
		for i := range pb.act.classes {
			if pb.act.classes[i].preds.has(s.actPred) {
				s.actMask.set(i)
			}
		}
	}
	return s.actMask
}

// matchOf is how the element names caller c (the union over its values).
func (e *prinEl) matchOf(c *parsed) match {
	var m match
	if e.everyone {
		m |= mEveryone
	}
	for i := range e.entries {
		m |= e.entries[i].matchOne(c)
	}
	return m
}

// condLit is the literal of one condition entry; ok is false when the
// entry can never let the statement apply under the control, and a nil
// mask means it always does.
func (pb *problem) condLit(c *condRef, deny bool, ct *control) (lit, bool) {
	want := func(t tri) bool {
		if deny {
			return t != triFalse
		}
		return t == triTrue
	}
	if d, ok := pb.opaque[c.opaqueKey()]; ok {
		return lit{dim: d, mask: bitOne()}, true
	}
	if c.ce.lower == "aws:userid" && ct.kind == kFedUser {
		// A federated user's aws:userid is ACCOUNT:name; the principal's
		// cells do not tell names apart for it, so the entry is left
		// free here and the evaluator decides the request found.
		return lit{dim: pb.opaque["userid:"+c.opaqueText()], mask: bitOne()}, true
	}
	where := c.where
	if where == keyMixed {
		if impliedHere(c.ce.lower, ct.kind) {
			where = keyPrincipal
		} else {
			where = keyFree
		}
	}
	switch where {
	case keyFree:
		isTrue, notFalse := c.dim.masksFor(c.ce, ct.env)
		if deny {
			return lit{dim: dKeys + c.dim.index, mask: notFalse}, true
		}
		return lit{dim: dKeys + c.dim.index, mask: isTrue}, true
	case keyShape:
		look := func(key string) ([]string, bool) { return ct.look(lowerKey(key)) }
		if want(c.ce.eval(look)) {
			return lit{}, true
		}
		return lit{}, false
	case keyAction:
		m := newBitset(len(pb.act.classes))
		for i := range pb.act.classes {
			svc := pb.act.classes[i].attrs.svc
			look := func(key string) ([]string, bool) {
				lk := lowerKey(key)
				if lk == "kms:calleraccount" {
					if svc == "kms" && ct.pa != "" {
						return []string{ct.pa}, true
					}
					return nil, false
				}
				return ct.look(lk)
			}
			if want(c.ce.eval(look)) {
				m.set(i)
			}
		}
		return lit{dim: dAct, mask: m}, true
	}
	// keyPrincipal: evaluate on every point.
	m := newBitset(len(ct.points))
	for i := range ct.points {
		pt := &ct.points[i]
		look := func(key string) ([]string, bool) {
			lk := lowerKey(key)
			if isImpliedKey(lk) {
				if v, ok := impliedValue(lk, pt.p, &pt.c, ct.attrs.svc, ct.ra); ok {
					return []string{v}, true
				}
				return nil, false
			}
			return ct.look(lk)
		}
		if want(c.ce.eval(look)) {
			m.set(i)
		}
	}
	return lit{dim: dPrin, mask: m}, true
}

// sub names the control variables' values a template uses.
func (a assignment) sub(keys []string) string {
	vals := map[string]string{}
	for _, k := range keys {
		vals[k] = a.vals[k]
	}
	return envKey(vals)
}

func bitOne() bitset {
	b := newBitset(2)
	b.set(1)
	return b
}

// opaqueKey names a statement's resource predicate when it depends on a
// variable the request's shape does not fix.
func (s *stmtM) opaqueKey() string {
	for _, r := range s.res {
		if r.vars != nil && r.vars.opaque {
			var b strings.Builder
			if s.notRes {
				b.WriteString("!")
			}
			for _, r := range s.res {
				if r.vars != nil {
					b.WriteString(r.vars.prefix)
					for _, p := range r.vars.t.parts {
						b.WriteString(p.lit + "|" + string(p.esc) + "|" + p.key + "|" + p.def + ";")
					}
				} else {
					b.WriteString(itoa(r.atom))
				}
				b.WriteString(",")
			}
			return "res:" + b.String()
		}
	}
	return ""
}

// opaqueKey names a condition entry that depends on a variable the
// request's shape does not fix, or on a principal-implied key with
// variables.
func (c *condRef) opaqueKey() string {
	var vars []string
	for i := range c.ce.vals {
		if t := c.ce.vals[i].tmpl; t != nil {
			vars = append(vars, t.keys()...)
		}
	}
	if len(vars) == 0 {
		return ""
	}
	// Entries on keys the shape fixes (aws:ResourceAccount…) and on free
	// keys are evaluated with the shape's variables substituted; entries
	// on keys the principal implies have no cells for substituted values.
	opaque := c.where == keyPrincipal || c.where == keyMixed
	for _, v := range vars {
		if !controlVar(v) {
			opaque = true
		}
	}
	if !opaque {
		return ""
	}
	var b strings.Builder
	b.WriteString("cond:" + c.ce.opText + ":" + c.ce.lower)
	for _, v := range c.ce.vals {
		b.WriteString("|" + v.text)
	}
	return b.String()
}

// opaqueText names a condition entry by its content.
func (c *condRef) opaqueText() string {
	var b strings.Builder
	b.WriteString(c.ce.opText + ":" + c.ce.lower)
	for _, v := range c.ce.vals {
		b.WriteString("|" + v.text)
	}
	return b.String()
}

// registerOpaque gives every opaque predicate a dimension of two values.
func (pb *problem) registerOpaque() {
	for _, sd := range pb.sides {
		for _, set := range sd.sets {
			for _, s := range set.stmts {
				if k := s.opaqueKey(); k != "" {
					if _, ok := pb.opaque[k]; !ok {
						d := dKeys + len(pb.keyOrder) + pb.nOpaque
						pb.opaque[k] = d
						pb.opaqueRes[d] = s
						pb.nOpaque++
					}
				}
				for _, c := range s.conds {
					if c.ce.lower == "aws:userid" {
						if k := "userid:" + c.opaqueText(); pb.opaque[k] == 0 {
							pb.opaque[k] = dKeys + len(pb.keyOrder) + pb.nOpaque
							pb.nOpaque++
						}
					}
					if k := c.opaqueKey(); k != "" {
						if _, ok := pb.opaque[k]; !ok {
							pb.opaque[k] = dKeys + len(pb.keyOrder) + pb.nOpaque
							pb.nOpaque++
						}
					}
				}
			}
		}
	}
}

var _ = policy.Allow
