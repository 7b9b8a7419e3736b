package policy

import (
	"strings"
)

// checkStatement runs the statement-level checks on Statement[i].
func (v *validator) checkStatement(i int, st *Statement) {
	if !st.Effect.Valid() {
		v.add(SeverityError, CodeInvalidEffect, statementPath(i)+".Effect",
			"Effect "+quoteShort(string(st.Effect))+` must be exactly "Allow" or "Deny"`)
	}
	allow := st.Effect == Allow
	if allow && v.kind == RCP {
		v.add(SeverityError, CodeRCPAllow, statementPath(i)+".Effect",
			`an RCP statement must use "Deny"; only the AWS-managed RCPFullAWSAccess may use "Allow"`)
	}
	v.checkPrincipals(i, st, allow)
	v.checkActions(i, st, allow)
	v.checkResources(i, st, allow)
	v.checkCondition(i, st)
}

// checkPrincipals applies the Principal/NotPrincipal rules of the kind
// (aws-rules A.1 table, A.4, C.5, C.6; Organizations RCP syntax: "Each statement
// must contain the Principal element. You can only specify "*"").
func (v *validator) checkPrincipals(i int, st *Statement, allow bool) {
	pPath, npPath := elemPath{stmt: i, name: "Principal"}, elemPath{stmt: i, name: "NotPrincipal"}
	hasP, hasNP := st.Principal != nil, st.NotPrincipal != nil
	if hasP && hasNP {
		v.add(SeverityError, CodeConflictingElements, npPath.String(),
			"a statement may not have both Principal and NotPrincipal")
	}
	switch v.kind {
	case IdentityPolicy, PermissionsBoundary, SessionPolicy, SCP:
		if hasP {
			v.add(SeverityError, CodePrincipalNotAllowed, pPath.String(),
				"the Principal element is not allowed in "+v.kind.withArticle()+"; the policy applies to the identity it is attached to")
		}
	case ResourcePolicy:
		if !hasP && !hasNP {
			v.add(SeverityError, CodeMissingPrincipal, statementPath(i),
				"a resource policy statement needs a Principal saying who it applies to")
		}
	case KeyPolicy, TrustPolicy, RCP:
		if !hasP {
			v.add(SeverityError, CodeMissingPrincipal, statementPath(i),
				v.kind.withArticle()+" statement needs a Principal")
		}
	}
	if hasNP && v.kind != ResourcePolicy && v.kind.known() {
		v.add(SeverityError, CodeNotPrincipalNotAllowed, npPath.String(),
			"the NotPrincipal element is not allowed in "+v.kind.withArticle())
	}
	if hasNP && allow && v.warns() {
		v.add(SeveritySecurityWarning, CodeNotPrincipalWithAllow, npPath.String(),
			"NotPrincipal with Allow grants access to everyone not listed, anonymous users included; use Principal with a Condition instead")
	}
	if hasP {
		v.checkPrincipalValues(pPath, st.Principal)
		if v.kind == RCP && !st.Principal.Wildcard {
			v.add(SeverityError, CodeRCPPrincipalNotWildcard, pPath.String(),
				`an RCP Principal must be the string "*"; restrict principals with a Condition`)
		}
		if allow {
			v.checkPublicPrincipal(pPath, st)
		}
	}
	if hasNP {
		v.checkPrincipalValues(npPath, st.NotPrincipal)
	}
}

// checkPrincipalValues checks the shape of each principal value
// (aws-rules A.4): "*" only on its own, never as part of a name or ARN.
func (v *validator) checkPrincipalValues(path elemPath, p *Principal) {
	types := p.typeCount()
	if p.Wildcard && types > 0 {
		v.add(SeverityError, CodeInvalidPrincipal, path.String(),
			`the principal is both "*" and a map of principal types`)
		return
	}
	if !p.Wildcard && types == 0 {
		v.add(SeverityError, CodeInvalidPrincipal, path.String(), "the principal names no one")
		return
	}
	for _, e := range p.entries() {
		for j, val := range e.Values.Values {
			if e.Type == PrincipalAWS && isUniqueID(val) {
				// What IAM shows in place of a deleted user or role; AWS
				// keeps and evaluates the document, and the value matches
				// no one, since unique IDs are never reused (aws-rules A.4).
				if v.warns() {
					v.add(SeverityWarning, CodeDeletedPrincipal, path.typed(e.Type).at(j),
						quoteShort(val)+" is the unique ID of a deleted IAM user or role: it names no one, and a new user or role of the same name is not it; remove it or name the principal by its ARN (aws-rules A.4)")
				}
				continue
			}
			if msg := principalValueProblem(e.Type, val); msg != "" {
				v.add(SeverityError, CodeInvalidPrincipal, path.typed(e.Type).at(j), msg)
			}
		}
	}
}

