package evaluate

import "github.com/cksiam/cksiam/policy/value"

// matchBool reports whether request value rv, "true" or "false", equals
// any policy value (aws-rules B.6).
func (ce *condEntry) matchBool(s *state, rv string) tri {
	b, err := value.ParseBool(rv)
	if err != nil {
		return s.badContext(ce, rv, err)
	}
	for i := range ce.values {
		if ce.values[i].b == b {
			return triTrue
		}
	}
	return triFalse
}

// matchBinary reports whether request value rv is, byte for byte, the
// base64 text of any policy value (aws-rules B.6).
func (ce *condEntry) matchBinary(rv string) tri {
	for i := range ce.values {
		if ce.values[i].text == rv {
			return triTrue
		}
	}
	return triFalse
}
