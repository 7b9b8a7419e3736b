package evaluate

import (
	"testing"

	"github.com/stretchr/testify/require"
)

const enableIAM = `{"Version":"2012-10-17","Statement":[{"Sid":"Enable IAM policies","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"kms:*","Resource":"*"}]}`

func TestKeyPolicies(t *testing.T) {
	decrypt := func(p string) Request { return Request{Principal: p, Action: "kms:Decrypt", Resource: keyARN} }
	iamAllow := docs(t, allowStmt("kms:Decrypt", keyARN))
	roleOnly := resPolicy("Allow", `{"AWS":"`+roleARN+`"}`, "kms:Decrypt")
	crossKey := "arn:aws:kms:us-east-1:444455556666:key/0987dcba-09fe-87dc-65ba-ab0987654321"
	runDecisions(t, []decisionCase{
		{name: "a key policy enabling IAM policies lets an identity Allow grant (aws-rules C.4)", p: Policies{Resource: doc(t, enableIAM), Identity: iamAllow}, r: decrypt(alice), want: Allowed},
		{name: "a key policy that does not allow the account makes identity Allows ineffective (aws-rules C.4)", p: Policies{Resource: doc(t, roleOnly), Identity: iamAllow}, r: decrypt(alice), want: ImplicitDeny},
		{name: "a key policy naming the role grants its session without IAM policies (aws-rules C.4)", p: Policies{Resource: doc(t, roleOnly)}, r: decrypt(session), want: Allowed},
		{name: "a key policy naming the account does not by itself grant a user (aws-rules C.4)", p: Policies{Resource: doc(t, enableIAM)}, r: decrypt(alice), want: ImplicitDeny},
		{name: "a KMS key request without a key policy is implicitly denied (aws-rules I)", p: Policies{Identity: docs(t, allowAll)}, r: decrypt(alice), want: ImplicitDeny},
		{name: "an IAM Deny still applies when the key policy names the caller (aws-rules C.4)", p: Policies{Resource: doc(t, roleOnly), Identity: docs(t, denyStmt("kms:Decrypt", "*"))}, r: decrypt(session), want: ExplicitDeny},
		{name: "a key policy Deny beats an IAM Allow (aws-rules C.4)", p: Policies{Resource: doc(t, `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"111122223333"},"Action":"kms:*","Resource":"*"},{"Effect":"Deny","Principal":"*","Action":"kms:Decrypt","Resource":"*"}]}`), Identity: iamAllow}, r: decrypt(alice), want: ExplicitDeny},
		{name: "a key policy naming the account short form enables IAM policies (aws-rules A.4, C.4)", p: Policies{Resource: doc(t, resPolicy("Allow", `{"AWS":"111122223333"}`, "kms:*")), Identity: iamAllow}, r: decrypt(alice), want: Allowed},
		{name: "a key policy allowing the account for other actions does not enable IAM for this one (aws-rules C.4)", p: Policies{Resource: doc(t, resPolicy("Allow", `{"AWS":"111122223333"}`, "kms:Describe*")), Identity: iamAllow}, r: decrypt(alice), want: ImplicitDeny},
		{name: "cross-account key use needs the key policy to name the caller's account and an IAM Allow (aws-rules C.4)", p: Policies{Resource: doc(t, resPolicy("Allow", `{"AWS":"arn:aws:iam::111122223333:root"}`, "kms:Decrypt")), Identity: docs(t, allowStmt("kms:Decrypt", crossKey))}, r: decrypt(alice).with(crossKey), want: Allowed},
		{name: "cross-account key use without an IAM Allow is implicitly denied (aws-rules C.4)", p: Policies{Resource: doc(t, resPolicy("Allow", `{"AWS":"arn:aws:iam::111122223333:root"}`, "kms:Decrypt"))}, r: decrypt(alice).with(crossKey), want: ImplicitDeny},
		{name: "cross-account key use with a key policy naming the role still needs an IAM Allow (aws-rules C.4)", p: Policies{Resource: doc(t, roleOnly)}, r: decrypt(session).with(crossKey), want: ImplicitDeny},
		{name: "a key policy granting everyone with kms:CallerAccount grants callers of that account (aws-rules E.3)", p: Policies{Resource: doc(t, stmtDoc(`"Effect":"Allow","Principal":{"AWS":"*"},"Action":"kms:Decrypt","Resource":"*","Condition":{"StringEquals":{"kms:CallerAccount":"111122223333"}}`))}, r: decrypt(alice), want: Allowed},
		{name: "a key policy granting everyone with kms:CallerAccount refuses other accounts (aws-rules E.3)", p: Policies{Resource: doc(t, stmtDoc(`"Effect":"Allow","Principal":{"AWS":"*"},"Action":"kms:Decrypt","Resource":"*","Condition":{"StringEquals":{"kms:CallerAccount":"444455556666"}}`))}, r: decrypt(alice), want: ImplicitDeny},
		{name: "the grant statement of the default key policy needs kms:GrantIsForAWSResource (aws-rules E.5)", p: Policies{Resource: doc(t, stmtDoc(`"Effect":"Allow","Principal":{"AWS":"`+roleARN+`"},"Action":["kms:CreateGrant","kms:ListGrants","kms:RevokeGrant"],"Resource":"*","Condition":{"Bool":{"kms:GrantIsForAWSResource":true}}`))}, r: Request{Principal: session, Action: "kms:CreateGrant", Resource: keyARN, Context: ctx("kms:GrantIsForAWSResource", "false")}, want: ImplicitDeny},
		{name: "an alias ARN is not a key, so identity policies alone decide (aws-rules E.1)", p: Policies{Identity: docs(t, allowStmt("kms:CreateAlias", "*"))}, r: Request{Principal: alice, Action: "kms:CreateAlias", Resource: "arn:aws:kms:us-east-1:111122223333:alias/app"}, want: Allowed},
		{name: "custom key store actions take no key, so identity policies alone decide (aws-rules E.4)", p: Policies{Identity: docs(t, allowStmt("kms:*CustomKeyStore*", "*"))}, r: Request{Principal: alice, Action: "kms:CreateCustomKeyStore", Resource: "*"}, want: Allowed},
		{name: "a non-kms action on a key ARN is not a key request (aws-rules C.4)", p: Policies{Identity: docs(t, allowAll)}, r: Request{Principal: alice, Action: "ec2:DescribeVpcs", Resource: keyARN}, want: Allowed},
	})
}

