package evaluate

import (
	"testing"

	"github.com/cksiam/cksiam/policy"
)

// place puts d into the policy type chosen by where, next to fixed
// policies that let the other types allow, so that d's statements decide.
func place(d *policy.Document, where uint8, fixed Policies) Policies {
	p := fixed
	switch where % 6 {
	case 0:
		p.Identity = append([]*policy.Document{d}, p.Identity...)
	case 1:
		p.Resource = d
	case 2:
		p.Boundary = d
	case 3:
		p.Session = d
	case 4:
		p.SCPs = [][]*policy.Document{{d}}
	case 5:
		p.RCPs = [][]*policy.Document{{d}}
	}
	return p
}

func withStatements(d *policy.Document, stmts []policy.Statement) *policy.Document {
	c := *d
	c.Statement = stmts
	return &c
}

// FuzzEvaluate checks, for any policy text and request: no panic; Decide
// agrees with Evaluate; an error is never Allowed; and, where the request is
// not allowed, adding a Deny statement or removing an Allow statement never
// makes it Allowed (deny is monotone, aws-rules C.1).
func FuzzEvaluate(f *testing.F) {
	f.Add(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"kms:*","Resource":"*"}]}`, uint8(0), alice, "kms:Decrypt", keyARN, "aws:SourceIp", "10.0.0.1")
	f.Add(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"kms:*","Resource":"*"}]}`, uint8(1), session, "kms:Decrypt", keyARN, "kms:CallerAccount", acct)
	f.Add(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"cks.kms.amazonaws.com"},"Action":"sts:AssumeRole"}]}`, uint8(1), "cks.kms.amazonaws.com", "sts:AssumeRole", roleARN, "", "")
	f.Add(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","NotAction":"iam:*","NotResource":"arn:aws:s3:::x/${aws:username}","Condition":{"ForAllValues:StringLike":{"aws:TagKeys":["a*"]},"IpAddress":{"aws:SourceIp":"10.0.0.0/8"}}}]}`, uint8(2), alice, "s3:GetObject", "arn:aws:s3:::x/alice", "aws:TagKeys", "ab")
	f.Add(`{"Version":"2012-10-17","Statement":[{"Effect":"Deny","NotPrincipal":{"AWS":["arn:aws:iam::111122223333:root"]},"Action":"*","Resource":"*","Condition":{"NumericLessThan":{"s3:max-keys":"10.5"},"DateGreaterThan":{"aws:CurrentTime":"2020-01-01T00:00:00Z"}}}]}`, uint8(5), alice, "sqs:SendMessage", "arn:aws:sqs:us-east-1:444455556666:q", "s3:max-keys", "3")
	f.Add(`{"Statement":{"Effect":"Allow","Action":"sts:Assume*","Resource":"*","Condition":{"ArnLike":{"aws:PrincipalArn":"arn:aws:iam::*:role/*"},"Bool":{"aws:SecureTransport":true},"Null":{"aws:TokenIssueTime":"false"}}}}`, uint8(3), session, "sts:AssumeRole", "arn:aws:iam::444455556666:role/R", "aws:SecureTransport", "true")
	f.Fuzz(func(t *testing.T, text string, where uint8, principal, action, resource, key, value string) {
		d, err := policy.Parse([]byte(text))
		if err != nil {
			return
		}
		fixed := Policies{
			Identity: []*policy.Document{mustParse(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}`)},
			Resource: mustParse(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*"}]}`),
			SCPs:     [][]*policy.Document{{mustParse(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}`)}},
		}
		r := Request{Principal: principal, Action: action, Resource: resource}
		if key != "" {
			r.Context = Context{key: {value}}
		}
		decide := func(p Policies) (Decision, bool) {
			res, err := Evaluate(p, r)
			requireOneShotIsCompiled(t, p, r, res, err)
			if err != nil {
				if res.Decision == Allowed {
					t.Fatalf("error %v with decision Allowed", err)
				}
				return res.Decision, false
			}
			ev, err := Compile(p)
			if err != nil {
				t.Fatalf("Evaluate succeeded but Compile failed: %v", err)
			}
			dd, err := ev.Decide(r)
			if err != nil || dd != res.Decision {
				t.Fatalf("Decide = %v, %v; Evaluate = %v", dd, err, res.Decision)
			}
			if nm, err := withoutMemo(ev).Decide(r); err != nil || nm != dd {
				t.Fatalf("Decide without the action memo = %v, %v; with it %v", nm, err, dd)
			}
			explained(t, ev, r)
			return res.Decision, true
		}
		base, ok := decide(place(d, where, fixed))
		if !ok || base == Allowed {
			return
		}
		// Adding a Deny statement, copied from each statement of d or
		// aimed at the request, never turns a denial into an allow.
		denies := []policy.Statement{{Effect: policy.Deny, Action: policy.List(action), Resource: policy.List("*"), Principal: policy.Everyone()}}
		for _, st := range d.Statement {
			st.Effect = policy.Deny
			denies = append(denies, st)
		}
		for _, extra := range denies {
			stmts := append(append([]policy.Statement(nil), d.Statement...), extra)
			if got, _ := decide(place(withStatements(d, stmts), where, fixed)); got == Allowed {
				t.Fatalf("adding Deny %+v turned %v into Allowed", extra, base)
			}
		}
		// Removing an Allow statement never turns a denial into an allow.
		for i, st := range d.Statement {
			if st.Effect != policy.Allow {
				continue
			}
			stmts := append(append([]policy.Statement(nil), d.Statement[:i]...), d.Statement[i+1:]...)
			if got, _ := decide(place(withStatements(d, stmts), where, fixed)); got == Allowed {
				t.Fatalf("removing Allow statement %d turned %v into Allowed", i, base)
			}
		}
	})
}

func mustParse(text string) *policy.Document {
	d, err := policy.Parse([]byte(text))
	if err != nil {
		panic(err)
	}
	return d
}

// withoutMemo returns a copy of ev that matches every action pattern at
// request time, to check the Compile-time action memo against it.
func withoutMemo(ev *Evaluator) *Evaluator {
	c := *ev
	c.index = nil
	c.names = newNameTable(len(ev.names.slots))
	for _, sl := range ev.names.slots {
		if sl.name != "" && sl.val.id < 0 {
			c.names.add(sl.name, sl.val) // a service prefix
		}
	}
	return &c
}

// FuzzCompileLoose hands the engine documents built without policy.Parse's
// checks, as a caller filling the Go types by hand can: whatever they hold,
// Compile and Decide must not panic, and an error is never Allowed.
func FuzzCompileLoose(f *testing.F) {
	f.Add(`{"Statement":[{"Effect":"Allow","Action":"kms:","Resource":""}]}`, uint8(0), alice, "kms:Decrypt", keyARN)
	f.Add(`{"Statement":[{"Effect":"Deny","NotPrincipal":{"AWS":["arn:aws:sts::1:assumed-role/","","*"]},"NotAction":[""],"NotResource":["${"]}]}`, uint8(1), session, "sts:AssumeRole", roleARN)
	f.Add(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Federated":""},"Action":"*","Condition":{"ForAnyValue:ArnLike":{"k":["${a}:${b, 'c'}:*"]},"NumericEquals":{"k":[]}}}]}`, uint8(1), "accounts.google.com", "sts:AssumeRoleWithWebIdentity", roleARN)
	f.Fuzz(func(t *testing.T, text string, where uint8, principal, action, resource string) {
		d, err := readLoose(text)
		if err != nil {
			return
		}
		p := place(d, where, Policies{})
		r := Request{Principal: principal, Action: action, Resource: resource, Context: Context{"k": {"v"}}}
		res, err := Evaluate(p, r)
		if err != nil && res.Decision == Allowed {
			t.Fatalf("error %v with decision Allowed", err)
		}
		strict, errStrict := Compile(p)
		if errStrict == nil {
			d1, err1 := strict.Decide(r)
			if err1 != nil && d1 == Allowed {
				t.Fatalf("Decide error %v with Allowed", err1)
			}
			if err1 == nil && d1 != res.Decision {
				t.Fatalf("Decide = %v, Evaluate = %v", d1, res.Decision)
			}
		}
		// Read loosely, any document compiles (a nil one aside); on a
		// document Compile accepts, the loose reading decides alike.
		loose, err := Compile(p, LooseDocuments())
		if err != nil {
			return
		}
		dl, errl := loose.Decide(r)
		if errl != nil && dl == Allowed {
			t.Fatalf("loose Decide error %v with Allowed", errl)
		}
		if errStrict == nil {
			ds, errs := strict.Decide(r)
			if (errs == nil) != (errl == nil) || ds != dl {
				t.Fatalf("loose reading of a valid document decides %v, %v; strict %v, %v", dl, errl, ds, errs)
			}
		}
	})
}
