package prove

import (
	"github.com/cksiam/cksiam/internal/ascii"
	"strings"
	"sync"

	"github.com/cksiam/cksiam/evaluate"
	"github.com/cksiam/cksiam/policy"
)

// The prover does not restate the evaluator's decision table. It reads it
// from the evaluator: for each way a request can be shaped (the caller's
// kind, same account or not, a key or trust request, the action's class)
// it decides small probe requests against probe policies and records the
// answers. The prover's semantics are therefore the evaluator's by
// construction, and a change to the evaluator's logic changes the prover
// with it.

// actAttrs is what the evaluator's decision reads of an action beyond
// matching: its service and the lists it keeps (kms operations usable
// across accounts, sts actions a trust policy authorizes, services RCPs
// govern, actions RCPs do not restrict).
type actAttrs struct {
	svc       string // "kms", "sts" or "" for any other service
	rcp       bool   // RCPs govern the service
	rcpExempt bool   // RCPs do not restrict this action (kms:RetireGrant)
	cross     bool   // kms: usable on a key in another account
	trust     bool   // sts: authorized by the role's trust policy
}

func (a actAttrs) key() string {
	b := []byte(a.svc + ":")
	for _, f := range []bool{a.rcp, a.rcpExempt, a.cross, a.trust} {
		if f {
			b = append(b, '1')
		} else {
			b = append(b, '0')
		}
	}
	return string(b)
}

// Probe accounts and names. They only shape probe requests; no answer of
// the prover names them.
const (
	probeAcct  = "111111111111"
	probeOther = "222222222222"
	probeNone  = "999999999999"
)

var (
	factsMu   sync.Mutex
	svcFacts  = map[string]bool{}     // service -> RCPs govern it
	nameFacts = map[string]actAttrs{} // lower-cased action -> attributes
)

func doc(stmts ...policy.Statement) *policy.Document {
	return &policy.Document{Version: policy.Version2012, Statement: stmts}
}

func allowAll() policy.Statement {
	return policy.Statement{Effect: policy.Allow, Action: policy.List("*"), Resource: policy.List("*")}
}

func allowNothing() policy.Statement {
	return policy.Statement{Effect: policy.Allow, Action: policy.List("zzprobe:Nothing"), Resource: policy.List("*")}
}

func decide(p evaluate.Policies, r evaluate.Request) evaluate.Decision {
	d, err := evaluate.Evaluate(p, r)
	if err != nil {
		return evaluate.ImplicitDeny
	}
	return d.Decision
}

// attrsOf returns the evaluator's attributes of an action.
func attrsOf(action string) actAttrs {
	la := ascii.ToLower(action)
	factsMu.Lock()
	a, ok := nameFacts[la]
	factsMu.Unlock()
	if ok {
		return a
	}
	svc, name, _ := strings.Cut(action, ":")
	lsvc := ascii.ToLower(svc)
	switch lsvc {
	case "kms", "sts":
		a.svc = lsvc
	}
	a.rcp = rcpGoverns(lsvc)
	user := "arn:aws:iam::" + probeAcct + ":user/u"
	switch a.svc {
	case "kms":
		// Usable across accounts: a key policy that allows everyone and
		// an identity policy that allows everything grant it only then.
		key := "arn:aws:kms:us-east-1:" + probeOther + ":key/k"
		everyone := doc(policy.Statement{Effect: policy.Allow, Principal: policy.Everyone(), Action: policy.List("*"), Resource: policy.List("*")})
		a.cross = decide(evaluate.Policies{Identity: []*policy.Document{doc(allowAll())}, Resource: everyone},
			evaluate.Request{Principal: user, Action: action, Resource: key}) == evaluate.Allowed
		if a.rcp {
			deny := doc(policy.Statement{Effect: policy.Deny, Principal: policy.Everyone(), Action: policy.List("*"), Resource: policy.List("*")})
			a.rcpExempt = decide(evaluate.Policies{Identity: []*policy.Document{doc(allowAll())}, Resource: everyone,
				RCPs: [][]*policy.Document{{deny}}},
				evaluate.Request{Principal: user, Action: action, Resource: "arn:aws:kms:us-east-1:" + probeAcct + ":key/k"}) != evaluate.ExplicitDeny
		}
	case "sts":
		// A trust action needs the role's trust policy: identity policies
		// alone do not grant it.
		a.trust = decide(evaluate.Policies{Identity: []*policy.Document{doc(allowAll())}},
			evaluate.Request{Principal: user, Action: action, Resource: "arn:aws:iam::" + probeAcct + ":role/t"}) != evaluate.Allowed
	}
	_ = name
	factsMu.Lock()
	nameFacts[la] = a
	factsMu.Unlock()
	return a
}

// rcpGoverns reports whether RCPs restrict requests of a service.
func rcpGoverns(svc string) bool {
	factsMu.Lock()
	g, ok := svcFacts[svc]
	factsMu.Unlock()
	if ok {
		return g
	}
	deny := doc(policy.Statement{Effect: policy.Deny, Principal: policy.Everyone(), Action: policy.List("*"), Resource: policy.List("*")})
	g = decide(evaluate.Policies{Identity: []*policy.Document{doc(allowAll())}, RCPs: [][]*policy.Document{{deny}}},
		evaluate.Request{Principal: "arn:aws:iam::" + probeAcct + ":user/u", Action: svc + ":ZzProbe",
			Resource: "arn:aws:" + svc + ":us-east-1:" + probeAcct + ":thing/x"}) == evaluate.ExplicitDeny
	factsMu.Lock()
	svcFacts[svc] = g
	factsMu.Unlock()
	return g
}
