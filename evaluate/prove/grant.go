package prove

import (
	"fmt"
	"sync"

	"github.com/cksiam/cksiam/evaluate"
	"github.com/cksiam/cksiam/policy"
)

// reqKind is how the evaluator reads a request's resource.
type reqKind uint8

const (
	reqPlain    reqKind = iota // an ARN that is neither a key (for kms) nor a role (for sts trust actions)
	reqStar                    // Resource "*"
	reqKey                     // a kms action on a KMS key: Policies.Resource is the key policy
	reqTrust                   // an sts trust action on a role: Policies.Resource is the trust policy
	reqTrustSLR                // the same on a service-linked role
)

// shape is one way a request can be shaped, as far as the evaluator's
// decision (after matching) tells requests apart.
type shape struct {
	kind  callerKind
	same  bool // the resource is in the caller's account
	req   reqKind
	attrs actAttrs
	// Which policy types the question gives.
	identity, boundary, session, resource bool
}

// Inputs of the grant function: whether each set allows, and for the
// resource policy how the applicable Allow statements name the caller.
const (
	inIdentity = iota
	inBoundary
	inSession
	inAccount
	inRole
	inUser
	inSession2
	inEveryone
	inService
	inFederated
	numInputs
)

// inputFor maps a principal match bit to its input.
func inputFor(m match) int {
	switch m {
	case mAccount:
		return inAccount
	case mRole:
		return inRole
	case mUser:
		return inUser
	case mSession:
		return inSession2
	case mEveryone:
		return inEveryone
	case mService:
		return inService
	case mFederated:
		return inFederated
	}
	return -1
}

// grantFn is the evaluator's grant for one shape, read as a monotone
// Boolean function of its inputs: the minimal sets of inputs that grant
// (success) and the maximal sets that do not (failure). Denies and SCP
// levels are outside it: scps and rcps say whether those apply at all.
type grantFn struct {
	inputs  []int    // the inputs that can vary for this shape
	success []uint16 // minimal true points, as bit sets over inputs (by input number)
	failure []uint16 // maximal false points
	scps    bool     // SCPs apply to the caller
	rcps    bool     // RCPs apply to the request
	// broken: the evaluator's grant was not monotone for this shape, so
	// modes cannot describe it and the prover answers Unknown.
	broken bool
}

var (
	grantMu    sync.Mutex
	grantCache = map[shape]*grantFn{}
	// grantByContent holds one grant function per content: shapes whose
	// grants agree share the pointer, so that the searcher's caches keyed
	// by grant function (plans, failures) serve all of them.
	grantByContent = map[string]*grantFn{}
)

// matchesFor lists the ways a resource policy can name a caller of kind k.
func matchesFor(k callerKind) []match {
	switch k {
	case kUser:
		return []match{mAccount, mUser, mEveryone}
	case kRole, kSLRRole:
		return []match{mAccount, mRole, mEveryone}
	case kSession, kSLRSession:
		return []match{mAccount, mRole, mSession, mEveryone}
	case kFedUser:
		return []match{mAccount, mSession, mEveryone}
	case kRoot:
		return []match{mAccount, mEveryone}
	case kService:
		return []match{mService, mFederated, mEveryone}
	case kIdPHost:
		return []match{mFederated, mEveryone}
	case kIdPARN:
		return []match{mAccount, mFederated, mEveryone}
	}
	return nil
}

// probe is the probe request of a shape, with the strings a resource
// policy uses to name its caller.
type probe struct {
	req      evaluate.Request
	callerID map[match]*policy.Principal
}

func probeOf(s shape, action string) probe {
	acct := probeAcct
	var raw string
	var role string
	switch s.kind {
	case kUser:
		raw = "arn:aws:iam::" + acct + ":user/u"
	case kRole:
		raw, role = "arn:aws:iam::"+acct+":role/r", "r"
	case kSLRRole:
		raw, role = "arn:aws:iam::"+acct+":role/aws-service-role/svc.amazonaws.com/AWSServiceRoleForProbe", "AWSServiceRoleForProbe"
	case kSession:
		raw, role = "arn:aws:sts::"+acct+":assumed-role/r/s", "r"
	case kSLRSession:
		raw, role = "arn:aws:sts::"+acct+":assumed-role/AWSServiceRoleForProbe/s", "AWSServiceRoleForProbe"
	case kFedUser:
		raw = "arn:aws:sts::" + acct + ":federated-user/f"
	case kRoot:
		raw = "arn:aws:iam::" + acct + ":root"
	case kService:
		raw = "svc.amazonaws.com"
	case kIdPHost:
		raw = "idp.example.com"
	case kIdPARN:
		raw = "arn:aws:iam::" + acct + ":saml-provider/p"
	}
	ra := probeOther
	if s.same {
		ra = acct
	}
	var res, resAcct string
	switch s.req {
	case reqKey:
		res = "arn:aws:kms:us-east-1:" + ra + ":key/k"
	case reqTrust:
		res = "arn:aws:iam::" + ra + ":role/t"
	case reqTrustSLR:
		res = "arn:aws:iam::" + ra + ":role/aws-service-role/svc.amazonaws.com/AWSServiceRoleForTarget"
	case reqPlain:
		res = "arn:aws:zzprobe:us-east-1:" + ra + ":thing/x"
	case reqStar:
		res = "*"
		if !s.same {
			resAcct = ra
		}
	}
	ids := map[match]*policy.Principal{
		mAccount:   policy.AWSPrincipal(acct),
		mUser:      policy.AWSPrincipal(raw),
		mSession:   policy.AWSPrincipal(raw),
		mEveryone:  policy.Everyone(),
		mService:   policy.ServicePrincipal(raw),
		mFederated: {Federated: policy.List(raw)},
	}
	if role != "" {
		ids[mRole] = policy.AWSPrincipal("arn:aws:iam::" + acct + ":role/" + role)
	}
	return probe{req: evaluate.Request{Principal: raw, Action: action, Resource: res, ResourceAccount: resAcct}, callerID: ids}
}

