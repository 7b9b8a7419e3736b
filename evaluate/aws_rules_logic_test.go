package evaluate_test

// Action and resource matching, evaluation logic and errors against AWS's documented rules (see aws_rules_test.go).

import (
	"testing"

	"github.com/cksiam/cksiam/evaluate"
	"github.com/cksiam/cksiam/policy"
	"github.com/stretchr/testify/require"
)

// --- actions, resources, variables in Resource ------------------------------

func matchRules() []rule {
	onlyID := func(stmts ...string) pset { return pset{id: []string{pdoc(stmts...)}} }
	get := func(resource string) evaluate.Request {
		return evaluate.Request{Principal: userA, Action: "s3:GetObject", Resource: resource}
	}
	act := func(action string) evaluate.Request {
		return evaluate.Request{Principal: userA, Action: action, Resource: "*"}
	}
	return []rule{
		{name: "a question mark in an action matches exactly one character", src: srcAction + " (aws-rules I)", p: onlyID(allowS("kms:?ecrypt", "*")), r: act("kms:Decrypt"), want: evaluate.Allowed},
		{name: "a question mark in an action does not match zero characters", src: srcAction + " (aws-rules I)", p: onlyID(allowS("kms:Decrypt?", "*")), r: act("kms:Decrypt"), want: evaluate.ImplicitDeny},
		{name: "action names match without regard to case", src: srcAction + " (aws-rules A.5)", p: onlyID(allowS("KMS:decrypt", "*")), r: act("kms:Decrypt"), want: evaluate.Allowed},
		{name: "a request action in other case matches the policy action", src: srcAction + " (aws-rules A.5)", p: onlyID(allowS("iam:ListAccessKeys", "*")), r: act("IAM:listaccesskeys"), want: evaluate.Allowed},
		{name: "an asterisk in an action matches any run of characters", src: srcAction + " (aws-rules A.5)", p: onlyID(allowS("kms:*crypt", "*")), r: act("kms:ReEncrypt"), want: evaluate.Allowed},
		{name: "an action of another service does not match", src: srcAction + " (aws-rules A.5)", p: onlyID(allowS("kms:*", "*")), r: act("cloudhsm:DescribeClusters"), want: evaluate.ImplicitDeny},
		{name: "Allow with NotAction grants every other action", src: srcNotAction + " (aws-rules A.5)", p: onlyID(stmt(`"Effect":"Allow"`, `"NotAction":"iam:*"`, `"Resource":"*"`)), r: act("kms:ListKeys"), want: evaluate.Allowed},
		{name: "Allow with NotAction does not grant a listed action", src: srcNotAction + " (aws-rules A.5)", p: onlyID(stmt(`"Effect":"Allow"`, `"NotAction":"iam:*"`, `"Resource":"*"`)), r: act("iam:CreateUser"), want: evaluate.ImplicitDeny},
		{name: "Deny with NotAction denies every other action", src: srcNotAction + " (aws-rules A.5)", p: onlyID(allowS("*", "*"), stmt(`"Effect":"Deny"`, `"NotAction":["kms:*","cloudhsm:*"]`, `"Resource":"*"`)), r: act("ec2:CreateVpc"), want: evaluate.ExplicitDeny},
		{name: "Deny with NotAction leaves a listed action to the Allow", src: srcNotAction + " (aws-rules A.5)", p: onlyID(allowS("*", "*"), stmt(`"Effect":"Deny"`, `"NotAction":["kms:*","cloudhsm:*"]`, `"Resource":"*"`)), r: act("cloudhsm:DescribeClusters"), want: evaluate.Allowed},

		{name: "resource matching is case-sensitive", src: srcResource + " (aws-rules A.6, I)", p: onlyID(allowS("s3:GetObject", "arn:aws:s3:::Bucket/*")), r: get("arn:aws:s3:::bucket/x"), want: evaluate.ImplicitDeny},
		{name: "a resource asterisk crosses slashes", src: srcResource + " (aws-rules A.6 example)", p: onlyID(allowS("s3:GetObject", "arn:aws:s3:::BUCKET/*/test/*")), r: get("arn:aws:s3:::BUCKET/1/2/test/3/object.jpg"), want: evaluate.Allowed},
		{name: "a resource pattern's literal segments still have to match", src: srcResource + " (aws-rules A.6 example)", p: onlyID(allowS("s3:GetObject", "arn:aws:s3:::BUCKET/*/test/*")), r: get("arn:aws:s3:::BUCKET/1-test/object.jpg"), want: evaluate.ImplicitDeny},
		{name: "a resource asterisk at the end of a segment crosses colons", src: srcResource + " (aws-rules A.6, I)", p: onlyID(allowS("sqs:SendMessage", "arn:aws:sqs:*")), r: evaluate.Request{Principal: userA, Action: "sqs:SendMessage", Resource: "arn:aws:sqs:us-east-1:111122223333:jobs"}, want: evaluate.Allowed},
		{name: "a resource question mark matches exactly one character", src: srcResource + " (aws-rules A.6)", p: onlyID(allowS("s3:GetObject", "arn:aws:s3:::bucket/obj?ct")), r: get(objA), want: evaluate.Allowed},
		{name: "a resource pattern must match the whole ARN", src: srcResource + " (aws-rules A.6, I)", p: onlyID(allowS("s3:GetObject", "arn:aws:s3:::bucket")), r: get(objA), want: evaluate.ImplicitDeny},
		{name: "Allow with NotResource grants every other resource", src: srcNotResource + " (aws-rules A.6)", p: onlyID(stmt(`"Effect":"Allow"`, `"Action":"s3:GetObject"`, `"NotResource":"arn:aws:s3:::secret/*"`)), r: get(objA), want: evaluate.Allowed},
		{name: "Allow with NotResource does not grant a listed resource", src: srcNotResource + " (aws-rules A.6)", p: onlyID(stmt(`"Effect":"Allow"`, `"Action":"s3:GetObject"`, `"NotResource":"arn:aws:s3:::bucket/*"`)), r: get(objA), want: evaluate.ImplicitDeny},
		{name: "Allow with a NotResource list excludes a resource matching any entry", src: srcNotResource + " (aws-rules A.6)", p: onlyID(stmt(`"Effect":"Allow"`, `"Action":"s3:GetObject"`, `"NotResource":["arn:aws:s3:::secret/*","arn:aws:s3:::bucket/obj*"]`)), r: get(objA), want: evaluate.ImplicitDeny},
		{name: "Deny with NotResource denies every other resource", src: srcNotResource + " (aws-rules A.6)", p: onlyID(allowS("s3:*", "*"), stmt(`"Effect":"Deny"`, `"Action":"s3:*"`, `"NotResource":"arn:aws:s3:::safe/*"`)), r: get(objA), want: evaluate.ExplicitDeny},
		{name: "Deny with NotResource leaves a listed resource to the Allow", src: srcNotResource + " (aws-rules A.6)", p: onlyID(allowS("s3:*", "*"), stmt(`"Effect":"Deny"`, `"Action":"s3:*"`, `"NotResource":"arn:aws:s3:::bucket/*"`)), r: get(objA), want: evaluate.Allowed},
		{name: "a Resource \"*\" statement covers an action that takes no resource", src: srcResource + " (aws-rules A.6)", p: onlyID(allowS("kms:CreateCustomKeyStore", "*")), r: act("kms:CreateCustomKeyStore"), want: evaluate.Allowed},

		{name: "aws:username in Resource lets a user reach its own prefix", src: srcVariables + " (aws-rules A.8)", p: onlyID(allowS("s3:GetObject", "arn:aws:s3:::bucket/home/${aws:username}/*")), r: get("arn:aws:s3:::bucket/home/alice/a.txt"), want: evaluate.Allowed},
		{name: "aws:username in Resource keeps a user out of another user's prefix", src: srcVariables + " (aws-rules A.8)", p: onlyID(allowS("s3:GetObject", "arn:aws:s3:::bucket/home/${aws:username}/*")), r: get("arn:aws:s3:::bucket/home/bob/a.txt"), want: evaluate.ImplicitDeny},
		{name: "an unresolved variable in Resource matches no resource", src: srcVariables + " (aws-rules A.8)", p: onlyID(allowS("s3:GetObject", "arn:aws:s3:::bucket/home/${aws:username}/*")), r: evaluate.Request{Principal: sessA, Action: "s3:GetObject", Resource: "arn:aws:s3:::bucket/home//a.txt"}, want: evaluate.ImplicitDeny},
		{name: "a variable's default fills Resource when the key is absent", src: srcVariables + " (aws-rules A.8)", p: onlyID(allowS("s3:GetObject", "arn:aws:s3:::bucket/${aws:PrincipalTag/team, 'shared'}/*")), r: get("arn:aws:s3:::bucket/shared/a.txt"), want: evaluate.Allowed},
		{name: "a variable's value is literal in Resource, its wildcard characters do not widen the match", src: srcVariables + " (aws-rules A.8)", p: onlyID(allowS("s3:GetObject", "arn:aws:s3:::bucket/${aws:PrincipalTag/team}")), r: evaluate.Request{Principal: userA, Action: "s3:GetObject", Resource: objA, Context: ctx("aws:PrincipalTag/team", "o*")}, want: evaluate.ImplicitDeny},
		{name: "an unresolved variable in a Deny's Resource matches no resource, so the Deny does not apply", src: srcVariables + " (aws-rules A.8)", p: onlyID(allowS("s3:*", "*"), denyS("s3:GetObject", "arn:aws:s3:::bucket/${aws:username}*")), r: evaluate.Request{Principal: sessA, Action: "s3:GetObject", Resource: objA}, want: evaluate.Allowed},
		{name: "a resolved variable in NotResource excludes the user's own prefix", src: srcVariables + " (aws-rules A.6, A.8)", p: onlyID(stmt(`"Effect":"Allow"`, `"Action":"s3:GetObject"`, `"NotResource":"arn:aws:s3:::bucket/home/${aws:username}/*"`)), r: get("arn:aws:s3:::bucket/home/alice/a.txt"), want: evaluate.ImplicitDeny},
		{name: "a resolved variable in NotResource leaves other prefixes to the Allow", src: srcVariables + " (aws-rules A.6, A.8)", p: onlyID(stmt(`"Effect":"Allow"`, `"Action":"s3:GetObject"`, `"NotResource":"arn:aws:s3:::bucket/home/${aws:username}/*"`)), r: get("arn:aws:s3:::bucket/home/bob/a.txt"), want: evaluate.Allowed},
		{name: "under Version 2008-10-17 a variable in Resource is literal text", src: srcVersion + " (aws-rules A.2)", p: pset{id: []string{`{"Version":"2008-10-17","Statement":[` + allowS("s3:GetObject", "arn:aws:s3:::bucket/home/${aws:username}/*") + `]}`}}, r: get("arn:aws:s3:::bucket/home/alice/a.txt"), want: evaluate.ImplicitDeny},
		{name: "without a Version a variable in Resource is literal text that matches itself", src: srcVersion + " (aws-rules A.2)", p: pset{id: []string{`{"Statement":[` + allowS("s3:GetObject", "arn:aws:s3:::bucket/home/${aws:username}/*") + `]}`}}, r: get("arn:aws:s3:::bucket/home/${aws:username}/a.txt"), want: evaluate.Allowed},
	}
}

