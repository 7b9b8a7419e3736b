package difftest

import (
	"testing"

	"github.com/stretchr/testify/require"
)

func TestSegmentPatternOnlyRewritesAStarThatCrossesRegionAndAccount(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"a star for region and account becomes two segments", "arn:aws:kms:*:key/1234", "arn:aws:kms:*:*:key/1234"},
		{"a region prefix keeps its prefix", "arn:aws:kms:us-*:key/1234", "arn:aws:kms:us-*:*:key/1234"},
		{"an IAM ARN (empty region) is rewritten the same way", "arn:aws:iam:*:role/KeyAdmin", "arn:aws:iam:*:*:role/KeyAdmin"},
		{"a six-part pattern is left alone", "arn:aws:kms:*:111111111111:key/*", "arn:aws:kms:*:111111111111:key/*"},
		{"a star inside the last part is left alone", "arn:aws:kms:*:key/*", "arn:aws:kms:*:key/*"},
		{"a bare star is left alone", "*", "*"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			require.Equal(t, tt.want, segmentPattern(tt.in))
		})
	}
}

func TestEpochToISO(t *testing.T) {
	require.Equal(t, "2026-01-01T00:00:00Z", epochToISO("1767225600"))
	require.Equal(t, "2026-01-01T00:00:00Z", epochToISO("2026-01-01T00:00:00Z"))
	require.Equal(t, "99999999999999999999999", epochToISO("99999999999999999999999"), "out of range stays as written")
}

func TestOracleViewRewritesOnlyTaggedCases(t *testing.T) {
	ds := []Deviation{
		{ID: "seg", Tags: []string{"resource-star-colon"}, Rewrite: "resource-segments", Rule: "r", Reason: "r"},
		{ID: "date", Tags: []string{"date-epoch"}, Rewrite: "date-iso8601", Rule: "r", Reason: "r"},
	}
	doc := `{"Statement":[{"Action":"kms:*","Condition":{"DateGreaterThan":{"aws:CurrentTime":["1767225600","x"]},"NumericLessThan":{"aws:MultiFactorAuthAge":3600}},"Effect":"Allow","Resource":["arn:aws:kms:*:key/k","*"]}],"Version":"2012-10-17"}`
	c := Case{ID: "c", Tags: []string{"date-epoch", "resource-star-colon"}, Policies: Policies{
		Identity: []string{doc}, SCPs: [][]string{{doc}, {}},
	}}
	got, err := OracleView(c, ds)
	require.NoError(t, err)
	want := `{"Statement":[{"Action":"kms:*","Condition":{"DateGreaterThan":{"aws:CurrentTime":["2026-01-01T00:00:00Z","x"]},"NumericLessThan":{"aws:MultiFactorAuthAge":3600}},"Effect":"Allow","Resource":["arn:aws:kms:*:*:key/k","*"]}],"Version":"2012-10-17"}`
	require.Equal(t, []string{want}, got.Policies.Identity)
	require.Equal(t, [][]string{{want}, {}}, got.Policies.SCPs)
	require.Equal(t, []string{doc}, c.Policies.Identity, "the original case is not modified")

	c.Tags = []string{"date-epoch"}
	got, err = OracleView(c, ds)
	require.NoError(t, err)
	require.Contains(t, got.Policies.Identity[0], `"arn:aws:kms:*:key/k"`, "only the rewrites whose tags the case carries apply")
	require.Contains(t, got.Policies.Identity[0], "2026-01-01T00:00:00Z")

	c.Tags = nil
	got, err = OracleView(c, ds)
	require.NoError(t, err)
	require.Equal(t, c, got)
}

func TestADeviationWithARewriteExcusesNothing(t *testing.T) {
	d := Deviation{ID: "seg", Tags: []string{"t"}, Rewrite: "resource-segments", Rule: "r", Reason: "r"}
	c := &Case{Tags: []string{"t"}}
	require.True(t, d.Applies(c))
	require.False(t, d.Excuses(c, Allowed, ImplicitDeny))
	require.NoError(t, CheckDeviations([]Deviation{d}))
	d.Rewrite = "nope"
	require.ErrorContains(t, CheckDeviations([]Deviation{d}), "unknown rewrite")
}

