package evaluate

import (
	"strconv"

	"github.com/cksiam/cksiam/policy"
)

// PolicyType names the kind of policy a statement or a verdict belongs to.
type PolicyType string

// The policy types that take part in a decision.
const (
	TypeIdentity PolicyType = "identity" // Policies.Identity
	TypeResource PolicyType = "resource" // Policies.Resource (key policy, trust policy, bucket policy…)
	TypeBoundary PolicyType = "boundary" // Policies.Boundary
	TypeSession  PolicyType = "session"  // Policies.Session
	TypeSCP      PolicyType = "scp"      // Policies.SCPs
	TypeRCP      PolicyType = "rcp"      // Policies.RCPs
)

// StatementRef identifies one statement of the evaluated policies.
type StatementRef struct {
	// PolicyType is the kind of policy holding the statement.
	PolicyType PolicyType
	// Level is the organization level (0 = root) for SCPs and RCPs, and 0
	// for the other types.
	Level int
	// PolicyIndex is the index of the document within its type (within
	// Policies.Identity, or within the level for SCPs and RCPs; 0 for the
	// single boundary, session and resource policy).
	PolicyIndex int
	// StatementIndex is the index of the statement in its document.
	StatementIndex int
	// Sid is the statement's Sid, possibly empty.
	Sid string
	// Effect is the statement's effect.
	Effect policy.Effect
}

// Path returns the statement's location in Policies, e.g.
// "Identity[1].Statement[0]" or "SCPs[0][2].Statement[1]".
func (s StatementRef) Path() string {
	return docPath(s.PolicyType, s.Level, s.PolicyIndex) + ".Statement[" + strconv.Itoa(s.StatementIndex) + "]"
}

// docPath names a document of Policies the way Go code reaches it.
func docPath(t PolicyType, level, index int) string {
	switch t {
	case TypeIdentity:
		return "Identity[" + strconv.Itoa(index) + "]"
	case TypeResource:
		return "Resource"
	case TypeBoundary:
		return "Boundary"
	case TypeSession:
		return "Session"
	case TypeSCP:
		return "SCPs[" + strconv.Itoa(level) + "][" + strconv.Itoa(index) + "]"
	case TypeRCP:
		return "RCPs[" + strconv.Itoa(level) + "][" + strconv.Itoa(index) + "]"
	}
	return string(t)
}

// PolicyVerdict is what one policy type (or one SCP or RCP level) said
// about the request on its own.
type PolicyVerdict struct {
	// Type is the policy type.
	Type PolicyType
	// Level is the organization level for SCPs and RCPs, else 0.
	Level int
	// Decision is Allowed when an Allow statement applies and no Deny
	// does, ExplicitDeny when a Deny applies, ImplicitDeny otherwise. For
	// an RCP level Allowed stands for the implied RCPFullAWSAccess.
	Decision Decision
}

// Diagnostic is a note the engine makes while deciding: a statement it
// could not evaluate, a required policy that is missing, a reading it took.
type Diagnostic struct {
	// Severity is policy.SeverityError for a problem that changed or may
	// have changed the decision, policy.SeverityWarning for doubtful input,
	// policy.SeveritySuggestion for information.
	Severity policy.Severity
	// Code is a stable identifier, one of the Diag* constants.
	Code string
	// Message says what happened in one line.
	Message string
	// Where is the location in Policies or Request, e.g.
	// "Identity[0].Statement[2].Condition.IpAddress.aws:SourceIp"; empty
	// when the note is about the whole request.
	Where string
}

// String formats the diagnostic as "SEVERITY CODE Where: Message".
func (d Diagnostic) String() string {
	s := d.Severity.String() + " " + d.Code
	if d.Where != "" {
		s += " " + d.Where
	}
	return s + ": " + d.Message
}

