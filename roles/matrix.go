package roles

import (
	"strings"

	"github.com/cksiam/cksiam/policy"
)

// CaseKind says what a verification case checks.
type CaseKind string

// The kinds of verification case. Intended cases must be allowed; every
// other kind is a near miss that must be denied.
const (
	Intended      CaseKind = "intended"       // a granted action on its intended resource
	OtherAction   CaseKind = "other-action"   // another action of the same service
	OtherAccount  CaseKind = "other-account"  // a granted action on another account's resource (for KMS keys, one whose key policy lets the role's account in)
	OtherRegion   CaseKind = "other-region"   // a granted action on another Region's resource
	OtherID       CaseKind = "other-id"       // a granted action on a resource outside the chosen IDs
	FailCondition CaseKind = "fail-condition" // a granted action with a condition not met
	OtherCaller   CaseKind = "other-caller"   // a principal the policy does not name
)

// Case is one request of a role's verification matrix and the answer the
// role's document must give.
type Case struct {
	Kind CaseKind // Intended, or the kind of near miss
	// Principal, Action, Resource and Context describe the request.
	Principal string
	Action    string
	Resource  string
	Context   map[string][]string
	// ResourcePolicy is the resource's policy for the request: the role's
	// key policy, or for identity policies a key policy that lets the
	// account's IAM policies decide (aws-rules C.4); nil when none applies.
	ResourcePolicy *policy.Document
	// Identity are the caller's identity policies: the role's document
	// for identity roles, none for key policies.
	Identity []*policy.Document
	// Allow is the expected answer: true for Intended cases.
	Allow bool
	// Why says in a few words what the case shows.
	Why string
}

// actionSource answers what the catalog knows for the verification
// matrix: every action of a service, an action's resource formats, and
// the actions a pattern matches.
type actionSource interface {
	// ServiceActions returns the service's actions as AWS spells them.
	ServiceActions(service string) []string
	// Expand returns the actions pattern matches.
	Expand(pattern string) []string
	// Formats returns the ARN formats an action accepts; nil means "*".
	Formats(action string) []string
	// actions returns ServiceActions(service) with each action's
	// lower-cased name and Formats; the caller must not change it.
	actions(service string) []serviceAction
}

// Matrix returns the role's verification cases over the full action
// catalog, in a stable order: for each principal the role defines, the
// intended request for every granted action on each of its resources with
// its scope and condition near misses, then every other action of the same
// services; for key policies and the service-linked role, principals the
// policy does not name. Verify runs them through the evaluator. A nil
// *Role has no matrix.
func (r *Role) Matrix() []Case {
	if r == nil {
		return nil
	}
	return r.matrix(defaultSource())
}

// matrix builds the role's verification cases over the actions src knows.
// A role built without a Region makes its sample requests in sampleRegion.
func (r *Role) matrix(src actionSource) []Case { return r.newBuilder(src, false).cases() }

// newBuilder returns the builder of the role's cases. With shared set, the
// cases' contexts are not copied: cases made from the same context share
// its map (Verify reads them only, and copies those it reports).
func (r *Role) newBuilder(src actionSource, shared bool) *builder {
	sampled := *r
	if sampled.Options.Region == "" {
		sampled.Options.Region = sampleRegion
	}
	return &builder{r: &sampled, doc: r.Document(), src: src, near: nearMissesFor(sampled.Options), shared: shared, sampler: sampler{o: sampled.Options}}
}

// builder builds one role's cases; doc is the role's document, made once.
type builder struct {
	r    *Role
	doc  *policy.Document
	src  actionSource
	near nearMisses
	// grant is the callers' own identity policy for principals of another
	// account named in a key policy (callerAccountGrant), made once.
	grant *policy.Document
	// keyPolicies are the key policies sharedKeyPolicy made, by the key's
	// partition and account: one document for every request on such keys.
	keyPolicies map[keyOwner]*policy.Document
	// shared says the cases share their contexts rather than copy them.
	shared bool
	// sampler makes the other-action requests' resources, and samples
	// holds them by serviceAction.scope ("" for one not made yet).
	sampler sampler
	samples []string
	// docs is the identity policy list of every case with b.shared.
	docs []*policy.Document
	// key is keySample's.
	key string
	// visit, when set, is given each case as it is made (Verify's); else
	// they are collected in out.
	visit func(Case)
	out   []Case
}

// keyOwner is the partition and account of a KMS key.
type keyOwner struct{ partition, account string }

