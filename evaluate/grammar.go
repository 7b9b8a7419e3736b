package evaluate

import (
	"strconv"
	"strings"

	"github.com/cksiam/cksiam/policy"
)

// Compile checks every document against the policy grammar with
// policy.Validate, so that the engine and the validator agree on what a
// document says: a statement the validator calls malformed ("s3:GetObject "
// with a trailing space, a Resource that is not an ARN, a Version that
// does not exist, invalid UTF-8 in a Go-built document) would otherwise
// match nothing, and a Deny that matches nothing fails open.
//
// Three kinds of error findings do not make a document unreadable:
//
//   - limits on what a customer may create rather than on what AWS reads:
//     the size quotas (AWS's own managed policies exceed them) and the RCP
//     rules that only RCPFullAWSAccess may Allow and may name the action
//     "*" (RCPFullAWSAccess itself does);
//   - condition values an operator cannot read (INVALID_CONDITION_VALUE,
//     POLICY_VARIABLE_NOT_SUPPORTED, MALFORMED_POLICY_VARIABLE such as
//     "${}" or "${${x}}"): the entry that holds one cannot be
//     decided, so its statement cannot allow and, as a Deny, applies unless
//     another of its conditions is certainly false (see condEntry.bad).
//
// The catalog is not consulted: an action newer than the catalog is valid.

// grammarNotes is what policy.Validate found wrong in one document.
type grammarNotes struct {
	doc     *policy.Finding          // the first document-level error, if any
	stmts   map[int][]policy.Finding // the errors of each statement, in document order
	entries map[entryAt]string       // condition entries whose values cannot be read: why
}

// entryAt names one condition entry of a document.
type entryAt struct {
	stmt    int
	op, key string
}

// kindOf is the policy.Kind whose grammar a document of type t follows. A
// resource policy's kind (key, trust, bucket policy…) depends on the
// request, so Compile checks the grammar all resource policies share.
func kindOf(t PolicyType) policy.Kind {
	switch t {
	case TypeBoundary:
		return policy.PermissionsBoundary
	case TypeSession:
		return policy.SessionPolicy
	case TypeResource:
		return policy.ResourcePolicy
	case TypeSCP:
		return policy.SCP
	case TypeRCP:
		return policy.RCP
	}
	return policy.IdentityPolicy
}

// customerLimit reports whether a finding code is a limit on what a
// customer may create rather than a rule of the grammar AWS reads.
func customerLimit(code string) bool {
	switch code {
	case policy.CodePolicySizeExceeded, policy.CodeRCPAllow, policy.CodeRCPActionWildcard:
		return true
	}
	return false
}

// valueFinding reports whether a finding code is about one condition
// value, which the engine handles entry by entry.
func valueFinding(code string) bool {
	return code == policy.CodeInvalidConditionValue || code == policy.CodeVariableNotSupported || code == policy.CodeMalformedVariable
}

// checkGrammar validates d as a document of type t and sorts the errors
// by where they are. Only errors count, so policy.ValidateErrors, which
// does not make the warnings; a size quota exceeded is a customer limit,
// dropped like the others.
func checkGrammar(d *policy.Document, t PolicyType) grammarNotes {
	var g grammarNotes
	for _, f := range policy.ValidateErrors(d, kindOf(t)) {
		if f.Severity != policy.SeverityError || customerLimit(f.Code) {
			continue
		}
		i, rest, ok := statementOf(f.Path)
		if !ok || i >= len(d.Statement) {
			if g.doc == nil {
				f := f
				g.doc = &f
			}
			continue
		}
		if valueFinding(f.Code) {
			if at, ok := entryOf(&d.Statement[i], i, rest); ok {
				if g.entries == nil {
					g.entries = map[entryAt]string{}
				}
				if _, seen := g.entries[at]; !seen {
					g.entries[at] = f.Message
				}
				continue
			}
		}
		if g.stmts == nil {
			g.stmts = map[int][]policy.Finding{}
		}
		g.stmts[i] = append(g.stmts[i], f)
	}
	return g
}

// statementOf reads "Statement[i]…" into i and the rest after the index.
func statementOf(path string) (int, string, bool) {
	rest, ok := strings.CutPrefix(path, "Statement[")
	if !ok {
		return 0, "", false
	}
	end := strings.IndexByte(rest, ']')
	if end <= 0 {
		return 0, "", false
	}
	i, err := strconv.Atoi(rest[:end])
	if err != nil || i < 0 {
		return 0, "", false
	}
	return i, rest[end+1:], true
}

