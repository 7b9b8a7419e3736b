package value

import (
	"regexp"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

func TestReadDate(t *testing.T) {
	utc := func(y int, m time.Month, d, hh, mm, ss, ns int) time.Time {
		return time.Date(y, m, d, hh, mm, ss, ns, time.UTC)
	}
	for _, tt := range []struct {
		name string
		in   string
		want time.Time
		alt  time.Time // the calendar reading of an ambiguous text
	}{
		{"a year and month is the first of the month (W3C YYYY-MM)", "2030-01", utc(2030, 1, 1, 0, 0, 0, 0), time.Time{}},
		{"a calendar date is midnight UTC (W3C YYYY-MM-DD)", "2020-02-29", utc(2020, 2, 29, 0, 0, 0, 0), time.Time{}},
		{"a time to the minute with an offset (W3C hh:mmTZD)", "2020-01-01T10:30+02:00", utc(2020, 1, 1, 8, 30, 0, 0), time.Time{}},
		{"a time to the second in UTC (W3C hh:mm:ssTZD)", "2019-04-25T11:00:00Z", utc(2019, 4, 25, 11, 0, 0, 0), time.Time{}},
		{"a time with a fraction and a negative offset (W3C hh:mm:ss.sTZD)", "2019-04-25T11:00:00.123-05:00", utc(2019, 4, 25, 16, 0, 0, 123e6), time.Time{}},
		{"an offset can cross the day", "2020-01-01T00:30:00+01:00", utc(2019, 12, 31, 23, 30, 0, 0), time.Time{}},
		{"epoch seconds are an instant", "1700000000", time.Unix(1700000000, 0).UTC(), time.Time{}},
		{"epoch zero is 1970", "0", utc(1970, 1, 1, 0, 0, 0, 0), time.Time{}},
		{"four digits are epoch seconds and a year", "2020", time.Unix(2020, 0).UTC(), utc(2020, 1, 1, 0, 0, 0, 0)},
		{"eight digits forming a date are epoch seconds and that date", "20200101", time.Unix(20200101, 0).UTC(), utc(2020, 1, 1, 0, 0, 0, 0)},
		{"eight digits that form no date are epoch seconds only", "20201301", time.Unix(20201301, 0).UTC(), time.Time{}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r, err := ReadDate(tt.in)
			require.NoError(t, err)
			require.True(t, tt.want.Equal(r.At.Time()), "got %s", r.At)
			if tt.alt.IsZero() {
				require.False(t, r.Ambiguous())
				d, err := ParseDate(tt.in)
				require.NoError(t, err)
				require.Equal(t, r.At, d)
				return
			}
			require.True(t, r.Ambiguous())
			require.True(t, tt.alt.Equal(r.Alt.Time()), "got %s", r.Alt)
			_, err = ParseDate(tt.in)
			require.ErrorIs(t, err, ErrAmbiguousDate)
		})
	}
}

func TestReadDateRefuses(t *testing.T) {
	for _, tt := range []struct{ name, in string }{
		{"an empty text", ""},
		{"a negative epoch", "-1"},
		{"an epoch with a fraction", "1700000000.5"},
		{"an epoch too long for 64 bits", "9999999999999999999"},
		{"the basic ISO 8601 form with a time", "20200101T000000Z"},
		{"a time without a zone", "2020-01-01T10:00:00"},
		{"a lower-case t", "2020-01-01t10:00:00Z"},
		{"a lower-case z", "2020-01-01T10:00:00z"},
		{"a space instead of T", "2020-01-01 10:00:00Z"},
		{"hour 24", "2020-01-01T24:00:00Z"},
		{"a leap second", "2016-12-31T23:59:60Z"},
		{"29 February of a common year", "2021-02-29"},
		{"month 13", "2020-13-01"},
		{"a fraction without digits", "2020-01-01T10:00:00.Z"},
		{"a one-digit hour", "2020-01-01T1:00Z"},
		{"an offset without a colon", "2020-01-01T10:00:00+0200"},
		{"an offset hour of 24", "2020-01-01T10:00:00+24:00"},
		{"a date with a trailing space", "2020-01-01 "},
		{"a five-digit year", "12020-01-01"},
		{"a word", "yesterday"},
	} {
		t.Run("refuses "+tt.name, func(t *testing.T) {
			_, err := ReadDate(tt.in)
			require.ErrorIs(t, err, ErrDate)
		})
	}
}

