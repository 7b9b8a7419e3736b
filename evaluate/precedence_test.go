package evaluate

import (
	"testing"

	"github.com/cksiam/cksiam/policy"
)

// stmtDoc is a policy of one statement given as JSON members.
func stmtDoc(members string) string {
	return `{"Version":"2012-10-17","Statement":[{` + members + `}]}`
}

func denyStmt(action, resource string) string {
	return stmtDoc(`"Effect":"Deny","Action":"` + action + `","Resource":"` + resource + `"`)
}

// resPolicy is a resource policy with one statement for principal.
func resPolicy(effect, principal, action string) string {
	return stmtDoc(`"Effect":"` + effect + `","Principal":` + principal + `,"Action":"` + action + `","Resource":"*"`)
}

func levels(t *testing.T, lv ...[]string) [][]*policy.Document {
	out := make([][]*policy.Document, len(lv))
	for i, texts := range lv {
		out[i] = docs(t, texts...)
	}
	return out
}

func TestPrecedence(t *testing.T) {
	bucket := "arn:aws:s3:::bucket/object"
	get := Request{Principal: alice, Action: "s3:GetObject", Resource: bucket}
	dec := Request{Principal: session, Action: "kms:Decrypt", Resource: keyARN}
	keyPolicy := resPolicy("Allow", `{"AWS":"arn:aws:iam::111122223333:root"}`, "kms:*")
	scpAllowKMS := allowStmt("kms:*", "*")
	runDecisions(t, []decisionCase{
		{name: "a request nothing allows is implicitly denied (aws-rules C.1)", p: Policies{}, r: get, want: ImplicitDeny},
		{name: "an identity policy Allow grants in the same account (aws-rules C.2)", p: Policies{Identity: docs(t, allowStmt("s3:GetObject", "*"))}, r: get, want: Allowed},
		{name: "an identity Deny beats an identity Allow (aws-rules C.1)", p: Policies{Identity: docs(t, allowStmt("s3:*", "*"), denyStmt("s3:GetObject", "*"))}, r: get, want: ExplicitDeny},
		{name: "a Deny in one identity policy beats an Allow in another (aws-rules C.1)", p: Policies{Identity: docs(t, allowStmt("*", "*"), denyStmt("s3:Get*", bucket))}, r: get, want: ExplicitDeny},
		{name: "a resource policy Deny beats an identity Allow (aws-rules C.2)", p: Policies{Identity: docs(t, allowStmt("s3:*", "*")), Resource: doc(t, resPolicy("Deny", `"*"`, "s3:GetObject"))}, r: get, want: ExplicitDeny},
		{name: "a permissions boundary Deny beats an identity Allow (aws-rules C.2)", p: Policies{Identity: docs(t, allowStmt("s3:*", "*")), Boundary: doc(t, `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"},{"Effect":"Deny","Action":"s3:GetObject","Resource":"*"}]}`)}, r: get, want: ExplicitDeny},
		{name: "a session policy Deny beats an identity Allow (aws-rules C.2)", p: Policies{Identity: docs(t, allowStmt("kms:*", "*")), Resource: doc(t, keyPolicy), Session: doc(t, denyStmt("kms:Decrypt", "*"))}, r: dec, want: ExplicitDeny},
		{name: "an SCP Deny beats every Allow (aws-rules C.2)", p: Policies{Identity: docs(t, allowStmt("s3:*", "*")), SCPs: levels(t, []string{allowAll, denyStmt("s3:GetObject", "*")})}, r: get, want: ExplicitDeny},
		{name: "an RCP Deny beats every Allow for a service RCPs govern (aws-rules C.2)", p: Policies{Identity: docs(t, allowStmt("kms:*", "*")), Resource: doc(t, keyPolicy), RCPs: levels(t, []string{resPolicy("Deny", `"*"`, "kms:Decrypt")})}, r: dec, want: ExplicitDeny},
		{name: "an explicit Deny wins even when a key policy is missing (aws-rules C.1)", p: Policies{Identity: docs(t, denyStmt("kms:*", "*"))}, r: dec, want: ExplicitDeny},
		{name: "an SCP level with no applicable Allow denies implicitly (aws-rules C.2)", p: Policies{Identity: docs(t, allowStmt("s3:*", "*")), SCPs: levels(t, []string{scpAllowKMS})}, r: get, want: ImplicitDeny},
		{name: "every SCP level allowing lets the identity grant stand (aws-rules C.2)", p: Policies{Identity: docs(t, allowStmt("s3:*", "*")), SCPs: levels(t, []string{allowAll}, []string{allowStmt("s3:*", "*")}, []string{allowStmt("s3:Get*", "*")})}, r: get, want: Allowed},
		{name: "one SCP level of three without an Allow denies implicitly (aws-rules C.2)", p: Policies{Identity: docs(t, allowStmt("s3:*", "*")), SCPs: levels(t, []string{allowAll}, []string{scpAllowKMS}, []string{allowAll})}, r: get, want: ImplicitDeny},
		{name: "an Allow in any policy of an SCP level satisfies that level (aws-rules C.2)", p: Policies{Identity: docs(t, allowStmt("s3:*", "*")), SCPs: levels(t, []string{scpAllowKMS, allowStmt("s3:*", "*")})}, r: get, want: Allowed},
		{name: "an empty SCP level allows nothing (aws-rules C.2)", p: Policies{Identity: docs(t, allowStmt("s3:*", "*")), SCPs: levels(t, []string{allowAll}, []string{})}, r: get, want: ImplicitDeny},
		{name: "SCPs never grant on their own (aws-rules C.2)", p: Policies{SCPs: levels(t, []string{allowAll})}, r: get, want: ImplicitDeny},
		{name: "an RCP level without Allow statements still allows: RCPFullAWSAccess is implied (aws-rules C.2)", p: Policies{Identity: docs(t, allowStmt("kms:*", "*")), Resource: doc(t, keyPolicy), RCPs: levels(t, []string{resPolicy("Deny", `"*"`, "kms:ScheduleKeyDeletion")})}, r: dec, want: Allowed},
		{name: "RCPs do not govern services outside their list (aws-rules C.7)", p: Policies{Identity: docs(t, allowStmt("ec2:*", "*")), RCPs: levels(t, []string{resPolicy("Deny", `"*"`, "*")})}, r: Request{Principal: alice, Action: "ec2:DescribeVpcs", Resource: "*"}, want: Allowed},
		{name: "kms:RetireGrant is not governed by RCPs (aws-rules C.4)", p: Policies{Identity: docs(t, allowStmt("kms:*", "*")), Resource: doc(t, keyPolicy), RCPs: levels(t, []string{resPolicy("Deny", `"*"`, "kms:*")})}, r: Request{Principal: session, Action: "kms:RetireGrant", Resource: keyARN}, want: Allowed},
		{name: "an RCP Deny on kms:* still denies other kms actions (aws-rules C.4)", p: Policies{Identity: docs(t, allowStmt("kms:*", "*")), Resource: doc(t, keyPolicy), RCPs: levels(t, []string{resPolicy("Deny", `"*"`, "kms:*")})}, r: Request{Principal: session, Action: "kms:RevokeGrant", Resource: keyARN}, want: ExplicitDeny},
		{name: "RCPs never grant on their own (aws-rules C.2)", p: Policies{RCPs: levels(t, []string{resPolicy("Allow", `"*"`, "*")})}, r: get, want: ImplicitDeny},
		{name: "a permissions boundary that does not allow the action denies implicitly (aws-rules C.2)", p: Policies{Identity: docs(t, allowStmt("s3:*", "*")), Boundary: doc(t, allowStmt("ec2:*", "*"))}, r: get, want: ImplicitDeny},
		{name: "a permissions boundary never grants on its own (aws-rules C.2)", p: Policies{Boundary: doc(t, allowAll)}, r: get, want: ImplicitDeny},
		{name: "identity and boundary both allowing grants (aws-rules C.2)", p: Policies{Identity: docs(t, allowStmt("s3:*", "*")), Boundary: doc(t, allowStmt("s3:Get*", "*"))}, r: get, want: Allowed},
		{name: "a session policy that does not allow the action denies implicitly (aws-rules C.2)", p: Policies{Identity: docs(t, allowStmt("kms:*", "*")), Resource: doc(t, keyPolicy), Session: doc(t, allowStmt("kms:Encrypt", "*"))}, r: dec, want: ImplicitDeny},
		{name: "a session policy allowing the action keeps the identity grant (aws-rules C.2)", p: Policies{Identity: docs(t, allowStmt("kms:*", "*")), Resource: doc(t, keyPolicy), Session: doc(t, allowStmt("kms:Decrypt", "*"))}, r: dec, want: Allowed},
		{name: "a role session without a session policy keeps its role's permissions (aws-rules C.2)", p: Policies{Identity: docs(t, allowStmt("kms:*", "*")), Resource: doc(t, keyPolicy)}, r: dec, want: Allowed},
		{name: "a federated-user session without a session policy has no identity permissions (aws-rules C.2)", p: Policies{Identity: docs(t, allowStmt("s3:*", "*"))}, r: Request{Principal: "arn:aws:sts::111122223333:federated-user/carol", Action: "s3:GetObject", Resource: bucket}, want: ImplicitDeny},
		{name: "a federated-user session with an allowing session policy is granted (aws-rules C.2)", p: Policies{Identity: docs(t, allowStmt("s3:*", "*")), Session: doc(t, allowStmt("s3:GetObject", "*"))}, r: Request{Principal: "arn:aws:sts::111122223333:federated-user/carol", Action: "s3:GetObject", Resource: bucket}, want: Allowed},
		{name: "the account root user has full access to its own account (aws-rules C.1)", p: Policies{}, r: Request{Principal: "arn:aws:iam::111122223333:root", Action: "s3:GetObject", Resource: bucket, ResourceAccount: acct}, want: Allowed},
		{name: "SCPs limit the account root user too (aws-rules C.1)", p: Policies{SCPs: levels(t, []string{scpAllowKMS})}, r: Request{Principal: acct, Action: "s3:GetObject", Resource: bucket}, want: ImplicitDeny},
		{name: "SCPs do not apply to service principals (aws-rules C.7)", p: Policies{Resource: doc(t, resPolicy("Allow", `{"Service":"cloudtrail.amazonaws.com"}`, "s3:PutObject")), SCPs: levels(t, []string{denyStmt("*", "*")})}, r: Request{Principal: "cloudtrail.amazonaws.com", Action: "s3:PutObject", Resource: bucket}, want: Allowed},
		{name: "identity policies do not grant to a service principal (aws-rules C.2)", p: Policies{Identity: docs(t, allowAll)}, r: Request{Principal: "cloudtrail.amazonaws.com", Action: "s3:PutObject", Resource: bucket}, want: ImplicitDeny},
	})
}
