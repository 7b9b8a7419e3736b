package roles

import (
	"sort"
	"strings"

	"github.com/cksiam/cksiam/evaluate"
	"github.com/cksiam/cksiam/policy"
)

// Gap is a permission the role requires that the audited policies do not
// give.
type Gap struct {
	Action   string
	Resource string
	// Context is the request context the role's condition expects.
	Context map[string][]string
	// Decision is what the audited policies answered.
	Decision evaluate.Decision
	// Statements are the Deny statements that refused it, when the
	// decision is an explicit deny.
	Statements []evaluate.StatementRef
}

// Excess is a request the audited policies allow that the role does not
// need: a catalog action beyond the role, or a granted action on a
// resource, account, Region or condition outside the role's scope.
type Excess struct {
	Kind     CaseKind
	Action   string
	Resource string
	Context  map[string][]string
	// Statements are the Allow statements that grant it.
	Statements []evaluate.StatementRef
}

// AuditReport compares an existing principal's policies with a role.
type AuditReport struct {
	Role    string
	Missing []Gap
	Excess  []Excess
}

// OK reports whether the audited policies give exactly the role's
// permissions: nothing missing, nothing beyond.
func (a *AuditReport) OK() bool { return len(a.Missing) == 0 && len(a.Excess) == 0 }

// Audit compares existing policies with the role. principal is the audited
// caller (an IAM role, user or session ARN; empty means a session of an
// IAM role named after the role in the options' account). For a key-policy
// role, p.Resource is the key policy to audit and the role's own
// principals are used.
//
// It reports every required request the policies do not allow (missing),
// and every request they allow beyond the role (excess): each action of
// every catalog service outside the role on its narrowest resource in the
// options' account and Region, and each near miss of the role's
// verification matrix. Each excess names the statements that grant it.
// Key requests evaluated against identity policies use a key policy that
// delegates to IAM when p has no resource policy (aws-rules C.4).
func (r *Role) Audit(p evaluate.Policies, principal string) (*AuditReport, error) {
	return r.audit(defaultSource(), p, principal)
}

func (r *Role) audit(src actionSource, p evaluate.Policies, principal string) (*AuditReport, error) {
	if r.Options.Region == "" {
		return nil, &OptionError{Field: "Region", Reason: "required by Audit: the audited policies are asked about the resources of one Region"}
	}
	if principal != "" {
		if msg := checkRequestPrincipal(principal); msg != "" {
			return nil, &OptionError{Field: "principal", Value: principal, Reason: msg}
		}
	}
	rep := &AuditReport{Role: r.Name}
	identity := r.Kind != policy.KeyPolicy
	cases := r.matrix(src)
	if !identity && p.Resource != nil {
		cases = append(cases, r.extraCallerCases(src, p.Resource)...)
	}
	seen := map[string]bool{}
	for _, c := range cases {
		if identity && principal != "" && c.Kind != OtherCaller {
			c.Principal = principal
		}
		seen[strings.ToLower(c.Action)] = true
		res, err := evaluate.Evaluate(auditPolicies(p, c), c.request())
		if err != nil {
			return nil, err
		}
		allowed := res.Decision == evaluate.Allowed
		switch {
		case c.Allow && !allowed:
			g := Gap{Action: c.Action, Resource: c.Resource, Context: c.Context, Decision: res.Decision}
			if res.Decision == evaluate.ExplicitDeny {
				g.Statements = res.Statements
			}
			rep.Missing = append(rep.Missing, g)
		case !c.Allow && allowed:
			rep.Excess = append(rep.Excess, Excess{Kind: c.Kind, Action: c.Action, Resource: c.Resource, Context: c.Context, Statements: allows(res.Statements)})
		}
	}
	if identity {
		caller := principal
		if caller == "" {
			caller = r.callers()[0].arn
		}
		if err := r.auditOtherServices(src, p, caller, seen, rep); err != nil {
			return nil, err
		}
	}
	sort.SliceStable(rep.Excess, func(i, j int) bool { return rep.Excess[i].Action < rep.Excess[j].Action })
	return rep, nil
}

// auditOtherServices adds as excess every action of a service the role
// does not use that the policies allow on the action's narrowest resource.
func (r *Role) auditOtherServices(src actionSource, p evaluate.Policies, caller string, seen map[string]bool, rep *AuditReport) error {
	cs, ok := src.(catalogSource)
	if !ok {
		return nil
	}
	ev, err := evaluate.Compile(p)
	if err != nil {
		return err
	}
	mine := map[string]bool{}
	for _, s := range r.services(src) {
		mine[s] = true
	}
	for _, svc := range cs.c.Services() {
		if mine[strings.ToLower(svc.Prefix)] {
			continue
		}
		for _, a := range svc.Actions {
			name := a.FullName()
			if seen[strings.ToLower(name)] {
				continue
			}
			req := evaluate.Request{Principal: caller, Action: name, Resource: sample(narrowestFrom(resourceFormats(name), r.Options))}
			d, err := ev.Decide(req)
			if err != nil || d != evaluate.Allowed {
				continue
			}
			res, err := ev.Evaluate(req)
			if err != nil {
				continue
			}
			rep.Excess = append(rep.Excess, Excess{Kind: OtherAction, Action: name, Resource: req.Resource, Statements: allows(res.Statements)})
		}
	}
	return nil
}

// extraCallerCases are requests from each principal the audited key policy
// kp names and the role does not, for every key-scoped kms action: any of
// them allowed is excess.
func (r *Role) extraCallerCases(src actionSource, kp *policy.Document) []Case {
	o := r.Options
	mine := map[string]bool{}
	for _, c := range r.callers() {
		mine[c.arn] = true
	}
	var out []Case
	for _, st := range kp.Statement {
		if st.Principal == nil {
			continue
		}
		for _, id := range st.Principal.AWS.Values {
			caller := principalRequestARN(o.Partition, id)
			if id == "*" || mine[caller] {
				continue // "*" is met by the matrix's principals of another account
			}
			mine[caller] = true
			for _, a := range src.ServiceActions("kms") {
				if src.Formats(a) == nil {
					continue // key policies govern key-scoped actions only
				}
				out = append(out, Case{Kind: OtherCaller, Principal: caller, Action: a,
					Resource: sample(narrowestFrom(src.Formats(a), o)), Why: "a principal the audited key policy names and the role does not"})
			}
		}
	}
	return out
}

// auditPolicies puts the case's resource policy in when p has none.
func auditPolicies(p evaluate.Policies, c Case) evaluate.Policies {
	if p.Resource == nil {
		p.Resource = c.ResourcePolicy
	}
	return p
}

// allows keeps the Allow statements.
func allows(st []evaluate.StatementRef) []evaluate.StatementRef {
	var out []evaluate.StatementRef
	for _, s := range st {
		if s.Effect == policy.Allow {
			out = append(out, s)
		}
	}
	return out
}

// checkRequestPrincipal accepts an IAM or STS principal ARN.
func checkRequestPrincipal(p string) string {
	a, err := policy.ParseARN(p)
	if err != nil || (a.Service != "iam" && a.Service != "sts") || !policy.IsAccountID(a.Account) {
		return "want an IAM user, role or assumed-role session ARN"
	}
	return ""
}
