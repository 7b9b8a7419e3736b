package policy

// The two policy language versions (aws-rules A.2). Policy variables exist only
// under Version2012; under Version2008, or with no Version, "${...}" is
// literal text.
const (
	Version2012 = "2012-10-17"
	Version2008 = "2008-10-17"
)

// Document is an IAM policy document: identity policy, resource policy (a KMS
// key policy, a role trust policy, a bucket policy…), permissions boundary,
// session policy, SCP or RCP. The zero value is an empty document.
//
// Parse fills a Document strictly; json.Marshal writes it back in AWS's
// element order and in the form each element was given.
type Document struct {
	// Version is "2012-10-17", "2008-10-17", or empty when the document has
	// no Version element.
	Version string
	// ID is the optional Id element.
	ID string
	// Statement holds the statements in document order.
	Statement []Statement
	// StatementObject records that Statement was written as a single JSON
	// object rather than an array. It only matters when there is exactly
	// one statement.
	StatementObject bool
}

// VariablesEnabled reports whether policy variables (${...}) are
// interpreted in this document: only under Version 2012-10-17 (aws-rules A.2).
func (d *Document) VariablesEnabled() bool { return d != nil && d.Version == Version2012 }

// Effect is the Effect element of a statement.
type Effect string

// The two effects. The value is case-sensitive (aws-rules A.3).
const (
	Allow Effect = "Allow"
	Deny  Effect = "Deny"
)

// Valid reports whether e is exactly Allow or Deny.
func (e Effect) Valid() bool { return e == Allow || e == Deny }

// Statement is one statement of a policy document. A Strings field with no
// values and a nil *Principal mean the element is absent.
type Statement struct {
	Sid          string     // the statement ID; empty when absent
	Effect       Effect     // Allow or Deny
	Principal    *Principal // resource-based policies only
	NotPrincipal *Principal // resource-based policies only
	Action       Strings    // action patterns the statement covers
	NotAction    Strings    // action patterns it covers all but
	Resource     Strings    // resource patterns it covers
	NotResource  Strings    // resource patterns it covers all but
	Condition    Condition  // when the statement applies
}
