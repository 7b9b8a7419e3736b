package simulator_test

// SimulateCustomPolicy decisions against the IAM policy simulator's documented behaviour (the decision-table tests of package evaluate hold the engine's cases).

import (
	"context"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/iam/types"
	"github.com/stretchr/testify/require"

	"github.com/cksiam/cksiam/evaluate"
	"github.com/cksiam/cksiam/evaluate/simulator"
)

// simRule is a SimulateCustomPolicy input and the decision the IAM policy
// simulator gives for it.
type simRule struct {
	name string
	src  string
	in   iam.SimulateCustomPolicyInput
	want evaluate.Decision
}

// simulatorRules (audit finding AUDIT-8, fixed): without a ResourcePolicy, the IAM policy simulator
// decides from the identity-based policies and the inputs given ("The IAM
// policy simulator evaluates statements in the identity-based policy and the
// inputs that you provide during simulation", SimulateCustomPolicy API
// reference); it cannot even be given a role's trust policy ("ResourcePolicy
// ... not supported for IAM roles", aws-rules H.1).
func simulatorRules() []simRule {
	const apiRef = "https://docs.aws.amazon.com/IAM/latest/APIReference/API_SimulateCustomPolicy.html"
	return []simRule{
		{name: "the simulator allows kms:Decrypt on a key ARN when the identity policy allows it and no resource policy is given", src: apiRef + " (aws-rules H.1, H.3)",
			in:   iam.SimulateCustomPolicyInput{PolicyInputList: []string{allowKMS}, ActionNames: []string{"kms:Decrypt"}, ResourceArns: []string{keyA}},
			want: evaluate.Allowed},
		{name: "the simulator allows sts:AssumeRole on a role ARN when the identity policy allows it", src: apiRef + " (ResourcePolicy is not supported for IAM roles; aws-rules H.1)",
			in:   iam.SimulateCustomPolicyInput{PolicyInputList: []string{allowAssume}, ActionNames: []string{"sts:AssumeRole"}, ResourceArns: []string{targetA}},
			want: evaluate.Allowed},
		{name: "the simulator lets a ResourcePolicy naming the CallerArn user grant in the same account", src: apiRef + " (aws-rules C.2 table, H.1)",
			in:   iam.SimulateCustomPolicyInput{PolicyInputList: []string{allowEC2}, ResourcePolicy: aws.String(pdoc(grantS("Allow", awsP(userA), "s3:GetObject"))), CallerArn: aws.String(userA), ActionNames: []string{"s3:GetObject"}, ResourceArns: []string{objA}},
			want: evaluate.Allowed},
		{name: "the simulator needs the caller's identity Allow when ResourceOwner is another account", src: apiRef + " (ResourceOwner; aws-rules C.3, H.1)",
			in:   iam.SimulateCustomPolicyInput{PolicyInputList: []string{allowEC2}, ResourcePolicy: aws.String(pdoc(grantS("Allow", awsP(userA), "s3:GetObject"))), CallerArn: aws.String(userA), ResourceOwner: aws.String(rootB), ActionNames: []string{"s3:GetObject"}, ResourceArns: []string{objA}},
			want: evaluate.ImplicitDeny},
		{name: "the simulator allows a cross-account request both the ResourcePolicy and the identity policy allow", src: apiRef + " (ResourceOwner; aws-rules C.3, H.1)",
			in:   iam.SimulateCustomPolicyInput{PolicyInputList: []string{allowS3}, ResourcePolicy: aws.String(pdoc(grantS("Allow", awsP(userA), "s3:GetObject"))), CallerArn: aws.String(userA), ResourceOwner: aws.String(rootB), ActionNames: []string{"s3:GetObject"}, ResourceArns: []string{objA}},
			want: evaluate.Allowed},
		{name: "the simulator applies an SCP Deny from OrderedOrganizationPolicyInputList", src: apiRef + " (aws-rules H.1)",
			in:   iam.SimulateCustomPolicyInput{PolicyInputList: []string{allowS3}, OrderedOrganizationPolicyInputList: []types.OrderedOrganizationPolicyType{{ServiceControlPolicyInputList: []string{allowAllDoc, pdoc(denyS("s3:GetObject", "*"))}}}, ActionNames: []string{"s3:GetObject"}},
			want: evaluate.ExplicitDeny},
		{name: "the simulator does not let SCPs restrict a service-linked role caller", src: apiRef + "; " + srcSCPs + " (aws-rules C.7)",
			in:   iam.SimulateCustomPolicyInput{PolicyInputList: []string{allowEC2}, CallerArn: aws.String(slrA), OrderedOrganizationPolicyInputList: []types.OrderedOrganizationPolicyType{{ServiceControlPolicyInputList: []string{pdoc(denyS("*", "*"))}}}, ActionNames: []string{"ec2:CreateNetworkInterface"}},
			want: evaluate.Allowed},
		{name: "the simulator limits the identity policy by the permissions boundary", src: apiRef + " (aws-rules C.2, H.1)",
			in:   iam.SimulateCustomPolicyInput{PolicyInputList: []string{allowS3}, PermissionsBoundaryPolicyInputList: []string{allowEC2}, ActionNames: []string{"s3:GetObject"}},
			want: evaluate.ImplicitDeny},
		{name: "the simulator's decision for an action is the most restrictive across its resources", src: apiRef + " (aws-rules H.2)",
			in:   iam.SimulateCustomPolicyInput{PolicyInputList: []string{allowS3, pdoc(denyS("s3:GetObject", "arn:aws:s3:::secret/*"))}, ActionNames: []string{"s3:GetObject"}, ResourceArns: []string{objA, "arn:aws:s3:::secret/x"}},
			want: evaluate.ExplicitDeny},
		{name: "the simulator reads an ip ContextEntry for IpAddress", src: apiRef + " (ContextEntries; aws-rules H.1)",
			in:   iam.SimulateCustomPolicyInput{PolicyInputList: []string{pdoc(allowS("s3:*", "*", cond(`{"IpAddress":{"aws:SourceIp":"203.0.113.0/24"}}`)))}, ActionNames: []string{"s3:GetObject"}, ContextEntries: []types.ContextEntry{{ContextKeyName: aws.String("aws:SourceIp"), ContextKeyType: types.ContextKeyTypeEnumIp, ContextKeyValues: []string{"203.0.113.5"}}}},
			want: evaluate.Allowed},
		{name: "the simulator reads a date ContextEntry as in the CLI example", src: "AWS CLI simulate-custom-policy example (aws-rules H.1, CLI-EX)",
			in:   iam.SimulateCustomPolicyInput{PolicyInputList: []string{`{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"dynamodb:*","Resource":"*","Condition":{"DateGreaterThan":{"aws:CurrentTime":"2018-08-16T12:00:00Z"}}}}`}, ActionNames: []string{"dynamodb:CreateBackup"}, ContextEntries: []types.ContextEntry{{ContextKeyName: aws.String("aws:CurrentTime"), ContextKeyType: types.ContextKeyTypeEnumDate, ContextKeyValues: []string{"2019-04-25T11:00:00Z"}}}},
			want: evaluate.Allowed},
	}
}

func TestAWSRulesSimulator(t *testing.T) {
	for _, tc := range simulatorRules() {
		t.Run(tc.name, func(t *testing.T) {
			out, err := simulator.New().SimulateCustomPolicy(context.Background(), &tc.in)
			require.NoError(t, err)
			require.Len(t, out.EvaluationResults, 1)
			r := out.EvaluationResults[0]
			require.Equal(t, string(tc.want), string(r.EvalDecision), "%s: %s (%s)", aws.ToString(r.EvalActionName), tc.name, tc.src)
		})
	}
}
