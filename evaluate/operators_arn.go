package evaluate

import (
	"bytes"
	"github.com/cksiam/cksiam/internal/arn"

	"github.com/cksiam/cksiam/internal/glob"
	"github.com/cksiam/cksiam/policy/value"
)

// arnValue is a compiled ArnLike/ArnEquals pattern: six part patterns,
// each matched on its own so a wildcard never crosses a colon (aws-rules B.7).
type arnValue struct {
	any   bool // the pattern "*"
	parts [6]glob.Pattern
}

// compileARN compiles a policy ARN pattern's six parts.
func (cv *condValue) compileARN(p value.ARNPattern, m *compileMem) {
	cv.arn = &takeFrom(m, func(m *compileMem) *pool[arnValue] { return &m.arns }, 1)[0]
	cv.arn.any = p.Any()
	if p.Any() {
		return
	}
	for i, part := range p.Parts() {
		cv.arn.parts[i] = glob.Compile(part, false)
	}
}

func (cv *condValue) matchARN(s *state, rv string) bool {
	vp, ok := arn.Cut(rv)
	if !ok {
		// A value that is not an ARN matches no ARN pattern.
		return false
	}
	if cv.tmpl == nil {
		if cv.arn == nil {
			return false // not compiled as an ARN value: the entry is marked bad
		}
		if cv.arn.any {
			return true
		}
		for i := range vp {
			if !cv.arn.parts[i].Match(vp[i]) {
				return false
			}
		}
		return true
	}
	var buf [256]byte
	enc, ok := cv.tmpl.encoded(s, buf[:0])
	if !ok {
		return false
	}
	if len(enc) == 1 && enc[0] == glob.Star {
		return true
	}
	for i := 0; i < 6; i++ {
		var part []byte
		if i < 5 {
			j := bytes.IndexByte(enc, ':')
			if j < 0 {
				return false
			}
			part, enc = enc[:j], enc[j+1:]
		} else {
			part = enc
		}
		if !glob.MatchEncoded(view(part), vp[i], false) {
			return false
		}
	}
	return true
}
