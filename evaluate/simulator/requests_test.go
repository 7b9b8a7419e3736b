package simulator_test

import (
	"context"
	"errors"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/iam/types"
	"github.com/stretchr/testify/require"

	"github.com/cksiam/cksiam/evaluate/simulator"
)

// A ResourceArns entry holding '*' or '?' names a resource with that
// character in its name, as in the IAM policy simulator: the policies'
// patterns match it as they match any name, and the request's '*' is a
// literal character, not a pattern.
func TestResourceArnsWithWildcardsAreLiteralNames(t *testing.T) {
	tests := []struct {
		name     string
		pattern  string // the policy's Resource
		resource string // the simulated resource
		want     types.PolicyEvaluationDecisionType
	}{
		{"a policy naming bucket/* allows the resource bucket/*", "arn:aws:s3:::bucket/*", "arn:aws:s3:::bucket/*", types.PolicyEvaluationDecisionTypeAllowed},
		{"a policy naming one object does not allow the resource bucket/*", "arn:aws:s3:::bucket/abc", "arn:aws:s3:::bucket/*", types.PolicyEvaluationDecisionTypeImplicitDeny},
		{"a policy naming object ab? allows the resource named ab?", "arn:aws:s3:::bucket/ab?", "arn:aws:s3:::bucket/ab?", types.PolicyEvaluationDecisionTypeAllowed},
		{"a policy naming one object does not allow the resource named ab?", "arn:aws:s3:::bucket/abc", "arn:aws:s3:::bucket/ab?", types.PolicyEvaluationDecisionTypeImplicitDeny},
		{"a security-group/* resource is decided like any name", "arn:aws:ec2:us-east-1:111122223333:security-group/*", "arn:aws:ec2:us-east-1:111122223333:security-group/*", types.PolicyEvaluationDecisionTypeAllowed},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			action := "s3:GetObject"
			if tt.resource[8:11] == "ec2" {
				action = "ec2:CreateSecurityGroup"
			}
			out, err := simulator.New().SimulateCustomPolicy(context.Background(), &iam.SimulateCustomPolicyInput{
				PolicyInputList: []string{pdoc(allowS(action, tt.pattern))},
				ActionNames:     []string{action},
				ResourceArns:    []string{tt.resource},
			})
			require.NoError(t, err)
			require.Equal(t, tt.want, out.EvaluationResults[0].EvalDecision)
			require.Equal(t, tt.want, out.EvaluationResults[0].ResourceSpecificResults[0].EvalResourceDecision)
		})
	}
}

// An action the catalog does not know is refused with the action meant,
// naming its place in ActionNames, unless the caller says the action is
// newer than the catalog.
func TestUnknownActionsAreRefusedUnlessNewerThanTheCatalog(t *testing.T) {
	input := func(action string) *iam.SimulateCustomPolicyInput {
		return &iam.SimulateCustomPolicyInput{PolicyInputList: []string{allowKMS}, ActionNames: []string{"kms:Encrypt", action}}
	}
	refused := []struct {
		name, action, message string
		opts                  []simulator.Option
	}{
		{name: "a typo in the action name is refused with did-you-mean", action: "kms:Decrpyt",
			message: `ActionNames.2: "kms:Decrpyt" is not an action the catalog knows; did you mean "kms:Decrypt"?`},
		{name: "a typo in the service prefix is refused with did-you-mean", action: "kmss:Decrypt",
			message: `ActionNames.2: "kmss:Decrypt" names service prefix "kmss", which the catalog does not know; did you mean "kms:Decrypt"?`},
		{name: "a name that is not one action is refused even for newer actions", action: "kms:Decrypt:x",
			opts: []simulator.Option{simulator.ActionsNewerThanCatalog()}, message: `ActionNames.2: "kms:Decrypt:x" is not of the form service:Action`},
	}
	for _, tt := range refused {
		t.Run(tt.name, func(t *testing.T) {
			_, err := simulator.New(tt.opts...).SimulateCustomPolicy(context.Background(), input(tt.action))
			var iie *types.InvalidInputException
			require.True(t, errors.As(err, &iie), "want *types.InvalidInputException, got %T: %v", err, err)
			require.Contains(t, iie.ErrorMessage(), tt.message)
		})
	}
	t.Run("an action newer than the catalog is simulated when the caller says so", func(t *testing.T) {
		out, err := simulator.New(simulator.ActionsNewerThanCatalog()).SimulateCustomPolicy(context.Background(), input("kms:BrandNewOperation"))
		require.NoError(t, err)
		require.Equal(t, "kms:BrandNewOperation", aws.ToString(out.EvaluationResults[1].EvalActionName))
		require.Equal(t, types.PolicyEvaluationDecisionTypeAllowed, out.EvaluationResults[1].EvalDecision, "kms:* allows it")
	})
}