// principalValueProblem returns why val is not a valid principal of type
// typ, or "".
func principalValueProblem(typ, val string) string {
	if val == "" {
		return "the principal value is empty"
	}
	if val == "*" {
		if typ == PrincipalAWS {
			return ""
		}
		return `"*" is only allowed as "Principal": "*" or {"AWS": "*"}`
	}
	if hasWildcard(val) {
		return quoteShort(val) + ": a principal cannot contain a wildcard; use \"*\" alone or a Condition on aws:PrincipalArn"
	}
	if typ != PrincipalAWS {
		return ""
	}
	if IsAccountID(val) {
		return ""
	}
	a, err := ParseARN(val)
	if err != nil {
		return quoteShort(val) + " is neither a 12-digit account ID nor an ARN"
	}
	if a.Service != "iam" && a.Service != "sts" {
		return quoteShort(val) + " is not an IAM or STS principal ARN"
	}
	// The one non-numeric account: CloudFront origin access identities,
	// "arn:aws:iam::cloudfront:user/CloudFront Origin Access Identity ID".
	if !IsAccountID(a.Account) && !(a.Service == "iam" && a.Account == "cloudfront") {
		return quoteShort(val) + ": the account part must be a 12-digit account ID"
	}
	if a.Service == "iam" && strings.HasPrefix(a.Resource, "group/") {
		return quoteShort(val) + ": an IAM group cannot be a principal (aws-rules A.4)"
	}
	// What an AWS principal ARN names, written as AWS writes it: anything
	// else ("arn:AWS:…", "…:Root", "…:ROLE/x") names no principal, so a
	// Deny naming it would silently deny no one (aws-rules A.4).
	switch {
	case a.Partition != strings.ToLower(a.Partition):
		return quoteShort(val) + ": the partition of a principal ARN is in lower case"
	case a.Service == "iam" && (a.Resource == "root" || strings.HasPrefix(a.Resource, "user/") || strings.HasPrefix(a.Resource, "role/")):
	case a.Service == "sts" && (strings.HasPrefix(a.Resource, "assumed-role/") || strings.HasPrefix(a.Resource, "federated-user/")):
	default:
		return quoteShort(val) + ": names no principal (root, user/…, role/…, assumed-role/…, federated-user/…, in lower case as AWS writes them)"
	}
	return ""
}

// isUniqueID reports whether s looks like the unique ID of an IAM user
// (AIDA…) or role (AROA…): four letters and 17 more upper-case letters or
// digits.
func isUniqueID(s string) bool {
	if len(s) != 21 || !(strings.HasPrefix(s, "AIDA") || strings.HasPrefix(s, "AROA")) {
		return false
	}
	for i := 4; i < len(s); i++ {
		if c := s[i]; !('A' <= c && c <= 'Z' || '0' <= c && c <= '9') {
			return false
		}
	}
	return true
}

// checkPublicPrincipal reports Allow to everyone: always in trust policies
// (aws-rules A.4 calls it a red flag), in resource and key policies when no
// Condition narrows it.
func (v *validator) checkPublicPrincipal(path elemPath, st *Statement) {
	if !v.warns() {
		return
	}
	switch v.kind {
	case TrustPolicy:
	case ResourcePolicy, KeyPolicy:
		if len(st.Condition) > 0 {
			return
		}
	default:
		return
	}
	msg := "the statement allows everyone, anonymous users included"
	if v.kind == TrustPolicy {
		msg = "any AWS principal, in any account, may assume this role"
	}
	if st.Principal.Wildcard {
		v.add(SeveritySecurityWarning, CodePublicPrincipal, path.String(), msg)
		return
	}
	for j, val := range st.Principal.AWS.Values {
		if val == "*" {
			v.add(SeveritySecurityWarning, CodePublicPrincipal, path.typed(PrincipalAWS).at(j), msg)
		}
	}
}

// hasWildcard reports whether s contains '*' or '?'.
func hasWildcard(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] == '*' || s[i] == '?' {
			return true
		}
	}
	return false
}
