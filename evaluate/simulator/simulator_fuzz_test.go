package simulator

import (
	"context"
	"errors"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/iam/types"
)

// FuzzSimulateCustomPolicy feeds arbitrary policy text, action, resource and
// context values to the simulator: it must never panic, every error must be
// an InvalidInputException, and every decision one of the three.
func FuzzSimulateCustomPolicy(f *testing.F) {
	f.Add(cliExamplePolicy, "dynamodb:CreateBackup", "*", "aws:CurrentTime", "date", "2019-04-25T11:00:00Z")
	f.Add(keyStoreAdmin, "kms:Decrypt", "arn:aws:kms:us-east-1:111122223333:key/k", "aws:SourceIp", "ip", "203.0.113.7")
	f.Add(`{"Statement":{"Effect":"Deny","NotAction":"s3:*","NotResource":"*"}}`, "s3:GetObject", "arn:aws:s3:::b/k", "s3:prefix", "stringList", "a")
	f.Add(`{`, "x", "", "", "", "")
	f.Fuzz(func(t *testing.T, pol, action, resource, key, typ, value string) {
		in := &iam.SimulateCustomPolicyInput{
			PolicyInputList: []string{pol},
			ActionNames:     []string{action},
			ResourceArns:    []string{resource},
			ContextEntries: []types.ContextEntry{{
				ContextKeyName: aws.String(key), ContextKeyType: types.ContextKeyTypeEnum(typ), ContextKeyValues: []string{value},
			}},
		}
		out, err := New().SimulateCustomPolicy(context.Background(), in)
		if err != nil {
			var iie *types.InvalidInputException
			if !errors.As(err, &iie) {
				t.Fatalf("error is %T, want *types.InvalidInputException: %v", err, err)
			}
			return
		}
		for _, r := range out.EvaluationResults {
			switch r.EvalDecision {
			case types.PolicyEvaluationDecisionTypeAllowed, types.PolicyEvaluationDecisionTypeExplicitDeny, types.PolicyEvaluationDecisionTypeImplicitDeny:
			default:
				t.Fatalf("decision %q", r.EvalDecision)
			}
		}
	})
}
