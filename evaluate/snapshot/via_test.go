package snapshot

import (
	"testing"

	"github.com/stretchr/testify/require"
)

// A row's via names the statements that decided it: a key policy
// statement naming the caller decides alone (aws-rules C.4), an identity
// policy statement decides only with a key policy statement that lets the
// account's IAM policies decide, and such a statement decides nothing
// without one.
func TestWhoCanViaNamesOnlyWhatDecided(t *testing.T) {
	const alice = "arn:aws:iam::111122223333:user/alice"
	direct := `{"Sid": "Alice", "Effect": "Allow", "Principal": {"AWS": "` + alice + `"}, "Action": "kms:Decrypt", "Resource": "*"}`
	delegate := `{"Sid": "IAM", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "kms:*", "Resource": "*"}`
	noIAM := `{"UserDetailList": [{"Path": "/", "UserName": "alice", "UserId": "AIDAALICE", "Arn": "` + alice + `",
	  "UserPolicyList": [], "GroupList": [], "AttachedManagedPolicies": [], "Tags": []}]}`
	tests := []struct {
		name, gaad, keyPolicy, want string
	}{
		{"a statement naming the caller decides alone: the account's delegation, with no IAM policy allowing, is left out",
			noIAM, `{"Version": "2012-10-17", "Statement": [` + delegate + `, ` + direct + `]}`, "key policy Statement[1] (Alice)"},
		{"an identity policy without the account's delegation decided nothing",
			userGAAD, `{"Version": "2012-10-17", "Statement": [` + direct + `]}`, "key policy Statement[0] (Alice)"},
		{"an identity policy with the account's delegation decides",
			userGAAD, `{"Version": "2012-10-17", "Statement": [` + delegate + `]}`, alice + " inline policy kms Statement[0] + key policy Statement[0] (IAM)"},
		{"two paths that each decide are both named",
			userGAAD, `{"Version": "2012-10-17", "Statement": [` + delegate + `, ` + direct + `]}`, alice + " inline policy kms Statement[0] + key policy Statement[0] (IAM) + key policy Statement[1] (Alice)"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rep := mini{gaad: tc.gaad, keyPolicy: tc.keyPolicy}.whoCan(t, "kms:Decrypt")
			r, ok := row(rep, alice, "kms:Decrypt")
			require.True(t, ok)
			require.Equal(t, Allowed, r.Access)
			require.Equal(t, tc.want, r.ViaString())
		})
	}
}
