package evaluate

import (
	"encoding/binary"
	"math/bits"
	"strings"
	"unsafe"
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
	name      string // user name, role name or federated user name
	session   string // role session name
}

// parse reads Request.Principal. It refuses text that names no
// principal a request can come from (a group, a policy, garbage).
//
// It fills c in place: the request fast path avoids copying.
func (c *caller) parse(p string) error {
	*c = caller{raw: p, partition: "aws"}
	switch {
	case p == "":
		return requestError("Principal", "is empty: name the caller (user, role, session, account or service principal)")
	case isAccountID(p):
		c.kind, c.account = callerRoot, p
		return nil
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
	var parts [6]string
	if ok, wild := scanARN(&parts, p); !ok || wild {
		return requestError("Principal", "is not a principal ARN: "+quote(p))
	}
	c.partition, c.account = parts[1], parts[4]
	if !isAccountID(c.account) {
		return requestError("Principal", "has no 12-digit account ID: "+quote(p))
	}
	res := parts[5]
	switch parts[2] {
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

// splitARN splits an ARN into its six parts; the last keeps any colons.
func splitARN(s string) ([6]string, bool) {
	var parts [6]string
	ok := splitARNInto(&parts, s)
	return parts, ok
}

// splitARNInto is splitARN writing into parts.
func splitARNInto(parts *[6]string, s string) bool {
	ok, _ := scanARN(parts, s)
	return ok
}

// scanARN splits s into parts like splitARN and reports whether s holds a
// '*' or '?' anywhere. It finds the colons eight bytes at a time: ARNs are
// short and colon-dense, where a byte loop or one IndexByte call per colon
// costs more than the rest of a decision.
func scanARN(parts *[6]string, s string) (ok, wild bool) {
	wild = hasWildcard(s)
	const lo, lo7 = 0x0101010101010101, 0x7f7f7f7f7f7f7f7f
	b := unsafe.Slice(unsafe.StringData(s), len(s)) // read-only view, not retained
	start, n, i := 0, 0, 0
	for ; i+8 <= len(b) && n < 5; i += 8 {
		x := binary.LittleEndian.Uint64(b[i:]) ^ (':' * lo)
		// The high bit of each byte of y is set exactly where x is zero,
		// that is where the byte is a colon.
		y := ^(((x & lo7) + lo7) | x | lo7)
		for ; y != 0 && n < 5; y &= y - 1 {
			j := i + bits.TrailingZeros64(y)>>3
			parts[n] = s[start:j]
			n++
			start = j + 1
		}
	}
	for ; i < len(s) && n < 5; i++ {
		if s[i] == ':' {
			parts[n] = s[start:i]
			n++
			start = i + 1
		}
	}
	if n < 5 {
		return false, wild
	}
	parts[5] = s[start:]
	return parts[0] == "arn" && parts[1] != "" && parts[2] != "" && parts[5] != "", wild
}

func lastSegment(s string) string {
	return s[strings.LastIndexByte(s, '/')+1:]
}

func isAccountID(s string) bool {
	if len(s) != 12 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
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

// accountOf reads an account ID or account ARN (ResourceAccount).
func accountOf(s string) (string, bool) {
	if isAccountID(s) {
		return s, true
	}
	if parts, ok := splitARN(s); ok && isAccountID(parts[4]) {
		return parts[4], true
	}
	return "", false
}

func quote(s string) string {
	if len(s) > 200 {
		s = s[:200] + "…"
	}
	return "\"" + s + "\""
}
