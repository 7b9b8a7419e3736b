package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
)

// The exit statuses of every command. A command that decides or checks
// something exits ExitOK only when the answer is the good one (allowed,
// clean, verified); anything it could not decide exits ExitUsage, so that an
// error is never read as a pass.
const (
	// ExitOK: the request is allowed, the files are clean, the roles
	// verified.
	ExitOK = 0
	// ExitFail: the request is denied, a finding reached the threshold, a
	// verification or an expectation failed.
	ExitFail = 1
	// ExitUsage: help was asked for, the command line is wrong, or an input
	// cannot be read or parsed.
	ExitUsage = 2
)

// ErrUsage marks an error in how the command was called (exit status
// ExitUsage). Every error Parse returns matches it with errors.Is.
var ErrUsage = errors.New("usage error")

// Usagef returns an error that matches ErrUsage, with the message formatted
// as by fmt.Sprintf. Messages name the flag concerned, such as
// `-context "kms:ViaService": want key=value`.
func Usagef(format string, args ...any) error {
	return &usageError{msg: fmt.Sprintf(format, args...)}
}

type usageError struct {
	msg   string
	shown bool // the flag package already printed it
	cause error
}

func (e *usageError) Error() string { return e.msg }

func (e *usageError) Is(target error) bool { return target == ErrUsage }

func (e *usageError) Unwrap() error { return e.cause }

// Fail reports err on stderr as "cmd: message" and returns ExitUsage. Help
// requests and flag errors that the flag package has already printed (with
// the usage text) are not printed twice. Fail(stderr, cmd, nil) returns
// ExitUsage too: a caller that reached Fail has no answer to give.
func Fail(stderr io.Writer, cmd string, err error) int {
	var u *usageError
	if err != nil && !(errors.As(err, &u) && u.shown) && !errors.Is(err, flag.ErrHelp) {
		fmt.Fprintf(stderr, "%s: %v\n", cmd, err)
	}
	return ExitUsage
}