func TestAWSRulesActionsResources(t *testing.T) {
	for _, tc := range matchRules() {
		t.Run(tc.name, func(t *testing.T) { checkRule(t, tc) })
	}
}

// --- evaluation logic -------------------------------------------------------

var (
	allowS3       = pdoc(allowS("s3:*", "*"))
	allowKMS      = pdoc(allowS("kms:*", "*"))
	allowEC2      = pdoc(allowS("ec2:*", "*"))
	allowAssume   = pdoc(allowS("sts:AssumeRole", "*"))
	enableIAMKeyA = pdoc(grantS("Allow", awsP(rootA), "kms:*"))
)

func logicRules() []rule {
	getObj := func(principal string) evaluate.Request {
		return evaluate.Request{Principal: principal, Action: "s3:GetObject", Resource: objA, ResourceAccount: acctA}
	}
	decrypt := func(principal, key string) evaluate.Request {
		return evaluate.Request{Principal: principal, Action: "kms:Decrypt", Resource: key}
	}
	assume := func(principal, role string) evaluate.Request {
		return evaluate.Request{Principal: principal, Action: "sts:AssumeRole", Resource: role}
	}
	bucket := func(effect, principal string) string { return pdoc(grantS(effect, principal, "s3:GetObject")) }
	notPrin := func(listed ...string) string {
		return pdoc(grantS("Allow", awsP(rootA), "s3:*"),
			stmt(`"Effect":"Deny"`, `"NotPrincipal":`+awsP(listed...), `"Action":"s3:*"`, `"Resource":"*"`))
	}
	denyAllRCP := [][]string{{pdoc(grantS("Deny", `"*"`, "*"))}}
	I, D, A := evaluate.ImplicitDeny, evaluate.ExplicitDeny, evaluate.Allowed
	return []rule{
		// Core precedence.
		{name: "nothing allowing means an implicit deny", src: srcEvalLogic + " (aws-rules C.1)", r: getObj(userA), want: I},
		{name: "an explicit Deny in an identity policy beats its Allow", src: srcDenyAllow + " (aws-rules C.1)", p: pset{id: []string{allowS3, pdoc(denyS("s3:GetObject", "*"))}}, r: getObj(userA), want: D},
		{name: "an explicit Deny in a resource policy beats a resource-policy Allow naming the user", src: srcDenyAllow + " (aws-rules C.1)", p: pset{resource: pdoc(grantS("Allow", awsP(userA), "s3:*"), grantS("Deny", `"*"`, "s3:GetObject"))}, r: getObj(userA), want: D},
		{name: "an explicit Deny in a session policy beats everything", src: srcDenyAllow + " (aws-rules C.2)", p: pset{id: []string{allowS3}, session: pdoc(allowS("*", "*"), denyS("s3:GetObject", "*"))}, r: getObj(sessA), want: D},

		// Same account, resource-policy grants by principal type (aws-rules C.2 table).
		{name: "a bucket policy naming the IAM user grants without an identity policy", src: srcEvalLogic + " (aws-rules C.2 table)", p: pset{resource: bucket("Allow", awsP(userA))}, r: getObj(userA), want: A},
		{name: "a bucket policy naming the IAM user is not limited by the user's permissions boundary", src: srcBoundaries + " (aws-rules C.2 table)", p: pset{resource: bucket("Allow", awsP(userA)), boundary: allowEC2}, r: getObj(userA), want: A},
		{name: "a bucket policy naming the role grants its session without an identity policy", src: srcEvalLogic + " (aws-rules C.2 table)", p: pset{resource: bucket("Allow", awsP(roleA))}, r: getObj(sessA), want: A},
		{name: "a bucket policy naming a role with a path grants its session", src: srcPrincipal + " (aws-rules C.2 table)", p: pset{resource: bucket("Allow", awsP("arn:aws:iam::111122223333:role/team/Admin"))}, r: getObj(sessA), want: A},
		{name: "a bucket policy naming the role is limited by the session policy", src: srcBoundaries + " (aws-rules C.2 table)", p: pset{resource: bucket("Allow", awsP(roleA)), session: allowEC2}, r: getObj(sessA), want: I},
		{name: "a bucket policy naming the role is limited by the permissions boundary", src: srcBoundaries + " (aws-rules C.2 table)", p: pset{resource: bucket("Allow", awsP(roleA)), boundary: allowEC2}, r: getObj(sessA), want: I},
		{name: "a bucket policy naming the session is not limited by the session policy", src: srcBoundaries + " (aws-rules C.2 table)", p: pset{resource: bucket("Allow", awsP(sessA)), session: allowEC2}, r: getObj(sessA), want: A},
		{name: "a bucket policy naming the session is not limited by the permissions boundary", src: srcBoundaries + " (aws-rules C.2 table)", p: pset{resource: bucket("Allow", awsP(sessA)), boundary: allowEC2}, r: getObj(sessA), want: A},
		{name: "a bucket policy naming another session of the same role does not grant", src: srcPrincipal + " (aws-rules A.4)", p: pset{resource: bucket("Allow", awsP(sess2A))}, r: getObj(sessA), want: I},
		{name: "a bucket policy naming the account delegates to identity policies, which allow nothing here", src: srcPrincipal + " (aws-rules A.4)", p: pset{resource: bucket("Allow", awsP(acctA))}, r: getObj(userA), want: I},
		{name: "a bucket policy naming the account with an identity policy allowing grants", src: srcPrincipal + " (aws-rules A.4, C.2)", p: pset{resource: bucket("Allow", awsP(rootA)), id: []string{allowS3}}, r: getObj(userA), want: A},
		{name: "a same-account identity policy grants without any resource policy", src: srcEvalLogic + " (aws-rules C.2)", p: pset{id: []string{allowS3}}, r: getObj(userA), want: A},
		{name: "a same-account identity policy grants when the bucket policy does not name the caller", src: srcEvalLogic + " (aws-rules C.2: identity or resource policy is enough)", p: pset{resource: bucket("Allow", awsP(user2A)), id: []string{allowS3}}, r: getObj(userA), want: A},
		{name: "a same-account identity grant is limited by the permissions boundary", src: srcBoundaries + " (aws-rules C.2)", p: pset{id: []string{allowS3}, boundary: allowEC2}, r: getObj(userA), want: I},
		{name: "a role session without a session policy keeps its role's permissions", src: srcEvalLogic + " (aws-rules C.2 step 7)", p: pset{id: []string{allowS3}}, r: getObj(sessA), want: A},
		{name: "a federated-user session without a session policy has no identity permissions", src: srcEvalLogic + " (aws-rules C.2 step 7)", p: pset{id: []string{allowS3}}, r: getObj(fedA), want: I},
		{name: "a bucket policy naming the federated-user session grants it directly", src: srcEvalLogic + " (aws-rules C.2 table)", p: pset{resource: bucket("Allow", awsP(fedA))}, r: getObj(fedA), want: A},

		// Cross-account (aws-rules C.3).
		{name: "cross-account: a bucket policy naming the foreign user is not enough without its identity policy", src: srcCrossAcct + " (aws-rules C.3)", p: pset{resource: bucket("Allow", awsP(userB))}, r: getObj(userB), want: I},
		{name: "cross-account: the bucket policy and the foreign identity policy together grant", src: srcCrossAcct + " (aws-rules C.3)", p: pset{resource: bucket("Allow", awsP(userB)), id: []string{allowS3}}, r: getObj(userB), want: A},
		{name: "cross-account: a bucket policy naming the foreign account and its identity policy grant", src: srcCrossAcct + " (aws-rules C.3)", p: pset{resource: bucket("Allow", awsP(acctB)), id: []string{allowS3}}, r: getObj(sessB), want: A},
		{name: "cross-account: a bucket policy with Principal \"*\" and the foreign identity policy grant", src: srcCrossAcct + " (aws-rules A.4, C.3)", p: pset{resource: bucket("Allow", `"*"`), id: []string{allowS3}}, r: getObj(userB), want: A},
		{name: "cross-account: Principal {\"AWS\":\"*\"} is the same as \"*\"", src: srcPrincipal + " (aws-rules A.4)", p: pset{resource: bucket("Allow", `{"AWS":"*"}`), id: []string{allowS3}}, r: getObj(sessB), want: A},
		{name: "cross-account: an identity policy alone does not grant", src: srcCrossAcct + " (aws-rules C.3)", p: pset{id: []string{allowS3}}, r: getObj(userB), want: I},
		{name: "cross-account: a bucket policy naming a third account does not grant", src: srcCrossAcct + " (aws-rules C.3)", p: pset{resource: bucket("Allow", awsP("999999999999")), id: []string{allowS3}}, r: getObj(userB), want: I},
		{name: "cross-account: the caller's permissions boundary still limits", src: srcCrossAcct + " (aws-rules C.3)", p: pset{resource: bucket("Allow", awsP(userB)), id: []string{allowS3}, boundary: allowEC2}, r: getObj(userB), want: I},

		// KMS key policies (aws-rules C.4).
		{name: "a key policy allowing the account lets an identity policy grant", src: srcKeyDefault + " (aws-rules C.4)", p: pset{resource: enableIAMKeyA, id: []string{allowKMS}}, r: decrypt(userA, keyA), want: A},
		{name: "a key policy naming the account by its bare ID delegates like the root ARN", src: srcPrincipal + " (aws-rules A.4)", p: pset{resource: pdoc(grantS("Allow", `{"AWS":"111122223333"}`, "kms:*")), id: []string{allowKMS}}, r: decrypt(userA, keyA), want: A},
		{name: "a key policy allowing the account does not grant on its own", src: srcKeyDefault + " (aws-rules C.4)", p: pset{resource: enableIAMKeyA}, r: decrypt(userA, keyA), want: I},
		{name: "a key policy that does not allow the account makes identity policies ineffective", src: srcKeyPolicies + " (aws-rules C.4)", p: pset{resource: pdoc(grantS("Allow", awsP(user2A), "kms:*")), id: []string{allowKMS}}, r: decrypt(userA, keyA), want: I},
		{name: "a key policy naming the user grants without an identity policy", src: srcKeyPolicies + " (aws-rules C.4)", p: pset{resource: pdoc(grantS("Allow", awsP(userA), "kms:Decrypt"))}, r: decrypt(userA, keyA), want: A},
		{name: "a key policy naming the role grants its session without an identity policy", src: srcKeyPolicies + " (aws-rules C.4)", p: pset{resource: pdoc(grantS("Allow", awsP(roleA), "kms:Decrypt"))}, r: decrypt(sessA, keyA), want: A},
		{name: "a key policy naming the role is limited by the session policy", src: srcBoundaries + " (aws-rules C.2 table, C.4)", p: pset{resource: pdoc(grantS("Allow", awsP(roleA), "kms:Decrypt")), session: allowEC2}, r: decrypt(sessA, keyA), want: I},
		{name: "a key request without a key policy is never allowed by IAM policies", src: srcKeyPolicies + " (aws-rules C.4, I)", p: pset{id: []string{allowKMS}}, r: decrypt(userA, keyA), want: I},
		{name: "an IAM Deny still applies to a key the key policy grants", src: srcKeyPolicies + " (aws-rules C.4)", p: pset{resource: pdoc(grantS("Allow", awsP(userA), "kms:*")), id: []string{pdoc(denyS("kms:Decrypt", "*"))}}, r: decrypt(userA, keyA), want: D},
		{name: "a key policy Principal \"*\" limited by kms:CallerAccount grants callers of that account", src: srcKMSConds + "#conditions-kms-caller-account (aws-rules E.3)", p: pset{resource: pdoc(grantS("Allow", `{"AWS":"*"}`, "kms:Decrypt", cond(`{"StringEquals":{"kms:CallerAccount":"111122223333"}}`)))}, r: decrypt(userA, keyA), want: A},
		{name: "a key policy Principal \"*\" limited by kms:CallerAccount does not grant another account", src: srcKMSConds + "#conditions-kms-caller-account (aws-rules E.3)", p: pset{resource: pdoc(grantS("Allow", `{"AWS":"*"}`, "kms:Decrypt", cond(`{"StringEquals":{"kms:CallerAccount":"111122223333"}}`))), id: []string{allowKMS}}, r: decrypt(userB, keyA), want: I},
		{name: "a key policy limited by kms:ViaService does not grant a direct call", src: srcKMSConds + "#conditions-kms-via-service (aws-rules E.3)", p: pset{resource: pdoc(grantS("Allow", awsP(userA), "kms:Decrypt", cond(`{"StringEquals":{"kms:ViaService":"ec2.us-east-1.amazonaws.com"}}`)))}, r: decrypt(userA, keyA), want: I},
		{name: "a key policy limited by kms:ViaService grants a call through that service", src: srcKMSConds + "#conditions-kms-via-service (aws-rules E.3)", p: pset{resource: pdoc(grantS("Allow", awsP(userA), "kms:Decrypt", cond(`{"StringEquals":{"kms:ViaService":"ec2.us-east-1.amazonaws.com"}}`)))}, r: evaluate.Request{Principal: userA, Action: "kms:Decrypt", Resource: keyA, Context: ctx("kms:ViaService", "ec2.us-east-1.amazonaws.com")}, want: A},
		{name: "cross-account key use needs the key policy and the caller's identity policy", src: srcKMSCross + " (aws-rules C.4)", p: pset{resource: pdoc(grantS("Allow", awsP(rootA), "kms:Decrypt")), id: []string{allowKMS}}, r: decrypt(userA, keyB), want: A},
		{name: "cross-account key use without the caller's identity policy is denied", src: srcKMSCross + " (aws-rules C.4)", p: pset{resource: pdoc(grantS("Allow", awsP(userA), "kms:Decrypt"))}, r: decrypt(userA, keyB), want: I},
		{name: "kms:CreateKey names no key, so an identity policy alone grants it", src: srcKeyPolicies + " (aws-rules C.4, E.1)", p: pset{id: []string{allowKMS}}, r: evaluate.Request{Principal: userA, Action: "kms:CreateKey", Resource: "*"}, want: A},

		// Role trust policies (aws-rules C.5).
		{name: "a trust policy naming a service principal lets the service assume the role", src: srcRoleTerms + " (aws-rules C.5, G.1)", p: pset{resource: pdoc(trustS(svcP(cksSvc), "sts:AssumeRole"))}, r: assume(cksSvc, slrA), want: A},
		{name: "principal types in one Principal element are ORed", src: srcPrincipal + " (aws-rules A.4)", p: pset{resource: pdoc(trustS(`{"AWS":"`+userA+`","Service":"`+cksSvc+`"}`, "sts:AssumeRole"))}, r: assume(cksSvc, slrA), want: A},
		{name: "service principals are case-sensitive", src: "https://docs.aws.amazon.com/IAM/latest/UserGuide/using-service-linked-roles.html (aws-rules G.3)", p: pset{resource: pdoc(trustS(svcP("CKS.kms.amazonaws.com"), "sts:AssumeRole"))}, r: assume(cksSvc, slrA), want: I},
		{name: "a trust policy naming the caller's role grants its session in the same account", src: srcRoleTerms + " (aws-rules C.5)", p: pset{resource: pdoc(trustS(awsP(roleA), "sts:AssumeRole"))}, r: assume(sessA, targetA), want: A},
		{name: "a trust policy naming the account needs an identity policy allowing sts:AssumeRole", src: srcRoleTerms + " (aws-rules C.5)", p: pset{resource: pdoc(trustS(awsP(rootA), "sts:AssumeRole"))}, r: assume(userA, targetA), want: I},
		{name: "a trust policy naming the account with an identity policy allowing sts:AssumeRole grants", src: srcRoleTerms + " (aws-rules C.5)", p: pset{resource: pdoc(trustS(awsP(rootA), "sts:AssumeRole")), id: []string{allowAssume}}, r: assume(userA, targetA), want: A},
		{name: "a trust policy that names neither the caller nor its account denies even with an identity Allow", src: srcRoleTerms + " (aws-rules C.5)", p: pset{resource: pdoc(trustS(awsP(user2A), "sts:AssumeRole")), id: []string{allowAssume}}, r: assume(userA, targetA), want: I},
		{name: "assuming a role without its trust policy is not allowed", src: srcRoleTerms + " (aws-rules C.5)", p: pset{id: []string{allowAssume}}, r: assume(userA, targetA), want: I},
		{name: "cross-account role assumption needs the trust policy and the caller's identity policy", src: srcRoleTerms + " (aws-rules C.5)", p: pset{resource: pdoc(trustS(awsP(acctA), "sts:AssumeRole")), id: []string{allowAssume}}, r: assume(userA, targetB), want: A},
		{name: "cross-account role assumption without the caller's identity policy is denied", src: srcRoleTerms + " (aws-rules C.5)", p: pset{resource: pdoc(trustS(awsP(userA), "sts:AssumeRole"))}, r: assume(userA, targetB), want: I},
		{name: "the account root user cannot assume a role", src: iamUG + "id_roles_use_switch-role-console.html (aws-rules C.5)", p: pset{resource: pdoc(trustS(awsP(rootA), "sts:AssumeRole"))}, r: assume(rootA, targetA), want: I},

		{name: "a trust policy requiring sts:ExternalId denies a request without it", src: iamUG + "id_roles_create_for-user_externalid.html (aws-rules B.2)", p: pset{resource: pdoc(trustS(awsP(acctB), "sts:AssumeRole", cond(`{"StringEquals":{"sts:ExternalId":"x-123"}}`))), id: []string{allowAssume}}, r: assume(userB, targetA), want: I},
		{name: "a trust policy requiring sts:ExternalId grants a request carrying it", src: iamUG + "id_roles_create_for-user_externalid.html", p: pset{resource: pdoc(trustS(awsP(acctB), "sts:AssumeRole", cond(`{"StringEquals":{"sts:ExternalId":"x-123"}}`))), id: []string{allowAssume}}, r: evaluate.Request{Principal: userB, Action: "sts:AssumeRole", Resource: targetA, Context: ctx("sts:ExternalId", "x-123")}, want: A},
		{name: "a trust policy naming the caller's role is limited by the caller's permissions boundary", src: srcBoundaries + " (aws-rules C.2 table, C.5)", p: pset{resource: pdoc(trustS(awsP(roleA), "sts:AssumeRole")), boundary: allowEC2}, r: assume(sessA, targetA), want: I},
		{name: "a trust policy naming the IAM user needs the user's permissions boundary to allow sts:AssumeRole", src: "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_update-role-trust-policy.html (\"If a permissions boundary is set for the user, then it must allow the sts:AssumeRole action\")", p: pset{resource: pdoc(trustS(awsP(userA), "sts:AssumeRole")), boundary: allowEC2}, r: assume(userA, targetA), want: I},

		// Service principals.
		{name: "a bucket policy naming a service principal grants the service", src: srcPrincipal + " (aws-rules A.4)", p: pset{resource: bucket("Allow", svcP("cloudtrail.amazonaws.com"))}, r: getObj("cloudtrail.amazonaws.com"), want: A},
		{name: "identity policies never grant to a service principal", src: srcPrincipal + " (aws-rules A.4)", p: pset{id: []string{allowS3}}, r: getObj("cloudtrail.amazonaws.com"), want: I},
		{name: "a resource-policy Deny applies to a service principal", src: srcDenyAllow + " (aws-rules C.1)", p: pset{resource: pdoc(grantS("Allow", svcP("cloudtrail.amazonaws.com"), "s3:*"), grantS("Deny", svcP("cloudtrail.amazonaws.com"), "s3:GetObject"))}, r: getObj("cloudtrail.amazonaws.com"), want: D},

		// SCPs (aws-rules C.2, C.7).
		{name: "an SCP level with no policy allows nothing", src: srcSCPEval + " (aws-rules C.2)", p: pset{id: []string{allowS3}, scps: [][]string{{allowAllDoc}, {}}}, r: getObj(userA), want: I},
		{name: "an SCP Deny at one level denies", src: srcSCPEval + " (aws-rules C.2)", p: pset{id: []string{allowS3}, scps: [][]string{{allowAllDoc}, {allowAllDoc, pdoc(denyS("s3:*", "*"))}}}, r: getObj(userA), want: D},
		{name: "an SCP level holding only Deny statements allows nothing", src: srcSCPEval + " (aws-rules C.2)", p: pset{id: []string{allowS3}, scps: [][]string{{allowAllDoc}, {pdoc(denyS("ec2:*", "*"))}}}, r: getObj(userA), want: I},
		{name: "an action must be allowed at every SCP level", src: srcSCPEval + " (aws-rules C.2)", p: pset{id: []string{allowS3}, scps: [][]string{{allowAllDoc}, {allowKMS}, {allowAllDoc}}}, r: getObj(userA), want: I},
		{name: "SCPs never grant", src: srcSCPs + " (aws-rules C.2)", p: pset{scps: [][]string{{allowAllDoc}}}, r: getObj(userA), want: I},
		{name: "SCPs limit the account root user", src: srcSCPs + " (aws-rules C.1)", p: pset{scps: [][]string{{allowKMS}}}, r: evaluate.Request{Principal: rootA, Action: "s3:GetObject", Resource: objA, ResourceAccount: acctA}, want: I},
		{name: "the caller's SCPs apply to its cross-account requests", src: srcCrossAcct + " (aws-rules C.3)", p: pset{resource: bucket("Allow", awsP(userB)), id: []string{allowS3}, scps: [][]string{{allowAllDoc, pdoc(denyS("s3:GetObject", "*"))}}}, r: getObj(userB), want: D},
		{name: "SCPs do not apply to service principals", src: srcSCPs + " (aws-rules C.7)", p: pset{resource: bucket("Allow", svcP("cloudtrail.amazonaws.com")), scps: [][]string{{pdoc(denyS("*", "*"))}}}, r: getObj("cloudtrail.amazonaws.com"), want: A},

		// RCPs (aws-rules C.2, C.7).
		{name: "an RCP Deny denies a kms request", src: srcRCPEval + " (aws-rules C.2)", p: pset{resource: enableIAMKeyA, id: []string{allowKMS}, rcps: [][]string{{pdoc(grantS("Deny", `"*"`, "kms:Decrypt"))}}}, r: decrypt(userA, keyA), want: D},
		{name: "an RCP level without an applicable Deny passes: RCPFullAWSAccess is implied", src: srcRCPEval + " (aws-rules C.2)", p: pset{resource: enableIAMKeyA, id: []string{allowKMS}, rcps: [][]string{{pdoc(grantS("Deny", `"*"`, "kms:ScheduleKeyDeletion"))}, {}}}, r: decrypt(userA, keyA), want: A},
		{name: "RCPs never grant", src: srcRCPs + " (aws-rules C.2)", p: pset{rcps: [][]string{{pdoc(grantS("Allow", `"*"`, "*"))}}}, r: getObj(userA), want: I},
		{name: "RCPs do not govern a service outside their list", src: srcRCPs + "#rcp-supported-services (aws-rules C.7)", p: pset{id: []string{allowEC2}, rcps: [][]string{{pdoc(grantS("Deny", `"*"`, "*"))}}}, r: evaluate.Request{Principal: userA, Action: "ec2:CreateVpc", Resource: "arn:aws:ec2:us-east-1:111122223333:vpc/vpc-1"}, want: A},
		{name: "an RCP Deny applies to cross-account callers of the resource's account", src: srcRCPs + "#rcp-effects-on-permissions", p: pset{resource: bucket("Allow", awsP(userB)), id: []string{allowS3}, rcps: [][]string{{pdoc(grantS("Deny", `"*"`, "s3:*", cond(`{"StringNotEqualsIfExists":{"aws:PrincipalAccount":"111122223333"}}`)))}}}, r: getObj(userB), want: D},
		{name: "an RCP Deny applies to the account root user", src: srcRCPs + "#rcp-effects-on-permissions (\"This includes root users\")", p: pset{resource: enableIAMKeyA, rcps: [][]string{{pdoc(grantS("Deny", `"*"`, "kms:Decrypt"))}}}, r: decrypt(rootA, keyA), want: D},
		{name: "an RCP Deny applies to AWS service principals", src: srcKMSRCP + " (confused-deputy RCP example)", p: pset{resource: bucket("Allow", svcP("cloudtrail.amazonaws.com")), rcps: [][]string{{pdoc(grantS("Deny", `"*"`, "s3:*", cond(`{"Bool":{"aws:PrincipalIsAWSService":"true"}}`)))}}}, r: getObj("cloudtrail.amazonaws.com"), want: D},
		{name: "RCPs do not impact kms:RetireGrant, even under kms:*", src: srcRCPs + "#actions-not-restricted-by-rcps; " + srcKMSRCP, p: pset{resource: enableIAMKeyA, id: []string{allowKMS}, rcps: [][]string{{pdoc(grantS("Deny", `"*"`, "kms:*"))}}}, r: evaluate.Request{Principal: userA, Action: "kms:RetireGrant", Resource: keyA}, want: A},

		// NotPrincipal with Deny (aws-rules A.4, I).
		{name: "Deny with NotPrincipal exempts a user listed with its account", src: srcNotPrin + " (aws-rules I)", p: pset{resource: notPrin(rootA, userA), id: []string{allowS3}}, r: getObj(userA), want: A},
		{name: "Deny with NotPrincipal denies a user that is not listed", src: srcNotPrin + " (aws-rules I)", p: pset{resource: notPrin(rootA, userA), id: []string{allowS3}}, r: getObj(user2A), want: D},
		{name: "Deny with NotPrincipal denies a listed user whose account is not listed", src: srcNotPrin + " (aws-rules I)", p: pset{resource: notPrin(userA), id: []string{allowS3}}, r: getObj(userA), want: D},
		{name: "Deny with NotPrincipal exempts a session listed with its role and account", src: srcNotPrin + " (aws-rules I)", p: pset{resource: notPrin(rootA, roleA, sessA), id: []string{allowS3}}, r: getObj(sessA), want: A},
		{name: "Deny with NotPrincipal denies a listed session whose role is not listed", src: srcNotPrin + " (aws-rules I)", p: pset{resource: notPrin(rootA, sessA), id: []string{allowS3}}, r: getObj(sessA), want: D},
		{name: "Deny with NotPrincipal exempts a role listed with its account", src: srcNotPrin + " (aws-rules I)", p: pset{resource: notPrin(rootA, roleA), id: []string{allowS3}}, r: getObj(roleA), want: A},
		{name: "Deny with NotPrincipal denies a listed role whose account is not listed", src: srcNotPrin + " (aws-rules I)", p: pset{resource: notPrin(roleA), id: []string{allowS3}}, r: getObj(roleA), want: D},
		{name: "Deny with NotPrincipal exempts a service principal it lists", src: srcNotPrin + " (aws-rules A.4)", p: pset{resource: pdoc(grantS("Allow", svcP("cloudtrail.amazonaws.com"), "s3:*"), stmt(`"Effect":"Deny"`, `"NotPrincipal":`+svcP("cloudtrail.amazonaws.com"), `"Action":"s3:*"`, `"Resource":"*"`))}, r: getObj("cloudtrail.amazonaws.com"), want: A},
		{name: "Deny with NotPrincipal denies a fully listed user that has a permissions boundary", src: srcNotPrin + " (key points; " + srcBoundaries + ")", p: pset{resource: notPrin(rootA, userA), id: []string{allowS3}, boundary: allowS3}, r: getObj(userA), want: D},
		{name: "Deny with NotPrincipal denies a fully listed session that has a permissions boundary", src: srcNotPrin + " (key points; " + srcBoundaries + ")", p: pset{resource: notPrin(rootA, roleA, sessA), id: []string{allowS3}, boundary: allowS3}, r: getObj(sessA), want: D},
		{name: "Allow with NotPrincipal does not grant a listed principal", src: srcNotPrin + " (aws-rules C.6)", p: pset{resource: pdoc(stmt(`"Effect":"Allow"`, `"NotPrincipal":`+awsP(user2A), `"Action":"s3:GetObject"`, `"Resource":"*"`))}, r: getObj(user2A), want: I},

		// Fail closed, statement by statement (issue contract; aws-rules B.1).
		{name: "an unreadable condition in one Allow does not stop another Allow from granting", src: srcContract, p: pset{id: []string{pdoc(allowS("s3:*", "*", cond(`{"NumericLessThan":{"s3:max-keys":"ten"}}`)), allowS("s3:GetObject", "*"))}}, r: getObj(userA), want: A},
		{name: "a Deny whose other condition is certainly false does not apply even with an unreadable condition", src: srcContract + "; " + srcLogic + " (conditions AND together: false wins)", p: pset{id: []string{allowS3, pdoc(denyS("s3:*", "*", cond(`{"NumericLessThan":{"s3:max-keys":"ten"},"StringEquals":{"aws:username":"bob"}}`)))}}, r: getObj(userA), want: A},
		{name: "a Deny with an unreadable condition and an otherwise true condition applies", src: srcContract, p: pset{id: []string{allowS3, pdoc(denyS("s3:*", "*", cond(`{"NumericLessThan":{"s3:max-keys":"ten"},"StringEquals":{"aws:username":"alice"}}`)))}}, r: getObj(userA), want: D},

		// Deny statements naming a parent identity (aws-rules A.4).
		{name: "a resource-policy Deny naming the account applies to its users", src: srcPrincipal + " (aws-rules A.4: the account principal stands for every principal of the account)", p: pset{resource: pdoc(grantS("Allow", awsP(userA), "s3:*"), grantS("Deny", awsP(acctA), "s3:GetObject"))}, r: getObj(userA), want: D},
		{name: "a resource-policy Deny naming the role applies to its sessions", src: srcPrincipal + " (aws-rules A.4)", p: pset{resource: pdoc(grantS("Allow", awsP(sessA), "s3:*"), grantS("Deny", awsP(roleA), "s3:GetObject"))}, r: getObj(sessA), want: D},
		{name: "a resource-policy grant to the user does not bypass the SCPs", src: srcSCPs + " (aws-rules C.2)", p: pset{resource: bucket("Allow", awsP(userA)), scps: [][]string{{allowKMS}}}, r: getObj(userA), want: I},
		{name: "a resource-policy grant to the user does not bypass an explicit Deny in the boundary", src: srcDenyAllow + " (aws-rules C.1)", p: pset{resource: bucket("Allow", awsP(userA)), boundary: pdoc(allowS("*", "*"), denyS("s3:*", "*"))}, r: getObj(userA), want: D},
		{name: "a resource-policy statement whose Resource does not match grants nothing", src: srcResource + " (aws-rules A.6)", p: pset{resource: pdoc(stmt(`"Effect":"Allow"`, `"Principal":`+awsP(userA), `"Action":"s3:GetObject"`, `"Resource":"arn:aws:s3:::other/*"`))}, r: getObj(userA), want: I},
		{name: "a trust policy naming a web identity provider lets its users assume the role", src: srcPrincipal + "#principal-federated-web-identity (aws-rules A.4)", p: pset{resource: pdoc(trustS(`{"Federated":"accounts.google.com"}`, "sts:AssumeRoleWithWebIdentity"))}, r: evaluate.Request{Principal: "accounts.google.com", Action: "sts:AssumeRoleWithWebIdentity", Resource: targetA}, want: A},
		{name: "a trust policy naming a SAML provider lets its users assume the role", src: srcPrincipal + "#principal-saml (aws-rules A.4)", p: pset{resource: pdoc(trustS(`{"Federated":"arn:aws:iam::111122223333:saml-provider/idp"}`, "sts:AssumeRoleWithSAML"))}, r: evaluate.Request{Principal: "arn:aws:iam::111122223333:saml-provider/idp", Action: "sts:AssumeRoleWithSAML", Resource: targetA}, want: A},
		{name: "a trust policy naming an OIDC provider lets a web identity with the right subject assume the role", src: srcPrincipal + "#principal-federated-web-identity; " + iamUG + "id_roles_providers_oidc.html",
			p: pset{resource: pdoc(trustS(`{"Federated":"arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com"}`, "sts:AssumeRoleWithWebIdentity", cond(`{"StringLike":{"token.actions.githubusercontent.com:sub":"repo:org/app:*"}}`)))},
			r: evaluate.Request{Principal: "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com", Action: "sts:AssumeRoleWithWebIdentity", Resource: targetA, Context: ctx("token.actions.githubusercontent.com:sub", "repo:org/app:ref:refs/heads/main")}, want: A},
		{name: "a trust policy naming an OIDC provider refuses a web identity with another subject", src: srcPrincipal + "#principal-federated-web-identity; " + iamUG + "id_roles_providers_oidc.html",
			p: pset{resource: pdoc(trustS(`{"Federated":"arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com"}`, "sts:AssumeRoleWithWebIdentity", cond(`{"StringLike":{"token.actions.githubusercontent.com:sub":"repo:org/app:*"}}`)))},
			r: evaluate.Request{Principal: "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com", Action: "sts:AssumeRoleWithWebIdentity", Resource: targetA, Context: ctx("token.actions.githubusercontent.com:sub", "repo:evil/app:ref:refs/heads/main")}, want: I},
		{name: "a trust policy allowing only sts:AssumeRole does not allow sts:TagSession", src: iamUG + "id_session-tags.html (aws-rules A.1 table)", p: pset{resource: pdoc(trustS(awsP(roleA), "sts:AssumeRole"))}, r: evaluate.Request{Principal: sessA, Action: "sts:TagSession", Resource: targetA}, want: I},
		{name: "a trust policy naming the caller's session is not limited by its session policy", src: srcBoundaries + " (aws-rules C.2 table, C.5)", p: pset{resource: pdoc(trustS(awsP(sessA), "sts:AssumeRole")), session: allowEC2}, r: assume(sessA, targetA), want: A},
		{name: "aws:PrincipalIsAWSService and aws:PrincipalServiceName describe a service principal", src: srcGlobalKeys + "#condition-keys-principalisawsservice", p: pset{resource: pdoc(grantS("Allow", svcP("cloudtrail.amazonaws.com"), "s3:*", cond(`{"Bool":{"aws:PrincipalIsAWSService":"true"},"StringEquals":{"aws:PrincipalServiceName":"cloudtrail.amazonaws.com"}}`)))}, r: getObj("cloudtrail.amazonaws.com"), want: A},
		{name: "aws:PrincipalAccount is absent for a service principal", src: srcGlobalKeys + "#condition-keys-principalaccount", p: pset{resource: pdoc(grantS("Allow", svcP("cloudtrail.amazonaws.com"), "s3:*", cond(`{"Null":{"aws:PrincipalAccount":"true"}}`)))}, r: getObj("cloudtrail.amazonaws.com"), want: A},
		{name: "aws:PrincipalArn of a federated user is its federated-user ARN", src: srcGlobalKeys + "#condition-keys-principalarn", p: pset{id: []string{pdoc(allowS("*", "*", cond(`{"StringEquals":{"aws:PrincipalArn":"arn:aws:sts::111122223333:federated-user/carol","aws:PrincipalType":"FederatedUser"}}`)))}, session: allowAllDoc}, r: getObj(fedA), want: A},
		{name: "aws:userid of a federated user is ACCOUNT:caller-specified-name", src: "https://repost.aws/knowledge-center/iam-policy-variables-federated; " + srcVariables + " (principal key values; audit finding AUDIT-10)", p: pset{id: []string{pdoc(allowS("s3:GetObject", "arn:aws:s3:::bucket/${aws:userid}/*"))}, session: allowAllDoc}, r: evaluate.Request{Principal: fedA, Action: "s3:GetObject", Resource: "arn:aws:s3:::bucket/111122223333:carol/a.txt"}, want: A},
		{name: "aws:PrincipalArn of the root user is the account's root ARN", src: srcGlobalKeys + "#condition-keys-principalarn", p: pset{scps: [][]string{{pdoc(allowS("*", "*", cond(`{"StringEquals":{"aws:PrincipalArn":"arn:aws:iam::111122223333:root","aws:PrincipalType":"Account"}}`)))}}}, r: evaluate.Request{Principal: acctA, Action: "s3:GetObject", Resource: objA}, want: A},

		// Organizations exceptions and KMS cross-account limits (audit
		// findings AUDIT-1 to AUDIT-7, fixed in the engine).
		{name: "SCPs do not restrict a service-linked role, even by an explicit Deny", src: srcSCPs + " (\"SCPs do not affect any service-linked role\"; aws-rules C.7)", p: pset{id: []string{allowEC2}, scps: [][]string{{allowAllDoc, pdoc(denyS("ec2:*", "*"))}}}, r: evaluate.Request{Principal: slrA, Action: "ec2:CreateNetworkInterface", Resource: "*"}, want: A},
		{name: "an SCP level that does not allow the action does not restrict a service-linked role", src: srcSCPs + " (aws-rules C.7)", p: pset{id: []string{allowEC2}, scps: [][]string{{allowKMS}}}, r: evaluate.Request{Principal: slrA, Action: "ec2:CreateNetworkInterface", Resource: "*"}, want: A},
		{name: "RCPs govern every service on the Organizations list, such as EventBridge", src: srcRCPs + "#rcp-supported-services", p: pset{id: []string{pdoc(allowS("events:*", "*"))}, rcps: denyAllRCP}, r: evaluate.Request{Principal: userA, Action: "events:PutEvents", Resource: eventBus}, want: evaluate.ExplicitDeny},
		{name: "RCPs govern Amazon ECR Public", src: srcRCPs + "#rcp-supported-services", p: pset{id: []string{pdoc(allowS("ecr-public:*", "*"))}, rcps: denyAllRCP}, r: evaluate.Request{Principal: userA, Action: "ecr-public:BatchCheckLayerAvailability", Resource: "arn:aws:ecr-public::111122223333:repository/app"}, want: evaluate.ExplicitDeny},
		{name: "RCPs do not apply to calls made by a service-linked role", src: srcRCPs + "#rcp-effects-on-permissions (\"RCPs do not apply to calls made by service-linked roles\")", p: pset{id: []string{allowS3}, rcps: denyAllRCP}, r: getObj(slrA), want: A},
		{name: "RCPs do not impact a service assuming its service-linked role", src: srcRCPs + "#actions-not-restricted-by-rcps (\"the service-linked role's trust policy is also not impacted by RCPs\")", p: pset{resource: pdoc(trustS(svcP(cksSvc), "sts:AssumeRole")), rcps: denyAllRCP}, r: evaluate.Request{Principal: cksSvc, Action: "sts:AssumeRole", Resource: slrA}, want: A},
		{name: "RCPs apply only to the resources an action authorizes, so not to an action without a resource", src: srcRCPs + "#rcp-effects-on-permissions (\"RCPs apply to the resources that are authorized as part of an operation request\")", p: pset{id: []string{allowKMS}, rcps: [][]string{{pdoc(grantS("Deny", `"*"`, "kms:*"))}}}, r: evaluate.Request{Principal: userA, Action: "kms:CreateKey", Resource: "*"}, want: A},
		{name: "a trust policy naming the Cognito identity provider lets its web identities assume the role", src: srcPrincipal + "#principal-federated-web-identity (aws-rules A.4: \"Federated\": \"cognito-identity.amazonaws.com\")", p: pset{resource: pdoc(trustS(`{"Federated":"cognito-identity.amazonaws.com"}`, "sts:AssumeRoleWithWebIdentity"))}, r: evaluate.Request{Principal: "cognito-identity.amazonaws.com", Action: "sts:AssumeRoleWithWebIdentity", Resource: targetA}, want: A},
		{name: "a kms operation without cross-account use cannot be performed on another account's key", src: "https://docs.aws.amazon.com/kms/latest/APIReference/API_PutKeyPolicy.html (\"Cross-account use: No\"; aws-rules C.4, E.2)", p: pset{resource: pdoc(grantS("Allow", awsP(rootA), "kms:*")), id: []string{allowKMS}}, r: evaluate.Request{Principal: userA, Action: "kms:PutKeyPolicy", Resource: keyB}, want: evaluate.ImplicitDeny},
		{name: "kms:ScheduleKeyDeletion cannot be performed on another account's key", src: "KMS API reference, ScheduleKeyDeletion (\"Cross-account use: No\"; aws-rules C.4, E.2)", p: pset{resource: pdoc(grantS("Allow", awsP(rootA), "kms:*")), id: []string{allowKMS}}, r: evaluate.Request{Principal: userA, Action: "kms:ScheduleKeyDeletion", Resource: keyB}, want: evaluate.ImplicitDeny},

		// Root user.
		{name: "the account root user has full access to its own account's resources", src: srcEvalLogic + " (aws-rules C.1)", r: evaluate.Request{Principal: rootA, Action: "s3:GetObject", Resource: objA, ResourceAccount: acctA}, want: A},
		{name: "the account root user is allowed by a key policy that allows its account", src: srcKeyDefault + " (aws-rules C.1, C.4)", p: pset{resource: enableIAMKeyA}, r: decrypt(rootA, keyA), want: A},
		{name: "the account root user needs a key policy allowing its account", src: srcKeyPolicies + " (aws-rules C.4)", p: pset{resource: pdoc(grantS("Allow", awsP(userA), "kms:*"))}, r: decrypt(rootA, keyA), want: I},
	}
}

