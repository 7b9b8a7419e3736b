package prove

import (
	"fmt"
	"testing"
	"time"

	"github.com/cksiam/cksiam/evaluate"
)

func TestSizesKSM(t *testing.T) {
	a := mustDoc(t, `{"Version":"2012-10-17","Statement":[{"Sid":"ManageCustomKeyStores","Effect":"Allow","Action":["cloudhsm:DescribeClusters","kms:ConnectCustomKeyStore","kms:CreateCustomKeyStore","kms:DeleteCustomKeyStore","kms:DescribeCustomKeyStores","kms:DisconnectCustomKeyStore","kms:UpdateCustomKeyStore"],"Resource":"*"},{"Sid":"CreateServiceLinkedRole","Effect":"Allow","Action":"iam:CreateServiceLinkedRole","Resource":"arn:aws:iam::111122223333:role/aws-service-role/cks.kms.amazonaws.com/AWSServiceRoleForKeyManagementServiceCustomKeyStores","Condition":{"StringEquals":{"iam:AWSServiceName":"cks.kms.amazonaws.com"}}}]}`)
	start := cpuNow()
	pb, err := newProblem(readOptions(nil), frameIdentity, []evaluate.Policies{raw(Identity, a), raw(Identity, a)}, nil, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	fmt.Println("build", cpuNow()-start)
	fmt.Println("res", len(pb.res.cells), pb.res.visited, len(pb.res.b.out), len(pb.res.b.classes), "prin", len(pb.prin.cells), pb.prin.visited, len(pb.prin.b.out), "sess", len(pb.sess.cells), "acts", len(pb.act.classes))
	for _, k := range pb.keyOrder {
		fmt.Println("key", k.name, len(k.vals), k.dc.visited)
	}
	for i := 0; i < 3; i++ {
		s := cpuNow()
		newProblem(readOptions(nil), frameIdentity, []evaluate.Policies{raw(Identity, a), raw(Identity, a)}, nil, nil, nil)
		fmt.Println("again", cpuNow()-s)
	}
	_ = time.Now
}

func BenchmarkBuildKSM(b *testing.B) {
	a := mustDoc(nil, `{"Version":"2012-10-17","Statement":[{"Sid":"ManageCustomKeyStores","Effect":"Allow","Action":["cloudhsm:DescribeClusters","kms:ConnectCustomKeyStore","kms:CreateCustomKeyStore","kms:DeleteCustomKeyStore","kms:DescribeCustomKeyStores","kms:DisconnectCustomKeyStore","kms:UpdateCustomKeyStore"],"Resource":"*"},{"Sid":"CreateServiceLinkedRole","Effect":"Allow","Action":"iam:CreateServiceLinkedRole","Resource":"arn:aws:iam::111122223333:role/aws-service-role/cks.kms.amazonaws.com/AWSServiceRoleForKeyManagementServiceCustomKeyStores","Condition":{"StringEquals":{"iam:AWSServiceName":"cks.kms.amazonaws.com"}}}]}`)
	for i := 0; i < b.N; i++ {
		newProblem(readOptions(nil), frameIdentity, []evaluate.Policies{raw(Identity, a), raw(Identity, a)}, nil, nil, nil)
	}
}
