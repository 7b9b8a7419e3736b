package value

import "github.com/cksiam/cksiam/internal/arn"

// ARNPattern is an ArnEquals/ArnLike/ArnNotEquals/ArnNotLike policy value
// without policy variables: "*", or six colon-separated parts
// (arn:partition:service:region:account:resource) that are matched part by
// part, each with its own * and ? wildcards, so a wildcard never crosses a
// colon into the next part (aws-rules B.7). The resource part keeps any
// further colons.
type ARNPattern struct {
	parts [6]string
	any   bool
}

// ParseARNPattern reads "*" or a text with at least five colons; anything
// else is ErrARNPattern. It does not allocate.
func ParseARNPattern(s string) (ARNPattern, error) {
	if s == "*" {
		return ARNPattern{any: true}, nil
	}
	parts, ok := arn.Cut(s)
	if !ok {
		return ARNPattern{}, ErrARNPattern
	}
	return ARNPattern{parts: parts}, nil
}

// Any reports whether the pattern is "*", which matches every value.
func (p ARNPattern) Any() bool { return p.any }

// Parts returns the six part patterns (all "" for "*").
func (p ARNPattern) Parts() [6]string { return p.parts }

// String returns the pattern as written.
func (p ARNPattern) String() string {
	if p.any {
		return "*"
	}
	s := p.parts[0]
	for _, part := range p.parts[1:] {
		s += ":" + part
	}
	return s
}
