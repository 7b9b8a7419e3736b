package value

import (
	"math/big"
	"strconv"
	"strings"
	"time"
)

// Date is an instant, the value of a Date condition operator (aws-rules
// B.5): whole seconds since 1970-01-01T00:00:00Z and the exact fraction of
// a second as written. Dates compare exactly, whatever the number of
// fraction digits, so a comparison never rounds in either direction.
//
// The zero Date is 1970-01-01T00:00:00Z. Dates are comparable with ==: two
// Dates are == exactly when they are the same instant.
type Date struct {
	sec  int64  // floor of the instant in seconds
	frac string // fraction digits without trailing zeros
}

// maxEpochDigits bounds epoch seconds so that they fit an int64 with room
// for a time zone offset and Above.
const maxEpochDigits = 18

// DateReading is what a date condition value denotes: one instant, or, for
// an ambiguous all-digit text, two.
//
// An all-digit text of four characters ("2020") is both epoch seconds (2020
// seconds after 1970-01-01, that is 1970-01-01T00:33:40Z) and a W3C year
// (2020-01-01T00:00:00Z); AWS documents both forms and not which one wins
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_Date).
// An all-digit text of eight characters that is a valid calendar date
// ("20200101") is epoch seconds for AWS's documented forms, but the ISO 8601
// basic calendar date is what its writer almost surely meant. For both,
// At is the epoch reading and Alt the calendar reading, and a comparison
// holds only when it holds under every reading (see Relate).
type DateReading struct {
	// At is the instant the text names; for an ambiguous text, its reading
	// as epoch seconds.
	At Date
	// Alt is, for an ambiguous text, its reading as a calendar date;
	// otherwise it equals At.
	Alt Date
}

// Ambiguous reports whether the text had two readings.
func (r DateReading) Ambiguous() bool { return r.At != r.Alt }

// ReadDate reads a date condition value: a W3C ISO 8601 date
// (https://www.w3.org/TR/NOTE-datetime: YYYY, YYYY-MM, YYYY-MM-DD,
// YYYY-MM-DDThh:mmTZD, YYYY-MM-DDThh:mm:ssTZD, YYYY-MM-DDThh:mm:ss.sTZD with
// TZD "Z", "+hh:mm" or "-hh:mm", any number of fraction digits) or a whole,
// non-negative number of epoch seconds (at most 18 digits). A date without
// a time is the start of that year, month or day in UTC. Anything else —
// a time without a zone, a lower-case "t" or "z", a space, a sign or a
// fraction on epoch seconds, hour 24, a leap second, the ISO 8601 basic
// form with a time ("20200101T000000Z") — is ErrDate.
//
// For the ambiguous all-digit forms ReadDate returns both readings (see
// DateReading). It does not allocate.
func ReadDate(s string) (DateReading, error) {
	if isDigits(s) {
		if len(s) > maxEpochDigits {
			return DateReading{}, ErrDate
		}
		var sec int64
		for i := 0; i < len(s); i++ {
			sec = sec*10 + int64(s[i]-'0')
		}
		r := DateReading{At: Date{sec: sec}, Alt: Date{sec: sec}}
		switch len(s) {
		case 4:
			r.Alt = Date{sec: civilSeconds(int(sec), 1, 1)}
		case 8:
			y, m, d := int(sec/10000), int(sec/100%100), int(sec%100)
			if m >= 1 && m <= 12 && d >= 1 && d <= daysIn(y, m) {
				r.Alt = Date{sec: civilSeconds(y, m, d)}
			}
		}
		return r, nil
	}
	d, ok := parseW3C(s)
	if !ok {
		return DateReading{}, ErrDate
	}
	return DateReading{At: d, Alt: d}, nil
}

// ParseDate reads a date condition value that has one reading; an
// ambiguous all-digit text is ErrAmbiguousDate (use ReadDate for both of
// its readings). It does not allocate.
func ParseDate(s string) (Date, error) {
	r, err := ReadDate(s)
	if err != nil {
		return Date{}, err
	}
	if r.Ambiguous() {
		return Date{}, ErrAmbiguousDate
	}
	return r.At, nil
}

// DateOf returns the instant t.
func DateOf(t time.Time) Date {
	d := Date{sec: t.Unix()}
	if ns := t.Nanosecond(); ns != 0 {
		d.frac = strings.TrimRight(strconv.Itoa(1e9 + ns)[1:], "0")
	}
	return d
}

// Unix returns d as seconds since 1970-01-01T00:00:00Z and the nanoseconds
// of the fraction; fraction digits beyond the ninth are dropped (toward the
// past).
func (d Date) Unix() (sec int64, nsec int32) {
	for i := 0; i < 9; i++ {
		nsec *= 10
		if i < len(d.frac) {
			nsec += int32(d.frac[i] - '0')
		}
	}
	return d.sec, nsec
}

// Time returns d as a time.Time in UTC (see Unix for the precision).
func (d Date) Time() time.Time {
	sec, nsec := d.Unix()
	return time.Unix(sec, int64(nsec)).UTC()
}

// String returns d in UTC as YYYY-MM-DDThh:mm:ss[.s]Z with every fraction
// digit d has. For years 0000 to 9999, ParseDate(d.String()) == d.
func (d Date) String() string {
	s := time.Unix(d.sec, 0).UTC().Format("2006-01-02T15:04:05")
	if d.frac != "" {
		s += "." + d.frac
	}
	return s + "Z"
}

// Compare returns -1, 0 or 1 as d is before, the same instant as, or after
// e. It is exact and does not allocate.
func (d Date) Compare(e Date) int {
	switch {
	case d.sec < e.sec:
		return -1
	case d.sec > e.sec:
		return 1
	}
	return strings.Compare(d.frac, e.frac)
}

// Above returns d plus one second.
func (d Date) Above() Date { return Date{sec: d.sec + 1, frac: d.frac} }

// Below returns d minus one second.
func (d Date) Below() Date { return Date{sec: d.sec - 1, frac: d.frac} }

// Between returns an instant strictly between d and e, choosing the one
// with the fewest fraction digits (whole seconds when there is one). The
// dates must differ; Between(d, d) returns d. Instants are dense, so an
// open interval (d, e) with d before e is never empty.
func (d Date) Between(e Date) Date {
	return dateOfSeconds(d.Seconds().Between(e.Seconds()))
}

// Seconds returns d as a Number of seconds since 1970-01-01T00:00:00Z.
func (d Date) Seconds() Number {
	v := new(big.Int).Mul(big.NewInt(d.sec), pow10(len(d.frac)))
	if d.frac != "" {
		f, _ := new(big.Int).SetString(d.frac, 10)
		v.Add(v, f)
	}
	return fromScaled(v, len(d.frac))
}

// dateOfSeconds is the inverse of Seconds for Numbers that fit.
func dateOfSeconds(n Number) Date {
	v, scale := n.scaled()
	unit := pow10(scale)
	sec, rem := new(big.Int).DivMod(v, unit, new(big.Int)) // floor, rem >= 0
	d := Date{sec: sec.Int64()}
	if rem.Sign() != 0 {
		digits := rem.String()
		d.frac = strings.TrimRight(strings.Repeat("0", scale-len(digits))+digits, "0")
	}
	return d
}
