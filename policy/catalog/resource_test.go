package catalog

import (
	"bytes"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cksiam/cksiam/internal/glob"
)

func resourceType(t *testing.T, service, name string) *ResourceType {
	t.Helper()
	s, ok := Default().Service(service)
	require.True(t, ok, service)
	rt, ok := s.ResourceType(name)
	require.True(t, ok, service+":"+name)
	return rt
}

func TestResourceTypesMatchRealARNs(t *testing.T) {
	tests := []struct {
		name         string
		service, typ string
		arn          string
		want         bool
	}{
		{"a key ARN is a kms key", "kms", "key", "arn:aws:kms:us-west-2:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab", true},
		{"a key ARN in another partition is a kms key", "kms", "key", "arn:aws-us-gov:kms:us-gov-west-1:111122223333:key/mrk-1234abcd12ab34cd56ef1234567890ab", true},
		{"an alias ARN is not a kms key", "kms", "key", "arn:aws:kms:us-west-2:111122223333:alias/ExampleAlias", false},
		{"an alias ARN is a kms alias", "kms", "alias", "arn:aws:kms:us-west-2:111122223333:alias/ExampleAlias", true},
		{"a key ARN without a region is not a kms key", "kms", "key", "arn:aws:kms::111122223333:key/1234", false},
		{"a key ARN without an account is not a kms key", "kms", "key", "arn:aws:kms:us-west-2::key/1234", false},
		{"a key ARN with an empty key id is not a kms key", "kms", "key", "arn:aws:kms:us-west-2:111122223333:key/", false},
		{"a key ARN of another service is not a kms key", "kms", "key", "arn:aws:kmx:us-west-2:111122223333:key/1234", false},
		{"a key type name is case-sensitive in the ARN", "kms", "key", "arn:aws:kms:us-west-2:111122223333:KEY/1234", false},
		{"text that is no ARN is no kms key", "kms", "key", "key/1234", false},
		{"a CloudHSM cluster ARN is a cluster", "cloudhsm", "cluster", "arn:aws:cloudhsm:us-east-1:111122223333:cluster/cluster-igklspoyj5v", true},
		{"a CloudHSM backup ARN is not a cluster", "cloudhsm", "cluster", "arn:aws:cloudhsm:us-east-1:111122223333:backup/backup-igklspoyj5v", false},
		{"a bucket ARN is an S3 bucket", "s3", "bucket", "arn:aws:s3:::amzn-s3-demo-bucket", true},
		{"a bucket ARN with a region is not an S3 bucket", "s3", "bucket", "arn:aws:s3:us-east-1::amzn-s3-demo-bucket", false},
		{"an object key may hold slashes", "s3", "object", "arn:aws:s3:::amzn-s3-demo-bucket/photos/2024/cat.jpg", true},
		{"a bucket ARN is not an S3 object", "s3", "object", "arn:aws:s3:::amzn-s3-demo-bucket", false},
		{"a role name may carry a path", "iam", "role", "arn:aws:iam::111122223333:role/aws-service-role/cks.kms.amazonaws.com/AWSServiceRoleForKeyManagementServiceCustomKeyStores", true},
		{"a user ARN is not an IAM role", "iam", "role", "arn:aws:iam::111122223333:user/alice", false},
		{"an IAM role ARN has no region", "iam", "role", "arn:aws:iam:us-east-1:111122223333:role/admin", false},
		{"a log group name may hold slashes", "logs", "log-group", "arn:aws:logs:us-east-1:111122223333:log-group:/aws/lambda/my-function", true},
		{"a qualified Lambda function ARN is a function", "lambda", "function", "arn:aws:lambda:us-east-1:111122223333:function:my-function:PROD", true},
		{"a DynamoDB table ARN is a table", "dynamodb", "table", "arn:aws:dynamodb:us-east-1:111122223333:table/Books", true},
		{"an EC2 instance ARN is an instance", "ec2", "instance", "arn:aws:ec2:us-east-1:111122223333:instance/i-0123456789abcdef0", true},
		{"an EC2 volume ARN is not an instance", "ec2", "instance", "arn:aws:ec2:us-east-1:111122223333:volume/vol-0123456789abcdef0", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			require.Equal(t, tt.want, resourceType(t, tt.service, tt.typ).Matches(tt.arn))
		})
	}
}

