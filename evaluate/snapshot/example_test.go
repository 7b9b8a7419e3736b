package snapshot_test

import (
	"fmt"

	"github.com/cksiam/cksiam/evaluate/snapshot"
)

func ExampleAccount_WhoCan() {
	acct, err := snapshot.Load("testdata/account")
	if err != nil {
		fmt.Println(err)
		return
	}
	rep, err := acct.WhoCan("arn:aws:kms:us-west-2:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab", []string{"kms:ScheduleKeyDeletion"})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, row := range rep.Access {
		fmt.Println(row.Principal, row.Access)
	}
	// Output:
	// arn:aws:iam::111122223333:role/BreakGlass allowed
	// arn:aws:sts::111122223333:assumed-role/BreakGlass/incident-42 allowed
}
