package roles

import (
	"sort"
	"strings"
	"testing"

	"github.com/cksiam/cksiam/policy"
	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"
)

// unsupportedInCustomKeyStores are the key-scoped kms actions of features
// keys in a custom key store do not have (aws-rules E.6): automatic and
// on-demand rotation, imported key material, multi-Region keys, and
// asymmetric or HMAC keys (public keys, signing, MACs, key agreement, data
// key pairs).
var unsupportedInCustomKeyStores = []string{
	"kms:EnableKeyRotation", "kms:DisableKeyRotation", "kms:GetKeyRotationStatus", "kms:ListKeyRotations", "kms:RotateKeyOnDemand",
	"kms:GetParametersForImport", "kms:ImportKeyMaterial", "kms:DeleteImportedKeyMaterial",
	"kms:ReplicateKey", "kms:UpdatePrimaryRegion", "kms:SynchronizeMultiRegionKey",
	"kms:GetPublicKey", "kms:Sign", "kms:Verify", "kms:GenerateMac", "kms:VerifyMac", "kms:DeriveSharedSecret",
	"kms:GenerateDataKeyPair", "kms:GenerateDataKeyPairWithoutPlaintext",
}

// consoleExpansion expands the console's action list (aws-rules E.5) over the
// catalog to the actions a key policy governs (key-scoped ones) that keys
// in a custom key store support.
func consoleExpansion(t *testing.T, patterns ...string) []string {
	src := defaultSource()
	skip := map[string]bool{}
	for _, a := range unsupportedInCustomKeyStores {
		skip[strings.ToLower(a)] = true
	}
	var out []string
	for _, p := range patterns {
		acts := src.Expand(p)
		require.NotEmpty(t, acts, p)
		for _, a := range acts {
			if src.Formats(a) != nil && !skip[strings.ToLower(a)] {
				out = append(out, a)
			}
		}
	}
	out = sortActions(out)
	sort.Slice(out, func(i, j int) bool { return strings.ToLower(out[i]) < strings.ToLower(out[j]) })
	return out
}

