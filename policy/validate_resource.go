package policy

import (
	"strings"
)

// checkResources checks Resource and NotResource.
func (v *validator) checkResources(i int, st *Statement, allow bool) {
	rPath, nrPath := elemPath{stmt: i, name: "Resource"}, elemPath{stmt: i, name: "NotResource"}
	hasR, hasNR := st.Resource.Present(), st.NotResource.Present()
	if hasR && hasNR {
		v.add(SeverityError, CodeConflictingElements, nrPath.String(),
			"a statement may not have both Resource and NotResource")
	}
	if !hasR && !hasNR {
		switch v.kind {
		case TrustPolicy:
			// The role is the resource (aws-rules A.1).
		case SCP, ResourcePolicy:
			// The Organizations SCP syntax page shows Allow statements
			// without Resource, and some services' resource policies
			// leave it out (ECR repository policies; the SNS example of
			// aws-rules A.1): the policy's own resource is meant. Not every
			// service accepts that, so it is worth a warning.
			v.add(SeverityWarning, CodeMissingResource, statementPath(i),
				`the statement has no Resource; write the resource, or "*", to say what it covers`)
		default:
			v.add(SeverityError, CodeMissingResource, statementPath(i), "the statement has neither Resource nor NotResource")
		}
	}
	if v.kind == TrustPolicy {
		// IAM refuses a trust policy that names resources, "Has
		// prohibited field Resource": the role is the resource (aws-rules A.1).
		if hasR {
			v.add(SeverityError, CodeResourceNotAllowed, rPath.String(),
				"a role trust policy must not have a Resource element; the role is the resource")
		}
		if hasNR {
			v.add(SeverityError, CodeResourceNotAllowed, nrPath.String(),
				"a role trust policy must not have a NotResource element; the role is the resource")
		}
	}
	if hasNR && v.kind == KeyPolicy {
		v.add(SeverityError, CodeNotResourceNotSupported, nrPath.String(),
			`a key policy does not support NotResource; use "Resource": "*"`)
	}
	if hasNR && allow && v.warns() {
		v.add(SeveritySecurityWarning, CodeAllowWithNotResource, nrPath.String(),
			"NotResource with Allow grants access to every resource not listed; list the allowed resources instead")
	}
	deny := st.Effect == Deny
	for j, r := range st.Resource.Values {
		if v.kind == KeyPolicy && r != "*" && v.warns() {
			v.add(SeverityWarning, CodeKeyPolicyResource, rPath.at(j),
				`in a key policy the Resource is "*", meaning the key the policy is attached to; `+quoteShort(r)+" names another resource")
		}
		v.checkResource(rPath, j, r, deny)
	}
	for j, r := range st.NotResource.Values {
		v.checkResource(nrPath, j, r, deny)
	}
}

