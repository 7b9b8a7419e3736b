package simulator

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/iam/types"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/stretchr/testify/require"

	"github.com/cksiam/cksiam/evaluate"
	"github.com/cksiam/cksiam/policy"
)

// The Simulator is a drop-in for *iam.Client: both satisfy the SDK's own
// interface for the call, which its paginator takes.
var (
	_ iam.SimulateCustomPolicyAPIClient = (*iam.Client)(nil)
	_ iam.SimulateCustomPolicyAPIClient = (*Simulator)(nil)
)

// The AWS CLI's simulate-custom-policy example (aws-rules H, CLI-EX): DynamoDB
// access only after a date.
const cliExamplePolicy = `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"dynamodb:*","Resource":"*","Condition":{"DateGreaterThan":{"aws:CurrentTime":"2018-08-16T12:00:00Z"}}}}`

func simulate(t *testing.T, in *iam.SimulateCustomPolicyInput) *iam.SimulateCustomPolicyOutput {
	t.Helper()
	out, err := New().SimulateCustomPolicy(context.Background(), in)
	require.NoError(t, err)
	return out
}

func dateEntry(v string) types.ContextEntry {
	return types.ContextEntry{ContextKeyName: aws.String("aws:CurrentTime"), ContextKeyType: types.ContextKeyTypeEnumDate, ContextKeyValues: []string{v}}
}

var ignoreSDK = cmpopts.IgnoreUnexported(types.EvaluationResult{}, types.Statement{}, types.Position{},
	types.ResourceSpecificResult{}, types.OrganizationsDecisionDetail{}, types.PermissionsBoundaryDecisionDetail{})

func TestSimulateCustomPolicyCLIExample(t *testing.T) {
	t.Run("a date after the condition's is allowed, naming PolicyInputList.1 and its position", func(t *testing.T) {
		out := simulate(t, &iam.SimulateCustomPolicyInput{
			PolicyInputList: []string{cliExamplePolicy},
			ActionNames:     []string{"dynamodb:CreateBackup"},
			ContextEntries:  []types.ContextEntry{dateEntry("2019-04-25T11:00:00Z")},
		})
		stmt := types.Statement{
			SourcePolicyId:   aws.String("PolicyInputList.1"),
			SourcePolicyType: "IAM Policy",
			StartPosition:    &types.Position{Line: 1, Column: 38}, // CLI-EX: "Line": 1, "Column": 38
			EndPosition:      &types.Position{Line: 1, Column: 167},
		}
		want := []types.EvaluationResult{{
			EvalActionName:       aws.String("dynamodb:CreateBackup"),
			EvalResourceName:     aws.String("*"),
			EvalDecision:         types.PolicyEvaluationDecisionTypeAllowed,
			MatchedStatements:    []types.Statement{stmt},
			MissingContextValues: []string{},
			// CLI-EX: no ResourceSpecificResults and no EvalDecisionDetails
			// for the default resource "*".
		}}
		if diff := cmp.Diff(want, out.EvaluationResults, ignoreSDK); diff != "" {
			t.Fatalf("results (-want +got):\n%s", diff)
		}
		require.False(t, out.IsTruncated)
	})
	t.Run("a date before the condition's is an implicit deny with no matched statement", func(t *testing.T) {
		out := simulate(t, &iam.SimulateCustomPolicyInput{
			PolicyInputList: []string{cliExamplePolicy},
			ActionNames:     []string{"dynamodb:CreateBackup"},
			ContextEntries:  []types.ContextEntry{dateEntry("2018-08-16T11:59:59Z")},
		})
		require.Len(t, out.EvaluationResults, 1)
		require.Equal(t, types.PolicyEvaluationDecisionTypeImplicitDeny, out.EvaluationResults[0].EvalDecision)
		require.Empty(t, out.EvaluationResults[0].MatchedStatements)
	})
	t.Run("without the date the key is reported missing", func(t *testing.T) {
		out := simulate(t, &iam.SimulateCustomPolicyInput{
			PolicyInputList: []string{cliExamplePolicy},
			ActionNames:     []string{"dynamodb:CreateBackup"},
		})
		require.Equal(t, types.PolicyEvaluationDecisionTypeImplicitDeny, out.EvaluationResults[0].EvalDecision)
		require.Equal(t, []string{"aws:CurrentTime"}, out.EvaluationResults[0].MissingContextValues)
	})
}

