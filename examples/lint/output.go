package main

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/cksiam/cksiam/policy"
)

// writeJSON prints the report as one JSON object.
func writeJSON(w io.Writer, rep *report) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(rep)
}

// writeText prints one line per unsuppressed finding, as
// "file:line:column: SEVERITY CODE path: message", then a summary line.
func writeText(w io.Writer, rep *report) {
	counts := map[policy.Severity]int{}
	suppressed, shown := 0, 0
	for _, f := range rep.Findings {
		if f.Suppressed != nil {
			suppressed++
			continue
		}
		shown++
		counts[f.Severity]++
		fmt.Fprintf(w, "%s:%d:%d: %s\n", f.File, f.Line, f.Column, f.Finding)
	}
	var parts []string
	for s := policy.SeverityError; s <= policy.SeveritySuggestion; s++ {
		if counts[s] > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", counts[s], s))
		}
	}
	summary := fmt.Sprintf("%d %s checked as %s, %d %s", len(rep.Files), plural(len(rep.Files), "file", "files"), rep.Kind, shown, plural(shown, "finding", "findings"))
	if len(parts) > 0 {
		summary += " (" + strings.Join(parts, ", ") + ")"
	}
	if suppressed > 0 {
		summary += fmt.Sprintf(", %d suppressed", suppressed)
	}
	verdict := "pass"
	if rep.Failed {
		verdict = "FAIL"
	}
	fmt.Fprintf(w, "%s; -fail-on %s: %s\n", summary, rep.FailOn, verdict)
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
