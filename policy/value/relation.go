package value

import "strconv"

// Relation is the order relation a Numeric or Date operator tests between
// the request's value and the policy's value: NumericLessThan is Less,
// DateGreaterThanEquals is GreaterOrEqual (aws-rules B.4, B.5).
type Relation uint8

// The relations, "request value R policy value".
const (
	Equal Relation = iota + 1
	NotEqual
	Less
	LessOrEqual
	Greater
	GreaterOrEqual
)

// Holds reports whether a comparison result c (as returned by Compare,
// request value against policy value) satisfies r.
func (r Relation) Holds(c int) bool {
	switch r {
	case Equal:
		return c == 0
	case NotEqual:
		return c != 0
	case Less:
		return c < 0
	case LessOrEqual:
		return c <= 0
	case Greater:
		return c > 0
	case GreaterOrEqual:
		return c >= 0
	}
	return false
}

// String returns the relation as a symbol, "<=" for LessOrEqual.
func (r Relation) String() string {
	switch r {
	case Equal:
		return "="
	case NotEqual:
		return "!="
	case Less:
		return "<"
	case LessOrEqual:
		return "<="
	case Greater:
		return ">"
	case GreaterOrEqual:
		return ">="
	}
	return "?"
}

// Truth is the outcome of comparing values that may have more than one
// reading.
type Truth uint8

// The outcomes of Relate.
const (
	// False: the relation holds under no reading.
	False Truth = iota
	// True: the relation holds under every reading.
	True
	// Unknown: the relation holds under some readings and not others; a
	// caller that must fail closed treats it as "cannot tell".
	Unknown
)

// Relate reports whether "r rel p" holds for a request date r and a policy
// date p under every pair of their readings (True), under none (False), or
// under some only (Unknown). When neither is ambiguous the answer is True
// or False. It does not allocate.
func (r DateReading) Relate(rel Relation, p DateReading) Truth {
	out := truthOf(rel.Holds(r.At.Compare(p.At)))
	for _, x := range [2]Date{r.At, r.Alt} {
		for _, y := range [2]Date{p.At, p.Alt} {
			if truthOf(rel.Holds(x.Compare(y))) != out {
				return Unknown
			}
		}
	}
	return out
}

// String returns "false", "true" or "unknown".
func (t Truth) String() string {
	switch t {
	case False:
		return "false"
	case True:
		return "true"
	case Unknown:
		return "unknown"
	}
	return "Truth(" + strconv.Itoa(int(t)) + ")"
}

func truthOf(b bool) Truth {
	if b {
		return True
	}
	return False
}

// Sets returns the request instants for which "instant rel p" holds under
// every reading of p (certain) and under some reading (possible). For a
// value with one reading both are SetOf(rel, p.At). A prover that must not
// grant on an ambiguous value lets an Allow apply on certain and a Deny on
// possible.
func (p DateReading) Sets(rel Relation) (certain, possible Set[Date]) {
	a, b := SetOf(rel, p.At), SetOf(rel, p.Alt)
	return a.Intersect(b), a.Union(b)
}
