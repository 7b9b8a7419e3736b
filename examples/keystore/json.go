package main

import (
	"encoding/json"

	"github.com/cksiam/cksiam/evaluate"
	"github.com/cksiam/cksiam/roles"
)

// jsonOutput is the -json output. Verified is true when every role
// verified; the exit status says the same.
type jsonOutput struct {
	Verified bool       `json:"verified"`
	Roles    []jsonRole `json:"roles"`
}

// jsonRole is one role: its policy and its verification.
type jsonRole struct {
	Name         string           `json:"name"`
	Policy       json.RawMessage  `json:"policy"`
	Verification jsonVerification `json:"verification"`
}

// jsonVerification is a role's verification: the counts of the summary
// and every failed case.
type jsonVerification struct {
	OK               bool           `json:"ok"`
	Summary          string         `json:"summary"`
	Intended         int            `json:"intended"`
	IntendedAllowed  int            `json:"intendedAllowed"`
	NearMisses       int            `json:"nearMisses"`
	NearMissesDenied int            `json:"nearMissesDenied"`
	NearMissesByKind map[string]int `json:"nearMissesByKind"`
	Failures         []jsonFailure  `json:"failures"` // in the verification matrix's order
	Proofs           []jsonProof    `json:"proofs"`
}

// jsonProof is a claim about every request the role's document allows, as
// the prover answered it.
type jsonProof struct {
	Claim   string       `json:"claim"`
	Result  string       `json:"result"` // "proved", "refuted" or "unknown"
	Reason  string       `json:"reason,omitempty"`
	Detail  string       `json:"detail"`
	Witness *jsonWitness `json:"witness,omitempty"`
}

// jsonWitness is a request that refutes a claim.
type jsonWitness struct {
	Principal       string              `json:"principal"`
	Action          string              `json:"action"`
	Resource        string              `json:"resource"`
	ResourceAccount string              `json:"resourceAccount,omitempty"`
	Context         map[string][]string `json:"context"`
}

// jsonFailure is a case that did not get its expected answer.
type jsonFailure struct {
	Kind      string            `json:"kind"`
	Principal string            `json:"principal"`
	Action    string            `json:"action"`
	Resource  string            `json:"resource"`
	Want      string            `json:"want"` // "allowed", or "denied" (explicitly or implicitly)
	Got       evaluate.Decision `json:"got"`
	Reason    string            `json:"reason"`
	Error     string            `json:"error,omitempty"`
}

func makeVerification(v *roles.Verification) jsonVerification {
	out := jsonVerification{
		OK: v.Summary.OK(), Summary: v.Summary.String(),
		Intended: v.Summary.Intended, IntendedAllowed: v.Summary.IntendedAllowed,
		NearMisses: v.Summary.NearMisses, NearMissesDenied: v.Summary.NearMissesDenied,
		NearMissesByKind: map[string]int{}, Failures: []jsonFailure{}, Proofs: []jsonProof{},
	}
	for _, p := range v.Proofs {
		jp := jsonProof{Claim: p.Claim, Result: p.Result.Verdict.String(), Reason: string(p.Result.Reason), Detail: p.Result.Detail}
		if w := p.Result.Witness; w != nil {
			ctx := map[string][]string{}
			for k, v := range w.Context {
				ctx[k] = append([]string{}, v...)
			}
			jp.Witness = &jsonWitness{Principal: w.Principal, Action: w.Action, Resource: w.Resource, ResourceAccount: w.ResourceAccount, Context: ctx}
		}
		out.Proofs = append(out.Proofs, jp)
	}
	for k, n := range v.Summary.NearMissesByKind {
		out.NearMissesByKind[string(k)] = n
	}
	for _, f := range v.Failures {
		want := "denied"
		if f.Case.Allow {
			want = "allowed"
		}
		jf := jsonFailure{Kind: string(f.Case.Kind), Principal: f.Case.Principal, Action: f.Case.Action, Resource: f.Case.Resource,
			Want: want, Got: f.Decision, Reason: f.Reason}
		if f.Err != nil {
			jf.Error = f.Err.Error()
		}
		out.Failures = append(out.Failures, jf)
	}
	return out
}
