package prove

import (
	"strings"

	"github.com/cksiam/cksiam/internal/account"
	"github.com/cksiam/cksiam/policy"
)

// callerKind is the sort of principal a request comes from, as the
// evaluator tells them apart. Service-linked roles and their sessions are
// kinds of their own because SCPs and RCPs treat them apart.
type callerKind uint8

const (
	kUser       callerKind = iota // arn:P:iam::A:user/path/name
	kRole                         // arn:P:iam::A:role/path/name
	kSLRRole                      // a role under /aws-service-role/
	kSession                      // arn:P:sts::A:assumed-role/R/S
	kSLRSession                   // a session of a role named AWSServiceRoleFor…
	kFedUser                      // arn:P:sts::A:federated-user/N
	kRoot                         // arn:P:iam::A:root
	kService                      // svc.amazonaws.com
	kIdPHost                      // an identity provider host (accounts.google.com)
	kIdPARN                       // arn:P:iam::A:saml-provider/N or oidc-provider/N
	numKinds
)

var kindNames = [numKinds]string{"user", "role", "service-linked role", "role session",
	"service-linked role session", "federated user", "account root user", "service principal",
	"identity provider", "identity provider"}

// hasAccount reports whether callers of kind k belong to an account.
func (k callerKind) hasAccount() bool { return k != kService && k != kIdPHost }

// hasIdentity reports whether callers of kind k can have identity-based
// policies (evaluate's caller.hasIdentity).
func (k callerKind) hasIdentity() bool { return k != kService && k != kIdPHost && k != kIdPARN }

// isSession reports whether the kind carries a session name.
func (k callerKind) isSession() bool { return k == kSession || k == kSLRSession }

// principal is a concrete caller: the kind, the string the principal
// dimension holds for it (aws:PrincipalArn for ARN kinds, the service or
// provider name otherwise) and the session name of a role session.
type principal struct {
	kind    callerKind
	arn     string // aws:PrincipalArn, or the raw name for service and IdP-host callers
	session string
}

// raw is the Request.Principal of p.
func (p principal) raw() string {
	if p.kind.isSession() {
		// arn:P:iam::A:role/R becomes arn:P:sts::A:assumed-role/R/S.
		parts, ok := splitARN(p.arn)
		if !ok {
			return p.arn
		}
		return "arn:" + parts[1] + ":sts::" + parts[4] + ":assumed-role/" + lastSegment(parts[5]) + "/" + p.session
	}
	return p.arn
}

// parsed is a caller taken apart the way the evaluator does (evaluate's
// caller.parse), for a principal of the prover's universe.
type parsed struct {
	kind      callerKind
	raw       string
	partition string
	account   string
	name      string // user, role (last path segment) or federated user name
	session   string
}

func parse(p principal) parsed {
	c := parsed{kind: p.kind, raw: p.raw(), partition: "aws", session: p.session}
	switch p.kind {
	case kService, kIdPHost:
		return c
	}
	parts, ok := splitARN(p.arn)
	if !ok {
		return c
	}
	c.partition, c.account = parts[1], parts[4]
	switch p.kind {
	case kUser, kRole, kSLRRole, kSession, kSLRSession:
		c.name = lastSegment(parts[5])
	case kFedUser:
		c.name = strings.TrimPrefix(parts[5], "federated-user/")
	}
	return c
}

// match is how a Principal element names a caller (evaluate's match).
type match uint8

const (
	mAccount match = 1 << iota
	mRole
	mUser
	mSession
	mEveryone
	mService
	mFederated
	mCanonical
)

// entry is one value of a Principal element, classified as evaluate's
// classifyAWS does.
type entry struct {
	typ       string // policy.PrincipalAWS, …
	kind      uint8  // for AWS values: one of the aws* constants
	raw       string
	partition string
	account   string
	name      string
	session   string
}

const (
	awsEveryone = iota + 1
	awsAccount
	awsUser
	awsRole
	awsSession
	awsFederatedUser
	awsOther
)

