package snapshot

import (
	"slices"
	"strings"

	"github.com/cksiam/cksiam/evaluate"
	"github.com/cksiam/cksiam/evaluate/prove"
	"github.com/cksiam/cksiam/policy"
)

// subjectRun is what deciding one caller's actions shares: its policies,
// their evaluator, its bounds (made when first needed) and its grants.
type subjectRun struct {
	s   subject
	pol evaluate.Policies
	ev  *evaluate.Evaluator
	// missingUpper is ev with allow-all in place of the policies the
	// snapshot lacks; nil when it lacks none.
	missingUpper *evaluate.Evaluator
	bounds       subjectBounds
	grantIdx     []int
	ctx          evaluate.Context
	// exactAll: no policy tests a key the snapshot leaves free.
	exactAll bool
	// docs lists pol's documents (allDocs), made when first needed.
	docs []*policy.Document
	// open is the subject's prover (openOf), made when first needed.
	open *prove.Open
	// ecDecided: the prover decided the current action with the
	// encryption context free, so the grants' encryption-context
	// constraints are part of its answer.
	ecDecided bool
}

// decideAction decides one action for the run's caller: its row, or false
// for no access.
//
// A request whose statements test no free key is decided by Decide and,
// when allowed, explained by Evaluate. Otherwise the bounds settle it when
// they agree; when they do not, decideBetween looks for two requests, one
// allowed and one not, with Decide alone, and Evaluate explains only the
// allowed one.
func (w *whoCan) decideAction(r *subjectRun, act string) (Row, bool, error) {
	s := r.s
	r.ecDecided = false
	if r.docs == nil && !r.exactAll {
		r.docs = allDocs(r.pol)
	}
	exact := r.exactAll || !w.freeForAction(r.docs, act, s)
	req := evaluate.Request{Principal: s.arn, Action: act, Resource: w.k.ARN, Context: r.ctx}
	var row Row
	var ok bool
	// dec is the decision on the request with the free keys absent, when
	// known; allowedAlways says the row is allowed for every request.
	dec := evaluate.ImplicitDeny
	if exact {
		d, err := r.ev.Decide(req)
		if err != nil {
			return row, false, err
		}
		dec = d
		if d == evaluate.Allowed {
			res, err := r.ev.Evaluate(req)
			if err != nil {
				return row, false, err
			}
			var free []string
			row, ok, free = w.classify(s, act, res)
			if len(free) > 0 {
				// The engine says the answer depends on free keys after
				// all: decide it between the bounds.
				if err := w.makeBounds(&r.bounds, r.pol, s); err != nil {
					return row, false, err
				}
				if row, ok, err = w.undecided(r, req, d, row, ok, free); err != nil {
					return row, false, err
				}
			}
		}
	} else {
		if err := w.makeBounds(&r.bounds, r.pol, s); err != nil {
			return row, false, err
		}
		var err error
		if row, ok, dec, err = w.byBounds(r, req); err != nil {
			return row, false, err
		}
	}
	if dec != evaluate.Allowed && len(r.grantIdx) > 0 && (!ok || row.Access != Allowed) {
		var b *subjectBounds
		if !r.exactAll {
			if err := w.makeBounds(&r.bounds, r.pol, s); err != nil {
				return row, false, err
			}
			b = &r.bounds
		}
		gr, found, err := w.grantRetry(s, r.ev, req, r.grantIdx, b, r)
		if err != nil {
			return row, false, err
		}
		if found && !(gr.Access == Unknown && ok) {
			switch {
			case ok && row.Access == Unknown:
				gr.Reason += "; " + row.Reason
			case ok && row.Access == Conditional:
				// Either way: the policies' condition or a grant's (the
				// prover may have found the same grant).
				gr.Via = unionSources(row.Via, gr.Via)
				if len(row.Condition) > 0 && len(gr.Condition) > 0 {
					gr.Condition = unionConditions(row.Condition, gr.Condition)
				} else {
					gr.Condition = nil
					gr.Reason = row.Reason + "; or " + gr.Reason
				}
			}
			row, ok = gr, true
		}
	}
	if r.missingUpper != nil {
		var err error
		if row, ok, err = w.withMissing(s, act, req, r.missingUpper, row, ok); err != nil {
			return row, false, err
		}
	}
	return row, ok, nil
}

