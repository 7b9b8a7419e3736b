package evaluate

import (
	"github.com/cksiam/cksiam/internal/arn"
	"strings"

	"github.com/cksiam/cksiam/internal/account"
)

// callerKind is what sort of identity Request.Principal names.
type callerKind uint8

const (
	callerUser          callerKind = iota + 1 // arn:aws:iam::A:user/path/name
	callerRole                                // arn:aws:iam::A:role/path/name
	callerSession                             // arn:aws:sts::A:assumed-role/role/session
	callerFederatedUser                       // arn:aws:sts::A:federated-user/name
	callerRoot                                // A or arn:aws:iam::A:root
	callerService                             // cks.kms.amazonaws.com
	callerFederated                           // arn:aws:iam::A:saml-provider/x, oidc-provider/x, or an IdP host
	callerCanonical                           // an S3 canonical user ID
)

// caller is Request.Principal taken apart. Every field is a substring of
// the principal, so parsing allocates nothing.
type caller struct {
	kind      callerKind
	raw       string // Request.Principal
	partition string
	account   string // empty for service and IdP-host principals
	acct      uint64 // account as an account.Key, 0 when account is empty
	name      string // user name, role name or federated user name
	session   string // role session name
}

// parse reads Request.Principal. It refuses text that names no
// principal a request can come from (a group, a policy, garbage).
//
// It fills c in place: the request fast path avoids copying.
func (c *caller) parse(p string) error {
	*c = caller{raw: p, partition: "aws"}
	if k, ok := account.Key(p); ok {
		c.kind, c.account, c.acct = callerRoot, p, k
		return nil
	}
	switch {
	case p == "":
		return requestError("Principal", "is empty: name the caller (user, role, session, account or service principal)")
	case isCanonicalUserID(p):
		c.kind = callerCanonical
		return nil
	case !strings.HasPrefix(p, "arn:"):
		if hasWildcard(p) || strings.ContainsAny(p, " /:") || !strings.Contains(p, ".") {
			return requestError("Principal", "is not a principal ARN, account ID or service principal: "+quote(p))
		}
		c.kind = callerService
		if !strings.HasSuffix(p, ".amazonaws.com") && !strings.HasSuffix(p, ".amazonaws.com.cn") {
			// An identity-provider host such as accounts.google.com.
			c.kind = callerFederated
		}
		return nil
	}
	partition, svc, acct, res, ok := principalParts(p)
	if !ok {
		return requestError("Principal", "is not a principal ARN: "+quote(p))
	}
	if !arn.KnownPartition(partition) {
		return requestError("Principal", "has partition "+quote(partition)+", which is not an AWS partition (aws, aws-cn, aws-us-gov, aws-iso…, in lower case): "+quote(p))
	}
	c.partition, c.account = partition, acct
	if c.acct, ok = account.Key(c.account); !ok {
		return requestError("Principal", "has no 12-digit account ID: "+quote(p))
	}
	switch svc {
	case "iam":
		switch {
		case res == "root":
			c.kind = callerRoot
		case strings.HasPrefix(res, "user/"):
			c.kind, c.name = callerUser, lastSegment(res)
		case strings.HasPrefix(res, "role/"):
			c.kind, c.name = callerRole, lastSegment(res)
		case strings.HasPrefix(res, "saml-provider/"), strings.HasPrefix(res, "oidc-provider/"):
			c.kind = callerFederated
		default:
			return requestError("Principal", "names no IAM principal (user, role, root, identity provider): "+quote(p))
		}
	case "sts":
		switch {
		case strings.HasPrefix(res, "assumed-role/"):
			rest := res[len("assumed-role/"):]
			i := strings.IndexByte(rest, '/')
			if i <= 0 || i == len(rest)-1 {
				return requestError("Principal", "assumed-role ARN needs role and session names: "+quote(p))
			}
			c.kind, c.name, c.session = callerSession, rest[:i], rest[i+1:]
		case strings.HasPrefix(res, "federated-user/"):
			c.kind, c.name = callerFederatedUser, res[len("federated-user/"):]
		default:
			return requestError("Principal", "names no STS principal (assumed-role or federated-user): "+quote(p))
		}
	default:
		return requestError("Principal", "is not an iam or sts ARN: "+quote(p))
	}
	if c.kind != callerRoot && c.kind != callerFederated && c.name == "" {
		return requestError("Principal", "has an empty name: "+quote(p))
	}
	return nil
}

// principalParts splits a principal ARN into the parts the caller needs;
// ok is false when p is not an ARN or holds a wildcard.
func principalParts(p string) (partition, svc, acct, res string, ok bool) {
	if len(p) > 26 && p[:8] == "arn:aws:" && p[11:13] == "::" && p[25] == ':' &&
		(p[8:11] == "iam" || p[8:11] == "sts") {
		// The common shape (partition aws, iam or sts, no region) read
		// without a colon scan. arn.Parse splits it the same way when acct
		// holds no colon; when it does, neither reading has an account ID,
		// which parse refuses alike.
		return "aws", p[8:11], p[13:25], p[26:], !hasWildcard(p)
	}
	parts, ok := arn.Parse(p)
	return parts[1], parts[2], parts[4], parts[5], ok && !hasWildcard(p)
}

// hasIdentity reports whether the caller can have identity-based policies,
// a permissions boundary and SCPs.
func (c *caller) hasIdentity() bool {
	return c.kind != callerService && c.kind != callerFederated && c.kind != callerCanonical
}

// principalType is the value of aws:PrincipalType for the caller.
func (c *caller) principalType() string {
	switch c.kind {
	case callerUser:
		return "User"
	case callerRole, callerSession:
		return "AssumedRole"
	case callerFederatedUser:
		return "FederatedUser"
	case callerRoot:
		return "Account"
	}
	return ""
}

func lastSegment(s string) string {
	return s[strings.LastIndexByte(s, '/')+1:]
}

func isCanonicalUserID(s string) bool {
	if len(s) != 64 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f') {
			return false
		}
	}
	return true
}

// accountOf reads an account ID or account ARN (ResourceAccount): the ID
// and its account.Key.
func accountOf(s string) (string, uint64, bool) {
	if k, ok := account.Key(s); ok {
		return s, k, true
	}
	if parts, ok := arn.Parse(s); ok {
		if k, ok := account.Key(parts[4]); ok {
			return parts[4], k, true
		}
	}
	return "", 0, false
}

func quote(s string) string {
	if len(s) > 200 {
		s = s[:200] + "…"
	}
	return "\"" + s + "\""
}
