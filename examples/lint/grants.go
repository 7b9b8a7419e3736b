package main

import (
	"errors"
	"sort"
	"strconv"

	"github.com/cksiam/cksiam/evaluate"
	"github.com/cksiam/cksiam/evaluate/kmskey"
	"github.com/cksiam/cksiam/internal/cli"
	"github.com/cksiam/cksiam/policy"
	"github.com/cksiam/cksiam/policy/catalog"
)

// readKeyMetadata reads -key-metadata (describe-key output) into the facts
// the grant checks use; nil when the flag is not given.
func readKeyMetadata(files *cli.Files, name string) (*evaluate.KeyFacts, error) {
	if name == "" {
		return nil, nil
	}
	data, err := files.Read("-key-metadata", name)
	if err != nil {
		return nil, err
	}
	meta, err := kmskey.ReadKeyMetadata(data)
	if err != nil {
		return nil, cli.Usagef("-key-metadata %s: %v", name, err)
	}
	return kmskey.Facts(meta, nil), nil
}

// checkGrants reviews one file of a key's grants — aws kms list-grants
// output or IAM Access Analyzer's key configuration — and places each
// finding at its line and column. A key configuration's key policy is
// validated as a key policy; its findings are placed at the policy's
// string, with the path inside the policy after "keyPolicies.default.".
func checkGrants(name string, data []byte, key *evaluate.KeyFacts, cat *catalog.Catalog) []finding {
	file, err := kmskey.ReadGrantsFile(data)
	if err != nil {
		f := finding{File: name, Line: 1, Column: 1, Finding: policy.Finding{Severity: policy.SeverityError, Code: codeParseError, Message: err.Error()}}
		var e *kmskey.Error
		if errors.As(err, &e) {
			f.Path, f.Message = pagePath(e.Page, e.Path), e.Reason
			if e.Page <= 1 && e.Path != "" {
				pos, _ := policy.Locate(data, e.Path)
				f.Line, f.Column = pos.Line, pos.Column
			}
		}
		return []finding{f}
	}
	var out []finding
	if cfg := file.Configuration; cfg != nil && cfg.KeyPolicyText != nil {
		pos, _ := policy.Locate(data, "keyPolicies.default")
		fs, err := policy.ValidateJSON(cfg.KeyPolicyText, policy.KeyPolicy, policy.WithChecker(cat))
		if err != nil { // the reader parsed it; kept for safety
			fs = []policy.Finding{{Severity: policy.SeverityError, Code: codeParseError, Message: err.Error()}}
		}
		for _, f := range fs {
			f.Path = "keyPolicies.default" + dotted(f.Path)
			out = append(out, finding{File: name, Line: pos.Line, Column: pos.Column, Finding: f})
		}
	}
	for _, f := range kmskey.CheckGrants(file.Grants, key) {
		fd := finding{File: name, Line: 1, Column: 1, Finding: f}
		if i, field, ok := kmskey.SplitGrantPath(f.Path); ok {
			if loc, _, found := kmskey.Locate(data, i, field); found {
				pos := policy.PositionAt(data, int64(loc.Offset))
				if loc.Page == 1 {
					// As for policies: a member at its name, an item at its value.
					pos, _ = policy.Locate(data, loc.Path)
				}
				fd.Line, fd.Column, fd.Path = pos.Line, pos.Column, pagePath(loc.Page, loc.Path)
			}
		}
		out = append(out, fd)
	}
	// In document order, as policy findings are.
	sort.SliceStable(out, func(i, j int) bool {
		return out[i].Line < out[j].Line || out[i].Line == out[j].Line && out[i].Column < out[j].Column
	})
	return out
}

// pagePath names a JSON path in a file of several JSON values (the pages
// of a listing): "page 2 Grants[0]" from the second on.
func pagePath(page int, path string) string {
	if page > 1 {
		return "page " + strconv.Itoa(page) + " " + path
	}
	return path
}

func dotted(path string) string {
	if path == "" || path[0] == '[' {
		return path
	}
	return "." + path
}
