package policy

// MarshalJSON writes the document as compact JSON in AWS's element order
// (Version, Id, Statement; inside a statement Sid, Effect, Principal,
// NotPrincipal, Action, NotAction, Resource, NotResource, Condition), each
// element in the form it was parsed or built in: a single string stays a
// string, a single statement object stays an object, condition values keep
// their JSON type. Empty Version, Id and Sid are left out.
//
// For a document returned by Parse, Parse(MarshalJSON()) yields an equal
// document. Note that json.Marshal escapes <, > and & in the output of any
// MarshalJSON method (as \u003c…); Format and Compact do not.
//
// It fails with a *Error for text Parse would refuse (a character outside
// the policy character set, invalid UTF-8), for a number or boolean
// condition value whose text is not one, and for a Principal that is both
// "*" and typed.
func (d Document) MarshalJSON() ([]byte, error) { return d.write(false) }

// Compact returns the document as compact JSON, like MarshalJSON, without
// the HTML escaping json.Marshal adds. A nil document is a *Error
// (ErrMissingElement), as for Format.
func (d *Document) Compact() ([]byte, error) { return d.write(false) }

// Format returns the document as indented JSON, four spaces per level, in
// AWS's element order, followed by a newline: byte for byte what
// json.MarshalIndent(d, "", "    ") gives plus "\n", except that <, > and &
// are written as themselves. A document already in this form round-trips
// exactly through Parse and Format, which makes Format the writer for
// golden files and for policies shown to people.
func (d *Document) Format() ([]byte, error) {
	b, err := d.write(true)
	if err != nil {
		return nil, err
	}
	return append(b, '\n'), nil
}

func (d *Document) write(indent bool) ([]byte, error) {
	if d == nil {
		return nil, &Error{Reason: "the document is nil", Offset: -1, Err: ErrMissingElement}
	}
	w := writer{indent: indent, buf: make([]byte, 0, sizeHint(d, indent))}
	w.path = w.pathBuf[:0]
	w.document(d)
	if w.err != nil {
		return nil, w.err
	}
	return w.buf, nil
}

// sizeHint estimates the written size of d so that the output buffer is
// allocated once in the common case: every string plus the quotes, key and
// punctuation around it, and for indented output the indentation of its
// line.
func sizeHint(d *Document, indent bool) int {
	per := 8
	if indent {
		per = 32
	}
	n, strs := 64, 0
	add := func(ss ...string) {
		for _, s := range ss {
			n += len(s)
		}
		strs += len(ss)
	}
	for i := range d.Statement {
		st := &d.Statement[i]
		add(st.Sid, string(st.Effect))
		for _, p := range []*Principal{st.Principal, st.NotPrincipal} {
			if p != nil {
				add(p.AWS.Values...)
				add(p.Service.Values...)
				add(p.Federated.Values...)
				add(p.CanonicalUser.Values...)
			}
		}
		add(st.Action.Values...)
		add(st.NotAction.Values...)
		add(st.Resource.Values...)
		add(st.NotResource.Values...)
		for _, b := range st.Condition {
			add(b.Operator)
			for _, e := range b.Entries {
				add(e.Key)
				for _, v := range e.Values {
					add(v.Text)
				}
			}
		}
		strs += 12 // element names and braces
	}
	return n + strs*per
}

// MarshalJSON writes the statement as a JSON object in AWS's element order.
func (st Statement) MarshalJSON() ([]byte, error) {
	w := writer{}
	w.statement(&st)
	if w.err != nil {
		return nil, w.err
	}
	return w.buf, nil
}

// MarshalJSON writes "*" for the wildcard form, otherwise an object with
// the principal types present in the order AWS, Service, Federated,
// CanonicalUser.
func (p Principal) MarshalJSON() ([]byte, error) {
	w := writer{}
	w.principal(&p)
	if w.err != nil {
		return nil, w.err
	}
	return w.buf, nil
}

// MarshalJSON writes one value as a bare string unless s.Array is set;
// otherwise, and for zero or several values, a list.
func (s Strings) MarshalJSON() ([]byte, error) {
	w := writer{}
	w.strings(s)
	if w.err != nil {
		return nil, w.err
	}
	return w.buf, nil
}

// MarshalJSON writes the condition as an object of operators in order,
// each an object of keys in order.
func (c Condition) MarshalJSON() ([]byte, error) {
	w := writer{}
	w.condition(c)
	if w.err != nil {
		return nil, w.err
	}
	return w.buf, nil
}

