package value

import (
	"math/big"
	"strings"
)

// Number is an exact decimal number, the value of a Numeric condition
// operator (aws-rules B.4). It compares exactly, with none of float64's
// rounding: 0.1 + 0.2 is not needed to equal 0.3 anywhere here, and
// 9007199254740993 is not 9007199254740992.
//
// The zero Number is 0. Numbers are comparable with ==: two Numbers are ==
// exactly when they are numerically equal.
type Number struct {
	neg  bool
	intp string // integer digits without leading zeros; "" for 0
	frac string // fraction digits without trailing zeros
}

// ParseNumber reads an integer or decimal number written with digits: an
// optional leading "-", one or more digits, and optionally "." followed by
// one or more digits ("10", "-3", "1.50", "007"). A plus sign, a leading or
// trailing dot (".5", "5."), an exponent, spaces and anything else are
// refused with ErrNumber: AWS documents integers and decimals only. It
// does not allocate.
func ParseNumber(s string) (Number, error) {
	var n Number
	if s != "" && s[0] == '-' {
		n.neg = true
		s = s[1:]
	}
	intp, frac, hasDot := strings.Cut(s, ".")
	if !isDigits(intp) || hasDot && !isDigits(frac) {
		return Number{}, ErrNumber
	}
	n.intp = strings.TrimLeft(intp, "0")
	n.frac = strings.TrimRight(frac, "0")
	if n.intp == "" && n.frac == "" {
		n.neg = false // -0 is 0
	}
	return n, nil
}

// isDigits reports whether s is one or more ASCII digits.
func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// String returns n in canonical form: no leading zeros in the integer
// part, no trailing zeros in the fraction, "-" only for negative numbers
// ("1.50" is "1.5", "-0" is "0"). ParseNumber(n.String()) == n.
func (n Number) String() string {
	var b strings.Builder
	if n.neg {
		b.WriteByte('-')
	}
	if n.intp == "" {
		b.WriteByte('0')
	} else {
		b.WriteString(n.intp)
	}
	if n.frac != "" {
		b.WriteByte('.')
		b.WriteString(n.frac)
	}
	return b.String()
}

// Sign returns -1, 0 or 1 as n is negative, zero or positive.
func (n Number) Sign() int {
	switch {
	case n.intp == "" && n.frac == "":
		return 0
	case n.neg:
		return -1
	}
	return 1
}

// Compare returns -1, 0 or 1 as n is less than, equal to or greater than
// m. It is exact and does not allocate.
func (n Number) Compare(m Number) int {
	if n.neg != m.neg {
		if n.neg {
			return -1
		}
		return 1
	}
	c := compareMagnitude(n, m)
	if n.neg {
		return -c
	}
	return c
}

func compareMagnitude(n, m Number) int {
	if len(n.intp) != len(m.intp) {
		if len(n.intp) < len(m.intp) {
			return -1
		}
		return 1
	}
	if c := strings.Compare(n.intp, m.intp); c != 0 {
		return c
	}
	// Fraction digits have no trailing zeros, so byte order is numeric
	// order ("45" < "5" as 0.45 < 0.5).
	return strings.Compare(n.frac, m.frac)
}

// Above returns n + 1, a Number greater than n.
func (n Number) Above() Number { return n.add(1) }

// Below returns n - 1, a Number less than n.
func (n Number) Below() Number { return n.add(-1) }

func (n Number) add(k int64) Number {
	v, scale := n.scaled()
	v.Add(v, new(big.Int).Mul(big.NewInt(k), pow10(scale)))
	return fromScaled(v, scale)
}

// Between returns a Number strictly between n and m: of those with the
// fewest fraction digits, the one nearest their midpoint (the lower one on
// a tie). Between(1, 4) is 2, Between(1, 2) is 1.5, Between(0.1, 0.2) is
// 0.15. The numbers must differ; Between(n, n) returns n. Numbers are
// dense, so an open interval (n, m) with n < m is never empty and Between
// gives its witness.
func (n Number) Between(m Number) Number {
	switch c := n.Compare(m); {
	case c == 0:
		return n
	case c > 0:
		return m.Between(n)
	}
	lo, ls := n.scaled()
	hi, hs := m.scaled()
	// Work at scale k+1, one digit finer than both, where the midpoint is
	// exact: there lo + 1 < hi, so the last precision tried always has a
	// candidate.
	k := max(ls, hs) + 1
	lo.Mul(lo, pow10(k-ls))
	hi.Mul(hi, pow10(k-hs))
	sum := new(big.Int).Add(lo, hi) // twice the midpoint
	for p := 0; p <= k; p++ {
		step := pow10(k - p)
		// The multiples of step on either side of the midpoint; if any
		// multiple lies in (lo, hi), one of these does.
		below := new(big.Int).Div(sum, new(big.Int).Lsh(step, 1)) // floor
		below.Mul(below, step)
		above := new(big.Int).Add(below, step)
		var best *big.Int
		for _, x := range []*big.Int{below, above} {
			if x.Cmp(lo) <= 0 || x.Cmp(hi) >= 0 {
				continue
			}
			if best == nil || distance(x, sum).Cmp(distance(best, sum)) < 0 {
				best = x
			}
		}
		if best != nil {
			return fromScaled(best, k)
		}
	}
	return n // unreachable: p = k always has a candidate
}

// distance returns |2x - sum|, twice the distance from x to the midpoint.
func distance(x, sum *big.Int) *big.Int {
	d := new(big.Int).Lsh(x, 1)
	d.Sub(d, sum)
	return d.Abs(d)
}

// scaled returns n as an integer v and a scale s with n = v / 10^s.
func (n Number) scaled() (*big.Int, int) {
	v, _ := new(big.Int).SetString("0"+n.intp+n.frac, 10)
	if n.neg {
		v.Neg(v)
	}
	return v, len(n.frac)
}

// fromScaled returns v / 10^scale as a Number.
func fromScaled(v *big.Int, scale int) Number {
	neg := v.Sign() < 0
	digits := new(big.Int).Abs(v).String()
	if len(digits) <= scale {
		digits = strings.Repeat("0", scale-len(digits)+1) + digits
	}
	n, _ := ParseNumber(digits[:len(digits)-scale] + "." + digits[len(digits)-scale:] + "0")
	if neg && n.Sign() != 0 {
		n.neg = true
	}
	return n
}

func pow10(k int) *big.Int {
	return new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(k)), nil)
}
