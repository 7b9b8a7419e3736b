package difftest

import (
	"testing"

	"github.com/stretchr/testify/require"
)

func TestCompareSortsEveryCase(t *testing.T) {
	cases := []Case{
		{ID: "agree"},
		{ID: "known", Tags: []string{"root-caller"}},
		{ID: "known-wrong-direction", Tags: []string{"root-caller"}},
		{ID: "unknown", Tags: []string{"other"}},
		{ID: "oracle-error"},
		{ID: "our-error"},
		{ID: "dropped-key"},
	}
	ds := []Deviation{{ID: "root", Tags: []string{"root-caller"}, Oracle: []Decision{ImplicitDeny}, Ours: []Decision{Allowed}, Rule: "r", Reason: "r"}}
	oracle := []Result{
		{ID: "agree", Decision: Allowed},
		{ID: "known", Decision: ImplicitDeny},
		{ID: "known-wrong-direction", Decision: Allowed},
		{ID: "unknown", Decision: ExplicitDeny},
		{ID: "oracle-error", Decision: Error, Detail: "policy.errors"},
		{ID: "our-error", Decision: Allowed},
		{ID: "dropped-key", Decision: Allowed, Detail: "ignored context keys: aws:SourceIp"},
	}
	ours := []Result{
		{ID: "agree", Decision: Allowed},
		{ID: "known", Decision: Allowed},
		{ID: "known-wrong-direction", Decision: ImplicitDeny},
		{ID: "unknown", Decision: Allowed},
		{ID: "oracle-error", Decision: Allowed},
		{ID: "our-error", Decision: Error, Detail: "parse"},
		{ID: "dropped-key", Decision: Allowed},
	}
	rep, err := Compare(cases, oracle, ours, ds)
	require.NoError(t, err)
	require.Equal(t, 1, rep.Agree)
	require.Len(t, rep.Known, 1)
	require.Equal(t, "known", rep.Known[0].Case.ID)
	require.Equal(t, "root", rep.Known[0].Deviation)
	var dis []string
	for _, o := range rep.Disagreements {
		dis = append(dis, o.Case.ID)
	}
	require.Equal(t, []string{"known-wrong-direction", "unknown", "oracle-error", "our-error", "dropped-key"}, dis)
	require.False(t, rep.OK())
	require.Equal(t, "difftest: 7 cases, 1 agree, 1 known deviations, 5 disagreements", rep.Summary())
	require.Equal(t, map[string]int{"root": 1}, rep.Hits)
	require.Contains(t, rep.Details(1), "DISAGREE known-wrong-direction")
	require.Contains(t, rep.Details(1), "... and 4 more disagreements")
}

func TestCompareRefusesIncompleteResults(t *testing.T) {
	cases := []Case{{ID: "a"}, {ID: "b"}}
	full := []Result{{ID: "a", Decision: Allowed}, {ID: "b", Decision: Allowed}}
	tests := []struct {
		name   string
		oracle []Result
		ours   []Result
		msg    string
	}{
		{"a missing oracle result is an error", full[:1], full, "oracle"},
		{"a missing result of ours is an error", full, full[:1], "ours"},
		{"a result decided twice is an error", append(full[:1:1], full[0], full[1]), full, "decided twice"},
		{"a result for another case is an error", []Result{{ID: "a"}, {ID: "z"}}, full, "no result for case"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Compare(cases, tt.oracle, tt.ours, nil)
			require.Error(t, err)
			require.Contains(t, err.Error(), tt.msg)
		})
	}
}

func TestAllAgreeingRunIsOK(t *testing.T) {
	cases := []Case{{ID: "a"}}
	rep, err := Compare(cases, []Result{{ID: "a", Decision: ExplicitDeny}}, []Result{{ID: "a", Decision: ExplicitDeny}}, nil)
	require.NoError(t, err)
	require.True(t, rep.OK())
	require.Equal(t, "difftest: 1 cases, 1 agree, 0 known deviations, 0 disagreements", rep.Summary())
}

func TestAnOracleErrorIsExcusedOnlyByAMatchingDeviation(t *testing.T) {
	cases := []Case{
		{ID: "refused-resource", Tags: []string{"source:managed"}},
		{ID: "other-error", Tags: []string{"source:managed"}},
		{ID: "generated", Tags: []string{"service:s3"}},
		{ID: "both-error", Tags: []string{"source:managed"}},
	}
	ds := []Deviation{{ID: "types", Tags: []string{"source:managed"}, OracleError: "resource.types", Rule: "r", Reason: "r"}}
	oracle := []Result{
		{ID: "refused-resource", Decision: Error, Detail: `{"message":"no.resource.types"}`},
		{ID: "other-error", Decision: Error, Detail: "Key value is not an array"},
		{ID: "generated", Decision: Error, Detail: `{"message":"no.resource.types"}`},
		{ID: "both-error", Decision: Error, Detail: `{"message":"no.resource.types"}`},
	}
	ours := []Result{
		{ID: "refused-resource", Decision: Allowed},
		{ID: "other-error", Decision: Allowed},
		{ID: "generated", Decision: Allowed},
		{ID: "both-error", Decision: Error},
	}
	rep, err := Compare(cases, oracle, ours, ds)
	require.NoError(t, err)
	require.Zero(t, rep.Agree, "an oracle error is never an agreement")
	require.Len(t, rep.Known, 1)
	require.Equal(t, "refused-resource", rep.Known[0].Case.ID)
	var dis []string
	for _, o := range rep.Disagreements {
		dis = append(dis, o.Case.ID)
	}
	require.Equal(t, []string{"other-error", "generated", "both-error"}, dis)
	require.False(t, ds[0].Excuses(&cases[0], Allowed, ImplicitDeny), "an OracleError deviation excuses no decision")
}