func (r Request) with(resource string) Request { r.Resource = resource; return r }

func TestKeyPolicyRequiredDiagnostic(t *testing.T) {
	res, err := Evaluate(Policies{Identity: docs(t, allowAll)}, Request{Principal: alice, Action: "kms:Decrypt", Resource: keyARN})
	require.NoError(t, err)
	require.Equal(t, ImplicitDeny, res.Decision)
	require.True(t, hasDiag(res, DiagKeyPolicyRequired), "diagnostics: %v", res.Diagnostics)
}

func TestTrustPolicies(t *testing.T) {
	slr := "arn:aws:iam::111122223333:role/aws-service-role/cks.kms.amazonaws.com/AWSServiceRoleForKeyManagementServiceCustomKeyStores"
	target := "arn:aws:iam::111122223333:role/Deployer"
	crossTarget := "arn:aws:iam::444455556666:role/Deployer"
	assume := func(p, role string) Request { return Request{Principal: p, Action: "sts:AssumeRole", Resource: role} }
	trust := func(principal string) string {
		return `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":` + principal + `,"Action":"sts:AssumeRole"}]}`
	}
	slrTrust := trust(`{"Service":"cks.kms.amazonaws.com"}`)
	runDecisions(t, []decisionCase{
		{name: "the custom key store service-linked role trusts cks.kms.amazonaws.com (aws-rules G.1)", p: Policies{Resource: doc(t, slrTrust)}, r: assume("cks.kms.amazonaws.com", slr), want: Allowed},
		{name: "no other service may assume the custom key store service-linked role (aws-rules G.1)", p: Policies{Resource: doc(t, slrTrust)}, r: assume("ec2.amazonaws.com", slr), want: ImplicitDeny},
		{name: "an IAM user may not assume a role that trusts only a service, whatever its IAM policies (aws-rules C.5)", p: Policies{Resource: doc(t, slrTrust), Identity: docs(t, allowAll)}, r: assume(alice, slr), want: ImplicitDeny},
		{name: "a trust policy naming the user lets it assume the role without an identity Allow (aws-rules C.5)", p: Policies{Resource: doc(t, trust(`{"AWS":"`+alice+`"}`))}, r: assume(alice, target), want: Allowed},
		{name: "a trust policy naming a user whose boundary does not allow sts:AssumeRole does not let it assume the role (IAM User Guide, Update a role trust policy)", p: Policies{Resource: doc(t, trust(`{"AWS":"`+alice+`"}`)), Identity: docs(t, allowStmt("sts:AssumeRole", "*")), Boundary: doc(t, allowStmt("s3:*", "*"))}, r: assume(alice, target), want: ImplicitDeny},
		{name: "a trust policy naming a user whose boundary allows sts:AssumeRole lets it assume the role (IAM User Guide, Update a role trust policy)", p: Policies{Resource: doc(t, trust(`{"AWS":"`+alice+`"}`)), Boundary: doc(t, allowStmt("sts:AssumeRole", "*"))}, r: assume(alice, target), want: Allowed},
		{name: "a key policy naming a user whose boundary does not allow the action still grants it (IAM User Guide, permissions boundaries: resource-based policies naming the user)", p: Policies{Resource: doc(t, resPolicy("Allow", `{"AWS":"`+alice+`"}`, "kms:Decrypt")), Boundary: doc(t, allowStmt("s3:*", "*"))}, r: Request{Principal: alice, Action: "kms:Decrypt", Resource: keyARN}, want: Allowed},
		{name: "a trust policy naming the account needs an identity Allow (aws-rules C.5)", p: Policies{Resource: doc(t, trust(`{"AWS":"arn:aws:iam::111122223333:root"}`))}, r: assume(alice, target), want: ImplicitDeny},
		{name: "a trust policy naming the account with an identity Allow lets the user assume the role (aws-rules C.5)", p: Policies{Resource: doc(t, trust(`{"AWS":"arn:aws:iam::111122223333:root"}`)), Identity: docs(t, allowStmt("sts:AssumeRole", target))}, r: assume(alice, target), want: Allowed},
		{name: "a trust policy not naming the caller or its account refuses it even with an identity Allow (aws-rules C.5)", p: Policies{Resource: doc(t, trust(`{"AWS":"`+bob+`"}`)), Identity: docs(t, allowAll)}, r: assume(alice, target), want: ImplicitDeny},
		{name: "cross-account role assumption needs the trust policy and an identity Allow (aws-rules C.5)", p: Policies{Resource: doc(t, trust(`{"AWS":"111122223333"}`)), Identity: docs(t, allowStmt("sts:AssumeRole", crossTarget))}, r: assume(alice, crossTarget), want: Allowed},
		{name: "cross-account role assumption without an identity Allow is implicitly denied (aws-rules C.5)", p: Policies{Resource: doc(t, trust(`{"AWS":"`+alice+`"}`))}, r: assume(alice, crossTarget), want: ImplicitDeny},
		{name: "role assumption without a trust policy is implicitly denied (aws-rules C.5)", p: Policies{Identity: docs(t, allowAll)}, r: assume(alice, target), want: ImplicitDeny},
		{name: "the account root user cannot assume a role (aws-rules C.5)", p: Policies{Resource: doc(t, trust(`{"AWS":"111122223333"}`))}, r: assume(acct, target), want: ImplicitDeny},
		{name: "a SAML provider named as Federated may assume the role with SAML (aws-rules A.4)", p: Policies{Resource: doc(t, `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Federated":"arn:aws:iam::111122223333:saml-provider/corp"},"Action":"sts:AssumeRoleWithSAML"}]}`)}, r: Request{Principal: "arn:aws:iam::111122223333:saml-provider/corp", Action: "sts:AssumeRoleWithSAML", Resource: target}, want: Allowed},
		{name: "a trust statement for sts:AssumeRole does not cover sts:TagSession (aws-rules A.1)", p: Policies{Resource: doc(t, trust(`{"AWS":"`+alice+`"}`))}, r: Request{Principal: alice, Action: "sts:TagSession", Resource: target}, want: ImplicitDeny},
		{name: "an explicit Deny in the caller's identity policy stops role assumption (aws-rules C.1)", p: Policies{Resource: doc(t, trust(`{"AWS":"`+alice+`"}`)), Identity: docs(t, denyStmt("sts:AssumeRole", "*"))}, r: assume(alice, target), want: ExplicitDeny},
		{name: "a role session named by role ARN in another role's trust policy may chain (aws-rules C.5)", p: Policies{Resource: doc(t, trust(`{"AWS":"`+roleARN+`"}`))}, r: assume(session, target), want: Allowed},
	})
}

