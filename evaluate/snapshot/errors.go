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

// malformed builds an input error at file and path.
func malformed(file, path, reason string) *Error {
	return &Error{File: file, Path: path, Reason: reason, Err: ErrMalformed}
}
