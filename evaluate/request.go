package evaluate

import (
	"github.com/cksiam/cksiam/internal/ascii"
	"github.com/cksiam/cksiam/policy"
)

// Context holds the request's condition keys and their values, such as
// "aws:SourceIp": {"203.0.113.7"}. Key names ignore ASCII case (aws-rules
// A.7; other letters match only themselves), so a context with two keys
// that differ only in case is ambiguous and refused; values keep their
// case. A key with no values counts as absent. Keys are at most
// MaxContextKeyLength characters, values MaxContextValueLength.
type Context map[string][]string

// Lookup returns the values of key, matching key names without regard to
// ASCII case, as the engine does. When the context holds several keys that
// differ only in case, none of them is returned (the request is ambiguous,
// and Evaluate and Decide refuse it; Check says which keys).
func (c Context) Lookup(key string) ([]string, bool) {
	var found []string
	n := 0
	for name, v := range c {
		if ascii.EqualFold(name, key) {
			found = v
			n++
		}
	}
	return found, n == 1
}

// Check reports what Evaluate and Decide would refuse in the context: two
// keys that differ only in ASCII case (an error naming both), an empty key,
// or a key or value longer than AWS accepts. The error is an *Error with
// Path "Request.Context".
func (c Context) Check() error {
	var s state
	s.ctx = c
	return s.readContext()
}

// Request is one API call to decide: who calls, which action, on which
// resource, with which condition context.
type Request struct {
	// Principal is the caller: an IAM user or role ARN, an assumed-role
	// session ARN ("arn:aws:sts::111122223333:assumed-role/Admin/alice"), a
	// federated-user ARN, an account ("111122223333" or
	// "arn:aws:iam::111122223333:root", meaning the account's root user),
	// or a service principal such as "cks.kms.amazonaws.com". A bare
	// account ID is read in partition aws: for an account of another
	// partition give its root ARN ("arn:aws-cn:iam::111122223333:root"),
	// else a policy naming that partition's principals does not match it.
	Principal string
	// Action is the IAM action, such as "kms:Decrypt". Wildcards are not
	// allowed: a request names one action.
	Action string
	// Resource is the resource ARN, or "*" for actions that take no
	// resource (kms:CreateCustomKeyStore, kms:ListKeys…). It names one
	// resource: a '*' or '?' in an ARN is a literal character of its name,
	// not a pattern. The ARN must be written as AWS writes ARNs (see the
	// package documentation).
	Resource string
	// ResourceAccount is the account that owns the resource when the ARN
	// does not say (S3 ARNs, "*"). It may be an account ID or an account
	// ARN. Empty means: the account in the resource ARN, else the caller's.
	ResourceAccount string
	// Context holds the condition keys of the request. Keys the request
	// implies (aws:PrincipalArn, aws:PrincipalAccount, aws:PrincipalType,
	// aws:username, kms:CallerAccount…) are filled in when absent; a value
	// given here always wins.
	Context Context
	// EncryptionContext is the encryption context of a KMS cryptographic
	// operation, nil when the request carries none. Grant constraints are
	// checked against it, and it implies kms:EncryptionContext:<key> and
	// kms:EncryptionContextKeys; Context must then not give those keys
	// itself. When nil, the kms:EncryptionContext:<key> entries of Context
	// are the request's encryption context.
	EncryptionContext map[string]string
	// GrantId names the grant a kms:RetireGrant request retires: the
	// grant decides who may retire it. Other actions ignore it.
	GrantId string
	// NewGrant is the grant a kms:CreateGrant request would create: its
	// GranteePrincipal, RetiringPrincipal, Operations and Constraints. A
	// caller whose CreateGrant permission comes from a grant may create
	// only grants within that grant. It implies kms:GranteePrincipal,
	// kms:GranteeServicePrincipal, kms:RetiringPrincipal,
	// kms:RetiringServicePrincipal, kms:GrantOperations,
	// kms:GrantConstraintType and kms:GrantConstraintSourceArn, which
	// Context must then not give. (kms:EncryptionContext:<key> on
	// CreateGrant is not implied from its constraints: AWS does not say
	// what it tests there; give it in EncryptionContext or Context.) Other
	// actions ignore it.
	NewGrant *Grant
}

// Policies are all the policies that take part in one decision.
type Policies struct {
	// Identity holds the identity-based policies of the caller (inline and
	// managed, user, group and role policies alike).
	Identity []*policy.Document
	// Boundary is the caller's permissions boundary, or nil.
	Boundary *policy.Document
	// Session is the session policy passed when the session was created,
	// or nil.
	Session *policy.Document
	// Resource is the resource-based policy of the requested resource, or
	// nil: a KMS key policy, a role trust policy, a bucket policy… See the
	// package documentation for how key and trust policies are recognised.
	Resource *policy.Document
	// SCPs are the service control policies of the caller's account, one
	// slice per level of the organization, root first and account last.
	// Every level must allow the action (aws-rules C.2).
	SCPs [][]*policy.Document
	// RCPs are the resource control policies of the resource's account,
	// one slice per level, root first. RCPFullAWSAccess is attached at
	// every level and cannot be detached, so a level only ever restricts by
	// an explicit Deny; an empty RCPs means no RCP restriction.
	RCPs [][]*policy.Document
	// Grants are the KMS grants on the key (ListGrants): each allows its
	// grantee its operations on the key, with no key or IAM policy needed,
	// unless a Deny, an SCP or an RCP says otherwise. Up to AWS's quota of
	// 50,000 grants per key cost a decision no more than a few.
	Grants []Grant
	// Key holds what DescribeKey and ListResourceTags say about the key,
	// or nil: kms:KeyOrigin, kms:KeySpec, kms:KeyUsage, kms:MultiRegion
	// and aws:ResourceTag/<key> for requests on it.
	Key *KeyFacts
	// PrincipalTags are the tags of the caller (the IAM user or role, with
	// a session's tags applied), giving aws:PrincipalTag/<key>; nil when
	// unknown.
	PrincipalTags map[string]string
}

// Decision is the outcome of evaluating a request. The strings are the
// IAM SDK's types.PolicyEvaluationDecisionType values.
type Decision string

// The three decisions (aws-rules C.1).
const (
	// Allowed: some policy allows and every guardrail allows.
	Allowed Decision = "allowed"
	// ExplicitDeny: a Deny statement in some policy applies.
	ExplicitDeny Decision = "explicitDeny"
	// ImplicitDeny: nothing allows the request, or a guardrail (SCP,
	// permissions boundary, session policy, key or trust policy) does not.
	ImplicitDeny Decision = "implicitDeny"
)

// String returns the decision's text.
func (d Decision) String() string { return string(d) }
