package simulator_test

import (
	"context"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"

	"github.com/cksiam/cksiam/evaluate/simulator"
)

// The AWS SDK's paginator pages through the offline simulator as it would
// through IAM: each page evaluates only its own results.
func ExampleNew_paginator() {
	in := &iam.SimulateCustomPolicyInput{
		PolicyInputList: []string{`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"kms:Decrypt","Resource":"*"}]}`},
		ActionNames:     []string{"kms:Decrypt", "kms:Encrypt", "kms:ScheduleKeyDeletion"},
		MaxItems:        aws.Int32(2),
	}
	pages := iam.NewSimulateCustomPolicyPaginator(simulator.New(), in)
	for n := 1; pages.HasMorePages(); n++ {
		page, err := pages.NextPage(context.Background())
		if err != nil {
			fmt.Println(err)
			return
		}
		for _, r := range page.EvaluationResults {
			fmt.Println("page", n, aws.ToString(r.EvalActionName), r.EvalDecision)
		}
	}
	// Output:
	// page 1 kms:Decrypt allowed
	// page 1 kms:Encrypt implicitDeny
	// page 2 kms:ScheduleKeyDeletion implicitDeny
}

// An action the embedded catalog does not know is refused with a
// did-you-mean, as a typo should be; an action AWS added after the catalog
// was built is simulated once the caller says so.
func ExampleActionsNewerThanCatalog() {
	in := &iam.SimulateCustomPolicyInput{
		PolicyInputList: []string{`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"kms:*","Resource":"*"}]}`},
		ActionNames:     []string{"kms:Decrpyt"},
	}
	_, err := simulator.New().SimulateCustomPolicy(context.Background(), in)
	fmt.Println(err)

	out, err := simulator.New(simulator.ActionsNewerThanCatalog()).SimulateCustomPolicy(context.Background(), in)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(out.EvaluationResults[0].EvalDecision)
	// Output:
	// InvalidInput: ActionNames.1: "kms:Decrpyt" is not an action the catalog knows; did you mean "kms:Decrypt"? (for an action newer than the catalog, use the ActionsNewerThanCatalog option)
	// allowed
}
