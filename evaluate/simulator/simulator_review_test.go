package simulator

import (
	"context"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/iam/types"
	"github.com/stretchr/testify/require"
)

// Regression tests from an independent review of the SimulateCustomPolicy
// drop-in against aws-rules H and the SDK's documentation of EvaluationResult
// (github.com/aws/aws-sdk-go-v2/service/iam/types).

const (
	allowGetDenySecret = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"},{"Effect":"Deny","Action":"s3:GetObject","Resource":"arn:aws:s3:::secret/*"}]}`
	denyAllSCP         = `{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"*","Resource":"*"}]}`
	allowAllSCP        = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}`
	publicS3Policy     = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:*","Resource":"*"}]}`
)

// EvaluationResult.MatchedStatements: "In the top-level result, this field
// contains the union of matched statements across all requested resources.
// Only statements that contributed to the reported decision are included."
func TestSimulatorTopLevelMatchedStatementsOfAnExplicitDenyHoldOnlyTheDenyStatement(t *testing.T) {
	out := simulate(t, &iam.SimulateCustomPolicyInput{
		PolicyInputList: []string{allowGetDenySecret},
		ActionNames:     []string{"s3:GetObject"},
		ResourceArns:    []string{"arn:aws:s3:::open/a", "arn:aws:s3:::secret/a"},
	})
	r := out.EvaluationResults[0]
	require.Equal(t, types.PolicyEvaluationDecisionTypeExplicitDeny, r.EvalDecision)
	require.Len(t, r.MatchedStatements, 1, "the open bucket's Allow statement did not contribute to explicitDeny")
	require.Equal(t, int32(1), r.MatchedStatements[0].StartPosition.Line)
	require.Equal(t, int32(95), r.MatchedStatements[0].StartPosition.Column, "the Deny statement, the second one, starts where the first ended")
	require.Len(t, r.ResourceSpecificResults[0].MatchedStatements, 1, "the open bucket keeps its own Allow statement")
	require.Equal(t, int32(38), r.ResourceSpecificResults[0].MatchedStatements[0].StartPosition.Column)
}

// SimulateCustomPolicy ResourceOwner: "An ARN representing the Amazon Web
// Services account ID that specifies the owner of any simulated resource
// that does not identify its owner in the resource ARN."
func TestSimulatorResourceOwnerLeavesAResourceThatNamesItsAccountAlone(t *testing.T) {
	out := simulate(t, &iam.SimulateCustomPolicyInput{
		PolicyInputList: []string{`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["kms:Decrypt","s3:GetObject"],"Resource":"*"}]}`},
		ActionNames:     []string{"kms:Decrypt"},
		ResourceArns:    []string{"arn:aws:kms:us-east-1:444455556666:key/1234abcd-12ab-34cd-56ef-1234567890ab", "arn:aws:s3:::bucket/a"},
		CallerArn:       aws.String("arn:aws:iam::444455556666:user/alice"),
		ResourceOwner:   aws.String("arn:aws:iam::111122223333:root"),
	})
	rrs := out.EvaluationResults[0].ResourceSpecificResults
	require.Equal(t, types.PolicyEvaluationDecisionTypeAllowed, rrs[0].EvalResourceDecision, "the key is in the caller's own account")
	require.Empty(t, rrs[0].EvalDecisionDetails, "same account: no per-policy details")
	require.Equal(t, types.PolicyEvaluationDecisionTypeImplicitDeny, rrs[1].EvalResourceDecision, "the bucket, naming no account, is owned by ResourceOwner: cross-account without a resource policy")
	require.NotEmpty(t, rrs[1].EvalDecisionDetails, "cross-account: per-policy details")
}

// EvaluationResult.EvalDecisionDetails: "If an Organizations SCP included in
// the evaluation denies access, the simulation ends ... and this parameter
// is not returned" (aws-rules H.2).
func TestSimulatorLeavesOutEvalDecisionDetailsWhenAnSCPDenies(t *testing.T) {
	in := &iam.SimulateCustomPolicyInput{
		PolicyInputList:                    []string{allowGetDenySecret},
		ActionNames:                        []string{"s3:GetObject"},
		ResourceArns:                       []string{"arn:aws:s3:::open/a"},
		CallerArn:                          aws.String("arn:aws:iam::111122223333:user/alice"),
		ResourcePolicy:                     aws.String(publicS3Policy),
		ResourceOwner:                      aws.String("arn:aws:iam::444455556666:root"),
		OrderedOrganizationPolicyInputList: []types.OrderedOrganizationPolicyType{{ServiceControlPolicyInputList: []string{denyAllSCP}}},
	}
	r := simulate(t, in).EvaluationResults[0]
	require.Equal(t, types.PolicyEvaluationDecisionTypeExplicitDeny, r.EvalDecision)
	require.Nil(t, r.ResourceSpecificResults[0].EvalDecisionDetails)
	require.Nil(t, r.EvalDecisionDetails)

	in.OrderedOrganizationPolicyInputList[0].ServiceControlPolicyInputList = []string{allowAllSCP}
	r = simulate(t, in).EvaluationResults[0]
	require.NotNil(t, r.ResourceSpecificResults[0].EvalDecisionDetails, "an SCP that allows lets the cross-account details through")
}

// EvaluationResult.EvalDecisionDetails: "In the top-level result, this map
// reports the most restrictive decision per policy type across all
// requested resources"; present but empty for a same-account resource ARN,
// absent for "*" (aws-rules H.2).
func TestSimulatorTopLevelEvalDecisionDetailsAreTheMostRestrictivePerPolicyType(t *testing.T) {
	out := simulate(t, &iam.SimulateCustomPolicyInput{
		PolicyInputList: []string{allowGetDenySecret},
		ActionNames:     []string{"s3:GetObject"},
		ResourceArns:    []string{"arn:aws:s3:::open/a", "arn:aws:s3:::secret/a"},
		CallerArn:       aws.String("arn:aws:iam::111122223333:user/alice"),
		ResourcePolicy:  aws.String(publicS3Policy),
		ResourceOwner:   aws.String("arn:aws:iam::444455556666:root"),
	})
	r := out.EvaluationResults[0]
	require.Equal(t, types.PolicyEvaluationDecisionTypeAllowed, r.ResourceSpecificResults[0].EvalDecisionDetails["IAM Policy"])
	require.Equal(t, types.PolicyEvaluationDecisionTypeExplicitDeny, r.ResourceSpecificResults[1].EvalDecisionDetails["IAM Policy"])
	require.Equal(t, map[string]types.PolicyEvaluationDecisionType{
		"IAM Policy":      types.PolicyEvaluationDecisionTypeExplicitDeny,
		"Resource Policy": types.PolicyEvaluationDecisionTypeAllowed,
	}, r.EvalDecisionDetails)

	same := simulate(t, &iam.SimulateCustomPolicyInput{
		PolicyInputList: []string{allowGetDenySecret},
		ActionNames:     []string{"s3:GetObject"},
		ResourceArns:    []string{"arn:aws:s3:::open/a"},
		CallerArn:       aws.String("arn:aws:iam::111122223333:user/alice"),
	}).EvaluationResults[0]
	require.NotNil(t, same.EvalDecisionDetails, "same account with a resource ARN: present")
	require.Empty(t, same.EvalDecisionDetails, "same account with a resource ARN: empty")

	star := simulate(t, &iam.SimulateCustomPolicyInput{
		PolicyInputList: []string{allowGetDenySecret},
		ActionNames:     []string{"s3:GetObject"},
	}).EvaluationResults[0]
	require.Nil(t, star.EvalDecisionDetails, "same account with *: absent")
}

// IAM-UG (aws-rules H.3): the simulator ignores a context key given an empty
// value; a single-valued type with no value is therefore not an error, and
// the key is reported missing, as for an empty list.
func TestSimulatorIgnoresAContextEntryWithNoValueWhateverItsType(t *testing.T) {
	pol := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"StringEquals":{"s3:prefix":"home/"}}}]}`
	for _, typ := range []types.ContextKeyTypeEnum{types.ContextKeyTypeEnumString, types.ContextKeyTypeEnumStringList} {
		out := simulate(t, &iam.SimulateCustomPolicyInput{
			PolicyInputList: []string{pol},
			ActionNames:     []string{"s3:GetObject"},
			ContextEntries:  []types.ContextEntry{{ContextKeyName: aws.String("s3:prefix"), ContextKeyType: typ}},
		})
		r := out.EvaluationResults[0]
		require.Equal(t, types.PolicyEvaluationDecisionTypeImplicitDeny, r.EvalDecision, string(typ))
		require.Equal(t, []string{"s3:prefix"}, r.MissingContextValues, string(typ))
	}
}

// AWS rules H.1: ContextKeyNameType is 5–256 characters; the limit counts
// characters, not UTF-8 bytes.
func TestSimulatorCountsTheContextKeyNameLimitInCharacters(t *testing.T) {
	pol := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}`
	entry := func(name string) []types.ContextEntry {
		return []types.ContextEntry{{ContextKeyName: aws.String(name), ContextKeyType: types.ContextKeyTypeEnumString, ContextKeyValues: []string{"v"}}}
	}
	out := simulate(t, &iam.SimulateCustomPolicyInput{
		PolicyInputList: []string{pol},
		ActionNames:     []string{"s3:GetObject"},
		ContextEntries:  entry("aws:" + strings.Repeat("é", 252)),
	})
	require.Equal(t, types.PolicyEvaluationDecisionTypeAllowed, out.EvaluationResults[0].EvalDecision)

	_, err := New().SimulateCustomPolicy(context.Background(), &iam.SimulateCustomPolicyInput{
		PolicyInputList: []string{pol},
		ActionNames:     []string{"s3:GetObject"},
		ContextEntries:  entry("aws:" + strings.Repeat("é", 253)),
	})
	var iie *types.InvalidInputException
	require.ErrorAs(t, err, &iie)
	require.Contains(t, iie.ErrorMessage(), "ContextEntries.1.ContextKeyName")
}

// Bad input is an InvalidInputException with a clear message naming
// the member: an action or resource the engine refuses names its place in
// ActionNames and ResourceArns. (With ActionsNewerThanCatalog the catalog
// lets the name through, and the engine refuses its character.)
func TestSimulatorNamesTheActionAndResourceTheEngineRefuses(t *testing.T) {
	pol := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}`
	_, err := New(ActionsNewerThanCatalog()).SimulateCustomPolicy(context.Background(), &iam.SimulateCustomPolicyInput{
		PolicyInputList: []string{pol},
		ActionNames:     []string{"s3:GetObject", "s3:Gét"},
		ResourceArns:    []string{"arn:aws:s3:::bucket/a"},
	})
	var iie *types.InvalidInputException
	require.ErrorAs(t, err, &iie)
	require.Contains(t, iie.ErrorMessage(), "ActionNames.2 on ResourceArns.1: ")
}

// AWS CLI simulate-custom-policy example output (CLI-EX) and a recorded
// 2026-10 response: simulated against "*", a result carries no
// ResourceSpecificResults; the SDK doc of ResourceSpecificResult says its
// MissingContextValues are "used when a list of ARNs is included in the
// ResourceArns parameter instead of "*"".
func TestSimulatorGivesNoResourceSpecificResultsForTheResourceStar(t *testing.T) {
	for _, arns := range [][]string{nil, {"*"}} {
		r := simulate(t, &iam.SimulateCustomPolicyInput{
			PolicyInputList: []string{allowGetDenySecret},
			ActionNames:     []string{"s3:GetObject"},
			ResourceArns:    arns,
		}).EvaluationResults[0]
		require.Nil(t, r.ResourceSpecificResults, "ResourceArns %q", arns)
		require.Equal(t, types.PolicyEvaluationDecisionTypeAllowed, r.EvalDecision)
		require.NotNil(t, r.MatchedStatements)
		require.NotNil(t, r.MissingContextValues, "the top level lists missing keys, even none, as the CLI example's []")
	}
}

// SDK doc of ResourceSpecificResult.EvalDecisionDetails: "This parameter is
// returned only for cross-account simulations"; a recorded same-account
// response shows "EvalDecisionDetails": {} at the top level only, and no
// MissingContextValues member in ResourceSpecificResults when none is
// missing.
func TestSimulatorLeavesSameAccountResourceResultsWithoutDetailsOrEmptyMissingValues(t *testing.T) {
	r := simulate(t, &iam.SimulateCustomPolicyInput{
		PolicyInputList: []string{allowGetDenySecret},
		ActionNames:     []string{"s3:GetObject"},
		ResourceArns:    []string{"arn:aws:s3:::open/a"},
		CallerArn:       aws.String("arn:aws:iam::111122223333:user/alice"),
	}).EvaluationResults[0]
	require.NotNil(t, r.EvalDecisionDetails)
	require.Empty(t, r.EvalDecisionDetails)
	require.Equal(t, []string{}, r.MissingContextValues)
	rr := r.ResourceSpecificResults[0]
	require.Nil(t, rr.EvalDecisionDetails)
	require.Nil(t, rr.MissingContextValues)
}

// SimulateCustomPolicy API reference, ResourceHandlingOption: the option
// lets "the policy simulator ... enforce the presence of the required
// resources"; EC2-VPC-EBS needs instance, image, security group, network
// interface and volume.
func TestSimulatorRefusesAResourceHandlingOptionWithoutItsRequiredResources(t *testing.T) {
	pol := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"ec2:RunInstances","Resource":"*"}]}`
	arn := func(typ string) string { return "arn:aws:ec2:us-east-1:111122223333:" + typ + "/x-1" }
	arns := []string{arn("instance"), "arn:aws:ec2:us-east-1::image/ami-1", arn("security-group"), arn("network-interface")}
	in := &iam.SimulateCustomPolicyInput{
		PolicyInputList:        []string{pol},
		ActionNames:            []string{"ec2:RunInstances"},
		ResourceArns:           arns,
		ResourceHandlingOption: aws.String("EC2-VPC-EBS"),
	}
	_, err := New().SimulateCustomPolicy(context.Background(), in)
	var iie *types.InvalidInputException
	require.ErrorAs(t, err, &iie)
	require.Contains(t, iie.ErrorMessage(), "ResourceHandlingOption: EC2-VPC-EBS requires an ec2 volume ARN")

	in.ResourceArns = append(arns, arn("volume"))
	out := simulate(t, in)
	require.Equal(t, types.PolicyEvaluationDecisionTypeAllowed, out.EvaluationResults[0].EvalDecision)
	in.ResourceHandlingOption = aws.String("EC2-VPC-InstanceStore")
	require.Equal(t, types.PolicyEvaluationDecisionTypeAllowed, simulate(t, in).EvaluationResults[0].EvalDecision)
}

// Bad input is an InvalidInputException naming the member: a CallerArn
// with an empty name is refused as CallerArn, not blamed on ActionNames.
func TestSimulatorRefusesACallerArnWithAnEmptyNameAsCallerArn(t *testing.T) {
	pol := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}`
	for _, caller := range []string{"arn:aws:iam::111122223333:user/", "arn:aws:iam::111122223333:group/", "arn:aws:iam::111122223333:role/path/"} {
		_, err := New().SimulateCustomPolicy(context.Background(), &iam.SimulateCustomPolicyInput{
			PolicyInputList: []string{pol},
			ActionNames:     []string{"s3:GetObject"},
			CallerArn:       aws.String(caller),
		})
		var iie *types.InvalidInputException
		require.ErrorAs(t, err, &iie, caller)
		require.Contains(t, iie.ErrorMessage(), "CallerArn: ", caller)
	}
}

// AWS rules H.2 / SDK doc of EvaluationResult.EvalDecisionDetails: "If the
// simulation evaluates policies within the same account and specifies all
// resources (*), then the parameter is not returned" — also when
// ResourceOwner names the caller's own account; another account is a
// cross-account simulation and fills it.
func TestSimulatorLeavesOutEvalDecisionDetailsForStarInTheCallersOwnAccountEvenWithResourceOwner(t *testing.T) {
	in := &iam.SimulateCustomPolicyInput{
		PolicyInputList: []string{allowGetDenySecret},
		ActionNames:     []string{"s3:GetObject"},
		CallerArn:       aws.String("arn:aws:iam::111122223333:user/alice"),
		ResourceOwner:   aws.String("arn:aws:iam::111122223333:root"),
	}
	require.Nil(t, simulate(t, in).EvaluationResults[0].EvalDecisionDetails)
	in.ResourceOwner = aws.String("arn:aws:iam::444455556666:root")
	require.NotEmpty(t, simulate(t, in).EvaluationResults[0].EvalDecisionDetails)
}

// Bad input returns InvalidInputException naming the member,
// e.g. PolicyInputList.2; a policy the engine refuses at compile time is
// named by its input member, counted from 1, not by the engine's path.
func TestSimulatorNamesThePolicyTheEngineCannotCompileByItsInputMember(t *testing.T) {
	pol := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}`
	withPrincipal := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:*","Resource":"*"}]}`
	caller := aws.String("arn:aws:iam::111122223333:user/alice")
	tests := []struct {
		name string
		in   *iam.SimulateCustomPolicyInput
		want string
	}{
		{"an identity policy with a Principal is PolicyInputList.2",
			&iam.SimulateCustomPolicyInput{PolicyInputList: []string{pol, withPrincipal}},
			"PolicyInputList.2: Statement[0].Principal: "},
		{"a boundary with a Principal is PermissionsBoundaryPolicyInputList.1",
			&iam.SimulateCustomPolicyInput{PolicyInputList: []string{pol}, PermissionsBoundaryPolicyInputList: []string{withPrincipal}},
			"PermissionsBoundaryPolicyInputList.1: Statement[0].Principal: "},
		{"a resource policy without a Principal is ResourcePolicy",
			&iam.SimulateCustomPolicyInput{PolicyInputList: []string{pol}, ResourcePolicy: aws.String(pol), CallerArn: caller},
			"ResourcePolicy: Statement[0]: "},
		{"an SCP with a Principal is named by its level and place",
			&iam.SimulateCustomPolicyInput{PolicyInputList: []string{pol}, OrderedOrganizationPolicyInputList: []types.OrderedOrganizationPolicyType{
				{ServiceControlPolicyInputList: []string{pol}}, {ServiceControlPolicyInputList: []string{pol, withPrincipal}}}},
			"OrderedOrganizationPolicyInputList.2.ServiceControlPolicyInputList.2: Statement[0].Principal: "},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.in.ActionNames = []string{"s3:GetObject"}
			_, err := New().SimulateCustomPolicy(context.Background(), tt.in)
			var iie *types.InvalidInputException
			require.ErrorAs(t, err, &iie)
			require.Contains(t, iie.ErrorMessage(), tt.want)
		})
	}
}

// Positions as AWS reports them (aws-rules H.2). A recorded SimulateCustomPolicy
// response for an S3 bucket policy stored compact
// ({"Version":"2012-10-17","Statement":[{...},{...}]}) gives the first
// statement StartPosition Column 38 (its '{'), EndPosition Column 248 (just
// after its '}'), and the second StartPosition Column 248; for a role policy
// sent as Python's json.dumps ({"Version": "2012-10-17", "Statement": [{...)
// it gives Column 41 to 180. The AWS CLI example (a lone statement object)
// gives Column 38 for a '{' at column 37.
func TestSimulatorReportsStatementPositionsAsTheRecordedResponsesDo(t *testing.T) {
	bucket := `{"Version":"2012-10-17","Statement":[{"Sid":"DenyInsecureTransport","Effect":"Deny","Principal":"*","Action":"*","Resource":["arn:aws:s3:::tims-fancy-bucket/*","arn:aws:s3:::tims-fancy-bucket"],"Condition":{"Bool":{"aws:SecureTransport":"false"}}},{"Sid":"DenyTimDelete","Effect":"Deny","Principal":"*","Action":"s3:DeleteObject","Resource":["arn:aws:s3:::tims-fancy-bucket/*"],"Condition":{"ArnLike":{"aws:PrincipalArn":"arn:aws:iam::112233445566:role/tims-test-role"}}}]}`
	role := `{"Version": "2012-10-17", "Statement": [{"Sid": "s3", "Effect": "Allow", "Action": ["s3:GetObject", "s3:DeleteObject"], "Resource": ["arn:aws:s3:::tims-fancy-bucket/only-here/*"]}]}`
	in := &iam.SimulateCustomPolicyInput{
		PolicyInputList: []string{role},
		ResourcePolicy:  aws.String(bucket),
		CallerArn:       aws.String("arn:aws:iam::112233445566:user/dummy"),
		ActionNames:     []string{"s3:GetObject", "s3:DeleteObject"},
		ResourceArns:    []string{"arn:aws:s3:::tims-fancy-bucket/only-here/some-obj"},
		ContextEntries: []types.ContextEntry{
			{ContextKeyName: aws.String("aws:principalarn"), ContextKeyType: types.ContextKeyTypeEnumString, ContextKeyValues: []string{"arn:aws:iam::112233445566:role/tims-test-role"}},
			{ContextKeyName: aws.String("aws:SecureTransport"), ContextKeyType: types.ContextKeyTypeEnumBoolean, ContextKeyValues: []string{"false"}},
		},
	}
	pos := func(s types.Statement) [3]any {
		want := types.PolicySourceType("IAM Policy")
		if aws.ToString(s.SourcePolicyId) == "ResourcePolicy" {
			want = "Resource Policy" // as the recorded response names it
		}
		require.Equal(t, want, s.SourcePolicyType)
		return [3]any{aws.ToString(s.SourcePolicyId), s.StartPosition.Column, s.EndPosition.Column}
	}
	get := simulate(t, in).EvaluationResults[0]
	require.Equal(t, types.PolicyEvaluationDecisionTypeExplicitDeny, get.EvalDecision)
	require.Equal(t, [][3]any{{"ResourcePolicy", int32(38), int32(248)}}, [][3]any{pos(get.MatchedStatements[0])})

	in.ContextEntries[1].ContextKeyValues = []string{"true"}
	out := simulate(t, in).EvaluationResults
	require.Equal(t, types.PolicyEvaluationDecisionTypeAllowed, out[0].EvalDecision)
	require.Equal(t, [3]any{"PolicyInputList.1", int32(41), int32(180)}, pos(out[0].MatchedStatements[0]))
	require.Equal(t, types.PolicyEvaluationDecisionTypeExplicitDeny, out[1].EvalDecision)
	require.Equal(t, [3]any{"ResourcePolicy", int32(248), int32(472)}, pos(out[1].MatchedStatements[0]),
		"the second statement starts where the first ended; the recorded End (470) is two less, the stored text unknown")
}

// The same rule on several lines: the first statement of an array starts
// just after the '[', a later one just after the '}' before it.
func TestSimulatorReportsMultiLineStatementStartsAfterTheTokenBeforeThem(t *testing.T) {
	pol := "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n    {\"Effect\": \"Allow\", \"Action\": \"s3:GetObject\", \"Resource\": \"*\"},\n    {\"Effect\": \"Deny\", \"Action\": \"s3:PutObject\", \"Resource\": \"*\"}\n  ]\n}"
	out := simulate(t, &iam.SimulateCustomPolicyInput{PolicyInputList: []string{pol}, ActionNames: []string{"s3:GetObject", "s3:PutObject"}}).EvaluationResults
	first, second := out[0].MatchedStatements[0], out[1].MatchedStatements[0]
	require.Equal(t, types.Position{Line: 3, Column: 17}, *first.StartPosition, "just after the '[' ending line 3")
	require.Equal(t, types.Position{Line: 4, Column: 67}, *first.EndPosition, "4 spaces and a 62-character statement")
	require.Equal(t, *first.EndPosition, *second.StartPosition)
}

// With a ResourcePolicy the simulated caller must be an IAM user: AWS
// answers "Invalid caller - Caller must be an IAM user in this context"
// (quoted in a 2025 write-up on SimulateCustomPolicy, which reports a role
// caller refused with a resource policy).
func TestSimulatorRefusesARoleOrGroupCallerWithAResourcePolicy(t *testing.T) {
	for _, caller := range []string{"arn:aws:iam::111122223333:role/app", "arn:aws:iam::111122223333:group/admins"} {
		in := &iam.SimulateCustomPolicyInput{
			PolicyInputList: []string{allowGetDenySecret},
			ResourcePolicy:  aws.String(publicS3Policy),
			CallerArn:       aws.String(caller),
			ActionNames:     []string{"s3:GetObject"},
			ResourceArns:    []string{"arn:aws:s3:::open/a"},
		}
		_, err := New().SimulateCustomPolicy(context.Background(), in)
		var iie *types.InvalidInputException
		require.ErrorAs(t, err, &iie, caller)
		require.Contains(t, iie.ErrorMessage(), "CallerArn: ", caller)

		in.ResourcePolicy = nil
		require.Equal(t, types.PolicyEvaluationDecisionTypeAllowed, simulate(t, in).EvaluationResults[0].EvalDecision, "without a resource policy %s may be the caller", caller)
	}
}

// Context key names compare ignoring ASCII case only, as the engine reads
// them: two keys that differ in ASCII case are one key given twice, two
// that differ in a non-ASCII letter are two keys (evaluate.Context.Check).
func TestSimulatorFoldsContextKeyNamesAsTheEngineDoes(t *testing.T) {
	pol := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}`
	entries := func(a, b string) []types.ContextEntry {
		return []types.ContextEntry{
			{ContextKeyName: aws.String(a), ContextKeyType: types.ContextKeyTypeEnumString, ContextKeyValues: []string{"v"}},
			{ContextKeyName: aws.String(b), ContextKeyType: types.ContextKeyTypeEnumString, ContextKeyValues: []string{"w"}},
		}
	}
	_, err := New().SimulateCustomPolicy(context.Background(), &iam.SimulateCustomPolicyInput{
		PolicyInputList: []string{pol}, ActionNames: []string{"s3:GetObject"},
		ContextEntries: entries("aws:SourceVpc", "AWS:SOURCEVPC"),
	})
	var iie *types.InvalidInputException
	require.ErrorAs(t, err, &iie, "keys differing in ASCII case are the same key")
	require.Contains(t, iie.ErrorMessage(), "ContextEntries.2.ContextKeyName")

	out := simulate(t, &iam.SimulateCustomPolicyInput{
		PolicyInputList: []string{pol}, ActionNames: []string{"s3:GetObject"},
		ContextEntries: entries("aws:tagÉ", "aws:tagé"),
	})
	require.Equal(t, types.PolicyEvaluationDecisionTypeAllowed, out.EvaluationResults[0].EvalDecision,
		"keys differing in a non-ASCII letter are two keys, as in evaluate.Context.Check")
}
