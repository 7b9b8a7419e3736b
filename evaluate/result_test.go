package evaluate

import (
	"testing"

	"github.com/cksiam/cksiam/policy"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/stretchr/testify/require"
)

func TestResultNamesTheAllowingStatementsOfEveryType(t *testing.T) {
	p := guidePolicies(t)
	p.Boundary = doc(t, `{"Version":"2012-10-17","Statement":[{"Sid":"B","Effect":"Allow","Action":"kms:*","Resource":"*"}]}`)
	res, err := Evaluate(p, Request{Principal: "arn:aws:sts::111122223333:assumed-role/ExampleRole/app", Action: "kms:Decrypt", Resource: guidePageKey})
	require.NoError(t, err)
	want := Result{
		Decision: Allowed,
		Statements: []StatementRef{
			{PolicyType: TypeIdentity, PolicyIndex: 1, StatementIndex: 0, Sid: "UseKeys", Effect: policy.Allow},
			{PolicyType: TypeResource, StatementIndex: 0, Sid: "Enable IAM policies", Effect: policy.Allow},
			{PolicyType: TypeResource, StatementIndex: 2, Sid: "Allow use of the key", Effect: policy.Allow},
			{PolicyType: TypeBoundary, StatementIndex: 0, Sid: "B", Effect: policy.Allow},
			{PolicyType: TypeSCP, Level: 0, StatementIndex: 0, Effect: policy.Allow},
		},
		Verdicts: []PolicyVerdict{
			{Type: TypeIdentity, Decision: Allowed},
			{Type: TypeResource, Decision: Allowed},
			{Type: TypeBoundary, Decision: Allowed},
			{Type: TypeSCP, Level: 0, Decision: Allowed},
		},
	}
	if d := cmp.Diff(want, res, cmpopts.IgnoreFields(Result{}, "Reason"), cmpopts.EquateEmpty()); d != "" {
		t.Fatalf("Result (-want +got):\n%s", d)
	}
	require.Equal(t, "the key policy allows the caller's role", res.Reason)
}

func TestResultListsOnlyDenyStatementsOnExplicitDeny(t *testing.T) {
	p := Policies{
		Identity: docs(t, allowAll, `{"Version":"2012-10-17","Statement":[{"Sid":"NoDelete","Effect":"Deny","Action":"kms:ScheduleKeyDeletion","Resource":"*"}]}`),
		Resource: doc(t, enableIAM),
		SCPs:     levels(t, []string{allowAll}, []string{`{"Version":"2012-10-17","Statement":[{"Sid":"Guard","Effect":"Deny","Action":"kms:Schedule*","Resource":"*"}]}`, allowAll}),
	}
	res, err := Evaluate(p, Request{Principal: alice, Action: "kms:ScheduleKeyDeletion", Resource: keyARN})
	require.NoError(t, err)
	require.Equal(t, ExplicitDeny, res.Decision)
	require.Equal(t, []StatementRef{
		{PolicyType: TypeIdentity, PolicyIndex: 1, Sid: "NoDelete", Effect: policy.Deny},
		{PolicyType: TypeSCP, Level: 1, PolicyIndex: 0, Sid: "Guard", Effect: policy.Deny},
	}, res.Statements)
	require.Equal(t, []PolicyVerdict{
		{Type: TypeIdentity, Decision: ExplicitDeny},
		{Type: TypeResource, Decision: Allowed},
		{Type: TypeSCP, Level: 0, Decision: Allowed},
		{Type: TypeSCP, Level: 1, Decision: ExplicitDeny},
	}, res.Verdicts)
	require.Equal(t, "SCPs[1][0].Statement[0]", res.Statements[1].Path())
	v, ok := res.Verdict(TypeSCP, 1)
	require.True(t, ok)
	require.Equal(t, ExplicitDeny, v.Decision)
	_, ok = res.Verdict(TypeBoundary, 0)
	require.False(t, ok, "a type with no policy takes no part")
}

func TestFailClosedDenyIsExplained(t *testing.T) {
	p := Policies{Identity: docs(t, allowAll, stmtDoc(`"Effect":"Deny","Action":"*","Resource":"*","Condition":{"IpAddress":{"aws:SourceIp":"not-a-cidr"}}`))}
	res, err := Evaluate(p, Request{Principal: alice, Action: "s3:GetObject", Resource: "*", Context: ctx("aws:SourceIp", "10.0.0.1")})
	require.NoError(t, err)
	require.Equal(t, ExplicitDeny, res.Decision)
	require.Equal(t, []Diagnostic{
		{Severity: policy.SeverityError, Code: DiagFailClosedDeny, Message: "Deny statement applied because a condition could not be evaluated (fail closed)", Where: "Identity[1].Statement[0]"},
		{Severity: policy.SeverityError, Code: DiagUnparsablePolicyValue, Message: `cannot read condition value "not-a-cidr" (expected an IPv4 or IPv6 address or CIDR block such as 203.0.113.0/24 or 2001:db8::/32, without a zone or spaces) for IpAddress; the statement cannot allow, and applies if it is a Deny`, Where: "Identity[1].Statement[0].Condition.IpAddress.aws:SourceIp"},
	}, res.Diagnostics)
}