const keyStoreAdmin = `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Action": ["kms:*CustomKeyStore*", "cloudhsm:DescribeClusters"],
      "Resource": "*"
    },
    {
      "Effect": "Allow",
      "Action": "kms:Decrypt",
      "Resource": "arn:aws:kms:us-east-1:111122223333:key/*"
    },
    {
      "Sid": "NoDelete",
      "Effect": "Deny",
      "Action": "kms:DeleteCustomKeyStore",
      "Resource": "*"
    }
  ]
}`

func TestSimulateCustomPolicyDecisions(t *testing.T) {
	t.Run("one result per action, the most restrictive across resources, per-resource results kept", func(t *testing.T) {
		out := simulate(t, &iam.SimulateCustomPolicyInput{
			PolicyInputList: []string{keyStoreAdmin},
			ActionNames:     []string{"kms:Decrypt"},
			ResourceArns: []string{
				"arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab",
				"arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab",
			},
			ResourcePolicy: aws.String(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"kms:*","Resource":"*"}]}`),
			CallerArn:      aws.String("arn:aws:iam::111122223333:user/alice"),
		})
		require.Len(t, out.EvaluationResults, 1)
		r := out.EvaluationResults[0]
		require.Equal(t, types.PolicyEvaluationDecisionTypeImplicitDeny, r.EvalDecision)
		require.Len(t, r.ResourceSpecificResults, 2)
		require.Equal(t, types.PolicyEvaluationDecisionTypeAllowed, r.ResourceSpecificResults[0].EvalResourceDecision)
		require.Equal(t, types.PolicyEvaluationDecisionTypeImplicitDeny, r.ResourceSpecificResults[1].EvalResourceDecision)
		require.Equal(t, "arn:${Partition}:kms:${Region}:${Account}:key/${KeyId}", aws.ToString(r.EvalResourceName))
	})
	t.Run("an explicit deny lists only the deny statement", func(t *testing.T) {
		out := simulate(t, &iam.SimulateCustomPolicyInput{
			PolicyInputList: []string{keyStoreAdmin},
			ActionNames:     []string{"kms:DeleteCustomKeyStore", "kms:CreateCustomKeyStore"},
		})
		require.Len(t, out.EvaluationResults, 2)
		del, create := out.EvaluationResults[0], out.EvaluationResults[1]
		require.Equal(t, types.PolicyEvaluationDecisionTypeExplicitDeny, del.EvalDecision)
		require.Len(t, del.MatchedStatements, 1)
		// The simulator reports a statement's start where its reader
		// stood before it: after the '}' ending the statement before
		// (line 13), or after the '[' (line 3) for the first (aws-rules H.2).
		require.Equal(t, int32(13), del.MatchedStatements[0].StartPosition.Line)
		require.Equal(t, types.PolicyEvaluationDecisionTypeAllowed, create.EvalDecision)
		require.Equal(t, int32(3), create.MatchedStatements[0].StartPosition.Line)
	})
	t.Run("a permissions boundary that does not allow is reported and denies", func(t *testing.T) {
		out := simulate(t, &iam.SimulateCustomPolicyInput{
			PolicyInputList:                    []string{keyStoreAdmin},
			PermissionsBoundaryPolicyInputList: []string{`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"cloudhsm:*","Resource":"*"}]}`},
			ActionNames:                        []string{"kms:CreateCustomKeyStore", "cloudhsm:DescribeClusters"},
		})
		kms, hsm := out.EvaluationResults[0], out.EvaluationResults[1]
		require.Equal(t, types.PolicyEvaluationDecisionTypeImplicitDeny, kms.EvalDecision)
		require.NotNil(t, kms.PermissionsBoundaryDecisionDetail)
		require.False(t, kms.PermissionsBoundaryDecisionDetail.AllowedByPermissionsBoundary)
		require.Equal(t, types.PolicyEvaluationDecisionTypeAllowed, hsm.EvalDecision)
		require.True(t, hsm.PermissionsBoundaryDecisionDetail.AllowedByPermissionsBoundary)
	})
	t.Run("SCP levels restrict, are reported, and are left out of matched statements", func(t *testing.T) {
		out := simulate(t, &iam.SimulateCustomPolicyInput{
			PolicyInputList: []string{keyStoreAdmin},
			OrderedOrganizationPolicyInputList: []types.OrderedOrganizationPolicyType{
				{ServiceControlPolicyInputList: []string{`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}`}},
				{ServiceControlPolicyInputList: []string{`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"kms:*","Resource":"*"}]}`}},
			},
			ActionNames: []string{"kms:CreateCustomKeyStore", "cloudhsm:DescribeClusters"},
		})
		kms, hsm := out.EvaluationResults[0], out.EvaluationResults[1]
		require.Equal(t, types.PolicyEvaluationDecisionTypeAllowed, kms.EvalDecision)
		require.True(t, kms.OrganizationsDecisionDetail.AllowedByOrganizations)
		for _, s := range kms.MatchedStatements {
			require.Equal(t, "PolicyInputList.1", aws.ToString(s.SourcePolicyId))
		}
		require.Equal(t, types.PolicyEvaluationDecisionTypeImplicitDeny, hsm.EvalDecision)
		require.False(t, hsm.OrganizationsDecisionDetail.AllowedByOrganizations)
	})
	t.Run("a cross-account simulation fills EvalDecisionDetails", func(t *testing.T) {
		out := simulate(t, &iam.SimulateCustomPolicyInput{
			PolicyInputList: []string{keyStoreAdmin},
			ActionNames:     []string{"kms:Decrypt"},
			ResourceArns:    []string{"arn:aws:kms:us-east-1:444455556666:key/1234abcd-12ab-34cd-56ef-1234567890ab"},
			ResourcePolicy:  aws.String(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"kms:Decrypt","Resource":"*"}]}`),
			CallerArn:       aws.String("arn:aws:iam::111122223333:user/alice"),
		})
		r := out.EvaluationResults[0].ResourceSpecificResults[0]
		require.NotEmpty(t, r.EvalDecisionDetails)
		require.Equal(t, types.PolicyEvaluationDecisionTypeAllowed, r.EvalDecisionDetails["Resource Policy"])
	})
}

