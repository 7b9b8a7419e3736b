package prove

import (
	"github.com/cksiam/cksiam/internal/ascii"
	"strings"

	"github.com/cksiam/cksiam/internal/glob"
	"github.com/cksiam/cksiam/policy"
	"github.com/cksiam/cksiam/policy/value"
)

// tri is a condition's outcome: true, false, or "cannot tell" (a value
// that cannot be read for its operator). An Allow applies only on true; a
// Deny applies unless false (evaluate's fail-closed rule).
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

func (t tri) not() tri {
	switch t {
	case triTrue:
		return triFalse
	case triFalse:
		return triTrue
	}
	return triError
}

// centry is one condition key under one operator, read for concrete
// evaluation exactly as the evaluator reads it (aws-rules B.1, B.2, B.9,
// B.10): the prover evaluates entries on the representative values of its
// cells, so this is the one place where the prover's reading of a
// condition is written.
type centry struct {
	op     policy.Operator
	opText string
	pos    policy.BaseOperator
	key    string // as written
	lower  string
	vals   []cval
	bad    string // the values cannot be read: the entry is triError
	rel    value.Relation
}

type cval struct {
	text string
	tmpl *tmpl
	arn  value.ARNPattern
	num  value.Number
	date value.DateReading
	ip   value.Prefix
	b    bool
}

// readEntry reads one entry as the evaluator does (evaluate's
// compileEntry): a String or ARN value written as a JSON string holding a
// policy variable, with variables on (Version 2012-10-17), is a template;
// every other value is read by policy.ReadValue, the reader Validate and
// the evaluator share.
func readEntry(op policy.Operator, opText string, e policy.ConditionEntry, vars bool) centry {
	ce := centry{op: op, opText: opText, pos: op.Base.Positive(), key: e.Key, lower: ascii.ToLower(e.Key)}
	if ce.pos == policy.ArnEquals {
		// ArnEquals compares like ArnLike (aws-rules B.7): one reading,
		// so both spell the same value language.
		ce.pos = policy.ArnLike
	}
	ce.rel = ce.pos.Relation()
	if len(e.Values) == 0 {
		ce.bad = "no values"
		return ce
	}
	fam := op.Base.Family()
	for _, v := range e.Values {
		cv := cval{text: v.Text}
		if vars && v.Kind == policy.StringValue && (fam == policy.FamilyString || fam == policy.FamilyARN) {
			if cv.tmpl = parseTmpl(v.Text); cv.tmpl != nil {
				ce.vals = append(ce.vals, cv)
				continue
			}
		}
		t, err := policy.ReadValue(fam, v)
		if err != nil {
			ce.bad = quoteText(v.Text) + " (" + err.Error() + ")"
			return ce
		}
		switch fam {
		case policy.FamilyARN:
			cv.arn = t.ARN
		case policy.FamilyNumeric:
			cv.num = t.Number
		case policy.FamilyDate:
			cv.date = t.Date
		case policy.FamilyBool, policy.FamilyNull:
			cv.b = t.Bool
		case policy.FamilyIP:
			cv.ip = t.Prefix
		}
		ce.vals = append(ce.vals, cv)
	}
	return ce
}

