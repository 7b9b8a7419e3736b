package policy

import (
	"testing"

	"github.com/stretchr/testify/require"
)

func TestPositiveUndoesNegationAndKeepsTheFamily(t *testing.T) {
	for b := StringEquals; b < numBaseOperators; b++ {
		t.Run(b.String()+" has a positive form of its own family that is not negated", func(t *testing.T) {
			p := b.Positive()
			require.False(t, p.Negated(), "%s.Positive() = %s", b, p)
			require.Equal(t, b.Family(), p.Family())
			if !b.Negated() {
				require.Equal(t, b, p, "a positive operator is its own positive form")
				return
			}
			require.NotEqual(t, b, p)
			// The negated spelling is the positive one with "Not" added:
			// StringNotLike / StringLike, NotIpAddress / IpAddress.
			require.Len(t, b.String(), len(p.String())+len("Not"))
		})
	}
}

func TestPositiveMapsEachNegatedOperator(t *testing.T) {
	for neg, pos := range map[BaseOperator]BaseOperator{
		StringNotEquals:           StringEquals,
		StringNotEqualsIgnoreCase: StringEqualsIgnoreCase,
		StringNotLike:             StringLike,
		NumericNotEquals:          NumericEquals,
		DateNotEquals:             DateEquals,
		NotIPAddress:              IPAddress,
		ArnNotEquals:              ArnEquals,
		ArnNotLike:                ArnLike,
	} {
		t.Run(neg.String()+" negates "+pos.String(), func(t *testing.T) {
			require.Equal(t, pos, neg.Positive())
		})
	}
}
