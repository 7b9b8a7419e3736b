package evaluate

import (
	"github.com/cksiam/cksiam/internal/ascii"
	"strings"
)

// extras holds what only some Evaluators need: grants, facts, the readings
// of grants and the notes of Compile. It lies behind one pointer so that the fields every
// decision reads stay in the Evaluator's first cache line.
type extras struct {
	// notes are the diagnostics of Compile (statements read
	// fail-closed), which every explanation repeats.
	notes           []Diagnostic
	grants          *grantSet // nil without Policies.Grants
	facts           facts
	grantBoundaries GrantBoundaryReading
	accountGrantee  AccountGranteeReading
	sourceArn       SourceArnReading
}

// grant decides between Allowed and ImplicitDeny once no Deny applies and
// the SCPs allow: through the key, trust, resource and identity policies
// (policyGrant), or through a KMS grant. kms:RetireGrant on a key follows
// its own rules (retireGrant).
func (e *Evaluator) grant(s *state, id, bd, se, rs outcome) Decision {
	if s.keyRequest && !e.simulator && s.actionService == "kms" && ascii.EqualFold(s.actionName, "RetireGrant") {
		return e.retireGrant(s, id, bd, se, rs)
	}
	d := e.policyGrant(s, id, bd, se, rs)
	x := e.more
	if d == Allowed || x == nil || x.grants == nil || !s.keyRequest || e.resource == nil || s.actionService != "kms" {
		// Without the key policy a grant cannot be trusted to apply: the
		// key policy may deny (policyGrant said so in a diagnostic).
		return d
	}
	op := actionOpBit(s.actionName)
	if op == 0 {
		return d
	}
	identityOK := id.allow || s.caller.kind == callerRoot
	limit := e.limits(s, bd, se)
	lists := x.grants.candidates(&s.caller)
	for _, list := range lists {
		for _, i := range list {
			g := &x.grants.grants[i]
			if g.ops&op == 0 || !s.onGrantKey(g) {
				continue
			}
			m := g.matchGrantee(&s.caller)
			if m == 0 {
				continue
			}
			if !e.grantHolds(s, g, op) {
				if s.tr != nil && op&opsWithContext != 0 && !s.ecSatisfies(g) {
					s.note(infoDiag(DiagGrantConstraintNotMet, "the grant names the caller and "+s.action+", but the request's encryption context does not meet its constraint", grantPath(int(g.index))+".Constraints"))
				}
				continue
			}
			if !e.granteeAllowed(s, g, m, identityOK, limit) {
				continue
			}
			s.allowedBy(g, "grant ", " allows the request")
			return Allowed
		}
	}
	return d
}

// allowedBy records that grant g allowed the request, and why: before,
// the grant's ID, after.
func (s *state) allowedBy(g *compiledGrant, before, after string) {
	if s.tr != nil {
		s.tr.grantID = g.id
		s.tr.reason.set(before, g.id, after)
	}
}

// onGrantKey reports whether grant g is on the key the request names.
func (s *state) onGrantKey(g *compiledGrant) bool {
	switch {
	case g.keyARN != "":
		return g.keyARN == s.resource
	case g.keyID != "":
		i := strings.Index(s.resource, ":key/")
		return i >= 0 && s.resource[i+len(":key/"):] == g.keyID
	}
	return true
}

// matchGrantee returns how g's grantee names the caller (0: not at all).
func (g *compiledGrant) matchGrantee(c *caller) match {
	if g.granteeService != "" {
		if c.kind == callerService && c.raw == g.granteeService {
			return matchService
		}
		return 0
	}
	return g.grantee.matchCaller(c)
}

// matchRetiring returns how g's retiring principal names the caller.
func (g *compiledGrant) matchRetiring(c *caller) match {
	if g.retiringService != "" && c.kind == callerService && c.raw == g.retiringService {
		return matchService
	}
	if g.retiring.kind == 0 {
		return 0
	}
	return g.retiring.matchCaller(c)
}

