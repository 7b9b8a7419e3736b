package catalog

import (
	"github.com/cksiam/cksiam/internal/ascii"
	"strings"

	"github.com/cksiam/cksiam/internal/glob"
	"github.com/cksiam/cksiam/policy"
)

// KeyType is the type of a condition key as the Service Authorization
// Reference spells it: "String", "ArrayOfString", "ARN", "Bool", "Numeric",
// "Date", "IPAddress", "Binary", or "ArrayOf" followed by one of those.
type KeyType string

// The condition key types.
const (
	String         KeyType = "String"
	ARN            KeyType = "ARN"
	Bool           KeyType = "Bool"
	Numeric        KeyType = "Numeric"
	Date           KeyType = "Date"
	IPAddress      KeyType = "IPAddress"
	Binary         KeyType = "Binary"
	ArrayOfString  KeyType = "ArrayOfString"
	ArrayOfARN     KeyType = "ArrayOfARN"
	ArrayOfBool    KeyType = "ArrayOfBool"
	ArrayOfNumeric KeyType = "ArrayOfNumeric"
)

// MultiValued reports whether a request carries a set of values for keys of
// this type (an "ArrayOf…" type), which is what the ForAllValues and
// ForAnyValue set operators are for (aws-rules B.10).
func (t KeyType) MultiValued() bool { return strings.HasPrefix(string(t), "ArrayOf") }

// Elem returns the type of one value: String for ArrayOfString, and t
// itself for a single-valued type.
func (t KeyType) Elem() KeyType { return KeyType(strings.TrimPrefix(string(t), "ArrayOf")) }

// Fits reports whether operator op compares values of this type. Null fits
// every key; the string operators also fit ARN keys, which AWS documents as
// working "with ARN operators and string operators"; every other operator
// fits only its own type.
func (t KeyType) Fits(op policy.BaseOperator) bool {
	e := t.Elem()
	switch op.Family() {
	case policy.FamilyNull:
		return true
	case policy.FamilyString:
		return e == String || e == ARN
	case policy.FamilyARN:
		return e == ARN
	case policy.FamilyNumeric:
		return e == Numeric
	case policy.FamilyDate:
		return e == Date
	case policy.FamilyBool:
		return e == Bool
	case policy.FamilyBinary:
		return e == Binary
	case policy.FamilyIP:
		return e == IPAddress
	}
	return false
}

// ConditionKey is a condition key: a global one (aws:SourceIp, and the
// cross-service keys the global keys page lists) or one a service defines
// (kms:CallerAccount). A templated key such as
// "kms:EncryptionContext:${EncryptionContextKey}" or
// "aws:ResourceTag/${TagKey}" stands for every key that puts a non-empty
// name where the template has ${…} (or <…>).
type ConditionKey struct {
	// Name is the key as AWS spells it, template included.
	Name string
	// Type is the key's value type.
	Type KeyType
	// Global reports a key from AWS's global condition context keys page,
	// usable with every action.
	Global bool

	owner    string       // prefix of the defining service; "" for a global key
	alt      KeyType      // a second type the key also takes (aws:EpochTime: Numeric)
	template bool         // Name holds ${…} or <…>
	pattern  glob.Pattern // for a template: each variable becomes "?*"
	minLen   int          // for a template: the shortest name it matches
	head     string       // for a template: the text before its first variable
}

func newConditionKey(name string, t KeyType, global bool) ConditionKey {
	k := ConditionKey{Name: name, Type: t, Global: global}
	k.compile()
	return k
}

// compile prepares template matching. Key names compare ignoring ASCII
// case, the tag-key part of aws:ResourceTag/… and the context-key part of
// kms:EncryptionContext:… included (aws-rules A.7).
func (k *ConditionKey) compile() {
	enc, literal, ok := encodeTemplate(nil, k.Name, true)
	if !ok {
		return
	}
	k.template = true
	k.minLen = literal
	k.head = k.Name[:strings.IndexAny(k.Name, "$<*")]
	k.pattern = glob.FromEncoded(enc, k.Name, true)
}

// IsTemplate reports whether the key's name holds a variable part, such as
// the ${TagKey} of aws:ResourceTag/${TagKey}.
func (k *ConditionKey) IsTemplate() bool { return k.template }

// Matches reports whether name is this key, ignoring case: the same name,
// or for a template any name that fills each variable with at least one
// character ("aws:ResourceTag/team" matches "aws:ResourceTag/${TagKey}").
func (k *ConditionKey) Matches(name string) bool {
	if !k.template {
		return ascii.EqualFold(k.Name, name)
	}
	return len(name) >= k.minLen && ascii.EqualFold(name[:len(k.head)], k.head) && k.pattern.Match(name)
}

// Fits reports whether operator op compares values of this key's type
// (see KeyType.Fits). aws:EpochTime takes both date and numeric operators.
func (k *ConditionKey) Fits(op policy.BaseOperator) bool {
	return k.Type.Fits(op) || (k.alt != "" && k.alt.Fits(op))
}

// MultiValued reports whether the key carries a set of values.
func (k *ConditionKey) MultiValued() bool { return k.Type.MultiValued() }

// String returns the key's name.
func (k *ConditionKey) String() string { return k.Name }

// encodeTemplate appends to dst the glob encoding of a template, in which
// every variable — ${…}, and with angle true also <…> — becomes Quest Star
// (one or more characters) and a literal '*' becomes Star. It returns the
// number of characters the shortest match has and whether the template
// had any wildcard at all.
func encodeTemplate(dst []byte, t string, angle bool) ([]byte, int, bool) {
	wild := false
	n := 0
	for i := 0; i < len(t); i++ {
		c := t[i]
		end := -1
		switch {
		case c == '$' && i+1 < len(t) && t[i+1] == '{':
			end = strings.IndexByte(t[i:], '}')
		case c == '<' && angle:
			end = strings.IndexByte(t[i:], '>')
		case c == '*':
			dst = append(dst, glob.Star)
			wild = true
			continue
		}
		if end > 0 {
			dst = append(dst, glob.Quest, glob.Star)
			n++
			wild = true
			i += end
			continue
		}
		dst = append(dst, c)
		n++
	}
	return dst, n, wild
}
