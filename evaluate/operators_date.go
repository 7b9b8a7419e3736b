package evaluate

import "time"

// dateValue is an instant, kept as Unix seconds and nanoseconds so that
// comparing costs no allocation.
type dateValue struct {
	sec  int64
	nsec int32
}

// dateLayouts are the ISO-8601 forms accepted (aws-rules B.5). A form without a
// zone is read as UTC.
var dateLayouts = []string{
	time.RFC3339Nano,
	"2006-01-02T15:04:05.999999999",
	"2006-01-02T15:04Z07:00",
	"2006-01-02T15:04",
	"2006-01-02T15:04:05.999999999Z0700",
	"20060102T150405Z",
	"2006-01-02",
}

// parseDate reads an ISO-8601 date or epoch seconds.
func parseDate(s string) (dateValue, bool) {
	if s == "" {
		return dateValue{}, false
	}
	if d, ok := parseDecimal(s); ok && len(d.intp) <= 12 {
		// Epoch seconds, possibly with a fraction.
		var sec int64
		for i := 0; i < len(d.intp); i++ {
			sec = sec*10 + int64(d.intp[i]-'0')
		}
		var nsec int64
		for i := 0; i < 9; i++ {
			nsec *= 10
			if i < len(d.frac) {
				nsec += int64(d.frac[i] - '0')
			}
		}
		if d.neg {
			sec, nsec = -sec, -nsec
			if nsec < 0 {
				sec, nsec = sec-1, nsec+1e9
			}
		}
		return dateValue{sec: sec, nsec: int32(nsec)}, true
	}
	for _, l := range dateLayouts {
		if t, err := time.Parse(l, s); err == nil {
			return dateValue{sec: t.Unix(), nsec: int32(t.Nanosecond())}, true
		}
	}
	return dateValue{}, false
}

func parseDateReason(s string) (dateValue, string) {
	d, ok := parseDate(s)
	if !ok {
		return d, "is not an ISO-8601 date or epoch seconds"
	}
	return d, ""
}

func (d dateValue) cmp(e dateValue) int {
	switch {
	case d.sec < e.sec:
		return -1
	case d.sec > e.sec:
		return 1
	case d.nsec < e.nsec:
		return -1
	case d.nsec > e.nsec:
		return 1
	}
	return 0
}
