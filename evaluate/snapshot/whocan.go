package snapshot

import (
	"sort"
	"strings"

	"github.com/cksiam/cksiam/evaluate"
	"github.com/cksiam/cksiam/evaluate/kmskey"
	"github.com/cksiam/cksiam/internal/ascii"
	"github.com/cksiam/cksiam/policy"
	"github.com/cksiam/cksiam/policy/catalog"
)

// KeyActions returns every kms action that takes a KMS key as its
// resource, from the embedded catalog, sorted: WhoCan's default.
func KeyActions() []string {
	svc, ok := catalog.Default().Service("kms")
	if !ok {
		return nil
	}
	var out []string
	for _, a := range svc.Actions {
		if takesKey(a) {
			out = append(out, a.FullName())
		}
	}
	sort.Strings(out)
	return out
}

func takesKey(a *catalog.Action) bool {
	if !ascii.EqualFold(a.Service.Prefix, "kms") {
		return false
	}
	for _, r := range a.Resources {
		if r.Type.Name == "key" {
			return true
		}
	}
	return false
}

// checkActions spells each action as the catalog does and refuses
// actions the catalog does not know (with its did-you-mean) and actions
// that do not take a key.
func checkActions(actions []string) ([]string, error) {
	if len(actions) == 0 {
		return KeyActions(), nil
	}
	seen := map[string]bool{}
	var out []string
	for i, name := range actions {
		a, err := catalog.Default().CheckAction(name)
		if err != nil {
			return nil, &ArgumentError{Argument: "actions", Index: i, Value: name, Reason: err.Error(), Err: err}
		}
		if !takesKey(a) {
			return nil, &ArgumentError{Argument: "actions", Index: i, Value: name,
				Reason: a.FullName() + " does not take a KMS key as its resource", Err: ErrInvalidArgument}
		}
		if n := a.FullName(); !seen[n] {
			seen[n] = true
			out = append(out, n)
		}
	}
	sort.Strings(out)
	return out, nil
}

// WhoCan answers who may perform each action on the KMS key resource (its
// ARN or key ID): every principal of the account (users, roles, the root
// user, sessions the key policy names), every grantee, every service the
// key policy names, and every other account the key policy trusts. actions
// default to KeyActions.
//
// Each principal's request is decided by the evaluate package with the
// principal's identity policies (groups included), boundary, the key
// policy, the key's grants, the SCPs (which the engine skips for
// service-linked roles) and the RCPs (not for AWS managed keys), and with
// the context keys the snapshot fixes: the key's properties and tags, the
// principal's tags and the Region. A row is allowed when the request is
// allowed for every value of the other context keys, conditional when for
// some, unknown when the snapshot cannot tell (and says why).
//
// A resource the snapshot lacks is an *ArgumentError matching ErrNotFound;
// an action the catalog does not know, or one that takes no key, an
// *ArgumentError matching ErrInvalidArgument (for an unknown action it
// wraps the catalog's *catalog.ActionError with its suggestion). A nil
// Account answers ErrNoAccount.
func (a *Account) WhoCan(resource string, actions []string) (*Report, error) {
	if a == nil {
		return nil, ErrNoAccount
	}
	k, ok := a.Key(resource)
	if !ok {
		return nil, &ArgumentError{Argument: "resource", Index: -1, Value: resource,
			Reason: "no KMS key " + quote(resource) + " in the snapshot", Err: ErrNotFound}
	}
	acts, err := checkActions(actions)
	if err != nil {
		return nil, err
	}
	w := &whoCan{a: a, k: k, actions: acts, rep: &Report{Resource: k.ARN, Actions: acts}, keys: keyCache{}, actionFree: map[actionDoc]bool{},
		keyFacts: kmskey.Facts(&k.Metadata, k.tagList()), grants: newGrantIndex(k.Grants)}
	// The key's facts go to the engine as Policies.Key; the Region, which
	// the engine does not imply, in the request's context.
	w.facts = evaluate.Context{"aws:RequestedRegion": {k.Region}}
	w.factKeys = map[string]bool{}
	for key := range keyFacts(k) {
		w.factKeys[ascii.ToLower(key)] = true
	}
	if org := a.Organization; org != nil {
		// The key's account is a member of the organization: every request
		// on the key carries its ID.
		w.facts["aws:ResourceOrgID"] = []string{org.ID}
		w.factKeys["aws:resourceorgid"] = true
	}
	w.gaps = map[Gap]bool{}
	if err := w.run(); err != nil {
		return nil, err
	}
	w.finish()
	return w.rep, nil
}

