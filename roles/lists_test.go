package roles

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"
)

func TestExportedListsCannotBeChangedByTheirCallers(t *testing.T) {
	lists := map[string]func() []string{
		"Names": Names, "KeyAdminActions": KeyAdminActions, "AliasActions": AliasActions,
		"KeyUserCryptoActions": KeyUserCryptoActions, "KeyUserGrantActions": KeyUserGrantActions,
		"CustomKeyStoreActions": CustomKeyStoreActions, "GuideKeyStoreManagerPermissions": GuideKeyStoreManagerPermissions,
		"CloudHSMActions": CloudHSMActions, "ClusterPowerUserCloudHSMActions": ClusterPowerUserCloudHSMActions,
		"ClusterReadOnlyActions": ClusterReadOnlyActions, "ClusterEC2Actions": ClusterEC2Actions,
		"VPCAndClientInstanceActions":       VPCAndClientInstanceActions,
		"GuideServiceLinkedRolePermissions": GuideServiceLinkedRolePermissions,
	}
	for name, f := range lists {
		t.Run(name+" returns a new slice each time", func(t *testing.T) {
			first := f()
			require.NotEmpty(t, first)
			want := append([]string(nil), first...)
			for i := range first {
				first[i] = "*"
			}
			_ = append(first[:0], "iam:*")
			require.Equal(t, want, f())
		})
	}

	t.Run("changing a built role's actions in place does not widen the roles built afterwards", func(t *testing.T) {
		o := Options{Account: "111122223333", Region: "us-west-2"}
		before := map[string]string{}
		rs, err := All(o)
		require.NoError(t, err)
		c, err := ConsoleKeyPolicy(o)
		require.NoError(t, err)
		for _, r := range append(rs, c) {
			b, err := r.Document().Compact()
			require.NoError(t, err)
			before[r.Name] = string(b)
			for i := range r.Permissions {
				for j := range r.Permissions[i].Actions {
					r.Permissions[i].Actions[j] = "*"
				}
			}
			if s := r.ServiceLinked(); s != nil {
				for j := range s.GuidePermissions {
					s.GuidePermissions[j] = "*"
				}
			}
		}
		rs, err = All(o)
		require.NoError(t, err)
		c, err = ConsoleKeyPolicy(o)
		require.NoError(t, err)
		for _, r := range append(rs, c) {
			b, err := r.Document().Compact()
			require.NoError(t, err)
			if d := cmp.Diff(before[r.Name], string(b)); d != "" {
				t.Errorf("%s changed (-before +after):\n%s", r.Name, d)
			}
		}
		require.Equal(t, guideServiceLinkedRolePermissions, CustomKeyStoresServiceLinkedRole().GuidePermissions)
	})
}
