package policy

// Strings is a JSON element that may be written as one string or as an array
// of strings (Action, Resource, a principal's values…). It remembers which
// form it was given where the form is a choice, so that a document
// round-trips exactly.
//
// A Strings with no values means the element is absent.
type Strings struct {
	// Values holds the strings in document order.
	Values []string
	// Array records that a single value was written as a one-element JSON
	// array (["x"] rather than "x"). Several values are always written as
	// an array, so for them the form is no choice: Parse leaves Array
	// false, and a Strings built with List equals its own round trip.
	Array bool
}

// List returns a Strings holding values. One value is written as a bare
// string, several as an array.
func List(values ...string) Strings { return Strings{Values: values} }

// listForm returns whether a value count and Array flag are recorded as
// the one-element array form: the only case where the flag matters.
func listForm(n int, array bool) bool { return n == 1 && array }

// Present reports whether the element is present (has at least one value).
func (s Strings) Present() bool { return len(s.Values) > 0 }

// Len returns the number of values.
func (s Strings) Len() int { return len(s.Values) }
