package value

// parseW3C reads the W3C profile of ISO 8601 (https://www.w3.org/TR/NOTE-datetime):
// YYYY, YYYY-MM, YYYY-MM-DD, YYYY-MM-DDThh:mmTZD, YYYY-MM-DDThh:mm:ssTZD and
// YYYY-MM-DDThh:mm:ss.sTZD, where TZD is "Z", "+hh:mm" or "-hh:mm". The
// all-digit YYYY is handled by ReadDate.
func parseW3C(s string) (Date, bool) {
	year, ok := digitsAt(s, 0, 4)
	if !ok || len(s) == 4 {
		return Date{}, false
	}
	month, ok := fieldAfter(s, 4, '-', 1, 12)
	if !ok {
		return Date{}, false
	}
	if len(s) == 7 {
		return Date{sec: civilSeconds(year, month, 1)}, true
	}
	day, ok := fieldAfter(s, 7, '-', 1, daysIn(year, month))
	if !ok {
		return Date{}, false
	}
	if len(s) == 10 {
		return Date{sec: civilSeconds(year, month, day)}, true
	}
	hour, ok1 := fieldAfter(s, 10, 'T', 0, 23)
	minute, ok2 := fieldAfter(s, 13, ':', 0, 59)
	if !ok1 || !ok2 {
		return Date{}, false
	}
	var second int
	var frac string
	rest := s[16:]
	if len(rest) > 0 && rest[0] == ':' {
		if second, ok = fieldAfter(s, 16, ':', 0, 59); !ok {
			return Date{}, false
		}
		rest = s[19:]
		if len(rest) > 0 && rest[0] == '.' {
			i := 1
			for i < len(rest) && '0' <= rest[i] && rest[i] <= '9' {
				i++
			}
			if i == 1 {
				return Date{}, false
			}
			frac = trimZeros(rest[1:i])
			rest = rest[i:]
		}
	}
	offset, ok := parseTZD(rest)
	if !ok {
		return Date{}, false
	}
	sec := civilSeconds(year, month, day) + int64(hour*3600+minute*60+second) - offset
	return Date{sec: sec, frac: frac}, true
}

// parseTZD reads "Z", "+hh:mm" or "-hh:mm" and returns the offset from UTC
// in seconds.
func parseTZD(s string) (int64, bool) {
	if s == "Z" {
		return 0, true
	}
	if len(s) != 6 || (s[0] != '+' && s[0] != '-') || s[3] != ':' {
		return 0, false
	}
	h, ok1 := digitsAt(s, 1, 2)
	m, ok2 := digitsAt(s, 4, 2)
	if !ok1 || !ok2 || h > 23 || m > 59 {
		return 0, false
	}
	off := int64(h*3600 + m*60)
	if s[0] == '-' {
		off = -off
	}
	return off, true
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
	for j := i; j < i+width; j++ {
		c := s[j]
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}

func trimZeros(s string) string {
	for len(s) > 0 && s[len(s)-1] == '0' {
		s = s[:len(s)-1]
	}
	return s
}

// daysIn returns the number of days of month in year (proleptic Gregorian).
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

// civilSeconds returns the seconds from 1970-01-01T00:00:00Z to the start
// of the given day (proleptic Gregorian calendar, UTC), without the time
// package so that reading a date never allocates.
func civilSeconds(year, month, day int) int64 {
	// Days from civil, counting years from March so February is last.
	y := int64(year)
	if month <= 2 {
		y--
	}
	era := y / 400
	if y < 0 && y%400 != 0 {
		era--
	}
	yoe := y - era*400
	m := int64(month)
	mp := (m + 9) % 12
	doy := (153*mp+2)/5 + int64(day) - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	days := era*146097 + doe - 719468
	return days * 86400
}
