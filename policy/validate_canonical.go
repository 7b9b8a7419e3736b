package policy

// canonicalJSON returns the compact JSON that Validate measures against the
// size quota: elements in AWS's conventional order, in the form each was
// given, no whitespace between tokens.
//
// It is kept apart so that it can be replaced by the package's JSON writer.
func canonicalJSON(doc *Document) []byte {
	b := make([]byte, 0, 2048)
	b = append(b, '{')
	first := true
	field := func(name string) {
		if !first {
			b = append(b, ',')
		}
		first = false
		b = appendJSONString(b, name)
		b = append(b, ':')
	}
	if doc.Version != "" {
		field("Version")
		b = appendJSONString(b, doc.Version)
	}
	if doc.ID != "" {
		field("Id")
		b = appendJSONString(b, doc.ID)
	}
	field("Statement")
	single := doc.StatementObject && len(doc.Statement) == 1
	if !single {
		b = append(b, '[')
	}
	for i := range doc.Statement {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendStatementJSON(b, &doc.Statement[i])
	}
	if !single {
		b = append(b, ']')
	}
	return append(b, '}')
}

func appendStatementJSON(b []byte, st *Statement) []byte {
	b = append(b, '{')
	first := true
	field := func(name string) {
		if !first {
			b = append(b, ',')
		}
		first = false
		b = appendJSONString(b, name)
		b = append(b, ':')
	}
	if st.Sid != "" {
		field("Sid")
		b = appendJSONString(b, st.Sid)
	}
	field("Effect")
	b = appendJSONString(b, string(st.Effect))
	for _, p := range []struct {
		name string
		p    *Principal
	}{{"Principal", st.Principal}, {"NotPrincipal", st.NotPrincipal}} {
		if p.p == nil {
			continue
		}
		field(p.name)
		b = appendPrincipalJSON(b, p.p)
	}
	for _, s := range []struct {
		name string
		s    Strings
	}{
		{"Action", st.Action}, {"NotAction", st.NotAction},
		{"Resource", st.Resource}, {"NotResource", st.NotResource},
	} {
		if !s.s.Present() {
			continue
		}
		field(s.name)
		b = appendStringsJSON(b, s.s)
	}
	if len(st.Condition) > 0 {
		field("Condition")
		b = appendConditionJSON(b, st.Condition)
	}
	return append(b, '}')
}

func appendPrincipalJSON(b []byte, p *Principal) []byte {
	if p.Wildcard {
		return appendJSONString(b, "*")
	}
	b = append(b, '{')
	for i, e := range p.Types() {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendJSONString(b, e.Type)
		b = append(b, ':')
		b = appendStringsJSON(b, e.Values)
	}
	return append(b, '}')
}

func appendStringsJSON(b []byte, s Strings) []byte {
	if len(s.Values) == 1 && !s.Array {
		return appendJSONString(b, s.Values[0])
	}
	b = append(b, '[')
	for i, v := range s.Values {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendJSONString(b, v)
	}
	return append(b, ']')
}

func appendConditionJSON(b []byte, c Condition) []byte {
	b = append(b, '{')
	for i, blk := range c {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendJSONString(b, blk.Operator)
		b = append(b, ':', '{')
		for j, e := range blk.Entries {
			if j > 0 {
				b = append(b, ',')
			}
			b = appendJSONString(b, e.Key)
			b = append(b, ':')
			array := e.Array || len(e.Values) != 1
			if array {
				b = append(b, '[')
			}
			for k, v := range e.Values {
				if k > 0 {
					b = append(b, ',')
				}
				if v.Kind == StringValue {
					b = appendJSONString(b, v.Text)
				} else {
					b = append(b, v.Text...)
				}
			}
			if array {
				b = append(b, ']')
			}
		}
		b = append(b, '}')
	}
	return append(b, '}')
}

// appendJSONString appends s as a JSON string, escaping only what JSON
// requires.
func appendJSONString(b []byte, s string) []byte {
	b = append(b, '"')
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '"' || c == '\\':
			b = append(b, '\\', c)
		case c == '\n':
			b = append(b, '\\', 'n')
		case c == '\r':
			b = append(b, '\\', 'r')
		case c == '\t':
			b = append(b, '\\', 't')
		case c < 0x20:
			b = append(b, `\u00`...)
			b = append(b, "0123456789abcdef"[c>>4], "0123456789abcdef"[c&0xF])
		default:
			b = append(b, c)
		}
	}
	return append(b, '"')
}
