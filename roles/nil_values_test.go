package roles

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cksiam/cksiam/evaluate/snapshot"
)

// Nil values a caller can be handed (ServiceLinked of another role, a
// report or account whose error was dropped) answer as nothing, or with an
// error, never with a panic.
func TestNilValuesAreErrorsOrNothingNotPanics(t *testing.T) {
	t.Run("auditing a nil snapshot account is snapshot.ErrNoAccount", func(t *testing.T) {
		_, err := AuditAccount(nil, Options{Account: "111122223333", Region: "us-west-2"})
		require.ErrorIs(t, err, snapshot.ErrNoAccount)
	})
	t.Run("a nil audit report is not OK and holds no excess request", func(t *testing.T) {
		var a *AuditReport
		require.False(t, a.OK())
		require.Zero(t, a.ExcessRequests())
	})
	t.Run("the ServiceLinked of a role that is none is nil, and its methods give nothing or ErrServiceLinkedRole", func(t *testing.T) {
		r, err := KeyUser(Options{Account: "111122223333", Region: "us-west-2"})
		require.NoError(t, err)
		s := r.ServiceLinked()
		require.Nil(t, s)
		require.Empty(t, s.ARN("aws", "111122223333"))
		require.Empty(t, s.PolicyARN("aws"))
		require.Nil(t, s.TrustPolicy())
		require.Nil(t, s.UpdateRoleDescriptionInput("x"))
		for name, f := range map[string]func() error{
			"CreateRoleInput":    func() error { _, err := s.CreateRoleInput(); return err },
			"RenameRoleInput":    func() error { _, err := s.RenameRoleInput("x"); return err },
			"PutRolePolicyInput": func() error { _, err := s.PutRolePolicyInput(); return err },
			"DeleteRoleInput":    func() error { _, err := s.DeleteRoleInput(); return err },
		} {
			err := f()
			require.True(t, errors.Is(err, ErrServiceLinkedRole), "%s: %v", name, err)
		}
	})
}