// whoCan is one WhoCan run.
type whoCan struct {
	a       *Account
	k       *Key
	actions []string
	facts   evaluate.Context
	rep     *Report
	gaps    map[Gap]bool
	keys    keyCache
	// factKeys are the lower-cased keys the snapshot gives a value: the
	// key's facts and the Region.
	factKeys map[string]bool
	keyFacts *evaluate.KeyFacts
	grants   *grantIndex
	// actionFree caches freeForAction per document.
	actionFree map[actionDoc]bool
	// grantBounds caches boundGrants.
	grantBounds map[grantsBoundKey][]evaluate.Grant
}

func (w *whoCan) gap(kind GapKind, subject, detail string) {
	g := Gap{Kind: kind, Subject: subject, Detail: detail}
	if !w.gaps[g] {
		w.gaps[g] = true
		w.rep.Incomplete = append(w.rep.Incomplete, g)
	}
}

// subject is one caller WhoCan decides for, with the documents behind
// each part of its Policies.
type subject struct {
	arn      string
	identity []Document
	boundary *Document
	// tags are the caller's tags, empty when it has none; nil when unknown
	// (a principal of another account, a service).
	tags    map[string]string
	missing []string
	// boundaryMissing: the subject has a boundary the snapshot lacks.
	boundaryMissing bool
	// outside: a principal of another account, whose SCPs the snapshot
	// does not hold (the snapshot's SCPs are its own account's).
	outside bool
	// anyPrincipal: the caller stands for any principal of its account, so
	// the keys that describe the caller (aws:PrincipalArn, aws:PrincipalType,
	// aws:username, aws:userid) are free.
	anyPrincipal bool
	// orgKnown: the caller is a principal of the account and the snapshot
	// knows its organization, so context holds aws:PrincipalOrgID.
	orgKnown bool
	// unlisted: a principal of the account the key policy or a grant names
	// that the snapshot does not hold (missing holds its ARN).
	unlisted bool
	// note is added to every row's Reason: a reading that decided it.
	note string
	// context holds keys the snapshot knows of the caller beyond what the
	// engine implies from its ARN, such as a session's aws:PrincipalArn
	// (its role's ARN, with the path the session ARN lacks).
	context evaluate.Context
}

// requestContext is the context of every request of s: the key's facts
// and what the snapshot knows of the caller.
func (w *whoCan) requestContext(s subject) evaluate.Context {
	if len(s.context) == 0 {
		return w.facts
	}
	c := make(evaluate.Context, len(w.facts)+len(s.context))
	for k, v := range w.facts {
		c[k] = v
	}
	for k, v := range s.context {
		c[k] = v
	}
	return c
}

// compile compiles p with the account's options, and reports the
// unreadable documents p uses.
func (w *whoCan) compile(p evaluate.Policies) (*evaluate.Evaluator, error) {
	if len(w.a.unreadable) > 0 {
		for _, d := range allDocs(p) {
			if g, ok := w.a.unreadable[d]; ok {
				w.gap(g.Kind, g.Subject, g.Detail)
			}
		}
	}
	// The account's documents were checked at load, the bounds' once:
	// principals share managed policies, the key policy and the SCPs.
	return evaluate.Compile(p, append(w.a.CompileOptions(), evaluate.WithCompileCache(w.a.shared.compile))...)
}

// subjectOf is a principal of the snapshot as a subject.
func subjectOf(p *Principal) subject {
	tags := p.Tags
	if tags == nil {
		tags = map[string]string{}
	}
	return subject{arn: p.ARN, identity: p.Identity, boundary: p.Boundary, tags: tags, missing: p.Missing,
		boundaryMissing: p.BoundaryARN != "" && p.Boundary == nil}
}

