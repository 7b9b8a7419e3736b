package catalog

import (
	"errors"
	"strings"
)

// ErrUnknownConditionKey is the cause of a *ConditionKeyError: the catalog
// has no condition key of that name.
var ErrUnknownConditionKey = errors.New("catalog: unknown condition key")

// ConditionKeyError says that the catalog does not know a condition key a
// request carries, and what the caller probably meant.
type ConditionKeyError struct {
	// Key is the name as given.
	Key string
	// Suggestion is the closest key the catalog knows ("kms:ViaService"
	// for "kms:ViaServic"), or "" when none is near enough to be a likely
	// typo.
	Suggestion string
}

// Error says what is wrong, with "did you mean" when there is a
// Suggestion.
func (e *ConditionKeyError) Error() string {
	msg := quoteName(e.Key) + " is not a condition key the catalog knows"
	if e.Suggestion != "" {
		msg += "; did you mean " + quoteName(e.Suggestion) + "?"
	}
	return msg
}

// Unwrap returns ErrUnknownConditionKey.
func (e *ConditionKeyError) Unwrap() error { return ErrUnknownConditionKey }

// CheckConditionKey looks up a condition key a request carries, as
// ConditionKey does (ignoring case, filling templates such as
// kms:EncryptionContext:${EncryptionContextKey}). For a name the catalog
// does not know it returns a *ConditionKeyError with the closest global key
// or key of the named service as a suggestion, so that a front end can
// report "kms:ViaServic" with "did you mean kms:ViaService?".
//
// An unknown key is not necessarily wrong: the keys of identity providers
// (token.actions.githubusercontent.com:sub…) are not in the catalog, and a
// service may be newer than it. Front ends should report it, not refuse it.
func (c *Catalog) CheckConditionKey(name string) (*ConditionKey, error) {
	c = c.orEmpty()
	if k, ok := c.ConditionKey(name); ok {
		return k, nil
	}
	e := &ConditionKeyError{Key: name}
	candidates := func(yield func(string) bool) {
		for _, k := range c.globals.keys {
			if !k.IsTemplate() && !yield(k.Name) {
				return
			}
		}
		prefix, _, ok := strings.Cut(name, ":")
		if !ok {
			return
		}
		if s, ok := c.Service(prefix); ok {
			for _, k := range s.ConditionKeys {
				if !k.IsTemplate() && !yield(k.Name) {
					return
				}
			}
		}
	}
	if sug, ok := closest(name, candidates); ok {
		e.Suggestion = sug
	}
	return nil, e
}
