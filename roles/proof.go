package roles

import (
	"github.com/cksiam/cksiam/evaluate/prove"
	"github.com/cksiam/cksiam/policy"
)

// Proof is a claim about every request a role's document allows, answered
// by the prover (evaluate/prove): not sampled like the matrix, but for
// every principal, action, resource and context value.
type Proof struct {
	// Claim says what is claimed, in one line.
	Claim string
	// Result is the prover's answer: Proved, Refuted with a request that
	// shows the claim false, or Unknown with a reason.
	Result prove.Result
}

// OK reports whether the claim was proved.
func (p Proof) OK() bool { return p.Result.Verdict == prove.Proved }

// The claims Verify proves of every role.
const (
	// ClaimWithinPermissions: the document allows no request outside the
	// role's permission set — no other action, no other resource — whatever
	// the request's context holds (the set's conditions left out).
	ClaimWithinPermissions = "grants nothing outside its permission set, under any context"
	// ClaimEquivalent: the document allows exactly the requests its
	// permission set does, conditions included (the canonical form the
	// document is written in changes nothing).
	ClaimEquivalent = "is equivalent to its permission set"
)

// proofs proves the claims of the role's document.
func (r *Role) proofs() []Proof { return r.proofsOf(r.Document()) }

// proofsOf proves the claims of doc, the role's document.
func (r *Role) proofsOf(doc *policy.Document) []Proof {
	kind := prove.Identity
	if r.Kind == policy.KeyPolicy {
		kind = prove.KeyPolicy
	}
	return proofsOf(kind, r.ID, r.Permissions, doc)
}

// proofsOf proves the claims of a document against a permission set.
func proofsOf(kind prove.Kind, id string, perms []Permission, doc *policy.Document) []Proof {
	declared := &policy.Document{Version: policy.Version2012, ID: id}
	envelope := &policy.Document{Version: policy.Version2012, ID: id}
	for _, p := range perms {
		st := p.statement()
		declared.Statement = append(declared.Statement, st)
		st.Condition = nil
		envelope.Statement = append(envelope.Statement, st)
	}
	within, err := prove.NoNewAccess(kind, envelope, doc)
	if err != nil {
		within = failed(err)
	}
	return []Proof{
		{Claim: ClaimWithinPermissions, Result: within},
		{Claim: ClaimEquivalent, Result: equivalent(kind, declared, doc)},
	}
}

// equivalent proves that two documents allow the same requests: neither
// allows anything the other does not.
func equivalent(kind prove.Kind, a, b *policy.Document) prove.Result {
	ab, err := prove.NoNewAccess(kind, a, b)
	if err != nil {
		return failed(err)
	}
	if ab.Verdict != prove.Proved {
		return ab
	}
	ba, err := prove.NoNewAccess(kind, b, a)
	if err != nil {
		return failed(err)
	}
	ba.Steps += ab.Steps
	return ba
}

// failed is the answer to a question the prover could not ask: never a
// proof.
func failed(err error) prove.Result {
	return prove.Result{Verdict: prove.Unknown, Reason: prove.ReasonUnsupported, Detail: err.Error()}
}