// eval evaluates the entry against a request whose values look gives.
func (ce *centry) eval(look lookupFn) tri {
	if ce.bad != "" {
		return triError
	}
	vals, ok := look(ce.key)
	if ce.op.Base == policy.Null {
		present := ok && !allEmpty(vals)
		for i := range ce.vals {
			if ce.vals[i].b != present {
				return triTrue
			}
		}
		return triFalse
	}
	negated := ce.op.Base.Negated()
	if !ok {
		switch {
		case ce.op.IfExists, ce.op.Set == policy.ForAllValues:
			return triTrue
		case ce.op.Set == policy.ForAnyValue:
			return triFalse
		}
		return triOf(negated)
	}
	if ce.op.Set != policy.SingleValue && allEmpty(vals) {
		return triOf(ce.op.Set == policy.ForAllValues || ce.op.IfExists)
	}
	switch ce.op.Set {
	case policy.ForAllValues:
		out := triTrue
		for _, rv := range vals {
			r := ce.matchAny(look, rv)
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
		for _, rv := range vals {
			r := ce.matchAny(look, rv)
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
	out := triFalse
	for _, rv := range vals {
		r := ce.matchAny(look, rv)
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

// matchAny reports whether request value rv matches a policy value under
// the positive form of the operator.
func (ce *centry) matchAny(look lookupFn, rv string) tri {
	switch ce.pos.Family() {
	case policy.FamilyString:
		for i := range ce.vals {
			if ce.vals[i].matchString(look, ce.pos, rv) {
				return triTrue
			}
		}
		return triFalse
	case policy.FamilyARN:
		for i := range ce.vals {
			if ce.vals[i].matchARN(look, rv) {
				return triTrue
			}
		}
		return triFalse
	case policy.FamilyBinary:
		for i := range ce.vals {
			if ce.vals[i].text == rv {
				return triTrue
			}
		}
		return triFalse
	case policy.FamilyBool:
		b, err := value.ParseBool(rv)
		if err != nil {
			return triError
		}
		for i := range ce.vals {
			if ce.vals[i].b == b {
				return triTrue
			}
		}
		return triFalse
	case policy.FamilyNumeric:
		n, err := value.ParseNumber(rv)
		if err != nil {
			return triError
		}
		for i := range ce.vals {
			if ce.rel.Holds(n.Compare(ce.vals[i].num)) {
				return triTrue
			}
		}
		return triFalse
	case policy.FamilyDate:
		d, err := value.ReadDate(rv)
		if err != nil {
			return triError
		}
		out := triFalse
		for i := range ce.vals {
			switch d.Relate(ce.rel, ce.vals[i].date) {
			case value.True:
				return triTrue
			case value.Unknown:
				out = triError
			}
		}
		return out
	case policy.FamilyIP:
		a, err := value.ParseAddr(rv)
		if err != nil {
			return triError
		}
		for i := range ce.vals {
			if ce.vals[i].ip.Contains(a) {
				return triTrue
			}
		}
		return triFalse
	}
	return triError
}

func (cv *cval) matchString(look lookupFn, pos policy.BaseOperator, rv string) bool {
	if cv.tmpl == nil {
		switch pos {
		case policy.StringEquals:
			return cv.text == rv
		case policy.StringEqualsIgnoreCase:
			return strings.EqualFold(cv.text, rv)
		}
		return glob.Match(cv.text, rv)
	}
	if pos == policy.StringLike {
		enc, ok := cv.tmpl.encoded(look)
		return ok && glob.MatchEncoded(enc, rv, false)
	}
	v, ok := cv.tmpl.text(look)
	if !ok {
		return false
	}
	if pos == policy.StringEqualsIgnoreCase {
		return strings.EqualFold(v, rv)
	}
	return v == rv
}

func (cv *cval) matchARN(look lookupFn, rv string) bool {
	vp, ok := splitARN(rv)
	if !ok {
		return false
	}
	if cv.tmpl == nil {
		if cv.arn.Any() {
			return true
		}
		parts := cv.arn.Parts()
		for i := range vp {
			if !glob.Match(parts[i], vp[i]) {
				return false
			}
		}
		return true
	}
	enc, ok := cv.tmpl.encoded(look)
	if !ok {
		return false
	}
	if enc == string([]byte{glob.Star}) {
		return true
	}
	for i := 0; i < 6; i++ {
		var part string
		if i < 5 {
			j := strings.IndexByte(enc, ':')
			if j < 0 {
				return false
			}
			part, enc = enc[:j], enc[j+1:]
		} else {
			part = enc
		}
		if !glob.MatchEncoded(part, vp[i], false) {
			return false
		}
	}
	return true
}

func allEmpty(vals []string) bool {
	for _, v := range vals {
		if v != "" {
			return false
		}
	}
	return true
}

func quoteText(s string) string {
	if len(s) > 80 {
		s = s[:80] + "…"
	}
	return "\"" + s + "\""
}