// add hands cs to b.visit, or without one collects them in b.out.
func (b *builder) add(cs ...Case) {
	if b.visit == nil {
		b.out = append(b.out, cs...)
		return
	}
	for _, c := range cs {
		b.visit(c)
	}
}

// cases builds the role's cases, in matrix order: it returns them, or
// with b.visit set hands each to it and returns nil.
func (b *builder) cases() []Case {
	r, src, doc := b.r, b.src, b.doc
	for _, pr := range r.callers() {
		granted := map[string]bool{}
		var union map[string][]string
		var order []string
		grantedOn := map[string][]string{}
		for _, p := range r.Permissions {
			if !pr.named(p) {
				continue
			}
			ctx := satisfying(p.Condition)
			union = merge(union, ctx)
			for _, pat := range p.Actions {
				for _, a := range src.Expand(pat) {
					if lower := strings.ToLower(a); !granted[lower] {
						order = append(order, a)
						granted[lower] = true
					}
					grantedOn[a] = append(grantedOn[a], p.Resources...)
					if r.Kind == policy.KeyPolicy && src.Formats(a) == nil {
						continue // a key policy governs only actions on its key
					}
					for _, res := range p.Resources {
						b.add(b.scopeCases(pr, p, a, res, ctx)...)
					}
				}
			}
		}
		b.add(b.catalogScopeCases(pr, order, grantedOn, union)...)
		for _, svc := range r.services(src) {
			for _, a := range src.actions(svc) {
				if granted[a.lower] || r.Kind == policy.KeyPolicy && a.formats == nil {
					continue
				}
				b.add(b.request(pr, OtherAction, a.name, b.sample(a), union, false, "an action the role does not grant"))
			}
		}
	}
	b.add(b.callerCases(doc)...)
	return b.out
}

// scopeCases are the intended case for action a on res and its scope and
// condition near misses.
func (b *builder) scopeCases(pr caller, p Permission, a, res string, ctx map[string][]string) []Case {
	r := b.r
	var concrete string
	if r.Kind == policy.KeyPolicy {
		// "*" in a key policy is the key the policy is attached to.
		concrete = b.keySample()
	} else {
		concrete = sample([]string{res})
	}
	out := []Case{b.request(pr, Intended, a, concrete, ctx, true, "granted by "+sidOrIndex(p))}
	if r.Kind == policy.KeyPolicy {
		for _, bad := range b.failing(p.Condition, ctx) {
			out = append(out, b.request(pr, FailCondition, a, concrete, bad.ctx, false, bad.why))
		}
		return out
	}
	out = append(out, b.outside(pr, a, res, ctx, "")...)
	for _, bad := range b.failing(p.Condition, ctx) {
		out = append(out, b.request(pr, FailCondition, a, concrete, bad.ctx, false, bad.why))
	}
	return out
}

// catalogScopeCases are scope near misses taken from the catalog rather
// than from the role's own permissions, so that a permission widened
// beyond what its action accepts (a key action on "*", key/* where the
// options name key IDs) is caught: for an identity policy, each granted
// action's narrowest resources for the options (the scope the role must
// not exceed) give other-account, other-Region and other-ID requests,
// unless the role already grants exactly that resource (its own cases
// cover it) or grants the action on "*" by design (starByDesign).
func (b *builder) catalogScopeCases(pr caller, actions []string, grantedOn map[string][]string, ctx map[string][]string) []Case {
	r := b.r
	if r.Kind == policy.KeyPolicy || r.slr != nil {
		return nil
	}
	var out []Case
	for _, a := range actions {
		formats := b.src.Formats(a)
		if formats == nil || starByDesign(a) {
			continue
		}
		for _, ref := range collapse(narrowestFrom(formats, r.Options)) {
			if contains(grantedOn[a], ref) {
				continue
			}
			if strings.Contains(ref, "*") {
				// A resource of the type the role does not name: the
				// role grants a narrower resource (the service-linked
				// role's ARN) or, widened, "*".
				out = append(out, b.request(pr, OtherID, a, sample([]string{ref}), ctx, false, "the same action on a resource of its type that the role does not list"))
			}
			out = append(out, b.outside(pr, a, ref, ctx, " than the catalog's narrowest scope")...)
		}
	}
	return out
}

