package evaluate

import "testing"

func TestSameAccountResourcePolicyGrants(t *testing.T) {
	queue := "arn:aws:sqs:us-east-1:111122223333:jobs"
	send := func(p string) Request { return Request{Principal: p, Action: "sqs:SendMessage", Resource: queue} }
	names := func(who string) string { return resPolicy("Allow", `{"AWS":"`+who+`"}`, "sqs:SendMessage") }
	boundary := allowStmt("ec2:*", "*")
	runDecisions(t, []decisionCase{
		{name: "naming the user ARN grants without an identity policy (aws-rules C.2 table)", p: Policies{Resource: doc(t, names(alice))}, r: send(alice), want: Allowed},
		{name: "naming the user ARN is not limited by the boundary (aws-rules C.2 table)", p: Policies{Resource: doc(t, names(alice)), Boundary: doc(t, boundary)}, r: send(alice), want: Allowed},
		{name: "naming one user does not grant another (aws-rules A.4)", p: Policies{Resource: doc(t, names(bob))}, r: send(alice), want: ImplicitDeny},
		{name: "user names in principal ARNs are case-sensitive (aws-rules A.4)", p: Policies{Resource: doc(t, names("arn:aws:iam::111122223333:user/Alice"))}, r: send(alice), want: ImplicitDeny},
		{name: "naming the role ARN grants its session without an identity policy (aws-rules C.2 table)", p: Policies{Resource: doc(t, names(roleARN))}, r: send(session), want: Allowed},
		{name: "naming the role ARN is limited by the boundary (aws-rules C.2 table)", p: Policies{Resource: doc(t, names(roleARN)), Boundary: doc(t, boundary)}, r: send(session), want: ImplicitDeny},
		{name: "naming the role ARN is limited by the session policy (aws-rules C.2 table)", p: Policies{Resource: doc(t, names(roleARN)), Session: doc(t, boundary)}, r: send(session), want: ImplicitDeny},
		{name: "naming the role ARN with a path matches its session by role name (aws-rules A.4)", p: Policies{Resource: doc(t, names("arn:aws:iam::111122223333:role/team/Admin"))}, r: send(session), want: Allowed},
		{name: "naming the session ARN bypasses the boundary and the session policy (aws-rules C.2 table)", p: Policies{Resource: doc(t, names(session)), Boundary: doc(t, boundary), Session: doc(t, boundary)}, r: send(session), want: Allowed},
		{name: "naming another session of the same role does not name this one (aws-rules A.4)", p: Policies{Resource: doc(t, names("arn:aws:sts::111122223333:assumed-role/Admin/bob")), Boundary: doc(t, boundary)}, r: send(session), want: ImplicitDeny},
		{name: "naming the federated-user session bypasses identity policies (aws-rules C.2 table)", p: Policies{Resource: doc(t, names("arn:aws:sts::111122223333:federated-user/carol"))}, r: send("arn:aws:sts::111122223333:federated-user/carol"), want: Allowed},
		{name: "naming the account needs an identity Allow (aws-rules C.2)", p: Policies{Resource: doc(t, names("arn:aws:iam::111122223333:root"))}, r: send(alice), want: ImplicitDeny},
		{name: "naming the account with an identity Allow grants (aws-rules C.2)", p: Policies{Resource: doc(t, names(acct)), Identity: docs(t, allowStmt("sqs:*", "*"))}, r: send(alice), want: Allowed},
		{name: "naming the account with an identity Allow is limited by the boundary (aws-rules C.2)", p: Policies{Resource: doc(t, names(acct)), Identity: docs(t, allowStmt("sqs:*", "*")), Boundary: doc(t, boundary)}, r: send(alice), want: ImplicitDeny},
		{name: "a same-account identity Allow grants even when the resource policy names someone else (aws-rules C.2)", p: Policies{Resource: doc(t, names(bob)), Identity: docs(t, allowStmt("sqs:*", "*"))}, r: send(alice), want: Allowed},
		{name: "the principal \"*\" grants everyone (aws-rules A.4)", p: Policies{Resource: doc(t, resPolicy("Allow", `"*"`, "sqs:SendMessage"))}, r: send(alice), want: Allowed},
		{name: "the principal {\"AWS\":\"*\"} grants everyone (aws-rules A.4)", p: Policies{Resource: doc(t, names("*"))}, r: send(session), want: Allowed},
		{name: "an account ID and its root ARN name the same principal (aws-rules A.4)", p: Policies{Resource: doc(t, names("arn:aws:iam::111122223333:root")), Identity: docs(t, allowStmt("sqs:*", "*"))}, r: send(session), want: Allowed},
		{name: "a principal in another partition does not match (aws-rules A.4)", p: Policies{Resource: doc(t, names("arn:aws-cn:iam::111122223333:user/alice"))}, r: send(alice), want: ImplicitDeny},
		{name: "a resource-policy Deny naming the role applies to its session (aws-rules C.2)", p: Policies{Resource: doc(t, resPolicy("Deny", `{"AWS":"`+roleARN+`"}`, "sqs:*")), Identity: docs(t, allowAll)}, r: send(session), want: ExplicitDeny},
		{name: "a resource-policy Deny naming the account applies to its users (aws-rules A.4)", p: Policies{Resource: doc(t, resPolicy("Deny", `{"AWS":"111122223333"}`, "sqs:*")), Identity: docs(t, allowAll)}, r: send(alice), want: ExplicitDeny},
		{name: "a resource-policy Deny naming another user does not apply (aws-rules A.4)", p: Policies{Resource: doc(t, resPolicy("Deny", `{"AWS":"`+bob+`"}`, "sqs:*")), Identity: docs(t, allowAll)}, r: send(alice), want: Allowed},
		{name: "a service principal named in a resource policy is granted (aws-rules A.4)", p: Policies{Resource: doc(t, resPolicy("Allow", `{"Service":"sns.amazonaws.com"}`, "sqs:SendMessage"))}, r: send("sns.amazonaws.com"), want: Allowed},
		{name: "service principals compare case-sensitively (aws-rules G.3)", p: Policies{Resource: doc(t, resPolicy("Allow", `{"Service":"SNS.amazonaws.com"}`, "sqs:SendMessage"))}, r: send("sns.amazonaws.com"), want: ImplicitDeny},
		{name: "a CanonicalUser principal matches that canonical user (aws-rules A.4)", p: Policies{Resource: doc(t, resPolicy("Allow", `{"CanonicalUser":"79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be"}`, "sqs:SendMessage"))}, r: send("79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be"), want: Allowed},
	})
}

