package policy

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// The byte-level helpers of Validate and ParseOperator, each beside its
// obvious twin and a fuzz target comparing them.

// keyNameSlow is sameKeyName's reference: key names compare as
// strings.ToLower spells them.
func keyNameSlow(a, b string) bool {
	la, lb := strings.ToLower(a), strings.ToLower(b)
	return la == lb
}

// lookupBaseSlow is lookupBase's reference.
func lookupBaseSlow(name string) BaseOperator { return baseByName[strings.ToLower(name)] }

// operatorSpellingSlow is writtenAs's reference.
func operatorSpellingSlow(op Operator, name string) bool { return op.String() == name }

func TestByteHelpersAgreeWithTheirTwins(t *testing.T) {
	names := []string{
		"", "aws:SourceIp", "AWS:SOURCEIP", "aws:sourceip", "aws:SourceIp ", "kms:EncryptionContext:Dept",
		"ß", "SS", "\u017f", "s", "S", "\u212a", "k", "K", "\xff", "\ufffd", "İ", "i", "i̇", "é", "É",
		"StringEquals", "stringequals", "StringLi\u212ae", "StringLike", "ForAnyValue:StringLikeIfExists",
		"ForAllValues:StringEquals", "forallvalues:stringequals", "ForAllValues:", "IfExists", "NullIfExists",
		"StringEqualsIfExists", "ForAnyValue:StringEqualsIfexists", "StringNotEqualsIgnoreCaseIfExists",
		strings.Repeat("a", 40), "StringEqualsStringEqualsStringEquals",
	}
	for _, a := range names {
		t.Run("names "+quoteShort(a)+" compare, look up and spell like their twins", func(t *testing.T) {
			for _, b := range names {
				require.Equal(t, keyNameSlow(a, b), sameKeyName(a, b), "%q %q", a, b)
			}
			require.Equal(t, lookupBaseSlow(a), lookupBase(a))
			if op, err := ParseOperator(a); err == nil {
				for _, b := range names {
					require.Equal(t, operatorSpellingSlow(op, b), op.writtenAs(b), "%v %q", op, b)
				}
			}
		})
	}
}

func TestOperatorWrittenAsIsTrueForEveryCanonicalSpelling(t *testing.T) {
	for b := StringEquals; b < numBaseOperators; b++ {
		for _, set := range []SetQualifier{SingleValue, ForAllValues, ForAnyValue} {
			for _, ifExists := range []bool{false, true} {
				op := Operator{Base: b, Set: set, IfExists: ifExists}
				require.True(t, op.writtenAs(op.String()), "%v", op)
				require.False(t, op.writtenAs(strings.ToLower(op.String())), "%v", op)
			}
		}
	}
}

func TestActionOKIsTrueExactlyWhenActionProblemSaysNothing(t *testing.T) {
	for _, a := range []string{"", "*", "**", ":", "s3:", ":x", "s3:*", "s3:Get*", "s3:Get?bject", "vpc-lattice:A-B", "s3:x:y",
		"s*:x", "s 3:x", "s3:x y", "s3:é", "é:x", "s3::x", "-:-", "a:b\x00", "*:*", "s3:*x*?"} {
		require.Equal(t, actionProblemSlow(a) == "", actionOK(a), "%q", a)
	}
}

func FuzzByteHelpers(f *testing.F) {
	f.Add("aws:SourceIp", "AWS:sourceIP")
	f.Add("\u212a", "k")
	f.Add("ForAnyValue:StringLikeIfExists", "forAnyValue:StringLikeIfExists")
	f.Add("StringLi\u212ae", "StringLike")
	f.Fuzz(func(t *testing.T, a, b string) {
		if keyNameSlow(a, b) != sameKeyName(a, b) {
			t.Fatalf("sameKeyName(%q, %q) = %v", a, b, !keyNameSlow(a, b))
		}
		if lookupBaseSlow(a) != lookupBase(a) {
			t.Fatalf("lookupBase(%q) = %v, want %v", a, lookupBase(a), lookupBaseSlow(a))
		}
		if (actionProblemSlow(a) == "") != actionOK(a) {
			t.Fatalf("actionOK(%q) = %v, actionProblemSlow says %q", a, actionOK(a), actionProblemSlow(a))
		}
		if op, err := ParseOperator(a); err == nil && operatorSpellingSlow(op, b) != op.writtenAs(b) {
			t.Fatalf("%v.writtenAs(%q) = %v", op, b, op.writtenAs(b))
		}
	})
}
