package simulator

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/iam/types"

	"github.com/cksiam/cksiam/evaluate"
	"github.com/cksiam/cksiam/policy"
)

// Simulator answers iam:SimulateCustomPolicy requests offline with the
// evaluate engine. It satisfies iam.SimulateCustomPolicyAPIClient, as
// *iam.Client does, so code written against that interface (including
// iam.NewSimulateCustomPolicyPaginator) runs against either. The zero
// value is ready to use and answers as New() does; a Simulator holds no
// state between calls and is safe for concurrent use.
type Simulator struct {
	// newerActions accepts action names the catalog does not know.
	newerActions bool
}

// Option changes how a Simulator reads its input.
type Option func(*Simulator)

// ActionsNewerThanCatalog makes the Simulator accept ActionNames that the
// embedded service catalog (package policy/catalog) does not know, for
// actions AWS added after the catalog was generated. Without it such a
// name is refused with a did-you-mean, so that a typo ("kms:Decrpyt")
// is not simulated as an action no policy names. A name that is not one
// action ("service:ActionName", no wildcard) is refused either way.
func ActionsNewerThanCatalog() Option { return func(s *Simulator) { s.newerActions = true } }

// New returns an offline drop-in for (*iam.Client).SimulateCustomPolicy.
func New(opts ...Option) *Simulator {
	s := &Simulator{}
	for _, o := range opts {
		if o != nil {
			o(s)
		}
	}
	return s
}

// DefaultAccount is the account the simulated caller belongs to when the
// input names neither CallerArn nor ResourceOwner nor a resource ARN with
// an account: the IAM simulator then evaluates the identity policies on
// their own, which an in-account caller reproduces.
const DefaultAccount = "123456789012"

// Limits of the SimulateCustomPolicy API (aws-rules H.1).
const (
	maxPolicyChars     = 131072
	maxOrgLevels       = 7
	minActionNameChars = 3
	maxActionNameChars = 128
	maxResourceChars   = 2048
	minContextKeyChars = 5
	maxContextKeyChars = 256
	defaultMaxItems    = 100
	maxMaxItems        = 1000
)

// The ResourceHandlingOption values AWS accepts (aws-rules H.1). Each requires
// some EC2 resource types among ResourceArns (checkScenario); beyond that
// the offline engine evaluates the ResourceArns given, whatever the option.
var resourceHandlingOptions = []string{
	"EC2-VPC-InstanceStore", "EC2-VPC-InstanceStore-Subnet", "EC2-VPC-EBS", "EC2-VPC-EBS-Subnet",
}

// SimulateCustomPolicy evaluates every action in in.ActionNames against
// every resource in in.ResourceArns (default "*") with the policies of in,
// and returns one EvaluationResult per action: the most restrictive
// decision across resources at the top, each resource's own result in
// ResourceSpecificResults (aws-rules H.2) — none when the only resource is
// "*", as AWS responds.
//
// Like the IAM policy simulator, and unlike evaluate.Evaluate, it decides a KMS key
// ARN or an IAM role ARN from the identity policies alone when no
// ResourcePolicy is given: the simulator does not model key policies, and
// its ResourcePolicy cannot be a role's trust policy (aws-rules H.1, H.3). Live
// AWS also requires the key policy or trust policy to allow the caller;
// evaluate.Evaluate applies that rule.
//
// Results come in pages: at most MaxItems actions (default 100), fewer
// when that many actions on every resource would exceed the work one call
// may do, with IsTruncated and an opaque Marker tied to this input. Each
// call evaluates only the actions of its page. MaxItems and Marker are
// checked before anything else; at most MaxResourceArns resources may be
// named.
//
// Bad input returns *types.InvalidInputException naming the offending
// member. ctx and optFns are accepted for signature compatibility and not
// used.
func (s *Simulator) SimulateCustomPolicy(ctx context.Context, in *iam.SimulateCustomPolicyInput, optFns ...func(*iam.Options)) (*iam.SimulateCustomPolicyOutput, error) {
	out, _, err := s.simulate(in)
	return out, err
}

