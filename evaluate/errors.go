package evaluate

import "errors"

// Error is returned for input the engine refuses: a malformed request or a
// policy it cannot compile. Path names the offending element, such as
// "Request.Action" or "Identity[0].Statement[1].Action[2]".
type Error struct {
	Path   string
	Reason string
}

// Error returns "evaluate: Path: Reason".
func (e *Error) Error() string {
	if e.Path == "" {
		return "evaluate: " + e.Reason
	}
	return "evaluate: " + e.Path + ": " + e.Reason
}

// Is makes errors.Is(err, ErrInvalidRequest) and errors.Is(err,
// ErrInvalidPolicy) work on an *Error.
func (e *Error) Is(target error) bool {
	switch target {
	case ErrInvalidRequest:
		return len(e.Path) >= 7 && e.Path[:7] == "Request"
	case ErrInvalidPolicy:
		return len(e.Path) < 7 || e.Path[:7] != "Request"
	}
	return false
}

// Sentinel errors matched by errors.Is against an *Error.
var (
	// ErrInvalidRequest: the Request is malformed.
	ErrInvalidRequest = errors.New("invalid request")
	// ErrInvalidPolicy: a policy cannot be compiled.
	ErrInvalidPolicy = errors.New("invalid policy")
)

func requestError(field, reason string) error {
	return &Error{Path: "Request." + field, Reason: reason}
}
