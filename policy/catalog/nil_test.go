package catalog

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cksiam/cksiam/policy"
)

// A nil *Catalog (a failed Load whose error was dropped) or a zero Catalog
// knows nothing: every look-up finds nothing and every check refuses the
// name, instead of panicking.
func TestANilOrZeroCatalogKnowsNothingAndDoesNotPanic(t *testing.T) {
	doc, err := policy.Parse([]byte(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"kms:Decrypt","Resource":"*",
		"Condition":{"StringEquals":{"kms:CallerAccount":"111122223333","aws:PrincipalAccount":"111122223333"}}}]}`))
	require.NoError(t, err)
	for name, c := range map[string]*Catalog{"nil": nil, "zero": {}} {
		t.Run("a "+name+" catalog finds nothing", func(t *testing.T) {
			_, ok := c.Service("kms")
			require.False(t, ok)
			_, ok = c.Action("kms:Decrypt")
			require.False(t, ok)
			_, ok = c.ConditionKey("aws:PrincipalAccount")
			require.False(t, ok)
			require.Empty(t, c.Services())
			require.Empty(t, c.Actions())
			require.Empty(t, c.GlobalConditionKeys())
			require.Empty(t, c.Expand("kms:*"))
			require.Empty(t, c.ResourceTypesOf("arn:aws:kms:us-west-2:111122223333:key/k"))
			require.Empty(t, c.Version())
			require.Empty(t, c.Source())
		})
		t.Run("a "+name+" catalog refuses every action and key as unknown", func(t *testing.T) {
			_, err := c.CheckAction("kms:Decrypt")
			require.True(t, errors.Is(err, ErrUnknownService), "%v", err)
			_, err = c.CheckConditionKey("aws:PrincipalAccount")
			require.True(t, errors.Is(err, ErrUnknownConditionKey), "%v", err)
			fs := c.Check(doc, policy.IdentityPolicy)
			require.NotEmpty(t, fs, "the action is unknown to it")
		})
	}
	t.Run("Load refuses a nil reader", func(t *testing.T) {
		_, err := Load(nil)
		require.ErrorIs(t, err, ErrFormat)
	})
}