func TestSimulateCustomPolicyPaging(t *testing.T) {
	in := &iam.SimulateCustomPolicyInput{
		PolicyInputList: []string{keyStoreAdmin},
		ActionNames:     []string{"kms:CreateCustomKeyStore", "kms:ConnectCustomKeyStore", "kms:UpdateCustomKeyStore"},
		MaxItems:        aws.Int32(2),
	}
	first := simulate(t, in)
	require.True(t, first.IsTruncated)
	require.Len(t, first.EvaluationResults, 2)
	in.Marker = first.Marker
	second := simulate(t, in)
	require.False(t, second.IsTruncated)
	require.Len(t, second.EvaluationResults, 1)
	require.Equal(t, "kms:UpdateCustomKeyStore", aws.ToString(second.EvaluationResults[0].EvalActionName))
}

func TestSimulateCustomPolicyInvalidInput(t *testing.T) {
	ok := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}`
	tests := []struct {
		name string
		in   *iam.SimulateCustomPolicyInput
		want string
	}{
		{"nil input is refused", nil, "input is nil"},
		{"no policy is refused", &iam.SimulateCustomPolicyInput{ActionNames: []string{"s3:GetObject"}}, "PolicyInputList"},
		{"a malformed policy names its list position and JSON path", &iam.SimulateCustomPolicyInput{
			PolicyInputList: []string{ok, `{"Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"StringEqulas":{"a:b":"c"}}}]}`},
			ActionNames:     []string{"s3:GetObject"},
		}, "PolicyInputList.2: policy: Statement[0].Condition.StringEqulas"},
		{"no action is refused", &iam.SimulateCustomPolicyInput{PolicyInputList: []string{ok}}, "ActionNames"},
		{"a wildcard action is refused", &iam.SimulateCustomPolicyInput{PolicyInputList: []string{ok}, ActionNames: []string{"s3:Get*"}}, "wildcards"},
		{"two boundaries are refused", &iam.SimulateCustomPolicyInput{PolicyInputList: []string{ok}, ActionNames: []string{"s3:GetObject"}, PermissionsBoundaryPolicyInputList: []string{ok, ok}}, "at most one"},
		{"eight organization levels are refused", &iam.SimulateCustomPolicyInput{PolicyInputList: []string{ok}, ActionNames: []string{"s3:GetObject"}, OrderedOrganizationPolicyInputList: make([]types.OrderedOrganizationPolicyType, 8)}, "at most 7"},
		{"a resource policy without a caller is refused", &iam.SimulateCustomPolicyInput{PolicyInputList: []string{ok}, ActionNames: []string{"s3:GetObject"}, ResourcePolicy: aws.String(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:*","Resource":"*"}]}`)}, "CallerArn: required"},
		{"an assumed-role caller is refused", &iam.SimulateCustomPolicyInput{PolicyInputList: []string{ok}, ActionNames: []string{"s3:GetObject"}, CallerArn: aws.String("arn:aws:sts::111122223333:assumed-role/R/s")}, "CallerArn"},
		{"a resource owner that is not an account ARN is refused", &iam.SimulateCustomPolicyInput{PolicyInputList: []string{ok}, ActionNames: []string{"s3:GetObject"}, ResourceOwner: aws.String("111122223333")}, "ResourceOwner"},
		{"a context value that does not fit its type is refused", &iam.SimulateCustomPolicyInput{PolicyInputList: []string{ok}, ActionNames: []string{"s3:GetObject"}, ContextEntries: []types.ContextEntry{{ContextKeyName: aws.String("aws:SourceIp"), ContextKeyType: types.ContextKeyTypeEnumIp, ContextKeyValues: []string{"not-an-ip"}}}}, "ContextEntries.1.ContextKeyValues.1"},
		{"several values for a single-valued type are refused", &iam.SimulateCustomPolicyInput{PolicyInputList: []string{ok}, ActionNames: []string{"s3:GetObject"}, ContextEntries: []types.ContextEntry{{ContextKeyName: aws.String("aws:username"), ContextKeyType: types.ContextKeyTypeEnumString, ContextKeyValues: []string{"a", "b"}}}}, "exactly one value"},
		{"an unknown context type is refused", &iam.SimulateCustomPolicyInput{PolicyInputList: []string{ok}, ActionNames: []string{"s3:GetObject"}, ContextEntries: []types.ContextEntry{{ContextKeyName: aws.String("aws:username"), ContextKeyType: "text", ContextKeyValues: []string{"a"}}}}, "ContextKeyType"},
		{"a resource that is not an ARN is refused", &iam.SimulateCustomPolicyInput{PolicyInputList: []string{ok}, ActionNames: []string{"s3:GetObject"}, ResourceArns: []string{"bucket"}}, "ResourceArns.1"},
		{"an out-of-range MaxItems is refused", &iam.SimulateCustomPolicyInput{PolicyInputList: []string{ok}, ActionNames: []string{"s3:GetObject"}, MaxItems: aws.Int32(0)}, "MaxItems"},
		{"a foreign marker is refused", &iam.SimulateCustomPolicyInput{PolicyInputList: []string{ok}, ActionNames: []string{"s3:GetObject"}, Marker: aws.String("x")}, "Marker"},
		{"an unknown resource handling option is refused", &iam.SimulateCustomPolicyInput{PolicyInputList: []string{ok}, ActionNames: []string{"s3:GetObject"}, ResourceHandlingOption: aws.String("EC2-Classic")}, "ResourceHandlingOption"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, err := New().SimulateCustomPolicy(context.Background(), tt.in)
			require.Nil(t, out)
			var iie *types.InvalidInputException
			require.True(t, errors.As(err, &iie), "want *types.InvalidInputException, got %T: %v", err, err)
			require.True(t, strings.Contains(iie.ErrorMessage(), tt.want), "message %q does not contain %q", iie.ErrorMessage(), tt.want)
		})
	}
}

