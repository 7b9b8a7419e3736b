package prove

import (
	"github.com/cksiam/cksiam/internal/ascii"
	"strings"

	"github.com/cksiam/cksiam/internal/glob"
)

// lookupFn returns a request's values for a condition key (names compare
// ignoring case), after implied keys; ok is false when the key is absent.
type lookupFn func(key string) ([]string, bool)

// tmpl is text holding policy variables (aws-rules A.8), read as
// evaluate reads it: ${key}, ${key, 'default'} and the escapes ${*}, ${?},
// ${$}. A "${" without a closing brace is literal text.
type tmpl struct {
	parts []tpart
}

type tpart struct {
	lit    string
	esc    byte
	key    string
	def    string
	hasDef bool
}

// parseTmpl returns nil when s holds no variable and no escape.
func parseTmpl(s string) *tmpl {
	if !strings.Contains(s, "${") {
		return nil
	}
	t := &tmpl{}
	has := false
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
			t.parts = append(t.parts, tpart{lit: s[:i]})
		}
		s = s[i+2+j+1:]
		switch body {
		case "*", "?", "$":
			t.parts = append(t.parts, tpart{esc: body[0]})
			has = true
			continue
		}
		p := tpart{}
		name := body
		if k := strings.IndexByte(body, ','); k >= 0 {
			name = body[:k]
			def := strings.TrimSpace(body[k+1:])
			if len(def) >= 2 && def[0] == '\'' && def[len(def)-1] == '\'' {
				def = def[1 : len(def)-1]
			}
			p.def, p.hasDef = def, true
		}
		p.key = strings.TrimSpace(name)
		t.parts = append(t.parts, p)
		has = true
	}
	if s != "" {
		t.parts = append(t.parts, tpart{lit: s})
	}
	if !has {
		return nil
	}
	return t
}

// keys returns the condition keys the variables name, lower-cased.
func (t *tmpl) keys() []string {
	var out []string
	for _, p := range t.parts {
		if p.key != "" {
			out = append(out, ascii.ToLower(p.key))
		}
	}
	return out
}

// resolve returns a variable's value: the key's single value, else the
// default; false when neither exists (the text then matches nothing).
func (p *tpart) resolve(look lookupFn) (string, bool) {
	if v, ok := look(p.key); ok && len(v) == 1 {
		return v[0], true
	}
	if p.hasDef {
		return p.def, true
	}
	return "", false
}

// text is the template with its variables substituted, for plain
// comparison.
func (t *tmpl) text(look lookupFn) (string, bool) { return instantiate(t, look, false) }

// encoded is the template substituted into an encoded glob: literal text
// keeps its wildcards, escapes and values match literally.
func (t *tmpl) encoded(look lookupFn) (string, bool) {
	var enc []byte
	for i := range t.parts {
		p := &t.parts[i]
		switch {
		case p.key != "":
			v, ok := p.resolve(look)
			if !ok {
				return "", false
			}
			if enc, ok = glob.AppendLiteral(enc, v); !ok {
				return "", false
			}
		case p.esc != 0:
			enc = append(enc, p.esc)
		default:
			enc = glob.Encode(enc, p.lit)
		}
	}
	return string(enc), true
}
