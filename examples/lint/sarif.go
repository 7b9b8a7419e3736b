package main

import (
	"encoding/json"
	"io"
	"net/url"
	"path/filepath"
	"sort"
	"strings"

	"github.com/cksiam/cksiam/policy"
)

// The SARIF 2.1.0 objects the command writes (OASIS Static Analysis
// Results Interchange Format, https://docs.oasis-open.org/sarif/sarif/v2.1.0/sarif-v2.1.0.html),
// the format code-scanning services read.

type sarifLog struct {
	Schema  string     `json:"$schema"`
	Version string     `json:"version"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool       sarifTool     `json:"tool"`
	Artifacts  []sarifArt    `json:"artifacts"`
	Results    []sarifResult `json:"results"`
	ColumnKind string        `json:"columnKind"`
}

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name           string            `json:"name"`
	InformationURI string            `json:"informationUri"`
	Rules          []sarifRule       `json:"rules"`
	Properties     map[string]string `json:"properties,omitempty"`
}

type sarifRule struct {
	ID                   string          `json:"id"`
	ShortDescription     sarifText       `json:"shortDescription"`
	DefaultConfiguration sarifConfig     `json:"defaultConfiguration"`
	Properties           *sarifRuleProps `json:"properties,omitempty"`
}

type sarifRuleProps struct {
	Tags []string `json:"tags"`
}

type sarifConfig struct {
	Level string `json:"level"`
}

type sarifText struct {
	Text string `json:"text"`
}

type sarifArt struct {
	Location sarifArtLoc `json:"location"`
}

type sarifArtLoc struct {
	URI   string `json:"uri"`
	Index *int   `json:"index,omitempty"`
}

type sarifResult struct {
	RuleID       string             `json:"ruleId"`
	RuleIndex    int                `json:"ruleIndex"`
	Level        string             `json:"level"`
	Message      sarifText          `json:"message"`
	Locations    []sarifLocation    `json:"locations"`
	Suppressions []sarifSuppression `json:"suppressions,omitempty"`
	Properties   map[string]string  `json:"properties"`
}

type sarifLocation struct {
	PhysicalLocation sarifPhysical     `json:"physicalLocation"`
	LogicalLocations []sarifLogicalLoc `json:"logicalLocations,omitempty"`
}

type sarifPhysical struct {
	ArtifactLocation sarifArtLoc `json:"artifactLocation"`
	Region           sarifRegion `json:"region"`
}

type sarifRegion struct {
	StartLine   int `json:"startLine"`
	StartColumn int `json:"startColumn"`
}

type sarifLogicalLoc struct {
	FullyQualifiedName string `json:"fullyQualifiedName"`
	Kind               string `json:"kind"`
}

type sarifSuppression struct {
	Kind          string `json:"kind"`
	Justification string `json:"justification"`
}

// sarifLevel maps a severity to a SARIF level: errors are "error", both
// kinds of warning "warning", suggestions "note".
func sarifLevel(s policy.Severity) string {
	switch s {
	case policy.SeverityError:
		return "error"
	case policy.SeveritySuggestion:
		return "note"
	}
	return "warning"
}

// writeSARIF prints the report as a SARIF 2.1.0 log with one run. Every
// finding is a result, suppressed ones with their suppression (so that a
// code-scanning service shows them as dismissed, with the reason). Columns
// count characters (columnKind unicodeCodePoints); policy text holds no
// character outside U+0000–U+00FF, so they are UTF-16 code units too.
func writeSARIF(w io.Writer, rep *report) error {
	run := sarifRun{
		Tool: sarifTool{Driver: sarifDriver{Name: "cksiam-lint", InformationURI: "https://github.com/cksiam/cksiam",
			Rules: []sarifRule{}, Properties: map[string]string{"catalog": rep.Catalog, "kind": rep.Kind.String(), "failOn": rep.FailOn}}},
		Artifacts: []sarifArt{}, Results: []sarifResult{}, ColumnKind: "unicodeCodePoints",
	}
	// Rules: one per code, sorted; a code's level is that of its most
	// serious finding.
	level := map[string]policy.Severity{}
	for _, f := range rep.Findings {
		if s, ok := level[f.Code]; !ok || f.Severity < s {
			level[f.Code] = f.Severity
		}
	}
	codes := make([]string, 0, len(level))
	for c := range level {
		codes = append(codes, c)
	}
	sort.Strings(codes)
	ruleIndex := map[string]int{}
	for i, c := range codes {
		ruleIndex[c] = i
		r := sarifRule{ID: c, ShortDescription: sarifText{Text: ruleTitle(c)}, DefaultConfiguration: sarifConfig{Level: sarifLevel(level[c])}}
		if level[c] == policy.SeveritySecurityWarning {
			r.Properties = &sarifRuleProps{Tags: []string{"security"}}
		}
		run.Tool.Driver.Rules = append(run.Tool.Driver.Rules, r)
	}
	artIndex := map[string]int{}
	artifact := func(file string) sarifArtLoc {
		i, ok := artIndex[file]
		if !ok {
			i = len(run.Artifacts)
			artIndex[file] = i
			run.Artifacts = append(run.Artifacts, sarifArt{Location: sarifArtLoc{URI: fileURI(file)}})
		}
		return sarifArtLoc{URI: fileURI(file), Index: &i}
	}
	for _, f := range rep.Files {
		artifact(f)
	}
	for _, f := range rep.Findings {
		loc := sarifLocation{PhysicalLocation: sarifPhysical{ArtifactLocation: artifact(f.File), Region: sarifRegion{StartLine: f.Line, StartColumn: f.Column}}}
		if f.Path != "" {
			loc.LogicalLocations = []sarifLogicalLoc{{FullyQualifiedName: f.Path, Kind: "element"}}
		}
		res := sarifResult{RuleID: f.Code, RuleIndex: ruleIndex[f.Code], Level: sarifLevel(f.Severity), Message: sarifText{Text: f.Message},
			Locations: []sarifLocation{loc}, Properties: map[string]string{"severity": f.Severity.String()}}
		if f.Suppressed != nil {
			res.Suppressions = []sarifSuppression{{Kind: "external", Justification: f.Suppressed.Reason}}
		}
		run.Results = append(run.Results, res)
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(sarifLog{Schema: "https://json.schemastore.org/sarif-2.1.0.json", Version: "2.1.0", Runs: []sarifRun{run}})
}

// ruleTitle turns a code into words: "MISSING_VERSION" -> "Missing version".
func ruleTitle(code string) string {
	words := strings.ToLower(strings.ReplaceAll(code, "_", " "))
	if words == "" {
		return code
	}
	return strings.ToUpper(words[:1]) + words[1:]
}

// fileURI writes a file name as a URI reference: a relative path stays
// relative (code-scanning services resolve it against the repository
// root), an absolute one becomes a file: URI.
func fileURI(name string) string {
	slashed := filepath.ToSlash(name)
	if filepath.IsAbs(name) {
		if !strings.HasPrefix(slashed, "/") {
			slashed = "/" + slashed // a Windows drive path
		}
		return (&url.URL{Scheme: "file", Path: slashed}).String()
	}
	return (&url.URL{Path: slashed}).String()
}
