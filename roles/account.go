package roles

import (
	"fmt"
	"sort"

	"github.com/cksiam/cksiam/evaluate"
	"github.com/cksiam/cksiam/evaluate/snapshot"
	"github.com/cksiam/cksiam/policy"
)

// AccountAudit says, for each principal of the guide page, which
// principals of an account snapshot hold its permissions and what they
// hold beyond them: the review a security team makes before approving a
// custom key store.
type AccountAudit struct {
	// Account and Region are those audited.
	Account, Region string
	// Roles holds one entry per role audited, in the order asked.
	Roles []RoleAudit
}

// RoleAudit is one role's holders in the account.
type RoleAudit struct {
	// Role is the role's name, such as "KeyStoreManager".
	Role string
	// Intended is the number of requests the role needs (its intended
	// verification cases).
	Intended int
	// Holders are the principals the snapshot allows every intended request,
	// sorted by ARN; Partial those it allows some of them.
	Holders, Partial []Holder
	// Skipped says why the role was not audited against principals (a key
	// policy, which WhoCan answers per key); empty otherwise.
	Skipped string
}

// Holder is one principal's audit against a role.
type Holder struct {
	// Principal is the user or role ARN.
	Principal string
	// Held is how many of the role's intended requests it may make;
	// Holds lists them.
	Held  int
	Holds []Case
	// Report lists what it lacks (Missing) and, for a holder of every
	// intended request, what it holds beyond the role (Excess), statement
	// by statement of its own policies.
	Report *AuditReport
	// Incomplete lists the policies the principal uses that the snapshot
	// lacks (the audit read it without them) or reads only fail-closed.
	Incomplete []string
}

// AuditAccount audits every user and role of the snapshot against every
// identity-policy role of the guide page. Whether a principal holds a
// role's requests is decided with the principal's tags and, on the
// snapshot's keys, the key's properties and tags; the excess of a holder is
// Audit's, which knows neither. o.Account defaults to the
// snapshot's account and must match it; o.Region is required. Each
// principal is audited with its identity policies (groups included), its
// permissions boundary and the snapshot's SCPs and RCPs; key requests use a
// key policy that delegates to IAM (aws-rules C.4), so the audit is of what
// the account's IAM side grants — who may use a given key, key policy and
// grants included, is snapshot.Account.WhoCan's answer. The root user,
// which holds whatever the SCPs allow, is not listed.
//
// A holder of every intended request gets a full Audit (every catalog
// action), a partial holder the list of what it lacks. o.KeyIDs defaults
// to the snapshot's keys in o.Region, so that policies naming those keys
// count.
//
// names limits the audit to those roles (default: every role of Names()).
func AuditAccount(a *snapshot.Account, o Options, names ...string) (*AccountAudit, error) {
	if a == nil {
		return nil, fmt.Errorf("roles: AuditAccount: %w", snapshot.ErrNoAccount)
	}
	if o.Account == "" {
		o.Account = a.ID
	}
	if o.Account != a.ID {
		return nil, &OptionError{Field: "Account", Value: o.Account, Reason: "the snapshot is of account " + a.ID}
	}
	if o.Partition == "" {
		o.Partition = a.Partition
	}
	if o.Region == "" {
		return nil, &OptionError{Field: "Region", Reason: "required to audit an account: the Region of its custom key stores and keys"}
	}
	if len(o.KeyIDs) == 0 {
		for _, k := range a.Keys() {
			if k.Region == o.Region {
				o.KeyIDs = append(o.KeyIDs, k.ID)
			}
		}
	}
	out := &AccountAudit{Account: a.ID, Region: o.Region}
	if len(names) == 0 {
		names = Names()
	}
	for _, name := range names {
		r, err := ByName(name, o)
		if err != nil {
			return nil, err
		}
		ra := RoleAudit{Role: name}
		if r.Kind != policy.IdentityPolicy {
			ra.Skipped = "a key policy: ask WhoCan who may use each key"
			out.Roles = append(out.Roles, ra)
			continue
		}
		intended := intendedCases(r)
		ra.Intended = len(intended)
		for _, p := range a.Principals() {
			if p.Kind == snapshot.Root {
				continue
			}
			pol := principalPolicies(a, p)
			holds, gaps, err := missingOf(pol, p.ARN, intended, requestContext(a, p), a.CompileOptions())
			if err != nil {
				return nil, err
			}
			if len(holds) == 0 {
				continue
			}
			h := Holder{Principal: p.ARN, Held: len(holds), Holds: holds, Incomplete: p.Missing}
			if len(gaps) > 0 {
				h.Report = &AuditReport{Role: name, Missing: gaps}
				ra.Partial = append(ra.Partial, h)
				continue
			}
			if h.Report, err = r.Audit(pol, p.ARN); err != nil {
				unreadable := unreadableOf(a, pol)
				if len(unreadable) == 0 {
					return nil, err
				}
				// Audit reads documents strictly; one AWS stored that breaks
				// the grammar leaves the excess unknown, not the audit.
				h.Report = &AuditReport{Role: name}
				h.Incomplete = append(append([]string(nil), h.Incomplete...), unreadable...)
			}
			h.Report.Excess = grants(h.Report.Excess)
			ra.Holders = append(ra.Holders, h)
		}
		sort.Slice(ra.Holders, func(i, j int) bool { return ra.Holders[i].Principal < ra.Holders[j].Principal })
		sort.Slice(ra.Partial, func(i, j int) bool { return ra.Partial[i].Principal < ra.Partial[j].Principal })
		out.Roles = append(out.Roles, ra)
	}
	return out, nil
}

