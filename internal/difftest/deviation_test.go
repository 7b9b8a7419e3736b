package difftest

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestDeviationApplies(t *testing.T) {
	c := &Case{ID: "c1", Tags: []string{"a", "b", "c"}}
	tests := []struct {
		name string
		dev  Deviation
		or   Decision
		us   Decision
		want bool
	}{
		{"a deviation applies when the case has all of its tags", Deviation{Tags: []string{"a", "c"}}, Allowed, ImplicitDeny, true},
		{"a deviation does not apply when one tag is missing", Deviation{Tags: []string{"a", "z"}}, Allowed, ImplicitDeny, false},
		{"a decision filter on the oracle side is honoured", Deviation{Tags: []string{"a"}, Oracle: []Decision{ImplicitDeny}}, Allowed, ImplicitDeny, false},
		{"a decision filter on our side is honoured", Deviation{Tags: []string{"a"}, Ours: []Decision{Allowed}}, ImplicitDeny, Allowed, true},
		{"both decision filters must hold", Deviation{Tags: []string{"a"}, Oracle: []Decision{ImplicitDeny}, Ours: []Decision{Allowed}}, ExplicitDeny, Allowed, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			require.Equal(t, tt.want, tt.dev.Excuses(c, tt.or, tt.us))
		})
	}
}

func TestCheckDeviationsRejectsIncompleteEntries(t *testing.T) {
	ok := Deviation{ID: "x", Tags: []string{"t"}, Rule: "aws-rules A.2", Reason: "wrong"}
	tests := []struct {
		name string
		ds   []Deviation
		msg  string
	}{
		{"an entry without an id is rejected", []Deviation{{Tags: []string{"t"}, Rule: "r", Reason: "r"}}, "missing id"},
		{"two entries with one id are rejected", []Deviation{ok, ok}, "duplicate id"},
		{"an entry without tags is rejected", []Deviation{{ID: "x", Rule: "r", Reason: "r"}}, "no tags"},
		{"an entry without a rule is rejected", []Deviation{{ID: "x", Tags: []string{"t"}, Reason: "r"}}, "missing rule"},
		{"an entry without a reason is rejected", []Deviation{{ID: "x", Tags: []string{"t"}, Rule: "r"}}, "missing reason"},
		{"an unknown decision is rejected", []Deviation{{ID: "x", Tags: []string{"t"}, Rule: "r", Reason: "r", Ours: []Decision{"deny"}}}, "unknown decision"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := CheckDeviations(tt.ds)
			require.Error(t, err)
			require.Contains(t, err.Error(), tt.msg)
		})
	}
	require.NoError(t, CheckDeviations([]Deviation{ok}))
}

func TestCheckedInDeviationsCiteAnAWSRule(t *testing.T) {
	ds, err := LoadDeviations("testdata/deviations.json")
	require.NoError(t, err)
	require.NotEmpty(t, ds)
	for _, d := range ds {
		t.Run(d.ID, func(t *testing.T) {
			require.Contains(t, d.Rule, "https://docs.aws.amazon.com/", "cite the AWS documentation")
			require.True(t, strings.Contains(d.Rule, "aws-rules "), "cite the section of docs/aws-rules.md")
		})
	}
}

func TestIgnoredKeysAreExcusedOnlyWhenADeviationExpectsThem(t *testing.T) {
	ds := []Deviation{{ID: "x", Tags: []string{"t"}, IgnoredKeys: []string{"kms:encryptioncontext:"}, Rule: "r", Reason: "r"}}
	require.True(t, ignoresKeys("", ds), "no note")
	require.True(t, ignoresKeys("ignored context keys: kms:EncryptionContext:Department", ds))
	require.False(t, ignoresKeys("ignored context keys: kms:EncryptionContext:Department,kms:ViaService", ds))
	require.False(t, ignoresKeys("wildcard simulation; ignored context keys: aws:SourceIp", ds))
}
