package evaluate

import (
	"github.com/cksiam/cksiam/policy"
	"github.com/cksiam/cksiam/policy/value"
)

// tri is the outcome of a condition: true, false, or "cannot tell"
// (a value that cannot be read for its operator). An Allow never applies
// on triError; a Deny does (fail closed).
type tri int8

const (
	triFalse tri = iota
	triTrue
	triError
)

func triOf(b bool) tri {
	if b {
		return triTrue
	}
	return triFalse
}

// not negates t; an error stays an error.
func (t tri) not() tri {
	switch t {
	case triTrue:
		return triFalse
	case triFalse:
		return triTrue
	}
	return triError
}

// condEntry is one key under one operator, compiled: the unit of aws-rules B.1
// (entries AND together; the values of one entry OR together, NOR for a
// negated operator).
type condEntry struct {
	bad    string // why the policy values cannot be read; the entry is then triError
	op     policy.Operator
	pos    policy.BaseOperator // the positive form of op.Base
	rel    value.Relation      // Numeric and Date: the relation pos tests
	key    keyRef
	values []condValue
	opText string // the operator as written, for diagnostics
	// plainEq marks the most common entry, StringEquals or
	// StringNotEquals on a single-valued key without IfExists and without
	// policy variables, which eval decides by comparing strings directly.
	plainEq bool
}

// condValue is one policy value, read for its operator's family.
type condValue struct {
	text string
	tmpl *template // String and ARN families with variables on
	like *fastGlob // StringLike without variables only
	num  value.Number
	date value.DateReading
	ip   value.Prefix
	arn  *arnValue // ARN family only: six patterns would make every value large
	b    bool
	// bare6 marks an IPv6 address written without a prefix length, which
	// has two readings: the address (/128) and AWS's documented default
	// prefix /32 (operators_ip.go).
	bare6 bool
}

// compileEntry reads the values of one condition entry for its operator,
// with policy.ReadValue: the reader Validate uses, so a value Validate
// accepts is one the engine reads, and one it refuses is one the engine
// cannot read. Values that cannot be read mark the entry bad instead of
// failing the compile: the statement is then handled fail-closed at
// evaluation.
//
// into, when it is not nil, holds len(e.Values) zero values to read the
// values into (compileStmt reads a statement's values into one array); m
// lower-cases the key and holds the values' patterns (nil: their own
// allocations).
func compileEntry(op policy.Operator, opText string, e policy.ConditionEntry, vars bool, into []condValue, m *compileMem) condEntry {
	ce := condEntry{op: op, pos: op.Base.Positive(), key: newKeyRefIn(e.Key, m.lt()), opText: opText}
	ce.rel = ce.pos.Relation()
	if len(e.Values) == 0 {
		ce.bad = "no values"
		return ce
	}
	fam := op.Base.Family()
	if len(into) != len(e.Values) {
		into = make([]condValue, len(e.Values))
	}
	ce.values = into
	for i, v := range e.Values {
		cv := &ce.values[i]
		cv.text = v.Text
		if err := cv.compile(ce.pos, fam, v, vars, m); err != "" {
			ce.bad = quote(v.Text) + " " + err
			return ce
		}
	}
	ce.plainEq = ce.pos == policy.StringEquals && op.Set == policy.SingleValue && !op.IfExists
	for i := range ce.values {
		ce.plainEq = ce.plainEq && ce.values[i].tmpl == nil
	}
	return ce
}

// compile reads one policy value for an operator of family fam whose
// positive form is pos: a String or ARN value holding a policy variable
// (when the Version enables them) is a template substituted at evaluation;
// every other value is read by policy.ReadValue. It returns why the value
// cannot be read, or "". m holds the value's patterns (nil: their own
// allocations).
func (cv *condValue) compile(pos policy.BaseOperator, fam policy.OperatorFamily, v policy.Value, vars bool, m *compileMem) string {
	if vars && v.Kind == policy.StringValue && (fam == policy.FamilyString || fam == policy.FamilyARN) {
		if cv.tmpl = parseTemplate(v.Text); cv.tmpl != nil {
			return ""
		}
	}
	if readsAsText(fam, v) {
		cv.compileString(pos, m)
		return ""
	}
	t, err := policy.ReadValue(fam, v)
	if err != nil {
		return "(" + err.Error() + ")"
	}
	switch fam {
	case policy.FamilyString:
		cv.compileString(pos, m)
	case policy.FamilyARN:
		cv.compileARN(t.ARN, m)
	case policy.FamilyNumeric:
		cv.num = t.Number
	case policy.FamilyDate:
		cv.date = t.Date
	case policy.FamilyBool, policy.FamilyNull:
		cv.b = t.Bool
	case policy.FamilyIP:
		cv.ip = t.Prefix
		cv.bare6 = isBareIPv6(v.Text, t.Prefix)
	}
	return ""
}

// readsAsText reports whether policy.ReadValue reads v for family fam as
// its text, without error: a JSON string under a String operator, the
// most common condition value, read without building a value.Typed.
// TestReadsAsTextIsReadValuesTextReading holds it to ReadValue.
func readsAsText(fam policy.OperatorFamily, v policy.Value) bool {
	return fam == policy.FamilyString && v.Kind == policy.StringValue
}

