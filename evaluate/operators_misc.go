package evaluate

import (
	"encoding/base64"
	"strings"
)

// parseBool reads "true" or "false" in any case: Bool compares with the
// strings or the JSON booleans (aws-rules B.6); Null takes the same values.
func parseBool(s string) (bool, bool) {
	switch {
	case strings.EqualFold(s, "true"):
		return true, true
	case strings.EqualFold(s, "false"):
		return false, true
	}
	return false, false
}

func parseBoolReason(s string) (bool, string) {
	b, ok := parseBool(s)
	if !ok {
		return false, "is not true or false"
	}
	return b, ""
}

// checkBase64 refuses a BinaryEquals value that is not base64 text. The
// comparison itself is of the text, byte for byte (aws-rules B.6).
func checkBase64(s string) string {
	if _, err := base64.StdEncoding.DecodeString(s); err != nil {
		return "is not base64"
	}
	return ""
}
