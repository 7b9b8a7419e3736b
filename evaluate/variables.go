package evaluate

import (
	"strings"
	"unsafe"

	"github.com/cksiam/cksiam/internal/glob"
)

// template is text that may hold policy variables (aws-rules A.8): ${key},
// ${key, 'default'} and the escapes ${*}, ${?}, ${$}. A nil *template means
// the text has no variable, or variables are off for its document.
type template struct {
	parts []tmplPart
}

type tmplPart struct {
	lit    string // literal text (wildcards in it are wildcards for glob use)
	esc    byte   // '*', '?' or '$' for an escape
	key    *keyRef
	def    string
	hasDef bool
}

// parseTemplate reads the variables in s. It returns nil when s holds none.
// A "${" without a closing brace is literal text.
func parseTemplate(s string) *template {
	if !strings.Contains(s, "${") {
		return nil
	}
	t := &template{}
	hasVar := false
	for {
		i := strings.Index(s, "${")
		if i < 0 {
			break
		}
		j := strings.IndexByte(s[i+2:], '}')
		if j < 0 {
			break
		}
		body := s[i+2 : i+2+j]
		if i > 0 {
			t.parts = append(t.parts, tmplPart{lit: s[:i]})
		}
		s = s[i+2+j+1:]
		switch body {
		case "*", "?", "$":
			t.parts = append(t.parts, tmplPart{esc: body[0]})
			hasVar = true
			continue
		}
		p := tmplPart{}
		name := body
		if k := strings.IndexByte(body, ','); k >= 0 {
			name = body[:k]
			def := strings.TrimSpace(body[k+1:])
			if len(def) >= 2 && def[0] == '\'' && def[len(def)-1] == '\'' {
				def = def[1 : len(def)-1]
			}
			p.def, p.hasDef = def, true
		}
		kr := newKeyRef(strings.TrimSpace(name))
		p.key = &kr
		t.parts = append(t.parts, p)
		hasVar = true
	}
	if s != "" {
		t.parts = append(t.parts, tmplPart{lit: s})
	}
	if !hasVar {
		return nil
	}
	return t
}

// resolveVar returns the value of a variable part, or false when it has
// none: the key is absent and there is no default, or the key holds several
// values (only single-valued keys can be variables, aws-rules A.8).
func (s *state) resolveVar(p *tmplPart) (string, bool) {
	v, ok := s.lookup(p.key)
	if ok && v.len() == 1 {
		return v.at(0), true
	}
	if p.hasDef {
		return p.def, true
	}
	if s.tr != nil {
		s.tr.diag(warnDiag(DiagUnresolvedVariable, "policy variable ${"+p.key.name+"} has no single value in the request, so the text holding it matches nothing", s.where()))
	}
	return "", false
}

// text appends to dst the template with its variables substituted, for
// plain comparison (StringEquals…).
func (t *template) text(s *state, dst []byte) ([]byte, bool) {
	for i := range t.parts {
		p := &t.parts[i]
		switch {
		case p.key != nil:
			v, ok := s.resolveVar(p)
			if !ok {
				return nil, false
			}
			dst = append(dst, v...)
		case p.esc != 0:
			dst = append(dst, p.esc)
		default:
			dst = append(dst, p.lit...)
		}
	}
	return dst, true
}

// view returns b as a string without copying. The string must not outlive
// the call it is passed to, and b must not change meanwhile: the engine
// uses it only to match a substituted pattern held in a stack buffer.
func view(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	return unsafe.String(&b[0], len(b))
}

// encoded appends to enc the template with its variables substituted, as
// an encoded glob pattern: literal text keeps its wildcards, escapes and
// variable values match literally.
func (t *template) encoded(s *state, enc []byte) ([]byte, bool) {
	for i := range t.parts {
		p := &t.parts[i]
		switch {
		case p.key != nil:
			v, ok := s.resolveVar(p)
			if !ok {
				return nil, false
			}
			if enc, ok = glob.AppendLiteral(enc, v); !ok {
				return nil, false
			}
		case p.esc != 0:
			enc = append(enc, p.esc)
		default:
			enc = glob.Encode(enc, p.lit)
		}
	}
	return enc, true
}
