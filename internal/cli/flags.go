package cli

import (
	"flag"
	"fmt"
	"io"
	"strings"
)

// NewFlagSet returns a flag set for the command name that reports errors
// instead of exiting and writes them to stderr. Its usage text is
// "usage: name [flags]", then about (which should say what the command does
// and what its exit statuses mean), then the flags.
func NewFlagSet(name, about string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(stderr, "usage: %s [flags]\n", name)
		if about != "" {
			fmt.Fprintln(stderr, strings.TrimRight(about, "\n"))
		}
		fmt.Fprintln(stderr, "\nflags:")
		fs.PrintDefaults()
	}
	return fs
}

// Repeatable is implemented by flag values that may be given several
// times, each occurrence adding a value. Parse refuses a second occurrence
// of any other flag.
type Repeatable interface {
	flag.Value
	// Repeatable reports whether the flag may be repeated.
	Repeatable() bool
}

// List is a repeatable string flag: each occurrence appends its value.
type List []string

// String returns the values joined by commas.
func (l *List) String() string { return strings.Join(*l, ",") }

// Set appends v.
func (l *List) Set(v string) error { *l = append(*l, v); return nil }

// Repeatable reports true: a List takes several values.
func (l *List) Repeatable() bool { return true }

// Parse parses args into fs like fs.Parse, with three differences that make
// the result safe to act on:
//
//   - -h and -help print the usage and return an error (matching ErrUsage and
//     flag.ErrHelp), so that a command never exits 0 for them;
//   - every error matches ErrUsage;
//   - a flag whose value is not Repeatable may be given once: a second
//     occurrence is an error naming the flag and both values, where the flag
//     package would keep the last one silently.
//
// Parse leaves positional arguments in fs.Args(); see NoArgs.
func Parse(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		return &usageError{msg: err.Error(), shown: true, cause: err}
	}
	return refuseRepeats(fs, args)
}

// refuseRepeats parses args a second time into a shadow flag set with the
// same flags, counting each flag's occurrences, and refuses the repeated
// single-value ones. The real flag set has already accepted args, so the
// shadow parse sees the same flags in the same places.
func refuseRepeats(fs *flag.FlagSet, args []string) error {
	shadow := flag.NewFlagSet(fs.Name(), flag.ContinueOnError)
	shadow.SetOutput(io.Discard)
	seen := map[string]*occurrences{}
	fs.VisitAll(func(f *flag.Flag) {
		o := &occurrences{}
		if b, ok := f.Value.(interface{ IsBoolFlag() bool }); ok {
			o.boolean = b.IsBoolFlag()
		}
		if r, ok := f.Value.(Repeatable); ok && r.Repeatable() {
			o.repeatable = true
		}
		seen[f.Name] = o
		shadow.Var(o, f.Name, f.Usage)
	})
	if err := shadow.Parse(args); err != nil {
		return &usageError{msg: err.Error(), cause: err}
	}
	var err error
	fs.VisitAll(func(f *flag.Flag) {
		o := seen[f.Name]
		if err == nil && !o.repeatable && len(o.values) > 1 {
			quoted := make([]string, len(o.values))
			for i, v := range o.values {
				quoted[i] = fmt.Sprintf("%q", v)
			}
			err = Usagef("-%s is given %d times (%s): it takes one value", f.Name, len(o.values), strings.Join(quoted, ", "))
		}
	})
	return err
}

// occurrences records the values a flag was given.
type occurrences struct {
	values     []string
	boolean    bool
	repeatable bool
}

func (o *occurrences) String() string     { return "" }
func (o *occurrences) Set(v string) error { o.values = append(o.values, v); return nil }
func (o *occurrences) IsBoolFlag() bool   { return o.boolean }

// NoArgs returns a usage error naming the first positional argument, if
// any: for commands that take flags only.
func NoArgs(fs *flag.FlagSet) error {
	if fs.NArg() > 0 {
		return Usagef("unexpected argument %q", fs.Arg(0))
	}
	return nil
}