func TestDiagnosticsExplainGuardrails(t *testing.T) {
	cases := []struct {
		name string
		p    Policies
		r    Request
		code string
	}{
		{"cross-account access without a resource policy is explained (aws-rules C.3)", Policies{Identity: docs(t, allowAll)}, Request{Principal: alice, Action: "sqs:SendMessage", Resource: "arn:aws:sqs:us-east-1:444455556666:q"}, DiagCrossAccountNeedsResourcePolicy},
		{"a role assumption without a trust policy is explained (aws-rules C.5)", Policies{Identity: docs(t, allowAll)}, Request{Principal: alice, Action: "sts:AssumeRole", Resource: roleARN}, DiagTrustPolicyRequired},
		{"an empty SCP level is explained (aws-rules C.2)", Policies{Identity: docs(t, allowAll), SCPs: [][]*policy.Document{{}}}, Request{Principal: alice, Action: "s3:GetObject", Resource: "*"}, DiagEmptySCPLevel},
		{"SCPs skipped for a service principal are explained (aws-rules C.7)", Policies{SCPs: levels(t, []string{allowAll})}, Request{Principal: "sns.amazonaws.com", Action: "sqs:SendMessage", Resource: "*"}, DiagSCPsNotApplicable},
		{"RCPs skipped for a service they do not govern are explained (aws-rules C.7)", Policies{Identity: docs(t, allowAll), RCPs: levels(t, []string{resPolicy("Deny", `"*"`, "*")})}, Request{Principal: alice, Action: "ec2:DescribeVpcs", Resource: "*"}, DiagRCPsNotApplicable},
		{"identity policies given for a service principal are flagged (aws-rules C.2)", Policies{Identity: docs(t, allowAll)}, Request{Principal: "sns.amazonaws.com", Action: "sqs:SendMessage", Resource: "*"}, DiagIdentityNotApplicable},
		{"the root user's own-account access is explained (aws-rules C.1)", Policies{}, Request{Principal: acct, Action: "s3:GetObject", Resource: "*"}, DiagRootUserAccess},
		{"an unreadable request value is explained (fail closed)", Policies{Identity: docs(t, stmtDoc(`"Effect":"Allow","Action":"*","Resource":"*","Condition":{"DateLessThan":{"aws:CurrentTime":"2030-01-01T00:00:00Z"}}`))}, Request{Principal: alice, Action: "s3:GetObject", Resource: "*", Context: ctx("aws:CurrentTime", "soon")}, DiagUnparsableContextValue},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			res, err := Evaluate(tc.p, tc.r)
			require.NoError(t, err)
			require.True(t, hasDiag(res, tc.code), "want %s in %v", tc.code, res.Diagnostics)
			require.NotEmpty(t, res.Reason)
		})
	}
}

func TestDecideAgreesWithEvaluateOnTheGuidePolicies(t *testing.T) {
	ev, err := Compile(guidePolicies(t))
	require.NoError(t, err)
	m, stored, ok := ev.names.get("KMS:Decrypt")
	require.True(t, ok && m.id >= 0, "the guide policies' literal actions are memoised, found in any case")
	require.Equal(t, "kms:decrypt", stored)
	require.Equal(t, uint16(len("kms")), m.svcLen)
	for _, r := range []Request{
		{Principal: "arn:aws:sts::111122223333:assumed-role/ExampleRole/app", Action: "kms:Decrypt", Resource: guidePageKey},
		{Principal: "arn:aws:sts::111122223333:assumed-role/KMSAdminRole/x", Action: "kms:ScheduleKeyDeletion", Resource: guidePageKey},
		{Principal: "arn:aws:sts::111122223333:assumed-role/KMSAdminRole/x", Action: "kms:Decrypt", Resource: guidePageKey},
		{Principal: alice, Action: "kms:CreateCustomKeyStore", Resource: "*"},
		{Principal: alice, Action: "KMS:createcustomkeystore", Resource: "*"},
		{Principal: "arn:aws:sts::111122223333:assumed-role/ExampleRole/app", Action: "kms:decrypt", Resource: guidePageKey},
		{Principal: "arn:aws:sts::111122223333:assumed-role/KMSAdminRole/x", Action: "kms:DescribeKey", Resource: guidePageKey},
		{Principal: alice, Action: "iam:CreateServiceLinkedRole", Resource: "arn:aws:iam::111122223333:role/aws-service-role/cks.kms.amazonaws.com/AWSServiceRoleForKeyManagementServiceCustomKeyStores", Context: ctx("iam:AWSServiceName", "cks.kms.amazonaws.com")},
		{Principal: alice, Action: "iam:CreateServiceLinkedRole", Resource: "arn:aws:iam::111122223333:role/aws-service-role/cks.kms.amazonaws.com/AWSServiceRoleForKeyManagementServiceCustomKeyStores", Context: ctx("iam:AWSServiceName", "ec2.amazonaws.com")},
	} {
		res, err := ev.Evaluate(r)
		require.NoError(t, err)
		d, err := ev.Decide(r)
		require.NoError(t, err)
		require.Equal(t, res.Decision, d, "%+v", r)
		nm, err := withoutMemo(ev).Decide(r)
		require.NoError(t, err)
		require.Equal(t, d, nm, "the action memo must not change a decision: %+v", r)
	}
}