// simulate answers one call and reports how many (action, resource)
// pairs it evaluated.
func (s *Simulator) simulate(in *iam.SimulateCustomPolicyInput) (*iam.SimulateCustomPolicyOutput, int, error) {
	if in == nil {
		return nil, 0, invalidInput("input is nil")
	}
	pg, err := s.readPaging(in)
	if err != nil {
		return nil, 0, err
	}
	sim, err := newSimulation(in, s.newerActions)
	if err != nil {
		return nil, 0, err
	}
	end := pg.end(len(in.ActionNames), len(sim.resources))
	results := make([]types.EvaluationResult, 0, end-pg.start)
	for i := pg.start; i < end; i++ {
		r, err := sim.action(i+1, in.ActionNames[i])
		if err != nil {
			return nil, 0, err
		}
		results = append(results, r)
	}
	return pg.output(results, end, len(in.ActionNames)), sim.evaluated, nil
}

func invalidInput(format string, args ...any) error {
	return &types.InvalidInputException{Message: aws.String(fmt.Sprintf(format, args...))}
}

// source is one submitted policy with what the output needs to name it.
type source struct {
	doc   *policy.Document
	id    string // "PolicyInputList.1"
	typ   types.PolicySourceType
	spans []policy.Span
	// starts are the StartPositions the simulator reports, one per span.
	starts []policy.Position
}

// simulation is a SimulateCustomPolicyInput checked and compiled.
type simulation struct {
	identity []source
	boundary *source
	resource *source
	scps     [][]source
	ev       *evaluate.Evaluator
	evNoSCP  *evaluate.Evaluator // the same policies without SCPs, for MissingContextValues; nil without SCPs

	caller    string // CallerArn, or "" for an anonymous simulated caller
	owner     string // ResourceOwner account ID, or ""
	resources []string
	// defaultResource is set when ResourceArns was not given and
	// resources is the default "*".
	defaultResource bool
	context         evaluate.Context
	// evaluated counts the (action, resource) pairs evaluated.
	evaluated int
}