func TestResourceTypesOfFindsEveryTypeAnARNCanBe(t *testing.T) {
	kms, _ := Default().Service("kms")
	names := func(ts []*ResourceType) []string {
		var out []string
		for _, rt := range ts {
			out = append(out, rt.Name)
		}
		return out
	}
	require.Equal(t, []string{"key"}, names(kms.ResourceTypesOf("arn:aws:kms:eu-west-1:111122223333:key/1234")))
	require.Equal(t, []string{"alias"}, names(kms.ResourceTypesOf("arn:aws:kms:eu-west-1:111122223333:alias/a")))
	require.Empty(t, kms.ResourceTypesOf("arn:aws:kms:eu-west-1:111122223333:grant/1234"))
	// Formats alone cannot tell a bucket from an object whose ARN extends it.
	s3, _ := Default().Service("s3")
	require.Equal(t, []string{"bucket", "object"}, names(s3.ResourceTypesOf("arn:aws:s3:::b/k")))
}

func TestResourcePatternsOverlapTheTypesTheyMayName(t *testing.T) {
	tests := []struct {
		name         string
		service, typ string
		pattern      string
		want         bool
	}{
		{"every key of an account in any region", "kms", "key", "arn:aws:kms:*:111122223333:key/*", true},
		{"every KMS resource of an account", "kms", "key", "arn:aws:kms:us-east-1:111122223333:*", true},
		{"a star", "kms", "key", "*", true},
		{"a pattern whose star may cross colons", "kms", "key", "arn:aws:kms:*", true},
		{"a key id prefix", "kms", "key", "arn:aws:kms:us-east-1:111122223333:key/1234*", true},
		{"a one-character wildcard in the region", "kms", "key", "arn:aws:kms:us-east-?:111122223333:key/1234", true},
		{"aliases are not keys", "kms", "key", "arn:aws:kms:*:111122223333:alias/*", false},
		{"a key pattern without a region position", "kms", "key", "arn:aws:kms::111122223333:key/*", false},
		{"another service's ARNs", "kms", "key", "arn:aws:s3:::amzn-s3-demo-bucket/*", false},
		{"a star across colons in another service's ARN", "kms", "key", "arn:aws:s3:*", false},
		{"a star across colons that may reach a key", "kms", "key", "arn:aws:*", true},
		{"a star right after the service prefix", "kms", "key", "arn:aws:kms*", true},
		{"a pattern with too few parts and no wildcard", "kms", "key", "arn:aws:kms:key/1", false},
		{"every object of a bucket", "s3", "object", "arn:aws:s3:::amzn-s3-demo-bucket/*", true},
		{"a bucket", "s3", "bucket", "arn:aws:s3:::amzn-s3-demo-bucket", true},
		{"a bucket is not an object", "s3", "object", "arn:aws:s3:::amzn-s3-demo-bucket", false},
		{"a service-linked role path", "iam", "role", "arn:aws:iam::*:role/aws-service-role/cks.kms.amazonaws.com/AWSServiceRoleForKeyManagementServiceCustomKeyStores*", true},
		{"a text that is no ARN", "kms", "key", "key/1234", false},
		{"a pattern longer than any ARN is not analysed", "kms", "key", "arn:aws:s3:::" + strings.Repeat("a", 2048), true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			require.Equal(t, tt.want, resourceType(t, tt.service, tt.typ).Overlaps(tt.pattern))
		})
	}
}

// Every ARN format of the data compiles into a matcher that accepts the
// format with its variables filled in.
func TestEveryResourceTypeMatchesItsOwnFormatFilledIn(t *testing.T) {
	for _, s := range Default().Services() {
		for _, rt := range s.ResourceTypes {
			arn := string(fillFormat(rt.ARN))
			require.True(t, rt.Matches(arn), "%s: %s does not match %s", rt, rt.ARN, arn)
			require.True(t, rt.Overlaps(arn), "%s", rt)
		}
	}
}

