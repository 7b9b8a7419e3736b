package evaluate

import (
	"context"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/iam/types"

	"github.com/cksiam/cksiam/policy"
	"github.com/cksiam/cksiam/policy/catalog"
)

// PolicySimulator is the one method the IAM policy simulator and this
// package's offline Simulator share, so callers can put either behind it:
// *iam.Client calls AWS, *Simulator answers offline.
type PolicySimulator interface {
	SimulateCustomPolicy(ctx context.Context, in *iam.SimulateCustomPolicyInput, optFns ...func(*iam.Options)) (*iam.SimulateCustomPolicyOutput, error)
}

// Simulator answers iam:SimulateCustomPolicy requests offline with this
// package's engine. The zero value is not usable; call NewSimulator.
type Simulator struct{}

// NewSimulator returns an offline drop-in for (*iam.Client).SimulateCustomPolicy.
func NewSimulator() *Simulator { return &Simulator{} }

// SimulatorAccount is the account the simulated caller belongs to when the
// input names neither CallerArn nor ResourceOwner nor a resource ARN with
// an account: the IAM simulator then evaluates the identity policies on
// their own, which an in-account caller reproduces.
const SimulatorAccount = "123456789012"

// Limits of the SimulateCustomPolicy API (facts H.1).
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

// The ResourceHandlingOption values AWS accepts (facts H.1). They choose
// which EC2 resources the real simulator models; the offline engine
// evaluates the ResourceArns given, whatever the option.
var resourceHandlingOptions = []string{
	"EC2-VPC-InstanceStore", "EC2-VPC-InstanceStore-Subnet", "EC2-VPC-EBS", "EC2-VPC-EBS-Subnet",
}

// SimulateCustomPolicy evaluates every action in in.ActionNames against
// every resource in in.ResourceArns (default "*") with the policies of in,
// and returns one EvaluationResult per action: the most restrictive
// decision across resources at the top, each resource's own result in
// ResourceSpecificResults (facts H.2).
//
// Like the IAM policy simulator, and unlike Evaluate, it decides a KMS key
// ARN or an IAM role ARN from the identity policies alone when no
// ResourcePolicy is given: the simulator does not model key policies, and
// its ResourcePolicy cannot be a role's trust policy (facts H.1, H.3). Live
// AWS also requires the key policy or trust policy to allow the caller;
// Evaluate applies that rule.
//
// Bad input returns
// *types.InvalidInputException naming the offending member. ctx and optFns
// are accepted for signature compatibility and not used.
func (s *Simulator) SimulateCustomPolicy(ctx context.Context, in *iam.SimulateCustomPolicyInput, optFns ...func(*iam.Options)) (*iam.SimulateCustomPolicyOutput, error) {
	if in == nil {
		return nil, invalidInput("input is nil")
	}
	sim, err := newSimulation(in)
	if err != nil {
		return nil, err
	}
	results := make([]types.EvaluationResult, 0, len(in.ActionNames))
	for _, action := range in.ActionNames {
		r, err := sim.action(action)
		if err != nil {
			return nil, err
		}
		results = append(results, r)
	}
	return page(results, in.MaxItems, in.Marker)
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
}

// simulation is a SimulateCustomPolicyInput checked and compiled.
type simulation struct {
	identity []source
	boundary *source
	resource *source
	scps     [][]source
	ev       *Evaluator
	evNoSCP  *Evaluator // the same policies without SCPs, for MissingContextValues; nil without SCPs

	caller    string // CallerArn, or "" for an anonymous simulated caller
	owner     string // ResourceOwner account ID, or ""
	resources []string
	context   Context
}

func newSimulation(in *iam.SimulateCustomPolicyInput) (*simulation, error) {
	sim := &simulation{}
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
		src, err := parseSource(*in.ResourcePolicy, "ResourcePolicy", types.PolicySourceTypeResource)
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
	if err := checkActions(in.ActionNames); err != nil {
		return nil, err
	}
	if o := aws.ToString(in.ResourceHandlingOption); in.ResourceHandlingOption != nil && !contains(resourceHandlingOptions, o) {
		return nil, invalidInput("ResourceHandlingOption: %q is not one of %s", o, strings.Join(resourceHandlingOptions, ", "))
	}
	ctxv, err := contextFromEntries(in.ContextEntries)
	if err != nil {
		return nil, err
	}
	sim.context = ctxv

	p := Policies{}
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
	ev, err := Compile(p)
	if err != nil {
		return nil, invalidInput("%s", err.Error())
	}
	ev.simulator = true
	sim.ev = ev
	if len(p.SCPs) > 0 {
		// MissingContextValues leave out keys only SCPs test (facts H.2):
		// they come from the same policies without the SCPs.
		p.SCPs = nil
		if sim.evNoSCP, err = Compile(p); err != nil {
			return nil, invalidInput("%s", err.Error())
		}
		sim.evNoSCP.simulator = true
	}
	return sim, nil
}

