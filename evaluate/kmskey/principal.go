package kmskey

import (
	"strings"

	"github.com/cksiam/cksiam/internal/account"
	"github.com/cksiam/cksiam/internal/arn"
	"github.com/cksiam/cksiam/internal/ascii"
)

// principalKind is what a grant's grantee or retiring principal names.
type principalKind uint8

const (
	principalEmpty        principalKind = iota
	principalAWS                        // an account, IAM user or role, assumed-role session, federated user
	principalService                    // a service principal, as ListGrants shows grants to AWS services
	principalGroup                      // an IAM group: never a grantee
	principalOrganization               // an organization, OU or organization ARN
	principalWildcard                   // "*" or a pattern
	principalNotPrincipal               // an ARN of something that is not a principal
	principalUnrecognized               // other text, such as the internal forms ListGrants may show
)

// classifyPrincipal says what p names. A grantee or retiring principal is
// an AWS account (root), an IAM user, an IAM role, a federated user or an
// assumed-role user; not a service principal, an IAM group or an
// organization (docs.aws.amazon.com/kms/latest/developerguide/grants.html,
// "Grantee principal"). ListGrants shows a grant to an AWS service with the
// service principal as its grantee, so that form is kept apart.
func classifyPrincipal(p string) (principalKind, string) {
	switch {
	case p == "":
		return principalEmpty, "is empty"
	case strings.ContainsAny(p, "*?"):
		return principalWildcard, "holds a wildcard: a grant names one principal"
	case isOrganizationID(p):
		return principalOrganization, "is an organization or organizational unit, which cannot be a grantee"
	}
	if _, ok := account.Key(p); ok {
		return principalAWS, ""
	}
	if !strings.HasPrefix(p, "arn:") {
		if isServicePrincipal(p) {
			return principalService, ""
		}
		return principalUnrecognized, "is neither an ARN, an account ID nor a service principal, so no caller can be matched with it"
	}
	parts, ok := arn.Cut(p)
	if !ok || parts[arn.Partition] == "" {
		return principalNotPrincipal, "is not a well-formed ARN"
	}
	service, region, acct, res := parts[arn.Service], parts[arn.Region], parts[arn.Account], parts[arn.Resource]
	if service == "organizations" {
		return principalOrganization, "is an organization ARN, which cannot be a grantee"
	}
	if (service != "iam" && service != "sts") || region != "" {
		return principalNotPrincipal, "is the ARN of a resource, not of an IAM or STS principal"
	}
	if _, ok := account.Key(acct); !ok {
		return principalNotPrincipal, "does not name a 12-digit account"
	}
	typ, name, _ := strings.Cut(res, "/")
	switch {
	case service == "iam" && res == "root":
		return principalAWS, ""
	case service == "iam" && typ == "group":
		return principalGroup, "is an IAM group, which cannot be a grantee: name its users or a role"
	case service == "iam" && (typ == "user" || typ == "role") && lastPart(name) != "":
		return principalAWS, ""
	case service == "sts" && typ == "assumed-role" && strings.Count(name, "/") == 1 && !strings.HasPrefix(name, "/") && !strings.HasSuffix(name, "/"):
		return principalAWS, ""
	case service == "sts" && typ == "federated-user" && name != "" && !strings.Contains(name, "/"):
		return principalAWS, ""
	}
	return principalNotPrincipal, "is not the ARN of an account, IAM user, IAM role, assumed-role session or federated user"
}

func lastPart(name string) string {
	if i := strings.LastIndexByte(name, '/'); i >= 0 {
		return name[i+1:]
	}
	return name
}

// isServicePrincipal reports whether p is written as AWS writes service
// principals: a DNS name under amazonaws.com (or the China Regions'
// amazonaws.com.cn), such as "dynamodb.us-west-2.amazonaws.com".
func isServicePrincipal(p string) bool {
	for _, suffix := range []string{".amazonaws.com", ".amazonaws.com.cn"} {
		if host, ok := strings.CutSuffix(p, suffix); ok && host != "" && !strings.ContainsAny(host, " /:") {
			return true
		}
	}
	return false
}

// isOrganizationID reports whether p is an organization ID ("o-…"), a
// root ID ("r-…") or an OU ID ("ou-…").
func isOrganizationID(p string) bool {
	for _, prefix := range []string{"o-", "r-", "ou-"} {
		if rest, ok := strings.CutPrefix(p, prefix); ok && ascii.IsLowerName(rest) {
			return true
		}
	}
	return false
}
