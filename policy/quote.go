package policy

import (
	"strconv"
	"unicode/utf8"
)

// maxQuoted is how many bytes of a value an error message or a finding
// quotes: enough to recognise the value, never the whole of a huge one.
const maxQuoted = 64

// quoteShort quotes s for a message: the whole of it when it is short,
// else its first bytes followed by "…" and its length, so that messages
// stay small whatever the document holds.
func quoteShort(s string) string {
	if len(s) <= maxQuoted {
		return strconv.Quote(s)
	}
	return strconv.Quote(s[:runeCut(s, maxQuoted)]) + "… (" + strconv.Itoa(len(s)) + " bytes)"
}

// quoteAround quotes s for a message about its byte i: the whole of it
// when it is short, else the bytes around i with their place in s.
func quoteAround(s string, i int) string {
	if len(s) <= maxQuoted {
		return strconv.Quote(s)
	}
	from := max(0, i-maxQuoted/2)
	for from > 0 && from < len(s) && !utf8.RuneStart(s[from]) && i-from < maxQuoted {
		from--
	}
	to := from + runeCut(s[from:], maxQuoted)
	q := strconv.Quote(s[from:to])
	if from > 0 {
		q = "…" + q
	}
	if to < len(s) {
		q += "…"
	}
	return q + " (byte " + strconv.Itoa(i) + " of " + strconv.Itoa(len(s)) + ")"
}

// runeCut is the largest cut of s at or below n bytes that does not split
// a valid UTF-8 character.
func runeCut(s string, n int) int {
	if n >= len(s) {
		return len(s)
	}
	for c := n; c > n-utf8.UTFMax && c > 0; c-- {
		if utf8.RuneStart(s[c]) {
			return c
		}
	}
	return n
}
