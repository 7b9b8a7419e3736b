package policy

import "errors"

// Error is returned by Parse, and by the writers (Format, Compact,
// json.Marshal), for a document that is not a valid policy. Like encoding/json
// v2's SyntacticError it says where (Offset in the input, Path as a JSON
// path such as "Statement[2].Condition.StringEqulas"), why in one line
// (Reason), and what kind of problem it is (Err, one of the sentinels
// below, matched with errors.Is).
type Error struct {
	// Path is the JSON path of the offending element; empty for the whole
	// document.
	Path string
	// Reason says what is wrong.
	Reason string
	// Offset is the byte offset in the input where the problem was found,
	// or -1 when it is not tied to one place (the writers).
	Offset int64
	// Err is the kind of problem: ErrSyntax, ErrCharacter, ErrTooLong,
	// ErrEmpty, ErrUnknownElement, ErrDuplicateKey, ErrConflictingElements,
	// ErrMissingElement, ErrUnknownOperator or ErrInvalidValue.
	Err error
}

// Error returns "policy: Path: Reason".
func (e *Error) Error() string {
	if e.Path == "" {
		return "policy: " + e.Reason
	}
	return "policy: " + e.Path + ": " + e.Reason
}

// Unwrap returns the kind of problem, so that errors.Is(err, ErrSyntax)
// and the like work on an *Error.
func (e *Error) Unwrap() error { return e.Err }

// The kinds of *Error. ErrUnknownOperator, which ParseOperator also
// returns, is declared with the operators.
var (
	// ErrSyntax: the input is not one well-formed JSON object.
	ErrSyntax = errors.New("invalid JSON")
	// ErrCharacter: invalid UTF-8, or a character outside the policy
	// character set (tab, LF, CR, U+0020–U+00FF; aws-rules A.1), also when
	// written as an escape.
	ErrCharacter = errors.New("character not allowed in a policy")
	// ErrTooLong: longer than Parse's safety bound (DefaultMaxDocumentChars
	// characters unless WithMaxDocumentChars says otherwise).
	ErrTooLong = errors.New("document too long")
	// ErrEmpty: an empty document, or an empty list or object where the
	// grammar needs at least one member.
	ErrEmpty = errors.New("empty element")
	// ErrUnknownElement: an element, or principal type, AWS's grammar does
	// not have (names are case-sensitive).
	ErrUnknownElement = errors.New("unknown element")
	// ErrDuplicateKey: a key repeated in one JSON object (element,
	// principal type, condition operator or condition key).
	ErrDuplicateKey = errors.New("duplicate key")
	// ErrConflictingElements: an element with its Not form in one
	// statement (Action and NotAction, …).
	ErrConflictingElements = errors.New("conflicting elements")
	// ErrMissingElement: a required element is absent (Statement, Effect,
	// Action or NotAction).
	ErrMissingElement = errors.New("missing element")
	// ErrInvalidValue: an element of the wrong JSON type, or a value its
	// element does not allow (Effect "allow", an empty Version, a
	// Principal string other than "*", a null condition value…).
	ErrInvalidValue = errors.New("invalid value")
)
