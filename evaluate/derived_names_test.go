package evaluate

import (
	"fmt"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"
)

// The implied keys that are not substrings of the request (aws:PrincipalArn
// of a role session or of an account root named by its ID, aws:userid of a
// federated user) are read without allocating once the principal has been
// seen, and are right for every principal however many share the table.
func TestDerivedPrincipalKeysAreReadWithoutAllocating(t *testing.T) {
	for _, tc := range []struct {
		name, principal, cond string
	}{
		{"aws:PrincipalArn of a role session is its role's ARN", "arn:aws:sts::111122223333:assumed-role/Admin/alice",
			`{"ArnLike":{"aws:PrincipalArn":"arn:aws:iam::111122223333:role/Admin"}}`},
		{"aws:PrincipalArn of a root named by its account ID is the root ARN", "111122223333",
			`{"StringEquals":{"aws:PrincipalArn":"arn:aws:iam::111122223333:root"}}`},
		{"aws:userid of a federated user is ACCOUNT:name", "arn:aws:sts::111122223333:federated-user/carol",
			`{"StringEquals":{"aws:userid":"111122223333:carol"}}`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ev, err := Compile(Policies{Identity: docs(t, stmtDoc(`"Effect":"Deny","Action":"kms:Decrypt","Resource":"*","Condition":`+tc.cond))})
			require.NoError(t, err)
			r := Request{Principal: tc.principal, Action: "kms:Decrypt", Resource: "*"}
			d, err := ev.Decide(r)
			require.NoError(t, err)
			require.Equal(t, ExplicitDeny, d, "the Deny's condition holds")
			require.Zero(t, testing.AllocsPerRun(50, func() { _, _ = ev.Decide(r) }))
		})
	}
}

// Many role sessions decided at once, more roles than the table has
// slots: each decision reads its own role's ARN.
func TestDerivedRoleARNsAreRightUnderConcurrentUse(t *testing.T) {
	ev, err := Compile(Policies{Identity: docs(t, stmtDoc(`"Effect":"Allow","Action":"kms:Decrypt","Resource":"*","Condition":{"StringLike":{"aws:PrincipalArn":"arn:aws:iam::111122223333:role/r1*"}}`))})
	require.NoError(t, err)
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for g := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 500 {
				role := fmt.Sprintf("r%d", (i*7+g)%200)
				d, err := ev.Decide(Request{Principal: "arn:aws:sts::111122223333:assumed-role/" + role + "/s", Action: "kms:Decrypt", Resource: "*"})
				want := ImplicitDeny
				if role[:2] == "r1" {
					want = Allowed
				}
				if err != nil || d != want {
					errs <- fmt.Errorf("role %s: %v, %v; want %v", role, d, err, want)
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		require.NoError(t, err)
	}
}
