package prove

import (
	"errors"

	"github.com/cksiam/cksiam/evaluate"
)

// goal is what a counterexample must show.
type goal uint8

const (
	goalNewAccess goal = iota // allowed by sides[0] (new), not by sides[1] (old)
	goalAllowed               // allowed by sides[0]
)

// searcher looks for a counterexample over every shape of request.
type searcher struct {
	pb       *problem
	goal     goal
	ct       *control
	found    *evaluate.Request
	unsure   int
	disagree int
	related  int // counterexamples dropped for giving related keys unrelated values
	// disagreed is the first request the model took for a counterexample
	// and the evaluator did not.
	disagreed *evaluate.Request
	steps     int
	over      bool // budget exhausted
	// check reports whether a concrete request is one the question ranges
	// over (its actions, resources, accounts).
	inQuestion func(r *evaluate.Request, ct *control) bool
}

// sideInst is one side instantiated for a control.
type sideInst struct {
	g         *grantFn
	allows    [numInputs][]conj
	denies    []conj
	scpAllows [][]conj
}

// obl is one obligation of the search: one of any must hold, or none
// must not.
type obl struct {
	isAny bool
	any   []conj
	none  *conj
}

var errStop = errors.New("stop")

// run searches every control.
func (sr *searcher) run() {
	pb := sr.pb
	guard := false
	rcps := false
	for _, s := range pb.sides {
		if len(s.scps) > 0 || len(s.rcps) > 0 {
			guard = true
		}
		if len(s.rcps) > 0 {
			rcps = true
		}
	}
	_ = rcps
	groups := pb.attrGroups()
	for _, k := range pb.kinds {
		pas := []string{""}
		if k.hasAccount() {
			pas = pb.accounts
		}
		for _, pa := range pas {
			if pb.external != "" && (k == kService || k.hasAccount() && k != kIdPARN && pa == pb.external) {
				continue // a caller of the account itself, or an AWS service
			}
			points := pb.pointsFor(k, pa, guard)
			if len(points) == 0 {
				continue
			}
			for _, ra := range pb.resourceAccounts(pa) {
				if pb.external != "" && ra != pb.external {
					continue
				}
				for _, req := range pb.reqKinds() {
					for _, g := range groups {
						if !reqFits(req, g.attrs) {
							continue
						}
						if (k == kIdPHost || k == kIdPARN) && !g.attrs.trust {
							// A federated identity only ever asks to
							// assume a role.
							continue
						}
						ct := &control{pa: pa, ra: ra, points: points, env: envOf(k, pa, ra), reps: g.rep}
						ct.shape = shape{kind: k, same: k.hasAccount() && pa == ra, req: req, attrs: g.attrs}
						if !pb.restrict(ct, g) {
							continue
						}
						sr.ct = ct
						if err := sr.control(); err != nil {
							return
						}
					}
				}
			}
		}
	}
}

// attrGroup is the action classes that share the evaluator's attributes.
type attrGroup struct {
	attrs actAttrs
	rep   string
	mask  bitset
}

func (pb *problem) attrGroups() []attrGroup {
	var out []attrGroup
	ix := map[string]int{}
	for i, c := range pb.act.classes {
		k := c.attrs.key()
		j, ok := ix[k]
		if !ok {
			out = append(out, attrGroup{attrs: c.attrs, rep: c.rep, mask: newBitset(len(pb.act.classes))})
			j = len(out) - 1
			ix[k] = j
		}
		out[j].mask.set(i)
	}
	return out
}

// resourceAccounts lists the resource's account for a caller in pa: the
// caller's own first.
func (pb *problem) resourceAccounts(pa string) []string {
	if pa == "" {
		return pb.accounts
	}
	out := []string{pa}
	for _, a := range pb.accounts {
		if a != pa {
			out = append(out, a)
		}
	}
	return out
}

// reqKinds lists the request shapes of the question's frame.
func (pb *problem) reqKinds() []reqKind {
	switch pb.frame {
	case frameKey:
		return []reqKind{reqKey}
	case frameTrust:
		return []reqKind{reqTrust, reqTrustSLR}
	}
	return []reqKind{reqPlain, reqKey, reqTrust, reqTrustSLR, reqStar}
}

// reqFits reports whether actions of attrs can make requests of kind r.
func reqFits(r reqKind, a actAttrs) bool {
	switch r {
	case reqKey:
		return a.svc == "kms"
	case reqTrust, reqTrustSLR:
		return a.trust
	}
	return true
}

