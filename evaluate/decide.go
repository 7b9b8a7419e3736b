package evaluate

import (
	"github.com/cksiam/cksiam/internal/ascii"
	"strconv"
)

// decide runs the evaluation logic of aws-rules C on a prepared request.
//
// Order (aws-rules C.2): every Deny in every policy type first; then each SCP
// level must allow (SCPs govern the caller's account; scpsApply says when
// they do not apply); RCP levels only restrict by Deny (RCPFullAWSAccess is
// implied at every level; rcpsApply says when RCPs do not apply); then the
// resource policy and the identity policies grant, limited by the
// permissions boundary and the session policy, as grant describes.
func (e *Evaluator) decide(s *state, r rows) Decision {
	tr := s.tr
	s.hasBoundary = e.boundary != nil
	e.settle(s)
	deny := false
	var id, bd, se, rs outcome
	evalOne := func(ds *docSet) outcome {
		if ds == nil {
			return outcome{}
		}
		o := ds.eval(s, &r)
		deny = deny || o.deny
		if tr != nil {
			tr.verdicts = append(tr.verdicts, PolicyVerdict{Type: ds.typ, Level: int(ds.level), Decision: verdictOf(o)})
		}
		return o
	}
	id = evalOne(e.identity)
	if deny && tr == nil {
		return ExplicitDeny
	}
	rs = evalOne(e.resource)
	bd = evalOne(e.boundary)
	se = evalOne(e.session)
	if deny && tr == nil {
		return ExplicitDeny
	}
	if tr != nil && !s.caller.hasIdentity() && (e.identity != nil || e.boundary != nil || e.session != nil) {
		tr.diag(warnDiag(DiagIdentityNotApplicable, "a service or identity-provider principal has no identity-based policies, boundary or session policy; their Allow statements are ignored, their Deny statements still apply", ""))
	}

	scpsApply, why := s.scpsApply()
	scpLevelDenied := -1
	if len(e.scps) > 0 && !scpsApply && tr != nil {
		tr.diag(infoDiag(DiagSCPsNotApplicable, why, "SCPs"))
	}
	if scpsApply {
		for i := range e.scps {
			ds := &e.scps[i]
			o := evalOne(ds)
			if deny && tr == nil {
				return ExplicitDeny
			}
			if !o.allow && scpLevelDenied < 0 {
				scpLevelDenied = int(ds.level)
				if tr != nil && ds.empty {
					tr.diag(warnDiag(DiagEmptySCPLevel, "this SCP level has no statement, so it allows nothing", "SCPs["+strconv.Itoa(int(ds.level))+"]"))
				}
			}
		}
	}
	if len(e.rcps) > 0 {
		if ok, why := s.rcpsApply(); ok {
			for i := range e.rcps {
				evalOne(&e.rcps[i])
				if deny && tr == nil {
					return ExplicitDeny
				}
				if tr != nil {
					// RCPFullAWSAccess cannot be detached: a level without an
					// applicable Deny allows.
					v := &tr.verdicts[len(tr.verdicts)-1]
					if v.Decision == ImplicitDeny {
						v.Decision = Allowed
					}
				}
			}
		} else if tr != nil {
			tr.diag(infoDiag(DiagRCPsNotApplicable, why, "RCPs"))
		}
	}
	if deny {
		s.because("an explicit Deny applies")
		return ExplicitDeny
	}
	if scpLevelDenied >= 0 {
		s.because("SCP level ", strconv.Itoa(scpLevelDenied), " does not allow ", s.action)
		return ImplicitDeny
	}
	return e.grant(s, id, bd, se, rs)
}

// limits says what keeps the boundary or the session policy from letting
// an allow through, or "" when nothing does. Without a session policy a
// role session keeps its role's permissions, and a federated-user session
// gets nothing from its IAM user (aws-rules C.2 step 7).
func (e *Evaluator) limits(s *state, bd, se outcome) string {
	switch {
	case e.boundary != nil && !bd.allow:
		return "the permissions boundary does not allow the action"
	case se.allow || e.session == nil && s.caller.kind != callerFederatedUser:
		return ""
	case e.session == nil:
		return "a federated-user session has no permissions without a session policy"
	}
	return "the session policy does not allow the action"
}

