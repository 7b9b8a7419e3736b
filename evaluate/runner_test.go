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

// The decision-table harness of this package's tests and of the
// external ones (aws_rules_*_test.go reach it through export_test.go):
// checkDecision checks one row, checkCondition one Condition element.
// decisionCase/runDecisions, condCase/runConditions, rule/checkRule and
// condRule/checkCond are table shapes over it.

// checkDecision checks one row of a decision table: Evaluate and
// Compile+Decide both give want (or, with wantErr, both refuse and neither
// answers Allowed). Without opts the one-shot Evaluate explains; with
// them, the compiled evaluator's Evaluate does. src names the AWS page or
// aws-rules section the row comes from, for the failure message. It
// returns Evaluate's Result for further checks.
func checkDecision(t *testing.T, p Policies, opts []Option, r Request, want Decision, wantErr bool, src string) Result {
	t.Helper()
	var res Result
	var err error
	if len(opts) == 0 {
		res, err = Evaluate(p, r)
		requireOneShotIsCompiled(t, p, r, res, err)
	} else if ev, cerr := Compile(p, opts...); cerr != nil {
		res, err = Result{Decision: ImplicitDeny}, cerr
	} else {
		res, err = ev.Evaluate(r)
	}
	if wantErr {
		require.Error(t, err, "source: %s", src)
		require.NotEqual(t, Allowed, res.Decision, "an error must never be Allowed")
		if ev, cerr := Compile(p, opts...); cerr == nil {
			d, derr := ev.Decide(r)
			require.Error(t, derr)
			require.NotEqual(t, Allowed, d, "an error must never be Allowed")
		}
		return res
	}
	require.NoError(t, err, "source: %s", src)
	require.Equal(t, want, res.Decision, "source: %s\nreason: %s\ndiagnostics: %v", src, res.Reason, res.Diagnostics)
	ev, err := Compile(p, opts...)
	require.NoError(t, err)
	d, err := ev.Decide(r)
	require.NoError(t, err)
	require.Equal(t, want, d, "Decide disagrees with Evaluate")
	return res
}

// condWant is the truth of a Condition element for a request.
type condWant int

const (
	holds     condWant = iota + 1 // the condition is true
	fails                         // the condition is false
	undecided                     // the condition cannot be evaluated: an Allow does not apply, a Deny does (fail closed)
)

// checkCondition checks a Condition element (its JSON object) twice: as
// the condition of the only Allow, which must apply only when it holds,
// and as the condition of a Deny next to an allow-all, which must apply
// when it holds or cannot be evaluated (fail closed). version is the
// documents' Version ("" for 2012-10-17, "none" for no Version element).
// It returns the two Results.
func checkCondition(t *testing.T, version, cond string, r Request, want condWant, src string) (allow, deny Result) {
	t.Helper()
	if version == "" {
		version = "2012-10-17"
	}
	head := `{"Version":"` + version + `",`
	if version == "none" {
		head = `{`
	}
	allowDoc := head + `"Statement":[{"Effect":"Allow","Action":"*","Resource":"*","Condition":` + cond + `}]}`
	denyDoc := head + `"Statement":[{"Effect":"Allow","Action":"*","Resource":"*"},{"Effect":"Deny","Action":"*","Resource":"*","Condition":` + cond + `}]}`
	wantAllow, wantDeny := ImplicitDeny, Allowed
	switch want {
	case holds:
		wantAllow, wantDeny = Allowed, ExplicitDeny
	case undecided:
		wantDeny = ExplicitDeny
	}
	allow = checkDecision(t, Policies{Identity: docs(t, allowDoc)}, nil, r, wantAllow, false, src+"; policy "+allowDoc)
	deny = checkDecision(t, Policies{Identity: docs(t, denyDoc)}, nil, r, wantDeny, false, src+"; policy "+denyDoc)
	return allow, deny
}

// decisionCase is one request against some policies and the decision AWS
// gives.
type decisionCase struct {
	name string
	p    Policies
	r    Request
	want Decision
}

// runDecisions checks each case with checkDecision.
func runDecisions(t *testing.T, cases []decisionCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			checkDecision(t, tc.p, nil, tc.r, tc.want, false, tc.name)
		})
	}
}

// condCase is one Condition element tested against one request context.
type condCase struct {
	name    string
	version string // "" means 2012-10-17, "none" no Version element
	cond    string // the JSON object of the Condition element
	ctx     Context
	want    condWant
}

// runConditions checks each condition with checkCondition, for alice
// calling kms:Decrypt on "*", and that an undecidable one is reported.
func runConditions(t *testing.T, cases []condCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := Request{Principal: alice, Action: "kms:Decrypt", Resource: "*", Context: tc.ctx}
			allow, deny := checkCondition(t, tc.version, tc.cond, r, tc.want, tc.name)
			if tc.want == undecided {
				for _, res := range []Result{allow, deny} {
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
