package value

import "encoding/base64"

// ParseBool reads a Bool or Null condition value, "true" or "false" (the
// JSON literals true and false have the same text). Any other spelling —
// "True", "TRUE", "1", "yes" — is ErrBool: AWS documents the two lower-case
// words (aws-rules B.6, B.9), and a value read only by a more lenient
// reader could make an Allow apply that AWS would not. It does not
// allocate.
func ParseBool(s string) (bool, error) {
	switch s {
	case "true":
		return true, nil
	case "false":
		return false, nil
	}
	return false, ErrBool
}

// Binary is a BinaryEquals policy value: base64 text. Standard base64 with
// padding has one spelling per byte string, so Binary values compare by
// their text, as AWS compares the request's base64 text byte for byte
// (aws-rules B.6).
type Binary struct {
	text string
}

// ParseBinary reads non-empty standard base64 with padding and with zero
// unused bits; anything else (URL alphabet, missing padding, line breaks)
// is ErrBinary.
func ParseBinary(s string) (Binary, error) {
	if s == "" || len(s)%4 != 0 {
		return Binary{}, ErrBinary
	}
	for i := 0; i < len(s); i++ {
		// The decoder skips line breaks; the policy's text may not hold them.
		if c := s[i]; !('A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '+' || c == '/' || c == '=') {
			return Binary{}, ErrBinary
		}
	}
	if _, err := base64.StdEncoding.Strict().DecodeString(s); err != nil {
		return Binary{}, ErrBinary
	}
	return Binary{text: s}, nil
}

// String returns the base64 text.
func (b Binary) String() string { return b.text }

// Bytes returns the decoded bytes.
func (b Binary) Bytes() []byte {
	out, _ := base64.StdEncoding.Strict().DecodeString(b.text)
	return out
}
