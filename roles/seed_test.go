package roles

import (
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"
)

// The seed's two permission lists, verbatim from the AWS KMS guide page
// "Controlling access to your custom key store".
const (
	seedManagers = `
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
	seedServiceLinkedRole = `
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

// seedList returns the action names listed one per line in text.
func seedList(text string) []string {
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

func TestSeedPermissionListsAppearExactlyInTheirRoles(t *testing.T) {
	t.Run("the custom key store manager grants exactly the seed's eight permissions", func(t *testing.T) {
		r, err := KeyStoreManager(Options{})
		require.NoError(t, err)
		want := seedList(seedManagers)
		require.Len(t, want, 8)
		if d := cmp.Diff(sorted(want), grantedActions(r)); d != "" {
			t.Errorf("KeyStoreManager actions (-seed +role):\n%s", d)
		}
		if d := cmp.Diff(want, SeedKeyStoreManagerPermissions); d != "" {
			t.Errorf("SeedKeyStoreManagerPermissions (-seed +var):\n%s", d)
		}
	})
	t.Run("the service-linked role carries the seed's seven permissions as the seed lists them", func(t *testing.T) {
		want := seedList(seedServiceLinkedRole)
		require.Len(t, want, 7)
		if d := cmp.Diff(want, SeedServiceLinkedRolePermissions); d != "" {
			t.Errorf("SeedServiceLinkedRolePermissions (-seed +var):\n%s", d)
		}
		if d := cmp.Diff(want, CustomKeyStoresServiceLinkedRole().SeedPermissions); d != "" {
			t.Errorf("ServiceLinkedRole.SeedPermissions (-seed +field):\n%s", d)
		}
	})
	t.Run("the live v1 policy is the seed's list with cloudhsm:Describe* for cloudhsm:DescribeClusters", func(t *testing.T) {
		v1 := CustomKeyStoresServiceLinkedRole().Policy(PolicyV1)
		require.NotNil(t, v1)
		got := sorted(v1.Statement[0].Action.Values)
		var want []string
		for _, a := range seedList(seedServiceLinkedRole) {
			if a == "cloudhsm:DescribeClusters" {
				a = "cloudhsm:Describe*"
			}
			want = append(want, a)
		}
		if d := cmp.Diff(sorted(want), got); d != "" {
			t.Errorf("v1 (-seed +v1):\n%s", d)
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
		r, err := ServiceLinkedRoleRole(Options{})
		require.NoError(t, err)
		v2 := CustomKeyStoresServiceLinkedRole().Policy(PolicyV2).Statement[0].Action.Values
		if d := cmp.Diff(sorted(v2), grantedActions(r)); d != "" {
			t.Errorf("(-v2 +role):\n%s", d)
		}
	})
}
