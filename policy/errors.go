package policy

// Error is returned by Parse for a document that is not a valid policy. It
// names where the problem is as a JSON path, such as
// "Statement[2].Condition.StringEqulas", and why in one line.
type Error struct {
	// Path is the JSON path of the offending element; empty for the whole
	// document.
	Path string
	// Reason says what is wrong.
	Reason string
	// Offset is the byte offset in the input where the problem was found,
	// or -1 when it is not tied to one place.
	Offset int64
}

// Error returns "policy: Path: Reason".
func (e *Error) Error() string {
	if e.Path == "" {
		return "policy: " + e.Reason
	}
	return "policy: " + e.Path + ": " + e.Reason
}