func verdictOf(o outcome) Decision {
	switch {
	case o.deny:
		return ExplicitDeny
	case o.allow:
		return Allowed
	}
	return ImplicitDeny
}

// because records the reason for the decision, the first one given, in
// parts: they are joined only when the reason is asked for, and Decide
// records nothing.
func (s *state) because(parts ...string) {
	if s.tr != nil && !s.tr.reason.has() {
		s.tr.reason.set(parts...)
	}
}

func (s *state) note(d Diagnostic) {
	if s.tr != nil {
		s.tr.diag(d)
	}
}

// policyGrant decides between Allowed and ImplicitDeny through the
// policies once no Deny applies and the SCPs allow (aws-rules C.2–C.5).
func (e *Evaluator) policyGrant(s *state, id, bd, se, rs outcome) Decision {
	c := &s.caller
	identityOK := id.allow || c.kind == callerRoot
	limits := func() string { return e.limits(s, bd, se) }
	kind := "resource policy"
	switch {
	case s.keyRequest:
		kind = "key policy"
	case s.trustRequest:
		kind = "trust policy"
	}

	if c.kind == callerRoot && s.trustRequest {
		s.note(errDiag(DiagRootCannotAssumeRole, "the account root user cannot assume roles", "Request.Principal"))
		s.because("the account root user cannot assume roles")
		return ImplicitDeny
	}

	if e.resource == nil {
		switch {
		case s.keyRequest:
			s.note(errDiag(DiagKeyPolicyRequired, "every KMS key has a key policy and IAM policies alone never grant access to a key: give the key policy as Policies.Resource", "Policies.Resource"))
			s.because("no key policy was given for the KMS key")
			return ImplicitDeny
		case s.trustRequest:
			s.note(errDiag(DiagTrustPolicyRequired, "assuming a role needs the role's trust policy: give it as Policies.Resource", "Policies.Resource"))
			s.because("no trust policy was given for the role")
			return ImplicitDeny
		case !c.hasIdentity():
			s.because("no resource policy grants the ", c.raw, " principal")
			return ImplicitDeny
		case s.resourceAcct != c.acct:
			if s.tr != nil {
				s.note(errDiag(DiagCrossAccountNeedsResourcePolicy, "the resource is in account "+s.resourceAccount+" and the caller in "+c.account+": cross-account access needs a resource policy that allows the caller", "Policies.Resource"))
			}
			s.because("cross-account access without a resource policy")
			return ImplicitDeny
		}
		return s.identityPath(identityOK, limits())
	}

	how := rs.how
	if !rs.allow {
		how = 0
	}
	if !c.hasIdentity() {
		if how&direct != 0 {
			s.because("the ", kind, " allows the ", c.raw, " principal")
			return Allowed
		}
		s.because("the ", kind, " does not allow the ", c.raw, " principal")
		return ImplicitDeny
	}

	if s.resourceAcct != c.acct {
		if s.keyRequest && !kmsCrossAccount(s.actionName) {
			if s.tr != nil {
				s.note(errDiag(DiagKMSNotCrossAccount, s.action+" cannot be used on a KMS key in another account; only cryptographic operations, CreateGrant, DescribeKey, GetKeyRotationStatus, GetPublicKey, ListGrants, RetireGrant and RevokeGrant can", "Request.Action"))
			}
			s.because("the operation cannot be used on a KMS key in another account")
			return ImplicitDeny
		}
		// Cross-account: both sides must allow (aws-rules C.3).
		if how == 0 {
			s.because("the ", kind, " in account ", s.resourceAccount, " does not allow the caller")
			return ImplicitDeny
		}
		if !identityOK {
			s.because("cross-account access needs an identity policy in the caller's account that allows ", s.action)
			return ImplicitDeny
		}
		if l := limits(); l != "" {
			s.because(l)
			return ImplicitDeny
		}
		s.because("the ", kind, " and the caller's identity policies both allow ", s.action)
		return Allowed
	}

	// Same account (aws-rules C.2 table): naming the session, the user, or
	// everyone grants on its own; naming the role is still limited by the
	// boundary and the session policy; naming the account delegates to the
	// identity policies.
	if how&(matchSession|matchUser|matchEveryone) != 0 {
		if s.trustRequest && c.kind == callerUser && e.boundary != nil && !bd.allow {
			// A trust policy is the exception: "If a permissions boundary
			// is set for the user, then it must allow the sts:AssumeRole
			// action" (IAM User Guide, Update a role trust policy,
			// https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_update-role-trust-policy.html).
			s.because("the trust policy allows the user, but the user's permissions boundary does not allow ", s.action)
			return ImplicitDeny
		}
		if (s.keyRequest || s.trustRequest) && s.tr != nil {
			if l := limits(); l != "" {
				// AWS documents that a resource-based policy naming a user
				// or session is not limited by the boundary or session
				// policy, and makes an exception for trust policies naming
				// users only; for key policies, and trust policies naming
				// sessions, following the general rule is the project's
				// reading (aws-rules I.11).
				s.note(warnDiag(DiagDirectGrantReading, l+", but the "+kind+" names the caller directly, which AWS documents as not limited for resource-based policies in general and does not say for "+kind+"s; read as: not limited", "Policies.Resource"))
			}
		}
		s.because("the ", kind, " allows the caller directly")
		return Allowed
	}
	if how&matchRole != 0 {
		if l := limits(); l != "" {
			s.because(l)
			return ImplicitDeny
		}
		s.because("the ", kind, " allows the caller's role")
		return Allowed
	}
	if (s.keyRequest || s.trustRequest) && how&matchAccount == 0 {
		// Key and trust policies do not trust their account implicitly:
		// IAM policies count only when the policy allows the account
		// principal (aws-rules C.4, C.5).
		if identityOK {
			s.because("the ", kind, " neither names the caller nor allows its account, so identity policies cannot grant ", s.action)
		} else {
			s.because("the ", kind, " does not allow the caller")
		}
		return ImplicitDeny
	}
	return s.identityPath(identityOK, limits())
}

