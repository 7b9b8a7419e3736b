package catalog

import (
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

func names(actions []*Action) []string {
	out := make([]string, len(actions))
	for i, a := range actions {
		out[i] = a.FullName()
	}
	return out
}

func TestExpandFindsEveryActionAPatternMatches(t *testing.T) {
	tests := []struct {
		name    string
		pattern string
		want    []string
	}{
		{"the custom key store wildcard names the six actions", "kms:*CustomKeyStore*", []string{
			"kms:ConnectCustomKeyStore", "kms:CreateCustomKeyStore", "kms:DeleteCustomKeyStore",
			"kms:DescribeCustomKeyStores", "kms:DisconnectCustomKeyStore", "kms:UpdateCustomKeyStore"}},
		{"a question mark stands for one character", "kms:?ecrypt", []string{"kms:Decrypt"}},
		{"ReEncrypt* covers both halves of ReEncrypt", "kms:ReEncrypt*", []string{"kms:ReEncryptFrom", "kms:ReEncryptTo"}},
		{"Get* in any case", "KMS:get*", []string{"kms:GetKeyLastUsage", "kms:GetKeyPolicy", "kms:GetKeyRotationStatus",
			"kms:GetParametersForImport", "kms:GetPublicKey"}},
		{"Create* in a key policy covers CreateKey too", "kms:Create*", []string{"kms:CreateAlias", "kms:CreateCustomKeyStore",
			"kms:CreateGrant", "kms:CreateKey"}},
		{"cloudhsm Describe* is backups and clusters (aws-rules G.2)", "cloudhsm:Describe*", []string{"cloudhsm:DescribeBackups", "cloudhsm:DescribeClusters"}},
		{"a name without wildcards is that action", "kms:decrypt", []string{"kms:Decrypt"}},
		{"an unknown name is nothing", "kms:Decrypted", nil},
		{"an unknown service is nothing", "nosuch:*", nil},
		{"a wildcard matching nothing is nothing", "kms:*Bucket*", nil},
		{"a wildcard in the service prefix", "cloudhs?:DescribeClusters", []string{"cloudhsm:DescribeClusters"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			require.Equal(t, tt.want, nilIfEmpty(names(Default().Expand(tt.pattern))))
		})
	}
}

func nilIfEmpty(s []string) []string {
	if len(s) == 0 {
		return nil
	}
	return s
}

func TestExpandStarIsEveryActionInOrder(t *testing.T) {
	c := Default()
	all := c.Expand("*")
	require.Equal(t, names(c.Actions()), names(all))
	all[0] = nil // the result is the caller's to change
	require.NotNil(t, c.Actions()[0])
	kms, _ := c.Service("kms")
	require.Equal(t, names(kms.Actions), names(c.Expand("kms:*")))
	require.Len(t, kms.Actions, 56, "aws-rules E.2 lists 56 kms actions")
}

// Expand agrees with a reference built on regexp for patterns across
// services.
func TestExpandAgreesWithARegexpReference(t *testing.T) {
	c := Default()
	for _, pattern := range []string{"*:Get*", "*Key*", "s3:*Object", "iam:?et*Policy", "*:*CustomKeyStore*", "ec2:Describe*s", "k?s:*"} {
		t.Run(pattern, func(t *testing.T) {
			re := regexp.MustCompile("(?i)^" + strings.ReplaceAll(strings.ReplaceAll(regexp.QuoteMeta(pattern), `\*`, ".*"), `\?`, ".") + "$")
			var want []string
			for _, a := range c.Actions() {
				if re.MatchString(a.FullName()) {
					want = append(want, a.FullName())
				}
			}
			require.NotEmpty(t, want)
			require.Equal(t, want, names(c.Expand(pattern)))
		})
	}
}