func TestCrossAccount(t *testing.T) {
	queue := "arn:aws:sqs:us-east-1:444455556666:jobs"
	send := func(p string) Request { return Request{Principal: p, Action: "sqs:SendMessage", Resource: queue} }
	names := func(who string) string { return resPolicy("Allow", `{"AWS":"`+who+`"}`, "sqs:SendMessage") }
	runDecisions(t, []decisionCase{
		{name: "cross-account access with the resource policy naming the account and an identity Allow is granted (aws-rules C.3)", p: Policies{Resource: doc(t, names(acct)), Identity: docs(t, allowStmt("sqs:SendMessage", queue))}, r: send(alice), want: Allowed},
		{name: "cross-account access needs the identity Allow even when the resource policy names the user (aws-rules C.3)", p: Policies{Resource: doc(t, names(alice))}, r: send(alice), want: ImplicitDeny},
		{name: "cross-account access needs the resource policy even with an identity Allow (aws-rules C.3)", p: Policies{Identity: docs(t, allowAll)}, r: send(alice), want: ImplicitDeny},
		{name: "cross-account access fails when the resource policy names a third account (aws-rules C.3)", p: Policies{Resource: doc(t, names("777788889999")), Identity: docs(t, allowAll)}, r: send(alice), want: ImplicitDeny},
		{name: "cross-account access is limited by the caller's boundary (aws-rules C.3)", p: Policies{Resource: doc(t, names(alice)), Identity: docs(t, allowAll), Boundary: doc(t, allowStmt("ec2:*", "*"))}, r: send(alice), want: ImplicitDeny},
		{name: "cross-account access by a role session named by role ARN with an identity Allow is granted (aws-rules C.3)", p: Policies{Resource: doc(t, names(roleARN)), Identity: docs(t, allowAll)}, r: send(session), want: Allowed},
		{name: "ResourceAccount decides the owner when the ARN has no account (aws-rules C.3)", p: Policies{Identity: docs(t, allowAll)}, r: Request{Principal: alice, Action: "s3:GetObject", Resource: "arn:aws:s3:::bucket/key", ResourceAccount: other}, want: ImplicitDeny},
		{name: "ResourceAccount may be an account ARN (aws-rules H.1)", p: Policies{Identity: docs(t, allowAll), Resource: doc(t, resPolicy("Allow", `{"AWS":"111122223333"}`, "s3:GetObject"))}, r: Request{Principal: alice, Action: "s3:GetObject", Resource: "arn:aws:s3:::bucket/key", ResourceAccount: "arn:aws:iam::444455556666:root"}, want: Allowed},
		{name: "an S3 ARN without ResourceAccount is in the caller's account (aws-rules C.2)", p: Policies{Identity: docs(t, allowAll)}, r: Request{Principal: alice, Action: "s3:GetObject", Resource: "arn:aws:s3:::bucket/key"}, want: Allowed},
	})
}

