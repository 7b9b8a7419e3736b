package cli

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
)

// MaxFileBytes is the most a command reads from one file or from standard
// input: 8 MiB, far above any real policy document (the largest AWS managed
// policies are about 150 KB; IAM's own limit on a policy a customer writes
// is 131,072 characters), and small enough that a wrong argument such as a
// disk image cannot exhaust memory.
const MaxFileBytes = 8 << 20

// StdinName is the file name that stands for standard input.
const StdinName = "-"

// Sentinel errors of Files.Read, matched with errors.Is. Both also match
// ErrUsage.
var (
	// ErrNotRegular: the name is a directory, a named pipe, a device or a
	// socket. Reading a named pipe or a terminal device can block forever
	// and a device such as /dev/zero never ends, so only regular files (and
	// standard input, named "-") are read.
	ErrNotRegular = errors.New("not a regular file")
	// ErrTooLarge: the input is longer than MaxFileBytes.
	ErrTooLarge = errors.New("larger than the input limit")
)

// FileError is the error of Files.Read: which flag (empty for a positional
// argument), which file, and why.
type FileError struct {
	Flag string // such as "-identity"; empty for a positional argument
	Name string // the file name as given; "-" for standard input
	Err  error  // the cause: ErrNotRegular, ErrTooLarge or an I/O error
}

// Error returns "-flag name: cause" or "name: cause".
func (e *FileError) Error() string {
	name := e.Name
	if name == StdinName {
		name = "standard input"
	}
	if e.Flag != "" {
		name = e.Flag + " " + name
	}
	return name + ": " + e.Err.Error()
}

// Unwrap returns the cause.
func (e *FileError) Unwrap() error { return e.Err }

// Is makes every FileError match ErrUsage: an input that cannot be read is
// bad input (exit status ExitUsage).
func (e *FileError) Is(target error) bool { return target == ErrUsage }

// Files reads the files a command is given. Standard input ("-") may be
// named once per command line; a Files is not safe for concurrent use.
type Files struct {
	stdin     io.Reader
	stdinUsed string // the flag (or "argument") that took standard input
}

// NewFiles returns a Files that reads "-" from stdin.
func NewFiles(stdin io.Reader) *Files { return &Files{stdin: stdin} }

// Read returns the content of the file name, given with flag (such as
// "-identity"; empty for a positional argument), or of standard input when
// name is "-". It refuses what is not a regular file, input longer than
// MaxFileBytes, and a second "-" on the same command line; the error is a
// *FileError naming the flag and the file.
func (f *Files) Read(flag, name string) ([]byte, error) {
	fail := func(err error) ([]byte, error) { return nil, &FileError{Flag: flag, Name: name, Err: err} }
	if name == StdinName {
		if f.stdinUsed != "" {
			return fail(fmt.Errorf("standard input is already read for %s; it can be read once", f.stdinUsed))
		}
		f.stdinUsed = flag
		if flag == "" {
			f.stdinUsed = "another argument"
		}
		if f.stdin == nil {
			return fail(errors.New("no standard input"))
		}
		return readCapped(f.stdin, fail)
	}
	// Stat before opening: opening a named pipe blocks until a writer
	// appears.
	info, err := os.Stat(name)
	if err != nil {
		return fail(pathCause(err))
	}
	if err := regular(info); err != nil {
		return fail(err)
	}
	file, err := os.Open(name)
	if err != nil {
		return fail(pathCause(err))
	}
	defer file.Close()
	// The name may have been replaced between Stat and Open.
	opened, err := file.Stat()
	if err != nil {
		return fail(err)
	}
	if err := regular(opened); err != nil {
		return fail(err)
	}
	if !os.SameFile(info, opened) {
		return fail(errors.New("the file changed while it was opened"))
	}
	if opened.Size() > MaxFileBytes {
		return fail(tooLarge())
	}
	return readCapped(file, fail)
}

// readCapped reads r to its end, refusing more than MaxFileBytes.
func readCapped(r io.Reader, fail func(error) ([]byte, error)) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxFileBytes+1))
	if err != nil {
		return fail(err)
	}
	if len(data) > MaxFileBytes {
		return fail(tooLarge())
	}
	return data, nil
}

func tooLarge() error {
	return fmt.Errorf("%w of %d bytes", ErrTooLarge, MaxFileBytes)
}

// regular refuses what is not a regular file, naming what it is.
func regular(info fs.FileInfo) error {
	m := info.Mode()
	if m.IsRegular() {
		return nil
	}
	what := "a special file"
	switch {
	case m.IsDir():
		what = "a directory"
	case m&fs.ModeNamedPipe != 0:
		what = "a named pipe"
	case m&fs.ModeSocket != 0:
		what = "a socket"
	case m&fs.ModeCharDevice != 0:
		what = "a character device"
	case m&fs.ModeDevice != 0:
		what = "a device"
	}
	return fmt.Errorf("%w (%s): give a regular file, or - for standard input", ErrNotRegular, what)
}

// pathCause drops the *fs.PathError wrapper, whose message repeats the
// name that FileError already gives.
func pathCause(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
