package evaluate

// Evaluate compiles p and decides r, with an explanation. For many requests
// against the same policies, Compile once and call Evaluator.Evaluate or
// Evaluator.Decide.
//
// On error the Result's Decision is ImplicitDeny, never Allowed.
func Evaluate(p Policies, r Request) (Result, error) {
	e, err := Compile(p, func(o *options) { o.oneShot = true })
	if err != nil {
		return Result{Decision: ImplicitDeny, Reason: err.Error()}, err
	}
	return e.Evaluate(r)
}

// Evaluate decides r and explains the decision: the deciding statements,
// the verdict of each policy type, the context keys the request lacked and
// diagnostics. On error the Decision is ImplicitDeny.
func (e *Evaluator) Evaluate(r Request) (Result, error) {
	if e == nil {
		return Result{Decision: ImplicitDeny, Reason: "nil Evaluator"}, policyError("", "nil Evaluator")
	}
	tr := newTrace() // the Result's lists are views of its arrays
	d, err := e.explain(&r, tr)
	if err != nil {
		return Result{Decision: ImplicitDeny, Reason: err.Error()}, err
	}
	res := tr.result(d)
	res.Reason = tr.reasonFor(d)
	return res, nil
}

// explain decides r, recording the explanation in tr.
func (e *Evaluator) explain(r *Request, tr *trace) (Decision, error) {
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
	var g gathered
	return e.decide(&s, e.rows(&s, &g)), nil
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
