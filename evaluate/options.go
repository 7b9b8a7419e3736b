package evaluate

// Option changes how Compile reads policies and how the compiled Evaluator
// decides. The zero set of options gives the decision live AWS gives.
type Option func(*options)

// options holds what the Options chose.
type options struct {
	simulator     bool
	unnamedCaller bool
	loose         bool
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

// LooseDocuments makes Compile read documents that break the policy
// grammar instead of refusing them: a statement it cannot read (a
// malformed action, resource or principal, an unknown operator, an invalid
// Effect, a document-level error such as an unknown Version, which makes
// every statement of the document unreadable) is compiled fail-closed. As
// a Deny (or with an Effect that is neither Allow nor Deny) it applies to
// every request its policy takes part in; as an Allow it never applies.
// Evaluate reports each such statement with an UNREADABLE_STATEMENT
// diagnostic. Without this option Compile refuses such documents with an
// error naming the element, as AWS refuses them. AWS has stored a few of its
// own managed policies that break the grammar (for example
// AmazonDevOpsGuruOrganizationsAccess v1, with the Resource
// "arn:aws:organizations::*:"); this option reads them.
func LooseDocuments() Option { return func(o *options) { o.loose = true } }