// outside returns the other-account, other-Region and other-ID requests
// for action a around the resource pattern res.
func (b *builder) outside(pr caller, a, res string, ctx map[string][]string, than string) []Case {
	arn, err := policy.ParseARN(sample([]string{res}))
	if err != nil {
		return nil
	}
	var out []Case
	if arn.Account != "" {
		x := arn
		x.Account = b.near.otherAccount
		out = append(out, b.request(pr, OtherAccount, a, x.String(), ctx, false, "the same action on another account's resource"+than))
	}
	if arn.Region != "" {
		x := arn
		x.Region = b.near.otherRegion
		out = append(out, b.request(pr, OtherRegion, a, x.String(), ctx, false, "the same action in another Region"+than))
	}
	if !strings.Contains(res, "*") && strings.Contains(arn.Resource, "/") {
		x := arn
		i := strings.IndexByte(x.Resource, '/') + 1
		x.Resource = x.Resource[:i] + b.near.otherID(x.Resource[i:])
		out = append(out, b.request(pr, OtherID, a, x.String(), ctx, false, "the same action on a resource outside the chosen IDs"+than))
	}
	return out
}

// request builds one case for the caller pr.
func (b *builder) request(pr caller, kind CaseKind, action, resource string, ctx map[string][]string, allow bool, why string) Case {
	r := b.r
	c := Case{Kind: kind, Principal: pr.arn, Action: action, Resource: resource, Context: b.context(ctx), Allow: allow, Why: why}
	if r.Kind == policy.KeyPolicy {
		c.ResourcePolicy = b.doc
		c.Identity = b.callerAccountGrant(pr.arn)
		return c
	}
	c.Identity = b.identity()
	if !strings.Contains(resource, ":kms:") {
		return c // not a KMS ARN: no key policy to add
	}
	if arn, err := policy.ParseARN(resource); err == nil && arn.Service == "kms" && strings.HasPrefix(arn.Resource, "key/") {
		// The key's policy lets IAM policies decide, for the key's owner
		// and for the role's account, so that the answer is the role's
		// document's (aws-rules C.3, C.4).
		c.ResourcePolicy = b.keyPolicy(arn)
	}
	return c
}

// context is a case's context for ctx: a copy of its own, or with
// b.shared ctx itself (never nil, as a copy is never nil).
func (b *builder) context(ctx map[string][]string) map[string][]string {
	if !b.shared {
		return copyContext(ctx)
	}
	if ctx == nil {
		return map[string][]string{}
	}
	return ctx
}

// keySample is the key a key policy's "*" stands for in a request,
// sample(expandFormat(KeyARNFormat, o, nil)), made once.
func (b *builder) keySample() string {
	if b.key == "" {
		b.key = sample(expandFormat(KeyARNFormat, b.r.Options, nil))
	}
	return b.key
}

// identity returns the identity policies of a case of an identity role:
// the role's document, in a list of the case's own, or with b.shared one
// list for every case.
func (b *builder) identity() []*policy.Document {
	if !b.shared {
		return []*policy.Document{b.doc}
	}
	if b.docs == nil {
		b.docs = []*policy.Document{b.doc}
	}
	return b.docs
}

// keyPolicy returns sharedKeyPolicy for the key, made once per key owner.
func (b *builder) keyPolicy(key policy.ARN) *policy.Document {
	k := keyOwner{key.Partition, key.Account}
	if d, ok := b.keyPolicies[k]; ok {
		return d
	}
	if b.keyPolicies == nil {
		b.keyPolicies = map[keyOwner]*policy.Document{}
	}
	d := sharedKeyPolicy(b.r.Options, key)
	b.keyPolicies[k] = d
	return d
}

// callerAccountGrant returns, for a caller of another account than the
// key's, an identity policy of the caller's account that allows every kms
// action on the options' keys: a key policy alone cannot let another
// account in, that account's IAM policies must allow it too (aws-rules
// C.3). With it a key-policy case's answer is the key policy's. A caller
// of the key's own account gets none.
func (b *builder) callerAccountGrant(principal string) []*policy.Document {
	if !otherAccountCaller(b.r.Options, principal) {
		return nil
	}
	if b.grant == nil {
		b.grant = callersAccountGrant(b.r.Options)
	}
	return []*policy.Document{b.grant}
}

// otherAccountCaller reports whether principal is of another account than
// the options'.
func otherAccountCaller(o Options, principal string) bool {
	a, err := policy.ParseARN(principal)
	return err == nil && a.Account != o.Account
}

