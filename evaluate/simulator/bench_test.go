package simulator_test

import (
	"context"
	"strconv"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"

	"github.com/cksiam/cksiam/evaluate/simulator"
	"github.com/cksiam/cksiam/policy/catalog"
)

// BenchmarkSimulateFirstPage is one call with 1,000 actions on 1,000
// resources and MaxItems 1000: the work of the first page.
func BenchmarkSimulateFirstPage(b *testing.B) {
	var actions []string
	for _, a := range catalog.Default().Actions() {
		if strings.HasPrefix(a.FullName(), "ec2:") && len(actions) < 1000 {
			actions = append(actions, a.FullName())
		}
	}
	resources := make([]string, 1000)
	for i := range resources {
		resources[i] = "arn:aws:ec2:us-east-1:111122223333:instance/i-" + strconv.Itoa(1000000+i)
	}
	in := &iam.SimulateCustomPolicyInput{
		PolicyInputList: []string{pdoc(allowS("ec2:*", "*"))},
		ActionNames:     actions,
		ResourceArns:    resources,
		MaxItems:        aws.Int32(1000),
	}
	sim := simulator.New()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := sim.SimulateCustomPolicy(context.Background(), in); err != nil {
			b.Fatal(err)
		}
	}
}
