package difftest

import (
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"
)

var testManaged = []ManagedPolicy{
	{Name: "KMSUse", Document: `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["kms:Decrypt","kms:Encrypt"],"Resource":"*"}]}`},
	{Name: "EC2Read", Document: `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"ec2:Describe*","Resource":"*"}]}`},
	{Name: "S3Read", Document: `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:Get*","Resource":"*"}]}`},
}

func TestWithoutManagedPoliciesTheCasesAreUnchanged(t *testing.T) {
	want := NewGenerator(3).Cases(200)
	got := NewGenerator(3).WithManagedPolicies(nil, 0.5).Cases(200)
	if diff := cmp.Diff(want, got); diff != "" {
		t.Fatalf("an empty pool changed the cases (-want +got):\n%s", diff)
	}
}

func TestManagedPoliciesAreAttachedToHumanCallers(t *testing.T) {
	cases := NewGenerator(3).WithManagedPolicies(testManaged, 0.5).Cases(1000)
	again := NewGenerator(3).WithManagedPolicies(testManaged, 0.5).Cases(1000)
	require.Empty(t, cmp.Diff(cases, again), "the same seed and pool must give the same cases")
	docs := map[string]string{}
	for _, m := range testManaged {
		docs[m.Document] = m.Name
	}
	with, fitting := 0, 0
	for _, c := range cases {
		var attached []string
		for _, d := range c.Policies.Identity {
			if name, ok := docs[d]; ok {
				attached = append(attached, name)
			}
		}
		require.Equal(t, len(attached) > 0, c.HasTag("managed-policy"), "case %s: tag and policies disagree", c.ID)
		if len(attached) == 0 {
			continue
		}
		with++
		require.True(t, strings.Contains(c.Request.Principal, ":user/") || strings.Contains(c.Request.Principal, ":assumed-role/"),
			"case %s: a managed policy attached to %s, which has no identity policies", c.ID, c.Request.Principal)
		if service(c.Request.Action) == "kms" || service(c.Request.Action) == "ec2" {
			want := map[string]string{"kms": "KMSUse", "ec2": "EC2Read"}[service(c.Request.Action)]
			require.Contains(t, attached, want, "case %s: the policy naming the request's service is attached", c.ID)
			fitting++
		}
	}
	require.InDelta(t, 0.5, float64(with)/float64(humanCases(cases)), 0.1, "about half the human callers get managed policies")
	require.Positive(t, fitting)
}

func humanCases(cases []Case) int {
	n := 0
	for _, c := range cases {
		if slices.Contains(c.Tags, "principal:user") || slices.Contains(c.Tags, "principal:session") {
			n++
		}
	}
	return n
}
