package evaluate

import "github.com/cksiam/cksiam/policy/value"

// CheckContextValue reports whether the condition operators can read v as
// a request context value of type typ, one of "string", "numeric",
// "boolean", "ip", "binary" and "date" (the base types of the IAM policy
// simulator's ContextKeyType, aws-rules H.1). It uses the readers the
// operators use, so a value it accepts is one a condition of that type can
// compare (package policy/value). It returns nil, or an *Error whose
// Reason completes the sentence "the value ..." ("is not a numeric value:
// expected an integer or decimal number…") and that matches
// ErrInvalidRequest.
func CheckContextValue(typ, v string) error {
	var err error
	switch typ {
	case "string":
	case "numeric":
		_, err = value.ParseNumber(v)
	case "boolean":
		_, err = value.ParseBool(v)
	case "ip":
		_, err = value.ParseAddr(v)
	case "binary":
		_, err = value.ParseBinary(v)
	case "date":
		_, err = value.ReadDate(v)
	default:
		return requestError("Context", "has an unknown type "+typ)
	}
	if err != nil {
		return requestError("Context", "is not a "+typ+" value: "+err.Error())
	}
	return nil
}