func (w *whoCan) run() error {
	k := w.k
	if !k.GrantsLoaded {
		w.gap(GapGrantsNotLoaded, k.ARN, "the snapshot has no grants file for the key: access through grants is not included")
	}
	if !k.TagsLoaded {
		w.gap(GapTagsNotLoaded, k.ARN, "the snapshot has no tags file for the key: aws:ResourceTag conditions are treated as unknown values")
	}
	// SCPs and RCPs do not affect the management account: nothing is
	// missing when it has none.
	if !w.a.SCPsLoaded && !w.a.IsManagementAccount() {
		w.gap(GapOrganizationNotLoaded, "SCPs", "the snapshot holds no SCPs: if the account is in an organization, its SCPs are not checked")
	}
	if !w.a.RCPsLoaded && !w.a.IsManagementAccount() {
		w.gap(GapOrganizationNotLoaded, "RCPs", "the snapshot holds no RCPs: if the account is in an organization, its RCPs are not checked")
	}
	for _, p := range w.a.principals {
		if err := w.decideSubject(subjectOf(p)); err != nil {
			return err
		}
		for _, m := range p.Missing {
			w.gap(GapMissingPolicy, m, "used by "+p.ARN+" but not in the snapshot: its answers are unknown where the policy could change them")
		}
	}
	return w.named()
}

// policies assembles the evaluate.Policies of a subject: its policies, the
// key policy, the key's facts, the grants that may concern it, the SCPs
// (of its own account only) and the RCPs (not for AWS managed keys,
// aws-rules C.4).
func (w *whoCan) policies(s subject) evaluate.Policies {
	p := evaluate.Policies{Resource: w.k.Policy, Key: w.keyFacts, PrincipalTags: s.tags}
	p.Grants, _ = w.grants.of(s.arn)
	for _, d := range s.identity {
		p.Identity = append(p.Identity, d.Doc)
	}
	if s.boundary != nil {
		p.Boundary = s.boundary.Doc
	}
	if !s.outside {
		for _, l := range w.a.SCPs {
			p.SCPs = append(p.SCPs, docs(l))
		}
	}
	if w.k.Metadata.KeyManager != "AWS" {
		for _, l := range w.a.RCPs {
			p.RCPs = append(p.RCPs, docs(l))
		}
	}
	return p
}

func docs(l []Document) []*policy.Document {
	out := make([]*policy.Document, len(l))
	for i, d := range l {
		out[i] = d.Doc
	}
	return out
}

// allowAll is the stand-in for a policy the snapshot lacks when asking
// whether it could change an answer: the most it could allow.
var allowAll = policy.NewDocument(policy.Statement{Effect: policy.Allow, Action: policy.List("*"), Resource: policy.List("*")})

// withOrganization gives a principal of the account its organization's
// ID as aws:PrincipalOrgID, when the snapshot knows it.
func (w *whoCan) withOrganization(s subject) subject {
	org := w.a.Organization
	if org == nil || s.outside || s.anyPrincipal {
		return s
	}
	a, err := policy.ParseARN(s.arn)
	if err != nil || a.Account != w.a.ID {
		return s
	}
	c := make(evaluate.Context, len(s.context)+1)
	for k, v := range s.context {
		c[k] = v
	}
	c["aws:PrincipalOrgID"] = []string{org.ID}
	s.context, s.orgKnown = c, true
	return s
}

