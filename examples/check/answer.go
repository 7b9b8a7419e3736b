package main

import (
	"strings"

	"github.com/cksiam/cksiam/evaluate"
	"github.com/cksiam/cksiam/policy"
)

// answer is the -json output: the request, one result per action (sorted
// by action, ignoring case), and the notes about the request as a whole.
type answer struct {
	Principal string `json:"principal"`
	Resource  string `json:"resource"`
	// Expect is the -expect value; AsExpected says whether every result
	// matched it. Both are absent without -expect.
	Expect     string   `json:"expect,omitempty"`
	AsExpected *bool    `json:"asExpected,omitempty"`
	Notes      []string `json:"notes"`
	Results    []result `json:"results"`
}

// result is the decision on one action.
type result struct {
	Action             string            `json:"action"`
	Decision           evaluate.Decision `json:"decision"`
	AsExpected         *bool             `json:"asExpected,omitempty"`
	Reason             string            `json:"reason"`
	Statements         []statement       `json:"statements"`
	Verdicts           []verdict         `json:"verdicts"`
	MissingContextKeys []string          `json:"missingContextKeys"`
	Diagnostics        []diagnostic      `json:"diagnostics"`
	// GrantId names the KMS grant that allowed (or, for kms:RetireGrant,
	// whose rules let the caller retire it), and Grant says where the
	// -grants file has it; both absent otherwise.
	GrantId string    `json:"grantId,omitempty"`
	Grant   *grantRef `json:"grant,omitempty"`
}

// grantRef is where a grant is: the flag and file, and its JSON path in
// the file ("Grants[2]", "grants[0]"), after "page N " when the file holds
// several pages of a listing.
type grantRef struct {
	Flag string `json:"flag"`
	File string `json:"file"`
	Path string `json:"path"`
}

// String returns "-grants grants.json Grants[2]".
func (g *grantRef) String() string {
	return source{Flag: g.Flag, File: g.File}.String() + " " + g.Path
}

// statement is one deciding statement: its path in the library's terms,
// the flag and file of its document, and its Sid and effect.
type statement struct {
	Path      string `json:"path"`
	Flag      string `json:"flag"`
	File      string `json:"file"`
	Statement string `json:"statement"`
	Sid       string `json:"sid,omitempty"`
	Effect    string `json:"effect"`
}

// verdict is what one policy flag (one level, for -scp and -rcp) said.
type verdict struct {
	Policy   evaluate.PolicyType `json:"policy"`
	Flag     string              `json:"flag"`
	Level    int                 `json:"level"`
	Decision evaluate.Decision   `json:"decision"`
}

// diagnostic is an engine note, with its location in flags.
type diagnostic struct {
	Severity policy.Severity `json:"severity"`
	Code     string          `json:"code"`
	Where    string          `json:"where,omitempty"`
	Message  string          `json:"message"`
}

// denied reports whether d is a denial.
func denied(d evaluate.Decision) bool { return d != evaluate.Allowed }

// makeResult turns the library's result into the command's terms.
func (in *input) makeResult(action string, res evaluate.Result) result {
	r := result{Action: action, Decision: res.Decision, Reason: in.flagText(res.Reason), Statements: []statement{}, Verdicts: []verdict{},
		MissingContextKeys: append([]string{}, res.MissingContextKeys...), Diagnostics: []diagnostic{}}
	if in.expect != "" {
		ok := denied(res.Decision) == (in.expect == expectDenied)
		r.AsExpected = &ok
	}
	for _, s := range res.Statements {
		path := s.Path()
		doc, rest, _ := strings.Cut(path, ".")
		src := in.sources[doc]
		r.Statements = append(r.Statements, statement{Path: path, Flag: src.Flag, File: src.File, Statement: rest, Sid: s.Sid, Effect: string(s.Effect)})
	}
	for _, v := range res.Verdicts {
		r.Verdicts = append(r.Verdicts, verdict{Policy: v.Type, Flag: typeFlags[v.Type], Level: v.Level, Decision: v.Decision})
	}
	if res.GrantId != "" {
		r.GrantId, r.Grant = res.GrantId, in.grantOf(res.GrantId)
	}
	for _, d := range res.Diagnostics {
		r.Diagnostics = append(r.Diagnostics, diagnostic{Severity: d.Severity, Code: d.Code, Where: in.flagPath(d.Where), Message: in.flagText(d.Message)})
	}
	return r
}