func TestDatesCompareExactly(t *testing.T) {
	a := mustDate(t, "2020-01-01T00:00:00.0000000001Z")
	b := mustDate(t, "2020-01-01T00:00:00Z")
	require.Equal(t, 1, a.Compare(b), "a tenth of a nanosecond later is later")
	require.Equal(t, mustDate(t, "2020-01-01T02:00:00.50+02:00"), mustDate(t, "2020-01-01T00:00:00.5Z"), "== is the same instant")
	require.Equal(t, "2020-01-01T00:00:00.0000000001Z", a.String())
	require.Equal(t, "2020-01-01T00:00:00.00000000005Z", b.Between(a).String())
	require.Equal(t, "2020-01-01T00:00:01Z", b.Between(mustDate(t, "2020-01-01T00:00:02Z")).String(), "whole seconds are preferred")
	require.Equal(t, b, DateOf(b.Time()))
	require.Equal(t, "1969-12-31T23:59:59.5Z", mustDate(t, "1969-12-31T23:59:59Z").Between(mustDate(t, "1970-01-01T00:00:00Z")).String())
}

func TestRelate(t *testing.T) {
	year := mustRead(t, "2020")
	for _, tt := range []struct {
		name    string
		request string
		rel     Relation
		want    Truth
	}{
		{"a request in 2025 is after both readings of 2020", "2025-06-01T00:00:00Z", Greater, True},
		{"a request in 2025 is before neither reading of 2020", "2025-06-01T00:00:00Z", Less, False},
		{"a request in 2019 is after epoch second 2020 but before the year", "2019-06-01T00:00:00Z", Greater, Unknown},
		{"a request in 2019 is before the year 2020 but after epoch second 2020", "2019-06-01T00:00:00Z", Less, Unknown},
		{"a request at the epoch is before both readings", "1970-01-01T00:00:00Z", Less, True},
	} {
		t.Run(tt.name, func(t *testing.T) {
			require.Equal(t, tt.want, mustRead(t, tt.request).Relate(tt.rel, year))
		})
	}
	t.Run("certain and possible sets bracket the readings", func(t *testing.T) {
		certain, possible := year.Sets(Greater)
		require.Equal(t, SetOf(Greater, year.Alt), certain)
		require.Equal(t, SetOf(Greater, year.At), possible)
	})
}

func mustRead(t testing.TB, s string) DateReading {
	r, err := ReadDate(s)
	require.NoError(t, err)
	return r
}

func mustDate(t testing.TB, s string) Date {
	d, err := ParseDate(s)
	require.NoError(t, err)
	return d
}

// w3cShape is the W3C profile's grammar; the ranges and the calendar are
// left to time.Parse.
var w3cShape = regexp.MustCompile(`^\d{4}-\d{2}(-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?)?$`)

// parseDateSlow is the readable twin of ReadDate for unambiguous texts:
// the grammar as a regular expression, then time.Parse with the W3C
// layouts.
func parseDateSlow(s string) (time.Time, bool) {
	if isDigits(s) {
		if len(s) > maxEpochDigits {
			return time.Time{}, false
		}
		sec, err := strconv.ParseInt(s, 10, 64)
		return time.Unix(sec, 0).UTC(), err == nil
	}
	if !w3cShape.MatchString(s) {
		return time.Time{}, false
	}
	if len(s) > 29 && s[19] == '.' {
		// time.Parse reads at most nine fraction digits; keep nine.
		end := 20
		for end < len(s) && s[end] >= '0' && s[end] <= '9' {
			end++
		}
		s = s[:min(29, end)] + s[end:]
	}
	layout := "2006-01-02T15:04:05Z07:00"
	switch {
	case len(s) == 7:
		layout = "2006-01"
	case len(s) == 10:
		layout = "2006-01-02"
	case s[16] != ':':
		layout = "2006-01-02T15:04Z07:00"
	}
	t, err := time.Parse(layout, s)
	if err != nil {
		return time.Time{}, false
	}
	if n := len(s); n > 10 && s[n-1] != 'Z' {
		// time.Parse reads offsets such as +00:60; W3C's hh:mm are a clock.
		if h, _ := strconv.Atoi(s[n-5 : n-3]); h > 23 {
			return time.Time{}, false
		}
		if m, _ := strconv.Atoi(s[n-2:]); m > 59 {
			return time.Time{}, false
		}
	}
	return t, true
}

func FuzzReadDate(f *testing.F) {
	for _, s := range []string{"2020", "2030-01", "2020-02-29", "2020-01-01T10:30+02:00", "2019-04-25T11:00:00.123-05:00",
		"1700000000", "20200101", "2020-01-01T10:00:00", "2021-02-29", "2020-01-01T24:00:00Z", "2020-01-01T00:00:00.0000000001Z"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		r, err := ReadDate(s)
		slow, ok := parseDateSlow(s)
		require.Equal(t, ok, err == nil, "ReadDate(%q) = %v; time.Parse reads it: %v", s, err, ok)
		if err != nil {
			return
		}
		sec, nsec := r.At.Unix()
		require.Equal(t, slow.Unix(), sec, "seconds of %q", s)
		require.Equal(t, slow.Nanosecond(), int(nsec), "nanoseconds of %q", s)
		if r.At.Time().Year() <= 9999 && r.At.Time().Year() >= 0 {
			back, err := ParseDate(r.At.String())
			require.NoError(t, err)
			require.Equal(t, r.At, back, "String is read back as the same instant")
		}
	})
}
