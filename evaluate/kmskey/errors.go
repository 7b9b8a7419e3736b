package kmskey

import (
	"errors"
	"strconv"
)

// Error is a file the readers refuse: where, and why.
type Error struct {
	// Page is the 1-based number of the JSON value the error is in: a
	// file may hold several, the pages of a listing one after another. 0
	// when the error is about the whole file.
	Page int
	// Path is the JSON path of the offending element, such as
	// "Grants[2].Constraints.EncryptionContextEquals"; empty for the whole
	// value.
	Path string
	// Reason says what is wrong.
	Reason string
	// Err is the class of the error: ErrSyntax, ErrInvalid or
	// ErrTruncated; errors.Is matches it through Unwrap.
	Err error
}

// Error returns "kmskey: [page N: ]Path: Reason", naming the page from
// the second on.
func (e *Error) Error() string {
	s := "kmskey: "
	if e.Page > 1 {
		s += "page " + strconv.Itoa(e.Page) + ": "
	}
	if e.Path != "" {
		s += e.Path + ": "
	}
	return s + e.Reason
}

// Unwrap returns the class of the error.
func (e *Error) Unwrap() error { return e.Err }

// The classes of Error.
var (
	// ErrSyntax: the file is not JSON.
	ErrSyntax = errors.New("not JSON")
	// ErrInvalid: the JSON is not the output the reader expects.
	ErrInvalid = errors.New("unexpected content")
	// ErrTruncated: the listing's last page says more results follow.
	ErrTruncated = errors.New("truncated listing")
)