// decideSubject decides every action for one caller and adds its rows.
func (w *whoCan) decideSubject(s subject) error {
	s = w.withOrganization(s)
	pol := w.policies(s)
	ev, err := w.compile(pol)
	if err != nil {
		return err
	}
	r := &subjectRun{s: s, pol: pol, ev: ev, ctx: w.requestContext(s)}
	if len(s.missing) > 0 {
		up := pol
		up.Identity = append(append([]*policy.Document(nil), pol.Identity...), allowAll)
		if s.boundaryMissing {
			up.Boundary = allowAll
		}
		if r.missingUpper, err = w.compile(up); err != nil {
			return err
		}
	}
	_, r.grantIdx = w.grants.of(s.arn)
	// When no policy tests a key the snapshot leaves free, Decide's answer
	// holds for every request, and only an allowed one needs explaining.
	r.exactAll = !w.testsFreeKeys(pol, s)
	for _, act := range w.actions {
		row, ok, err := w.decideAction(r, act)
		if err != nil {
			return err
		}
		if ok {
			if s.note != "" {
				row.Reason = joinReason(row.Reason, s.note)
			}
			w.rep.Access = append(w.rep.Access, row)
		}
	}
	return nil
}

// joinReason joins two notes of a row with "; ".
func joinReason(a, b string) string {
	if a == "" {
		return b
	}
	return a + "; " + b
}

// describesCaller are the keys that tell principals of one account apart.
var describesCaller = map[string]bool{"aws:principalarn": true, "aws:principaltype": true, "aws:username": true, "aws:userid": true}

// testsFreeKeys reports whether any policy of p tests a context key the
// snapshot does not fix.
func (w *whoCan) testsFreeKeys(p evaluate.Policies, s subject) bool {
	free := func(d *policy.Document) bool {
		for _, k := range w.keys.of(d) {
			if !w.fixed(k, s) {
				return true
			}
		}
		return false
	}
	for _, d := range p.Identity {
		if free(d) {
			return true
		}
	}
	if free(p.Boundary) || free(p.Resource) {
		return true
	}
	for _, levels := range [][][]*policy.Document{p.SCPs, p.RCPs} {
		for _, l := range levels {
			for _, d := range l {
				if free(d) {
					return true
				}
			}
		}
	}
	return false
}

// fixed reports whether the snapshot fixes a (lower-cased) context key
// for a subject: the request or the key's facts carry it, the engine
// implies it, or it is known absent.
func (w *whoCan) fixed(key string, s subject) bool {
	if s.anyPrincipal && describesCaller[key] {
		return false
	}
	if key == "aws:principalorgid" {
		return s.orgKnown
	}
	if _, ok := w.factKeys[key]; ok {
		return true
	}
	return fixedAbsent(key, w.k, s.tags != nil)
}

// withMissing turns a row of a subject with missing policies into an
// honest one: if even allow-all in place of the missing policies does not
// allow, there is no access whatever they say; otherwise the answer
// depends on them and is unknown.
func (w *whoCan) withMissing(s subject, act string, req evaluate.Request, upper *evaluate.Evaluator, row Row, ok bool) (Row, bool, error) {
	d, err := upper.Decide(req)
	if err != nil {
		return row, ok, err
	}
	if d != evaluate.Allowed && !ok {
		return row, false, nil
	}
	reason := "depends on " + strings.Join(s.missing, ", ") + ", missing from the snapshot"
	switch {
	case s.unlisted && ok && row.Access != Unknown:
		reason = "allowed by the key policy or a grant unless the principal's own policies deny it: the principal is not in the snapshot"
		if row.Access == Conditional {
			reason = "allowed for some requests by the key policy or a grant unless the principal's own policies deny it: the principal is not in the snapshot"
		}
	case s.unlisted:
		reason = "depends on the principal's own policies: the principal is not in the snapshot"
	case ok && row.Access == Allowed:
		reason = "allowed by the snapshot's policies unless " + strings.Join(s.missing, ", ") + " (missing from the snapshot) denies it"
	}
	return Row{Principal: s.arn, Action: act, Access: Unknown, Via: row.Via, Reason: reason}, true, nil
}

