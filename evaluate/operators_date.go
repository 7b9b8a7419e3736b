package evaluate

import "github.com/cksiam/cksiam/policy/value"

// matchDate reports whether request value rv stands in the entry's
// relation to any policy value (aws-rules B.5). An all-digit date with two
// readings ("2020": the year or epoch seconds) decides only where both
// readings agree; where they differ the answer is "cannot tell", so the
// ambiguity never makes an Allow apply or a Deny fail to apply.
func (ce *condEntry) matchDate(s *state, rv string) tri {
	d, err := value.ReadDate(rv)
	if err != nil {
		return s.badContext(ce, rv, err)
	}
	out := triFalse
	for i := range ce.values {
		switch d.Relate(ce.rel, ce.values[i].date) {
		case value.True:
			return triTrue
		case value.Unknown:
			if out == triFalse && s.tr != nil {
				s.tr.diag(errDiag(DiagAmbiguousDate, "the date "+quote(ce.values[i].text)+" or the request's "+quote(rv)+
					" has two readings (a year or calendar date, and epoch seconds) and "+ce.op.String()+
					" holds under one only; the statement cannot allow, and applies if it is a Deny", s.whereCond(ce)))
			}
			out = triError
		}
	}
	return out
}
