package main

import (
	"fmt"
	"path/filepath"
	"strconv"

	"github.com/cksiam/cksiam/internal/cli"
	"github.com/cksiam/cksiam/policy"
)

// suppression is one entry of the suppressions file: the findings with
// this code at this path (in this file, or in every file when File is
// empty) are suppressed, for the reason given.
type suppression struct {
	Code   string  `json:"code"`
	Path   *string `json:"path"` // required; "" for findings about the whole document
	File   string  `json:"file,omitempty"`
	Reason string  `json:"reason"`

	index int  // position in the file, for reporting
	used  bool // some finding matched
}

// suppressions is the parsed -suppressions file.
type suppressions struct {
	file    string // as given
	data    []byte
	entries []*suppression
}

// codeParseError is the code of the finding for a file that does not
// parse. It cannot be suppressed: such a file was not checked at all.
const codeParseError = "PARSE_ERROR"

// codeUnusedSuppression is the code of the finding for a suppression no
// finding matched: the problem it excused is gone (or it never matched),
// so it should be removed before it hides a new finding.
const codeUnusedSuppression = "UNUSED_SUPPRESSION"

// readSuppressions reads and checks the suppressions file.
func readSuppressions(files *cli.Files, name string) (*suppressions, error) {
	s := &suppressions{file: name}
	if name == "" {
		return s, nil
	}
	data, err := files.Read("-suppressions", name)
	if err != nil {
		return nil, err
	}
	s.data = data
	list, err := decodeSuppressions(data)
	if err != nil {
		return nil, cli.Usagef("-suppressions %s: %v (want {\"suppressions\": [{\"code\": …, \"path\": …, \"file\": …, \"reason\": …}]})", name, err)
	}
	seen := map[string]int{}
	for i, e := range list {
		where := fmt.Sprintf("-suppressions %s: suppressions[%d]", name, i)
		switch {
		case e.Code == "":
			return nil, cli.Usagef("%s: code is required", where)
		case e.Code == codeParseError:
			return nil, cli.Usagef("%s: %s cannot be suppressed: a file that does not parse was not checked", where, codeParseError)
		case e.Path == nil:
			return nil, cli.Usagef(`%s: path is required ("" for findings about the whole document)`, where)
		case e.Reason == "":
			return nil, cli.Usagef("%s: reason is required: say why the finding is accepted", where)
		}
		if e.File != "" {
			e.File = cleanName(e.File)
		}
		key := e.Code + "\x00" + *e.Path + "\x00" + e.File
		if j, dup := seen[key]; dup {
			return nil, cli.Usagef("%s: the same code, path and file as suppressions[%d]", where, j)
		}
		seen[key] = i
		e.index = i
		s.entries = append(s.entries, e)
	}
	return s, nil
}

// match returns the suppression of a finding in file, marking it used, or
// nil.
func (s *suppressions) match(file string, f policy.Finding) *suppression {
	if f.Code == codeParseError {
		return nil
	}
	var found *suppression
	for _, e := range s.entries {
		if e.Code == f.Code && *e.Path == f.Path && (e.File == "" || e.File == cleanName(file)) {
			e.used = true
			if found == nil {
				found = e
			}
		}
	}
	return found
}

// unused returns a finding for each suppression no finding matched, placed
// at its entry in the suppressions file.
func (s *suppressions) unused() []finding {
	var out []finding
	for _, e := range s.entries {
		if e.used {
			continue
		}
		scope := "in any file"
		if e.File != "" {
			scope = "in " + e.File
		}
		path := "suppressions[" + strconv.Itoa(e.index) + "]"
		pos, _ := policy.Locate(s.data, path)
		out = append(out, finding{File: s.file, Line: pos.Line, Column: pos.Column, Finding: policy.Finding{
			Severity: policy.SeverityWarning, Code: codeUnusedSuppression, Path: path,
			Message: fmt.Sprintf("no finding matched %s at %q %s; remove the suppression, or it may hide a new finding", e.Code, *e.Path, scope),
		}})
	}
	return out
}

// cleanName is the form file names are compared in: cleaned, with '/'.
func cleanName(name string) string { return filepath.ToSlash(filepath.Clean(name)) }
