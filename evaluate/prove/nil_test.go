package prove

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cksiam/cksiam/evaluate"
	"github.com/cksiam/cksiam/policy"
)

// A nil document or a nil *Open is bad input, answered with ErrInput,
// never a panic.
func TestNilInputIsAnInputErrorNotAPanic(t *testing.T) {
	nilDoc := []*policy.Document{nil}
	for _, tc := range []struct {
		name  string
		where string
		ask   func() error
	}{
		{"a nil identity document of the new side", "Identity[0]", func() error {
			_, err := NoNewAccessPolicies(evaluate.Policies{}, evaluate.Policies{Identity: nilDoc})
			return err
		}},
		{"a nil identity document of the old side", "Identity[0]", func() error {
			_, err := NoNewAccessPolicies(evaluate.Policies{Identity: nilDoc}, evaluate.Policies{})
			return err
		}},
		{"a nil SCP of a level", "SCPs[0][0]", func() error {
			_, err := AccessNotGrantedPolicies(evaluate.Policies{SCPs: [][]*policy.Document{nilDoc}}, nil, nil)
			return err
		}},
		{"a nil RCP of a level", "RCPs[1][0]", func() error {
			_, err := NoExternalAccessPolicies(evaluate.Policies{RCPs: [][]*policy.Document{{}, nilDoc}}, "111122223333")
			return err
		}},
		{"a nil Open", "nil Open", func() error {
			var op *Open
			_, err := op.Decide(Question{})
			return err
		}},
	} {
		t.Run(tc.name+" is refused as input", func(t *testing.T) {
			err := tc.ask()
			require.ErrorIs(t, err, ErrInput)
			require.Contains(t, err.Error(), tc.where)
		})
	}
}
