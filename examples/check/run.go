package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/cksiam/cksiam/evaluate"
)

// run is the command: it returns the exit status.
func run(args []string, stdout, stderr io.Writer) int {
	in, err := parseInput(args, stderr)
	if errors.Is(err, flag.ErrHelp) {
		return 0
	}
	if err != nil {
		fmt.Fprintln(stderr, "check:", strings.TrimPrefix(err.Error(), errUsage.Error()+": "))
		return 2
	}
	res, err := evaluate.Evaluate(in.policies, in.request)
	if err != nil {
		fmt.Fprintln(stderr, "check:", err)
		return 2
	}
	if in.json {
		if err := writeJSON(stdout, in, res); err != nil {
			fmt.Fprintln(stderr, "check:", err)
			return 2
		}
	} else {
		writeText(stdout, in, res)
	}
	if res.Decision == evaluate.Allowed {
		return 0
	}
	return 1
}

// statement is one deciding statement as printed.
type statement struct {
	Path   string `json:"path"`
	File   string `json:"file"`
	Sid    string `json:"sid,omitempty"`
	Effect string `json:"effect"`
}

// answer is the -json output.
type answer struct {
	Decision           evaluate.Decision `json:"decision"`
	Reason             string            `json:"reason"`
	Statements         []statement       `json:"statements"`
	Verdicts           []verdict         `json:"verdicts"`
	MissingContextKeys []string          `json:"missingContextKeys"`
	Diagnostics        []string          `json:"diagnostics"`
}

type verdict struct {
	Policy   string            `json:"policy"`
	Level    int               `json:"level"`
	Decision evaluate.Decision `json:"decision"`
}

func makeAnswer(in *input, res evaluate.Result) answer {
	a := answer{Decision: res.Decision, Reason: res.Reason, Statements: []statement{}, Verdicts: []verdict{},
		MissingContextKeys: append([]string{}, res.MissingContextKeys...), Diagnostics: []string{}}
	for _, s := range res.Statements {
		path := s.Path()
		doc, _, _ := strings.Cut(path, ".Statement")
		file := in.files[doc]
		a.Statements = append(a.Statements, statement{Path: path, File: file, Sid: s.Sid, Effect: string(s.Effect)})
	}
	for _, v := range res.Verdicts {
		a.Verdicts = append(a.Verdicts, verdict{Policy: string(v.Type), Level: v.Level, Decision: v.Decision})
	}
	for _, d := range res.Diagnostics {
		a.Diagnostics = append(a.Diagnostics, d.String())
	}
	return a
}

func writeJSON(w io.Writer, in *input, res evaluate.Result) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(makeAnswer(in, res))
}

func writeText(w io.Writer, in *input, res evaluate.Result) {
	a := makeAnswer(in, res)
	r := in.request
	fmt.Fprintf(w, "%s: %s %s on %s\n", a.Decision, r.Principal, r.Action, r.Resource)
	fmt.Fprintf(w, "why: %s\n", a.Reason)
	for _, s := range a.Statements {
		sid := ""
		if s.Sid != "" {
			sid = fmt.Sprintf(" (Sid %q)", s.Sid)
		}
		fmt.Fprintf(w, "  %s %s%s in %s\n", s.Effect, s.Path, sid, s.File)
	}
	for _, v := range a.Verdicts {
		fmt.Fprintf(w, "  %s policy: %s\n", v.Policy, v.Decision)
	}
	if len(a.MissingContextKeys) > 0 {
		fmt.Fprintf(w, "  missing context keys: %s\n", strings.Join(a.MissingContextKeys, ", "))
	}
	for _, d := range a.Diagnostics {
		fmt.Fprintf(w, "  note: %s\n", d)
	}
}
