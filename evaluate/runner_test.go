package evaluate

import (
	"testing"

	"github.com/stretchr/testify/require"
)

const (
	acct     = "111122223333"
	other    = "444455556666"
	alice    = "arn:aws:iam::111122223333:user/alice"
	bob      = "arn:aws:iam::111122223333:user/bob"
	roleARN  = "arn:aws:iam::111122223333:role/Admin"
	session  = "arn:aws:sts::111122223333:assumed-role/Admin/alice"
	keyARN   = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
	allowAll = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}`
)

// decisionCase is one request against some policies and the decision AWS
// gives.
type decisionCase struct {
	name string
	p    Policies
	r    Request
	want Decision
}

// runDecisions checks each case through Evaluate and through the compiled
// Decide fast path, which must agree.
func runDecisions(t *testing.T, cases []decisionCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			res, err := Evaluate(tc.p, tc.r)
			require.NoError(t, err)
			require.Equal(t, tc.want, res.Decision, "reason: %s\ndiagnostics: %v", res.Reason, res.Diagnostics)
			ev, err := Compile(tc.p)
			require.NoError(t, err)
			d, err := ev.Decide(tc.r)
			require.NoError(t, err)
			require.Equal(t, tc.want, d, "Decide disagrees with Evaluate")
		})
	}
}

// outcome of a condition in condCase.
type condWant int

const (
	holds     condWant = iota + 1 // the condition is true
	fails                         // the condition is false
	undecided                     // the condition cannot be evaluated: fail closed
)

// condCase is one Condition element tested against one request context.
type condCase struct {
	name    string
	version string // "" means 2012-10-17
	cond    string // the JSON object of the Condition element
	ctx     Context
	want    condWant
}

// runConditions checks each condition twice: in an Allow statement (which
// must apply only when the condition holds) and in a Deny statement next to
// an allow-all (which must apply when the condition holds or cannot be
// evaluated — fail closed).
func runConditions(t *testing.T, cases []condCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			v := tc.version
			if v == "" {
				v = "2012-10-17"
			}
			version := `"Version":"` + v + `",`
			if v == "none" {
				version = ""
			}
			allowDoc := `{` + version + `"Statement":[{"Effect":"Allow","Action":"kms:Decrypt","Resource":"*","Condition":` + tc.cond + `}]}`
			denyDoc := `{` + version + `"Statement":[{"Effect":"Allow","Action":"*","Resource":"*"},{"Effect":"Deny","Action":"kms:Decrypt","Resource":"*","Condition":` + tc.cond + `}]}`
			r := Request{Principal: alice, Action: "kms:Decrypt", Resource: "*", Context: tc.ctx}

			wantAllow, wantDeny := ImplicitDeny, Allowed
			switch tc.want {
			case holds:
				wantAllow, wantDeny = Allowed, ExplicitDeny
			case undecided:
				wantDeny = ExplicitDeny
			}
			for _, c := range []struct {
				doc  string
				want Decision
			}{{allowDoc, wantAllow}, {denyDoc, wantDeny}} {
				p := Policies{Identity: docs(t, c.doc)}
				res, err := Evaluate(p, r)
				require.NoError(t, err)
				require.Equal(t, c.want, res.Decision, "policy %s\nreason: %s\ndiagnostics: %v", c.doc, res.Reason, res.Diagnostics)
				ev, err := Compile(p)
				require.NoError(t, err)
				d, err := ev.Decide(r)
				require.NoError(t, err)
				require.Equal(t, c.want, d, "Decide disagrees with Evaluate")
				if tc.want == undecided {
					require.True(t, hasDiag(res, DiagUnparsablePolicyValue) || hasDiag(res, DiagUnparsableContextValue) || hasDiag(res, DiagAmbiguousDate),
						"an undecidable condition must be reported: %v", res.Diagnostics)
				}
			}
		})
	}
}

func hasDiag(r Result, code string) bool {
	for _, d := range r.Diagnostics {
		if d.Code == code {
			return true
		}
	}
	return false
}

func ctx(kv ...string) Context {
	c := Context{}
	for i := 0; i+1 < len(kv); i += 2 {
		c[kv[i]] = append(c[kv[i]], kv[i+1])
	}
	return c
}