func parseSource(text, id string, typ types.PolicySourceType) (source, error) {
	if n := len([]rune(text)); n < 1 || n > maxPolicyChars {
		return source{}, invalidInput("%s: a policy must have 1 to %d characters, got %d", id, maxPolicyChars, n)
	}
	doc, spans, err := policy.ParseWithSpans([]byte(text))
	if err != nil {
		return source{}, invalidInput("%s: %s", id, err.Error())
	}
	return source{doc: doc, id: id, typ: typ, spans: spans}, nil
}

// checkCaller accepts the caller types SimulateCustomPolicy accepts: IAM
// users, groups and roles — not sessions, federated users or services
// (facts H.1). A group caller is simulated as a user of that account.
func (sim *simulation) checkCaller(arn string) error {
	if arn == "" {
		return nil
	}
	a, err := policy.ParseARN(arn)
	if err != nil || a.Service != "iam" || !policy.IsAccountID(a.Account) {
		return invalidInput("CallerArn: %q is not an IAM user, group or role ARN", arn)
	}
	switch {
	case strings.HasPrefix(a.Resource, "user/"), strings.HasPrefix(a.Resource, "role/"):
		sim.caller = arn
	case strings.HasPrefix(a.Resource, "group/"):
		sim.caller = "arn:" + a.Partition + ":iam::" + a.Account + ":user/" + lastSegment(a.Resource)
	default:
		return invalidInput("CallerArn: %q is not an IAM user, group or role ARN; sessions, federated users and services cannot be simulated callers", arn)
	}
	return nil
}

func (sim *simulation) checkOwner(owner string) error {
	if owner == "" {
		return nil
	}
	a, err := policy.ParseARN(owner)
	if err != nil || a.Service != "iam" || a.Resource != "root" || !policy.IsAccountID(a.Account) {
		return invalidInput("ResourceOwner: %q must be an account ARN such as arn:aws:iam::111122223333:root", owner)
	}
	sim.owner = a.Account
	return nil
}

func (sim *simulation) checkResources(arns []string) error {
	if len(arns) == 0 {
		sim.resources = []string{"*"}
		return nil
	}
	for i, r := range arns {
		if n := len([]rune(r)); n < 1 || n > maxResourceChars {
			return invalidInput("ResourceArns.%d: a resource must have 1 to %d characters", i+1, maxResourceChars)
		}
		if r != "*" {
			if _, err := policy.ParseARN(r); err != nil {
				return invalidInput("ResourceArns.%d: %q is not an ARN", i+1, r)
			}
		}
	}
	sim.resources = arns
	return nil
}

