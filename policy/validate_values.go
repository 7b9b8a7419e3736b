package policy

import (
	"encoding/base64"
	"net/netip"
)

// valueProblem returns why val cannot be read by an operator of family
// fam, or "" when it can. String and ARN operators read any value.
func valueProblem(fam OperatorFamily, val Value) string {
	switch {
	case val.Kind == NumberValue && !isJSONNumber(val.Text):
		return "a number value must be a JSON number"
	case val.Kind == BoolValue && val.Text != "true" && val.Text != "false":
		return "a boolean value must be true or false"
	case val.Kind > BoolValue:
		return "the value has an unknown JSON type"
	}
	switch fam {
	case FamilyNumeric:
		if val.Kind == BoolValue || !isDecimal(val.Text) {
			return "expected an integer or decimal number (aws-rules B.4)"
		}
	case FamilyDate:
		if val.Kind == BoolValue || !(isEpochSeconds(val.Text) || isW3CDate(val.Text)) {
			return "expected an ISO 8601 date such as 2020-01-01T00:00:00Z or epoch seconds (aws-rules B.5)"
		}
	case FamilyBool, FamilyNull:
		if val.Kind == NumberValue || (val.Text != "true" && val.Text != "false") {
			return `expected "true" or "false"`
		}
	case FamilyIP:
		if val.Kind != StringValue || !isIPOrCIDR(val.Text) {
			return "expected an IPv4 or IPv6 address or CIDR block (aws-rules B.6)"
		}
	case FamilyBinary:
		if val.Kind != StringValue || !isBase64(val.Text) {
			return "expected base64 text (aws-rules B.6)"
		}
	}
	return ""
}

// isDecimal reports whether s is an optionally negative integer or decimal
// number written with digits: "10", "-3", "1.5". Exponents are refused:
// AWS documents integers and decimals only (aws-rules B.4).
func isDecimal(s string) bool {
	if len(s) > 0 && s[0] == '-' {
		s = s[1:]
	}
	intPart, frac, hasFrac := cut(s, '.')
	if !allDigits(intPart) {
		return false
	}
	return !hasFrac || allDigits(frac)
}

// isJSONNumber reports whether s is a number as JSON writes it
// (RFC 8259 section 6).
func isJSONNumber(s string) bool {
	if len(s) > 0 && s[0] == '-' {
		s = s[1:]
	}
	i := 0
	for i < len(s) && '0' <= s[i] && s[i] <= '9' {
		i++
	}
	if i == 0 || (s[0] == '0' && i > 1) {
		return false
	}
	s = s[i:]
	if len(s) > 0 && s[0] == '.' {
		frac := s[1:]
		j := 0
		for j < len(frac) && '0' <= frac[j] && frac[j] <= '9' {
			j++
		}
		if j == 0 {
			return false
		}
		s = frac[j:]
	}
	if len(s) > 0 && (s[0] == 'e' || s[0] == 'E') {
		s = s[1:]
		if len(s) > 0 && (s[0] == '+' || s[0] == '-') {
			s = s[1:]
		}
		return allDigits(s)
	}
	return s == ""
}

// isEpochSeconds reports whether s is a non-negative whole number of
// seconds since 1970 (aws-rules B.5).
func isEpochSeconds(s string) bool { return allDigits(s) }

// isW3CDate reports whether s is in the W3C profile of ISO 8601 that AWS
// documents for date conditions (aws-rules B.5): YYYY, YYYY-MM, YYYY-MM-DD,
// YYYY-MM-DDThh:mmTZD, YYYY-MM-DDThh:mm:ssTZD or YYYY-MM-DDThh:mm:ss.sTZD,
// where TZD is "Z", "+hh:mm" or "-hh:mm".
func isW3CDate(s string) bool {
	n, ok := digitsAt(s, 0, 4)
	if !ok {
		return false
	}
	year := n
	if len(s) == 4 {
		return true
	}
	month, ok := fieldAfter(s, 4, '-', 1, 12)
	if !ok {
		return false
	}
	if len(s) == 7 {
		return true
	}
	if _, ok := fieldAfter(s, 7, '-', 1, daysIn(year, month)); !ok {
		return false
	}
	if len(s) == 10 {
		return true
	}
	if _, ok := fieldAfter(s, 10, 'T', 0, 23); !ok {
		return false
	}
	if _, ok := fieldAfter(s, 13, ':', 0, 59); !ok {
		return false
	}
	rest := s[16:]
	if len(rest) >= 3 && rest[0] == ':' {
		if _, ok := fieldAfter(s, 16, ':', 0, 59); !ok {
			return false
		}
		rest = s[19:]
		if len(rest) > 0 && rest[0] == '.' {
			i := 1
			for i < len(rest) && '0' <= rest[i] && rest[i] <= '9' {
				i++
			}
			if i == 1 {
				return false
			}
			rest = rest[i:]
		}
	}
	return isTZD(rest)
}

// isTZD reports whether s is "Z", "+hh:mm" or "-hh:mm".
func isTZD(s string) bool {
	if s == "Z" {
		return true
	}
	if len(s) != 6 || (s[0] != '+' && s[0] != '-') || s[3] != ':' {
		return false
	}
	h, ok1 := digitsAt(s, 1, 2)
	m, ok2 := digitsAt(s, 4, 2)
	return ok1 && ok2 && h <= 23 && m <= 59
}

// fieldAfter reads sep at s[i] followed by two digits in [lo, hi].
func fieldAfter(s string, i int, sep byte, lo, hi int) (int, bool) {
	if len(s) < i+3 || s[i] != sep {
		return 0, false
	}
	n, ok := digitsAt(s, i+1, 2)
	return n, ok && n >= lo && n <= hi
}

// digitsAt reads exactly width digits at s[i].
func digitsAt(s string, i, width int) (int, bool) {
	if len(s) < i+width {
		return 0, false
	}
	n := 0
	for _, c := range []byte(s[i : i+width]) {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}

// daysIn returns the number of days of month in year (Gregorian).
func daysIn(year, month int) int {
	switch month {
	case 2:
		if year%4 == 0 && (year%100 != 0 || year%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// isIPOrCIDR reports whether s is an IPv4 or IPv6 address or CIDR block.
func isIPOrCIDR(s string) bool {
	if _, err := netip.ParsePrefix(s); err == nil {
		return true
	}
	a, err := netip.ParseAddr(s)
	return err == nil && a.Zone() == ""
}

// isBase64 reports whether s is non-empty standard base64 with padding.
func isBase64(s string) bool {
	if s == "" {
		return false
	}
	_, err := base64.StdEncoding.Strict().DecodeString(s)
	return err == nil
}

func allDigits(s string) bool {
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

// cut splits s at the first sep.
func cut(s string, sep byte) (before, after string, found bool) {
	for i := 0; i < len(s); i++ {
		if s[i] == sep {
			return s[:i], s[i+1:], true
		}
	}
	return s, "", false
}