// restrict computes the control's action and resource masks; false when
// no request has this shape.
func (pb *problem) restrict(ct *control, g attrGroup) bool {
	ct.actMask = append(bitset(nil), g.mask...)
	if pb.qActPred >= 0 {
		for i := range pb.act.classes {
			if !pb.act.classes[i].preds.has(pb.qActPred) {
				ct.actMask[i>>6] &^= 1 << (i & 63)
			}
		}
	}
	if isZero(ct.actMask) {
		return false
	}
	d := pb.res
	rm := newBitset(len(d.cells))
	acct, hasAcct := d.acct[ct.ra]
	for i, c := range d.cells {
		star := c.has(d.aStar)
		key, role, slr := c.has(d.aKey), c.has(d.aRole), c.has(d.aSLR)
		inAcct := hasAcct && c.has(acct)
		ok := false
		switch ct.req {
		case reqStar:
			ok = star
		case reqKey:
			ok = key && inAcct
		case reqTrust:
			ok = role && !slr && inAcct
		case reqTrustSLR:
			ok = slr && inAcct
		case reqPlain:
			// The resource's account: the ARN's, else Request.ResourceAccount
			// (only when the ARN's account field is empty), else the
			// caller's.
			switch {
			case c.has(d.aAcct12):
				ok = inAcct
			case c.has(d.aAcctEmpty):
				ok = !star
			default:
				ok = !star && ct.kind.hasAccount() && ct.ra == ct.pa
			}
			if ct.attrs.svc == "kms" && key || ct.attrs.trust && role {
				ok = false
			}
		}
		if ok && pb.qRes != nil {
			in := false
			for _, a := range pb.qRes {
				if c.has(a) {
					in = true
				}
			}
			ok = in
		}
		if ok {
			rm.set(i)
		}
	}
	ct.resMask = rm
	return !isZero(rm)
}

// instSide instantiates one side for the current control.
func (sr *searcher) instSide(sd *side) sideInst {
	ct := sr.ct
	s := ct.shape
	s.identity, s.boundary, s.session, s.resource = sd.identity, sd.boundary, sd.session, sd.resource
	si := sideInst{g: grantOf(s, ct.reps)}
	for _, set := range sd.sets {
		switch set.typ {
		case evaluate.TypeSCP, evaluate.TypeRCP:
			continue
		}
		for _, st := range set.stmts {
			if st.deny {
				si.denies = append(si.denies, sr.pb.stmtConj(st, ct, 0, sd.boundary))
				continue
			}
			switch set.typ {
			case evaluate.TypeIdentity:
				si.allows[inIdentity] = append(si.allows[inIdentity], sr.pb.stmtConj(st, ct, 0, sd.boundary))
			case evaluate.TypeBoundary:
				si.allows[inBoundary] = append(si.allows[inBoundary], sr.pb.stmtConj(st, ct, 0, sd.boundary))
			case evaluate.TypeSession:
				si.allows[inSession] = append(si.allows[inSession], sr.pb.stmtConj(st, ct, 0, sd.boundary))
			case evaluate.TypeResource:
				for _, m := range matchesFor(ct.kind) {
					in := inputFor(m)
					si.allows[in] = append(si.allows[in], sr.pb.stmtConj(st, ct, m, sd.boundary))
				}
			}
		}
	}
	if si.g.scps {
		for _, set := range sd.scps {
			var allows []conj
			for _, st := range set.stmts {
				c := sr.pb.stmtConj(st, ct, 0, sd.boundary)
				if st.deny {
					si.denies = append(si.denies, c)
				} else {
					allows = append(allows, c)
				}
			}
			si.scpAllows = append(si.scpAllows, allows)
		}
	}
	if si.g.rcps {
		for _, set := range sd.rcps {
			for _, st := range set.stmts {
				if st.deny {
					si.denies = append(si.denies, sr.pb.stmtConj(st, ct, 0, sd.boundary))
				}
			}
		}
	}
	return si
}

// control searches one control.
func (sr *searcher) control() error {
	pb := sr.pb
	ct := sr.ct
	masks := make([]bitset, dKeys+len(pb.keyOrder)+pb.nOpaque)
	masks[dAct] = ct.actMask
	masks[dRes] = ct.resMask
	masks[dPrin] = full(len(ct.points))
	for i, k := range pb.keyOrder {
		masks[dKeys+i] = full(len(k.vals))
	}
	for i := 0; i < pb.nOpaque; i++ {
		masks[dKeys+len(pb.keyOrder)+i] = full(2)
	}
	n := sr.instSide(pb.sides[0])
	if n.g.broken {
		sr.disagree++
		return nil
	}
	if len(n.g.success) == 0 {
		return nil
	}
	var alts [][]obl
	if sr.goal == goalNewAccess {
		o := sr.instSide(pb.sides[1])
		if o.g.broken {
			sr.disagree++
			return nil
		}
		alts = failures(o)
	} else {
		alts = [][]obl{nil}
	}
	for _, mode := range n.g.success {
		var base []obl
		for in := 0; in < numInputs; in++ {
			if mode&(1<<in) != 0 {
				base = append(base, obl{isAny: true, any: n.allows[in]})
			}
		}
		for _, lvl := range n.scpAllows {
			base = append(base, obl{isAny: true, any: lvl})
		}
		var nones []obl
		for i := range n.denies {
			nones = append(nones, obl{none: &n.denies[i]})
		}
		for _, alt := range alts {
			obls := append(append(append([]obl(nil), base...), positives(alt)...), nones...)
			obls = append(obls, negatives(alt)...)
			if sr.solve(masks, obls) {
				return errStop
			}
			if sr.over {
				return errStop
			}
		}
	}
	return nil
}

