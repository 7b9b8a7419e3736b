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

// validSidSlow is ValidSid's reference: character by character.
func validSidSlow(kind Kind, sid string) bool {
	return validSidRunes(kind == KeyPolicy || kind == ResourcePolicy, sid)
}

func TestValidSidAgreesWithItsTwin(t *testing.T) {
	for _, sid := range []string{"", "Sid1", "Enable IAM User Permissions", "a-b", "é", "aé b", "\x7f", "\x00", "x\u0080", "\u00a0", "\u00ff", "Ā", "\xff", "~!"} {
		for k := Kind(0); k <= RCP+1; k++ {
			require.Equal(t, validSidSlow(k, sid), ValidSid(k, sid), "%v %q", k, sid)
		}
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
		for _, k := range []Kind{IdentityPolicy, KeyPolicy, ResourcePolicy} {
			if validSidSlow(k, a) != ValidSid(k, a) {
				t.Fatalf("ValidSid(%v, %q) = %v", k, a, ValidSid(k, a))
			}
		}
		if (actionProblemSlow(a) == "") != actionOK(a) {
			t.Fatalf("actionOK(%q) = %v, actionProblemSlow says %q", a, actionOK(a), actionProblemSlow(a))
		}
		if op, err := ParseOperator(a); err == nil && operatorSpellingSlow(op, b) != op.writtenAs(b) {
			t.Fatalf("%v.writtenAs(%q) = %v", op, b, op.writtenAs(b))
		}
		requireSameOperator(t, a)
	})
}

// requireSameOperator holds ParseOperator, which looks canonical
// spellings up in a table first, to parseOperator, its reference.
func requireSameOperator(t *testing.T, name string) {
	t.Helper()
	got, err := ParseOperator(name)
	want, werr := parseOperator(name)
	if got != want || (err == nil) != (werr == nil) || err != nil && err.Error() != werr.Error() {
		t.Fatalf("ParseOperator(%q) = %v, %v; parseOperator gives %v, %v", name, got, err, want, werr)
	}
}

func TestParseOperatorAgreesWithItsTwin(t *testing.T) {
	for b := StringEquals; b < numBaseOperators; b++ {
		for _, set := range []SetQualifier{SingleValue, ForAllValues, ForAnyValue} {
			for _, ifExists := range []bool{false, true} {
				name := Operator{Base: b, Set: set, IfExists: ifExists}.String()
				for _, n := range []string{name, strings.ToLower(name), strings.ToUpper(name), name + " ", "x" + name} {
					requireSameOperator(t, n)
				}
			}
		}
	}
	require.Len(t, canonicalOperators, 6*(int(numBaseOperators)-2)+1, "every operator but Null with a qualifier")
}