// callersAccountGrant is the identity policy callerAccountGrant gives.
func callersAccountGrant(o Options) *policy.Document {
	return &policy.Document{Version: policy.Version2012, Statement: []policy.Statement{{
		Sid: "CallersAccountAllowsTheKeys", Effect: policy.Allow,
		Action:   policy.List("kms:*"),
		Resource: policy.List("arn:" + o.Partition + ":kms:*:" + o.Account + ":key/*"),
	}}}
}

// sharedKeyPolicy is a key policy that enables IAM policies of the key's
// account and of the options' account.
func sharedKeyPolicy(o Options, key policy.ARN) *policy.Document {
	owners := sortedUnique([]string{
		"arn:" + key.Partition + ":iam::" + key.Account + ":root",
		o.accountRoot(),
	})
	p := policy.AWSPrincipal(owners...)
	return &policy.Document{Version: policy.Version2012, ID: DefaultKeyPolicyID, Statement: []policy.Statement{{
		Sid: SidEnableIAMPolicies, Effect: policy.Allow, Principal: p,
		Action: policy.List("kms:*"), Resource: policy.List("*"),
	}}}
}

// callerCases are near misses for principals the role does not name: a
// principal of another account, and for key policies a role of the
// account that has no IAM policy (the key policy only delegates to IAM).
func (b *builder) callerCases(doc *policy.Document) []Case {
	r, src := b.r, b.src
	o := r.Options
	if r.slr != nil {
		return r.slrTrustCases()
	}
	if r.Kind != policy.KeyPolicy {
		return nil
	}
	var out []Case
	strangers := []caller{
		{arn: "arn:" + o.Partition + ":iam::" + b.near.strangerAccount + ":root"},
		{arn: sessionARN(o, b.near.noPolicyRole)},
	}
	for _, st := range strangers {
		for _, sa := range src.actions("kms") {
			a := sa.name
			if sa.formats == nil {
				continue // key policies govern key-scoped actions only
			}
			why := "a principal the key policy does not name"
			if strings.Contains(st.arn, ":"+o.Account+":") {
				why = "a role of the account with no IAM policy: the key policy only delegates to IAM"
			}
			out = append(out, Case{Kind: OtherCaller, Principal: st.arn, Action: a,
				Resource: b.sample(sa), ResourcePolicy: doc, Identity: b.callerAccountGrant(st.arn), Why: why})
		}
	}
	return out
}

// slrTrustCases check the service-linked role's trust policy: only
// cks.kms.amazonaws.com may assume it (GuidePage; aws-rules G.1).
func (r *Role) slrTrustCases() []Case {
	o := r.Options
	trust := r.slr.TrustPolicy()
	role := r.slr.ARN(o.Partition, o.Account)
	c := func(kind CaseKind, principal string, allow bool, why string) Case {
		return Case{Kind: kind, Principal: principal, Action: "sts:AssumeRole", Resource: role, ResourcePolicy: trust, Allow: allow, Why: why}
	}
	return []Case{
		c(Intended, r.slr.ServicePrincipal, true, "AWS KMS assumes the role"),
		c(OtherCaller, CloudHSMServicePrincipal, false, "another service principal"),
		c(OtherCaller, o.accountRoot(), false, "the account itself: the role trusts only cks.kms.amazonaws.com"),
		c(OtherCaller, sessionARN(o, "KeyStoreManager"), false, "a role of the account"),
	}
}

// services returns the services of the role's actions, sorted.
func (r *Role) services(src actionSource) []string {
	var out []string
	for _, p := range r.Permissions {
		for _, a := range p.Actions {
			if i := strings.IndexByte(a, ':'); i > 0 {
				out = append(out, strings.ToLower(a[:i]))
			}
		}
	}
	return sortedUnique(out)
}

// narrowestFrom expands formats for o; "*" when there are none.
func narrowestFrom(formats []string, o Options) []string {
	if len(formats) == 0 {
		return []string{"*"}
	}
	var out []string
	for _, f := range formats {
		out = append(out, expandFormat(f, o, nil)...)
	}
	return sortedUnique(out)
}

// sample picks the first resource and makes it concrete: each "*" in an
// ARN becomes an example ID.
func sample(res []string) string {
	if len(res) == 0 || res[0] == "*" {
		return "*"
	}
	return strings.ReplaceAll(res[0], "*", "example1")
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func sidOrIndex(p Permission) string {
	if p.Sid == "" {
		return "its statement"
	}
	return "statement " + p.Sid
}