// grantOf returns the grant function of shape s; action is an action with
// the shape's attributes.
func grantOf(s shape, action string) *grantFn {
	k := s
	grantMu.Lock()
	g, ok := grantCache[k]
	grantMu.Unlock()
	if ok {
		return g
	}
	g = deriveGrant(s, action)
	content := fmt.Sprint(g.inputs, g.success, g.failure, g.scps, g.rcps, g.broken)
	grantMu.Lock()
	if same, ok := grantByContent[content]; ok {
		g = same
	} else {
		grantByContent[content] = g
	}
	grantCache[k] = g
	grantMu.Unlock()
	return g
}

func deriveGrant(s shape, action string) *grantFn {
	pr := probeOf(s, action)
	g := &grantFn{}
	if s.identity {
		g.inputs = append(g.inputs, inIdentity)
	}
	if s.boundary {
		g.inputs = append(g.inputs, inBoundary)
	}
	if s.session {
		g.inputs = append(g.inputs, inSession)
	}
	if s.resource {
		for _, m := range matchesFor(s.kind) {
			g.inputs = append(g.inputs, inputFor(m))
		}
	}
	set := func(on bool) *policy.Document {
		if on {
			return doc(allowAll())
		}
		return doc(allowNothing())
	}
	n := len(g.inputs)
	truth := make([]bool, 1<<n)
	for combo := 0; combo < 1<<n; combo++ {
		var p evaluate.Policies
		var rs []policy.Statement
		for i, in := range g.inputs {
			on := combo&(1<<i) != 0
			switch in {
			case inIdentity:
				p.Identity = []*policy.Document{set(on)}
			case inBoundary:
				p.Boundary = set(on)
			case inSession:
				p.Session = set(on)
			default:
				if on {
					rs = append(rs, policy.Statement{Effect: policy.Allow, Principal: pr.callerID[matchOf(in)],
						Action: policy.List("*"), Resource: policy.List("*")})
				}
			}
		}
		if s.resource {
			if len(rs) == 0 {
				rs = append(rs, policy.Statement{Effect: policy.Allow, Principal: policy.AWSPrincipal(probeNone),
					Action: policy.List("*"), Resource: policy.List("*")})
			}
			p.Resource = doc(rs...)
		}
		truth[combo] = decide(p, pr.req) == evaluate.Allowed
	}
	g.success, g.failure = extremes(truth, n)
	// Which guardrails apply: a Deny-everything SCP or RCP level decides
	// the probe explicitly exactly when it applies.
	denyAll := doc(policy.Statement{Effect: policy.Deny, Action: policy.List("*"), Resource: policy.List("*")})
	denyAllRCP := doc(policy.Statement{Effect: policy.Deny, Principal: policy.Everyone(), Action: policy.List("*"), Resource: policy.List("*")})
	g.scps = decide(evaluate.Policies{SCPs: [][]*policy.Document{{denyAll}}}, pr.req) == evaluate.ExplicitDeny
	g.rcps = decide(evaluate.Policies{RCPs: [][]*policy.Document{{denyAllRCP}}}, pr.req) == evaluate.ExplicitDeny
	// The grant must be monotone for the modes to describe it; the
	// evaluator's is (more allows never deny). Should that ever change,
	// the prover answers nothing rather than something wrong.
	for combo := range truth {
		for i := 0; i < n; i++ {
			if truth[combo] && !truth[combo|1<<i] {
				g.broken = true
			}
		}
	}
	// Express the modes over input numbers rather than positions.
	toInputs := func(list []uint16) []uint16 {
		out := make([]uint16, len(list))
		for j, combo := range list {
			var b uint16
			for i, in := range g.inputs {
				if combo&(1<<i) != 0 {
					b |= 1 << in
				}
			}
			out[j] = b
		}
		return out
	}
	g.success, g.failure = toInputs(g.success), toInputs(g.failure)
	return g
}

func matchOf(in int) match {
	switch in {
	case inAccount:
		return mAccount
	case inRole:
		return mRole
	case inUser:
		return mUser
	case inSession2:
		return mSession
	case inEveryone:
		return mEveryone
	case inService:
		return mService
	case inFederated:
		return mFederated
	}
	return 0
}

// extremes returns the minimal true points and the maximal false points of
// a monotone function over n inputs.
func extremes(truth []bool, n int) (minTrue, maxFalse []uint16) {
	for c := range truth {
		if truth[c] {
			minimal := true
			for i := 0; i < n; i++ {
				if c&(1<<i) != 0 && truth[c&^(1<<i)] {
					minimal = false
					break
				}
			}
			if minimal {
				minTrue = append(minTrue, uint16(c))
			}
		} else {
			maximal := true
			for i := 0; i < n; i++ {
				if c&(1<<i) == 0 && !truth[c|1<<i] {
					maximal = false
					break
				}
			}
			if maximal {
				maxFalse = append(maxFalse, uint16(c))
			}
		}
	}
	return minTrue, maxFalse
}
