package policy

import (
	"fmt"
	"github.com/cksiam/cksiam/internal/ascii"
	"strings"
)

// BaseOperator is a condition operator without its IfExists suffix and set
// prefix (aws-rules B).
type BaseOperator uint8

// The condition operators of aws-rules B, in the order AWS documents them.
const (
	StringEquals BaseOperator = iota + 1
	StringNotEquals
	StringEqualsIgnoreCase
	StringNotEqualsIgnoreCase
	StringLike
	StringNotLike
	NumericEquals
	NumericNotEquals
	NumericLessThan
	NumericLessThanEquals
	NumericGreaterThan
	NumericGreaterThanEquals
	DateEquals
	DateNotEquals
	DateLessThan
	DateLessThanEquals
	DateGreaterThan
	DateGreaterThanEquals
	Bool
	BinaryEquals
	IPAddress
	NotIPAddress
	ArnEquals
	ArnLike
	ArnNotEquals
	ArnNotLike
	Null
	numBaseOperators
)

var baseNames = [...]string{
	StringEquals:              "StringEquals",
	StringNotEquals:           "StringNotEquals",
	StringEqualsIgnoreCase:    "StringEqualsIgnoreCase",
	StringNotEqualsIgnoreCase: "StringNotEqualsIgnoreCase",
	StringLike:                "StringLike",
	StringNotLike:             "StringNotLike",
	NumericEquals:             "NumericEquals",
	NumericNotEquals:          "NumericNotEquals",
	NumericLessThan:           "NumericLessThan",
	NumericLessThanEquals:     "NumericLessThanEquals",
	NumericGreaterThan:        "NumericGreaterThan",
	NumericGreaterThanEquals:  "NumericGreaterThanEquals",
	DateEquals:                "DateEquals",
	DateNotEquals:             "DateNotEquals",
	DateLessThan:              "DateLessThan",
	DateLessThanEquals:        "DateLessThanEquals",
	DateGreaterThan:           "DateGreaterThan",
	DateGreaterThanEquals:     "DateGreaterThanEquals",
	Bool:                      "Bool",
	BinaryEquals:              "BinaryEquals",
	IPAddress:                 "IpAddress",
	NotIPAddress:              "NotIpAddress",
	ArnEquals:                 "ArnEquals",
	ArnLike:                   "ArnLike",
	ArnNotEquals:              "ArnNotEquals",
	ArnNotLike:                "ArnNotLike",
	Null:                      "Null",
}

// String returns the operator's AWS spelling, e.g. "IpAddress".
func (b BaseOperator) String() string {
	if b == 0 || b >= numBaseOperators {
		return fmt.Sprintf("BaseOperator(%d)", uint8(b))
	}
	return baseNames[b]
}

// Negated reports whether the operator is a negated one, which is true
// for a missing key and combines several values with NOR (aws-rules B.1, B.2).
func (b BaseOperator) Negated() bool {
	switch b {
	case StringNotEquals, StringNotEqualsIgnoreCase, StringNotLike, NumericNotEquals,
		DateNotEquals, NotIPAddress, ArnNotEquals, ArnNotLike:
		return true
	}
	return false
}

// Positive returns the operator a negated one negates (StringNotLike ->
// StringLike, NotIpAddress -> IpAddress, ArnNotEquals -> ArnEquals), and
// b itself for a positive operator. A negated operator is true exactly
// when its positive form matches none of the values (aws-rules B.1), so
// evaluators decide the positive form and negate it.
func (b BaseOperator) Positive() BaseOperator {
	switch b {
	case StringNotEquals:
		return StringEquals
	case StringNotEqualsIgnoreCase:
		return StringEqualsIgnoreCase
	case StringNotLike:
		return StringLike
	case NumericNotEquals:
		return NumericEquals
	case DateNotEquals:
		return DateEquals
	case NotIPAddress:
		return IPAddress
	case ArnNotEquals:
		return ArnEquals
	case ArnNotLike:
		return ArnLike
	}
	return b
}

// Family returns the kind of value the operator compares.
func (b BaseOperator) Family() OperatorFamily {
	switch {
	case b >= StringEquals && b <= StringNotLike:
		return FamilyString
	case b >= NumericEquals && b <= NumericGreaterThanEquals:
		return FamilyNumeric
	case b >= DateEquals && b <= DateGreaterThanEquals:
		return FamilyDate
	case b == Bool:
		return FamilyBool
	case b == BinaryEquals:
		return FamilyBinary
	case b == IPAddress || b == NotIPAddress:
		return FamilyIP
	case b >= ArnEquals && b <= ArnNotLike:
		return FamilyARN
	case b == Null:
		return FamilyNull
	}
	return 0
}

// OperatorFamily groups operators by the type of value they compare.
type OperatorFamily uint8

// The operator families.
const (
	FamilyString OperatorFamily = iota + 1
	FamilyNumeric
	FamilyDate
	FamilyBool
	FamilyBinary
	FamilyIP
	FamilyARN
	FamilyNull
)

// String returns the family name, e.g. "Numeric".
func (f OperatorFamily) String() string {
	switch f {
	case FamilyString:
		return "String"
	case FamilyNumeric:
		return "Numeric"
	case FamilyDate:
		return "Date"
	case FamilyBool:
		return "Bool"
	case FamilyBinary:
		return "Binary"
	case FamilyIP:
		return "IpAddress"
	case FamilyARN:
		return "ARN"
	case FamilyNull:
		return "Null"
	}
	return fmt.Sprintf("OperatorFamily(%d)", uint8(f))
}

// SetQualifier is the ForAllValues: / ForAnyValue: prefix of an operator.
type SetQualifier uint8

