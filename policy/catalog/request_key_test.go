package catalog

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestCheckConditionKey(t *testing.T) {
	c := Default()
	for _, tc := range []struct {
		name, key string
		known     bool
		suggest   string
	}{
		{"a service key is found ignoring case", "KMS:viaservice", true, ""},
		{"a global key is found", "aws:SourceVpc", true, ""},
		{"a templated key is found by its filled name", "kms:EncryptionContext:Department", true, ""},
		{"a misspelt service key suggests the key meant", "kms:ViaServic", false, "kms:ViaService"},
		{"a misspelt global key suggests the key meant", "aws:SourceVcp", false, "aws:SourceVpc"},
		{"a key of an identity provider is unknown, with no suggestion", "token.actions.githubusercontent.com:sub", false, ""},
		{"a key far from every known key has no suggestion", "kms:SomethingElseEntirely", false, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			k, err := c.CheckConditionKey(tc.key)
			if tc.known {
				require.NoError(t, err)
				require.NotNil(t, k)
				return
			}
			require.Nil(t, k)
			require.True(t, errors.Is(err, ErrUnknownConditionKey))
			var ke *ConditionKeyError
			require.ErrorAs(t, err, &ke)
			require.Equal(t, tc.key, ke.Key)
			require.Equal(t, tc.suggest, ke.Suggestion)
			if tc.suggest != "" {
				require.Contains(t, err.Error(), `did you mean "`+tc.suggest+`"?`)
			}
		})
	}
}
