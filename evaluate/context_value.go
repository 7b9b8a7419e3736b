package evaluate

// CheckContextValue reports whether the condition operators can read v as
// a request context value of type typ, one of "string", "numeric",
// "boolean", "ip", "binary" and "date" (the base types of the IAM policy
// simulator's ContextKeyType, aws-rules H.1). It uses the readers the
// operators use, so a value it accepts is one a condition of that type can
// compare. It returns nil, or an *Error whose Reason completes the
// sentence "the value ..." ("is not a decimal number") and that matches
// ErrInvalidRequest.
func CheckContextValue(typ, v string) error {
	reason := ""
	switch typ {
	case "string":
	case "numeric":
		_, reason = parseDecimalReason(v)
	case "boolean":
		_, reason = parseBoolReason(v)
	case "ip":
		if _, ok := parseRequestIP(v); !ok {
			_, reason = parseIPReason(v)
		}
	case "binary":
		reason = checkBase64(v)
	case "date":
		_, reason = parseDateReason(v)
	default:
		reason = "has an unknown type " + typ
	}
	if reason == "" {
		return nil
	}
	return requestError("Context", reason)
}
