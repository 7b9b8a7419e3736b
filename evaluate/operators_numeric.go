package evaluate

import "github.com/cksiam/cksiam/policy/value"

// matchNumber reports whether request value rv stands in the entry's
// relation to any policy value (aws-rules B.4). Numbers are exact
// decimals, read by package value as Validate reads them.
func (ce *condEntry) matchNumber(s *state, rv string) tri {
	n, err := value.ParseNumber(rv)
	if err != nil {
		return s.badContext(ce, rv, err)
	}
	for i := range ce.values {
		if ce.rel.Holds(n.Compare(ce.values[i].num)) {
			return triTrue
		}
	}
	return triFalse
}
