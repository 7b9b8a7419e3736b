package ascii

import (
	"encoding/binary"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// Strings that exercise the case bit around the letters ('@' and '[' sit
// next to 'A' and 'Z', '`' and '{' next to 'a' and 'z'), bytes with the
// high bit set, and lengths below, at and above eight.
var samples = []string{
	"", "a", "A", "@[`{", "kms:Decrypt", "KMS:DECRYPT", "kms:decrypt", "aws:PrincipalTag/Team",
	"AWS:PRINCIPALTAG/TEAM", "\xc4\x80", "\xff\x80\xc1\xdb", "ABCDEFGH", "abcdefgh", "ABCDEFGHI",
	"K\u212a", "s3:GetObject", "s3:getobject ", "\x00\x01Z", strings.Repeat("AbC", 11),
}

func FuzzFold(f *testing.F) {
	for _, a := range samples {
		for _, b := range samples[:5] {
			f.Add(a, b)
		}
	}
	f.Fuzz(func(t *testing.T, a, b string) {
		require.Equal(t, toLowerSlow(a), ToLower(a), "ToLower(%q)", a)
		require.Equal(t, toLowerSlow(a), string(AppendLower(nil, a)), "AppendLower(%q)", a)
		require.Equal(t, equalFoldSlow(a, b), EqualFold(a, b), "EqualFold(%q, %q)", a, b)
		require.Equal(t, hasPrefixFoldSlow(a, b), HasPrefixFold(a, b), "HasPrefixFold(%q, %q)", a, b)
		require.Equal(t, compareFoldSlow(a, b), CompareFold(a, b), "CompareFold(%q, %q)", a, b)
		lb := toLowerSlow(b)
		require.Equal(t, equalFoldSlow(a, lb), EqualFoldLower(a, lb), "EqualFoldLower(%q, %q)", a, lb)
		if equalFoldSlow(a, b) {
			require.Equal(t, FoldHash(a), FoldHash(b), "FoldHash(%q) and FoldHash(%q) differ though the strings fold alike", a, b)
		}
		for i := 0; i < 256; i++ {
			require.Equal(t, lowerSlow(byte(i)), Lower(byte(i)))
		}
	})
}

func FuzzWord(f *testing.F) {
	for _, s := range samples {
		f.Add(s+"........", byte(':'))
	}
	f.Fuzz(func(t *testing.T, s string, c byte) {
		for i := 0; i+8 <= len(s); i++ {
			w := Word(s, i)
			require.Equal(t, wordSlow(s, i), w)
			require.Equal(t, binary.LittleEndian.Uint64([]byte(s[i:i+8])), w)
			require.Equal(t, lowerWordSlow(w), LowerWord(w), "LowerWord(%q)", s[i:i+8])
			require.Equal(t, byteMaskSlow(w, c), ByteMask(w, c), "ByteMask(%q, %q)", s[i:i+8], c)
		}
	})
}

func TestToLowerDoesNotCopyLowerCaseText(t *testing.T) {
	s := "kms:decrypt"
	require.Zero(t, testing.AllocsPerRun(10, func() { _ = ToLower(s) }))
	require.Equal(t, "kms:decrypt", ToLower("KMS:Decrypt"))
}

func TestFoldIsASCIIOnly(t *testing.T) {
	// The Kelvin sign folds to 'k' in Unicode, not in AWS's ASCII rules.
	require.False(t, EqualFold("\u212a", "k"))
	require.False(t, EqualFold("\u212a", "K"))
	require.Equal(t, "\u212a", ToLower("\u212a"))
}

// EqualFoldLower against folding byte by byte, for every byte value at
// every position of strings around the word size.
func TestEqualFoldLowerAgreesWithByteFolding(t *testing.T) {
	for _, base := range []string{"kms:decrypt", "aws:principaltag/team", "abcdefgh", "abcdefg", "abcdefghijklmnop"} {
		for i := 0; i < len(base); i++ {
			for c := 0; c < 256; c++ {
				s := base[:i] + string([]byte{byte(c)}) + base[i+1:]
				require.Equal(t, toLowerSlow(s) == base, EqualFoldLower(s, base), "EqualFoldLower(%q, %q)", s, base)
			}
		}
	}
	require.False(t, EqualFoldLower("kms:decrypt", "kms:decrypts"), "lengths must be compared")
	require.True(t, EqualFoldLower("", ""))
}

func TestFoldHashIgnoresOnlyASCIICase(t *testing.T) {
	for _, s := range []string{"", "a", "kms", "kms:Decrypt", "CLOUDHSM:DescribeClusters", "ec2:DescribeInstances"} {
		require.Equal(t, FoldHash(strings.ToLower(s)), FoldHash(s), s)
		require.Equal(t, FoldHash(strings.ToUpper(s)), FoldHash(s), s)
	}
}

func TestIsLowerName(t *testing.T) {
	for _, tc := range []struct {
		name, s string
		want    bool
	}{
		{"a service prefix is a lower name", "kms", true},
		{"a Region code is a lower name", "us-west-2", true},
		{"an empty text is not", "", false},
		{"an upper-case letter is not allowed", "KMS", false},
		{"a wildcard is not allowed", "us-*", false},
		{"a non-ASCII letter is not allowed", "k\u00e9y", false},
		{"a colon is not allowed", "kms:", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := IsLowerName(tc.s); got != tc.want {
				t.Fatalf("IsLowerName(%q) = %v, want %v", tc.s, got, tc.want)
			}
		})
	}
}