func newSimulation(in *iam.SimulateCustomPolicyInput, newerActions bool) (*simulation, error) {
	sim := &simulation{}
	if n := len(in.ResourceArns); n > MaxResourceArns {
		return nil, invalidInput("ResourceArns: at most %d resources in one call, got %d; simulate them over several calls (a bound of this simulator; the API reference documents none)", MaxResourceArns, n)
	}
	if len(in.PolicyInputList) == 0 {
		return nil, invalidInput("PolicyInputList: at least one policy is required")
	}
	for i, text := range in.PolicyInputList {
		src, err := parseSource(text, "PolicyInputList."+strconv.Itoa(i+1), "IAM Policy")
		if err != nil {
			return nil, err
		}
		sim.identity = append(sim.identity, src)
	}
	switch n := len(in.PermissionsBoundaryPolicyInputList); {
	case n > 1:
		return nil, invalidInput("PermissionsBoundaryPolicyInputList: at most one permissions boundary may be given, got %d", n)
	case n == 1:
		src, err := parseSource(in.PermissionsBoundaryPolicyInputList[0], "PermissionsBoundaryPolicyInputList.1", "IAM Policy")
		if err != nil {
			return nil, err
		}
		sim.boundary = &src
	}
	if n := len(in.OrderedOrganizationPolicyInputList); n > maxOrgLevels {
		return nil, invalidInput("OrderedOrganizationPolicyInputList: at most %d levels, got %d", maxOrgLevels, n)
	}
	for l, level := range in.OrderedOrganizationPolicyInputList {
		var srcs []source
		for i, text := range level.ServiceControlPolicyInputList {
			id := fmt.Sprintf("OrderedOrganizationPolicyInputList.%d.ServiceControlPolicyInputList.%d", l+1, i+1)
			src, err := parseSource(text, id, "SCP")
			if err != nil {
				return nil, err
			}
			srcs = append(srcs, src)
		}
		sim.scps = append(sim.scps, srcs)
	}
	if in.ResourcePolicy != nil {
		// "Resource Policy", not the model's enum value "resource": so a
		// recorded response names it, as it names input policies
		// "IAM Policy" (aws-rules H.2 treats the field as free text).
		src, err := parseSource(*in.ResourcePolicy, "ResourcePolicy", "Resource Policy")
		if err != nil {
			return nil, err
		}
		sim.resource = &src
		if aws.ToString(in.CallerArn) == "" {
			return nil, invalidInput("CallerArn: required when ResourcePolicy is given")
		}
	}
	if err := sim.checkCaller(aws.ToString(in.CallerArn)); err != nil {
		return nil, err
	}
	if err := sim.checkOwner(aws.ToString(in.ResourceOwner)); err != nil {
		return nil, err
	}
	if err := sim.checkResources(in.ResourceArns); err != nil {
		return nil, err
	}
	if err := checkActions(in.ActionNames, newerActions); err != nil {
		return nil, err
	}
	if o := aws.ToString(in.ResourceHandlingOption); in.ResourceHandlingOption != nil && !contains(resourceHandlingOptions, o) {
		return nil, invalidInput("ResourceHandlingOption: %q is not one of %s", o, strings.Join(resourceHandlingOptions, ", "))
	} else if in.ResourceHandlingOption != nil {
		if err := checkScenario(o, sim.resources); err != nil {
			return nil, err
		}
	}
	ctxv, err := contextFromEntries(in.ContextEntries)
	if err != nil {
		return nil, err
	}
	sim.context = ctxv

	p := evaluate.Policies{}
	for _, src := range sim.identity {
		p.Identity = append(p.Identity, src.doc)
	}
	if sim.boundary != nil {
		p.Boundary = sim.boundary.doc
	}
	if sim.resource != nil {
		p.Resource = sim.resource.doc
	}
	for _, level := range sim.scps {
		docs := make([]*policy.Document, len(level))
		for i, src := range level {
			docs[i] = src.doc
		}
		p.SCPs = append(p.SCPs, docs)
	}
	opts := []evaluate.Option{evaluate.PolicySimulatorReadings()}
	if sim.caller == "" {
		opts = append(opts, evaluate.CallerUnnamed())
	}
	ev, err := evaluate.Compile(p, opts...)
	if err != nil {
		return nil, compileError(err)
	}
	sim.ev = ev
	if len(p.SCPs) > 0 {
		// MissingContextValues leave out keys only SCPs test (aws-rules H.2):
		// they come from the same policies without the SCPs.
		p.SCPs = nil
		if sim.evNoSCP, err = evaluate.Compile(p, opts...); err != nil {
			return nil, compileError(err)
		}
	}
	return sim, nil
}

// compileError is the InvalidInputException for a policy the engine cannot
// compile, naming the policy by its input member (PolicyInputList.2,
// ResourcePolicy, ...) rather than by the engine's Policies path.
func compileError(err error) error {
	var e *evaluate.Error
	if !errors.As(err, &e) {
		return invalidInput("%s", err.Error())
	}
	member, rest := inputMember(e.Path)
	if rest != "" {
		rest = strings.TrimPrefix(rest, ".") + ": "
	}
	return invalidInput("%s: %s%s", member, rest, e.Reason)
}

// inputMember maps the head of an engine path ("Identity[1]", "Resource",
// "Boundary", "SCPs[0][2]") to the SimulateCustomPolicyInput member and
// returns the rest of the path.
func inputMember(path string) (member, rest string) {
	var a, b int
	switch {
	case strings.HasPrefix(path, "Identity["):
		if n, _ := fmt.Sscanf(path, "Identity[%d]", &a); n == 1 {
			return "PolicyInputList." + strconv.Itoa(a+1), path[strings.IndexByte(path, ']')+1:]
		}
	case strings.HasPrefix(path, "SCPs["):
		if n, _ := fmt.Sscanf(path, "SCPs[%d][%d]", &a, &b); n == 2 {
			i := strings.IndexByte(path, ']')
			i += 1 + strings.IndexByte(path[i+1:], ']')
			return fmt.Sprintf("OrderedOrganizationPolicyInputList.%d.ServiceControlPolicyInputList.%d", a+1, b+1), path[i+1:]
		}
	case strings.HasPrefix(path, "Resource"):
		return "ResourcePolicy", path[len("Resource"):]
	case strings.HasPrefix(path, "Boundary"):
		return "PermissionsBoundaryPolicyInputList.1", path[len("Boundary"):]
	}
	return "PolicyInputList", path
}
