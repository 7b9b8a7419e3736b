package snapshot

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cksiam/cksiam/policy"
)

// A nil Account (a failed Load whose error was dropped), Key, Principal or
// Report answers as an empty one, never with a panic; LoadFS refuses a
// nil file system.
func TestNilValuesAnswerAsEmptyOnes(t *testing.T) {
	var a *Account
	t.Run("a nil Account has no principals, keys or unreadable documents", func(t *testing.T) {
		require.Empty(t, a.Principals())
		require.Empty(t, a.Keys())
		_, ok := a.Principal("arn:aws:iam::111122223333:root")
		require.False(t, ok)
		_, ok = a.Key(testKeyID)
		require.False(t, ok)
		_, ok = a.Unreadable(&policy.Document{})
		require.False(t, ok)
		require.Empty(t, a.CompileOptions())
		require.False(t, a.IsManagementAccount())
		_, err := a.WhoCan(testKeyID, nil)
		require.ErrorIs(t, err, ErrNoAccount)
	})
	t.Run("a nil Key or Principal implies no context keys", func(t *testing.T) {
		var k *Key
		var p *Principal
		require.Empty(t, k.Context())
		require.Empty(t, p.Context())
	})
	t.Run("a nil Report marshals as null", func(t *testing.T) {
		var r *Report
		b, err := json.Marshal(r)
		require.NoError(t, err)
		require.JSONEq(t, "null", string(b))
		b, err = r.MarshalJSON()
		require.NoError(t, err)
		require.Equal(t, "null", string(b))
	})
	t.Run("LoadFS refuses a nil file system", func(t *testing.T) {
		_, err := LoadFS(nil)
		require.ErrorIs(t, err, ErrMalformed)
	})
}
