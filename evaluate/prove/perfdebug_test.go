package prove

import (
	"fmt"
	"testing"
	"time"

	"github.com/cksiam/cksiam/evaluate"
)

func TestPerfDebug(t *testing.T) {
	d := mustDoc(t, `{"Version":"2012-10-17","Statement":[{"Sid":"ManageCustomKeyStores","Effect":"Allow","Action":["kms:ConnectCustomKeyStore","kms:CreateCustomKeyStore","kms:DeleteCustomKeyStore","kms:DescribeCustomKeyStores","kms:DisconnectCustomKeyStore","kms:UpdateCustomKeyStore"],"Resource":"*"}]}`)
	for i := 0; i < 3; i++ {
		s := time.Now()
		pb, _ := newProblem(readOptions(nil), frameIdentity, []evaluate.Policies{raw(Identity, d), raw(Identity, d)}, nil, nil, nil)
		b := time.Since(s)
		s = time.Now()
		sr := &searcher{pb: pb, goal: goalNewAccess}
		sr.run()
		fmt.Println("build", b, "search", time.Since(s), "steps", sr.steps, "memo", len(pb.res.memo), "classes", len(pb.act.classes), "prin", len(pb.prin.cells), "accounts", pb.accounts)
	}
}