func TestAWSRulesEvaluationLogic(t *testing.T) {
	for _, tc := range logicRules() {
		t.Run(tc.name, func(t *testing.T) { checkRule(t, tc) })
	}
}

// --- errors are never Allowed ------------------------------------------------

func errorRules() []rule {
	all := pset{id: []string{allowAllDoc}}
	req := func(principal, action, resource, resourceAccount string) evaluate.Request {
		return evaluate.Request{Principal: principal, Action: action, Resource: resource, ResourceAccount: resourceAccount}
	}
	return []rule{
		{name: "an empty principal is an error", src: srcContract, p: all, r: req("", "s3:GetObject", objA, ""), err: true},
		{name: "a group ARN is not a principal a request can come from", src: srcPrincipal + " (aws-rules A.4: groups are never principals)", p: all, r: req("arn:aws:iam::111122223333:group/devs", "s3:GetObject", objA, ""), err: true},
		{name: "a wildcard in the request action is an error", src: "aws-rules H.1 (ActionNames: wildcards not allowed)", p: all, r: req(userA, "s3:Get*", objA, ""), err: true},
		{name: "an action without a service prefix is an error", src: "aws-rules A.5 (service-prefix:ActionName)", p: all, r: req(userA, "GetObject", objA, ""), err: true},
		{name: "a resource that is neither an ARN nor \"*\" is an error", src: srcContract, p: all, r: req(userA, "s3:GetObject", "bucket/object", ""), err: true},
		{name: "a wildcard in the account part of the request resource is an error", src: "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference-arns.html (the account part is an account ID)", p: all, r: req(userA, "s3:GetObject", "arn:aws:kms:us-east-1:*:key/k1", ""), err: true},
		{name: "a resource account that is not an account is an error", src: srcContract, p: all, r: req(userA, "s3:GetObject", objA, "12345"), err: true},
		{name: "a resource account contradicting the resource ARN is an error", src: srcContract, p: all, r: req(userA, "kms:Decrypt", keyA, acctB), err: true},
		{name: "a Principal in an identity policy is refused", src: srcPrincipal + " (aws-rules A.1 table)", p: pset{id: []string{pdoc(grantS("Allow", `"*"`, "s3:*"))}}, r: req(userA, "s3:GetObject", objA, ""), err: true},
		{name: "a resource policy statement without a principal is refused", src: "aws-rules A.1 table (Principal required in resource policies)", p: pset{resource: pdoc(allowS("s3:*", "*"))}, r: req(userA, "s3:GetObject", objA, ""), err: true},
	}
}

