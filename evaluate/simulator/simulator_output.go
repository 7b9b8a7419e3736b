package simulator

import (
	"sort"
	"strconv"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam/types"

	"github.com/cksiam/cksiam/evaluate"
	"github.com/cksiam/cksiam/policy"
	"github.com/cksiam/cksiam/policy/catalog"
)

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
		acct = DefaultAccount
	}
	return "arn:aws:iam::" + acct + ":user/SimulatedCaller"
}

// action simulates one action, the i-th of ActionNames (from 1), over
// every resource.
func (sim *simulation) action(i int, name string) (types.EvaluationResult, error) {
	out := types.EvaluationResult{EvalActionName: aws.String(name)}
	top := evaluate.Allowed
	var decided []resourceStatements
	var missing []string
	var details map[string]types.PolicyEvaluationDecisionType
	allResourcesStar := true
	orgsAllowed, orgsKnown := true, false
	boundaryAllowed, boundaryKnown := true, false
	for j, res := range sim.resources {
		if res != "*" {
			allResourcesStar = false
		}
		req := evaluate.Request{
			Principal:       sim.principalFor(res),
			Action:          name,
			Resource:        res,
			ResourceAccount: sim.ownerFor(res),
			Context:         sim.context,
		}
		sim.evaluated++
		r, err := sim.ev.Evaluate(req)
		if err != nil {
			return types.EvaluationResult{}, sim.requestError(i, j, err)
		}
		top = moreRestrictive(top, r.Decision)
		stmts := sim.matchedStatements(r)
		decided = append(decided, resourceStatements{r.Decision, stmts})
		missingKeys := r.MissingContextKeys
		if sim.evNoSCP != nil {
			rn, err := sim.evNoSCP.Evaluate(req)
			if err != nil {
				return types.EvaluationResult{}, sim.requestError(i, j, err)
			}
			missingKeys = rn.MissingContextKeys
		}
		missing = append(missing, missingKeys...)
		rd := sim.decisionDetails(req, r)
		details = mergeDetails(details, rd)
		rsr := types.ResourceSpecificResult{
			EvalResourceName:     aws.String(res),
			EvalResourceDecision: types.PolicyEvaluationDecisionType(r.Decision),
			MatchedStatements:    stmts,
		}
		// A resource's own EvalDecisionDetails "is returned only for
		// cross-account simulations" (SDK doc of ResourceSpecificResult);
		// its MissingContextValues only when some are missing. A recorded
		// same-account response (AWS CLI JSON, 2026-10) shows neither
		// member in ResourceSpecificResults while the top level has
		// "EvalDecisionDetails": {} and "MissingContextValues": [].
		if len(rd) > 0 {
			rsr.EvalDecisionDetails = rd
		}
		if len(missingKeys) > 0 {
			rsr.MissingContextValues = missingKeys
		}
		if sim.boundary != nil {
			v, _ := r.Verdict(evaluate.TypeBoundary, 0)
			ok := v.Decision == evaluate.Allowed
			rsr.PermissionsBoundaryDecisionDetail = &types.PermissionsBoundaryDecisionDetail{AllowedByPermissionsBoundary: ok}
			boundaryAllowed, boundaryKnown = boundaryAllowed && ok, true
		}
		if len(sim.scps) > 0 {
			orgsAllowed, orgsKnown = orgsAllowed && sim.allowedBySCPs(r), true
		}
		out.ResourceSpecificResults = append(out.ResourceSpecificResults, rsr)
	}
	if len(sim.resources) == 1 && sim.resources[0] == "*" {
		// Simulated against "*" (given, or by default), the response
		// carries no ResourceSpecificResults: the AWS CLI example's output
		// has none, nor has a recorded 2026-10 response for "*", and the
		// per-resource MissingContextValues are "used when a list of ARNs
		// is included in the ResourceArns parameter instead of "*"" (SDK
		// doc of ResourceSpecificResult).
		out.ResourceSpecificResults = nil
	}
	out.EvalDecision = types.PolicyEvaluationDecisionType(top)
	out.EvalResourceName = aws.String(resourceName(name, sim.resources, allResourcesStar))
	out.MatchedStatements = dedupStatements(contributing(decided, top))
	out.EvalDecisionDetails = details
	out.MissingContextValues = sortedUnique(missing)
	if orgsKnown {
		out.OrganizationsDecisionDetail = &types.OrganizationsDecisionDetail{AllowedByOrganizations: orgsAllowed}
	}
	if boundaryKnown {
		out.PermissionsBoundaryDecisionDetail = &types.PermissionsBoundaryDecisionDetail{AllowedByPermissionsBoundary: boundaryAllowed}
	}
	return out, nil
}

// requestError is the InvalidInputException for a request the engine
// refused, naming the action and, when ResourceArns was given, the
// resource by their places in the input.
func (sim *simulation) requestError(action, resource int, err error) error {
	if sim.defaultResource {
		return invalidInput("ActionNames.%d: %s", action, err.Error())
	}
	return invalidInput("ActionNames.%d on ResourceArns.%d: %s", action, resource+1, err.Error())
}

// ownerFor is the ResourceAccount of the request for one resource:
// ResourceOwner names the owner only of a resource whose ARN does not
// (AWS API reference, SimulateCustomPolicy ResourceOwner: "the owner of
// any simulated resource that does not identify its owner in the resource
// ARN"); an ARN with an account keeps its own.
func (sim *simulation) ownerFor(resource string) string {
	if a, err := policy.ParseARN(resource); err == nil && a.Account != "" {
		return ""
	}
	return sim.owner
}