// entryOf finds the condition entry a finding's path (after
// "Statement[i]") names: ".Condition.Operator.Key[k]" (a value's path) or
// ".Condition.Operator.Key". A key may itself end in "[k]" (condition keys
// are open text), so the path is read whole: "k[0][1]" is value 1 of the
// key "k[0]", never a value of the key "k" — a valid entry marked
// unreadable would be evaluated as an error.
func entryOf(st *policy.Statement, i int, rest string) (entryAt, bool) {
	rest, ok := strings.CutPrefix(rest, ".Condition.")
	if !ok {
		return entryAt{}, false
	}
	for _, exact := range []bool{false, true} {
		for _, b := range st.Condition {
			r, ok := strings.CutPrefix(rest, b.Operator+".")
			if !ok {
				continue
			}
			for _, e := range b.Entries {
				if exact && r == e.Key || !exact && isValueOf(r, e.Key) {
					return entryAt{stmt: i, op: b.Operator, key: e.Key}, true
				}
			}
		}
	}
	return entryAt{}, false
}

// isValueOf reports whether path is key followed by one index, "[k]".
func isValueOf(path, key string) bool {
	idx, ok := strings.CutPrefix(path, key+"[")
	if !ok {
		return false
	}
	digits, ok := strings.CutSuffix(idx, "]")
	if !ok || digits == "" {
		return false
	}
	for j := 0; j < len(digits); j++ {
		if digits[j] < '0' || digits[j] > '9' {
			return false
		}
	}
	return true
}

// grammarError is the error Compile returns for a finding in strict mode.
func grammarError(doc string, f policy.Finding) error {
	path := doc
	if f.Path != "" {
		path += "." + f.Path
	}
	// The text reaches users of commands too, who have no Go options: it
	// names the finding, not the LooseDocuments option (documented on
	// Compile and LooseDocuments).
	return policyError(path, f.Message+" ("+f.Code+"; the policy grammar does not allow it, and the engine will not guess what it means)")
}

// failClosedValues rewrites a statement whose only errors are in values of
// Action, NotAction, Resource or NotResource, reading each such value the
// way that makes the statement apply more if it is a Deny and less if it is
// an Allow: as "*" where matching more does that (a Deny's Action or
// Resource, an Allow's NotAction or NotResource), and as nothing where
// matching less does. Every other element is read as written. It returns
// false when some error is elsewhere (LooseDocuments then reads the whole
// statement fail-closed).
func failClosedValues(st policy.Statement, fs []policy.Finding) (policy.Statement, []string, bool) {
	if st.Effect != policy.Allow && st.Effect != policy.Deny {
		return st, nil, false
	}
	type elem struct {
		name string
		vals *policy.Strings
		not  bool
	}
	elems := []elem{{"Action", &st.Action, false}, {"NotAction", &st.NotAction, true}, {"Resource", &st.Resource, false}, {"NotResource", &st.NotResource, true}}
	drop := map[*policy.Strings]map[int]bool{}
	var notes []string
	for _, f := range fs {
		_, rest, ok := statementOf(f.Path)
		if !ok {
			return st, nil, false
		}
		found := false
		for _, el := range elems {
			r, ok := strings.CutPrefix(rest, "."+el.name+"[")
			if !ok {
				continue
			}
			j, err := strconv.Atoi(strings.TrimSuffix(r, "]"))
			if err != nil || !strings.HasSuffix(r, "]") || j < 0 || j >= len(el.vals.Values) {
				return st, nil, false
			}
			if drop[el.vals] == nil {
				drop[el.vals] = map[int]bool{}
			}
			drop[el.vals][j] = true
			how := "as matching nothing"
			if (st.Effect == policy.Deny) != el.not {
				how = `as "*"`
			}
			notes = append(notes, el.name+"["+strconv.Itoa(j)+"] read "+how+" ("+f.Message+")")
			found = true
			break
		}
		if !found {
			return st, nil, false
		}
	}
	for _, el := range elems {
		d := drop[el.vals]
		if d == nil {
			continue
		}
		wide := (st.Effect == policy.Deny) != el.not
		vals := make([]string, 0, len(el.vals.Values))
		for j, v := range el.vals.Values {
			if !d[j] {
				vals = append(vals, v)
			}
		}
		if wide {
			vals = append(vals, "*")
		}
		*el.vals = policy.Strings{Values: vals}
	}
	return st, notes, true
}