// eval evaluates the entry against the request (aws-rules B.1, B.2, B.10).
func (ce *condEntry) eval(s *state) tri {
	s.cond = ce
	if ce.bad != "" {
		if s.tr != nil {
			s.tr.diag(errDiag(DiagUnparsablePolicyValue, "cannot read condition value "+ce.bad+" for "+ce.op.String()+"; the statement cannot allow, and applies if it is a Deny", s.whereCond(ce)))
		}
		return triError
	}
	if ce.op.Base == policy.Null {
		vals, present := s.lookup(&ce.key)
		// A key whose values are all empty strings is null, like an absent
		// one: AWS documents Null "false" as the guard against "context
		// keys with empty values" (aws-rules B.9, B.10).
		present = present && !vals.empty()
		for i := range ce.values {
			// "true": the key is absent; "false": it is present (aws-rules B.9).
			if ce.values[i].b != present {
				return triTrue
			}
		}
		return triFalse
	}
	if ce.key.implied == impliedPrincipalArn && s.principalArnPathUnknown(&ce.key) {
		if s.tr != nil {
			s.tr.diag(errDiag(DiagPrincipalArnPathUnknown, "aws:PrincipalArn of this role session is its role's ARN with the role's path, which a role named "+quote(s.caller.name)+
				" has and the session ARN does not show; give aws:PrincipalArn in the request context. The statement cannot allow, and applies if it is a Deny", s.whereCond(ce)))
		}
		return triError
	}
	vals, ok := s.lookup(&ce.key)
	negated := ce.op.Base.Negated()
	if ce.plainEq {
		// What the general path below does for this entry: a missing key
		// does not match; some request value equal to some policy value
		// matches; StringNotEquals is the NOR of that (aws-rules B.1, B.2).
		if ok {
			for i := 0; i < vals.len(); i++ {
				rv := vals.at(i)
				for j := range ce.values {
					if ce.values[j].text == rv {
						return triOf(!negated)
					}
				}
			}
		}
		return triOf(negated)
	}
	if !ok {
		switch {
		case ce.op.IfExists:
			return triTrue
		case ce.op.Set == policy.ForAllValues:
			return triTrue
		case ce.op.Set == policy.ForAnyValue:
			return triFalse
		}
		return triOf(negated)
	}
	if ce.op.Set != policy.SingleValue && vals.empty() {
		// A set that resolves to the empty string is an empty set
		// (aws-rules B.9, B.10): ForAllValues holds, ForAnyValue does not.
		return triOf(ce.op.Set == policy.ForAllValues || ce.op.IfExists)
	}
	switch ce.op.Set {
	case policy.ForAllValues:
		// Every request value must match (for a negated operator: match
		// none of the policy values).
		out := triTrue
		for i := 0; i < vals.len(); i++ {
			r := ce.matchAny(s, vals.at(i))
			if negated {
				r = r.not()
			}
			if r == triFalse {
				return triFalse
			}
			if r == triError {
				out = triError
			}
		}
		return out
	case policy.ForAnyValue:
		out := triFalse
		for i := 0; i < vals.len(); i++ {
			r := ce.matchAny(s, vals.at(i))
			if negated {
				r = r.not()
			}
			if r == triTrue {
				return triTrue
			}
			if r == triError {
				out = triError
			}
		}
		return out
	}
	// No set qualifier: some request value matches some policy value; a
	// negated operator is true when none does (NOR, aws-rules B.1).
	out := triFalse
	for i := 0; i < vals.len(); i++ {
		r := ce.matchAny(s, vals.at(i))
		if r == triTrue {
			out = triTrue
			break
		}
		if r == triError {
			out = triError
		}
	}
	if negated {
		return out.not()
	}
	return out
}

// matchAny reports whether request value rv matches any policy value under
// the positive form of the operator.
func (ce *condEntry) matchAny(s *state, rv string) tri {
	switch ce.pos.Family() {
	case policy.FamilyString:
		for i := range ce.values {
			if ce.values[i].matchString(s, ce.pos, rv) {
				return triTrue
			}
		}
		return triFalse
	case policy.FamilyARN:
		for i := range ce.values {
			if ce.values[i].matchARN(s, rv) {
				return triTrue
			}
		}
		return triFalse
	case policy.FamilyBinary:
		return ce.matchBinary(rv)
	case policy.FamilyNumeric:
		return ce.matchNumber(s, rv)
	case policy.FamilyDate:
		return ce.matchDate(s, rv)
	case policy.FamilyBool:
		return ce.matchBool(s, rv)
	case policy.FamilyIP:
		return ce.matchIP(s, rv)
	}
	return triError
}

func (s *state) badContext(ce *condEntry, rv string, err error) tri {
	if s.tr != nil {
		s.tr.diag(errDiag(DiagUnparsableContextValue, "cannot read request value "+quote(rv)+" of "+ce.key.name+" for "+ce.op.String()+" ("+err.Error()+"); the statement cannot allow, and applies if it is a Deny", s.whereCond(ce)))
	}
	return triError
}

// evalConditions ANDs the entries of a statement (aws-rules B.1). False wins
// over an error: a condition that is certainly false makes the statement
// not apply whatever the others say. In explain mode every entry is
// evaluated so that every missing key is reported.
func (s *state) evalConditions(entries []condEntry) tri {
	out := triTrue
	for i := range entries {
		switch entries[i].eval(s) {
		case triFalse:
			if s.tr == nil {
				return triFalse
			}
			out = triFalse
		case triError:
			if out != triFalse {
				out = triError
			}
		}
	}
	if out == triFalse && s.tr != nil {
		s.noteNearMiss(entries)
	}
	return out
}
