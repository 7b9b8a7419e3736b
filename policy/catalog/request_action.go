package catalog

import (
	"errors"
	"strings"
)

// Sentinel errors of CheckAction, matched with errors.Is against an
// *ActionError.
var (
	// ErrUnknownService: the action's service prefix is not in the catalog.
	ErrUnknownService = errors.New("catalog: unknown service prefix")
	// ErrUnknownAction: the service exists but has no such action.
	ErrUnknownAction = errors.New("catalog: unknown action")
	// ErrNotOneAction: the text is not one action "service:ActionName"
	// (empty, no colon, or a wildcard).
	ErrNotOneAction = errors.New("catalog: not one action")
)

// ActionError says why CheckAction refused an action name, and what the
// caller probably meant.
type ActionError struct {
	// Action is the name as given.
	Action string
	// Suggestion is the closest catalog action ("kms:Decrypt" for
	// "kms:Decrpyt"), or "" when none is near enough to be a likely typo.
	Suggestion string
	// Err is ErrUnknownService, ErrUnknownAction or ErrNotOneAction.
	Err error
}

// Error says what is wrong, with "did you mean" when there is a
// Suggestion.
func (e *ActionError) Error() string {
	var msg string
	switch e.Err {
	case ErrUnknownService:
		prefix, _, _ := strings.Cut(e.Action, ":")
		msg = quoteName(e.Action) + " names service prefix " + quoteName(prefix) + ", which the catalog does not know"
	case ErrUnknownAction:
		msg = quoteName(e.Action) + " is not an action the catalog knows"
	default:
		msg = quoteName(e.Action) + ` is not one action "service:ActionName"`
		if hasWildcard(e.Action) {
			msg = quoteName(e.Action) + ` is a pattern, not one action "service:ActionName"`
		}
	}
	if e.Suggestion != "" {
		msg += "; did you mean " + quoteName(e.Suggestion) + "?"
	}
	return msg
}

// Unwrap returns Err, so that errors.Is matches the sentinels.
func (e *ActionError) Unwrap() error { return e.Err }

// CheckAction looks up the one action a request names ("kms:Decrypt",
// compared ignoring case) and returns it. For a name the catalog does not
// know it returns an *ActionError with the closest known action as a
// suggestion, so that a front end can refuse "kms:Decrpyt" with "did you
// mean kms:Decrypt?" rather than decide a request for an action that does
// not exist. An action newer than the catalog is refused too: a caller that
// knows better should skip the check.
func (c *Catalog) CheckAction(name string) (*Action, error) {
	c = c.orEmpty()
	prefix, short, ok := strings.Cut(name, ":")
	if !ok || prefix == "" || short == "" || hasWildcard(name) || strings.Contains(short, ":") {
		return nil, &ActionError{Action: name, Err: ErrNotOneAction}
	}
	s, ok := c.Service(prefix)
	if !ok {
		e := &ActionError{Action: name, Err: ErrUnknownService}
		if sug, ok := closest(prefix, c.servicePrefixes()); ok {
			if sv, _ := c.Service(sug); sv != nil {
				e.Suggestion = sug + ":" + short
				if a, ok := sv.Action(short); ok {
					e.Suggestion = a.full
				}
			}
		}
		return nil, e
	}
	if a, ok := s.Action(short); ok {
		return a, nil
	}
	e := &ActionError{Action: name, Err: ErrUnknownAction}
	if sug, ok := closest(short, actionNames(s)); ok {
		e.Suggestion = s.Prefix + ":" + sug
	}
	return nil, e
}

// quoteName quotes a name for an error message, cutting very long text.
func quoteName(s string) string {
	if len(s) > 200 {
		s = s[:200] + "…"
	}
	return `"` + s + `"`
}
