package snapshot

import (
	"strings"

	"github.com/cksiam/cksiam/evaluate"
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
		gr, found, err := w.grantRetry(s, r.ev, req, r.grantIdx, b)
		if err != nil {
			return row, false, err
		}
		if found && !(gr.Access == Unknown && ok) {
			switch {
			case ok && row.Access == Unknown:
				gr.Reason += "; " + row.Reason
			case ok && row.Access == Conditional:
				// Either way: the policies' condition or a grant's.
				gr.Via = append(row.Via, gr.Via...)
				if len(row.Condition) > 0 && len(gr.Condition) > 0 {
					gr.Condition = append(row.Condition, gr.Condition...)
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
		// The bounds cannot be used: the engine's answer with the keys
		// absent, unknown where it depends on them.
		res, err := r.ev.Evaluate(req)
		if err != nil {
			return Row{}, false, evaluate.ImplicitDeny, err
		}
		row, ok, free := w.classify(s, req.Action, res)
		if len(free) > 0 {
			w.gap(GapUndecided, s.arn, "some answers depend on "+strings.Join(free, ", "))
		}
		return row, ok, res.Decision, nil
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
	row, ok, decided, err := w.decideBetween(r, req, d)
	if err != nil || decided {
		return row, ok, d, err
	}
	// Undecided: the engine's answer with the keys absent, unknown where
	// it depends on them.
	res, err := r.ev.Evaluate(req)
	if err != nil {
		return Row{}, false, evaluate.ImplicitDeny, err
	}
	row, ok, free := w.classify(s, req.Action, res)
	if len(free) > 0 {
		w.gap(GapUndecided, s.arn, "some answers depend on "+strings.Join(free, ", "))
	}
	return row, ok, d, nil
}

// undecided handles an exact request the engine says depends on free keys
// (row, ok from classify): decideBetween when the bounds can be used, the
// unknown row otherwise.
func (w *whoCan) undecided(r *subjectRun, req evaluate.Request, d evaluate.Decision, row Row, ok bool, free []string) (Row, bool, error) {
	if r.bounds.ok {
		r2, ok2, decided, err := w.decideBetween(r, req, d)
		if err != nil {
			return row, false, err
		}
		if decided {
			return r2, ok2, nil
		}
	}
	w.gap(GapUndecided, r.s.arn, "some answers depend on "+strings.Join(free, ", "))
	return row, ok, nil
}
