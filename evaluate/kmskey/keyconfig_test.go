package kmskey_test

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"

	"github.com/cksiam/cksiam/evaluate"
	"github.com/cksiam/cksiam/evaluate/kmskey"
)

// KmsKeyConfiguration and KmsGrantConfiguration as
// docs.aws.amazon.com/access-analyzer/latest/APIReference/API_KmsKeyConfiguration.html
// and API_KmsGrantConfiguration.html describe them.
func TestReadKeyConfigurationReadsPolicyAndGrants(t *testing.T) {
	cfg, err := kmskey.ReadKeyConfiguration(read(t, "key-configuration.json"))
	require.NoError(t, err)
	require.NotNil(t, cfg.KeyPolicy, "keyPolicies.default is the key policy")
	require.Equal(t, "Enable IAM User Permissions", cfg.KeyPolicy.Statement[0].Sid)
	require.Contains(t, string(cfg.KeyPolicyText), `"Action":"kms:*"`)
	require.Empty(t, cfg.KeyArn)
	want := []evaluate.Grant{{
		GrantId:           "grants[0]",
		GranteePrincipal:  "arn:aws:iam::444455556666:role/ExampleRole",
		RetiringPrincipal: "arn:aws:iam::111122223333:role/KeyAdmin",
		IssuingAccount:    "111122223333",
		Operations:        []string{"Decrypt", "Encrypt", "GenerateDataKey", "DescribeKey"},
		Constraints:       &evaluate.GrantConstraints{EncryptionContextEquals: map[string]string{"Department": "IT"}},
	}, {
		GrantId:          "grants[1]",
		GranteePrincipal: "arn:aws:iam::111122223333:user/alice",
		IssuingAccount:   "arn:aws:iam::111122223333:root",
		Operations:       []string{"Sign"},
		// "An empty map is treated as not specified" (KmsGrantConstraints).
	}}
	if d := cmp.Diff(want, cfg.Grants); d != "" {
		t.Fatalf("grants (-want +got):\n%s", d)
	}
}

func TestReadKeyConfigurationGrantsDecideAsGrants(t *testing.T) {
	cfg, err := kmskey.ReadKeyConfiguration(read(t, "key-configuration.json"))
	require.NoError(t, err)
	ev, err := evaluate.Compile(evaluate.Policies{Resource: cfg.KeyPolicy, Grants: cfg.Grants})
	require.NoError(t, err)
	key := "arn:aws:kms:us-west-2:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
	for _, c := range []struct {
		name string
		ec   map[string]string
		want evaluate.Decision
	}{
		{"the grant's encryption context lets the other account's role decrypt", map[string]string{"department": "IT"}, evaluate.Allowed},
		{"another encryption context does not", map[string]string{"Department": "HR"}, evaluate.ImplicitDeny},
	} {
		t.Run(c.name, func(t *testing.T) {
			res, err := ev.Evaluate(evaluate.Request{Principal: "arn:aws:sts::444455556666:assumed-role/ExampleRole/s", Action: "kms:Decrypt", Resource: key, EncryptionContext: c.ec})
			require.NoError(t, err)
			require.Equal(t, c.want, res.Decision, res.Reason)
			if c.want == evaluate.Allowed {
				require.Equal(t, "grants[0]", res.GrantId, "a grant configuration is named by its JSON path")
			}
		})
	}
}

func TestReadKeyConfigurationReadsAnAccessPreviewConfigurationsMap(t *testing.T) {
	cfg, err := kmskey.ReadKeyConfiguration(read(t, "access-preview-configurations.json"))
	require.NoError(t, err)
	key := "arn:aws:kms:us-west-2:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
	require.Equal(t, key, cfg.KeyArn)
	require.Nil(t, cfg.KeyPolicy, "no keyPolicies: Access Analyzer would use the key's own")
	require.Len(t, cfg.Grants, 1)
	require.Equal(t, key, cfg.Grants[0].KeyId, "the grants are on the key the map names")
	require.Equal(t, "grants[0]", cfg.Grants[0].GrantId)
}

func TestReadKeyConfigurationTellsAbsentGrantsFromNone(t *testing.T) {
	cfg, err := kmskey.ReadKeyConfiguration([]byte(`{"keyPolicies":{"default":"{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"kms:*\",\"Resource\":\"*\"}]}"}}`))
	require.NoError(t, err)
	require.Nil(t, cfg.Grants, "without grants Access Analyzer uses the existing grants: unknown here")
	cfg, err = kmskey.ReadKeyConfiguration([]byte(`{"grants":[]}`))
	require.NoError(t, err)
	require.NotNil(t, cfg.Grants, "an empty list proposes no grants")
	require.Empty(t, cfg.Grants)
}

