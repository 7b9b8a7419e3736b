package policy

import (
	"testing"

	"github.com/stretchr/testify/require"
)

func TestIsTrustActionIgnoresASCIICaseOnly(t *testing.T) {
	for _, a := range TrustActions() {
		require.True(t, IsTrustAction(a), a)
	}
	for _, tc := range []struct {
		action string
		want   bool
	}{
		{"STS:assumerole", true},
		{"sts:AssumeRoleWithSAML", true},
		{"sts:TagSession", true},
		{"sts:GetCallerIdentity", false},
		{"sts:AssumeRoot", false},
		{"iam:AssumeRole", false},
		{"sts:AssumeRole*", false},
		{"sts:\u212aagSession", false},
	} {
		require.Equal(t, tc.want, IsTrustAction(tc.action), tc.action)
	}
	list := TrustActions()
	list[0] = "changed"
	require.Equal(t, "sts:AssumeRole", TrustActions()[0], "the list is a copy")
}
