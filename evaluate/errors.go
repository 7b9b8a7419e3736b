package evaluate

import "errors"

// Error is returned for input the engine refuses: a malformed request or a
// policy it cannot compile. Path names the offending element, such as
// "Request.Action" or "Identity[0].Statement[1].Action[2]"; Err says which
// kind of input was refused.
type Error struct {
	// Path is the offending element; empty when the error is not tied to
	// one element.
	Path string
	// Reason says what is wrong.
	Reason string
	// Err is the class of the error, ErrInvalidRequest or ErrInvalidPolicy;
	// errors.Is matches it through Unwrap.
	Err error
}

// Error returns "evaluate: Path: Reason".
func (e *Error) Error() string {
	if e.Path == "" {
		return "evaluate: " + e.Reason
	}
	return "evaluate: " + e.Path + ": " + e.Reason
}

// Unwrap returns the class of the error, so that errors.Is(err,
// ErrInvalidRequest) and errors.Is(err, ErrInvalidPolicy) work on an *Error.
func (e *Error) Unwrap() error { return e.Err }

// Sentinel errors matched by errors.Is against an *Error.
var (
	// ErrInvalidRequest: the Request is malformed.
	ErrInvalidRequest = errors.New("invalid request")
	// ErrInvalidPolicy: a policy cannot be compiled, or there is no compiled
	// Evaluator (a nil *Evaluator).
	ErrInvalidPolicy = errors.New("invalid policy")
)

func requestError(field, reason string) error {
	return &Error{Path: "Request." + field, Reason: reason, Err: ErrInvalidRequest}
}

// policyError is an *Error of class ErrInvalidPolicy.
func policyError(path, reason string) error {
	return &Error{Path: path, Reason: reason, Err: ErrInvalidPolicy}
}
