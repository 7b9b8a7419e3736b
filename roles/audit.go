package roles

import (
	"strings"

	"github.com/cksiam/cksiam/evaluate"
	"github.com/cksiam/cksiam/policy"
)

// Gap is a permission the role requires that the audited policies do not
// give.
type Gap struct {
	// Principal, Action and Resource are the refused request's.
	Principal string
	Action    string
	Resource  string
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
	Kind CaseKind // how the request lies beyond the role, e.g. OtherAction
	// Principal, Action, Resource and Context are the allowed request's.
	Principal string
	Action    string
	Resource  string
	Context   map[string][]string
}

// ExcessGrant is everything one statement of the audited policies allows
// beyond the role, grouped by the entry of its Action element that allows
// it: one "Action": "*" statement is one ExcessGrant with one entry,
// however many thousand catalog actions it reaches.
type ExcessGrant struct {
	// Statement is the Allow statement; always one of the policies passed
	// to Audit. It is the zero StatementRef for requests allowed without
	// any statement of the audited policies (an account's root user).
	Statement evaluate.StatementRef
	// Actions are the statement's Action entries that allow excess
	// requests, in the statement's order.
	Actions []ExcessAction
}

// ExcessAction is the excess one Action entry of a statement allows.
type ExcessAction struct {
	// Pattern is the Action entry as written ("*", "kms:*",
	// "s3:GetObject"); empty for a NotAction statement, whose requests are
	// the actions it does not exclude.
	Pattern string
	// Requests are the excess requests, sorted by action, kind, resource.
	Requests []Excess
}

// AuditReport compares an existing principal's policies with a role.
type AuditReport struct {
	Role    string // the role's name, e.g. "KeyUser"
	Missing []Gap  // the role's requests the audited policies refuse
	// Excess groups the requests allowed beyond the role by the statement
	// that allows them, then by the Action entry that matches; statements
	// in the order of the audited policies. A request two statements allow
	// is listed under each.
	Excess []ExcessGrant
}

// OK reports whether the audited policies give exactly the role's
// permissions: nothing missing, nothing beyond.
// A nil report is not OK: nothing was audited.
func (a *AuditReport) OK() bool { return a != nil && len(a.Missing) == 0 && len(a.Excess) == 0 }

// ExcessRequests returns how many distinct requests are allowed beyond the
// role.
func (a *AuditReport) ExcessRequests() int {
	if a == nil {
		return 0
	}
	seen := map[string]bool{}
	for _, g := range a.Excess {
		for _, x := range g.Actions {
			for _, e := range x.Requests {
				seen[string(e.Kind)+"\x00"+e.Principal+"\x00"+e.Action+"\x00"+e.Resource+"\x00"+contextKey(e.Context)] = true
			}
		}
	}
	return len(seen)
}

// Audit compares existing policies with the role. principal is the audited
// caller (an IAM role, user or session ARN; empty means a session of an
// IAM role named after the role in the options' account). For a key-policy
// role, p.Resource is the key policy to audit (p.Identity is not read),
// asked for the role's own principals and every other principal it names;
// a caller of another account is given its own account's consent, an
// identity policy allowing kms actions on the options' keys, which is the
// audit's and never reported.
//
// It reports every required request the policies do not allow (missing),
// and every request they allow beyond the role (excess): each action of
// every catalog service outside the role on its narrowest resource in the
// options' account and Region (where the catalog's ARN format leaves the
// service, Region or account unresolved they are filled in; a format that
// makes no request ARN at all is asked on "*"), and each near miss of the role's
// verification matrix. Excess is grouped by the statement that allows it,
// then by the statement's matching Action entry. Key requests evaluated
// against identity policies use a key policy that delegates to IAM when p
// has no resource policy (aws-rules C.4); that key policy is the
// audit's, never reported as a statement.
func (r *Role) Audit(p evaluate.Policies, principal string) (*AuditReport, error) {
	return r.audit(defaultSource(), p, principal)
}