// Diagnostic codes.
const (
	// DiagKeyPolicyRequired: a KMS key request was evaluated without a key
	// policy. Every KMS key has one, and IAM policies alone never grant
	// access to a key (aws-rules C.4, aws-rules I).
	DiagKeyPolicyRequired = "KEY_POLICY_REQUIRED"
	// DiagTrustPolicyRequired: an sts:AssumeRole* request on a role was
	// evaluated without the role's trust policy (aws-rules C.5).
	DiagTrustPolicyRequired = "TRUST_POLICY_REQUIRED"
	// DiagCrossAccountNeedsResourcePolicy: the resource is in another
	// account and no resource policy was given (aws-rules C.3).
	DiagCrossAccountNeedsResourcePolicy = "CROSS_ACCOUNT_NEEDS_RESOURCE_POLICY"
	// DiagUnparsablePolicyValue: a condition value in a policy cannot be
	// read for its operator (bad number, date, CIDR, ARN pattern…). The
	// statement never allows; a Deny statement is applied (fail closed).
	DiagUnparsablePolicyValue = "UNPARSABLE_POLICY_VALUE"
	// DiagUnparsableContextValue: a request context value cannot be read
	// for the operator testing it. Handled like DiagUnparsablePolicyValue.
	DiagUnparsableContextValue = "UNPARSABLE_CONTEXT_VALUE"
	// DiagAmbiguousDate: a Date condition holds under one reading of an
	// all-digit date ("2020": the year or epoch seconds) and not under the
	// other (see package policy/value). Handled like
	// DiagUnparsablePolicyValue: the statement never allows on it, and a
	// Deny applies.
	DiagAmbiguousDate = "AMBIGUOUS_DATE"
	// DiagAmbiguousIP: an IpAddress or NotIpAddress condition holds under
	// one reading of an IPv6 address written without a prefix length (the
	// one address, or the /32 block AWS documents as the default prefix)
	// and not under the other. Handled like DiagUnparsablePolicyValue: the
	// statement never allows on it, and a Deny applies.
	DiagAmbiguousIP = "AMBIGUOUS_IP"
	// DiagPrincipalArnPathUnknown: a condition tests aws:PrincipalArn of a
	// role session whose role has a path by its name (an IAM Identity
	// Center AWSReservedSSO_ role, a service-linked role), and the request
	// context does not give it: AWS compares the role's ARN with its path,
	// which the session ARN does not show (aws-rules I.17). Handled like
	// DiagUnparsablePolicyValue: the statement never allows on it, and a
	// Deny applies. Give aws:PrincipalArn in Request.Context.
	DiagPrincipalArnPathUnknown = "PRINCIPAL_ARN_PATH_UNKNOWN"
	// DiagFailClosedDeny: a Deny statement was applied because one of its
	// conditions could not be evaluated.
	DiagFailClosedDeny = "FAIL_CLOSED_DENY"
	// DiagUnresolvedVariable: a policy variable had no value in the
	// request, so the Resource entry or condition value holding it could
	// not match (aws-rules A.8).
	DiagUnresolvedVariable = "UNRESOLVED_POLICY_VARIABLE"
	// DiagSCPsNotApplicable: SCPs were given but do not apply to the
	// caller: a service principal or a service-linked role.
	DiagSCPsNotApplicable = "SCPS_NOT_APPLICABLE"
	// DiagRCPsNotApplicable: RCPs were given but do not govern the
	// request: its service does not support RCPs, it is kms:RetireGrant, it
	// names no resource, or the caller is a service-linked role (or a
	// service assuming its service-linked role).
	DiagRCPsNotApplicable = "RCPS_NOT_APPLICABLE"
	// DiagEmptySCPLevel: an SCP level holds no policy, so it allows
	// nothing.
	DiagEmptySCPLevel = "EMPTY_SCP_LEVEL"
	// DiagIdentityNotApplicable: identity-based policies, a boundary or a
	// session policy were given for a caller that cannot have them (a
	// service principal); their Allow statements are ignored, their Deny
	// statements still apply.
	DiagIdentityNotApplicable = "IDENTITY_POLICIES_NOT_APPLICABLE"
	// DiagRootCannotAssumeRole: the account root user cannot call
	// sts:AssumeRole*.
	DiagRootCannotAssumeRole = "ROOT_CANNOT_ASSUME_ROLE"
	// DiagKMSNotCrossAccount: the kms operation cannot be used on a key in
	// another account (aws-rules C.4, E.2), so the request is implicitDeny
	// whatever the policies say.
	DiagKMSNotCrossAccount = "KMS_NOT_CROSS_ACCOUNT"
	// DiagRootUserAccess: the account root user was allowed without an
	// identity policy: it has full access to its own account's resources,
	// subject to SCPs (aws-rules C.1).
	DiagRootUserAccess = "ROOT_USER_ACCESS"
	// DiagLiteralWildcardResource: Request.Resource holds '*' or '?' in
	// its resource part. A request names one resource, so these are
	// literal characters of its name, not a pattern: the decision is about
	// a resource so named, not about every resource the pattern would
	// cover ("arn:aws:s3:::bucket/*" is the object named "*").
	DiagLiteralWildcardResource = "LITERAL_WILDCARD_RESOURCE"
	// DiagDirectGrantReading: a key policy, or a trust policy, named the
	// caller (its IAM user or role session, or everyone) directly, and the
	// caller's permissions boundary or session policy does not allow the
	// action. AWS documents that a resource-based policy naming a user or
	// session is not limited by them, with an exception for trust policies
	// naming IAM users; the engine reads key policies, and trust policies
	// naming sessions, by the general rule and allowed (aws-rules I.11).
	DiagDirectGrantReading = "DIRECT_GRANT_READING"
	// DiagUnreadableStatement: with the option LooseDocuments, a statement
	// that breaks the policy grammar was compiled fail-closed: an
	// unreadable Action, NotAction, Resource or NotResource value was read
	// the way that grants no more and denies no less than any reading, or
	// the whole statement was (as a Deny it applies to every request, as an
	// Allow it never applies). Where names the statement.
	DiagUnreadableStatement = "UNREADABLE_STATEMENT"
)

