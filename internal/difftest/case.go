package difftest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
)

// Decision is a decision as the IAM policy simulator writes it.
type Decision string

// The decisions, with the same strings as the IAM SDK's
// types.PolicyEvaluationDecisionType, plus Error for a case that an engine
// refused to decide.
const (
	Allowed      Decision = "allowed"
	ExplicitDeny Decision = "explicitDeny"
	ImplicitDeny Decision = "implicitDeny"
	Error        Decision = "error"
)

// Case is one differential test case: the policies that apply, as JSON
// text, and the request to decide.
type Case struct {
	// ID names the case within one generated set ("c00042").
	ID string `json:"id"`
	// Tags are the features the case exercises, sorted; Deviation rules
	// match on them.
	Tags []string `json:"tags"`
	// Policies are the policies of every type that take part.
	Policies Policies `json:"policies"`
	// Request is the request to decide.
	Request Request `json:"request"`
}

// Policies holds the policy documents of one case as JSON text, one field
// per policy type (the same split as evaluate.Policies).
type Policies struct {
	Identity []string   `json:"identity,omitempty"` // identity policies
	Boundary string     `json:"boundary,omitempty"` // permissions boundary; empty for none
	Session  string     `json:"session,omitempty"`  // session policy; empty for none
	Resource string     `json:"resource,omitempty"` // resource policy; empty for none
	SCPs     [][]string `json:"scps,omitempty"`     // SCPs per organization level, root first
	RCPs     [][]string `json:"rcps,omitempty"`     // RCPs per organization level, root first
}

// Request is the request of one case.
type Request struct {
	Principal string `json:"principal"` // the caller's ARN
	Action    string `json:"action"`    // "service:Action"
	Resource  string `json:"resource"`  // the resource ARN, or "*"
	// ResourceAccount owns the resource; empty when the resource ARN names
	// its account.
	ResourceAccount string `json:"resourceAccount,omitempty"`
	// Context maps condition keys to their values. A key with an empty list
	// is present with no values (an empty multivalued key).
	Context map[string][]string `json:"context"`
	// MultiValued lists the context keys that are multivalued (ArrayOf...
	// keys), sorted, so that an engine can tell a one-element set from a
	// single value.
	MultiValued []string `json:"multiValued,omitempty"`
}

// HasTag reports whether c carries tag.
func (c *Case) HasTag(tag string) bool {
	for _, t := range c.Tags {
		if t == tag {
			return true
		}
	}
	return false
}

// Result is one engine's decision on one case.
type Result struct {
	ID       string   `json:"id"`       // the case's ID
	Decision Decision `json:"decision"` // what the engine decided
	// Detail explains an Error decision, or lists context keys the engine
	// ignored.
	Detail string `json:"detail,omitempty"`
}

// WriteJSON writes v as indented JSON followed by a newline. Map keys are
// sorted by encoding/json, so the output is deterministic.
func WriteJSON(w io.Writer, v any) error {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", " ")
	if err := enc.Encode(v); err != nil {
		return err
	}
	_, err := w.Write(buf.Bytes())
	return err
}

// ReadCases reads a case file written by WriteJSON.
func ReadCases(path string) ([]Case, error) {
	var cs []Case
	if err := readJSON(path, &cs); err != nil {
		return nil, err
	}
	return cs, nil
}

// ReadResults reads a decision file: a JSON array of Result.
func ReadResults(path string) ([]Result, error) {
	var rs []Result
	if err := readJSON(path, &rs); err != nil {
		return nil, err
	}
	return rs, nil
}

func readJSON(path string, v any) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}
