package roles

import (
	"fmt"
	"sort"
	"strings"

	"github.com/cksiam/cksiam/evaluate"
	"github.com/cksiam/cksiam/policy"
)

// Summary counts a verification: how many intended requests were allowed
// and how many near misses were denied, by kind.
type Summary struct {
	Intended         int // intended requests in the matrix
	IntendedAllowed  int // of them, those allowed
	NearMisses       int // near misses in the matrix
	NearMissesDenied int // of them, those denied
	// NearMissesByKind counts the near misses of each kind.
	NearMissesByKind map[CaseKind]int
	// Proofs counts the claims proved about every request (Verification.Proofs)
	// and ProofsProved those proved.
	Proofs       int
	ProofsProved int
}

// OK reports whether every intended request was allowed, every near miss
// denied and every claim proved. A verification that asked about no
// intended request is not OK: it showed nothing.
func (s Summary) OK() bool {
	return s.Intended > 0 && s.IntendedAllowed == s.Intended && s.NearMissesDenied == s.NearMisses && s.ProofsProved == s.Proofs
}

// String is a one-line summary, e.g. "8/8 intended allowed, 1052/1052
// near misses denied".
func (s Summary) String() string {
	kinds := make([]string, 0, len(s.NearMissesByKind))
	for k, n := range s.NearMissesByKind {
		kinds = append(kinds, fmt.Sprintf("%s %d", k, n))
	}
	sort.Strings(kinds)
	out := fmt.Sprintf("%d/%d intended allowed, %d/%d near misses denied (%s)",
		s.IntendedAllowed, s.Intended, s.NearMissesDenied, s.NearMisses, strings.Join(kinds, ", "))
	if s.Proofs > 0 {
		out += fmt.Sprintf(", %d/%d claims proved for every request", s.ProofsProved, s.Proofs)
	}
	return out
}

// Outcome is a case whose answer differed from the expected one, or that
// could not be evaluated.
type Outcome struct {
	Case     Case              // the request and its expected answer
	Decision evaluate.Decision // what the evaluator answered
	// Reason is the evaluator's account of the decision.
	Reason string
	// Err is set when the case could not be evaluated; such a case counts
	// as failed (fail closed).
	Err error
}

// Verification is the result of running a role's verification matrix
// through the evaluator.
type Verification struct {
	Role    string  // the role's name
	Summary Summary // the counts
	// Failures are the cases that did not get their expected answer, in
	// matrix order.
	Failures []Outcome
	// Proofs are the claims about every request the document allows
	// (ClaimWithinPermissions, ClaimEquivalent), answered by the prover.
	Proofs []Proof
}

// Verify runs the role's verification matrix through the evaluator over
// the full action catalog: every intended action on its intended resource
// must be allowed; every near miss — every other action of the same
// services, the same actions on another account's or Region's resources
// or outside the chosen IDs, requests that fail a condition, principals
// the policy does not name — must be denied. It then proves, for every
// request rather than a sample, that the document grants nothing outside
// the role's permission set under any context, and that it is equivalent
// to that set (Verification.Proofs).
//
// A nil *Role verifies nothing: its Verification has one failure whose Err
// is ErrNilRole, and Summary.OK is false.
func (r *Role) Verify() *Verification { return r.verify(defaultSource()) }

func (r *Role) verify(src actionSource) *Verification {
	if r == nil {
		return &Verification{Summary: Summary{NearMissesByKind: map[CaseKind]int{}}, Failures: []Outcome{{Decision: evaluate.ImplicitDeny, Err: ErrNilRole}}}
	}
	v := &Verification{Role: r.Name, Summary: Summary{NearMissesByKind: map[CaseKind]int{}}}
	evs := evaluators{}
	for _, c := range r.matrix(src) {
		res, err := evs.evaluate(c)
		good := err == nil && (res.Decision == evaluate.Allowed) == c.Allow
		if c.Allow {
			v.Summary.Intended++
			if good {
				v.Summary.IntendedAllowed++
			}
		} else {
			v.Summary.NearMisses++
			v.Summary.NearMissesByKind[c.Kind]++
			if good {
				v.Summary.NearMissesDenied++
			}
		}
		if !good {
			v.Failures = append(v.Failures, Outcome{Case: c, Decision: res.Decision, Reason: res.Reason, Err: err})
		}
	}
	v.Proofs = r.proofs()
	for _, p := range v.Proofs {
		v.Summary.Proofs++
		if p.OK() {
			v.Summary.ProofsProved++
		}
	}
	return v
}

// evaluators compiles each distinct set of policies in a matrix once: the
// cases of one role share their documents, so a matrix of thousands of
// requests needs only a handful of compilations.
type evaluators map[evaluatorKey]*evaluate.Evaluator

// evaluatorKey identifies a case's policies by the documents' addresses.
type evaluatorKey struct {
	identity string
	resource *policy.Document
}

func (evs evaluators) evaluate(c Case) (evaluate.Result, error) {
	key := evaluatorKey{resource: c.ResourcePolicy}
	for _, d := range c.Identity {
		key.identity += fmt.Sprintf("%p,", d)
	}
	ev, ok := evs[key]
	if !ok {
		var err error
		if ev, err = evaluate.Compile(c.policies()); err != nil {
			return evaluate.Result{Decision: evaluate.ImplicitDeny}, err
		}
		evs[key] = ev
	}
	return ev.Evaluate(c.request())
}

// policies returns the case's policies for the evaluator.
func (c Case) policies() evaluate.Policies {
	return evaluate.Policies{Identity: c.Identity, Resource: c.ResourcePolicy}
}

// request returns the case's request for the evaluator.
func (c Case) request() evaluate.Request {
	var ctx evaluate.Context
	if len(c.Context) > 0 {
		ctx = evaluate.Context(copyContext(c.Context))
	}
	return evaluate.Request{Principal: c.Principal, Action: c.Action, Resource: c.Resource, Context: ctx}
}