func positives(os []obl) []obl {
	var out []obl
	for _, o := range os {
		if o.isAny {
			out = append(out, o)
		}
	}
	return out
}

func negatives(os []obl) []obl {
	var out []obl
	for _, o := range os {
		if !o.isAny {
			out = append(out, o)
		}
	}
	return out
}

// failures lists the ways the old side can fail to allow: one of its
// denies applies, one of its SCP levels allows nothing, or its grant
// inputs stay within a failure mode.
func failures(o sideInst) [][]obl {
	var out [][]obl
	if len(o.g.success) == 0 {
		return [][]obl{nil} // it never grants
	}
	if len(o.denies) > 0 {
		out = append(out, []obl{{isAny: true, any: o.denies}})
	}
	for _, lvl := range o.scpAllows {
		var alt []obl
		for i := range lvl {
			alt = append(alt, obl{none: &lvl[i]})
		}
		out = append(out, alt)
	}
	for _, f := range o.g.failure {
		var alt []obl
		for _, in := range o.g.inputs {
			if f&(1<<in) != 0 {
				continue
			}
			for i := range o.allows[in] {
				alt = append(alt, obl{none: &o.allows[in][i]})
			}
		}
		out = append(out, alt)
	}
	return out
}

func full(n int) bitset {
	b := newBitset(n)
	for i := 0; i < n; i++ {
		b.set(i)
	}
	return b
}

// solve discharges obligations in order, narrowing the dimensions, and
// reports whether it found a confirmed counterexample.
func (sr *searcher) solve(masks []bitset, obls []obl) bool {
	sr.steps++
	if !sr.pb.bud.spend(1) {
		sr.over = true
		return false
	}
	if len(obls) == 0 {
		return sr.leaf(masks)
	}
	o := obls[0]
	rest := obls[1:]
	if o.isAny {
		for i := range o.any {
			c := &o.any[i]
			if c.never {
				continue
			}
			m2, ok := narrow(masks, c.lits)
			if ok && sr.solve(m2, rest) {
				return true
			}
			if sr.over {
				return false
			}
		}
		return false
	}
	c := o.none
	if c.never || disjoint(masks, c.lits) {
		return sr.solve(masks, rest)
	}
	cur := masks
	for _, l := range c.lits {
		// This literal false, the ones before it true: the branches are
		// disjoint and together cover every way the statement fails.
		neg := andNot(cur[l.dim], l.mask)
		if !isZero(neg) {
			m2 := with(cur, l.dim, neg)
			if sr.solve(m2, rest) {
				return true
			}
			if sr.over {
				return false
			}
		}
		pos := andOf(cur[l.dim], l.mask)
		if isZero(pos) {
			return false
		}
		cur = with(cur, l.dim, pos)
	}
	return false
}

// narrow intersects the literals into the masks.
func narrow(masks []bitset, lits []lit) ([]bitset, bool) {
	out := masks
	copied := false
	for _, l := range lits {
		m := andOf(out[l.dim], l.mask)
		if isZero(m) {
			return nil, false
		}
		if !copied {
			out = append([]bitset(nil), masks...)
			copied = true
		}
		out[l.dim] = m
	}
	return out, true
}

func disjoint(masks []bitset, lits []lit) bool {
	for _, l := range lits {
		if !intersects(masks[l.dim], l.mask) {
			return true
		}
	}
	return false
}

func with(masks []bitset, d int, m bitset) []bitset {
	out := append([]bitset(nil), masks...)
	out[d] = m
	return out
}

func andOf(a, b bitset) bitset {
	out := make(bitset, len(a))
	for i := range a {
		out[i] = a[i] & b[i]
	}
	return out
}

func andNot(a, b bitset) bitset {
	out := make(bitset, len(a))
	for i := range a {
		out[i] = a[i] &^ b[i]
	}
	return out
}
