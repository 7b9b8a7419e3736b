package difftest

import (
	"encoding/json"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"
)

func TestGeneratorIsDeterministicForASeed(t *testing.T) {
	a := NewGenerator(7).Cases(300)
	b := NewGenerator(7).Cases(300)
	if diff := cmp.Diff(a, b); diff != "" {
		t.Fatalf("same seed gave different cases (-first +second):\n%s", diff)
	}
	c := NewGenerator(8).Cases(300)
	require.NotEqual(t, a, c, "different seeds gave the same cases")
}

func TestGeneratedCasesAreWellFormed(t *testing.T) {
	cases := NewGenerator(1).Cases(3000)
	known := map[string]action{}
	for _, a := range actions {
		known[a.name] = a
	}
	ids := map[string]bool{}
	for i := range cases {
		c := &cases[i]
		t.Run(c.ID, func(t *testing.T) {
			require.False(t, ids[c.ID], "duplicate id")
			ids[c.ID] = true
			require.True(t, sort.StringsAreSorted(c.Tags), "tags not sorted: %v", c.Tags)
			a, ok := known[c.Request.Action]
			require.True(t, ok, "unknown action %s", c.Request.Action)
			if a.res == resNone {
				require.Equal(t, "*", c.Request.Resource)
			} else {
				if c.Request.ResourceAccount != "" {
					require.Contains(t, c.Request.Resource, ":"+c.Request.ResourceAccount+":", "resource must belong to ResourceAccount")
				}
			}
			for _, k := range c.Request.MultiValued {
				_, ok := c.Request.Context[k]
				require.True(t, ok, "multivalued key %s not in the context", k)
			}
			for k, v := range c.Request.Context {
				if !contains(c.Request.MultiValued, k) {
					require.Len(t, v, 1, "single-valued key %s", k)
				}
			}
			service := !strings.HasPrefix(c.Request.Principal, "arn:")
			if service {
				require.Empty(t, c.Policies.Identity, "a service principal has no identity policies")
				require.Empty(t, c.Policies.SCPs, "SCPs do not apply to service principals")
			}
			if c.Policies.Session != "" {
				require.Contains(t, c.Request.Principal, ":assumed-role/", "only role sessions have session policies")
			}
			all := append(append([]string{}, c.Policies.Identity...), c.Policies.Boundary, c.Policies.Session, c.Policies.Resource)
			for _, l := range c.Policies.SCPs {
				all = append(all, l...)
			}
			for _, l := range c.Policies.RCPs {
				for _, d := range l {
					st := statements(t, d)
					for _, s := range st {
						require.Equal(t, "Deny", s["Effect"], "custom RCPs only deny")
						require.NotEqual(t, "*", s["Action"], "RCPs may not use Action *")
						require.Equal(t, "*", s["Principal"])
					}
				}
			}
			for _, d := range all {
				if d != "" {
					statements(t, d)
				}
			}
			if strings.HasPrefix(c.Request.Action, "sts:") && c.Request.Resource != "*" {
				require.NotEmpty(t, c.Policies.Resource, "every role has a trust policy")
				for _, s := range statements(t, c.Policies.Resource) {
					require.NotContains(t, s, "Resource", "trust policies have no Resource")
				}
			}
		})
	}
}

// statements parses a policy text and returns its statements.
func statements(t *testing.T, text string) []map[string]any {
	t.Helper()
	var d map[string]any
	require.NoError(t, json.Unmarshal([]byte(text), &d), text)
	switch s := d["Statement"].(type) {
	case map[string]any:
		return []map[string]any{s}
	case []any:
		var out []map[string]any
		for _, x := range s {
			m, ok := x.(map[string]any)
			require.True(t, ok, "statement is not an object: %s", text)
			out = append(out, m)
		}
		require.NotEmpty(t, out, text)
		return out
	}
	t.Fatalf("no Statement in %s", text)
	return nil
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func TestGeneratorCoversEveryFeatureAndDeviationTag(t *testing.T) {
	seen := map[string]bool{}
	for _, c := range NewGenerator(1).Cases(5000) {
		for _, tag := range c.Tags {
			seen[tag] = true
		}
	}
	want := []string{
		"op:StringEquals", "op:StringNotEquals", "op:StringEqualsIgnoreCase", "op:StringNotEqualsIgnoreCase",
		"op:StringLike", "op:StringNotLike", "op:NumericEquals", "op:NumericNotEquals", "op:NumericLessThan",
		"op:NumericLessThanEquals", "op:NumericGreaterThan", "op:NumericGreaterThanEquals", "op:DateEquals",
		"op:DateNotEquals", "op:DateLessThan", "op:DateLessThanEquals", "op:DateGreaterThan",
		"op:DateGreaterThanEquals", "op:Bool", "op:BinaryEquals", "op:IpAddress", "op:NotIpAddress",
		"op:ArnEquals", "op:ArnLike", "op:ArnNotEquals", "op:ArnNotLike", "op:Null",
		"IfExists", "set:ForAllValues", "set:ForAnyValue", "nor", "empty-set", "condition-variable",
		"resource-variable", "not-action", "not-resource", "not-principal", "principal-star",
		"policy:identity", "policy:boundary", "policy:session", "policy:resource", "policy:scp", "policy:rcp",
		"key-policy", "no-key-policy", "trust-policy", "cross-account", "action-quest", "action-case", "key-case", "json-number", "no-resource-account",
		"principal:user", "principal:session", "principal:root", "principal:service",
		"service:kms", "service:cloudhsm", "service:ec2", "service:iam", "service:sts",
	}
	ds, err := LoadDeviations("testdata/deviations.json")
	require.NoError(t, err)
	for _, d := range ds {
		if !slices.Contains(d.Tags, "source:managed") && d.ID != "resource-wildcard-in-resource-type" {
			want = append(want, d.Tags...)
		}
	}
	for _, tag := range want {
		require.True(t, seen[tag], "5,000 cases never carry tag %q", tag)
	}
}

// The deviations that only cases built from AWS managed policies meet are
// met by them: their tags occur in real cases from the fixture corpus or
// are attached where such a case exercises the feature.
func TestRealCasesCarryTheirDeviationTags(t *testing.T) {
	require.True(t, typeWildcard("arn:aws:wafv2:*:*:*/webacl/*/*"), "resource-wildcard-in-type is tagged on AWS's own patterns")
	seen := map[string]bool{}
	for _, c := range RealCases(fixtureCorpus(t), 1, 500) {
		for _, tag := range c.Tags {
			seen[tag] = true
		}
	}
	require.True(t, seen["source:managed"])
	require.True(t, seen["resource-wildcard-in-type"], "MiddleSecurityGroups names security-group*/*")
}
