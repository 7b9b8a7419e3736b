package evaluate

import (
	"github.com/cksiam/cksiam/internal/arn"
	"slices"
	"strings"

	"github.com/cksiam/cksiam/internal/account"
	"github.com/cksiam/cksiam/policy"
)

// match is a bit set saying how a Principal element names the caller. The
// kind of match decides what a resource-policy grant bypasses in the same
// account (aws-rules C.2 table).
type match uint8

const (
	matchAccount   match = 1 << iota // the caller's account: ID or …:root (delegates to IAM)
	matchRole                        // the caller's role ARN (caller is the role or a session of it)
	matchUser                        // the caller's IAM user ARN
	matchSession                     // the caller's assumed-role or federated-user session ARN
	matchEveryone                    // "*", {"AWS":"*"}, or an Allow with NotPrincipal
	matchService                     // the caller's service principal
	matchFederated                   // the caller's identity provider
	matchCanonical                   // the caller's canonical user ID
)

// direct is every match that names the caller itself rather than its
// account.
const direct = matchRole | matchUser | matchSession | matchEveryone | matchService | matchFederated | matchCanonical

// awsEntryKind classifies one value of a principal's "AWS" list.
type awsEntryKind uint8

const (
	awsEveryone awsEntryKind = iota + 1
	awsAccount
	awsUser
	awsRole
	awsSession
	awsFederatedUser
	awsOther // unique IDs, malformed or wildcard ARNs: never match
)

type awsEntry struct {
	kind      awsEntryKind
	raw       string
	partition string
	account   string
	acct      uint64 // account as an account.Key
	name      string // user, role or federated user name (role: last path segment)
	session   string
}

// principalSet is a compiled Principal or NotPrincipal element.
type principalSet struct {
	everyone  bool
	aws       []awsEntry
	service   []string
	federated []string
	canonical []string
}

func compilePrincipal(p *policy.Principal, m *compileMem) *principalSet {
	if p == nil {
		return nil
	}
	ps := &takeFrom(m, func(m *compileMem) *pool[principalSet] { return &m.principals }, 1)[0]
	ps.everyone = p.Wildcard
	if n := len(p.AWS.Values); n > 0 {
		ps.aws = takeFrom(m, func(m *compileMem) *pool[awsEntry] { return &m.aws }, n)
	}
	for i, v := range p.AWS.Values {
		e := classifyAWS(v)
		if e.kind == awsEveryone {
			ps.everyone = true
		}
		ps.aws[i] = e
	}
	// Copies: an Evaluator is immutable, whatever the caller later does
	// to the document.
	ps.service = slices.Clone(p.Service.Values)
	ps.federated = slices.Clone(p.Federated.Values)
	ps.canonical = slices.Clone(p.CanonicalUser.Values)
	return ps
}

func classifyAWS(v string) awsEntry {
	e := awsEntry{kind: awsOther, raw: v, partition: "aws"}
	if v == "*" {
		e.kind = awsEveryone
		return e
	}
	if k, ok := account.Key(v); ok {
		e.kind, e.account, e.acct = awsAccount, v, k
		return e
	}
	// Principals take no partial wildcards (aws-rules A.4); such a value never
	// matches.
	parts, ok := arn.Parse(v)
	if !ok || hasWildcard(v) {
		return e
	}
	k, ok := account.Key(parts[4])
	if !ok {
		return e
	}
	e.partition, e.account, e.acct = parts[1], parts[4], k
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

// matchCaller returns how the element names c (0: not at all).
func (ps *principalSet) matchCaller(c *caller) match {
	var m match
	if ps.everyone {
		m |= matchEveryone
	}
	for i := range ps.aws {
		m |= ps.aws[i].matchCaller(c)
	}
	switch c.kind {
	case callerService:
		for _, s := range ps.service {
			if s == c.raw { // service principals are case-sensitive (aws-rules G.3)
				m |= matchService
			}
		}
		// Some identity providers are AWS hosts, written as Federated:
		// "cognito-identity.amazonaws.com" (aws-rules A.4).
		for _, s := range ps.federated {
			if s == c.raw {
				m |= matchFederated
			}
		}
	case callerFederated:
		for _, s := range ps.federated {
			if s == c.raw {
				m |= matchFederated
			}
		}
	case callerCanonical:
		for _, s := range ps.canonical {
			if s == c.raw {
				m |= matchCanonical
			}
		}
	}
	return m
}

func (e *awsEntry) matchCaller(c *caller) match {
	if e.kind == awsEveryone || e.kind == awsOther || c.acct == 0 ||
		e.acct != c.acct || !samePartition(e.partition, c.partition) {
		return 0
	}
	switch e.kind {
	case awsAccount:
		// The account principal delegates to the account; it matches every
		// principal of that account (aws-rules A.4).
		return matchAccount
	case awsUser:
		if c.kind == callerUser && e.raw == c.raw {
			return matchUser
		}
	case awsRole:
		// Role names are unique in an account whatever their path, and
		// session ARNs carry no path: match on the name.
		if (c.kind == callerRole || c.kind == callerSession) && e.name == c.name {
			return matchRole
		}
	case awsSession:
		if c.kind == callerSession && e.name == c.name && e.session == c.session {
			return matchSession
		}
	case awsFederatedUser:
		if c.kind == callerFederatedUser && e.name == c.name {
			return matchSession
		}
	}
	return 0
}

// exempts reports whether a Deny statement's NotPrincipal m exempts the
// caller. Per aws-rules I the caller is exempt only when every level of its
// identity is listed: the account, then the user, or the role and the
// session.
func exempts(m match, c *caller) bool {
	if m&matchEveryone != 0 {
		return true
	}
	switch c.kind {
	case callerRoot:
		return m&matchAccount != 0
	case callerUser:
		return m&matchAccount != 0 && m&matchUser != 0
	case callerRole:
		return m&matchAccount != 0 && m&matchRole != 0
	case callerSession:
		return m&matchAccount != 0 && m&matchRole != 0 && m&matchSession != 0
	case callerFederatedUser:
		return m&matchAccount != 0 && m&matchSession != 0
	case callerService:
		return m&matchService != 0
	case callerFederated:
		return m&matchFederated != 0
	case callerCanonical:
		return m&matchCanonical != 0
	}
	return false
}

// samePartition compares partition names, comparing the common "aws"
// without a call.
func samePartition(a, b string) bool {
	if len(a) != len(b) {
		return false
	}
	if len(a) == 3 {
		return a[0] == b[0] && a[1] == b[1] && a[2] == b[2]
	}
	return a == b
}
