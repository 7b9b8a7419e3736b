package prove

import (
	"github.com/cksiam/cksiam/evaluate"
)

// Verdict is the answer to a question about every request.
type Verdict uint8

// The three verdicts.
const (
	// Proved: no request the question ranges over is a counterexample.
	Proved Verdict = iota + 1
	// Refuted: Result.Witness is a counterexample, confirmed by the
	// evaluator.
	Refuted
	// Unknown: the prover could not decide; Result.Reason says why.
	Unknown
)

// String returns "proved", "refuted" or "unknown".
func (v Verdict) String() string {
	switch v {
	case Proved:
		return "proved"
	case Refuted:
		return "refuted"
	case Unknown:
		return "unknown"
	}
	return "invalid"
}

// Reason says why an answer is Unknown. The set is closed: these are the
// only reasons.
type Reason string

// The reasons for Unknown.
const (
	// ReasonBudgetExceeded: the automata or the search needed more states
	// than the budget (see Budget). Pathological wildcard patterns such as
	// "*a??????????" against one more '?' double the states per '?'.
	ReasonBudgetExceeded Reason = "BudgetExceeded"
	// ReasonVariableAcrossKeys: a policy variable ties two parts of the
	// request together (a Resource holding ${aws:username}, a condition
	// comparing one key with ${another}); the prover reasons about the
	// variable as a free value, found a candidate counterexample that way,
	// and the request it built was not one (the evaluator did not
	// confirm it).
	ReasonVariableAcrossKeys Reason = "VariableAcrossKeys"
	// ReasonUnmodelledKeyRelation: deciding needs a relation between parts
	// of the request that the prover does not model: an account pattern
	// that tells unnamed accounts apart ("1111*"), or condition keys AWS
	// correlates (aws:CurrentTime and aws:EpochTime; an encryption
	// context's or request tags' names and the keys giving their values).
	ReasonUnmodelledKeyRelation Reason = "UnmodelledKeyRelation"
	// ReasonUnsupported: a construct the prover cannot reason about yet
	// (a condition key tested with operators of different families, such
	// as StringLike and DateLessThan on one key; Policies with KMS grants,
	// key facts or principal tags, which CompileOpen supports). Detail
	// names it.
	ReasonUnsupported Reason = "Unsupported"
	// ReasonEngineDisagrees: the prover's model found a counterexample the
	// evaluator does not confirm. This is a defect of the prover; the
	// answer is Unknown rather than a wrong Refuted.
	ReasonEngineDisagrees Reason = "EngineDisagrees"
)

// Result is the answer to one question.
type Result struct {
	// Verdict is Proved, Refuted or Unknown.
	Verdict Verdict
	// Witness is the counterexample when Refuted: a request the question
	// ranges over, decided by the evaluator as the question requires
	// (allowed by the new policies and not by the old ones; allowed
	// although it should not be). Nil otherwise.
	Witness *evaluate.Request
	// Reason is why the answer is Unknown; empty otherwise.
	Reason Reason
	// Detail explains the answer in one line.
	Detail string
	// Steps is the number of automaton states and search steps spent. It
	// is 0 for a NoNewAccess proved from the statements alone (every
	// Allow of the new document within one of the old, every Deny of the
	// old within one of the new), which builds no automaton and searches
	// nothing; Budget does not limit such a proof.
	Steps int
}
