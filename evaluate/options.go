package evaluate

// Option changes how Compile reads policies and how the compiled Evaluator
// decides. The zero set of options gives the decision live AWS gives.
type Option func(*options)

// options holds what the Options chose.
type options struct {
	simulator       bool
	unnamedCaller   bool
	loose           bool
	grantBoundaries GrantBoundaryReading
	accountGrantee  AccountGranteeReading
	sourceArn       SourceArnReading
	cache           *CompileCache
	// shot: the evaluator decides one request and is dropped (the
	// package-level Evaluate): Compile checks every statement and compiles
	// those that match the request's action, in the call's memory
	// (oneshot.go).
	shot *oneShot
}

// PolicySimulatorReadings makes the Evaluator answer as the IAM policy
// simulator (SimulateCustomPolicy) does rather than as live AWS: without
// Policies.Resource, a request on a KMS key or an IAM role ARN is decided
// from the identity-side policies alone, because the simulator does not
// model key policies or trust policies (aws-rules H.1, H.3). Live AWS
// requires the key or trust policy; only a simulator front end should ask
// for this.
func PolicySimulatorReadings() Option { return func(o *options) { o.simulator = true } }

// CallerUnnamed says that the request's Principal stands in for a caller
// the input did not name (SimulateCustomPolicy without CallerArn): the
// keys that would describe the caller (aws:PrincipalArn, aws:username,
// kms:CallerAccount, …) are then not implied, so conditions on them find
// them missing, as in the IAM policy simulator, instead of matching the
// stand-in.
func CallerUnnamed() Option { return func(o *options) { o.unnamedCaller = true } }

// GrantBoundaryReading says whether a permissions boundary or a session
// policy that does not allow an action limits a KMS grant that does. AWS's
// documents are silent (see the package documentation, "Readings the
// engine takes"); a Result carries DiagGrantBoundaryReading when the reading
// decided.
type GrantBoundaryReading uint8

// The readings of a boundary or session policy against a grant.
const (
	// GrantLikeResourcePolicy, the default: a grant is read as a key-policy
	// statement naming its grantee, so a grant to a role is limited by its
	// sessions' boundary and session policy, and a grant to a user or a
	// session is not (aws-rules C.2 table).
	GrantLikeResourcePolicy GrantBoundaryReading = iota
	// GrantAlwaysLimited: the boundary and the session policy limit every
	// grant to an IAM principal.
	GrantAlwaysLimited
	// GrantNeverLimited: boundaries and session policies never limit a
	// grant.
	GrantNeverLimited
)

// GrantBoundaries sets how boundaries and session policies meet grants.
func GrantBoundaries(r GrantBoundaryReading) Option {
	return func(o *options) { o.grantBoundaries = r }
}

// AccountGranteeReading says what a grant whose grantee is an account
// ("arn:aws:iam::444455556666:root") gives the principals of that account.
// AWS's documents are silent; a Result carries DiagGrantAccountGrantee when
// the reading decided.
type AccountGranteeReading uint8

// The readings of an account grantee.
const (
	// AccountGranteeDelegates, the default: as with an account named in a
	// key policy, the account's root user may use the grant and its other
	// principals need an IAM policy that allows the operation on the key.
	AccountGranteeDelegates AccountGranteeReading = iota
	// AccountGranteeRootOnly: only the account's root user.
	AccountGranteeRootOnly
	// AccountGranteeWholeAccount: every principal of the account, with no
	// IAM policy needed.
	AccountGranteeWholeAccount
)

// AccountGrantees sets how a grant to an account is read.
func AccountGrantees(r AccountGranteeReading) Option {
	return func(o *options) { o.accountGrantee = r }
}

// SourceArnReading says how the SourceArn grant constraint is read. A
// Result carries DiagGrantSourceArn when it decided.
type SourceArnReading uint8

// The readings of the SourceArn constraint.
const (
	// SourceArnAsCondition, the default: the constraint holds when the
	// request's aws:SourceArn equals it, for every operation but
	// RetireGrant, as the API reference describes it.
	SourceArnAsCondition SourceArnReading = iota
	// SourceArnNeverHolds: a grant with a SourceArn constraint never
	// allows (fail closed).
	SourceArnNeverHolds
)

// GrantSourceArn sets how the SourceArn grant constraint is read.
func GrantSourceArn(r SourceArnReading) Option {
	return func(o *options) { o.sourceArn = r }
}

// LooseDocuments makes Compile read documents that break the policy
// grammar instead of refusing them, fail-closed. An Action, NotAction,
// Resource or NotResource value it cannot read ("s3:GetObject " with a
// trailing space, "bucket/key") is read the way that makes its statement
// apply more if it is a Deny and less if it is an Allow: as "*" in a Deny's
// Action or Resource and in an Allow's NotAction or NotResource, as
// matching nothing elsewhere; the statement's other values keep their
// meaning. A statement it cannot read otherwise (a malformed principal, an
// unknown operator, an invalid Effect, a missing element, or a
// document-level error such as an unknown Version, which makes every
// statement of the document unreadable) applies to every request its
// policy takes part in as a Deny (or with an Effect that is neither Allow
// nor Deny), and never as an Allow.
// Evaluate reports each such statement with an UNREADABLE_STATEMENT
// diagnostic. Without this option Compile refuses such documents with an
// error naming the element, as AWS refuses them. AWS has stored a few of its
// own managed policies that break the grammar (for example
// AmazonDevOpsGuruOrganizationsAccess v1, with the Resource
// "arn:aws:organizations::*:"); this option reads them.
func LooseDocuments() Option { return func(o *options) { o.loose = true } }
