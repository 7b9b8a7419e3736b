package value

import (
	"math/big"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestParseNumber(t *testing.T) {
	for _, tt := range []struct {
		name string
		in   string
		want string // canonical form; "" means refused
	}{
		{"an integer is a number", "10", "10"},
		{"a negative decimal is a number", "-2.5", "-2.5"},
		{"leading zeros are dropped", "007", "7"},
		{"trailing fraction zeros are dropped", "1.500", "1.5"},
		{"minus zero is zero", "-0.000", "0"},
		{"a long integer is kept exactly", "12345678901234567891", "12345678901234567891"},
		{"a plus sign is refused", "+5", ""},
		{"a leading dot is refused", ".5", ""},
		{"a trailing dot is refused", "5.", ""},
		{"an exponent is refused", "1e3", ""},
		{"a lone minus is refused", "-", ""},
		{"an empty text is refused", "", ""},
		{"spaces are refused", " 5", ""},
		{"two dots are refused", "1.2.3", ""},
		{"a wildcard is refused", "1*", ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			n, err := ParseNumber(tt.in)
			if tt.want == "" {
				require.ErrorIs(t, err, ErrNumber)
				return
			}
			require.NoError(t, err)
			require.Equal(t, tt.want, n.String())
		})
	}
}

func TestNumberCompare(t *testing.T) {
	for _, tt := range []struct {
		a, b string
		want int
	}{
		{"10", "10.0", 0}, {"9.99", "10", -1}, {"-1", "-2", 1}, {"-0.5", "0", -1}, {"0.45", "0.5", -1},
		{"12345678901234567890", "12345678901234567891", -1}, {"-10", "-9.5", -1}, {"100", "99.999", 1},
	} {
		t.Run(tt.a+" against "+tt.b, func(t *testing.T) {
			a, b := mustNumber(t, tt.a), mustNumber(t, tt.b)
			require.Equal(t, tt.want, a.Compare(b))
			require.Equal(t, -tt.want, b.Compare(a))
			require.Equal(t, tt.want == 0, a == b, "== is numeric equality")
		})
	}
}

func TestNumberBetweenPrefersFewDigits(t *testing.T) {
	for _, tt := range []struct{ a, b, want string }{
		{"1", "4", "2"}, {"1", "2", "1.5"}, {"0.1", "0.2", "0.15"}, {"-1", "1", "0"},
		{"-2", "-1", "-1.5"}, {"1.99", "2.01", "2"}, {"5", "3", "4"}, {"0", "0.001", "0.0005"},
	} {
		t.Run("between "+tt.a+" and "+tt.b+" lies "+tt.want, func(t *testing.T) {
			require.Equal(t, tt.want, mustNumber(t, tt.a).Between(mustNumber(t, tt.b)).String())
		})
	}
	t.Run("Above and Below step by one", func(t *testing.T) {
		require.Equal(t, "3.25", mustNumber(t, "2.25").Above().String())
		require.Equal(t, "-0.75", mustNumber(t, "0.25").Below().String())
	})
}

func mustNumber(t testing.TB, s string) Number {
	n, err := ParseNumber(s)
	require.NoError(t, err)
	return n
}

// ratOf is the slow twin of ParseNumber: big.Rat reads the same grammar
// once the signs and forms Numbers refuse are ruled out.
func ratOf(s string) (*big.Rat, bool) {
	if s == "" || s[0] == '+' || s[0] == '.' || s[len(s)-1] == '.' {
		return nil, false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; !(c >= '0' && c <= '9' || c == '.' || c == '-' && i == 0) {
			return nil, false
		}
	}
	if len(s) > 1 && s[0] == '-' && s[1] == '.' {
		return nil, false
	}
	return new(big.Rat).SetString(s)
}

func FuzzNumber(f *testing.F) {
	for _, s := range []string{"10", "-2.5", "007", "1.500", "-0", "+5", ".5", "5.", "1e3", "0.1", "99.999"} {
		f.Add(s, "1")
	}
	f.Fuzz(func(t *testing.T, a, b string) {
		na, errA := ParseNumber(a)
		ra, okA := ratOf(a)
		require.Equal(t, okA, errA == nil, "ParseNumber(%q) and big.Rat disagree", a)
		if errA != nil {
			return
		}
		back, err := ParseNumber(na.String())
		require.NoError(t, err)
		require.Equal(t, na, back, "String is a fixed point")
		nb, errB := ParseNumber(b)
		rb, _ := ratOf(b)
		if errB != nil {
			return
		}
		require.Equal(t, ra.Cmp(rb), na.Compare(nb), "Compare(%q, %q)", a, b)
		if na != nb {
			m := na.Between(nb)
			lo, hi := na, nb
			if lo.Compare(hi) > 0 {
				lo, hi = hi, lo
			}
			require.True(t, lo.Compare(m) < 0 && m.Compare(hi) < 0, "%s lies strictly between %s and %s", m, lo, hi)
		}
		require.Equal(t, 1, na.Above().Compare(na))
		require.Equal(t, -1, na.Below().Compare(na))
	})
}