// checkResource checks one Resource or NotResource value: "*" or an ARN
// (pattern) whose service part has no wildcard and whose policy variables,
// if any, are in the resource part (aws-rules A.6).
func (v *validator) checkResource(base elemPath, j int, r string, deny bool) {
	if r == "*" {
		return
	}
	path := func() string { return base.at(j) }
	variable := hasVariable(r)
	if variable && !v.doc.VariablesEnabled() {
		if v.warns() {
			v.literalVariable(path(), deny)
		}
		variable = false // literal text from here on
	}
	if v.kind == ResourcePolicy && strings.HasPrefix(r, apiGatewayShorthand) {
		// API Gateway's abbreviated resource: everything after the prefix
		// is the resource part of the API's ARN, which API Gateway fills
		// in when it saves the policy.
		return
	}
	a, err := ParseARN(r)
	if variable {
		if start, ok := arnResourceStart(r); !ok || strings.Index(r, "${") < start {
			// A warning, not an error: AWS's own managed policies use such
			// variables (AmazonTimestreamInfluxDBServiceRolePolicy puts
			// ${aws:PrincipalAccount} in the account part), so AWS stores
			// and evaluates them; the evaluator substitutes them wherever
			// they are.
			v.add(SeverityWarning, CodeVariableOutsideResourcePart, path(),
				quoteShort(r)+": the IAM User Guide says a policy variable may appear only in the resource part of an ARN, after the fifth colon (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html#policy-vars-resourceelement); AWS's own managed policies use it elsewhere and the evaluator substitutes it, but a customer policy should not rely on it")
			return
		}
	}
	if variable {
		if msg := variableProblem(r); msg != "" {
			v.add(SeverityError, CodeMalformedVariable, path(), quoteShort(r)+": "+msg)
		}
	}
	if err != nil && strings.HasPrefix(r, "arn:") && strings.IndexByte(r, '*') >= 0 {
		// AWS accepts and applies such patterns: its own managed policies
		// use "arn:aws:rds:*" (NeptuneConsoleFullAccess), "arn:aws:waf:*"
		// (AWSShieldDRTAccessPolicy) and "arn:aws:organizations::*:"
		// (AmazonDevOpsGuruOrganizationsAccess). A Resource's * matches any
		// run of characters, colons included (aws-rules A.6).
		if !v.warns() {
			return
		}
		v.add(SeverityWarning, CodeIncompleteARNPattern, path(),
			quoteShort(r)+" is not a complete ARN (arn:partition:service:region:account:resource); its * matches across colons, so it is read as a pattern over whole ARNs; write every part, such as arn:aws:sqs:*:*:*, to say what it covers")
		return
	}
	if err != nil {
		v.add(SeverityError, CodeMalformedARN, path(),
			quoteShort(r)+` is not "*" or an ARN of the form arn:partition:service:region:account:resource`)
		return
	}
	if hasWildcard(a.Service) {
		v.add(SeverityError, CodeWildcardInService, path(),
			quoteShort(r)+": the service part of a resource ARN cannot contain a wildcard")
	}
}

// apiGatewayShorthand begins API Gateway's abbreviated resource syntax,
// which API Gateway resource policies accept in place of an ARN:
// "execute-api:/stage-name/GET/pets" stands for
// "arn:aws:execute-api:region:account-id:api-id/stage-name/GET/pets", and
// "execute-api:/*" for every stage, method and path of the API (API Gateway
// developer guide, "API Gateway resource policy examples"). IAM itself
// refuses it, so only resource policies accept it.
const apiGatewayShorthand = "execute-api:/"

// arnResourceStart returns the index in s where the resource part of the
// ARN begins (after "arn:" and four more colons).
func arnResourceStart(s string) (int, bool) {
	if !strings.HasPrefix(s, "arn:") {
		return 0, false
	}
	colons := 0
	for i := 0; i < len(s); i++ {
		if s[i] == ':' {
			colons++
			if colons == 5 {
				return i + 1, true
			}
		}
	}
	return 0, false
}

// hasVariable reports whether s contains a policy variable "${...}".
func hasVariable(s string) bool {
	i := strings.Index(s, "${")
	return i >= 0 && strings.IndexByte(s[i+2:], '}') >= 0
}

// variableProblem says what is wrong with the first malformed policy
// variable of s, or "". A variable runs from "${" to the first "}"; its name
// is empty in "${}", and holds "${" in "${${x}}". Neither names a condition
// key, so the variable never has a value.
func variableProblem(s string) string {
	for {
		i := strings.Index(s, "${")
		if i < 0 {
			return ""
		}
		j := strings.IndexByte(s[i+2:], '}')
		if j < 0 {
			return ""
		}
		body := s[i+2 : i+2+j]
		switch {
		case strings.TrimSpace(body) == "":
			return `the policy variable "${}" names no condition key, so it never has a value`
		case strings.Contains(body, "${"):
			return "the policy variable " + quoteShort("${"+body+"}") + ` holds "${": variables do not nest, so it names no condition key and never has a value`
		}
		s = s[i+2+j+1:]
	}
}

// literalVariable reports "${...}" in a document where it is literal text
// (aws-rules A.2, A.8). In a Deny statement the deny then silently fails to
// apply, which is a security problem.
func (v *validator) literalVariable(path string, deny bool) {
	if !v.warns() {
		return
	}
	version := "Version " + quoteShort(v.doc.Version)
	if v.doc.Version == "" {
		version = "a document without Version"
	}
	sev, effect := SeverityWarning, ""
	if deny {
		sev, effect = SeveritySecurityWarning, "; this Deny will not apply where the variable was meant"
	}
	v.add(sev, CodeVariableLiteral, path,
		`"${...}" is literal text under `+version+`, not a policy variable; use "Version": "2012-10-17"`+effect)
}