func TestAWSRulesErrorsAreNeverAllowed(t *testing.T) {
	for _, tc := range errorRules() {
		t.Run(tc.name, func(t *testing.T) { checkRule(t, tc) })
	}
}

func TestAWSRulesNilEvaluatorIsAnErrorNotAnAllow(t *testing.T) {
	var ev *evaluate.Evaluator
	d, err := ev.Decide(evaluate.Request{Principal: userA, Action: "s3:GetObject", Resource: objA})
	require.Error(t, err, srcContract)
	require.Equal(t, evaluate.ImplicitDeny, d)
	res, err := ev.Evaluate(evaluate.Request{Principal: userA, Action: "s3:GetObject", Resource: objA})
	require.Error(t, err, srcContract)
	require.Equal(t, evaluate.ImplicitDeny, res.Decision)
}

func TestAWSRulesUnknownOperatorIsAnErrorNotAnAllow(t *testing.T) {
	// Parse refuses an unknown operator; a document built by hand must be
	// refused by the engine too (issue contract: fail closed).
	d := &policy.Document{Version: policy.Version2012, Statement: []policy.Statement{{
		Effect: policy.Allow, Action: policy.List("s3:*"), Resource: policy.List("*"),
		Condition: policy.NewCondition("StringEqulas", "aws:username", "alice"),
	}}}
	res, err := evaluate.Evaluate(evaluate.Policies{Identity: []*policy.Document{d}}, evaluate.Request{Principal: userA, Action: "s3:GetObject", Resource: objA})
	require.Error(t, err, srcContract)
	require.NotEqual(t, evaluate.Allowed, res.Decision)
}

func TestAWSRulesNilPolicyDocumentIsAnErrorNotAnAllow(t *testing.T) {
	p := evaluate.Policies{Identity: []*policy.Document{parseDoc(t, allowAllDoc), nil}}
	res, err := evaluate.Evaluate(p, evaluate.Request{Principal: userA, Action: "s3:GetObject", Resource: objA})
	require.Error(t, err, srcContract)
	require.Equal(t, evaluate.ImplicitDeny, res.Decision)
}