// granteeAllowed decides whether a grant whose grantee matched the caller
// as m gives it the operation, under the readings of account grantees and
// of boundaries (options.go), given whether the identity policies allow
// and what limits the boundary and session policy set.
func (e *Evaluator) granteeAllowed(s *state, g *compiledGrant, m match, identityOK bool, limit string) bool {
	x := e.more
	c := &s.caller
	if m&^matchAccount == 0 {
		// The grantee is the caller's account.
		var ok bool
		var how string
		switch x.accountGrantee {
		case AccountGranteeRootOnly:
			ok, how = c.kind == callerRoot, "only the account's root user may use it"
		case AccountGranteeWholeAccount:
			ok = limit == "" || x.grantBoundaries != GrantAlwaysLimited
			how = "every principal of the account may use it without an IAM policy"
		default:
			ok = c.kind == callerRoot || identityOK && limit == ""
			how = "the account's principals need an IAM policy allowing " + s.action + " on the key, within their boundary and session policy"
		}
		if s.tr != nil {
			s.note(warnDiag(DiagGrantAccountGrantee, "the grantee is an account, which AWS does not explain for grants; read as: "+how+" (option AccountGrantees)", grantPath(int(g.index))+".GranteePrincipal"))
		}
		return ok
	}
	if limit == "" || !c.hasIdentity() {
		return true
	}
	limited := m&matchRole != 0 && m&(matchUser|matchSession) == 0
	switch x.grantBoundaries {
	case GrantAlwaysLimited:
		limited = true
	case GrantNeverLimited:
		limited = false
	}
	if s.tr != nil {
		verdict := "is not limited by it"
		if limited {
			verdict = "is limited by it"
		}
		s.note(warnDiag(DiagGrantBoundaryReading, limit+"; AWS does not say whether that limits a grant; read as: the grant "+verdict+" (option GrantBoundaries)", grantPath(int(g.index))))
	}
	return !limited
}

// grantHolds reports whether g's constraints hold for operation op of the
// request.
func (e *Evaluator) grantHolds(s *state, g *compiledGrant, op uint32) bool {
	if g.sourceArn != "" && op != opRetireGrant {
		if e.more.sourceArn == SourceArnNeverHolds {
			if s.tr != nil {
				s.note(warnDiag(DiagGrantSourceArn, "read as never holding (option GrantSourceArn), so the grant does not apply", grantPath(int(g.index))+".Constraints.SourceArn"))
			}
			return false
		}
		v, ok := s.lookup(&sourceArnKey)
		held := ok && v.len() == 1 && v.at(0) == g.sourceArn
		if s.tr != nil {
			verdict := "does not hold"
			if held {
				verdict = "holds"
			}
			s.note(infoDiag(DiagGrantSourceArn, "read as the condition aws:SourceArn equals "+quote(g.sourceArn)+", which "+verdict+" (option GrantSourceArn)", grantPath(int(g.index))+".Constraints.SourceArn"))
		}
		if !held {
			return false
		}
	}
	switch {
	case op == opCreateGrant:
		return s.childAllowed(g)
	case op&opsWithContext != 0:
		return s.ecSatisfies(g)
	}
	// DescribeKey, RetireGrant and the operations of asymmetric and HMAC
	// keys take no encryption context: the constraint is ignored.
	return true
}

var sourceArnKey = newKeyRef("aws:SourceArn")