func classifyAWS(v string) entry {
	e := entry{typ: policy.PrincipalAWS, kind: awsOther, raw: v, partition: "aws"}
	if v == "*" {
		e.kind = awsEveryone
		return e
	}
	if _, ok := account.Key(v); ok {
		e.kind, e.account = awsAccount, v
		return e
	}
	parts, ok := splitARN(v)
	if !ok || strings.ContainsAny(v, "*?") {
		return e
	}
	if _, ok := account.Key(parts[4]); !ok {
		return e
	}
	e.partition, e.account = parts[1], parts[4]
	res := parts[5]
	switch {
	case parts[2] == "iam" && res == "root":
		e.kind = awsAccount
	case parts[2] == "iam" && strings.HasPrefix(res, "user/"):
		e.kind, e.name = awsUser, lastSegment(res)
	case parts[2] == "iam" && strings.HasPrefix(res, "role/"):
		e.kind, e.name = awsRole, lastSegment(res)
	case parts[2] == "sts" && strings.HasPrefix(res, "assumed-role/"):
		rest := res[len("assumed-role/"):]
		if i := strings.IndexByte(rest, '/'); i > 0 {
			e.kind, e.name, e.session = awsSession, rest[:i], rest[i+1:]
		}
	case parts[2] == "sts" && strings.HasPrefix(res, "federated-user/"):
		e.kind, e.name = awsFederatedUser, res[len("federated-user/"):]
	}
	return e
}

// principalEntries lists the values of a Principal element.
func principalEntries(p *policy.Principal) (everyone bool, out []entry) {
	if p == nil {
		return false, nil
	}
	everyone = p.Wildcard
	for _, v := range p.AWS.Values {
		e := classifyAWS(v)
		if e.kind == awsEveryone {
			everyone = true
		}
		out = append(out, e)
	}
	for _, v := range p.Service.Values {
		out = append(out, entry{typ: policy.PrincipalService, raw: v})
	}
	for _, v := range p.Federated.Values {
		out = append(out, entry{typ: policy.PrincipalFederated, raw: v})
	}
	for _, v := range p.CanonicalUser.Values {
		out = append(out, entry{typ: policy.PrincipalCanonicalUser, raw: v})
	}
	return everyone, out
}

// matchOne is how entry e names caller c (evaluate's matchCaller).
func (e *entry) matchOne(c *parsed) match {
	switch e.typ {
	case policy.PrincipalService:
		if c.kind == kService && e.raw == c.raw {
			return mService
		}
		return 0
	case policy.PrincipalFederated:
		if (c.kind == kService || c.kind == kIdPHost || c.kind == kIdPARN) && e.raw == c.raw {
			return mFederated
		}
		return 0
	case policy.PrincipalCanonicalUser:
		return 0 // the prover's universe has no canonical-user callers
	}
	if e.kind == awsEveryone {
		return mEveryone
	}
	if e.kind == awsOther || c.account == "" || e.account != c.account || e.partition != c.partition {
		return 0
	}
	switch e.kind {
	case awsAccount:
		return mAccount
	case awsUser:
		if c.kind == kUser && e.raw == c.raw {
			return mUser
		}
	case awsRole:
		if (c.kind == kRole || c.kind == kSLRRole || c.kind.isSession()) && e.name == c.name {
			return mRole
		}
	case awsSession:
		if c.kind.isSession() && e.name == c.name && e.session == c.session {
			return mSession
		}
	case awsFederatedUser:
		if c.kind == kFedUser && e.name == c.name {
			return mSession
		}
	}
	return 0
}

// exempts reports whether a Deny's NotPrincipal match m exempts c
// (evaluate's exempts: every level of the identity must be listed).
func exempts(m match, c *parsed) bool {
	if m&mEveryone != 0 {
		return true
	}
	switch c.kind {
	case kRoot:
		return m&mAccount != 0
	case kUser:
		return m&mAccount != 0 && m&mUser != 0
	case kRole, kSLRRole:
		return m&mAccount != 0 && m&mRole != 0
	case kSession, kSLRSession:
		return m&mAccount != 0 && m&mRole != 0 && m&mSession != 0
	case kFedUser:
		return m&mAccount != 0 && m&mSession != 0
	case kService:
		return m&mService != 0
	case kIdPHost, kIdPARN:
		return m&mFederated != 0
	}
	return false
}

// principalType is aws:PrincipalType for kind k.
func principalType(k callerKind) string {
	switch k {
	case kUser:
		return "User"
	case kRole, kSLRRole, kSession, kSLRSession:
		return "AssumedRole"
	case kFedUser:
		return "FederatedUser"
	case kRoot:
		return "Account"
	}
	return ""
}

// splitARN splits s at its first five colons.
func splitARN(s string) ([6]string, bool) {
	var parts [6]string
	for i := 0; i < 5; i++ {
		j := strings.IndexByte(s, ':')
		if j < 0 {
			return parts, false
		}
		parts[i], s = s[:j], s[j+1:]
	}
	parts[5] = s
	return parts, true
}

func lastSegment(s string) string { return s[strings.LastIndexByte(s, '/')+1:] }
