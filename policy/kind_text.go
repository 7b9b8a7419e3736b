package policy

import (
	"errors"
	"fmt"
)

// ErrUnknownName is the cause when text names no Kind or Severity.
var ErrUnknownName = errors.New("unknown name")

// MarshalText writes the kind's name, such as "KeyPolicy", so that JSON
// holds the name rather than a number. A value that is not one of the
// defined kinds is an error.
func (k Kind) MarshalText() ([]byte, error) {
	if !k.known() {
		return nil, errors.New("policy: cannot marshal " + k.String() + ": not a defined kind")
	}
	return []byte(k.String()), nil
}

// UnmarshalText reads a kind's name as MarshalText writes it.
func (k *Kind) UnmarshalText(text []byte) error {
	for c := IdentityPolicy; c <= RCP; c++ {
		if string(text) == c.String() {
			*k = c
			return nil
		}
	}
	return fmt.Errorf("policy: kind %q: %w; want IdentityPolicy, ResourcePolicy, KeyPolicy, TrustPolicy, PermissionsBoundary, SessionPolicy, SCP or RCP", text, ErrUnknownName)
}

// MarshalText writes the severity's name as Access Analyzer spells it,
// such as "ERROR", so that JSON holds "severity": "ERROR" rather than 1. A
// value that is not one of the defined severities is an error.
func (s Severity) MarshalText() ([]byte, error) {
	if s < SeverityError || s > SeveritySuggestion {
		return nil, errors.New("policy: cannot marshal " + s.String() + ": not a defined severity")
	}
	return []byte(s.String()), nil
}

// UnmarshalText reads a severity's name as MarshalText writes it.
func (s *Severity) UnmarshalText(text []byte) error {
	for c := SeverityError; c <= SeveritySuggestion; c++ {
		if string(text) == c.String() {
			*s = c
			return nil
		}
	}
	return fmt.Errorf("policy: severity %q: %w; want ERROR, SECURITY_WARNING, WARNING or SUGGESTION", text, ErrUnknownName)
}