func TestReadKeyConfigurationRefusesWhatItCannotReadFaithfully(t *testing.T) {
	grant := func(members string) string {
		return `{"grants":[{"operations":["Decrypt"],"granteePrincipal":"arn:aws:iam::111122223333:user/u","issuingAccount":"111122223333"` + members + `}]}`
	}
	for _, c := range []struct {
		name, text, path, reason string
	}{
		{"an unknown member of a grant", grant(`,"granteeServicePrincipal":"s3.amazonaws.com"`), "grants[0].granteeServicePrincipal", "not a member"},
		{"an unknown constraint", grant(`,"constraints":{"sourceArn":"arn:aws:s3:::b"}`), "grants[0].constraints.sourceArn", "not a member"},
		{"a member spelled as list-grants spells it", `{"grants":[{"Operations":["Decrypt"]}]}`, "grants[0].Operations", "not a member"},
		{"an unknown top-level member", `{"keyPolicy":"{}"}`, "keyPolicy", "not a member"},
		{"both constraint types", grant(`,"constraints":{"encryptionContextEquals":{"a":"1"},"encryptionContextSubset":{"b":"2"}}`), "grants[0].constraints", "only one type"},
		{"a missing grantee", `{"grants":[{"operations":["Decrypt"],"issuingAccount":"111122223333"}]}`, "grants[0].granteePrincipal", "missing"},
		{"a missing issuing account", `{"grants":[{"operations":["Decrypt"],"granteePrincipal":"arn:aws:iam::111122223333:user/u"}]}`, "grants[0].issuingAccount", "missing"},
		{"missing operations", `{"grants":[{"granteePrincipal":"arn:aws:iam::111122223333:user/u","issuingAccount":"111122223333"}]}`, "grants[0].operations", "missing"},
		{"no operations", `{"grants":[{"operations":[],"granteePrincipal":"arn:aws:iam::111122223333:user/u","issuingAccount":"111122223333"}]}`, "grants[0].operations", "at least one"},
		{"an operation Access Analyzer does not list", `{"grants":[{"operations":["Decrypt","GenerateMac"],"granteePrincipal":"arn:aws:iam::111122223333:user/u","issuingAccount":"111122223333"}]}`, "grants[0].operations[1]", "GenerateMac"},
		{"an operation in the wrong case", `{"grants":[{"operations":["decrypt"],"granteePrincipal":"arn:aws:iam::111122223333:user/u","issuingAccount":"111122223333"}]}`, "grants[0].operations[0]", "decrypt"},
		{"an issuing account that is not one", `{"grants":[{"operations":["Decrypt"],"granteePrincipal":"arn:aws:iam::111122223333:user/u","issuingAccount":"arn:aws:iam::111122223333:user/u"}]}`, "grants[0].issuingAccount", "account"},
		{"an empty retiring principal", grant(`,"retiringPrincipal":""`), "grants[0].retiringPrincipal", "empty"},
		{"a key policy not named default", `{"keyPolicies":{"main":"{}"}}`, "keyPolicies.main", `"default"`},
		{"an empty key policy", `{"keyPolicies":{"default":""}}`, "keyPolicies.default", "empty"},
		{"a key policy given as an object", `{"keyPolicies":{"default":{"Version":"2012-10-17"}}}`, "keyPolicies.default", "JSON text"},
		{"a key policy that is not a policy", `{"keyPolicies":{"default":"{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\"}]}"}}`, "keyPolicies.default", "not a policy"},
		{"a configurations map naming two resources", `{"arn:aws:kms:us-west-2:111122223333:key/a":{"kmsKey":{}},"arn:aws:kms:us-west-2:111122223333:key/b":{"kmsKey":{}}}`, "", "one KMS key"},
		{"a configurations map naming a bucket", `{"arn:aws:s3:::bucket":{"s3Bucket":{}}}`, "arn:aws:s3:::bucket", "KMS key ARN"},
		{"a configuration of another resource type", `{"arn:aws:kms:us-west-2:111122223333:key/a":{"s3Bucket":{}}}`, "arn:aws:kms:us-west-2:111122223333:key/a.s3Bucket", "not a member"},
		{"two JSON values", `{} {}`, "", "one JSON object"},
		{"list-grants output", `{"Grants":[]}`, "Grants", "not a member"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := kmskey.ReadKeyConfiguration([]byte(c.text))
			require.Error(t, err)
			var e *kmskey.Error
			require.True(t, errors.As(err, &e), "%T %v", err, err)
			require.Equal(t, c.path, e.Path, err.Error())
			require.Contains(t, e.Reason, c.reason)
			require.ErrorIs(t, err, kmskey.ErrInvalid)
		})
	}
}

func TestReadKeyConfigurationRefusesMalformedJSON(t *testing.T) {
	_, err := kmskey.ReadKeyConfiguration([]byte(`{"grants": [`))
	require.ErrorIs(t, err, kmskey.ErrSyntax)
}

func TestReadGrantsFileTellsTheFormatsApart(t *testing.T) {
	for _, c := range []struct {
		name, file string
		config     bool
		n          int
	}{
		{"list-grants output", "list-grants-dynamodb.json", false, 1},
		{"pages of list-grants output", "list-grants-pages.json", false, 2},
		{"a key configuration", "key-configuration.json", true, 2},
		{"an access preview's configurations", "access-preview-configurations.json", true, 1},
	} {
		t.Run(c.name, func(t *testing.T) {
			f, err := kmskey.ReadGrantsFile(read(t, c.file))
			require.NoError(t, err)
			require.Equal(t, c.config, f.Configuration != nil)
			require.Len(t, f.Grants, c.n)
		})
	}
	_, err := kmskey.ReadGrantsFile([]byte(`{"grants":[{"Operations":["Decrypt"]}]}`))
	require.ErrorIs(t, err, kmskey.ErrInvalid, "a key configuration is read strictly")
	_, err = kmskey.ReadGrantsFile([]byte(`{"Policy":"{}"}`))
	require.ErrorContains(t, err, "not list-grants output")
}
