package evaluate

import (
	"strings"

	"github.com/cksiam/cksiam/internal/glob"
	"github.com/cksiam/cksiam/policy"
)

// compileString prepares a String operator's value: a StringLike value
// without variables becomes a compiled glob; other values compare as text.
func (cv *condValue) compileString(pos policy.BaseOperator, m *compileMem) {
	if pos == policy.StringLike && cv.tmpl == nil {
		cv.like = &takeFrom(m, func(m *compileMem) *pool[fastGlob] { return &m.likes }, 1)[0]
		*cv.like = compileFastGlob(cv.text)
	}
}

// matchString applies StringEquals, StringEqualsIgnoreCase or StringLike
// (aws-rules B.3). Only the Like form has wildcards. A value whose variable is
// unresolved matches nothing (aws-rules A.8).
func (cv *condValue) matchString(s *state, pos policy.BaseOperator, rv string) bool {
	if cv.tmpl == nil {
		switch pos {
		case policy.StringEquals:
			return cv.text == rv
		case policy.StringEqualsIgnoreCase:
			return strings.EqualFold(cv.text, rv)
		}
		return cv.like != nil && cv.like.match(rv)
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
