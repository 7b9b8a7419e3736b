package roles_test

import (
	"fmt"

	"github.com/cksiam/cksiam/evaluate/snapshot"
	"github.com/cksiam/cksiam/roles"
)

// ExampleAuditAccount asks which principals of an account snapshot (saved
// with the AWS CLI, see package evaluate/snapshot) hold the key user's
// permissions.
func ExampleAuditAccount() {
	acct, err := snapshot.Load("../evaluate/snapshot/testdata/account")
	if err != nil {
		fmt.Println(err)
		return
	}
	audit, err := roles.AuditAccount(acct, roles.Options{Region: "us-west-2"}, "KeyUser")
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, r := range audit.Roles {
		fmt.Println(r.Role, "needs", r.Intended, "requests")
		for _, h := range r.Holders {
			fmt.Println("  holds all:", h.Principal)
		}
		fmt.Println(" ", len(r.Partial), "principals hold part of them")
	}
	// Output:
	// KeyUser needs 10 requests
	//   holds all: arn:aws:iam::111122223333:role/BreakGlass
	//   7 principals hold part of them
}
