package arn

import "strings"

// cutSlow is Cut written the obvious way, the reference FuzzSplit checks
// Cut against.
func cutSlow(s string) ([6]string, bool) {
	var parts [6]string
	p := strings.SplitN(s, ":", 6)
	if len(p) < 6 {
		return parts, false
	}
	copy(parts[:], p)
	return parts, true
}

func parseSlow(s string) ([6]string, bool) {
	parts, ok := cutSlow(s)
	if !ok || parts[0] != "arn" || parts[1] == "" || parts[2] == "" || parts[5] == "" {
		return [6]string{}, false
	}
	return parts, true
}
