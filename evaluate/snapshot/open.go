package snapshot

import (
	"github.com/cksiam/cksiam/evaluate"
	"github.com/cksiam/cksiam/evaluate/prove"
	"github.com/cksiam/cksiam/policy"
)

// Rows the bounds and the witness search leave open — conditions on free
// keys with operators whose classes of values the search does not cover
// (StringLike, Numeric, Date, set operators), or a free key used as a
// policy variable — go to the prover (prove.Open): it splits each free
// key's values into the classes the policies' conditions tell apart and
// decides one request per combination, so that Always and Never are
// proofs, and Sometimes comes with an allowed and a refused request and,
// where it can state it, the exact condition. The prover reads the free
// keys by the action catalog (its default): a key the catalog says the
// action never carries is absent, every other key the snapshot does not
// fix may be absent or take any value — the caller-describing keys too,
// for a caller standing for any principal of its account (see the package
// doc).

// proveBudget bounds the requests the prover decides per question: a
// question whose free keys make more classes of values is answered as
// soon as one allowed and one refused request are found (conditional, with
// the two as examples), and otherwise stays unknown with the prover's
// reason (BudgetExceeded).
const proveBudget = 4096

// openOf returns the subject's prover, compiling it on first use.
func (w *whoCan) openOf(r *subjectRun) (*prove.Open, error) {
	if r.open == nil {
		opts := append(w.a.CompileOptions(), evaluate.WithCompileCache(w.a.shared.compile))
		op, err := prove.CompileOpen(r.pol, prove.Budget(proveBudget), prove.EvaluateOptions(opts...))
		if err != nil {
			return nil, err
		}
		r.open = op
	}
	return r.open, nil
}

// question is req as the prover's question for subject s.
func (w *whoCan) question(s subject, req evaluate.Request) prove.Question {
	q := prove.Question{Request: req}
	if s.anyPrincipal {
		q.Free = []string{"aws:PrincipalArn", "aws:PrincipalType", "aws:username", "aws:userid"}
	}
	if m := w.k.Metadata.MultiRegion; m != nil && !*m {
		// A key that is not multi-Region has no multi-Region key type.
		q.Absent = append(q.Absent, "kms:MultiRegionKeyType")
	}
	return q
}

// proveRow decides req for the run's subject with the prover: the row,
// whether there is one, the decision the grants' retry needs (Allowed when
// allowed for every value), and, when the prover cannot tell, false and
// why (the caller then gives the unknown row with that reason).
func (w *whoCan) proveRow(r *subjectRun, req evaluate.Request) (Row, bool, evaluate.Decision, string, bool, error) {
	s := r.s
	row := Row{Principal: s.arn, Action: req.Action}
	op, err := w.openOf(r)
	if err != nil {
		return row, false, evaluate.ImplicitDeny, "", false, err
	}
	ans, err := op.Decide(w.question(s, req))
	if err != nil {
		return row, false, evaluate.ImplicitDeny, "", false, err
	}
	// The prover leaves the encryption context free when the request has
	// none: its answer covers the grants' constraints.
	r.ecDecided = req.EncryptionContext == nil
	switch ans.Extent {
	case prove.Never:
		return row, false, evaluate.ImplicitDeny, "", true, nil
	case prove.Always, prove.Sometimes:
		if ans.Allowed == nil {
			break
		}
		res, err := r.ev.Evaluate(*ans.Allowed)
		if err != nil {
			return row, false, evaluate.ImplicitDeny, "", false, err
		}
		if res.Decision != evaluate.Allowed {
			return row, false, evaluate.ImplicitDeny, "the prover's allowed request is not allowed by the evaluator", false, nil
		}
		row.Via = w.sources(s, res)
		if ans.Extent == prove.Always {
			row.Access = Allowed
			return row, true, evaluate.Allowed, "", true, nil
		}
		if ans.Denied == nil {
			break
		}
		row.Access = Conditional
		if len(ans.Residual) > 0 {
			row.Condition = append([]policy.Condition(nil), ans.Residual...)
		} else {
			row.Reason = "allowed, for example, with " + describeContext(ans.Allowed.Context, req.Context) + "; not with " + describeContext(ans.Denied.Context, req.Context)
		}
		return row, true, evaluate.ImplicitDeny, "", true, nil
	}
	r.ecDecided = false
	why := "the prover cannot tell"
	if ans.Reason != "" {
		why += " (" + string(ans.Reason) + ")"
	}
	if ans.Detail != "" {
		why += ": " + ans.Detail
	}
	return row, false, evaluate.ImplicitDeny, why, false, nil
}

// proveGrantVariant asks the prover about a request of grantRetry (one
// naming a grant to retire, a child grant, or a grant's encryption
// context): its answer when it decides it — Always or Sometimes with an
// allowed request the evaluator confirms, or Never — and nil when it
// cannot tell.
func (w *whoCan) proveGrantVariant(r *subjectRun, req evaluate.Request) (*prove.Answer, error) {
	// The witness search first: an allowed request it finds settles the
	// question (the request with the free keys absent is refused, so
	// allowed for some values only).
	if b := &r.bounds; b.made && b.ok {
		if b.cands == nil {
			b.cands = w.candidates(r.s, r.pol)
		}
		found, err := w.searchFrom(b, r.ev, req, true, false)
		if err != nil {
			return nil, err
		}
		if found != nil {
			return &prove.Answer{Extent: prove.Sometimes, Allowed: found}, nil
		}
		if w.searchComplete(r.s, r.pol, req.Action, b.cands) {
			return &prove.Answer{Extent: prove.Never}, nil
		}
	}
	op, err := w.openOf(r)
	if err != nil {
		return nil, err
	}
	ans, err := op.Decide(w.question(r.s, req))
	if err != nil {
		return nil, err
	}
	switch ans.Extent {
	case prove.Never:
		return &ans, nil
	case prove.Always, prove.Sometimes:
		if ans.Allowed == nil {
			return nil, nil
		}
		d, err := r.ev.Decide(*ans.Allowed)
		if err != nil || d != evaluate.Allowed {
			return nil, err
		}
		return &ans, nil
	}
	return nil, nil
}
