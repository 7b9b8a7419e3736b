package policy

// condition reads a Condition element: operator → key → value or list of
// values (aws-rules A.7). Operators must be known to ParseOperator; a key
// repeated in one JSON object is an error (encoding/json would silently keep
// the last one).
func (p *parser) condition(idx int) (Condition, *Error) {
	s := &p.s
	path := func() string { return stmtPath(idx) + ".Condition" }
	if s.peek() != '{' {
		return nil, p.mismatch(path(), "must be an object of condition operators, found "+s.describe(), s.pos)
	}
	if empty, _ := s.objectStart(""); empty {
		// "Condition": {} tests nothing, so it is no condition at all. AWS
		// accepts it: the AWS Policy Generator writes it, and IAM stores
		// and returns it in role trust policies (GetRole). Like an empty
		// Sid, it is read as absent and not written back.
		return nil, nil
	}
	open := p.blocks.begin()
	var seen keySet
	for more := true; more; {
		op, off, jerr := s.key()
		if jerr != nil {
			return nil, p.wrap(path(), jerr)
		}
		if !seen.add(op) {
			return nil, p.fail(ErrDuplicateKey, path()+"."+op, "duplicate condition operator", off)
		}
		if _, err := ParseOperator(op); err != nil {
			return nil, p.fail(ErrUnknownOperator, path()+"."+op, err.Error(), off)
		}
		entries, err := p.conditionBlock(idx, op)
		if err != nil {
			return nil, err
		}
		p.blocks.add(&open, ConditionBlock{Operator: op, Entries: entries})
		if more, jerr = s.next('}'); jerr != nil {
			return nil, p.wrap(path(), jerr)
		}
	}
	return p.blocks.end(open), nil
}

func (p *parser) conditionBlock(idx int, op string) ([]ConditionEntry, *Error) {
	s := &p.s
	path := func() string { return stmtPath(idx) + ".Condition." + op }
	if s.peek() != '{' {
		return nil, p.mismatch(path(), "must be an object of condition keys, found "+s.describe(), s.pos)
	}
	if empty, _ := s.objectStart(""); empty {
		return nil, p.fail(ErrEmpty, path(), "must test at least one condition key", s.pos-1)
	}
	open := p.entries.begin()
	var seen keySet
	for more := true; more; {
		key, off, jerr := s.key()
		if jerr != nil {
			return nil, p.wrap(path(), jerr)
		}
		if !seen.add(key) {
			return nil, p.fail(ErrDuplicateKey, path()+"."+key, "duplicate condition key", off)
		}
		e, err := p.conditionValues(idx, op, key)
		if err != nil {
			return nil, err
		}
		p.entries.add(&open, e)
		if more, jerr = s.next('}'); jerr != nil {
			return nil, p.wrap(path(), jerr)
		}
	}
	return p.entries.end(open), nil
}

// conditionValues reads one value or a non-empty list of values.
func (p *parser) conditionValues(idx int, op, key string) (ConditionEntry, *Error) {
	s := &p.s
	e := ConditionEntry{Key: key}
	path := func() string { return stmtPath(idx) + ".Condition." + op + "." + key }
	if s.peek() != '[' {
		v, err := p.conditionValue(path)
		if err != nil {
			return e, err
		}
		e.Values = p.vals.one(v)
		return e, nil
	}
	s.pos++
	if s.peek() == ']' {
		return e, p.fail(ErrEmpty, path(), "must not be an empty list", s.pos)
	}
	open := p.vals.begin()
	for i := 0; ; i++ {
		v, err := p.conditionValue(func() string { return pathAt(path(), i) })
		if err != nil {
			return e, err
		}
		p.vals.add(&open, v)
		more, jerr := s.next(']')
		if jerr != nil {
			return e, p.wrap(path(), jerr)
		}
		if !more {
			break
		}
	}
	e.Values = p.vals.end(open)
	e.Array = listForm(len(e.Values), true)
	return e, nil
}

// conditionValue reads one string, number or boolean.
func (p *parser) conditionValue(path func() string) (Value, *Error) {
	s := &p.s
	switch c := s.peek(); c {
	case '"':
		v, jerr := s.str()
		if jerr != nil {
			return Value{}, p.wrap(path(), jerr)
		}
		return Value{Text: v}, nil
	case 't', 'f':
		if s.literal("true") {
			return Value{Text: "true", Kind: BoolValue}, nil
		}
		if s.literal("false") {
			return Value{Text: "false", Kind: BoolValue}, nil
		}
	case '-', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9':
		v, jerr := s.number()
		if jerr != nil {
			return Value{}, p.wrap(path(), jerr)
		}
		return Value{Text: v, Kind: NumberValue}, nil
	case 'n':
		if s.literal("null") {
			s.pos -= len("null")
			return Value{}, p.fail(ErrInvalidValue, path(), "null is not a condition value; use a string, number or boolean", s.pos)
		}
	case '[', '{', 0:
		return Value{}, p.mismatch(path(), "a condition value must be a string, number or boolean, found "+s.describe(), s.pos)
	}
	return Value{}, p.fail(ErrSyntax, path(), "invalid JSON", s.pos)
}

// keySet detects a key repeated in one JSON object. Objects are usually
// small, so it scans an array on the stack; past keySetScan keys it
// switches to a map so that a document packed with keys cannot make Parse
// quadratic.
type keySet struct {
	list [keySetScan]string
	n    int
	m    map[string]struct{}
}

const keySetScan = 16

// add records k and reports whether it was new.
func (ks *keySet) add(k string) bool {
	if ks.m != nil {
		if _, dup := ks.m[k]; dup {
			return false
		}
		ks.m[k] = struct{}{}
		return true
	}
	for _, x := range ks.list[:ks.n] {
		if x == k {
			return false
		}
	}
	if ks.n < keySetScan {
		ks.list[ks.n] = k
		ks.n++
		return true
	}
	ks.m = make(map[string]struct{}, 2*keySetScan)
	for _, x := range ks.list {
		ks.m[x] = struct{}{}
	}
	ks.m[k] = struct{}{}
	return true
}