// byBounds decides a request whose statements test free keys: the lower
// bound allows (allowed whatever the free keys are), the upper bound
// refuses (no row), or, between them, decideBetween. It returns the row,
// whether there is one, and the decision with the free keys absent when it
// knows it (ImplicitDeny otherwise, which only makes the grants be tried).
func (w *whoCan) byBounds(r *subjectRun, req evaluate.Request) (Row, bool, evaluate.Decision, error) {
	s, b := r.s, &r.bounds
	if !b.ok {
		// The bounds cannot be used (a free key is a policy variable):
		// the prover's answer.
		return w.byProver(r, req)
	}
	// The request with the free keys absent lies between the bounds: when
	// it is allowed only the lower bound can settle it (allowed for every
	// value), when refused only the upper bound (refused for every value).
	d, err := r.ev.Decide(req)
	if err != nil {
		return Row{}, false, evaluate.ImplicitDeny, err
	}
	if d == evaluate.Allowed {
		lower, err := w.lowerBound(b)
		if err != nil {
			return Row{}, false, evaluate.ImplicitDeny, err
		}
		dl, err := lower.Decide(req)
		if err != nil {
			return Row{}, false, evaluate.ImplicitDeny, err
		}
		if dl == evaluate.Allowed {
			res, err := r.ev.Evaluate(req)
			if err != nil {
				return Row{}, false, evaluate.ImplicitDeny, err
			}
			return Row{Principal: s.arn, Action: req.Action, Access: Allowed, Via: w.sources(s, res)}, true, evaluate.Allowed, nil
		}
	} else {
		// The subject's actions often turn on one condition: the free keys
		// of the last allowed request it found settle the row as
		// conditional without the upper bound.
		found, err := w.tryLast(b, r.ev, req, true)
		if err != nil {
			return Row{}, false, evaluate.ImplicitDeny, err
		}
		if found != nil {
			row, err := w.conditional(r, req, d, *found, req)
			return row, true, d, err
		}
		upper, err := w.upperBound(b)
		if err != nil {
			return Row{}, false, evaluate.ImplicitDeny, err
		}
		du, err := upper.Decide(req)
		if err != nil || du != evaluate.Allowed {
			return Row{}, false, d, err
		}
	}
	// When refused with the free keys absent, tryLast above found nothing.
	row, ok, decided, err := w.decideBetween(r, req, d, d != evaluate.Allowed)
	if err != nil || decided {
		return row, ok, d, err
	}
	return w.byProver(r, req)
}

// byProver decides a request the bounds and the search leave open with the
// prover; when it cannot tell either, the row is the engine's answer with
// the free keys absent, unknown where it depends on them, with the
// prover's reason.
func (w *whoCan) byProver(r *subjectRun, req evaluate.Request) (Row, bool, evaluate.Decision, error) {
	row, ok, dec, why, decided, err := w.proveRow(r, req)
	if err != nil || decided {
		return row, ok, dec, err
	}
	res, err := r.ev.Evaluate(req)
	if err != nil {
		return Row{}, false, evaluate.ImplicitDeny, err
	}
	row, ok, free := w.classify(r.s, req.Action, res)
	if len(free) > 0 {
		row.Reason = joinReason(row.Reason, why)
		w.gap(GapUndecided, r.s.arn, "some answers depend on "+strings.Join(free, ", "))
	}
	return row, ok, res.Decision, nil
}

// undecided handles an exact request the engine says depends on free keys
// (row, ok from classify): decideBetween when the bounds can be used, the
// unknown row otherwise.
func (w *whoCan) undecided(r *subjectRun, req evaluate.Request, d evaluate.Decision, row Row, ok bool, free []string) (Row, bool, error) {
	if r.bounds.ok {
		r2, ok2, decided, err := w.decideBetween(r, req, d, false)
		if err != nil {
			return row, false, err
		}
		if decided {
			return r2, ok2, nil
		}
	}
	r2, ok2, _, why, decided, err := w.proveRow(r, req)
	if err != nil {
		return row, false, err
	}
	if decided {
		return r2, ok2, nil
	}
	row.Reason = joinReason(row.Reason, why)
	w.gap(GapUndecided, r.s.arn, "some answers depend on "+strings.Join(free, ", "))
	return row, ok, nil
}

// unionSources is a followed by the sources of b that a lacks.
func unionSources(a, b []Source) []Source {
	out := append([]Source(nil), a...)
	for _, x := range b {
		if !slices.Contains(out, x) {
			out = append(out, x)
		}
	}
	return out
}

// unionConditions is a followed by the conditions of b that a lacks (the
// same blocks and entries, in JSON).
func unionConditions(a, b []policy.Condition) []policy.Condition {
	out := append([]policy.Condition(nil), a...)
	seen := map[string]bool{}
	key := func(c policy.Condition) string {
		j, err := c.MarshalJSON()
		if err != nil {
			return ""
		}
		return string(j)
	}
	for _, c := range a {
		seen[key(c)] = true
	}
	for _, c := range b {
		if k := key(c); k == "" || !seen[k] {
			seen[k] = true
			out = append(out, c)
		}
	}
	return out
}
