package policy

import "fmt"

// Kind is the role a document plays; Validate applies the rules of that
// kind (aws-rules A.1 table, aws-rules D quotas).
type Kind uint8

// The kinds of policy document.
const (
	IdentityPolicy      Kind = iota + 1 // inline or managed policy of a user, group or role
	ResourcePolicy                      // resource-based policy (bucket policy, queue policy…)
	KeyPolicy                           // KMS key policy
	TrustPolicy                         // IAM role trust policy
	PermissionsBoundary                 // permissions boundary of a user or role
	SessionPolicy                       // session policy passed to AssumeRole / GetFederationToken
	SCP                                 // AWS Organizations service control policy
	RCP                                 // AWS Organizations resource control policy
)

// String returns the kind's name, e.g. "KeyPolicy".
func (k Kind) String() string {
	switch k {
	case IdentityPolicy:
		return "IdentityPolicy"
	case ResourcePolicy:
		return "ResourcePolicy"
	case KeyPolicy:
		return "KeyPolicy"
	case TrustPolicy:
		return "TrustPolicy"
	case PermissionsBoundary:
		return "PermissionsBoundary"
	case SessionPolicy:
		return "SessionPolicy"
	case SCP:
		return "SCP"
	case RCP:
		return "RCP"
	}
	return fmt.Sprintf("Kind(%d)", uint8(k))
}

// Severity ranks a validation finding.
type Severity uint8

// The severities, most serious first.
const (
	SeverityError           Severity = iota + 1 // AWS rejects the document, or it can never work as written
	SeveritySecurityWarning                     // valid, but grants more than it appears to
	SeverityWarning                             // valid, but probably not what was meant
	SeveritySuggestion                          // valid; a clearer or smaller form exists
)

// String returns the severity as Access Analyzer spells it: "ERROR",
// "SECURITY_WARNING", "WARNING" or "SUGGESTION".
func (s Severity) String() string {
	switch s {
	case SeverityError:
		return "ERROR"
	case SeveritySecurityWarning:
		return "SECURITY_WARNING"
	case SeverityWarning:
		return "WARNING"
	case SeveritySuggestion:
		return "SUGGESTION"
	}
	return fmt.Sprintf("Severity(%d)", uint8(s))
}

// Finding is one validation result. In JSON it is {"severity": "ERROR", "code": …, "path": …, "message": …}.
type Finding struct {
	Severity Severity `json:"severity"` // how serious it is
	// Code is a stable identifier such as "MISSING_VERSION", for filtering
	// and golden tests.
	Code string `json:"code"`
	// Path is the JSON path of the element concerned, such as
	// "Statement[2].Resource[0]"; empty for the whole document.
	Path string `json:"path"`
	// Message is one line saying what is wrong and what to do.
	Message string `json:"message"`
}

// String formats the finding as "SEVERITY CODE Path: Message".
func (f Finding) String() string {
	if f.Path == "" {
		return f.Severity.String() + " " + f.Code + ": " + f.Message
	}
	return f.Severity.String() + " " + f.Code + " " + f.Path + ": " + f.Message
}

// Checker adds findings to Validate. The catalog package provides one that
// knows every AWS action; policy itself knows only the grammar.
type Checker interface {
	// Check returns its findings on doc read as a policy of kind.
	Check(doc *Document, kind Kind) []Finding
}

// ValidateOption configures Validate.
type ValidateOption func(*validateConfig)

type validateConfig struct {
	checkers []Checker
	quota    Quota // set by WithQuota when quotaSet
	quotaSet bool
	// errorsOnly: ValidateErrors.
	errorsOnly bool
}

// WithChecker makes Validate also run c and merge its findings.
func WithChecker(c Checker) ValidateOption {
	return func(cfg *validateConfig) { cfg.checkers = append(cfg.checkers, c) }
}
