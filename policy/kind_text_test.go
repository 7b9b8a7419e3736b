package policy

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestFindingJSONNamesItsEnums(t *testing.T) {
	t.Run("a finding marshals with its severity by name", func(t *testing.T) {
		b, err := json.Marshal(Finding{Severity: SeverityError, Code: CodeMissingVersion, Path: "Statement[0]", Message: "m"})
		require.NoError(t, err)
		require.JSONEq(t, `{"severity":"ERROR","code":"MISSING_VERSION","path":"Statement[0]","message":"m"}`, string(b))
	})

	t.Run("every severity and kind round-trips by name", func(t *testing.T) {
		for s := SeverityError; s <= SeveritySuggestion; s++ {
			b, err := json.Marshal(s)
			require.NoError(t, err)
			require.Equal(t, `"`+s.String()+`"`, string(b))
			var back Severity
			require.NoError(t, json.Unmarshal(b, &back))
			require.Equal(t, s, back)
		}
		for k := IdentityPolicy; k <= RCP; k++ {
			b, err := json.Marshal(k)
			require.NoError(t, err)
			require.Equal(t, `"`+k.String()+`"`, string(b))
			var back Kind
			require.NoError(t, json.Unmarshal(b, &back))
			require.Equal(t, k, back)
		}
	})

	t.Run("a finding read back from JSON equals the original", func(t *testing.T) {
		in := []Finding{{Severity: SeveritySecurityWarning, Code: "C", Path: "", Message: "x"}}
		b, err := json.Marshal(in)
		require.NoError(t, err)
		var out []Finding
		require.NoError(t, json.Unmarshal(b, &out))
		require.Equal(t, in, out)
	})

	for _, tc := range []struct {
		name string
		val  any
	}{
		{"an undefined severity does not marshal as a number", Severity(0)},
		{"an out-of-range severity does not marshal", Severity(9)},
		{"an undefined kind does not marshal", Kind(0)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := json.Marshal(tc.val)
			require.Error(t, err)
		})
	}

	for _, tc := range []struct {
		name, text string
		into       any
	}{
		{"a severity in the wrong case is refused", `"error"`, new(Severity)},
		{"a number is not a severity", `1`, new(Severity)},
		{"an unknown kind name is refused", `"Identity"`, new(Kind)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			require.Error(t, json.Unmarshal([]byte(tc.text), tc.into))
		})
	}
	t.Run("an unknown name matches ErrUnknownName", func(t *testing.T) {
		var s Severity
		require.ErrorIs(t, s.UnmarshalText([]byte("FATAL")), ErrUnknownName)
	})
}
