package policy

import "github.com/cksiam/cksiam/internal/ascii"

// Condition is the Condition element: operator blocks in document order.
// Blocks AND together, keys within a block AND together, and the values of
// one key OR together (NOR for negated operators) — aws-rules B.1.
//
// The order of blocks and keys is kept so that a document round-trips
// exactly; evaluation does not depend on it.
type Condition []ConditionBlock

// ConditionBlock is one operator and the keys it tests, such as
// "StringEquals": {"kms:CallerAccount": "111122223333"}.
type ConditionBlock struct {
	// Operator is the operator as written, e.g. "ForAnyValue:StringLike".
	Operator string
	// Entries are the keys the operator tests, in document order.
	Entries []ConditionEntry
}

// ConditionEntry is one condition key and the values it is compared with.
type ConditionEntry struct {
	// Key is the condition key as written, e.g. "aws:PrincipalTag/team".
	// Key names compare case-insensitively (aws-rules A.7).
	Key string
	// Values are the policy values in document order.
	Values []Value
	// Array records that a single value was written as a one-element JSON
	// array. Several values are always written as an array, and Parse
	// leaves Array false for them (see Strings.Array).
	Array bool
}

// ValueKind is the JSON type a condition value was written as.
type ValueKind uint8

// The JSON types a condition value may have.
const (
	StringValue ValueKind = iota // "text"
	NumberValue                  // 10, 1.5 — kept as its JSON text
	BoolValue                    // true, false
)

// Value is one condition value, kept as written: a string's content, a
// number's JSON text (no float rounding) or "true"/"false".
type Value struct {
	Text string    // the value as written, without JSON quotes
	Kind ValueKind // the JSON type it was written as
}

// String returns the value's text.
func (v Value) String() string { return v.Text }

// StringValues returns string values for texts.
func StringValues(texts ...string) []Value {
	out := make([]Value, len(texts))
	for i, t := range texts {
		out[i] = Value{Text: t}
	}
	return out
}

// Texts returns the text of every value of e.
func (e ConditionEntry) Texts() []string {
	out := make([]string, len(e.Values))
	for i, v := range e.Values {
		out[i] = v.Text
	}
	return out
}

// NewCondition returns a Condition with one operator testing one key
// against string values: NewCondition("StringEquals", "kms:CallerAccount",
// "111122223333").
func NewCondition(operator, key string, values ...string) Condition {
	return Condition(nil).With(operator, key, values...)
}

// With returns c with key tested by operator against string values added.
// It joins an existing block for the same operator (keys AND together); a
// key already present under that operator gets the values appended (they
// OR together). c itself is not modified.
func (c Condition) With(operator, key string, values ...string) Condition {
	return c.WithValues(operator, key, StringValues(values...)...)
}

// WithBool is With for a JSON boolean value, as KMS writes
// {"Bool": {"kms:GrantIsForAWSResource": true}}.
func (c Condition) WithBool(operator, key string, value bool) Condition {
	text := "false"
	if value {
		text = "true"
	}
	return c.WithValues(operator, key, Value{Text: text, Kind: BoolValue})
}

// WithValues is With for values of any kind.
func (c Condition) WithValues(operator, key string, values ...Value) Condition {
	out := make(Condition, len(c), len(c)+1)
	for i, b := range c {
		out[i] = ConditionBlock{Operator: b.Operator, Entries: append([]ConditionEntry(nil), b.Entries...)}
	}
	for i := range out {
		if out[i].Operator != operator {
			continue
		}
		for j := range out[i].Entries {
			if ascii.EqualFold(out[i].Entries[j].Key, key) {
				e := &out[i].Entries[j]
				e.Values = append(append([]Value(nil), e.Values...), values...)
				return out
			}
		}
		out[i].Entries = append(out[i].Entries, ConditionEntry{Key: key, Values: values})
		return out
	}
	return append(out, ConditionBlock{Operator: operator, Entries: []ConditionEntry{{Key: key, Values: values}}})
}