func TestSimulatorModeDecidesKeyAndRoleARNsFromIdentityPolicies(t *testing.T) {
	p := Policies{Identity: docs(t, allowStmt("*", "*"))}
	for _, r := range []Request{
		{Principal: alice, Action: "kms:Decrypt", Resource: keyARN},
		{Principal: alice, Action: "sts:AssumeRole", Resource: "arn:aws:iam::111122223333:role/Deployer"},
	} {
		ev, err := Compile(p)
		require.NoError(t, err)
		d, err := ev.Decide(r)
		require.NoError(t, err)
		require.Equal(t, ImplicitDeny, d, "live AWS needs the key or trust policy (aws-rules C.4, C.5)")
		ev, err = Compile(p, PolicySimulatorReadings())
		require.NoError(t, err)
		d, err = ev.Decide(r)
		require.NoError(t, err)
		require.Equal(t, Allowed, d, "the IAM policy simulator decides from identity policies alone (aws-rules H.3)")
		// With a resource policy the simulator applies it as given.
		p2 := p
		p2.Resource = doc(t, resPolicy("Allow", `{"AWS":"`+bob+`"}`, "*"))
		ev2, err := Compile(p2, PolicySimulatorReadings())
		require.NoError(t, err)
		d, err = ev2.Decide(r)
		require.NoError(t, err)
		require.Equal(t, ImplicitDeny, d, "a given key or trust policy still decides")
	}
}