func TestKeyPoliciesFollowAWSRulesE5AndE6(t *testing.T) {
	o := Options{Account: "111122223333", Region: "us-west-2", KeyAdministrators: []string{"arn:aws:iam::111122223333:role/KMSAdminRole"},
		KeyUsers: []string{"arn:aws:iam::111122223333:role/ExampleRole", "arn:aws:iam::444455556666:root"}}
	console, err := ConsoleKeyPolicy(o)
	require.NoError(t, err)
	doc := console.Document()
	require.Equal(t, "key-consolepolicy-3", doc.ID)
	byID := map[string]policy.Statement{}
	var sids []string
	for _, st := range doc.Statement {
		byID[st.Sid] = st
		sids = append(sids, st.Sid)
	}
	require.Equal(t, []string{"Enable IAM policies", "Allow access for Key Administrators", "Allow use of the key", "Allow attachment of persistent resources"}, sids)

	t.Run("the default statement lets the account root do kms:* on the key", func(t *testing.T) {
		def, err := DefaultKeyPolicy(o)
		require.NoError(t, err)
		d := def.Document()
		require.Equal(t, "key-default-1", d.ID)
		require.Len(t, d.Statement, 1)
		for _, st := range []policy.Statement{d.Statement[0], byID["Enable IAM policies"]} {
			require.Equal(t, "Enable IAM policies", st.Sid)
			require.Equal(t, policy.Allow, st.Effect)
			require.Equal(t, []string{"arn:aws:iam::111122223333:root"}, st.Principal.AWS.Values)
			require.Equal(t, []string{"kms:*"}, st.Action.Values)
			require.Equal(t, []string{"*"}, st.Resource.Values)
			require.Empty(t, st.Condition)
		}
	})
	t.Run("the administrators get the console's administrator wildcards, expanded to what custom key store keys support", func(t *testing.T) {
		want := consoleExpansion(t, "kms:Create*", "kms:Describe*", "kms:Enable*", "kms:List*", "kms:Put*",
			"kms:Update*", "kms:Revoke*", "kms:Disable*", "kms:Get*", "kms:Delete*",
			"kms:TagResource", "kms:UntagResource", "kms:ScheduleKeyDeletion", "kms:CancelKeyDeletion")
		st := byID["Allow access for Key Administrators"]
		if d := cmp.Diff(want, st.Action.Values); d != "" {
			t.Errorf("administrator actions (-aws-rules E.5/E.6 +policy):\n%s", d)
		}
		require.Equal(t, o.KeyAdministrators, st.Principal.AWS.Values)
	})
	t.Run("the users get the console's symmetric-key use list without data key pairs", func(t *testing.T) {
		want := consoleExpansion(t, "kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey")
		st := byID["Allow use of the key"]
		if d := cmp.Diff(want, st.Action.Values); d != "" {
			t.Errorf("user actions (-aws-rules E.5/E.6 +policy):\n%s", d)
		}
		require.Equal(t, sortedUnique(o.KeyUsers), st.Principal.AWS.Values)
	})
	t.Run("the users' grants are only for AWS resources", func(t *testing.T) {
		st := byID["Allow attachment of persistent resources"]
		require.Equal(t, []string{"kms:CreateGrant", "kms:ListGrants", "kms:RevokeGrant"}, st.Action.Values)
		require.Len(t, st.Condition, 1)
		require.Equal(t, "Bool", st.Condition[0].Operator)
		require.Equal(t, "kms:GrantIsForAWSResource", st.Condition[0].Entries[0].Key)
		require.Equal(t, "true", st.Condition[0].Entries[0].Values[0].Text)
	})
	t.Run("the key user's IAM policy offers exactly the supported symmetric operations (aws-rules E.6)", func(t *testing.T) {
		u, err := KeyUser(Options{Account: "111122223333", Region: "us-west-2"})
		require.NoError(t, err)
		want := []string{"kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey", "kms:GenerateDataKeyWithoutPlaintext", "kms:ReEncryptFrom", "kms:ReEncryptTo"}
		require.Equal(t, want, sortActions(KeyUserCryptoActions()))
		granted := map[string]bool{}
		for _, a := range grantedActions(u) {
			granted[a] = true
		}
		for _, a := range unsupportedInCustomKeyStores {
			require.False(t, granted[a], "KeyUser grants %s, which keys in custom key stores do not support", a)
		}
	})
}

func TestClusterTiersFollowAWSRulesF1(t *testing.T) {
	tiers := map[string][]string{
		"ClusterAdmin":     CloudHSMActions(),
		"ClusterPowerUser": {"cloudhsm:DescribeClusters", "cloudhsm:DescribeBackups", "cloudhsm:CreateCluster", "cloudhsm:CreateHsm", "cloudhsm:RestoreBackup", "cloudhsm:CopyBackupToRegion", "cloudhsm:InitializeCluster", "cloudhsm:ListTags", "cloudhsm:TagResource", "cloudhsm:UntagResource"},
		"ClusterReadOnly":  {"cloudhsm:DescribeClusters", "cloudhsm:DescribeBackups", "cloudhsm:ListTags"},
	}
	for name, want := range tiers {
		t.Run(name+" grants AWS's cloudhsm list for its tier and says truthfully what it cannot delete", func(t *testing.T) {
			r, err := ByName(name, Options{Account: "111122223333", Region: "us-west-2"})
			require.NoError(t, err)
			var cloudhsm []string
			deletes := false
			for _, a := range grantedActions(r) {
				if strings.HasPrefix(a, "cloudhsm:") {
					cloudhsm = append(cloudhsm, a)
				}
				deletes = deletes || strings.Contains(a, ":Delete")
			}
			if d := cmp.Diff(sortActions(want), sortActions(cloudhsm)); d != "" {
				t.Errorf("cloudhsm actions (-aws-rules F.1 +role):\n%s", d)
			}
			if deletes {
				require.NotContains(t, r.Description, "cannot delete anything")
			}
		})
	}
}
