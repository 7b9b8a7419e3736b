package evaluate

import "slices"

// Explanation is Evaluate's answer kept in storage that the caller reuses,
// for explaining many requests: Evaluator.Explain overwrites it, its lists
// are views of that storage (valid until the next Explain into the same
// Explanation; Result copies them), and the one-line reason is put
// together only when Reason is called. The zero value is ready to use; an
// Explanation is not safe for concurrent use.
type Explanation struct {
	// Decision, Statements, Verdicts, MissingContextKeys, Diagnostics and
	// GrantId are the Result fields of the same names.
	Decision           Decision
	Statements         []StatementRef
	Verdicts           []PolicyVerdict
	MissingContextKeys []string
	Diagnostics        []Diagnostic
	GrantId            string

	err  error        // the request's error: its text is the reason
	self *Explanation // x itself once x's storage is set up (see Explain)
	tr   trace
}

// Explain decides r like Evaluate and writes the explanation into x,
// reusing x's storage, so that explaining a stream of requests allocates
// nothing once the lists have grown to fit. It returns the error Evaluate
// returns; x then explains it as Evaluate's Result would. A nil x is an
// error (there is nowhere to explain into).
func (e *Evaluator) Explain(r Request, x *Explanation) error {
	if x == nil {
		return policyError("", "nil Explanation: pass the *Explanation to explain into")
	}
	if x.self != x {
		// First use, or x is a copy of another Explanation, whose storage
		// its lists still view: start in x's own.
		x.tr = trace{}
		x.tr.init()
		x.self = x
	} else {
		x.tr.reset()
	}
	x.Statements, x.Verdicts, x.MissingContextKeys, x.Diagnostics = nil, nil, nil, nil
	x.GrantId, x.err = "", nil
	x.Decision = ImplicitDeny
	if e == nil {
		x.tr.reason.set("nil Evaluator")
		return policyError("", "nil Evaluator")
	}
	d, err := e.explain(&r, &x.tr, nil)
	if err != nil {
		x.err = err
		return err
	}
	res := x.tr.result(d)
	x.Decision, x.Statements, x.Verdicts = res.Decision, res.Statements, res.Verdicts
	x.MissingContextKeys, x.Diagnostics, x.GrantId = res.MissingContextKeys, res.Diagnostics, res.GrantId
	return nil
}

// Reason is Result.Reason: a one-line account of the decision, put
// together on each call. A nil Explanation has none.
func (x *Explanation) Reason() string {
	if x == nil {
		return ""
	}
	if x.err != nil {
		return x.err.Error()
	}
	return x.tr.reasonFor(x.Decision)
}

// Result returns the Result Evaluate would have returned, with lists of
// its own: it stays valid when x is reused. A nil Explanation gives the
// zero Result, whose Decision allows nothing.
func (x *Explanation) Result() Result {
	if x == nil {
		return Result{}
	}
	return Result{
		Decision:           x.Decision,
		Statements:         slices.Clone(x.Statements),
		Verdicts:           slices.Clone(x.Verdicts),
		MissingContextKeys: slices.Clone(x.MissingContextKeys),
		Diagnostics:        slices.Clone(x.Diagnostics),
		Reason:             x.Reason(),
		GrantId:            x.GrantId,
	}
}
