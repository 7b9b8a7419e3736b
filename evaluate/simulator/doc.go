// Package simulator is an offline drop-in for the IAM policy simulator's
// SimulateCustomPolicy call: it takes the AWS SDK's own
// iam.SimulateCustomPolicyInput, decides every action on every resource
// with the evaluate engine, and answers with an iam.SimulateCustomPolicyOutput
// shaped as AWS shapes it (matched statements with their positions,
// per-resource results, missing context keys, paging).
//
// It exists apart from package evaluate so that a program that only
// compiles policies and decides requests does not link the AWS SDK: only
// code that speaks the SDK's types imports this package.
//
// The main call, against the interface *iam.Client also satisfies:
//
//	var sim iam.SimulateCustomPolicyAPIClient = simulator.New() // or an *iam.Client
//	out, err := sim.SimulateCustomPolicy(ctx, &iam.SimulateCustomPolicyInput{
//		PolicyInputList: []string{policyJSON},
//		ActionNames:     []string{"kms:CreateCustomKeyStore"},
//	})
//	// out.EvaluationResults[0].EvalDecision == types.PolicyEvaluationDecisionTypeAllowed
//
// # Readings the simulator takes
//
// It answers as the IAM policy simulator does, not as live AWS: without a
// ResourcePolicy, a KMS key ARN or an IAM role ARN is decided from the
// identity-side policies alone (evaluate.PolicySimulatorReadings), and
// without a CallerArn the caller is a stand-in whose describing keys are
// missing (evaluate.CallerUnnamed); see aws-rules H.1 to H.3.
//
// A ResourceArns entry holding '*' or '?' is a resource with that
// character in its name, as in the IAM policy simulator: the policies'
// patterns match it like any name (the engine adds a diagnostic). An
// action name the embedded service catalog does not know is refused with
// a did-you-mean ("kms:Decrpyt" → "kms:Decrypt"), unless the Simulator
// was made with ActionsNewerThanCatalog.
//
// # Bounded work and paging
//
// MaxItems and Marker are checked before anything else. A call evaluates
// only the actions of its page: at most MaxItems, and fewer when that many
// actions on every resource would exceed 10,000 evaluations (the API lets
// IAM return fewer results with IsTruncated). At most MaxResourceArns
// resources may be named in one call, a bound of this simulator (the API
// reference documents none). Markers are opaque and tied to the input
// they were returned for: another input's marker, or any other text, is
// refused.
//
// Bad input is refused with *types.InvalidInputException naming the input
// member (ActionNames.2, ResourceArns.1, PolicyInputList.3, …), never
// decided.
//
// Comments cite the AWS rules the code follows as "aws-rules C.2": section
// C.2 of the project's reference, docs/aws-rules.md
// (https://github.com/cksiam/cksiam/blob/main/docs/aws-rules.md), which
// names the AWS documentation page of each rule.
package simulator
