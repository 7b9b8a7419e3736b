package evaluate

// Option changes how Compile reads policies and how the compiled Evaluator
// decides. The zero set of options gives the decision live AWS gives.
type Option func(*options)

// options holds what the Options chose.
type options struct {
	simulator     bool
	unnamedCaller bool
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
