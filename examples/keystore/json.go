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
		NearMissesByKind: map[string]int{}, Failures: []jsonFailure{},
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