// fillFormat replaces each ${…} and '*' of an ARN format with sample text.
func fillFormat(format string) []byte {
	var out []byte
	for i := 0; i < len(format); i++ {
		switch {
		case format[i] == '$' && i+1 < len(format) && format[i+1] == '{':
			for i < len(format) && format[i] != '}' {
				i++
			}
			out = append(out, "x1"...)
		case format[i] == '*':
			out = append(out, "any"...)
		default:
			out = append(out, format[i])
		}
	}
	return out
}

// tokensOverlap agrees with a brute-force search for a common string on
// every pair of short patterns over a small alphabet.
func TestTokensOverlapAgreesWithBruteForce(t *testing.T) {
	alphabet := []byte("a:*?")
	var patterns []string
	var gen func(prefix string)
	gen = func(prefix string) {
		patterns = append(patterns, prefix)
		if len(prefix) == 3 {
			return
		}
		for _, c := range alphabet {
			gen(prefix + string(c))
		}
	}
	gen("")
	// Every string of up to 6 characters over the letters patterns use.
	var texts []string
	var genText func(prefix string)
	genText = func(prefix string) {
		texts = append(texts, prefix)
		if len(prefix) == 6 {
			return
		}
		for _, c := range []byte("a:b") {
			genText(prefix + string(c))
		}
	}
	genText("")
	for _, p := range patterns {
		for _, q := range patterns {
			want := false
			for _, s := range texts {
				if glob.Match(p, s) && glob.Match(q, s) {
					want = true
					break
				}
			}
			require.Equal(t, want, tokensOverlap(patternTokens(p), patternTokens(q)), "%q and %q", p, q)
		}
	}
}

func TestFormatVariablesBeforeTheResourceTakeNoColon(t *testing.T) {
	format := formatTokens("arn:${Partition}:kms:${Region}:${Account}:key/${KeyId}", true)
	require.True(t, tokensOverlap(patternTokens("arn:aws:kms:us-east-1:111122223333:key/a:b"), format))
	require.False(t, tokensOverlap(patternTokens("arn:aws:kms:us-east-1:x:111122223333:key/a"), format))
	require.True(t, tokensOverlap(patternTokens("arn:aws:*"), format))
	require.False(t, tokensOverlap(patternTokens("arn:aws:s3:*"), format))
}

func TestCatalogResourceTypesOfSearchesEveryService(t *testing.T) {
	c := Default()
	var got []string
	for _, rt := range c.ResourceTypesOf("arn:aws:kms:us-west-2:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab") {
		got = append(got, rt.String())
	}
	// EventBridge and Kinesis define types of their own for KMS keys.
	require.Equal(t, []string{"events:key", "kinesis:kmsKey", "kms:key"}, got)
	got = nil
	for _, rt := range c.ResourceTypesOf("arn:aws:cloudhsm:us-east-1:111122223333:cluster/cluster-igklspoyj5v") {
		got = append(got, rt.String())
	}
	require.Equal(t, []string{"cloudhsm:cluster"}, got)
	require.Empty(t, c.ResourceTypesOf("not an ARN"))
	require.Empty(t, c.ResourceTypesOf("arn:aws:nosuchservice:us-east-1:111122223333:thing/1"))
}

// Resource types compile their matchers on first use; concurrent first
// uses must agree (run with -race to check the synchronisation).
func TestResourceTypesCompileOnceUnderConcurrentUse(t *testing.T) {
	c, err := Load(bytes.NewReader(embedded))
	require.NoError(t, err)
	kms, _ := c.Service("kms")
	key, _ := kms.ResourceType("key")
	var wg sync.WaitGroup
	results := make([]bool, 8)
	for i := range results {
		wg.Add(1)
		go func() {
			defer wg.Done()
			results[i] = key.Matches(keyARN) && key.Overlaps("arn:aws:kms:*:111122223333:key/*")
		}()
	}
	wg.Wait()
	require.Equal(t, []bool{true, true, true, true, true, true, true, true}, results)
}