func checkActions(names []string) error {
	if len(names) == 0 {
		return invalidInput("ActionNames: at least one action is required")
	}
	for i, a := range names {
		if n := len(a); n < minActionNameChars || n > maxActionNameChars {
			return invalidInput("ActionNames.%d: an action name must have %d to %d characters", i+1, minActionNameChars, maxActionNameChars)
		}
		if strings.ContainsAny(a, "*?") {
			return invalidInput("ActionNames.%d: %q: wildcards are not allowed in simulated action names", i+1, a)
		}
		svc, name, ok := strings.Cut(a, ":")
		if !ok || svc == "" || name == "" {
			return invalidInput("ActionNames.%d: %q is not of the form service:Action", i+1, a)
		}
	}
	return nil
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// principalFor returns the caller for one resource: CallerArn when given,
// else an anonymous user of the resource's account, so identity policies
// are judged on their own as the IAM simulator does.
func (sim *simulation) principalFor(resource string) string {
	if sim.caller != "" {
		return sim.caller
	}
	acct := sim.owner
	if acct == "" {
		if a, err := policy.ParseARN(resource); err == nil && policy.IsAccountID(a.Account) {
			acct = a.Account
		}
	}
	if acct == "" {
		acct = SimulatorAccount
	}
	return "arn:aws:iam::" + acct + ":user/SimulatedCaller"
}

// action simulates one action over every resource.
func (sim *simulation) action(name string) (types.EvaluationResult, error) {
	out := types.EvaluationResult{EvalActionName: aws.String(name)}
	top := Allowed
	var matched []types.Statement
	var missing []string
	allResourcesStar := true
	orgsAllowed, orgsKnown := true, false
	boundaryAllowed, boundaryKnown := true, false
	for _, res := range sim.resources {
		if res != "*" {
			allResourcesStar = false
		}
		req := Request{
			Principal:       sim.principalFor(res),
			Action:          name,
			Resource:        res,
			ResourceAccount: sim.owner,
			Context:         sim.context,
		}
		r, err := sim.ev.Evaluate(req)
		if err != nil {
			return types.EvaluationResult{}, invalidInput("%s", err.Error())
		}
		top = moreRestrictive(top, r.Decision)
		stmts := sim.matchedStatements(r)
		matched = append(matched, stmts...)
		missingKeys := r.MissingContextKeys
		if sim.evNoSCP != nil {
			rn, err := sim.evNoSCP.Evaluate(req)
			if err != nil {
				return types.EvaluationResult{}, invalidInput("%s", err.Error())
			}
			missingKeys = rn.MissingContextKeys
		}
		missing = append(missing, missingKeys...)
		rsr := types.ResourceSpecificResult{
			EvalResourceName:     aws.String(res),
			EvalResourceDecision: types.PolicyEvaluationDecisionType(r.Decision),
			MatchedStatements:    stmts,
			MissingContextValues: nonNil(missingKeys),
			EvalDecisionDetails:  sim.decisionDetails(req, r),
		}
		if sim.boundary != nil {
			v, _ := r.Verdict(BoundaryPolicy, 0)
			ok := v.Decision == Allowed
			rsr.PermissionsBoundaryDecisionDetail = &types.PermissionsBoundaryDecisionDetail{AllowedByPermissionsBoundary: ok}
			boundaryAllowed, boundaryKnown = boundaryAllowed && ok, true
		}
		if len(sim.scps) > 0 {
			ok := true
			for l := range sim.scps {
				if v, took := r.Verdict(SCPPolicy, l); took && v.Decision != Allowed {
					ok = false
				}
			}
			orgsAllowed, orgsKnown = orgsAllowed && ok, true
		}
		out.ResourceSpecificResults = append(out.ResourceSpecificResults, rsr)
	}
	out.EvalDecision = types.PolicyEvaluationDecisionType(top)
	out.EvalResourceName = aws.String(resourceName(name, sim.resources, allResourcesStar))
	out.MatchedStatements = dedupStatements(matched)
	out.MissingContextValues = sortedUnique(missing)
	if orgsKnown {
		out.OrganizationsDecisionDetail = &types.OrganizationsDecisionDetail{AllowedByOrganizations: orgsAllowed}
	}
	if boundaryKnown {
		out.PermissionsBoundaryDecisionDetail = &types.PermissionsBoundaryDecisionDetail{AllowedByPermissionsBoundary: boundaryAllowed}
	}
	return out, nil
}

// moreRestrictive orders explicitDeny > implicitDeny > allowed (facts H.2).
func moreRestrictive(a, b Decision) Decision {
	rank := func(d Decision) int {
		switch d {
		case ExplicitDeny:
			return 2
		case Allowed:
			return 0
		}
		return 1
	}
	if rank(b) > rank(a) {
		return b
	}
	return a
}

// matchedStatements maps the deciding statements to the simulator's
// Statement shape. SCP statements are left out, as the IAM simulator does
// (facts H.2).
func (sim *simulation) matchedStatements(r Result) []types.Statement {
	var out []types.Statement
	for _, ref := range r.Statements {
		var src *source
		switch ref.PolicyType {
		case IdentityPolicy:
			if ref.PolicyIndex < len(sim.identity) {
				src = &sim.identity[ref.PolicyIndex]
			}
		case BoundaryPolicy:
			src = sim.boundary
		case ResourcePolicy:
			src = sim.resource
		}
		if src == nil || ref.StatementIndex >= len(src.spans) {
			continue
		}
		sp := src.spans[ref.StatementIndex]
		out = append(out, types.Statement{
			SourcePolicyId:   aws.String(src.id),
			SourcePolicyType: src.typ,
			StartPosition:    &types.Position{Line: int32(sp.Start.Line), Column: int32(sp.Start.Column)},
			EndPosition:      &types.Position{Line: int32(sp.End.Line), Column: int32(sp.End.Column)},
		})
	}
	return nonNilStatements(out)
}

// decisionDetails fills EvalDecisionDetails the way facts H.2 describes: a
// map of policy type to decision for cross-account simulations, an empty
// map for same-account simulations of a resource ARN, nothing for "*".
func (sim *simulation) decisionDetails(req Request, r Result) map[string]types.PolicyEvaluationDecisionType {
	if req.Resource == "*" && sim.owner == "" {
		return nil
	}
	details := map[string]types.PolicyEvaluationDecisionType{}
	callerAcct := accountOfPrincipal(req.Principal)
	resAcct := sim.owner
	if resAcct == "" {
		if a, err := policy.ParseARN(req.Resource); err == nil {
			resAcct = a.Account
		}
	}
	if resAcct == "" || resAcct == callerAcct {
		return details
	}
	if v, ok := r.Verdict(IdentityPolicy, 0); ok {
		details["IAM Policy"] = types.PolicyEvaluationDecisionType(v.Decision)
	}
	if v, ok := r.Verdict(ResourcePolicy, 0); ok {
		details["Resource Policy"] = types.PolicyEvaluationDecisionType(v.Decision)
	} else {
		details["Resource Policy"] = types.PolicyEvaluationDecisionTypeImplicitDeny
	}
	return details
}

func accountOfPrincipal(p string) string {
	if a, err := policy.ParseARN(p); err == nil {
		return a.Account
	}
	return ""
}

// resourceName is the top-level EvalResourceName (facts H.2): "*" when
// every resource is "*", else the ARN format of the resource type the
// resources are of, from the service catalog; a single resource of no
// known type is named as itself, several as "*".
func resourceName(action string, resources []string, allStar bool) string {
	if allStar {
		return "*"
	}
	format := ""
	if a, ok := catalog.Default().Action(action); ok {
		for _, res := range resources {
			f := ""
			for _, ref := range a.Resources {
				if ref.Type.Matches(res) {
					f = ref.Type.ARN
					break
				}
			}
			if f == "" || (format != "" && f != format) {
				format = ""
				break
			}
			format = f
		}
	}
	switch {
	case format != "":
		return format
	case len(resources) == 1:
		return resources[0]
	}
	return "*"
}

func dedupStatements(in []types.Statement) []types.Statement {
	seen := map[string]bool{}
	out := []types.Statement{}
	for _, s := range in {
		k := aws.ToString(s.SourcePolicyId) + "@" + strconv.Itoa(int(s.StartPosition.Line)) + ":" + strconv.Itoa(int(s.StartPosition.Column))
		if !seen[k] {
			seen[k] = true
			out = append(out, s)
		}
	}
	return out
}

func sortedUnique(keys []string) []string {
	seen := map[string]bool{}
	out := []string{}
	for _, k := range keys {
		l := strings.ToLower(k)
		if !seen[l] {
			seen[l] = true
			out = append(out, k)
		}
	}
	sort.Slice(out, func(i, j int) bool { return strings.ToLower(out[i]) < strings.ToLower(out[j]) })
	return out
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

func nonNilStatements(s []types.Statement) []types.Statement {
	if s == nil {
		return []types.Statement{}
	}
	return s
}

// page applies MaxItems and Marker. The marker is the index of the next
// result, as text; it is opaque to callers.
func page(results []types.EvaluationResult, maxItems *int32, marker *string) (*iam.SimulateCustomPolicyOutput, error) {
	limit := defaultMaxItems
	if maxItems != nil {
		if *maxItems < 1 || *maxItems > maxMaxItems {
			return nil, invalidInput("MaxItems: must be between 1 and %d, got %d", maxMaxItems, *maxItems)
		}
		limit = int(*maxItems)
	}
	start := 0
	if marker != nil {
		n, err := strconv.Atoi(*marker)
		if err != nil || n < 0 || n > len(results) {
			return nil, invalidInput("Marker: %q is not a marker this simulation returned", *marker)
		}
		start = n
	}
	end := min(start+limit, len(results))
	out := &iam.SimulateCustomPolicyOutput{EvaluationResults: results[start:end]}
	if end < len(results) {
		out.IsTruncated = true
		out.Marker = aws.String(strconv.Itoa(end))
	}
	return out, nil
}