// Result is the decision with its explanation.
type Result struct {
	// Decision is the outcome.
	Decision Decision
	// Statements are the statements that decided: every Deny statement
	// that applied when the decision is ExplicitDeny; otherwise every
	// Allow statement that applied, of every policy type. Sorted by policy
	// type (identity, resource, boundary, session, scp, rcp), level,
	// policy index and statement index.
	Statements []StatementRef
	// Verdicts holds the verdict of each policy type that took part, in
	// the order identity, resource, boundary, session, each SCP level, each
	// RCP level. A type with no policy given does not appear.
	Verdicts []PolicyVerdict
	// MissingContextKeys are the condition keys that an applicable
	// statement tested (or used as a policy variable) and that the request
	// lacked even after implied keys were filled in. Sorted ignoring case,
	// de-duplicated ignoring case, spelled as the first policy that used
	// them spelled them.
	MissingContextKeys []string
	// Diagnostics are the engine's notes, sorted by Where, then Code.
	Diagnostics []Diagnostic
	// Reason is a one-line account of the decision. For an ImplicitDeny
	// where an Allow statement would have applied had the request carried a
	// condition key it tests, it adds "; the Allow at PATH needs KEY, which
	// the request does not carry" (the first such statement).
	Reason string
	// GrantId names the KMS grant that allowed the request (Policies.Grants)
	// or, for kms:RetireGrant, the grant whose rules let the caller retire
	// it; empty otherwise.
	GrantId string
}

// Verdict returns the verdict of policy type t at level (0 for types
// without levels), and whether that type took part.
func (r Result) Verdict(t PolicyType, level int) (PolicyVerdict, bool) {
	for _, v := range r.Verdicts {
		if v.Type == t && v.Level == level {
			return v, true
		}
	}
	return PolicyVerdict{}, false
}
