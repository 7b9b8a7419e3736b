package catalog_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/cksiam/cksiam/policy/catalog"
	"github.com/stretchr/testify/require"
)

func TestCheckActionRefusesWhatTheCatalogDoesNotKnow(t *testing.T) {
	c := catalog.Default()
	cases := []struct {
		name       string
		action     string
		want       string // the action found, "" when refused
		err        error
		suggestion string
	}{
		{"a known action is found ignoring case", "KMS:decrypt", "kms:Decrypt", nil, ""},
		{"a typo in the action name is refused with the action meant", "kms:Decrpyt", "", catalog.ErrUnknownAction, "kms:Decrypt"},
		{"a typo in the service prefix is refused with the action meant", "kmss:Decrypt", "", catalog.ErrUnknownService, "kms:Decrypt"},
		{"an action far from every name is refused without a suggestion", "kms:Xyzzyplughfrobnicate", "", catalog.ErrUnknownAction, ""},
		{"a wildcard is not one action", "kms:Get*", "", catalog.ErrNotOneAction, ""},
		{"a name without a service prefix is not one action", "Decrypt", "", catalog.ErrNotOneAction, ""},
		{"an empty name is not one action", "", "", catalog.ErrNotOneAction, ""},
		{"a name with two colons is not one action", "kms:De:crypt", "", catalog.ErrNotOneAction, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			a, err := c.CheckAction(tc.action)
			if tc.err == nil {
				require.NoError(t, err)
				require.Equal(t, tc.want, a.FullName())
				return
			}
			require.Nil(t, a)
			require.ErrorIs(t, err, tc.err)
			var ae *catalog.ActionError
			require.ErrorAs(t, err, &ae)
			require.Equal(t, tc.suggestion, ae.Suggestion)
			if tc.suggestion != "" {
				require.Contains(t, err.Error(), `did you mean "`+tc.suggestion+`"?`)
			} else {
				require.NotContains(t, err.Error(), "did you mean")
			}
		})
	}
}

func TestCheckActionIsCheapOnHugeNames(t *testing.T) {
	// A name far longer than any action is refused without comparing it
	// character by character with every name (the distance stops at the
	// length difference).
	_, err := catalog.Default().CheckAction("kms:" + strings.Repeat("A", 1<<20))
	require.True(t, errors.Is(err, catalog.ErrUnknownAction))
	require.Less(t, len(err.Error()), 400, "the message does not embed the whole name")
}
