package roles

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cksiam/cksiam/evaluate"
)

// TestNilRole: a role constructor's error ignored leaves a nil *Role;
// every method answers with ErrNilRole or nothing, never a panic, and its
// verification is never OK.
func TestNilRole(t *testing.T) {
	var r *Role
	t.Run("Verify fails with ErrNilRole", func(t *testing.T) {
		v := r.Verify()
		require.False(t, v.Summary.OK())
		require.Len(t, v.Failures, 1)
		require.ErrorIs(t, v.Failures[0].Err, ErrNilRole)
	})
	t.Run("Document and Matrix are empty", func(t *testing.T) {
		require.Nil(t, r.Document())
		require.Nil(t, r.Matrix())
		require.Nil(t, r.ServiceLinked())
	})
	t.Run("the methods with an error return ErrNilRole", func(t *testing.T) {
		_, err := r.Audit(evaluate.Policies{}, "")
		require.ErrorIs(t, err, ErrNilRole)
		_, err = r.CreatePolicyInput()
		require.ErrorIs(t, err, ErrNilRole)
		_, err = r.CreateRoleInput()
		require.ErrorIs(t, err, ErrNilRole)
		_, err = r.PutRolePolicyInput("r")
		require.ErrorIs(t, err, ErrNilRole)
		_, err = r.TrustPolicy()
		require.ErrorIs(t, err, ErrNilRole)
		_, err = r.PutKeyPolicyInput("1234abcd-12ab-34cd-56ef-1234567890ab")
		require.ErrorIs(t, err, ErrNilRole)
		_, err = r.CreateKeyInput(NewKey{})
		require.ErrorIs(t, err, ErrNilRole)
	})
}

// TestSummaryOfNothingIsNotOK: a verification that asked about no
// intended request (a hand-built Role without permissions) showed nothing,
// so it is not OK.
func TestSummaryOfNothingIsNotOK(t *testing.T) {
	require.False(t, Summary{}.OK())
	require.True(t, Summary{Intended: 1, IntendedAllowed: 1}.OK())
	v := (&Role{Name: "Empty"}).Verify()
	require.Zero(t, v.Summary.Intended)
	require.False(t, v.Summary.OK())
}
