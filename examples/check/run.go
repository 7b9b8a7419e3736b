package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/cksiam/cksiam/evaluate"
	"github.com/cksiam/cksiam/internal/cli"
)

// run is the command: it returns the exit status.
func run(args []string, stdout, stderr io.Writer) int {
	return runWithStdin(args, os.Stdin, stdout, stderr)
}

// runWithStdin is run reading policy files named "-" from stdin.
func runWithStdin(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	o, err := parseFlags(args, stderr)
	if err != nil {
		return cli.Fail(stderr, "check", err)
	}
	in, err := readInput(o, cli.NewFiles(stdin))
	if err != nil {
		return cli.Fail(stderr, "check", err)
	}
	a, err := decide(in)
	if err != nil {
		return cli.Fail(stderr, "check", err)
	}
	if in.json {
		enc := json.NewEncoder(stdout)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		if err := enc.Encode(a); err != nil {
			return cli.Fail(stderr, "check", err)
		}
	} else {
		writeText(stdout, a)
	}
	return status(a)
}

// decide compiles the policies once and decides every action.
func decide(in *input) (answer, error) {
	a := answer{Principal: in.request.Principal, Resource: in.request.Resource, Expect: in.expect, Notes: append([]string{}, in.notes...), Results: []result{}}
	ev, err := evaluate.Compile(in.policies, in.options...)
	if err != nil {
		err = in.inFlags(err)
		if strings.Contains(err.Error(), grammarRefusal) {
			err = fmt.Errorf("%w; -loose-documents reads such a statement fail-closed instead", err)
		}
		return answer{}, err
	}
	for _, action := range in.actions {
		req := in.request
		req.Action = action
		res, err := ev.Evaluate(req)
		if err != nil {
			return answer{}, in.inFlags(err)
		}
		a.Results = append(a.Results, in.makeResult(action, res))
	}
	if in.expect != "" {
		all := true
		for _, r := range a.Results {
			all = all && *r.AsExpected
		}
		a.AsExpected = &all
	}
	return a, nil
}

// grammarRefusal is how the engine's refusal of a document that breaks the
// policy grammar ends; the command then names the flag that reads such a
// document fail-closed (the engine's text cannot: it is read by Go callers
// too, who have the option evaluate.LooseDocuments).
const grammarRefusal = "the policy grammar does not allow it"

// inFlags rewrites an engine error to name the flag, not the Go field.
func (in *input) inFlags(err error) error {
	var e *evaluate.Error
	if errors.As(err, &e) {
		if e.Path == "" {
			return errors.New(in.flagText(e.Reason))
		}
		return fmt.Errorf("%s: %s", in.flagPath(e.Path), in.flagText(e.Reason))
	}
	return err
}

// status is the exit status of an answer: with -expect, whether every
// result is as expected; without, whether every action is allowed.
func status(a answer) int {
	if a.AsExpected != nil {
		if *a.AsExpected {
			return cli.ExitOK
		}
		return cli.ExitFail
	}
	for _, r := range a.Results {
		if denied(r.Decision) {
			return cli.ExitFail
		}
	}
	return cli.ExitOK
}

// writeText prints the answer for people: the notes, then each action's
// decision and why, in the order of the JSON results.
func writeText(w io.Writer, a answer) {
	for _, n := range a.Notes {
		fmt.Fprintf(w, "note: %s\n", n)
	}
	for i, r := range a.Results {
		if i > 0 || len(a.Notes) > 0 {
			fmt.Fprintln(w)
		}
		head := string(r.Decision)
		if r.AsExpected != nil && !*r.AsExpected {
			head += " (expected " + a.Expect + ")"
		}
		fmt.Fprintf(w, "%s: %s %s on %s\n", head, a.Principal, r.Action, a.Resource)
		fmt.Fprintf(w, "why: %s\n", r.Reason)
		for _, s := range r.Statements {
			sid := ""
			if s.Sid != "" {
				sid = fmt.Sprintf(" (Sid %q)", s.Sid)
			}
			fmt.Fprintf(w, "  %s %s%s in %s\n", s.Effect, s.Statement, sid, source{Flag: s.Flag, File: s.File})
		}
		if r.GrantId != "" {
			fmt.Fprintf(w, "  grant %s in %s\n", r.GrantId, r.Grant)
		}
		for _, v := range r.Verdicts {
			if v.Policy == evaluate.TypeSCP || v.Policy == evaluate.TypeRCP {
				fmt.Fprintf(w, "  %s level %d: %s\n", v.Flag, v.Level, v.Decision)
			} else {
				fmt.Fprintf(w, "  %s: %s\n", v.Flag, v.Decision)
			}
		}
		if len(r.MissingContextKeys) > 0 {
			fmt.Fprintf(w, "  missing context keys: %s\n", strings.Join(r.MissingContextKeys, ", "))
		}
		for _, d := range r.Diagnostics {
			where := ""
			if d.Where != "" {
				where = " " + d.Where
			}
			fmt.Fprintf(w, "  note: %s %s%s: %s\n", d.Severity, d.Code, where, d.Message)
		}
	}
	if a.AsExpected != nil {
		var off []string
		for _, r := range a.Results {
			if !*r.AsExpected {
				off = append(off, r.Action)
			}
		}
		fmt.Fprintln(w)
		if len(off) == 0 {
			fmt.Fprintf(w, "expect %s: every action as expected\n", a.Expect)
		} else {
			fmt.Fprintf(w, "expect %s: %d of %d actions not as expected: %s\n", a.Expect, len(off), len(a.Results), strings.Join(off, ", "))
		}
	}
}
