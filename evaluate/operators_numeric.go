package evaluate

import (
	"strings"

	"github.com/cksiam/cksiam/policy"
)

// decimal is an exact decimal number: sign, integer digits without leading
// zeros, fraction digits without trailing zeros. Comparing two decimals is
// exact, with none of float64's rounding (aws-rules B.4).
type decimal struct {
	neg  bool
	intp string
	frac string
}

// parseDecimal reads [+-]digits[.digits] (or [+-].digits). Exponents,
// wildcards and anything else are refused.
func parseDecimal(s string) (decimal, bool) {
	var d decimal
	if s != "" && (s[0] == '-' || s[0] == '+') {
		d.neg = s[0] == '-'
		s = s[1:]
	}
	intp, frac, hasDot := strings.Cut(s, ".")
	if intp == "" && frac == "" || hasDot && frac == "" {
		return decimal{}, false
	}
	if !allDigits(intp) || !allDigits(frac) {
		return decimal{}, false
	}
	d.intp = strings.TrimLeft(intp, "0")
	d.frac = strings.TrimRight(frac, "0")
	if d.intp == "" && d.frac == "" {
		d.neg = false // -0 is 0
	}
	return d, true
}

func parseDecimalReason(s string) (decimal, string) {
	d, ok := parseDecimal(s)
	if !ok {
		return d, "is not a decimal number"
	}
	return d, ""
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// cmp returns -1, 0 or 1 as d is less than, equal to or greater than e.
func (d decimal) cmp(e decimal) int {
	if d.neg != e.neg {
		if d.neg {
			return -1
		}
		return 1
	}
	m := cmpMagnitude(d, e)
	if d.neg {
		return -m
	}
	return m
}

func cmpMagnitude(d, e decimal) int {
	if len(d.intp) != len(e.intp) {
		if len(d.intp) < len(e.intp) {
			return -1
		}
		return 1
	}
	if c := strings.Compare(d.intp, e.intp); c != 0 {
		return c
	}
	// Fraction digits have no trailing zeros, so plain string order is
	// numeric order.
	return strings.Compare(d.frac, e.frac)
}

// orderHolds reports whether a comparison result c (request versus policy)
// satisfies a positive Numeric or Date operator. Both families list their
// operators in the same order (Equals, NotEquals, LessThan, LessThanEquals,
// GreaterThan, GreaterThanEquals), so one table serves both (aws-rules B.4, B.5).
func orderHolds(op policy.BaseOperator, c int) bool {
	first := policy.NumericEquals
	if op.Family() == policy.FamilyDate {
		first = policy.DateEquals
	}
	switch op - first {
	case 0: // Equals
		return c == 0
	case policy.NumericLessThan - policy.NumericEquals:
		return c < 0
	case policy.NumericLessThanEquals - policy.NumericEquals:
		return c <= 0
	case policy.NumericGreaterThan - policy.NumericEquals:
		return c > 0
	case policy.NumericGreaterThanEquals - policy.NumericEquals:
		return c >= 0
	}
	return false
}