// identityPath is the grant through identity policies, limited by the
// boundary and the session policy.
func (s *state) identityPath(identityOK bool, limit string) Decision {
	if !identityOK {
		s.because("no identity policy allows ", s.action)
		return ImplicitDeny
	}
	if limit != "" {
		s.because(limit)
		return ImplicitDeny
	}
	if s.caller.kind == callerRoot {
		s.note(infoDiag(DiagRootUserAccess, "the account root user has full access to its own account, subject to SCPs", "Request.Principal"))
		s.because("the account root user has full access to its own account")
		return Allowed
	}
	s.because("an identity policy allows ", s.action)
	return Allowed
}

// kmsCrossAccount reports whether a kms action may be used on a key in
// another account (aws-rules C.4, E.2 "Cross-account use"). The ML-KEM
// operations are cryptographic operations too: "Cross-account use: Yes"
// (https://docs.aws.amazon.com/kms/latest/APIReference/API_Encapsulate.html,
// API_Decapsulate.html).
func kmsCrossAccount(name string) bool {
	for _, a := range kmsCrossAccountActions {
		if ascii.EqualFold(name, a) {
			return true
		}
	}
	return false
}

var kmsCrossAccountActions = [...]string{
	"CreateGrant", "Decapsulate", "Decrypt", "DeriveSharedSecret", "DescribeKey", "Encapsulate", "Encrypt", "GenerateDataKey",
	"GenerateDataKeyPair", "GenerateDataKeyPairWithoutPlaintext", "GenerateDataKeyWithoutPlaintext",
	"GenerateMac", "GetKeyRotationStatus", "GetPublicKey", "ListGrants", "ReEncryptFrom", "ReEncryptTo",
	"RetireGrant", "RevokeGrant", "Sign", "Verify", "VerifyMac",
}

// settle sets what the evaluator's options decide about a prepared request
// before any key is read: whether the caller is named, and, for the
// simulator without a resource policy, that key and role ARNs are decided
// by the identity policies alone.
func (e *Evaluator) settle(s *state) {
	s.unnamedCaller = e.unnamedCaller
	if e.simulator && e.resource == nil {
		s.keyRequest, s.trustRequest = false, false
	}
}
