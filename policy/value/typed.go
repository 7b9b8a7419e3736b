package value

// Kind is the type a condition operator reads its values as.
type Kind uint8

// The kinds of condition values, one per family of operators.
const (
	// TextKind: String operators read any text (their patterns and policy
	// variables are read by the evaluator).
	TextKind Kind = iota + 1
	// NumberKind: Numeric operators.
	NumberKind
	// DateKind: Date operators.
	DateKind
	// BoolKind: Bool and Null.
	BoolKind
	// BinaryKind: BinaryEquals.
	BinaryKind
	// PrefixKind: IpAddress and NotIpAddress.
	PrefixKind
	// ARNKind: ArnEquals, ArnLike, ArnNotEquals and ArnNotLike, for a value
	// without policy variables.
	ARNKind
)

// String returns the kind's name, "number" for NumberKind.
func (k Kind) String() string {
	switch k {
	case TextKind:
		return "text"
	case NumberKind:
		return "number"
	case DateKind:
		return "date"
	case BoolKind:
		return "boolean"
	case BinaryKind:
		return "base64"
	case PrefixKind:
		return "IP address or CIDR block"
	case ARNKind:
		return "ARN pattern"
	}
	return "unknown"
}

// Typed is a condition value read for its kind: Text and the field of its
// Kind are set.
type Typed struct {
	Kind   Kind
	Text   string
	Number Number      // for NumberKind
	Date   DateReading // for DateKind
	Prefix Prefix      // for PrefixKind
	Bool   bool        // for BoolKind
	Binary Binary      // for BinaryKind
	ARN    ARNPattern  // for ARNKind
}

// Read reads text as a value of kind k with the parser of that kind
// (ParseNumber, ReadDate, ParseBool, ParseBinary, ParsePrefix,
// ParseARNPattern). An
// ambiguous date is read, with both readings (see DateReading); every
// other error is the parser's sentinel error.
func Read(k Kind, text string) (Typed, error) {
	t := Typed{Kind: k, Text: text}
	var err error
	switch k {
	case TextKind:
	case NumberKind:
		t.Number, err = ParseNumber(text)
	case DateKind:
		t.Date, err = ReadDate(text)
	case BoolKind:
		t.Bool, err = ParseBool(text)
	case BinaryKind:
		t.Binary, err = ParseBinary(text)
	case PrefixKind:
		t.Prefix, err = ParsePrefix(text)
	case ARNKind:
		t.ARN, err = ParseARNPattern(text)
	default:
		err = errUnknownKind
	}
	if err != nil {
		return Typed{}, err
	}
	return t, nil
}
