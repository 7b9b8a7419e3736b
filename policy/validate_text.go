package policy

import (
	"strconv"
	"unicode/utf8"
)

// CodeInvalidCharacter: text with a character outside the policy character
// set — tab, LF, CR and U+0020–U+00FF (aws-rules A.1) — or invalid UTF-8, as a
// document built in Go may have; Parse refuses such text. Path of the
// element.
const CodeInvalidCharacter = "INVALID_CHARACTER"

// policyTextProblem returns why s cannot appear in a policy, or "".
func policyTextProblem(s string) string {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c < 0x20 && c != '\t' && c != '\n' && c != '\r' {
				return "character " + strconv.QuoteRune(rune(c)) + " is not allowed in a policy"
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			return "the text is not valid UTF-8"
		}
		if r > 0xFF {
			return "character " + strconv.QuoteRune(r) + " is not allowed: policies may contain only tab, LF, CR and U+0020–U+00FF"
		}
		i += size
	}
	return ""
}

// checkText reports every string of the document that has a character
// outside the policy character set. Paths are built only for findings.
func (v *validator) checkText() {
	d := v.doc
	checkTextAt(v, d.Version, fixedPath(pathVersion))
	checkTextAt(v, d.ID, fixedPath(pathID))
	for i := range d.Statement {
		st := &d.Statement[i]
		checkTextAt(v, st.Sid, elemPath{stmt: i, name: "Sid"})
		checkTextAt(v, string(st.Effect), elemPath{stmt: i, name: "Effect"})
		v.principalText(st.Principal, elemPath{stmt: i, name: "Principal"})
		v.principalText(st.NotPrincipal, elemPath{stmt: i, name: "NotPrincipal"})
		v.stringsText(st.Action, elemPath{stmt: i, name: "Action"})
		v.stringsText(st.NotAction, elemPath{stmt: i, name: "NotAction"})
		v.stringsText(st.Resource, elemPath{stmt: i, name: "Resource"})
		v.stringsText(st.NotResource, elemPath{stmt: i, name: "NotResource"})
		for _, b := range st.Condition {
			at := opPath(i, b.Operator)
			checkTextAt(v, b.Operator, at)
			for _, e := range b.Entries {
				kAt := at.withKey(e.Key)
				checkTextAt(v, e.Key, kAt)
				for k, val := range e.Values {
					checkTextAt(v, val.Text, kAt.at(k))
				}
			}
		}
	}
}

// fixedPath is a path known in full, such as "Version".
type fixedPath string

func (p fixedPath) String() string { return string(p) }

// valuePath is the path of value j of an element, "….name[j]".
type valuePath struct {
	elem elemPath
	j    int
}

func (p valuePath) String() string { return p.elem.at(p.j) }

// checkTextAt reports s, at path, when it has a character outside the
// policy character set. The path is written out only for a finding.
func checkTextAt[P interface{ String() string }](v *validator, s string, path P) {
	if msg := policyTextProblem(s); msg != "" {
		v.add(SeverityError, CodeInvalidCharacter, path.String(), msg)
	}
}

func (v *validator) stringsText(s Strings, path elemPath) {
	for j, val := range s.Values {
		checkTextAt(v, val, valuePath{path, j})
	}
}

func (v *validator) principalText(p *Principal, path elemPath) {
	if p == nil {
		return
	}
	for _, e := range p.entries() {
		v.stringsText(e.Values, path.typed(e.Type))
	}
}
