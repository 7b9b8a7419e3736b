package evaluate

import "github.com/cksiam/cksiam/policy/value"

// matchIP reports whether request address rv lies in any policy block
// (aws-rules B.6). The request carries an address; a block, a zone or
// spaces make it unreadable.
func (ce *condEntry) matchIP(s *state, rv string) tri {
	a, err := value.ParseAddr(rv)
	if err != nil {
		return s.badContext(ce, rv, err)
	}
	for i := range ce.values {
		if ce.values[i].ip.Contains(a) {
			return triTrue
		}
	}
	return triFalse
}
