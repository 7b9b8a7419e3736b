package evaluate

import (
	"strings"

	"github.com/cksiam/cksiam/internal/glob"
	"github.com/cksiam/cksiam/policy"
)

// stringValue is a compiled String-family policy value without variables.
type stringValue struct {
	pat glob.Pattern // StringLike only
}

func (cv *condValue) compileString(pos policy.BaseOperator, text string, vars bool) string {
	if vars {
		cv.tmpl = parseTemplate(text)
	}
	if pos == policy.StringLike && cv.tmpl == nil {
		cv.str.pat = glob.Compile(text, false)
	}
	return ""
}

// matchString applies StringEquals, StringEqualsIgnoreCase or StringLike
// (facts B.3). Only the Like form has wildcards. A value whose variable is
// unresolved matches nothing (facts A.8).
func (cv *condValue) matchString(s *state, pos policy.BaseOperator, rv string) bool {
	if cv.tmpl == nil {
		switch pos {
		case policy.StringEquals:
			return cv.text == rv
		case policy.StringEqualsIgnoreCase:
			return strings.EqualFold(cv.text, rv)
		}
		return cv.str.pat.Match(rv)
	}
	if pos == policy.StringLike {
		enc, ok := cv.tmpl.encoded(s)
		return ok && glob.MatchEncoded(string(enc), rv, false)
	}
	v, ok := cv.tmpl.text(s)
	if !ok {
		return false
	}
	if pos == policy.StringEqualsIgnoreCase {
		return strings.EqualFold(v, rv)
	}
	return v == rv
}
