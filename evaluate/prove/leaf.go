package prove

import (
	"github.com/cksiam/cksiam/evaluate"
	"github.com/cksiam/cksiam/internal/ascii"
	"github.com/cksiam/cksiam/policy/value"
)

// leaf turns the narrowed dimensions into one concrete request and asks
// the evaluator whether it is a counterexample. Every request in the
// narrowed product is one, by the model; the evaluator has the last word.
func (sr *searcher) leaf(masks []bitset) bool {
	r, ok := sr.realize(masks)
	if !ok {
		return false
	}
	if !timesAgree(r.Context) {
		// aws:CurrentTime and aws:EpochTime are one instant in any real
		// request; the prover treats them apart, so such a request is no
		// counterexample.
		sr.related++
		return false
	}
	if sr.confirm(&r) {
		sr.found = &r
		return true
	}
	if sr.pb.nOpaque > 0 {
		sr.unsure++
	} else {
		sr.disagree++
		if sr.disagreed == nil {
			sr.disagreed = &r
		}
	}
	return false
}

// realize picks a request from the masks: an action class that may carry
// the keys the masks require and that takes a resource of the masks.
func (sr *searcher) realize(masks []bitset) (evaluate.Request, bool) {
	pb := sr.pb
	ct := sr.ct
	need := make([]bool, len(pb.keyOrder))
	for i := range pb.keyOrder {
		need[i] = !masks[dKeys+i].has(0)
	}
	rm := masks[dRes]
	for ci := range pb.act.classes {
		if !masks[dAct].has(ci) {
			continue
		}
		c := &pb.act.classes[ci]
		ok := true
		for i, n := range need {
			if n && !c.carried.has(i) {
				ok = false
				break
			}
		}
		if !ok {
			continue
		}
		action, res, cell, found := c.rep, "", -1, false
		switch {
		case c.open || !c.useCatalog:
			// Any resource, but a kms action names a key, not an alias
			// (the evaluator refuses alias ARNs but for the alias actions).
			for i := range pb.res.cells {
				if rm.has(i) && !(c.attrs.svc == "kms" && pb.res.cells[i].has(pb.res.aAlias)) {
					res, cell, found = pb.res.cells[i].witness, i, true
					break
				}
			}
		case c.wildOnly:
			for i, cl := range pb.res.cells {
				if rm.has(i) && cl.has(pb.res.aStar) {
					res, cell, found = "*", i, true
					break
				}
			}
		default:
			var err error
			res, cell, action, found, err = sr.fitClass(ci, rm)
			if err != nil {
				sr.over = true
				return evaluate.Request{}, false
			}
		}
		if !found {
			continue
		}
		pi := first(masks[dPrin])
		if pi < 0 {
			return evaluate.Request{}, false
		}
		pt := &ct.points[pi]
		r := evaluate.Request{Principal: pt.p.raw(), Action: action, Resource: res}
		cl := pb.res.cells[cell]
		if res == "*" || !cl.has(pb.res.aAcct12) {
			if !ct.kind.hasAccount() || ct.ra != ct.pa {
				r.ResourceAccount = ct.ra
			}
		}
		for i, k := range pb.keyOrder {
			m := masks[dKeys+i]
			if m.has(0) {
				continue
			}
			v := first(m)
			if r.Context == nil {
				r.Context = evaluate.Context{}
			}
			r.Context[k.name] = append([]string(nil), k.vals[v]...)
		}
		return r, true
	}
	return evaluate.Request{}, false
}

// fitClass finds a resource of one of the class's formats in the mask,
// with the member action that takes it; answers are cached per class and
// mask.
func (sr *searcher) fitClass(ci int, rm bitset) (res string, cell int, action string, ok bool, err error) {
	pb := sr.pb
	k := itoa(ci) + "|" + sr.ct.ra + "|" + wordsKey(rm)
	if f, hit := pb.fits[k]; hit {
		return f.res, f.cell, f.action, f.ok, nil
	}
	c := &pb.act.classes[ci]
	for _, fs := range c.formatSets(pb.ix) {
		for _, f := range fs.formats {
			w, cl, found, err := pb.res.fit(f, rm, pb.parts[0], sr.ct.ra, pb.bud)
			if err != nil {
				return "", -1, "", false, err
			}
			if found {
				pb.fits[k] = fitResult{res: w, cell: cl, action: fs.rep, ok: true}
				return w, cl, fs.rep, true, nil
			}
		}
	}
	pb.fits[k] = fitResult{}
	return "", -1, "", false, nil
}

type fitResult struct {
	res, action string
	cell        int
	ok          bool
}

// confirm decides r with the evaluator and reports whether it is a
// counterexample of the question.
func (sr *searcher) confirm(r *evaluate.Request) bool {
	pb := sr.pb
	if sr.inQuestion != nil && !sr.inQuestion(r, sr.ct) {
		return false
	}
	d, err := pb.sides[0].ev.Decide(*r)
	if err != nil || d != evaluate.Allowed {
		return false
	}
	if sr.goal == goalNewAccess {
		o, err := pb.sides[1].ev.Decide(*r)
		if err != nil || o == evaluate.Allowed {
			return false
		}
	}
	return true
}

// timesAgree reports whether a context's aws:CurrentTime and aws:EpochTime,
// when it gives both, are the same instant.
func timesAgree(ctx evaluate.Context) bool {
	var ct, et []string
	for k, v := range ctx {
		switch ascii.ToLower(k) {
		case "aws:currenttime":
			ct = v
		case "aws:epochtime":
			et = v
		}
	}
	if len(ct) != 1 || len(et) != 1 {
		return true
	}
	a, err1 := value.ReadDate(ct[0])
	b, err2 := value.ReadDate(et[0])
	return err1 == nil && err2 == nil && !a.Ambiguous() && !b.Ambiguous() && a.At.Compare(b.At) == 0
}

// first returns the least member of b, or -1.
func first(b bitset) int {
	for w, x := range b {
		if x != 0 {
			return w*64 + trailing(x)
		}
	}
	return -1
}