// MarshalJSON writes the value as its kind: a JSON string, number or
// boolean.
func (v Value) MarshalJSON() ([]byte, error) {
	w := writer{}
	w.value(v)
	if w.err != nil {
		return nil, w.err
	}
	return w.buf, nil
}

func (w *writer) document(d *Document) {
	w.begin('{')
	if d.Version != "" {
		w.push("Version")
		w.key("Version")
		w.quote(d.Version)
		w.pop()
	}
	if d.ID != "" {
		w.push("Id")
		w.key("Id")
		w.quote(d.ID)
		w.pop()
	}
	w.push("Statement")
	w.key("Statement")
	if d.StatementObject && len(d.Statement) == 1 {
		w.statement(&d.Statement[0])
	} else {
		w.begin('[')
		for i := range d.Statement {
			w.pushIndex(i)
			w.item()
			w.statement(&d.Statement[i])
			w.pop()
		}
		w.end(']')
	}
	w.pop()
	w.end('}')
}

func (w *writer) statement(st *Statement) {
	w.begin('{')
	if st.Sid != "" {
		w.push("Sid")
		w.key("Sid")
		w.quote(st.Sid)
		w.pop()
	}
	if st.Effect != "" {
		w.push("Effect")
		w.key("Effect")
		w.quote(string(st.Effect))
		w.pop()
	}
	w.principalElement("Principal", st.Principal)
	w.principalElement("NotPrincipal", st.NotPrincipal)
	w.stringsElement("Action", st.Action)
	w.stringsElement("NotAction", st.NotAction)
	w.stringsElement("Resource", st.Resource)
	w.stringsElement("NotResource", st.NotResource)
	if len(st.Condition) > 0 {
		w.push("Condition")
		w.key("Condition")
		w.condition(st.Condition)
		w.pop()
	}
	w.end('}')
}

func (w *writer) principalElement(name string, p *Principal) {
	if p == nil {
		return
	}
	w.push(name)
	w.key(name)
	w.principal(p)
	w.pop()
}

func (w *writer) principal(p *Principal) {
	if p.Wildcard {
		if len(p.Types()) > 0 {
			w.fail(ErrInvalidValue, `a principal cannot be both "*" and typed`)
		}
		w.quote("*")
		return
	}
	w.begin('{')
	w.stringsElement(PrincipalAWS, p.AWS)
	w.stringsElement(PrincipalService, p.Service)
	w.stringsElement(PrincipalFederated, p.Federated)
	w.stringsElement(PrincipalCanonicalUser, p.CanonicalUser)
	w.end('}')
}

func (w *writer) stringsElement(name string, s Strings) {
	if !s.Present() {
		return
	}
	w.push(name)
	w.key(name)
	w.strings(s)
	w.pop()
}

func (w *writer) strings(s Strings) {
	if len(s.Values) == 1 && !s.Array {
		w.quote(s.Values[0])
		return
	}
	w.begin('[')
	for i, v := range s.Values {
		w.pushIndex(i)
		w.item()
		w.quote(v)
		w.pop()
	}
	w.end(']')
}

func (w *writer) condition(c Condition) {
	w.begin('{')
	for _, b := range c {
		w.push(b.Operator)
		w.key(b.Operator)
		w.begin('{')
		for _, e := range b.Entries {
			w.push(e.Key)
			w.key(e.Key)
			if len(e.Values) == 1 && !e.Array {
				w.value(e.Values[0])
			} else {
				w.begin('[')
				for i, v := range e.Values {
					w.pushIndex(i)
					w.item()
					w.value(v)
					w.pop()
				}
				w.end(']')
			}
			w.pop()
		}
		w.end('}')
		w.pop()
	}
	w.end('}')
}

func (w *writer) value(v Value) {
	switch v.Kind {
	case StringValue:
		w.quote(v.Text)
	case NumberValue:
		s := scanner{src: v.Text}
		if n, err := s.number(); err != nil || n != v.Text {
			w.fail(ErrInvalidValue, "number value "+quoteShort(v.Text)+" is not a JSON number")
			w.quote(v.Text)
			return
		}
		w.buf = append(w.buf, v.Text...)
	case BoolValue:
		if v.Text != "true" && v.Text != "false" {
			w.fail(ErrInvalidValue, "boolean value "+quoteShort(v.Text)+` is not "true" or "false"`)
			w.quote(v.Text)
			return
		}
		w.buf = append(w.buf, v.Text...)
	default:
		w.fail(ErrInvalidValue, "unknown value kind")
		w.quote(v.Text)
	}
}
