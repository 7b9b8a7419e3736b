package policy

// Strings is a JSON element that may be written as one string or as an array
// of strings (Action, Resource, a principal's values…). It remembers which
// form it was given so that a document round-trips exactly.
//
// A Strings with no values means the element is absent.
type Strings struct {
	// Values holds the strings in document order.
	Values []string
	// Array records that the element was written as a JSON array. When it is
	// false and there is exactly one value, the value is written as a bare
	// string; several values are always written as an array.
	Array bool
}

// List returns a Strings holding values. One value is written as a bare
// string, several as an array.
func List(values ...string) Strings { return Strings{Values: values} }

// Present reports whether the element is present (has at least one value).
func (s Strings) Present() bool { return len(s.Values) > 0 }

// Len returns the number of values.
func (s Strings) Len() int { return len(s.Values) }
