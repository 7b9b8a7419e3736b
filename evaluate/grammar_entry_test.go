package evaluate

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cksiam/cksiam/policy"
)

// TestAnUnreadableValueMarksOnlyItsOwnEntry: condition keys are open text,
// so a key may end in "[0]"; the unreadable value of the key
// "aws:MultiFactorAuthAge[0]" (path "...aws:MultiFactorAuthAge[0][0]")
// must not mark the entry "aws:MultiFactorAuthAge" unreadable too. Were it
// marked, that entry would evaluate as an error and the Deny would apply
// (fail closed) to a request its valid entry does not match — a decision
// that depends on what other entries of the statement hold, which the
// prover's proofs from the statements rely on not happening.
func TestAnUnreadableValueMarksOnlyItsOwnEntry(t *testing.T) {
	denyWith := func(c policy.Condition) *policy.Document {
		return &policy.Document{Version: policy.Version2012, Statement: []policy.Statement{
			{Effect: policy.Allow, Action: policy.List("s3:*"), Resource: policy.List("*")},
			{Effect: policy.Deny, Action: policy.List("s3:GetObject"), Resource: policy.List("*"), Condition: c},
		}}
	}
	valid := policy.Condition{}.With("NumericLessThan", "aws:MultiFactorAuthAge", "100")
	for _, tc := range []struct {
		name string
		cond policy.Condition
	}{
		{"a key named like a value of another key", valid.With("NumericLessThan", "aws:MultiFactorAuthAge[0]", "abc")},
		{"a key named like a value of another key, under another operator", valid.With("NumericGreaterThan", "aws:MultiFactorAuthAge[0]", "abc")},
		{"a key named like a value of another key, with two values", valid.With("NumericLessThan", "aws:MultiFactorAuthAge[1]", "5", "abc")},
	} {
		t.Run(tc.name+": the valid entry still decides", func(t *testing.T) {
			ev, err := Compile(Policies{Identity: []*policy.Document{denyWith(tc.cond)}})
			require.NoError(t, err)
			r := Request{Principal: alice, Action: "s3:GetObject", Resource: "arn:aws:s3:::bucket/x",
				Context: Context{"aws:MultiFactorAuthAge": {"5000"}}}
			d, err := ev.Decide(r)
			require.NoError(t, err)
			require.Equal(t, Allowed, d, "MultiFactorAuthAge 5000 is not less than 100, so the Deny does not apply")
			r.Context["aws:MultiFactorAuthAge"] = []string{"10"}
			d, err = ev.Decide(r)
			require.NoError(t, err)
			require.Equal(t, ExplicitDeny, d, "10 < 100 and the unreadable entry is an error: the Deny applies, fail closed")
		})
	}
}
