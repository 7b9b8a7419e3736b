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
	var evs evaluators
	var kinds kindCounts
	b := r.newBuilder(src, true)
	b.visit = func(c Case) {
		ev, err := evs.compiled(c)
		d := evaluate.ImplicitDeny
		if err == nil {
			d, err = ev.Decide(c.request())
		}
		good := err == nil && (d == evaluate.Allowed) == c.Allow
		if c.Allow {
			v.Summary.Intended++
			if good {
				v.Summary.IntendedAllowed++
			}
		} else {
			v.Summary.NearMisses++
			kinds.add(c.Kind)
			if good {
				v.Summary.NearMissesDenied++
			}
		}
		if !good {
			v.Failures = append(v.Failures, failureOf(ev, c, err))
		}
	}
	b.cases()
	for _, k := range kinds {
		v.Summary.NearMissesByKind[k.kind] = k.n
	}
	v.Proofs = r.proofsOf(b.doc) // the role's document, made once
	for _, p := range v.Proofs {
		v.Summary.Proofs++
		if p.OK() {
			v.Summary.ProofsProved++
		}
	}
	return v
}

// kindCounts counts cases by kind: a list, as there are only a few kinds
// and cases of one kind come in runs.
type kindCounts []struct {
	kind CaseKind
	n    int
}

func (ks *kindCounts) add(k CaseKind) {
	for i := len(*ks) - 1; i >= 0; i-- {
		if (*ks)[i].kind == k {
			(*ks)[i].n++
			return
		}
	}
	*ks = append(*ks, struct {
		kind CaseKind
		n    int
	}{k, 1})
}

// failureOf is the Outcome of a case that did not get its expected
// answer: the evaluator's explanation of it (Evaluate gives the same
// Decision as Decide), with a context of its own.
func failureOf(ev *evaluate.Evaluator, c Case, err error) Outcome {
	if c.Context != nil {
		c.Context = copyContext(c.Context)
	}
	if ev == nil {
		// The case's policies did not compile.
		return Outcome{Case: c, Decision: evaluate.ImplicitDeny, Err: err}
	}
	res, err := ev.Evaluate(c.request())
	return Outcome{Case: c, Decision: res.Decision, Reason: res.Reason, Err: err}
}

// evaluators compiles each distinct set of policies in a matrix once: the
// cases of one role share their documents, so a matrix of thousands of
// requests needs only a handful of compilations. The sets are told apart
// by the documents' addresses; there are so few that a list is searched.
type evaluators struct {
	sets []compiledSet
	last int // the index of the set found last: cases come in runs
}

// compiledSet is one set of policies and its evaluator.
type compiledSet struct {
	identity []*policy.Document
	resource *policy.Document
	ev       *evaluate.Evaluator
	err      error
}

// compiled returns the evaluator of the case's policies, compiling them
// the first time they are met; a set that does not compile gives its
// error every time.
func (evs *evaluators) compiled(c Case) (*evaluate.Evaluator, error) {
	return evs.of(c.policies())
}

// of returns the evaluator of p, compiling it the first time its identity
// and resource documents are met. The sets one evaluators holds must
// differ in those documents only: the other members of p are the same
// for every call (Verify sets none; an audit sets the audited ones).
func (evs *evaluators) of(p evaluate.Policies) (*evaluate.Evaluator, error) {
	if evs.last < len(evs.sets) && evs.sets[evs.last].is(p) {
		s := &evs.sets[evs.last]
		return s.ev, s.err
	}
	for i := range evs.sets {
		if evs.sets[i].is(p) {
			evs.last = i
			return evs.sets[i].ev, evs.sets[i].err
		}
	}
	ev, err := evaluate.Compile(p)
	if err != nil {
		ev = nil
	}
	evs.sets = append(evs.sets, compiledSet{identity: p.Identity, resource: p.Resource, ev: ev, err: err})
	evs.last = len(evs.sets) - 1
	return ev, err
}

// is reports whether s holds p's identity and resource documents.
func (s *compiledSet) is(p evaluate.Policies) bool {
	if s.resource != p.Resource || len(s.identity) != len(p.Identity) {
		return false
	}
	for i, d := range s.identity {
		if d != p.Identity[i] {
			return false
		}
	}
	return true
}

// policies returns the case's policies for the evaluator.
func (c Case) policies() evaluate.Policies {
	return evaluate.Policies{Identity: c.Identity, Resource: c.ResourcePolicy}
}

// request returns the case's request for the evaluator.
func (c Case) request() evaluate.Request {
	var ctx evaluate.Context
	if len(c.Context) > 0 {
		// The evaluator only reads the context.
		ctx = evaluate.Context(c.Context)
	}
	return evaluate.Request{Principal: c.Principal, Action: c.Action, Resource: c.Resource, Context: ctx}
}
