package roles

import (
	"strings"
	"testing"

	"github.com/cksiam/cksiam/policy"
	"github.com/cksiam/cksiam/policy/catalog"
	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"
)

// onStar are the actions a role grants on "*" although the catalog lets
// them be scoped, each for a documented reason: AWS's CloudHSM policies
// (aws-rules F.1), the labelled VPC set (aws-rules F.1, I.13), and AWS's own
// service-linked role policy (aws-rules G.2).
func onStar(r *Role, action string) bool {
	for _, list := range [][]string{ClusterEC2Actions(), VPCAndClientInstanceActions()} {
		for _, a := range list {
			if strings.EqualFold(a, action) {
				return true
			}
		}
	}
	return r.ServiceLinked() != nil
}

func TestEveryGrantedActionIsScopedToItsNarrowestResources(t *testing.T) {
	c := catalog.Default()
	opts := []Options{
		exampleOptions,
		{Account: "123456789012", Region: "eu-central-1", Partition: "aws", KeyIDs: []string{"mrk-1", "k-2"},
			ClusterIDs: []string{"cluster-a"}, BackupIDs: []string{"backup-a"}, CallerAccount: true,
			VPCAndClientInstance: true, Connectivity: VPCEndpointService},
	}
	for _, o := range opts {
		rs, err := All(o)
		require.NoError(t, err)
		for _, r := range rs {
			if r.Kind != policy.IdentityPolicy { // key policies name the key as "*" (aws-rules C.4)
				continue
			}
			t.Run(r.Name+" in "+r.Options.Region+" scopes each action to what the catalog says it takes", func(t *testing.T) {
				got := map[string][]string{}
				for _, p := range r.Permissions {
					for _, a := range p.Actions {
						if _, ok := c.Action(a); !ok {
							require.NotEmpty(t, c.Expand(a), "%s grants %s, which the catalog does not know", r.Name, a)
						}
						got[a] = sortedUnique(append(got[a], p.Resources...))
					}
				}
				for a, res := range got {
					want := narrowest(a, r.Options, map[string]string{"RoleNameWithPath": slrPath(res)})
					if onStar(r, a) {
						want = []string{"*"}
					}
					if d := cmp.Diff(want, res); d != "" {
						t.Errorf("%s resources (-narrowest +granted):\n%s", a, d)
					}
				}
			})
		}
	}
}

// slrPath recovers the role path and name of a CreateServiceLinkedRole
// resource so that narrowest can be compared with it.
func slrPath(res []string) string {
	if len(res) == 1 {
		if i := strings.Index(res[0], ":role/"); i >= 0 {
			return res[0][i+len(":role/"):]
		}
	}
	return ""
}

func TestCatalogDerivedScopes(t *testing.T) {
	o, err := Options{Account: "111122223333", Region: "us-west-2"}.resolved(regional)
	require.NoError(t, err)
	t.Run("tagging actions always name what they tag, so they are scoped", func(t *testing.T) {
		got := narrowest("ec2:CreateTags", o, nil)
		require.Contains(t, got, "arn:aws:ec2:us-west-2:111122223333:*")
		require.NotContains(t, got, "*")
	})
	t.Run("more than three resource types of one account and Region collapse to one pattern", func(t *testing.T) {
		in := []string{"arn:aws:ec2:r:1:a/*", "arn:aws:ec2:r:1:b/*", "arn:aws:ec2:r:1:c/*", "arn:aws:ec2:r:1:d/*", "arn:aws:ec2:r::image/*"}
		require.Equal(t, []string{"arn:aws:ec2:r:1:*", "arn:aws:ec2:r::image/*"}, collapse(in))
	})
	t.Run("patterns that name chosen IDs never collapse to the whole account", func(t *testing.T) {
		in := []string{"arn:aws:cloudhsm:r:1:backup/*", "arn:aws:cloudhsm:r:1:cluster/cluster-a", "arn:aws:cloudhsm:r:1:cluster/cluster-b", "arn:aws:cloudhsm:r:1:cluster/cluster-c"}
		require.Equal(t, in, collapse(in))
	})
	t.Run("four chosen clusters keep the cluster actions on those clusters", func(t *testing.T) {
		o, err := Options{Account: "111122223333", Region: "us-west-2", ClusterIDs: []string{"cluster-a", "cluster-b", "cluster-c", "cluster-d"}}.resolved(regional)
		require.NoError(t, err)
		require.Equal(t, []string{
			"arn:aws:cloudhsm:us-west-2:111122223333:backup/*",
			"arn:aws:cloudhsm:us-west-2:111122223333:cluster/cluster-a",
			"arn:aws:cloudhsm:us-west-2:111122223333:cluster/cluster-b",
			"arn:aws:cloudhsm:us-west-2:111122223333:cluster/cluster-c",
			"arn:aws:cloudhsm:us-west-2:111122223333:cluster/cluster-d",
		}, narrowest("cloudhsm:ListTags", o, nil))
		r, err := ClusterPowerUser(o)
		require.NoError(t, err)
		for _, p := range r.Permissions {
			require.NotContains(t, p.Resources, "arn:aws:cloudhsm:us-west-2:111122223333:*", p.Sid)
		}
		v := r.Verify()
		require.True(t, v.Summary.OK(), v.Summary.String())
		require.NotZero(t, v.Summary.NearMissesByKind[OtherID])
	})
	t.Run("three resource types stay as written", func(t *testing.T) {
		in := []string{"arn:aws:ec2:r:1:a/*", "arn:aws:ec2:r:1:b/*", "arn:aws:ec2:r:1:c/*"}
		require.Equal(t, in, collapse(in))
	})
	t.Run("statement IDs are letters and digits only", func(t *testing.T) {
		require.Equal(t, "OnNetworkInterfacesAndSecurityGroups", scopeSuffix([]string{"arn:aws:ec2:r:1:network-interface/*", "arn:aws:ec2:r:1:security-group/*"}))
		require.Equal(t, "OnAllEc2Resources", scopeSuffix([]string{"arn:aws:ec2:r:1:*"}))
		require.Equal(t, "OnAnyResource", scopeSuffix([]string{"*"}))
	})
}
