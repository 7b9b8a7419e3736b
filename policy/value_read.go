package policy

import (
	"errors"

	"github.com/cksiam/cksiam/policy/value"
)

// Errors ReadValue returns for a value whose JSON type does not suit it;
// errors about the text itself are package value's (value.ErrNumber,
// value.ErrDate…).
var (
	// ErrValueNotJSONNumber: a NumberValue whose text is not a JSON number
	// (only a document built in Go can hold one).
	ErrValueNotJSONNumber = errors.New("a number value must be a JSON number")
	// ErrValueNotJSONBool: a BoolValue whose text is not true or false.
	ErrValueNotJSONBool = errors.New("a boolean value must be true or false")
	// ErrValueUnknownType: a Value of an unknown ValueKind.
	ErrValueUnknownType = errors.New("the value has an unknown JSON type")
	// ErrValueNotString: a JSON number or boolean where the operator reads
	// text only (IpAddress, BinaryEquals).
	ErrValueNotString = errors.New("the value must be a JSON string")
)

// Reads returns the kind of value the family's operators read: Numeric
// reads numbers, Date dates, Bool and Null booleans, BinaryEquals base64,
// IpAddress IP blocks, ARN operators ARN patterns, and String operators any
// text.
func (f OperatorFamily) Reads() value.Kind {
	switch f {
	case FamilyNumeric:
		return value.NumberKind
	case FamilyDate:
		return value.DateKind
	case FamilyBool, FamilyNull:
		return value.BoolKind
	case FamilyBinary:
		return value.BinaryKind
	case FamilyIP:
		return value.PrefixKind
	case FamilyARN:
		return value.ARNKind
	case FamilyString:
		return value.TextKind
	}
	return 0
}

// Relation returns the order relation a Numeric or Date operator tests
// ("request value R policy value"): NumericLessThan is value.Less,
// DateNotEquals is value.NotEqual. It returns 0 for other operators.
func (b BaseOperator) Relation() value.Relation {
	first := NumericEquals
	switch b.Family() {
	case FamilyNumeric:
	case FamilyDate:
		first = DateEquals
	default:
		return 0
	}
	// Both families list Equals, NotEquals, LessThan, LessThanEquals,
	// GreaterThan, GreaterThanEquals in that order, as value's relations.
	return value.Equal + value.Relation(b-first)
}

// ReadValue reads one condition value for an operator of family fam. It is
// the one reading of condition values in this module: Validate reports a
// value as invalid (CodeInvalidConditionValue) exactly when ReadValue
// returns an error, and the evaluator cannot read exactly those values, so
// no value is valid to one and unreadable to the other.
//
// The JSON type must suit the operator (a number value must be a JSON
// number, a boolean true or false; IpAddress and BinaryEquals take strings)
// and the text must be what value.Read accepts for fam.Reads(). A value of
// a String or ARN operator that holds a policy variable, in a document
// whose Version enables them, is a template the evaluator substitutes: the
// caller decides it before calling ReadValue (see Document.VariablesEnabled). An
// ambiguous date is read with both of its readings (value.DateReading);
// Validate warns about it (CodeAmbiguousDate).
func ReadValue(fam OperatorFamily, v Value) (value.Typed, error) {
	switch {
	case v.Kind == NumberValue && !isJSONNumber(v.Text):
		return value.Typed{}, ErrValueNotJSONNumber
	case v.Kind == BoolValue && v.Text != "true" && v.Text != "false":
		return value.Typed{}, ErrValueNotJSONBool
	case v.Kind > BoolValue:
		return value.Typed{}, ErrValueUnknownType
	case v.Kind != StringValue && (fam == FamilyIP || fam == FamilyBinary):
		return value.Typed{}, ErrValueNotString
	}
	k := fam.Reads()
	if k == 0 {
		return value.Typed{}, ErrUnknownOperator
	}
	return value.Read(k, v.Text)
}

// isJSONNumber reports whether s is a number as JSON writes it
// (RFC 8259 section 6).
func isJSONNumber(s string) bool {
	if len(s) > 0 && s[0] == '-' {
		s = s[1:]
	}
	i := 0
	for i < len(s) && '0' <= s[i] && s[i] <= '9' {
		i++
	}
	if i == 0 || (s[0] == '0' && i > 1) {
		return false
	}
	s = s[i:]
	if len(s) > 0 && s[0] == '.' {
		frac := s[1:]
		j := 0
		for j < len(frac) && '0' <= frac[j] && frac[j] <= '9' {
			j++
		}
		if j == 0 {
			return false
		}
		s = frac[j:]
	}
	if len(s) > 0 && (s[0] == 'e' || s[0] == 'E') {
		s = s[1:]
		if len(s) > 0 && (s[0] == '+' || s[0] == '-') {
			s = s[1:]
		}
		return allDigits(s)
	}
	return s == ""
}

func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