// classify turns a decision into a row, or no row. When the decision
// depends on context keys the snapshot does not fix, the row is unknown and
// free names them.
func (w *whoCan) classify(s subject, act string, res evaluate.Result) (Row, bool, []string) {
	var free []string
	for _, m := range res.MissingContextKeys {
		if !fixedAbsent(m, w.k, s.tags != nil) {
			free = append(free, m)
		}
	}
	row := Row{Principal: s.arn, Action: act, Via: w.sources(s, res)}
	if len(free) == 0 {
		if res.Decision != evaluate.Allowed {
			return row, false, nil
		}
		row.Access = Allowed
		return row, true, nil
	}
	row.Access = Unknown
	row.Reason = "depends on context keys the snapshot does not fix: " + strings.Join(free, ", ")
	if res.Decision == evaluate.Allowed {
		row.Reason += " (allowed when they are absent)"
	}
	return row, true, free
}

// sources names the key policy and identity policy statements that
// decided an allowed request. For a principal of the account, a key policy
// statement naming it (or everyone) decides alone, and identity policy
// statements decide together with the key policy statements that let the
// account's IAM policies decide (aws-rules C.4): a path missing its other
// half decided nothing and is left out. Either complete path is named.
func (w *whoCan) sources(s subject, res evaluate.Result) []Source {
	if res.Decision != evaluate.Allowed {
		return nil
	}
	if res.GrantId != "" {
		return []Source{{Policy: "grant", Statement: -1, GrantID: res.GrantId}}
	}
	type found struct {
		src        Source
		identity   bool
		delegating bool
	}
	all := make([]found, 0, len(res.Statements))
	identity, delegating := false, false
	for _, st := range res.Statements {
		var f found
		switch st.PolicyType {
		case evaluate.TypeResource:
			f.src.Policy = "key policy"
			f.delegating = !s.outside && w.delegates(st.StatementIndex, s)
			delegating = delegating || f.delegating
		case evaluate.TypeIdentity:
			if st.PolicyIndex < len(s.identity) {
				f.src.Policy = s.identity[st.PolicyIndex].Source
			}
			f.identity = true
			identity = true
		default:
			continue // guardrails permit, they do not give
		}
		if f.src.Policy == "" {
			continue
		}
		f.src.Statement, f.src.Sid = st.StatementIndex, st.Sid
		all = append(all, f)
	}
	var out []Source
	for _, f := range all {
		if !s.outside && ((f.identity && !delegating) || (f.delegating && !identity)) {
			continue
		}
		out = append(out, f.src)
	}
	return out
}

// delegates reports whether key policy statement i lets the caller's
// account's IAM policies decide rather than naming the caller: its
// principals name the account (its root ARN or ID) and neither the caller,
// its role (for a session), nor everyone.
func (w *whoCan) delegates(i int, s subject) bool {
	if i >= len(w.k.Policy.Statement) {
		return false
	}
	st := &w.k.Policy.Statement[i]
	p := st.Principal
	if p == nil || p.Wildcard || st.NotPrincipal != nil {
		return false
	}
	role := ""
	if v := s.context["aws:PrincipalArn"]; len(v) == 1 {
		role = v[0]
	}
	for _, v := range p.Service.Values {
		if v == s.arn {
			return false
		}
	}
	for _, v := range p.AWS.Values {
		if v == "*" || v == s.arn || (role != "" && v == role) {
			return false
		}
	}
	return true
}

// finish sorts the report.
func (w *whoCan) finish() {
	r := w.rep
	sort.SliceStable(r.Access, func(i, j int) bool {
		if r.Access[i].Action != r.Access[j].Action {
			return r.Access[i].Action < r.Access[j].Action
		}
		return r.Access[i].Principal < r.Access[j].Principal
	})
	sort.Slice(r.ExternalAccounts, func(i, j int) bool { return r.ExternalAccounts[i].Account < r.ExternalAccounts[j].Account })
	sort.SliceStable(r.Incomplete, func(i, j int) bool {
		if r.Incomplete[i].Kind != r.Incomplete[j].Kind {
			return r.Incomplete[i].Kind < r.Incomplete[j].Kind
		}
		if r.Incomplete[i].Subject != r.Incomplete[j].Subject {
			return r.Incomplete[i].Subject < r.Incomplete[j].Subject
		}
		return r.Incomplete[i].Detail < r.Incomplete[j].Detail
	})
}
