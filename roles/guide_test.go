package roles

import (
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"
)

// The guide page's two permission lists, verbatim from the AWS KMS guide
// page "Controlling access to your custom key store" (GuidePage).
const (
	guideManagers = `
 Principals who create and manage your custom key store require the following permission to use the custom key store API operations.
   cloudhsm:DescribeClusters
   kms:CreateCustomKeyStore
   kms:ConnectCustomKeyStore
   kms:DisconnectCustomKeyStore
   kms:UpdateCustomKeyStore
   kms:DeleteCustomKeyStore
   kms:DescribeCustomKeyStores
   iam:CreateServiceLinkedRole
`
	guideServiceLinkedRole = `
For custom key stores, AWS KMS creates the AWSServiceRoleForKeyManagementServiceCustomKeyStores service-linked role with the AWSKeyManagementServiceCustomKeyStoresServiceRolePolicy policy. This policy grants the role the following permissions:
 cloudhsm:DescribeClusters
 ec2:AuthorizeSecurityGroupIngress
 ec2:CreateNetworkInterface
 ec2:CreateSecurityGroup
 ec2:DeleteSecurityGroup
 ec2:DescribeSecurityGroups
 ec2:RevokeSecurityGroupEgress
`
)

// guideList returns the action names listed one per line in text.
func guideList(text string) []string {
	var out []string
	for _, line := range strings.Split(text, "\n") {
		f := strings.TrimSpace(line)
		if f != "" && !strings.Contains(f, " ") && strings.Contains(f, ":") {
			out = append(out, f)
		}
	}
	return out
}

// grantedActions returns every action the role's document names, sorted.
func grantedActions(r *Role) []string {
	var out []string
	for _, st := range r.Document().Statement {
		out = append(out, st.Action.Values...)
	}
	sort.Strings(out)
	return out
}

func sorted(in []string) []string {
	out := append([]string(nil), in...)
	sort.Strings(out)
	return out
}

func TestGuidePagePermissionListsAppearExactlyInTheirRoles(t *testing.T) {
	t.Run("the custom key store manager grants exactly the guide page's eight permissions", func(t *testing.T) {
		r, err := KeyStoreManager(Options{Account: "111122223333", Region: "us-west-2"})
		require.NoError(t, err)
		want := guideList(guideManagers)
		require.Len(t, want, 8)
		if d := cmp.Diff(sorted(want), grantedActions(r)); d != "" {
			t.Errorf("KeyStoreManager actions (-guide +role):\n%s", d)
		}
		if d := cmp.Diff(want, GuideKeyStoreManagerPermissions()); d != "" {
			t.Errorf("GuideKeyStoreManagerPermissions() (-guide +var):\n%s", d)
		}
	})
	t.Run("the service-linked role carries the guide page's seven permissions as the page lists them", func(t *testing.T) {
		want := guideList(guideServiceLinkedRole)
		require.Len(t, want, 7)
		if d := cmp.Diff(want, GuideServiceLinkedRolePermissions()); d != "" {
			t.Errorf("GuideServiceLinkedRolePermissions() (-guide +var):\n%s", d)
		}
		if d := cmp.Diff(want, CustomKeyStoresServiceLinkedRole().GuidePermissions); d != "" {
			t.Errorf("ServiceLinkedRole.GuidePermissions (-guide +field):\n%s", d)
		}
	})
	t.Run("the live v1 policy is the guide page's list with cloudhsm:Describe* for cloudhsm:DescribeClusters", func(t *testing.T) {
		v1 := CustomKeyStoresServiceLinkedRole().Policy(PolicyV1)
		require.NotNil(t, v1)
		got := sorted(v1.Statement[0].Action.Values)
		var want []string
		for _, a := range guideList(guideServiceLinkedRole) {
			if a == "cloudhsm:DescribeClusters" {
				a = "cloudhsm:Describe*"
			}
			want = append(want, a)
		}
		if d := cmp.Diff(sorted(want), got); d != "" {
			t.Errorf("v1 (-guide +v1):\n%s", d)
		}
	})
	t.Run("v2 adds exactly three ec2 Describe actions to v1", func(t *testing.T) {
		s := CustomKeyStoresServiceLinkedRole()
		v1 := s.Policy(PolicyV1).Statement[0].Action.Values
		v2 := s.Policy(PolicyV2).Statement[0].Action.Values
		require.Equal(t, v1, v2[:len(v1)])
		require.Equal(t, []string{"ec2:DescribeVpcs", "ec2:DescribeNetworkAcls", "ec2:DescribeNetworkInterfaces"}, v2[len(v1):])
	})
	t.Run("the ServiceLinkedRole role grants the live v2 actions", func(t *testing.T) {
		r, err := ServiceLinkedRole(Options{Account: "111122223333", Region: "us-west-2"})
		require.NoError(t, err)
		v2 := CustomKeyStoresServiceLinkedRole().Policy(PolicyV2).Statement[0].Action.Values
		if d := cmp.Diff(sorted(v2), grantedActions(r)); d != "" {
			t.Errorf("(-v2 +role):\n%s", d)
		}
	})
}