func TestSimulateCustomPolicyResourceName(t *testing.T) {
	pol := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::bucket/*"}]}`
	t.Run("resources of one type are named by the type's ARN format from the catalog", func(t *testing.T) {
		out := simulate(t, &iam.SimulateCustomPolicyInput{
			PolicyInputList: []string{pol},
			ActionNames:     []string{"s3:GetObject"},
			ResourceArns:    []string{"arn:aws:s3:::bucket/a.txt", "arn:aws:s3:::bucket/b.txt"},
		})
		r := out.EvaluationResults[0]
		require.Equal(t, "arn:${Partition}:s3:::${BucketName}/${ObjectName}", aws.ToString(r.EvalResourceName))
		require.Equal(t, "arn:aws:s3:::bucket/b.txt", aws.ToString(r.ResourceSpecificResults[1].EvalResourceName))
		require.Equal(t, types.PolicyEvaluationDecisionTypeAllowed, r.EvalDecision)
	})
	t.Run("a resource of no type the action takes is never named as itself: the action's only type's format, or *", func(t *testing.T) {
		// SDK doc of EvaluationResult.EvalResourceName: "The ARN template
		// for the simulated resource type ..., or * if no ARN format is
		// defined for the action. This is not a specific customer-provided
		// resource ARN."
		out := simulate(t, &iam.SimulateCustomPolicyInput{
			PolicyInputList: []string{pol},
			ActionNames:     []string{"kms:Decrypt", "s3:GetObject", "kms:CreateKey"},
			ResourceArns:    []string{"arn:aws:sqs:us-east-1:111122223333:queue"},
		})
		require.Equal(t, "arn:${Partition}:kms:${Region}:${Account}:key/${KeyId}", aws.ToString(out.EvaluationResults[0].EvalResourceName), "kms:Decrypt takes only keys")
		require.Equal(t, "*", aws.ToString(out.EvaluationResults[1].EvalResourceName), "s3:GetObject takes several types, none of them a queue")
		require.Equal(t, "*", aws.ToString(out.EvaluationResults[2].EvalResourceName), "kms:CreateKey defines no ARN format")
		require.Equal(t, "arn:aws:sqs:us-east-1:111122223333:queue", aws.ToString(out.EvaluationResults[0].ResourceSpecificResults[0].EvalResourceName))
	})
}

func TestSimulateCustomPolicyIdentityOnlyForKeysAndRoles(t *testing.T) {
	allowAll := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["kms:Decrypt","sts:AssumeRole"],"Resource":"*"}]}`
	t.Run("without a resource policy a key ARN is decided from identity policies, as the IAM simulator does", func(t *testing.T) {
		out := simulate(t, &iam.SimulateCustomPolicyInput{
			PolicyInputList: []string{allowAll},
			ActionNames:     []string{"kms:Decrypt", "sts:AssumeRole"},
			ResourceArns:    []string{"arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab", "arn:aws:iam::111122223333:role/Deployer"},
		})
		for _, r := range out.EvaluationResults {
			for _, rr := range r.ResourceSpecificResults {
				want := types.PolicyEvaluationDecisionTypeAllowed
				// Each action is simulated against both resources; the
				// identity policy allows both actions on any resource.
				require.Equal(t, want, rr.EvalResourceDecision, "%s on %s", aws.ToString(r.EvalActionName), aws.ToString(rr.EvalResourceName))
			}
		}
	})
	t.Run("a key policy given as ResourcePolicy still decides", func(t *testing.T) {
		out := simulate(t, &iam.SimulateCustomPolicyInput{
			PolicyInputList: []string{allowAll},
			ActionNames:     []string{"kms:Decrypt"},
			ResourceArns:    []string{"arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"},
			ResourcePolicy:  aws.String(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:user/bob"},"Action":"kms:*","Resource":"*"}]}`),
			CallerArn:       aws.String("arn:aws:iam::111122223333:user/alice"),
		})
		require.Equal(t, types.PolicyEvaluationDecisionTypeImplicitDeny, out.EvaluationResults[0].EvalDecision)
	})
	t.Run("Evaluate itself keeps requiring the key policy", func(t *testing.T) {
		doc, err := policy.Parse([]byte(allowAll))
		require.NoError(t, err)
		res, err := evaluate.Evaluate(evaluate.Policies{Identity: []*policy.Document{doc}}, evaluate.Request{
			Principal: "arn:aws:iam::111122223333:user/alice", Action: "kms:Decrypt",
			Resource: "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab",
		})
		require.NoError(t, err)
		require.Equal(t, evaluate.ImplicitDeny, res.Decision)
	})
}

func TestSimulateCustomPolicyMissingContextLeavesOutSCPKeys(t *testing.T) {
	out := simulate(t, &iam.SimulateCustomPolicyInput{
		PolicyInputList: []string{`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"kms:*","Resource":"*","Condition":{"IpAddress":{"aws:SourceIp":"203.0.113.0/24"}}}]}`},
		OrderedOrganizationPolicyInputList: []types.OrderedOrganizationPolicyType{{ServiceControlPolicyInputList: []string{
			`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"},{"Effect":"Deny","Action":"kms:*","Resource":"*","Condition":{"StringNotEquals":{"aws:RequestedRegion":"us-east-1"}}}]}`,
		}}},
		ActionNames:  []string{"kms:CreateCustomKeyStore"},
		ResourceArns: []string{"arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"},
	})
	r := out.EvaluationResults[0]
	require.Equal(t, []string{"aws:SourceIp"}, r.MissingContextValues, "the key only an SCP tests is left out (aws-rules H.2)")
	require.Equal(t, []string{"aws:SourceIp"}, r.ResourceSpecificResults[0].MissingContextValues)
	require.Equal(t, types.PolicyEvaluationDecisionTypeExplicitDeny, r.EvalDecision, "the SCP still decides: a missing aws:RequestedRegion makes StringNotEquals true")
}

func TestSimulateCustomPolicyWithoutCallerImpliesNoCallerKeys(t *testing.T) {
	pol := func(key, value string) string {
		return `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"StringEquals":{"` + key + `":"` + value + `"}}}]}`
	}
	for _, key := range []string{"aws:username", "aws:PrincipalArn", "aws:PrincipalAccount", "aws:PrincipalType"} {
		t.Run("without CallerArn a condition on "+key+" finds the key missing instead of matching a stand-in caller", func(t *testing.T) {
			out := simulate(t, &iam.SimulateCustomPolicyInput{
				PolicyInputList: []string{pol(key, "SimulatedCaller")},
				ActionNames:     []string{"s3:GetObject"},
			})
			r := out.EvaluationResults[0]
			require.Equal(t, types.PolicyEvaluationDecisionTypeImplicitDeny, r.EvalDecision)
			require.Equal(t, []string{key}, r.MissingContextValues)
		})
	}
	t.Run("with CallerArn the caller's keys are implied", func(t *testing.T) {
		out := simulate(t, &iam.SimulateCustomPolicyInput{
			PolicyInputList: []string{pol("aws:username", "alice")},
			ActionNames:     []string{"s3:GetObject"},
			CallerArn:       aws.String("arn:aws:iam::111122223333:user/alice"),
		})
		require.Equal(t, types.PolicyEvaluationDecisionTypeAllowed, out.EvaluationResults[0].EvalDecision)
	})
	t.Run("a context entry still supplies the key", func(t *testing.T) {
		out := simulate(t, &iam.SimulateCustomPolicyInput{
			PolicyInputList: []string{pol("aws:username", "bob")},
			ActionNames:     []string{"s3:GetObject"},
			ContextEntries:  []types.ContextEntry{{ContextKeyName: aws.String("aws:username"), ContextKeyType: types.ContextKeyTypeEnumString, ContextKeyValues: []string{"bob"}}},
		})
		require.Equal(t, types.PolicyEvaluationDecisionTypeAllowed, out.EvaluationResults[0].EvalDecision)
	})
}

// The zero Simulator is ready to use and answers as New() does.
func TestTheZeroSimulatorAnswersAsNew(t *testing.T) {
	in := &iam.SimulateCustomPolicyInput{PolicyInputList: []string{cliExamplePolicy}, ActionNames: []string{"dynamodb:CreateBackup"}, ContextEntries: []types.ContextEntry{dateEntry("2019-04-25T11:00:00Z")}}
	var zero Simulator
	got, err := zero.SimulateCustomPolicy(context.Background(), in)
	require.NoError(t, err)
	want := simulate(t, in)
	require.Empty(t, cmp.Diff(want.EvaluationResults, got.EvaluationResults, ignoreSDK))
	_, err = zero.SimulateCustomPolicy(context.Background(), &iam.SimulateCustomPolicyInput{PolicyInputList: []string{cliExamplePolicy}, ActionNames: []string{"dynamodb:CreateBakup"}})
	require.Error(t, err, "the zero value refuses actions the catalog does not know, as New() does")
}
