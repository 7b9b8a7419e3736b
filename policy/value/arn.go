package value

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
	var p ARNPattern
	for i := 0; i < 5; i++ {
		j := indexByte(s, ':')
		if j < 0 {
			return ARNPattern{}, ErrARNPattern
		}
		p.parts[i], s = s[:j], s[j+1:]
	}
	p.parts[5] = s
	return p, nil
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

func indexByte(s string, c byte) int {
	for i := 0; i < len(s); i++ {
		if s[i] == c {
			return i
		}
	}
	return -1
}