func TestNotPrincipal(t *testing.T) {
	queue := "arn:aws:sqs:us-east-1:111122223333:jobs"
	send := func(p string) Request { return Request{Principal: p, Action: "sqs:SendMessage", Resource: queue} }
	denyExcept := func(list string) string {
		return `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"111122223333"},"Action":"sqs:*","Resource":"*"},
		  {"Effect":"Deny","NotPrincipal":{"AWS":` + list + `},"Action":"sqs:*","Resource":"*"}]}`
	}
	id := docs(t, allowAll)
	runDecisions(t, []decisionCase{
		{name: "Deny with NotPrincipal listing the user and its account exempts the user (aws-rules I)", p: Policies{Identity: id, Resource: doc(t, denyExcept(`["`+alice+`","arn:aws:iam::111122223333:root"]`))}, r: send(alice), want: Allowed},
		{name: "Deny with NotPrincipal listing the user and its account denies other users (aws-rules A.4)", p: Policies{Identity: id, Resource: doc(t, denyExcept(`["`+alice+`","arn:aws:iam::111122223333:root"]`))}, r: send(bob), want: ExplicitDeny},
		{name: "Deny with NotPrincipal listing only the account does not exempt its users (aws-rules I)", p: Policies{Identity: id, Resource: doc(t, denyExcept(`"111122223333"`))}, r: send(alice), want: ExplicitDeny},
		{name: "Deny with NotPrincipal listing only the account exempts the root user (aws-rules I)", p: Policies{Resource: doc(t, denyExcept(`"111122223333"`))}, r: send(acct), want: Allowed},
		{name: "Deny with NotPrincipal listing the user without the account denies the user (aws-rules I)", p: Policies{Identity: id, Resource: doc(t, denyExcept(`"`+alice+`"`))}, r: send(alice), want: ExplicitDeny},
		{name: "Deny with NotPrincipal listing the role and account does not exempt its session (aws-rules I)", p: Policies{Identity: id, Resource: doc(t, denyExcept(`["`+roleARN+`","111122223333"]`))}, r: send(session), want: ExplicitDeny},
		{name: "Deny with NotPrincipal listing account, role and session exempts the session (aws-rules I)", p: Policies{Identity: id, Resource: doc(t, denyExcept(`["`+roleARN+`","111122223333","`+session+`"]`))}, r: send(session), want: Allowed},
		{name: "Deny with NotPrincipal \"*\" exempts everyone (aws-rules A.4)", p: Policies{Identity: id, Resource: doc(t, denyExcept(`"*"`))}, r: send(alice), want: Allowed},
		{name: "Deny with NotPrincipal always denies a user with a permissions boundary (IAM User Guide, NotPrincipal)", p: Policies{Identity: id, Boundary: doc(t, allowAll), Resource: doc(t, denyExcept(`["`+alice+`","arn:aws:iam::111122223333:root"]`))}, r: send(alice), want: ExplicitDeny},
		{name: "Deny with NotPrincipal always denies a role session with a permissions boundary (IAM User Guide, NotPrincipal)", p: Policies{Identity: id, Boundary: doc(t, allowAll), Resource: doc(t, denyExcept(`["`+roleARN+`","111122223333","`+session+`"]`))}, r: send(session), want: ExplicitDeny},
		{name: "Allow with NotPrincipal grants principals not listed (aws-rules C.6)", p: Policies{Resource: doc(t, stmtDoc(`"Effect":"Allow","NotPrincipal":{"AWS":"`+bob+`"},"Action":"sqs:*","Resource":"*"`))}, r: send(alice), want: Allowed},
		{name: "Allow with NotPrincipal does not grant the listed principal (aws-rules C.6)", p: Policies{Resource: doc(t, stmtDoc(`"Effect":"Allow","NotPrincipal":{"AWS":"`+alice+`"},"Action":"sqs:*","Resource":"*"`))}, r: send(alice), want: ImplicitDeny},
		{name: "Allow with NotPrincipal listing the account excludes its users (aws-rules C.6, the reading that grants less)", p: Policies{Resource: doc(t, stmtDoc(`"Effect":"Allow","NotPrincipal":{"AWS":"111122223333"},"Action":"sqs:*","Resource":"*"`))}, r: send(alice), want: ImplicitDeny},
		{name: "Deny with NotPrincipal listing a service exempts that service (aws-rules A.4)", p: Policies{Resource: doc(t, `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"sns.amazonaws.com"},"Action":"sqs:*","Resource":"*"},{"Effect":"Deny","NotPrincipal":{"Service":"sns.amazonaws.com"},"Action":"sqs:*","Resource":"*"}]}`)}, r: send("sns.amazonaws.com"), want: Allowed},
	})
}

func TestABareAccountIDIsReadInPartitionAWS(t *testing.T) {
	key := "arn:aws-cn:kms:cn-north-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
	decrypt := func(p string) Request { return Request{Principal: p, Action: "kms:Decrypt", Resource: key} }
	cnRoot := doc(t, resPolicy("Allow", `{"AWS":"arn:aws-cn:iam::111122223333:root"}`, "kms:Decrypt"))
	runDecisions(t, []decisionCase{
		{name: "a key policy naming the aws-cn root does not match the bare account ID, read in partition aws (Request.Principal's doc)", p: Policies{Resource: cnRoot}, r: decrypt("111122223333"), want: ImplicitDeny},
		{name: "the same key policy matches the account's aws-cn root ARN", p: Policies{Resource: cnRoot}, r: decrypt("arn:aws-cn:iam::111122223333:root"), want: Allowed},
	})
}