// The set qualifiers (aws-rules B.10).
const (
	SingleValue  SetQualifier = iota // no prefix
	ForAllValues                     // "ForAllValues:"
	ForAnyValue                      // "ForAnyValue:"
)

// String returns the prefix as written, without the colon ("" for none).
func (q SetQualifier) String() string {
	switch q {
	case ForAllValues:
		return "ForAllValues"
	case ForAnyValue:
		return "ForAnyValue"
	}
	return ""
}

// Operator is a parsed condition operator.
type Operator struct {
	Base     BaseOperator // the operator without qualifiers, e.g. StringLike
	IfExists bool         // the …IfExists suffix
	Set      SetQualifier // ForAllValues: or ForAnyValue:, or none
}

// String returns the canonical spelling, e.g. "ForAnyValue:StringLikeIfExists".
func (o Operator) String() string {
	if o.Set == SingleValue && !o.IfExists {
		return o.Base.String()
	}
	var b strings.Builder
	if o.Set != SingleValue {
		b.WriteString(o.Set.String())
		b.WriteByte(':')
	}
	b.WriteString(o.Base.String())
	if o.IfExists {
		b.WriteString("IfExists")
	}
	return b.String()
}

// writtenAs reports whether name is o's canonical spelling, o.String() ==
// name, without building the spelling.
func (o Operator) writtenAs(name string) bool {
	if o.Set != SingleValue {
		set := o.Set.String()
		if len(name) <= len(set) || name[:len(set)] != set || name[len(set)] != ':' {
			return false
		}
		name = name[len(set)+1:]
	}
	if o.IfExists {
		var ok bool
		if name, ok = strings.CutSuffix(name, "IfExists"); !ok {
			return false
		}
	}
	return name == o.Base.String()
}

// ErrUnknownOperator is wrapped by the error ParseOperator returns for a
// name that is not a condition operator, and by the *Error Parse returns
// for such an operator in a document.
var ErrUnknownOperator = fmt.Errorf("unknown condition operator")

// ParseOperator parses a condition operator name: one of the operators of
// aws-rules B, optionally suffixed "IfExists" (not for Null) and prefixed
// "ForAllValues:" or "ForAnyValue:" (not for Null).
//
// Names are matched ignoring case: AWS does not document whether operator
// names are case-sensitive (aws-rules A.7; the reading is aws-rules I.3), and reading
// "stringequals" as StringEquals cannot turn a denial into an allow, whereas
// rejecting it would refuse a policy AWS may accept. Validate reports a
// spelling that differs from the canonical one.
func ParseOperator(name string) (Operator, error) {
	if op, ok := canonicalOperators[name]; ok {
		return op, nil
	}
	return parseOperator(name)
}

// canonicalOperators holds every operator under its canonical spelling
// (Operator.String), as parseOperator reads it: ParseOperator finds the
// names policies are written with in one lookup, before it reads
// qualifiers and folds case. TestParseOperatorAgreesWithItsTwin holds the
// two together.
var canonicalOperators = func() map[string]Operator {
	m := map[string]Operator{}
	for b := StringEquals; b < numBaseOperators; b++ {
		for _, set := range []SetQualifier{SingleValue, ForAllValues, ForAnyValue} {
			for _, ifExists := range []bool{false, true} {
				name := Operator{Base: b, Set: set, IfExists: ifExists}.String()
				if op, err := parseOperator(name); err == nil {
					m[name] = op
				}
			}
		}
	}
	return m
}()

// parseOperator is ParseOperator without the canonical spellings' table.
func parseOperator(name string) (Operator, error) {
	var op Operator
	rest := name
	if r, ok := cutPrefixFold(rest, "ForAllValues:"); ok {
		op.Set, rest = ForAllValues, r
	} else if r, ok := cutPrefixFold(rest, "ForAnyValue:"); ok {
		op.Set, rest = ForAnyValue, r
	}
	if len(rest) > len("IfExists") && ascii.EqualFold(rest[len(rest)-len("IfExists"):], "IfExists") {
		op.IfExists, rest = true, rest[:len(rest)-len("IfExists")]
	}
	// Lower-cased on the stack for ASCII names: a map lookup by
	// string(bytes) does not allocate.
	op.Base = lookupBase(rest)
	if op.Base == 0 {
		return Operator{}, fmt.Errorf("%w %q", ErrUnknownOperator, name)
	}
	if op.Base == Null && (op.IfExists || op.Set != SingleValue) {
		return Operator{}, fmt.Errorf("%w %q: Null takes no IfExists suffix and no set prefix", ErrUnknownOperator, name)
	}
	return op, nil
}

func cutPrefixFold(s, prefix string) (string, bool) {
	if ascii.HasPrefixFold(s, prefix) {
		return s[len(prefix):], true
	}
	return s, false
}

// lookupBase returns the base operator named name, ignoring case as
// strings.ToLower does, or 0. ASCII names (all real ones) are lowered into
// a buffer on the stack; others go through strings.ToLower, which also
// folds some non-ASCII letters into ASCII ones (U+212A KELVIN SIGN to k).
func lookupBase(name string) BaseOperator {
	var buf [32]byte
	if len(name) > len(buf) || !isASCII(name) {
		return baseByName[strings.ToLower(name)]
	}
	b := buf[:len(name)]
	for i := 0; i < len(name); i++ {
		b[i] = ascii.Lower(name[i])
	}
	return baseByName[string(b)]
}

// isASCII reports whether s holds only ASCII bytes.
func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

var baseByName = func() map[string]BaseOperator {
	m := make(map[string]BaseOperator, numBaseOperators)
	for b := StringEquals; b < numBaseOperators; b++ {
		m[strings.ToLower(baseNames[b])] = b
	}
	return m
}()