// allowedBySCPs reports whether every SCP level allowed the request.
func (sim *simulation) allowedBySCPs(r evaluate.Result) bool {
	for l := range sim.scps {
		if v, took := r.Verdict(evaluate.TypeSCP, l); took && v.Decision != evaluate.Allowed {
			return false
		}
	}
	return true
}

// resourceStatements is one resource's decision and matched statements.
type resourceStatements struct {
	decision evaluate.Decision
	stmts    []types.Statement
}

// contributing is the top-level MatchedStatements: the statements of the
// resources whose decision is the reported one, as only "statements that
// contributed to the reported decision are included" (SDK doc of
// EvaluationResult.MatchedStatements, aws-rules H.2). An allow statement of
// another resource never joins an explicitDeny.
func contributing(per []resourceStatements, top evaluate.Decision) []types.Statement {
	var out []types.Statement
	for _, p := range per {
		if p.decision == top {
			out = append(out, p.stmts...)
		}
	}
	return out
}

// mergeDetails folds one resource's EvalDecisionDetails into the top-level
// map, which "reports the most restrictive decision per policy type across
// all requested resources" (SDK doc of EvaluationResult.EvalDecisionDetails).
// The top-level map is absent only when every resource's is.
func mergeDetails(acc, d map[string]types.PolicyEvaluationDecisionType) map[string]types.PolicyEvaluationDecisionType {
	if d == nil {
		return acc
	}
	if acc == nil {
		acc = map[string]types.PolicyEvaluationDecisionType{}
	}
	for k, v := range d {
		if prev, ok := acc[k]; ok {
			v = types.PolicyEvaluationDecisionType(moreRestrictive(evaluate.Decision(prev), evaluate.Decision(v)))
		}
		acc[k] = v
	}
	return acc
}

// moreRestrictive orders explicitDeny > implicitDeny > allowed (aws-rules H.2).
func moreRestrictive(a, b evaluate.Decision) evaluate.Decision {
	rank := func(d evaluate.Decision) int {
		switch d {
		case evaluate.ExplicitDeny:
			return 2
		case evaluate.Allowed:
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
// (aws-rules H.2).
func (sim *simulation) matchedStatements(r evaluate.Result) []types.Statement {
	var out []types.Statement
	for _, ref := range r.Statements {
		var src *source
		switch ref.PolicyType {
		case evaluate.TypeIdentity:
			if ref.PolicyIndex < len(sim.identity) {
				src = &sim.identity[ref.PolicyIndex]
			}
		case evaluate.TypeBoundary:
			src = sim.boundary
		case evaluate.TypeResource:
			src = sim.resource
		}
		if src == nil || ref.StatementIndex >= len(src.spans) {
			continue
		}
		sp, st := src.spans[ref.StatementIndex], src.starts[ref.StatementIndex]
		out = append(out, types.Statement{
			SourcePolicyId:   aws.String(src.id),
			SourcePolicyType: src.typ,
			StartPosition:    &types.Position{Line: int32(st.Line), Column: int32(st.Column)},
			EndPosition:      &types.Position{Line: int32(sp.End.Line), Column: int32(sp.End.Column)},
		})
	}
	return nonNilStatements(out)
}

// decisionDetails fills EvalDecisionDetails the way aws-rules H.2 describes: a
// map of policy type to decision for cross-account simulations, an empty
// map for same-account simulations of a resource ARN, nothing for "*".
func (sim *simulation) decisionDetails(req evaluate.Request, r evaluate.Result) map[string]types.PolicyEvaluationDecisionType {
	if req.Resource == "*" && sim.owner == "" {
		return nil
	}
	if len(sim.scps) > 0 && !sim.allowedBySCPs(r) {
		// "If an Organizations SCP included in the evaluation denies
		// access ... this parameter is not returned" (aws-rules H.2).
		return nil
	}
	details := map[string]types.PolicyEvaluationDecisionType{}
	callerAcct := accountOfPrincipal(req.Principal)
	resAcct := ""
	if a, err := policy.ParseARN(req.Resource); err == nil {
		resAcct = a.Account
	}
	if resAcct == "" {
		resAcct = sim.owner
	}
	if resAcct == "" || resAcct == callerAcct {
		if req.Resource == "*" {
			// Same account and all resources: not returned (aws-rules H.2),
			// whether or not ResourceOwner names the account.
			return nil
		}
		return details
	}
	if v, ok := r.Verdict(evaluate.TypeIdentity, 0); ok {
		details["IAM Policy"] = types.PolicyEvaluationDecisionType(v.Decision)
	}
	if v, ok := r.Verdict(evaluate.TypeResource, 0); ok {
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

// resourceName is the top-level EvalResourceName (aws-rules H.2): "*" when
// every resource is "*", else the ARN format of the resource type the
// resources are of, from the service catalog. When the resources are of
// no one type the action takes, it is the action's only resource type's
// format, or "*": never a resource ARN given in the input ("The ARN
// template for the simulated resource type ..., or * if no ARN format is
// defined for the action. This is not a specific customer-provided
// resource ARN", SDK doc of EvaluationResult.EvalResourceName).
func resourceName(action string, resources []string, allStar bool) string {
	if allStar {
		return "*"
	}
	format := ""
	a, known := catalog.Default().Action(action)
	if known {
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
	case known && len(a.Resources) == 1:
		return a.Resources[0].Type.ARN
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

func nonNilStatements(s []types.Statement) []types.Statement {
	if s == nil {
		return []types.Statement{}
	}
	return s
}