func TestRootRewriteGivesTheOracleAFullAccessIdentityPolicy(t *testing.T) {
	ds := []Deviation{{ID: "root", Tags: []string{"root-caller"}, Rewrite: "root-full-access", Rule: "r", Reason: "r"}}
	c := Case{ID: "c", Tags: []string{"root-caller"}, Policies: Policies{Identity: []string{"{}"}}}
	got, err := OracleView(c, ds)
	require.NoError(t, err)
	require.Equal(t, []string{fullAccess, "{}"}, got.Policies.Identity)
	require.Equal(t, []string{"{}"}, c.Policies.Identity, "the original case is not modified")
	statements(t, fullAccess)
}

func TestEncryptionContextRewriteRenamesTheKeyInPoliciesAndRequest(t *testing.T) {
	ds := []Deviation{{ID: "ec", Tags: []string{"kms-encryption-context"}, Rewrite: "encryption-context-as-tag", Rule: "r", Reason: "r"}}
	doc := `{"Statement":[{"Action":"kms:Decrypt","Condition":{"StringEquals":{"Kms:encryptioncontext:Department":"finance","kms:CallerAccount":"1"}},"Effect":"Allow","Resource":"*"}],"Version":"2012-10-17"}`
	c := Case{ID: "c", Tags: []string{"kms-encryption-context"}, Policies: Policies{Identity: []string{doc}},
		Request: Request{Context: map[string][]string{"kms:EncryptionContext:Department": {"finance"}, "kms:CallerAccount": {"1"}}}}
	got, err := OracleView(c, ds)
	require.NoError(t, err)
	require.Equal(t, `{"Statement":[{"Action":"kms:Decrypt","Condition":{"StringEquals":{"aws:PrincipalTag/ec-Department":"finance","kms:CallerAccount":"1"}},"Effect":"Allow","Resource":"*"}],"Version":"2012-10-17"}`, got.Policies.Identity[0])
	require.Equal(t, map[string][]string{"aws:PrincipalTag/ec-Department": {"finance"}, "kms:CallerAccount": {"1"}}, got.Request.Context)
	require.Contains(t, c.Request.Context, "kms:EncryptionContext:Department", "the original case is not modified")
}

func TestNotPrincipalRewriteDropsOnlyTheCallersLevels(t *testing.T) {
	ds := []Deviation{{ID: "np", Tags: []string{"notprincipal-partial"}, Rewrite: "notprincipal-without-caller", Rule: "r", Reason: "r"}}
	kp := func(list string) string {
		return `{"Statement":[{"Action":"kms:*","Effect":"Deny","NotPrincipal":{"AWS":` + list + `},"Resource":"*"}],"Version":"2012-10-17"}`
	}
	session := Request{Principal: "arn:aws:sts::111111111111:assumed-role/KMSAdminRole/ci",
		Context: map[string][]string{"aws:PrincipalArn": {"arn:aws:iam::111111111111:role/admins/KMSAdminRole"}}}
	tests := []struct{ name, in, want string }{
		{"the account and the role are dropped, others kept",
			`["arn:aws:iam::111111111111:root","arn:aws:iam::111111111111:role/admins/KMSAdminRole","arn:aws:iam::222222222222:root"]`,
			`["arn:aws:iam::222222222222:root"]`},
		{"an account ID is dropped and an unrelated account stands in for the empty list",
			`"111111111111"`, `["arn:aws:iam::333333333333:root"]`},
		{"a list naming the whole chain is left alone",
			`["111111111111","arn:aws:iam::111111111111:role/admins/KMSAdminRole","arn:aws:sts::111111111111:assumed-role/KMSAdminRole/ci"]`,
			`["111111111111","arn:aws:iam::111111111111:role/admins/KMSAdminRole","arn:aws:sts::111111111111:assumed-role/KMSAdminRole/ci"]`},
		{"a list naming none of the chain is left alone",
			`["arn:aws:iam::222222222222:root"]`, `["arn:aws:iam::222222222222:root"]`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := Case{ID: "c", Tags: []string{"notprincipal-partial"}, Policies: Policies{Resource: kp(tt.in)}, Request: session}
			got, err := OracleView(c, ds)
			require.NoError(t, err)
			require.Equal(t, kp(tt.want), got.Policies.Resource)
		})
	}
}
