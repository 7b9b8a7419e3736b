package prove

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestIncluded(t *testing.T) {
	for _, c := range []struct {
		p, q string
		want bool
	}{
		{"arn:aws:s3:::b/a", "arn:aws:s3:::b/*", true},
		{"arn:aws:s3:::b/*", "arn:aws:s3:::b/a", false},
		{"arn:aws:s3:::b/*/x", "arn:aws:s3:::b/*", true},
		{"arn:aws:s3:::b/*", "arn:aws:s3:::b/*/x", false},
		{"arn:aws:ssm:*::document/AWSConfig-*", "arn:aws:ssm:*::document/AWS*", true},
		{"arn:aws:ssm:*::document/AWSConfig-*", "arn:aws:ssm:*::document/AWS-*", false},
		{"arn:aws:apigateway:*::/apis/*/cors", "arn:aws:apigateway:*::/apis/*/authorizers", false},
		{"arn:aws:apigateway:*::/apis/*/authorizers/*", "arn:aws:apigateway:*::/apis/*", true},
		{"a?c", "a*c", true},
		{"a*c", "a?c", false},
		{"a?c", "abc", false},
		{"a*b*c", "a*c", true},
		{"a*c", "a*b*c", false},
		{"ab*", "a*", true},
		{"*", "?*", false},
		{"?*", "*", true},
		{"??", "?*", true},
		{"x*", "*x*", true},
		{"*x", "x*", false},
	} {
		t.Run(fmt.Sprintf("%s is included in %s: %v", c.p, c.q, c.want), func(t *testing.T) {
			require.Equal(t, c.want, included(encode(c.p), encode(c.q)))
		})
	}
}

func TestProbesNeverRefuteAnInclusion(t *testing.T) {
	// Pairs where p is included in q: a probe is a member of p, so q must
	// hold it.
	for _, c := range [][2]string{
		{"a*b*c", "a*c"}, {"a?c", "a*c"}, {"??", "?*"}, {"x*", "*x*"}, {"*a*", "*"},
		{"arn:aws:s3:::b/*/x", "arn:aws:s3:::b/*"}, {"a*", "a*"}, {"a?", "a?"},
	} {
		require.False(t, probesRefute(encode(c[0]), encode(c[1])), "%q in %q", c[0], c[1])
	}
}

func TestResourceListsDifferingInLiteralsNeedNoConstruction(t *testing.T) {
	// 80 patterns that differ in their literal parts, as in AWS managed
	// policies listing SSM documents: each pair is told apart by a probe,
	// without building the product automaton of the two patterns.
	var encs []string
	for i := range 80 {
		encs = append(encs, encode(fmt.Sprintf("arn:aws:ssm:*::document/AWS%03d-*", i)))
	}
	before := inclusionConstructions.Load()
	out := withoutSubsumed(encs)
	require.Equal(t, encs, out)
	require.Zero(t, inclusionConstructions.Load()-before, "automaton constructions")

	// One pattern holding the others is found, and they are dropped.
	encs = append(encs, encode("arn:aws:ssm:*::document/AWS*"))
	require.Equal(t, []string{encode("arn:aws:ssm:*::document/AWS*")}, withoutSubsumed(encs))
}