func (r *Role) audit(src actionSource, p evaluate.Policies, principal string) (*AuditReport, error) {
	if r == nil {
		return nil, ErrNilRole
	}
	if r.Options.Region == "" {
		return nil, &OptionError{Field: "Region", Reason: "required by Audit: the audited policies are asked about the resources of one Region"}
	}
	identity := r.Kind != policy.KeyPolicy
	if principal != "" {
		if msg := checkRequestPrincipal(principal); msg != "" {
			return nil, &OptionError{Field: "principal", Value: principal, Reason: msg}
		}
	}
	if !identity {
		// A key policy is audited on its own: each caller of another
		// account gets the audit's stand-in for its own account's IAM
		// policies (the case's Identity), never reported.
		p.Identity = nil
	}
	rep := &AuditReport{Role: r.Name}
	ex := excessGroups{p: p}
	cases := r.matrix(src)
	if !identity && p.Resource != nil {
		cases = append(cases, r.extraCallerCases(src, p.Resource)...)
	}
	seen := map[string]bool{}
	// Each distinct set of documents is compiled once; a case is decided,
	// and explained only when it goes into the report (Decide and Evaluate
	// give one decision and fail on the same input).
	var evs evaluators
	for _, c := range cases {
		if identity && principal != "" && c.Kind != OtherCaller {
			c.Principal = principal
		}
		seen[strings.ToLower(c.Action)] = true
		ev, err := evs.of(auditPolicies(p, c, identity))
		if err != nil {
			return nil, err
		}
		req := c.request()
		d, err := ev.Decide(req)
		if err != nil {
			return nil, err
		}
		allowed := d == evaluate.Allowed
		if c.Allow == allowed {
			continue
		}
		res, err := ev.Evaluate(req)
		if err != nil {
			return nil, err
		}
		switch {
		case c.Allow && !allowed:
			g := Gap{Principal: c.Principal, Action: c.Action, Resource: c.Resource, Context: c.Context, Decision: res.Decision}
			if res.Decision == evaluate.ExplicitDeny {
				g.Statements = ex.passed(res.Statements, policy.Deny)
			}
			rep.Missing = append(rep.Missing, g)
		case !c.Allow && allowed:
			ex.add(Excess{Kind: c.Kind, Principal: c.Principal, Action: c.Action, Resource: c.Resource, Context: c.Context}, res.Statements)
		}
	}
	if identity {
		caller := principal
		if caller == "" {
			caller = r.callers()[0].arn
		}
		if err := r.auditOtherServices(src, p, caller, seen, &ex); err != nil {
			return nil, err
		}
	}
	rep.Excess = ex.report()
	return rep, nil
}

// auditOtherServices adds as excess every action of a service the role
// does not use that the policies allow on the action's narrowest resource.
func (r *Role) auditOtherServices(src actionSource, p evaluate.Policies, caller string, seen map[string]bool, ex *excessGroups) error {
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
	// The catalog's per-service table (names, lower-cased names, formats)
	// and one sample resource per distinct format list, as the matrix
	// makes them.
	smp := sampler{o: r.Options}
	samples := map[int]string{}
	for _, svc := range cs.c.Services() {
		if mine[strings.ToLower(svc.Prefix)] {
			continue
		}
		for _, a := range cs.actions(svc.Prefix) {
			name := a.name
			if seen[a.lower] {
				continue
			}
			resource, ok := samples[a.scope]
			if !ok {
				resource = smp.sample(a.formats)
				samples[a.scope] = resource
			}
			req := evaluate.Request{Principal: caller, Action: name, Resource: resource}
			d, err := ev.Decide(req)
			if err != nil {
				// A few of the catalog's formats make no ARN a request
				// can carry ("*" as Region or account, ${Vendor} as
				// service, a format without an account): ask with those
				// parts filled in, else on "*" — never leave the action
				// unasked.
				if req.Resource = requestable(resource, svc.Prefix, r.Options); req.Resource != resource {
					d, err = ev.Decide(req)
				}
				if err != nil {
					req.Resource = "*"
					if d, err = ev.Decide(req); err != nil {
						return err
					}
				}
			}
			if d != evaluate.Allowed {
				continue
			}
			res, err := ev.Evaluate(req)
			if err != nil {
				return err
			}
			ex.add(Excess{Kind: OtherAction, Principal: caller, Action: name, Resource: req.Resource}, res.Statements)
		}
	}
	return nil
}

// requestable fills in the parts of a sample ARN that a catalog format
// left as a placeholder the sample could not resolve ("example1" as
// service, Region or account): the action's service and o's Region and
// account.
func requestable(arn, service string, o Options) string {
	parts := strings.SplitN(arn, ":", 6)
	if len(parts) < 6 {
		return arn
	}
	for i, v := range map[int]string{2: strings.ToLower(service), 3: o.Region, 4: o.Account} {
		if parts[i] == "example1" {
			parts[i] = v
		}
	}
	return strings.Join(parts, ":")
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
	grant := callersAccountGrant(o)
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
				c := Case{Kind: OtherCaller, Principal: caller, Action: a,
					Resource: sample(narrowestFrom(src.Formats(a), o)), Why: "a principal the audited key policy names and the role does not"}
				if otherAccountCaller(o, caller) {
					c.Identity = []*policy.Document{grant}
				}
				out = append(out, c)
			}
		}
	}
	return out
}

// auditPolicies puts the case's resource policy in when p has none, and
// for a key-policy audit the case's stand-in for the caller's own
// account's IAM policies.
func auditPolicies(p evaluate.Policies, c Case, identity bool) evaluate.Policies {
	if p.Resource == nil {
		p.Resource = c.ResourcePolicy
	}
	if !identity {
		p.Identity = c.Identity
	}
	return p
}

// checkRequestPrincipal accepts an IAM or STS principal ARN.
func checkRequestPrincipal(p string) string {
	a, err := policy.ParseARN(p)
	if err != nil || (a.Service != "iam" && a.Service != "sts") || !policy.IsAccountID(a.Account) {
		return "want an IAM user, role or assumed-role session ARN"
	}
	return ""
}
