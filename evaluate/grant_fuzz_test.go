package evaluate

import (
	"strings"
	"testing"

	"github.com/cksiam/cksiam/policy"
)

// FuzzGrants checks, for any policy placed among the others, any grant and
// any request: no panic; Decide agrees with Evaluate; an error is never
// Allowed; a grant never turns an explicitDeny into anything else, and
// never turns a denial into Allowed unless Result.GrantId names it (a
// grant can allow, but not deny: grants.html).
func FuzzGrants(f *testing.F) {
	f.Add(`{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"kms:Decrypt","Resource":"*"}]}`, uint8(0),
		exampleUser, "Decrypt,Encrypt", "Department=IT", false, exampleUser, "kms:Decrypt", "Department=IT", "")
	f.Add(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}`, uint8(4),
		appRole, "CreateGrant,Decrypt", "Department=IT", true, appSession, "kms:CreateGrant", "", "Decrypt")
	f.Add(`{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Principal":"*","Action":"kms:*","Resource":"*","Condition":{"StringNotEquals":{"aws:PrincipalAccount":"111122223333"}}}]}`, uint8(5),
		extRoot, "Encrypt,RetireGrant", "", false, extUser, "kms:RetireGrant", "", "")
	f.Add(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"kms:Encrypt","Resource":"*"}]}`, uint8(2),
		"dynamodb.us-west-2.amazonaws.com", "Decrypt", "a=b,c=d", true, "dynamodb.us-west-2.amazonaws.com", "kms:Decrypt", "A=b,c=d", "")
	f.Fuzz(func(t *testing.T, text string, where uint8, grantee, ops, constraint string, equalsConstraint bool,
		principal, action, reqContext, childOps string) {
		d, err := policy.Parse([]byte(text))
		if err != nil {
			return
		}
		fixed := Policies{
			Identity: []*policy.Document{mustParse(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"kms:Describe*","Resource":"*"}]}`)},
			Resource: mustParse(keyPolicyIAMOnly),
		}
		p := place(d, where, fixed)
		if where%6 == 1 {
			p.Resource = d // the key policy itself
		}
		g := Grant{KeyId: guideKey, GrantId: "fuzz", GranteePrincipal: grantee, RetiringPrincipal: grantee, IssuingAccount: issuing,
			Operations: splitList(ops)}
		if pairs := splitPairs(constraint); pairs != nil {
			g.Constraints = &GrantConstraints{EncryptionContextSubset: pairs}
			if equalsConstraint {
				g.Constraints = &GrantConstraints{EncryptionContextEquals: pairs}
			}
		}
		r := Request{Principal: principal, Action: action, Resource: guideKey, EncryptionContext: splitPairs(reqContext), GrantId: "fuzz"}
		if childOps != "" {
			r.NewGrant = &Grant{GranteePrincipal: exampleUser, Operations: splitList(childOps), Constraints: g.Constraints}
		}
		decide := func(p Policies) (Result, bool) {
			res, err := Evaluate(p, r)
			if err != nil {
				if res.Decision == Allowed {
					t.Fatalf("error %v with decision Allowed", err)
				}
				return res, false
			}
			ev, err := Compile(p)
			if err != nil {
				t.Fatalf("Evaluate succeeded but Compile failed: %v", err)
			}
			if dd, err := ev.Decide(r); err != nil || dd != res.Decision {
				t.Fatalf("Decide = %v, %v; Evaluate = %v", dd, err, res.Decision)
			}
			return res, true
		}
		without, ok := decide(p)
		if !ok {
			return
		}
		p.Grants = []Grant{g}
		with, ok := decide(p)
		if !ok {
			return // a grant Compile refuses
		}
		switch {
		case without.Decision == ExplicitDeny && with.Decision != ExplicitDeny:
			t.Fatalf("adding grant %+v turned explicitDeny into %v", g, with.Decision)
		case without.Decision != Allowed && with.Decision == Allowed && with.GrantId != "fuzz":
			t.Fatalf("adding grant %+v allowed the request without naming it: %s", g, with.Reason)
		case with.Decision != Allowed && with.GrantId != "":
			t.Fatalf("a %v result names grant %q", with.Decision, with.GrantId)
		}
	})
}

func splitList(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, ",")
}

// splitPairs reads "k=v,k2=v2" as a map, nil for "".
func splitPairs(s string) map[string]string {
	if s == "" {
		return nil
	}
	m := map[string]string{}
	for _, kv := range strings.Split(s, ",") {
		k, v, _ := strings.Cut(kv, "=")
		m[k] = v
	}
	return m
}
