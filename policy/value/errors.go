package value

import "errors"

// The errors the parsers return. They are sentinel values so that reading
// a request value on a hot path never allocates; callers add the JSON path
// or context key.
var (
	// ErrNumber: not an integer or decimal number (aws-rules B.4).
	ErrNumber = errors.New("expected an integer or decimal number such as 10 or -2.5, without a plus sign, exponent or spaces")
	// ErrDate: neither a W3C date nor epoch seconds (aws-rules B.5).
	ErrDate = errors.New("expected a W3C ISO 8601 date such as 2020-01-01, 2020-01-01T00:00:00Z or 2020-01-01T09:30+02:00, or whole epoch seconds")
	// ErrAmbiguousDate: an all-digit date that is both epoch seconds and a
	// calendar date; ReadDate returns both readings.
	ErrAmbiguousDate = errors.New("the all-digit date is both epoch seconds and a calendar date; write it as YYYY-MM-DDThh:mm:ssZ")
	// ErrBool: not "true" or "false" (aws-rules B.6).
	ErrBool = errors.New(`expected "true" or "false" in lower case`)
	// ErrBinary: not standard, padded base64 (aws-rules B.6).
	ErrBinary = errors.New("expected non-empty standard base64 text with padding")
	// ErrPrefix: not an IPv4 or IPv6 address or CIDR block (aws-rules B.6).
	ErrPrefix = errors.New("expected an IPv4 or IPv6 address or CIDR block such as 203.0.113.0/24 or 2001:db8::/32, without a zone or spaces")
	// ErrAddr: not an IPv4 or IPv6 address, the form a request carries.
	ErrAddr = errors.New("expected an IPv4 or IPv6 address such as 203.0.113.7, without a prefix length, zone or spaces")
	// ErrARNPattern: an ARN operator's value that is neither "*" nor six
	// colon-separated parts (aws-rules B.7).
	ErrARNPattern = errors.New("expected an ARN pattern arn:partition:service:region:account:resource, each part possibly with * and ?, or *")

	errUnknownKind = errors.New("unknown kind of value")
)
