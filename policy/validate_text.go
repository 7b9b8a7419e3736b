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
	v.text(d.Version, func() string { return pathVersion })
	v.text(d.ID, func() string { return pathID })
	for i := range d.Statement {
		st := &d.Statement[i]
		at := func(elem string) func() string {
			return func() string { return statementPath(i) + "." + elem }
		}
		v.text(st.Sid, at("Sid"))
		v.text(string(st.Effect), at("Effect"))
		v.principalText(st.Principal, at("Principal"))
		v.principalText(st.NotPrincipal, at("NotPrincipal"))
		v.stringsText(st.Action, at("Action"))
		v.stringsText(st.NotAction, at("NotAction"))
		v.stringsText(st.Resource, at("Resource"))
		v.stringsText(st.NotResource, at("NotResource"))
		for _, b := range st.Condition {
			opPath := func() string { return at("Condition")() + "." + b.Operator }
			v.text(b.Operator, opPath)
			for _, e := range b.Entries {
				kPath := func() string { return opPath() + "." + e.Key }
				v.text(e.Key, kPath)
				for k, val := range e.Values {
					v.text(val.Text, func() string { return indexPath(kPath(), k) })
				}
			}
		}
	}
}

// text reports s when it has a character outside the policy character set.
func (v *validator) text(s string, path func() string) {
	if msg := policyTextProblem(s); msg != "" {
		v.add(SeverityError, CodeInvalidCharacter, path(), msg)
	}
}

func (v *validator) stringsText(s Strings, path func() string) {
	for j, val := range s.Values {
		v.text(val, func() string { return indexPath(path(), j) })
	}
}

func (v *validator) principalText(p *Principal, path func() string) {
	if p == nil {
		return
	}
	for _, e := range []PrincipalEntry{
		{PrincipalAWS, p.AWS}, {PrincipalService, p.Service},
		{PrincipalFederated, p.Federated}, {PrincipalCanonicalUser, p.CanonicalUser},
	} {
		v.stringsText(e.Values, func() string { return path() + "." + e.Type })
	}
}
