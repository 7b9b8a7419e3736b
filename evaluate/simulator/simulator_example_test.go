package simulator_test

import (
	"context"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"

	"github.com/cksiam/cksiam/evaluate/simulator"
)

// The offline simulator answers the same call as *iam.Client, so code
// written against iam.SimulateCustomPolicyAPIClient runs against either.
func ExampleSimulator_SimulateCustomPolicy() {
	var sim iam.SimulateCustomPolicyAPIClient = simulator.New() // or an *iam.Client
	out, err := sim.SimulateCustomPolicy(context.Background(), &iam.SimulateCustomPolicyInput{
		PolicyInputList: []string{`{
  "Version": "2012-10-17",
  "Statement": [{
    "Effect": "Allow",
    "Action": ["kms:*CustomKeyStore*", "cloudhsm:DescribeClusters", "iam:CreateServiceLinkedRole"],
    "Resource": "*"
  }]
}`},
		ActionNames: []string{"kms:CreateCustomKeyStore", "kms:CreateKey"},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, r := range out.EvaluationResults {
		fmt.Println(aws.ToString(r.EvalActionName), r.EvalDecision, len(r.MatchedStatements))
	}
	// Output:
	// kms:CreateCustomKeyStore allowed 1
	// kms:CreateKey implicitDeny 0
}
