package evaluate

import (
	"strings"

	"github.com/cksiam/cksiam/internal/glob"
	"github.com/cksiam/cksiam/policy"
)

// stringValue is a compiled String-family policy value without variables.
type stringValue struct {
	pat fastGlob // StringLike only
}

func (cv *condValue) compileString(pos policy.BaseOperator, text string, vars bool) string {
	if vars {
		cv.tmpl = parseTemplate(text)
	}
	if pos == policy.StringLike && cv.tmpl == nil {
		cv.str.pat = compileFastGlob(text)
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
		return cv.str.pat.match(rv)
	}
	var buf [256]byte
	if pos == policy.StringLike {
		enc, ok := cv.tmpl.encoded(s, buf[:0])
		return ok && glob.MatchEncoded(view(enc), rv, false)
	}
	v, ok := cv.tmpl.text(s, buf[:0])
	if !ok {
		return false
	}
	if pos == policy.StringEqualsIgnoreCase {
		return strings.EqualFold(view(v), rv)
	}
	return view(v) == rv
}
