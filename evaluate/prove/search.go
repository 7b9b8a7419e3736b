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
	sides    map[sideKey]sideInst
	plans    map[plansKey][]oblSeq
	fails    map[failKey][]fails
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
	// nones holds, per grant input, one obligation per Allow statement
	// that it must not apply.
	nones [numInputs][]obl
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
	var ctBuf control
	svcIDs := make([]int32, len(groups))
	for i, g := range groups {
		svcIDs[i] = pb.id(g.attrs.svc)
	}
	for _, k := range pb.kinds {
		pas := []string{""}
		if k.hasAccount() {
			pas = pb.callerAccounts()
		}
		for _, pa := range pas {
			paID := pb.id(pa)
			if pb.external != "" && k.hasAccount() && k != kIdPARN && pa == pb.external {
				continue // a caller of the account itself
			}
			points := pb.pointsFor(k, pa, guard)
			if pb.fedOnly(k) >= 0 {
				points = pb.federatedHosts(points)
			}
			if len(points) == 0 {
				continue
			}
			for _, ra := range pb.resourceAccounts(pa) {
				if pb.external != "" && ra != pb.external {
					continue
				}
				raID := pb.id(ra)
				env := envOf(k, pa, ra)
				for _, rs := range pb.reqShapes() {
					req := rs.req
					for gi, g := range groups {
						if !reqFits(req, g.attrs) {
							continue
						}
						if (k == kIdPHost || k == kIdPARN) && !g.attrs.trust {
							// A federated identity only ever asks to
							// assume a role.
							continue
						}
						// One control at a time: the search keeps none
						// of them past its turn, so one is reused.
						ct := &ctBuf
						*ct = control{pa: pa, ra: ra, paID: paID, raID: raID, svcID: svcIDs[gi], points: points, env: env, reps: g.rep, src: rs.src}
						ct.shape = shape{kind: k, same: k.hasAccount() && pa == ra, req: req, attrs: g.attrs}
						ct.actMask = g.mask
						sr.ct = ct
						if !sr.mayAllow(pb.sides[0]) || !pb.restrict(ct, g) {
							continue
						}
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

// The accounts the inputs do not name are interchangeable (every pattern
// treats them alike, or the question is not answered Proved: see
// accounts.go), so one stands for the caller's when it is unnamed, and
// one other for the resource's when it is unnamed and not the caller's.

// callerAccounts lists the caller's account: the named ones, then one
// unnamed.
func (pb *problem) callerAccounts() []string {
	out := append([]string(nil), pb.accounts[:len(pb.accounts)-len(pb.fresh)]...)
	if len(pb.fresh) > 0 {
		out = append(out, pb.fresh[0])
	}
	return out
}

// resourceAccounts lists the resource's account for a caller in pa: the
// caller's own first, the named ones, then one unnamed other than pa.
func (pb *problem) resourceAccounts(pa string) []string {
	var out []string
	if pa != "" {
		out = append(out, pa)
	}
	for _, a := range pb.accounts[:len(pb.accounts)-len(pb.fresh)] {
		if a != pa {
			out = append(out, a)
		}
	}
	for _, a := range pb.fresh {
		if a != pa {
			out = append(out, a)
			break
		}
	}
	return out
}

// resSource is where a plain request's resource account comes from.
type resSource uint8

const (
	srcARN    resSource = iota // the ARN's 12-digit account
	srcEmpty                   // Request.ResourceAccount: the ARN's account field is empty
	srcCaller                  // the caller's: the ARN's account field is neither ("aws")
)

type reqShape struct {
	req reqKind
	src resSource
}

// reqShapes lists the request shapes of the question's frame.
func (pb *problem) reqShapes() []reqShape {
	switch pb.frame {
	case frameKey:
		return []reqShape{{req: reqKey}}
	case frameTrust:
		return []reqShape{{req: reqTrust}, {req: reqTrustSLR}}
	}
	// A kms action on a key first: a counterexample on a key is the one a
	// reader expects of a kms action (one the catalog does not list may
	// also name any ARN).
	return []reqShape{{req: reqKey}, {req: reqPlain, src: srcARN}, {req: reqPlain, src: srcEmpty}, {req: reqPlain, src: srcCaller},
		{req: reqTrust}, {req: reqTrustSLR}, {req: reqStar}}
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
// fedOnly is the action predicate a caller of kind k must meet to be in
// the question: an AWS service is an outsider only as a web identity
// provider (federationActions), in a question about external access.
func (pb *problem) fedOnly(k callerKind) int {
	if pb.external != "" && k == kService {
		return pb.fedActPred
	}
	return -1
}

// federatedHosts keeps the service principals that a Principal element of
// the question names as Federated: the AWS hosts that are web identity
// providers. Other AWS services are not outsiders.
func (pb *problem) federatedHosts(points []point) []point {
	var out []point
	for _, p := range points {
		if pb.fedHosts[p.p.raw()] {
			out = append(out, p)
		}
	}
	return out
}

func (pb *problem) restrict(ct *control, g attrGroup) bool {
	ct.actMask = append(bitset(nil), g.mask...)
	for _, q := range []int{pb.qActPred, pb.fedOnly(ct.kind)} {
		if q < 0 {
			continue
		}
		for i := range pb.act.classes {
			if !pb.act.classes[i].preds.has(q) {
				ct.actMask[i>>6] &^= 1 << (i & 63)
			}
		}
	}
	if isZero(ct.actMask) {
		return false
	}
	d := pb.res
	var cons []int32
	need := func(a int, in bool) {
		c := int32(a)
		if !in {
			c = ^c
		}
		cons, _ = withCons(cons, c)
	}
	acct, hasAcct := d.acct[ct.ra]
	switch ct.req {
	case reqStar:
		need(d.aStar, true)
	case reqKey:
		need(d.aKey, true)
	case reqTrust:
		need(d.aRole, true)
		need(d.aSLR, false)
	case reqTrustSLR:
		need(d.aSLR, true)
	}
	switch ct.req {
	case reqKey, reqTrust, reqTrustSLR:
		if !hasAcct {
			return false
		}
		need(acct, true)
	case reqPlain:
		// The resource's account: the ARN's, else Request.ResourceAccount
		// (only when the ARN's account field is empty), else the caller's.
		switch ct.src {
		case srcARN:
			if !hasAcct {
				return false
			}
			need(acct, true)
		case srcEmpty:
			need(d.aAcctEmpty, true)
		case srcCaller:
			if !ct.kind.hasAccount() || ct.ra != ct.pa {
				return false
			}
			need(d.aStar, false)
			need(d.aAcct12, false)
			need(d.aAcctEmpty, false)
		}
		if ct.attrs.svc == "kms" {
			need(d.aKey, false)
		}
		if ct.attrs.trust {
			need(d.aRole, false)
		}
	}
	for _, a := range pb.qRes {
		need(a, true)
	}
	_, ok, err := d.sat(cons, pb.bud)
	if err != nil || !ok {
		return false
	}
	ct.resCons = cons
	return true
}

// instSide instantiates one side for the current control, and returns
// the key of its cached statements.
func (sr *searcher) instSide(sd *side) (sideInst, sideKey) {
	ct := sr.ct
	s := ct.shape
	s.identity, s.boundary, s.session, s.resource = sd.identity, sd.boundary, sd.session, sd.resource
	g := grantOf(s, ct.reps)
	// The statements' conjunctions depend on less than the shape: reuse
	// them across shapes that differ only in the request's kind.
	k := sideKey{side: sd, conj: conjKey{kind: ct.kind, pa: ct.paID, ra: ct.raID, boundary: sd.boundary}, scps: g.scps, rcps: g.rcps}
	if sd.needsSvc() {
		k.conj.svc = ct.svcID
	}
	if si, ok := sr.sides[k]; ok {
		si.g = g
		return si, k
	}
	si := sr.makeSide(sd, g)
	if sr.sides == nil {
		sr.sides = map[sideKey]sideInst{}
	}
	sr.sides[k] = si
	return si, k
}

// sideKey is what a side's instantiation depends on.
type sideKey struct {
	side       *side
	conj       conjKey
	scps, rcps bool
}

func (sr *searcher) makeSide(sd *side, g *grantFn) sideInst {
	ct := sr.ct
	si := sideInst{g: g}
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
	for in := range si.allows {
		if len(si.allows[in]) > 0 {
			si.nones[in] = make([]obl, len(si.allows[in]))
			for i := range si.allows[in] {
				si.nones[in][i] = obl{none: &si.allows[in][i]}
			}
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
	masks[dPrin] = full(len(ct.points))
	for i, k := range pb.keyOrder {
		masks[dKeys+i] = full(len(k.vals))
	}
	for i := 0; i < pb.nOpaque; i++ {
		masks[dKeys+len(pb.keyOrder)+i] = full(2)
	}
	n, nk := sr.instSide(pb.sides[0])
	if n.g.broken {
		sr.disagree++
		return nil
	}
	if len(n.g.success) == 0 {
		return nil
	}
	pk := plansKey{n: nk, ng: n.g}
	var o sideInst
	if sr.goal == goalNewAccess {
		o, pk.o = sr.instSide(pb.sides[1])
		if o.g.broken {
			sr.disagree++
			return nil
		}
		pk.og = o.g
	}
	ps, ok := sr.plans[pk]
	if !ok {
		ps = sr.plan(n, o, pk)
		if sr.plans == nil {
			sr.plans = map[plansKey][]oblSeq{}
		}
		sr.plans[pk] = ps
	}
	for i := range ps {
		if sr.solve(state{m: masks, rc: ct.resCons}, &ps[i], 0, 0) {
			return errStop
		}
		if sr.over {
			return errStop
		}
	}
	return nil
}

// plansKey is what a control's obligation lists depend on: both sides'
// instantiations and grant functions.
type plansKey struct {
	n, o   sideKey
	ng, og *grantFn
}

// oblSeq is one list of obligations, in the order the search discharges
// them, kept as the segments it is made of so that lists sharing segments
// share their memory.
type oblSeq struct {
	segs [][]obl
}

// failKey is what the old side's ways of failing depend on.
type failKey struct {
	o  sideKey
	og *grantFn
}

// fails is one way the old side fails to allow, split into the
// obligations that must hold and the statements that must not apply (as
// segments of the side's nones).
type fails struct {
	pos []obl
	neg [][]obl
}

// plan lists, in the order the search tries them, the obligation lists of
// a control: for each way the new side n grants and each way the old side
// o fails to (one way, with no obligation, when the goal is only to be
// allowed), the new side's grant inputs and SCP levels, the old side's
// failure as far as it must hold, the new side's denies, then the old
// side's statements that must not apply. The search does not change the
// lists, so controls with the same sides share them.
func (sr *searcher) plan(n, o sideInst, pk plansKey) []oblSeq {
	alts := []fails{{}}
	if sr.goal == goalNewAccess {
		fk := failKey{o: pk.o, og: pk.og}
		var ok bool
		if alts, ok = sr.fails[fk]; !ok {
			alts = failures(o)
			if sr.fails == nil {
				sr.fails = map[failKey][]fails{}
			}
			sr.fails[fk] = alts
		}
	}
	nones := make([]obl, len(n.denies))
	for i := range n.denies {
		nones[i] = obl{none: &n.denies[i]}
	}
	out := make([]oblSeq, 0, len(n.g.success)*len(alts))
	// The lists' segments lie in one array, each list's bounded by its cap.
	per := 0
	for _, f := range alts {
		per += 3 + len(f.neg)
	}
	segs := make([][]obl, 0, per*len(n.g.success))
	bases := make([]obl, 0, (numInputs+len(n.scpAllows))*len(n.g.success))
	for _, mode := range n.g.success {
		base := bases[len(bases):len(bases):cap(bases)]
		for in := 0; in < numInputs; in++ {
			if mode&(1<<in) != 0 {
				base = append(base, obl{isAny: true, any: n.allows[in]})
			}
		}
		for _, lvl := range n.scpAllows {
			base = append(base, obl{isAny: true, any: lvl})
		}
		base = base[:len(base):len(base)]
		bases = bases[:len(bases)+len(base)]
		for _, f := range alts {
			start := len(segs)
			segs = append(append(segs, base, f.pos, nones), f.neg...)
			out = append(out, oblSeq{segs: segs[start:len(segs):len(segs)]})
		}
	}
	return out
}

// mayAllow is a quick test before the search: the side can allow a
// request of the control only if its grant needs no statement (the root
// user's own access) or some Allow statement names one of the control's
// actions.
func (sr *searcher) mayAllow(sd *side) bool {
	ct := sr.ct
	s := ct.shape
	s.identity, s.boundary, s.session, s.resource = sd.identity, sd.boundary, sd.session, sd.resource
	g := grantOf(s, ct.reps)
	for _, m := range g.success {
		if m == 0 {
			return true
		}
	}
	for _, set := range sd.sets {
		switch set.typ {
		case evaluate.TypeSCP, evaluate.TypeRCP:
			continue
		}
		for _, st := range set.stmts {
			if !st.deny && intersects(sr.pb.actMaskOf(st), ct.actMask) {
				return true
			}
		}
	}
	return false
}

// failures lists the ways the old side can fail to allow: one of its
// denies applies, one of its SCP levels allows nothing, or its grant
// inputs stay within a failure mode.
func failures(o sideInst) []fails {
	var out []fails
	if len(o.g.success) == 0 {
		return []fails{{}} // it never grants
	}
	if len(o.denies) > 0 {
		out = append(out, fails{pos: []obl{{isAny: true, any: o.denies}}})
	}
	for _, lvl := range o.scpAllows {
		alt := make([]obl, len(lvl))
		for i := range lvl {
			alt[i] = obl{none: &lvl[i]}
		}
		out = append(out, fails{neg: [][]obl{alt}})
	}
	for _, f := range o.g.failure {
		var alt [][]obl
		for _, in := range o.g.inputs {
			if f&(1<<in) != 0 || len(o.nones[in]) == 0 {
				continue
			}
			alt = append(alt, o.nones[in])
		}
		out = append(out, fails{neg: alt})
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

// state is where a search stands: the values each finite dimension may
// still take, and the constraints on the resource.
type state struct {
	m  []bitset
	rc []int32
}

// solve discharges obligations in order, narrowing the dimensions, and
// reports whether it found a confirmed counterexample.
func (sr *searcher) solve(st state, q *oblSeq, seg, at int) bool {
	sr.steps++
	if !sr.pb.bud.spend(1) {
		sr.over = true
		return false
	}
	for seg < len(q.segs) && at >= len(q.segs[seg]) {
		seg, at = seg+1, 0
	}
	if seg == len(q.segs) {
		return sr.leaf(st)
	}
	o := q.segs[seg][at]
	at++
	if o.isAny {
		for i := range o.any {
			c := &o.any[i]
			if c.never {
				continue
			}
			st2, ok := sr.narrow(st, c.lits)
			if ok && sr.solve(st2, q, seg, at) {
				return true
			}
			if sr.over {
				return false
			}
		}
		return false
	}
	c := o.none
	if c.never || sr.disjoint(st, c.lits) {
		return sr.solve(st, q, seg, at)
	}
	cur := st
	for _, l := range c.lits {
		// This literal false, the ones before it true: the branches are
		// disjoint and together cover every way the statement fails.
		if neg, ok := sr.restrictLit(cur, l, false); ok {
			if sr.solve(neg, q, seg, at) {
				return true
			}
			if sr.over {
				return false
			}
		}
		pos, ok := sr.restrictLit(cur, l, true)
		if !ok {
			return false
		}
		cur = pos
	}
	return false
}

// restrictLit narrows the state to the literal holding (or not); false
// when nothing is left.
func (sr *searcher) restrictLit(st state, l lit, holds bool) (state, bool) {
	if l.dim == dRes {
		c := l.c
		if !holds {
			c = ^c
		}
		rc, ok := withCons(st.rc, c)
		if !ok {
			return state{}, false
		}
		if len(rc) != len(st.rc) {
			_, ok, err := sr.pb.res.sat(rc, sr.pb.bud)
			if err != nil {
				sr.over = true
				return state{}, false
			}
			if !ok {
				return state{}, false
			}
		}
		return state{m: st.m, rc: rc}, true
	}
	cur := st.m[l.dim]
	// Only a literal that narrows the dimension costs a new state.
	var changed, left bool
	for i, w := range cur {
		k := l.mask[i]
		if holds {
			k = ^k
		}
		changed = changed || w&k != 0
		left = left || w&^k != 0
	}
	if !left {
		return state{}, false
	}
	if !changed {
		return st, true
	}
	var m bitset
	if holds {
		m = andOf(cur, l.mask)
	} else {
		m = andNot(cur, l.mask)
	}
	return state{m: with(st.m, l.dim, m), rc: st.rc}, true
}

// narrow makes every literal hold.
func (sr *searcher) narrow(st state, lits []lit) (state, bool) {
	for _, l := range lits {
		var ok bool
		if st, ok = sr.restrictLit(st, l, true); !ok {
			return state{}, false
		}
	}
	return st, true
}

// disjoint reports whether the conjunction cannot hold any more.
func (sr *searcher) disjoint(st state, lits []lit) bool {
	for _, l := range lits {
		if l.dim == dRes {
			if _, ok := sr.restrictLit(st, l, true); !ok {
				return true
			}
			continue
		}
		if !intersects(st.m[l.dim], l.mask) {
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
