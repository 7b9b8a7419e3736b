package snapshot

import (
	"errors"
	"strings"
)

// Sentinel errors matched by errors.Is against an *Error.
var (
	// ErrMalformed: a snapshot file, or a value given in Go, is not what
	// the AWS CLI or SDK writes.
	ErrMalformed = errors.New("malformed snapshot input")
	// ErrNotFound: a question names something the snapshot does not hold,
	// such as a key that was not loaded.
	ErrNotFound = errors.New("not in the snapshot")
	// ErrInvalidArgument: a question's argument is wrong whatever the
	// snapshot holds, such as an action the catalog does not know or one
	// that takes no KMS key. Matched against an *ArgumentError.
	ErrInvalidArgument = errors.New("invalid argument")
	// ErrNoAccount: the method was called on a nil *Account.
	ErrNoAccount = errors.New("no account: the *Account is nil")
)

// Error is a problem with the snapshot's input. File is the file (relative
// to the snapshot directory, or the Go field when the input was built in
// Go); Path is the JSON path inside it, such as
// "RoleDetailList[3].RolePolicyList[0].PolicyDocument.Statement[1].Effect".
type Error struct {
	File   string
	Path   string
	Reason string // what is wrong there, in one line
	// Err is the sentinel (ErrMalformed, ErrNotFound) or the underlying
	// error, such as a *policy.Error for a policy document.
	Err error
}

// Error returns "File: Path: Reason", leaving out empty parts.
func (e *Error) Error() string {
	var parts []string
	for _, p := range []string{e.File, e.Path, e.Reason} {
		if p != "" {
			parts = append(parts, p)
		}
	}
	return "snapshot: " + strings.Join(parts, ": ")
}

// Unwrap returns the wrapped error.
func (e *Error) Unwrap() error { return e.Err }

// Is makes errors.Is(err, ErrMalformed) true for every input error, also
// those that wrap a *policy.Error.
func (e *Error) Is(target error) bool {
	return target == ErrMalformed && e.Err != ErrNotFound
}

// ArgumentError is a problem with an argument of a question, such as
// WhoCan's resource or one of its actions, rather than with the snapshot's
// files: Argument names the parameter ("resource", "actions"), Index the
// element of a list argument (-1 for a single value) and Value what was
// given.
type ArgumentError struct {
	Argument string
	Index    int
	Value    string
	Reason   string // what is wrong with it, in one line
	// Err is ErrNotFound (the snapshot holds no such key),
	// ErrInvalidArgument, or the catalog's *catalog.ActionError for an
	// action it does not know (errors.As gives its Suggestion).
	Err error
}

// Error returns "snapshot: Argument[Index]: Reason"; the reason quotes
// the value.
func (e *ArgumentError) Error() string {
	name := e.Argument
	if e.Index >= 0 {
		name = index(name, e.Index)
	}
	return "snapshot: " + name + ": " + e.Reason
}

// Unwrap returns the wrapped error.
func (e *ArgumentError) Unwrap() error { return e.Err }

// Is makes errors.Is(err, ErrInvalidArgument) true for every argument
// error except a key the snapshot lacks (ErrNotFound).
func (e *ArgumentError) Is(target error) bool {
	return target == ErrInvalidArgument && e.Err != ErrNotFound
}

// malformed builds an input error at file and path.
func malformed(file, path, reason string) *Error {
	return &Error{File: file, Path: path, Reason: reason, Err: ErrMalformed}
}
