package evaluate

import "sync"

// Evaluate compiles p and decides r, with an explanation. For many requests
// against the same policies, Compile once and call Evaluator.Evaluate or
// Evaluator.Decide.
//
// On error the Result's Decision is ImplicitDeny, never Allowed.
//
// It refuses the documents Compile refuses, with the same error, and gives
// the Result Compile then Evaluator.Evaluate give, but compiles only the
// statements whose Action or NotAction matches r.Action (oneshot.go).
func Evaluate(p Policies, r Request) (Result, error) {
	return evaluateOnce(&p, &r)
}

// Evaluate decides r and explains the decision: the deciding statements,
// the verdict of each policy type, the context keys the request lacked and
// diagnostics. On error the Decision is ImplicitDeny.
func (e *Evaluator) Evaluate(r Request) (Result, error) {
	if e == nil {
		return Result{Decision: ImplicitDeny, Reason: "nil Evaluator"}, policyError("", "nil Evaluator")
	}
	return e.evaluate(&r, nil)
}

// evaluate is Evaluate; matched is explain's. It records the explanation
// in a pooled trace and copies out lists of their own length (ownLists):
// cheaper than a fresh trace (about 1.3 KB of pointers to clear and for
// the garbage collector to scan) for the short lists a decision has.
func (e *Evaluator) evaluate(r *Request, matched *rows) (Result, error) {
	tr := traces.Get().(*trace)
	defer traces.Put(tr)
	tr.reset()
	d, err := e.explain(r, tr, matched)
	if err != nil {
		return Result{Decision: ImplicitDeny, Reason: err.Error()}, err
	}
	res := tr.result(d)
	ownLists(&res)
	res.Reason = tr.reasonFor(d)
	return res, nil
}

// traces holds the traces Evaluate records in, each reused once Evaluate
// has copied its Result out.
var traces = sync.Pool{New: func() any { return newTrace() }}

// explain decides r, recording the explanation in tr. matched, when not
// nil, holds the statements that match r's action (the one-shot
// Evaluate's), else the action index finds them.
func (e *Evaluator) explain(r *Request, tr *trace, matched *rows) (Decision, error) {
	s := state{tr: tr}
	if err := e.prepare(&s, r); err != nil {
		return ImplicitDeny, err
	}
	if e.more != nil {
		for _, d := range e.more.notes {
			tr.diag(d)
		}
	}
	if r.Resource != "*" && hasWildcard(r.Resource) {
		tr.diag(warnDiag(DiagLiteralWildcardResource, "the request names a resource whose name holds '*' or '?': they are literal characters here, so the decision is for the one resource of that name, not for every resource the text would match as a pattern", "Request.Resource"))
	}
	switch {
	case matched != nil:
		return e.decide(&s, *matched), nil
	case s.memo >= 0 && e.index != nil:
		return e.decide(&s, e.index.row(s.memo)), nil
	}
	return e.decideGathered(&s), nil
}

// Decide decides r without explaining: the fast path, which allocates
// nothing for policies without policy variables. It returns the same
// Decision as Evaluate. On error the Decision is ImplicitDeny.
func (e *Evaluator) Decide(r Request) (Decision, error) {
	if e == nil {
		return ImplicitDeny, policyError("", "nil Evaluator")
	}
	var s state
	if err := e.prepare(&s, &r); err != nil {
		return ImplicitDeny, err
	}
	if s.memo >= 0 {
		return e.decide(&s, e.index.row(s.memo)), nil
	}
	return e.decideGathered(&s), nil
}

// decideGathered decides a request whose action the policies do not name
// literally: the action index gathers its statements on this stack.
func (e *Evaluator) decideGathered(s *state) Decision {
	var g gathered
	return e.decide(s, e.rows(s, &g))
}

// rows returns the statements that match the request's action: the
// action index's row for an action the policies name literally, else those
// gather collects in g.
func (e *Evaluator) rows(s *state, g *gathered) rows {
	switch {
	case e.index == nil:
		return rows{}
	case s.memo >= 0:
		return e.index.row(s.memo)
	}
	return e.index.gather(s, g)
}