// retireGrant decides kms:RetireGrant on a key. The grant decides who may
// retire it, not the key policy (docs.aws.amazon.com/kms/latest/developerguide/grant-delete.html):
// its retiring principal; its grantee when the grant allows RetireGrant;
// the account that issued it, the account that owns the key, and the
// principals of those accounts (or of a retiring account) to whom their
// IAM policies allow kms:RetireGrant.
// "The kms:RetireGrant permission is not effective in a key policy."
func (e *Evaluator) retireGrant(s *state, id, bd, se, rs outcome) Decision {
	c := &s.caller
	if rs.allow {
		s.note(infoDiag(DiagRetireGrantKeyPolicy, "kms:RetireGrant is not effective in a key policy: its Allow was ignored", "Policies.Resource"))
	}
	if e.resource == nil {
		s.note(errDiag(DiagKeyPolicyRequired, "every KMS key has a key policy, whose Deny statements apply to kms:RetireGrant: give it as Policies.Resource", "Policies.Resource"))
		s.because("no key policy was given for the KMS key")
		return ImplicitDeny
	}
	identityOK := id.allow || c.kind == callerRoot
	limit := e.limits(s, bd, se)
	// An account's principals retire through IAM policies, within their
	// boundary and session policy.
	viaAccount := func(who string, g *compiledGrant) Decision {
		switch {
		case !identityOK:
			s.because(who, " may retire the grant through IAM policies, but none allows ", s.action)
			return ImplicitDeny
		case limit != "":
			s.because(who, " may retire the grant through IAM policies, but ", limit)
			return ImplicitDeny
		}
		s.because(who, " may retire the grant, and the caller's identity policies allow ", s.action)
		if g != nil && s.tr != nil {
			s.tr.grantID = g.id
		}
		return Allowed
	}
	if s.grantID == "" {
		s.note(warnDiag(DiagRetireGrantUnnamed, "the request names no grant (Request.GrantId), so only the key's account delegating kms:RetireGrant through IAM policies is considered", "Request.GrantId"))
		if c.hasIdentity() && c.acct == s.resourceAcct {
			return viaAccount("the key's account", nil)
		}
		s.because("the request names no grant, and the caller is not in the key's account")
		return ImplicitDeny
	}
	x := e.more
	var g *compiledGrant
	if x != nil && x.grants != nil {
		if i, ok := x.grants.byID[s.grantID]; ok && s.onGrantKey(&x.grants.grants[i]) {
			g = &x.grants.grants[i]
		}
	}
	if g == nil {
		s.note(errDiag(DiagGrantNotFound, "no grant with this ID on the key is in Policies.Grants", "Request.GrantId"))
		s.because("grant ", s.grantID, " is not among the key's grants")
		return ImplicitDeny
	}
	if m := g.matchRetiring(c); m != 0 {
		if m&^matchAccount == 0 {
			if c.kind == callerRoot {
				s.allowedBy(g, "the root user of the retiring account may retire grant ", "")
				return Allowed
			}
			if d := viaAccount("the retiring principal, the caller's account,", g); d == Allowed {
				return Allowed
			}
		} else if e.granteeAllowed(s, g, m, identityOK, limit) {
			s.allowedBy(g, "the caller is the retiring principal of grant ", "")
			return Allowed
		}
	}
	if g.ops&opRetireGrant != 0 {
		if m := g.matchGrantee(c); m != 0 && e.granteeAllowed(s, g, m, identityOK, limit) {
			s.allowedBy(g, "the caller is the grantee of grant ", ", which allows RetireGrant")
			return Allowed
		}
	}
	if g.issuing != 0 && c.acct == g.issuing && c.hasIdentity() {
		if c.kind == callerRoot {
			s.allowedBy(g, "the root user of the issuing account may retire grant ", "")
			return Allowed
		}
		return viaAccount("the issuing account", g)
	}
	// "The AWS account that owns the KMS key can delegate the
	// kms:RetireGrant permission to an IAM user in the account"
	// (grant-delete.html), whichever account created the grant.
	if c.acct == s.resourceAcct && c.hasIdentity() {
		if c.kind == callerRoot {
			s.allowedBy(g, "the root user of the key's account may retire grant ", "")
			return Allowed
		}
		return viaAccount("the key's account", g)
	}
	s.because("the caller is not grant ", g.id, "'s retiring principal, nor its grantee with RetireGrant, nor in its issuing account or the key's account")
	return ImplicitDeny
}
