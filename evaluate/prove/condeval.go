package prove

import (
	"strings"

	"github.com/cksiam/cksiam/internal/glob"
	"github.com/cksiam/cksiam/policy"
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
}

type cval struct {
	text string
	tmpl *tmpl
	arn  *[6]string // ARN family: the six part patterns; nil for "*"
	any  bool       // ARN family: "*"
	b    bool       // Bool and Null
}

// positiveOf maps a negated operator to the operator it negates
// (evaluate's positive; ArnEquals compares like ArnLike).
func positiveOf(b policy.BaseOperator) policy.BaseOperator {
	switch b {
	case policy.StringNotEquals:
		return policy.StringEquals
	case policy.StringNotEqualsIgnoreCase:
		return policy.StringEqualsIgnoreCase
	case policy.StringNotLike:
		return policy.StringLike
	case policy.NumericNotEquals:
		return policy.NumericEquals
	case policy.DateNotEquals:
		return policy.DateEquals
	case policy.NotIPAddress:
		return policy.IPAddress
	case policy.ArnNotEquals, policy.ArnNotLike, policy.ArnEquals:
		return policy.ArnLike
	}
	return b
}

// readEntry reads one entry. vars says policy variables are on (Version
// 2012-10-17); they are read only in String and ARN values.
func readEntry(op policy.Operator, opText string, e policy.ConditionEntry, vars bool) centry {
	ce := centry{op: op, opText: opText, pos: positiveOf(op.Base), key: e.Key, lower: strings.ToLower(e.Key)}
	if len(e.Values) == 0 {
		ce.bad = "no values"
		return ce
	}
	fam := op.Base.Family()
	vars = vars && (fam == policy.FamilyString || fam == policy.FamilyARN)
	for _, v := range e.Values {
		cv := cval{text: v.Text}
		if vars {
			cv.tmpl = parseTmpl(v.Text)
		}
		switch fam {
		case policy.FamilyString, policy.FamilyBinary:
			if fam == policy.FamilyBinary && !isBase64(v.Text) {
				ce.bad = quoteText(v.Text) + " is not base64"
			}
		case policy.FamilyARN:
			if cv.tmpl == nil {
				if v.Text == "*" {
					cv.any = true
				} else if parts, ok := splitARN(v.Text); ok {
					cv.arn = &parts
				} else {
					ce.bad = quoteText(v.Text) + " is not an ARN pattern"
				}
			}
		case policy.FamilyBool, policy.FamilyNull:
			b, ok := parseBool(v.Text)
			if !ok {
				ce.bad = quoteText(v.Text) + " is not true or false"
			}
			cv.b = b
		default:
			ce.bad = "values of " + op.Base.Family().String() + " operators are not read yet"
		}
		if ce.bad != "" {
			return ce
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
		b, ok := parseBool(rv)
		if !ok {
			return triError
		}
		for i := range ce.vals {
			if ce.vals[i].b == b {
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
		if cv.any {
			return true
		}
		for i := range vp {
			if !glob.Match(cv.arn[i], vp[i]) {
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

// parseBool reads "true" or "false" in any case, as the evaluator does.
func parseBool(s string) (bool, bool) {
	switch {
	case strings.EqualFold(s, "true"):
		return true, true
	case strings.EqualFold(s, "false"):
		return false, true
	}
	return false, false
}

func quoteText(s string) string {
	if len(s) > 80 {
		s = s[:80] + "…"
	}
	return "\"" + s + "\""
}
