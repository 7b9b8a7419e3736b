package policy

// The string elements of a statement: Action, Resource and their Not forms,
// and Principal and NotPrincipal, which hold lists of strings by type.

// strings reads a string or a non-empty list of strings: Action, Resource,
// a principal type's values… The element is statement idx's name, or its
// name.sub when sub is not empty (a principal type).
func (p *parser) strings(idx int, name, sub string) (Strings, *Error) {
	s := &p.s
	path := func() string {
		if sub != "" {
			return stmtPath(idx) + "." + name + "." + sub
		}
		return stmtPath(idx) + "." + name
	}
	switch s.peek() {
	case '"':
		v, jerr := s.str()
		if jerr != nil {
			return Strings{}, p.wrap(path(), jerr)
		}
		return Strings{Values: p.strs.one(v)}, nil
	case '[':
		s.pos++
		if s.peek() == ']' {
			return Strings{}, p.fail(ErrEmpty, path(), "must not be an empty list", s.pos)
		}
		open := p.strs.begin()
		for i := 0; ; i++ {
			if s.peek() != '"' {
				return Strings{}, p.mismatch(pathAt(path(), i), "must be a string, found "+s.describe(), s.pos)
			}
			v, jerr := s.str()
			if jerr != nil {
				return Strings{}, p.wrap(pathAt(path(), i), jerr)
			}
			p.strs.add(&open, v)
			more, jerr := s.next(']')
			if jerr != nil {
				return Strings{}, p.wrap(path(), jerr)
			}
			if !more {
				break
			}
		}
		vals := p.strs.end(open)
		return Strings{Values: vals, Array: listForm(len(vals), true)}, nil
	}
	return Strings{}, p.mismatch(path(), "must be a string or a list of strings, found "+s.describe(), s.pos)
}

// principal reads Principal or NotPrincipal: "*" or a map of principal
// types (aws-rules A.4).
func (p *parser) principal(idx int, name string) (*Principal, *Error) {
	s := &p.s
	if s.peek() == '"' {
		off := s.pos
		v, err := p.text(func() string { return stmtPath(idx) + "." + name })
		if err != nil {
			return nil, err
		}
		if v != "*" {
			return nil, p.fail(ErrInvalidValue, stmtPath(idx)+"."+name, `a principal written as a string must be "*"; name principals as {"AWS": …}, {"Service": …}, {"Federated": …} or {"CanonicalUser": …}`, off)
		}
		return &p.principals.one(Principal{Wildcard: true})[0], nil
	}
	if s.peek() != '{' {
		return nil, p.mismatch(stmtPath(idx)+"."+name, `must be "*" or an object of principal types, found `+s.describe(), s.pos)
	}
	empty, _ := s.objectStart("")
	if empty {
		return nil, p.fail(ErrEmpty, stmtPath(idx)+"."+name, "must name at least one principal type", s.pos-1)
	}
	pr := &p.principals.one(Principal{})[0]
	var seen elementSet
	for more := true; more; {
		k, off, jerr := s.key()
		if jerr != nil {
			return nil, p.wrap(stmtPath(idx)+"."+name, jerr)
		}
		i := indexOf(principalTypes, k)
		if i < 0 {
			return nil, p.unknown(stmtPath(idx)+"."+name+"."+k, k, off, principalTypes, "principal type")
		}
		if seen.has(i) {
			return nil, p.fail(ErrDuplicateKey, stmtPath(idx)+"."+name+"."+k, "duplicate principal type", off)
		}
		seen.add(i)
		v, err := p.strings(idx, name, k)
		if err != nil {
			return nil, err
		}
		switch i {
		case typeAWS:
			pr.AWS = v
		case typeService:
			pr.Service = v
		case typeFederated:
			pr.Federated = v
		case typeCanonicalUser:
			pr.CanonicalUser = v
		}
		if more, jerr = s.next('}'); jerr != nil {
			return nil, p.wrap(stmtPath(idx)+"."+name, jerr)
		}
	}
	return pr, nil
}
