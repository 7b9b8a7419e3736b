package main

import (
	"errors"
	"io"
	"os"
	"sort"

	"github.com/cksiam/cksiam/internal/cli"
	"github.com/cksiam/cksiam/policy"
	"github.com/cksiam/cksiam/policy/catalog"
)

// run is the command: it returns the exit status.
func run(args []string, stdout, stderr io.Writer) int {
	return runWithStdin(args, os.Stdin, stdout, stderr)
}

// runWithStdin is run reading files named "-" from stdin.
func runWithStdin(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	o, err := parseFlags(args, stderr)
	if err != nil {
		return cli.Fail(stderr, "lint", err)
	}
	rep, err := lint(o, cli.NewFiles(stdin))
	if err != nil {
		return cli.Fail(stderr, "lint", err)
	}
	switch o.format {
	case formatJSON:
		err = writeJSON(stdout, rep)
	case formatSARIF:
		err = writeSARIF(stdout, rep)
	default:
		writeText(stdout, rep)
	}
	if err != nil {
		return cli.Fail(stderr, "lint", err)
	}
	if rep.Failed {
		return cli.ExitFail
	}
	return cli.ExitOK
}

// finding is one finding with the file and the line and column it is at.
type finding struct {
	File   string `json:"file"`
	Line   int    `json:"line"`
	Column int    `json:"column"`
	policy.Finding
	// Suppressed holds the reason when a suppression matched; a suppressed
	// finding does not count towards the exit status.
	Suppressed *suppressedBy `json:"suppressed,omitempty"`
}

// suppressedBy is the suppression that matched a finding.
type suppressedBy struct {
	Reason string `json:"reason"`
}

// report is the outcome of a run: the -json output.
type report struct {
	Kind    fileKind `json:"kind"`
	FailOn  string   `json:"failOn"`
	Catalog string   `json:"catalog"`
	// Files are the files checked, sorted, each once.
	Files []string `json:"files"`
	// Findings are sorted by file, then in the order Validate reports them
	// (document order); the suppressions file's own findings (unused
	// suppressions) are among them.
	Findings []finding `json:"findings"`
	// Failed is true when the exit status is 1.
	Failed bool `json:"failed"`

	threshold threshold
}

// lint checks every file and applies the suppressions and the threshold.
func lint(o *options, files *cli.Files) (*report, error) {
	sup, err := readSuppressions(files, o.suppressions)
	if err != nil {
		return nil, err
	}
	key, err := readKeyMetadata(files, o.keyMetadata)
	if err != nil {
		return nil, err
	}
	cat := catalog.Default()
	rep := &report{Kind: o.kind, FailOn: o.failOn.String(), Catalog: cat.Source(), Files: []string{}, Findings: []finding{}, threshold: o.failOn}
	names := map[string]bool{}
	type checked struct {
		name     string
		findings []finding
		linted   bool // a policy file, not the suppressions file
	}
	var all []checked
	for _, name := range o.files {
		data, err := files.Read("", name)
		if err != nil {
			return nil, err
		}
		shown := name
		if name == cli.StdinName {
			shown = o.stdinName
		}
		shown = cleanName(shown)
		if names[shown] {
			continue
		}
		names[shown] = true
		var fs []finding
		if o.kind.grants {
			fs = checkGrants(shown, data, key, cat)
		} else {
			fs = check(shown, data, o.kind.policy, cat)
		}
		all = append(all, checked{shown, fs, true})
	}
	for _, c := range all {
		for i := range c.findings {
			if s := sup.match(c.name, c.findings[i].Finding); s != nil {
				c.findings[i].Suppressed = &suppressedBy{Reason: s.Reason}
			}
		}
	}
	// Unused suppressions are known once every finding has been matched.
	if unused := sup.unused(); len(unused) > 0 {
		all = append(all, checked{cleanName(sup.file), unused, false})
	}
	sort.SliceStable(all, func(i, j int) bool { return all[i].name < all[j].name })
	for _, c := range all {
		if c.linted {
			rep.Files = append(rep.Files, c.name)
		}
		rep.Findings = append(rep.Findings, c.findings...)
	}
	for _, f := range rep.Findings {
		if f.Suppressed == nil && (f.Code == codeParseError || o.failOn.reached(f.Severity)) {
			rep.Failed = true
		}
	}
	return rep, nil
}

// check validates one file's text and places each finding at its line and
// column.
func check(name string, data []byte, kind policy.Kind, cat *catalog.Catalog) []finding {
	fs, err := policy.ValidateJSON(data, kind, policy.WithChecker(cat))
	if err != nil {
		f := finding{File: name, Line: 1, Column: 1, Finding: policy.Finding{Severity: policy.SeverityError, Code: codeParseError, Message: err.Error()}}
		var perr *policy.Error
		if errors.As(err, &perr) {
			f.Path, f.Message = perr.Path, perr.Reason
			if perr.Offset >= 0 {
				pos := policy.PositionAt(data, perr.Offset)
				f.Line, f.Column = pos.Line, pos.Column
			}
		}
		return []finding{f}
	}
	out := make([]finding, 0, len(fs))
	for _, f := range fs {
		pos, _ := policy.Locate(data, f.Path)
		out = append(out, finding{File: name, Line: pos.Line, Column: pos.Column, Finding: f})
	}
	return out
}