// grants keeps the excess of identity-policy statements: a boundary, an
// SCP or an RCP only lets through what an identity policy grants.
func grants(ex []ExcessGrant) []ExcessGrant {
	var out []ExcessGrant
	for _, e := range ex {
		if e.Statement.PolicyType == evaluate.TypeIdentity {
			out = append(out, e)
		}
	}
	return out
}

// intendedCases are the role's required requests.
func intendedCases(r *Role) []Case {
	var out []Case
	for _, c := range r.Matrix() {
		if c.Kind == Intended && c.Allow {
			out = append(out, c)
		}
	}
	return out
}

// requestContext returns, for a request's resource, the context keys the
// snapshot fixes: the principal's tags, the key's properties and tags
// when the resource is one of its keys, and, when the snapshot knows the
// account's organization, its ID as aws:PrincipalOrgID and, for a resource
// of the account, aws:ResourceOrgID. The role's case context, applied
// after, wins.
func requestContext(a *snapshot.Account, p *snapshot.Principal) func(resource string) evaluate.Context {
	return func(resource string) evaluate.Context {
		ctx := p.Context()
		if k, ok := a.Key(resource); ok {
			for key, v := range k.Context() {
				ctx[key] = v
			}
		}
		if org := a.Organization; org != nil {
			ctx["aws:PrincipalOrgID"] = []string{org.ID}
			if r, err := policy.ParseARN(resource); err == nil && r.Account == a.ID {
				ctx["aws:ResourceOrgID"] = []string{org.ID}
			}
		}
		return ctx
	}
}

// unreadableOf names the documents of p the snapshot reads only
// fail-closed.
func unreadableOf(a *snapshot.Account, p evaluate.Policies) []string {
	var out []string
	docs := append(append([]*policy.Document(nil), p.Identity...), p.Boundary)
	for _, d := range docs {
		if g, ok := a.Unreadable(d); ok {
			out = append(out, g.Subject+" (unreadable: "+g.Detail+")")
		}
	}
	return out
}

// principalPolicies are a snapshot principal's identity-side policies.
func principalPolicies(a *snapshot.Account, p *snapshot.Principal) evaluate.Policies {
	var pol evaluate.Policies
	for _, d := range p.Identity {
		pol.Identity = append(pol.Identity, d.Doc)
	}
	if p.Boundary != nil {
		pol.Boundary = p.Boundary.Doc
	}
	for _, l := range a.SCPs {
		pol.SCPs = append(pol.SCPs, docsOf(l))
	}
	for _, l := range a.RCPs {
		pol.RCPs = append(pol.RCPs, docsOf(l))
	}
	return pol
}

func docsOf(l []snapshot.Document) []*policy.Document {
	out := make([]*policy.Document, len(l))
	for i, d := range l {
		out[i] = d.Doc
	}
	return out
}

// missingOf splits the intended requests into those the policies allow the
// principal and those they do not. Cases sharing a key policy share one
// compiled evaluator.
func missingOf(p evaluate.Policies, principal string, intended []Case, extra func(resource string) evaluate.Context, opts []evaluate.Option) ([]Case, []Gap, error) {
	evs := map[*policy.Document]*evaluate.Evaluator{}
	var holds []Case
	var gaps []Gap
	for _, c := range intended {
		ev, ok := evs[c.ResourcePolicy]
		if !ok {
			q := p
			if q.Resource == nil {
				q.Resource = c.ResourcePolicy
			}
			var err error
			if ev, err = evaluate.Compile(q, opts...); err != nil {
				return nil, nil, err
			}
			evs[c.ResourcePolicy] = ev
		}
		ctx := extra(c.Resource)
		for k, v := range c.Context {
			ctx[k] = v
		}
		d, err := ev.Decide(evaluate.Request{Principal: principal, Action: c.Action, Resource: c.Resource, Context: ctx})
		if err != nil {
			return nil, nil, err
		}
		if d == evaluate.Allowed {
			holds = append(holds, c)
		} else {
			gaps = append(gaps, Gap{Principal: principal, Action: c.Action, Resource: c.Resource, Context: c.Context, Decision: d})
		}
	}
	return holds, gaps, nil
}
