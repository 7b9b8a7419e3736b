package catalog

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cksiam/cksiam/policy"
)

func TestConditionKeysAreFoundIgnoringCaseAndFillingTemplates(t *testing.T) {
	tests := []struct {
		name       string
		key        string
		want       string
		typ        KeyType
		global     bool
		multi      bool
		isTemplate bool
	}{
		{"a resource tag key fills the global template", "aws:ResourceTag/team", "aws:ResourceTag/${TagKey}", String, true, false, true},
		{"a resource tag key is found in any case", "AWS:resourcetag/Team", "aws:ResourceTag/${TagKey}", String, true, false, true},
		{"a principal tag key fills its template", "aws:PrincipalTag/department", "aws:PrincipalTag/${TagKey}", String, true, false, true},
		{"an encryption context key fills the KMS template", "kms:EncryptionContext:Department", "kms:EncryptionContext:${EncryptionContextKey}", String, false, false, true},
		{"an encryption context key is found in any case", "KMS:encryptioncontext:department", "kms:EncryptionContext:${EncryptionContextKey}", String, false, false, true},
		{"the encryption context key set is multivalued", "kms:EncryptionContextKeys", "kms:EncryptionContextKeys", ArrayOfString, false, true, false},
		{"the caller account is a string", "kms:calleraccount", "kms:CallerAccount", String, false, false, false},
		{"the rotation period is numeric", "kms:RotationPeriodInDays", "kms:RotationPeriodInDays", Numeric, false, false, false},
		{"ValidTo is a date", "kms:ValidTo", "kms:ValidTo", Date, false, false, false},
		{"the grant constraint source is an ARN", "kms:GrantConstraintSourceArn", "kms:GrantConstraintSourceArn", ARN, false, false, false},
		{"the source IP is an address", "aws:SourceIp", "aws:SourceIp", IPAddress, true, false, false},
		{"MFA presence is a boolean", "aws:multifactorauthpresent", "aws:MultiFactorAuthPresent", Bool, true, false, false},
		{"tag keys are multivalued", "aws:TagKeys", "aws:TagKeys", ArrayOfString, true, true, false},
		{"organization paths are multivalued", "aws:PrincipalOrgPaths", "aws:PrincipalOrgPaths", ArrayOfString, true, true, false},
		{"a cross-service global key", "ec2:SourceInstanceArn", "ec2:SourceInstanceArn", ARN, true, false, false},
		{"an S3 object tag fills an angle-bracket template", "s3:ExistingObjectTag/classification", "s3:ExistingObjectTag/<key>", String, false, false, true},
		{"an identity provider key with a variable host", "agent.example.buildkite.dev:build_branch", "agent.${Domain}.buildkite.dev:build_branch", String, false, false, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			k, ok := Default().ConditionKey(tt.key)
			require.True(t, ok)
			require.Equal(t, tt.want, k.Name)
			require.Equal(t, tt.typ, k.Type)
			require.Equal(t, tt.global, k.Global)
			require.Equal(t, tt.multi, k.MultiValued())
			require.Equal(t, tt.isTemplate, k.IsTemplate())
			require.True(t, k.Matches(tt.key))
		})
	}
}

func TestTemplatesNeedANonEmptyName(t *testing.T) {
	c := Default()
	for _, name := range []string{"aws:ResourceTag/", "kms:EncryptionContext:", "aws:NoSuchKey", "kms:NoSuchKey", "", "nosuchservice:key"} {
		_, ok := c.ConditionKey(name)
		require.False(t, ok, name)
	}
}

func TestServiceConditionKeyFindsOnlyTheServicesKeys(t *testing.T) {
	kms, _ := Default().Service("kms")
	k, ok := kms.ConditionKey("kms:encryptioncontext:x")
	require.True(t, ok)
	require.Equal(t, "kms:EncryptionContext:${EncryptionContextKey}", k.Name)
	_, ok = kms.ConditionKey("s3:prefix")
	require.False(t, ok)
}

func TestGlobalConditionKeysAreSortedAndGlobal(t *testing.T) {
	keys := Default().GlobalConditionKeys()
	require.GreaterOrEqual(t, len(keys), 50)
	for i, k := range keys {
		require.True(t, k.Global, k.Name)
		if i > 0 {
			require.True(t, lessFold(keys[i-1].Name, k.Name), k.Name)
		}
	}
}

func TestOperatorsFitTheKeyTypesTheyCompare(t *testing.T) {
	tests := []struct {
		typ  KeyType
		op   policy.BaseOperator
		want bool
	}{
		{String, policy.StringEquals, true},
		{String, policy.StringLike, true},
		{String, policy.NumericEquals, false},
		{String, policy.ArnLike, false},
		{String, policy.Null, true},
		{ArrayOfString, policy.StringEquals, true},
		{ARN, policy.ArnLike, true},
		{ARN, policy.StringLike, true},
		{ArrayOfARN, policy.ArnEquals, true},
		{Numeric, policy.NumericLessThan, true},
		{Numeric, policy.StringEquals, false},
		{Date, policy.DateGreaterThan, true},
		{Date, policy.NumericEquals, false},
		{Bool, policy.Bool, true},
		{Bool, policy.StringEquals, false},
		{ArrayOfBool, policy.Bool, true},
		{IPAddress, policy.IPAddress, true},
		{IPAddress, policy.NotIPAddress, true},
		{IPAddress, policy.StringLike, false},
		{Binary, policy.BinaryEquals, true},
		{Binary, policy.StringEquals, false},
	}
	for _, tt := range tests {
		t.Run(string(tt.typ)+" with "+tt.op.String(), func(t *testing.T) {
			require.Equal(t, tt.want, tt.typ.Fits(tt.op))
		})
	}
	epoch, ok := Default().ConditionKey("aws:EpochTime")
	require.True(t, ok)
	require.True(t, epoch.Fits(policy.DateLessThan))
	require.True(t, epoch.Fits(policy.NumericLessThan), "aws:EpochTime also takes numeric operators")
	require.False(t, epoch.Fits(policy.StringEquals))
}

// Every key the data names has a type the catalog knows, so the operator
// checks never meet an unknown type.
func TestEveryConditionKeyHasAKnownType(t *testing.T) {
	known := map[KeyType]bool{String: true, ARN: true, Bool: true, Numeric: true, Date: true, IPAddress: true,
		Binary: true, ArrayOfString: true, ArrayOfARN: true, ArrayOfBool: true, ArrayOfNumeric: true}
	for _, s := range Default().Services() {
		for _, k := range s.ConditionKeys {
			require.True(t, known[k.Type], "%s: %s", k.Name, k.Type)
		}
	}
}
