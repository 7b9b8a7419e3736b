package snapshot

import (
	"sort"
	"strconv"
	"strings"

	"github.com/cksiam/cksiam/evaluate"
	"github.com/cksiam/cksiam/policy"
)

// named decides for the callers the key policy names beyond the account's
// users and roles: sessions of its roles, service principals, and the
// principals of other accounts.
func (w *whoCan) named() error {
	ext := map[string]map[string]bool{} // account → principals to try
	addExt := func(acct, principal string) {
		if ext[acct] == nil {
			ext[acct] = map[string]bool{}
		}
		ext[acct][principal] = true
	}
	services := map[string]bool{}
	sessions := map[string]bool{}
	for _, st := range w.k.Policy.Statement {
		if st.Effect != policy.Allow {
			continue
		}
		if st.NotPrincipal != nil {
			addExt("*", "")
			continue
		}
		p := st.Principal
		if p == nil {
			continue
		}
		if p.Wildcard {
			addExt("*", "")
		}
		for _, v := range p.AWS.Values {
			w.classifyNamed(v, addExt, sessions)
		}
		for _, v := range p.Service.Values {
			services[v] = true
		}
		for _, v := range p.Federated.Values {
			w.gap(GapPrincipalNotFound, v, "an identity provider the key policy names: its users' access is not evaluated")
		}
		for _, v := range p.CanonicalUser.Values {
			w.gap(GapPrincipalNotFound, v, "a canonical user the key policy names: not an IAM principal, not evaluated")
		}
	}
	outside := map[string]bool{}
	notIAM := map[string][]string{} // grantee → grant IDs
	for _, g := range w.grants.grants {
		w.classifyGrantee(g, addExt, sessions, outside, notIAM)
	}
	for _, v := range sortedKeys(notIAM) {
		w.gap(GapGranteeNotIAM, v, "grantee of "+grantList(notIAM[v])+": not an IAM principal ARN (a service, or an internal form); its access is not evaluated")
	}
	for _, s := range sortedKeys(sessions) {
		if err := w.decideSession(s); err != nil {
			return err
		}
	}
	for _, svc := range sortedKeys(services) {
		if err := w.decideSubject(subject{arn: svc}); err != nil {
			return err
		}
	}
	for _, arn := range sortedKeys(outside) {
		if err := w.decideSubject(subject{arn: arn, outside: true}); err != nil {
			return err
		}
	}
	return w.external(ext)
}

// classifyNamed sorts one "AWS" principal value of the key policy.
func (w *whoCan) classifyNamed(v string, addExt func(acct, principal string), sessions map[string]bool) {
	if v == "*" {
		addExt("*", "")
		return
	}
	if policy.IsAccountID(v) {
		if v != w.a.ID {
			addExt(v, "arn:"+w.a.Partition+":iam::"+v+":root")
		}
		return
	}
	a, err := policy.ParseARN(v)
	if err != nil || !policy.IsAccountID(a.Account) || (a.Service != "iam" && a.Service != "sts") {
		w.gap(GapPrincipalNotFound, v, "the key policy names it, but it is not a principal ARN (a deleted principal shows as its unique ID)")
		return
	}
	if a.Account != w.a.ID {
		addExt(a.Account, v)
		return
	}
	switch {
	case a.Service == "iam" && a.Resource == "root":
	case a.Service == "iam" && (strings.HasPrefix(a.Resource, "user/") || strings.HasPrefix(a.Resource, "role/")):
		if _, ok := w.a.byARN[v]; !ok {
			w.gap(GapPrincipalNotFound, v, "the key policy names it, but the snapshot has no such principal")
		}
	case a.Service == "sts" && strings.HasPrefix(a.Resource, "assumed-role/"):
		sessions[v] = true
	default:
		w.gap(GapPrincipalNotFound, v, "the key policy names it; its policies are not in the snapshot")
	}
}

// classifyGrantee sorts a grant's grantee: a principal of the account is
// decided with the others (a session the snapshot's role has, a user or
// role it lacks is reported), a user, role or session of another account
// is decided on its own (a grant needs no IAM policy, aws-rules J.1), an
// account is another account the key trusts, and anything else — a
// service principal, an internal form — is reported.
func (w *whoCan) classifyGrantee(g evaluate.Grant, addExt func(acct, principal string), sessions, outside map[string]bool, notIAM map[string][]string) {
	v := g.GranteePrincipal
	if v == "" {
		v = g.GranteeServicePrincipal
	}
	if policy.IsAccountID(v) {
		v = "arn:" + w.a.Partition + ":iam::" + v + ":root"
	}
	a, err := policy.ParseARN(v)
	if err != nil || !policy.IsAccountID(a.Account) || (a.Service != "iam" && a.Service != "sts") {
		notIAM[v] = append(notIAM[v], g.GrantId)
		return
	}
	switch {
	case a.Service == "iam" && a.Resource == "root":
		if a.Account != w.a.ID {
			addExt(a.Account, v)
		}
	case a.Account != w.a.ID:
		if !outside[v] {
			w.gap(GapAccountNotLoaded, a.Account, "a grant names "+v+": that account's SCPs and IAM denies are not in the snapshot")
		}
		outside[v] = true
	case a.Service == "sts" && strings.HasPrefix(a.Resource, "assumed-role/"):
		sessions[v] = true
	default:
		if _, ok := w.a.byARN[v]; !ok {
			w.gap(GapPrincipalNotFound, v, "grant "+g.GrantId+" names it, but the snapshot has no such principal")
		}
	}
}

// decideSession decides for a role session the key policy names: it has
// its role's policies (and no session policy).
func (w *whoCan) decideSession(arn string) error {
	a, _ := policy.ParseARN(arn)
	parts := strings.Split(strings.TrimPrefix(a.Resource, "assumed-role/"), "/")
	if len(parts) != 2 {
		w.gap(GapPrincipalNotFound, arn, "not an assumed-role session ARN")
		return nil
	}
	for _, p := range w.a.principals {
		if p.Kind == Role && p.Name == parts[0] {
			s := subjectOf(p)
			s.arn = arn
			// aws:PrincipalArn of a session is its role's ARN, path
			// included; the session ARN has no path, so the engine alone
			// would imply it without one
			// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-principalarn).
			s.context = evaluate.Context{"aws:PrincipalArn": {p.ARN}}
			return w.decideSubject(s)
		}
	}
	w.gap(GapPrincipalNotFound, arn, "the key policy names a session of role "+quote(parts[0])+", which the snapshot does not have")
	return nil
}

// external decides, for each other account, which actions the key lets its
// principals perform when their own IAM policies allow them. The snapshot
// holds neither those policies nor that account's SCPs, so an identity
// policy that allows everything stands in for them, and the caller's
// identity (its ARN, type and tags, when it stands for any principal of the
// account) is left free: an action is listed unless the key's side (key
// policy, grants, RCPs, the cross-account rules) refuses it for every
// request.
func (w *whoCan) external(ext map[string]map[string]bool) error {
	for _, acct := range sortedKeys(ext) {
		callers := sortedKeys(ext[acct])
		shown := callers
		if acct == "*" {
			callers = []string{"arn:" + w.a.Partition + ":iam::" + w.unnamedAccount() + ":root"}
			shown = nil
		} else {
			w.gap(GapAccountNotLoaded, acct, "the key policy trusts principals of this account; their IAM policies and SCPs are not in the snapshot")
		}
		allowed := map[string]bool{}
		for _, c := range callers {
			if err := w.externalCaller(c, allowed); err != nil {
				return err
			}
		}
		var actions []string
		for _, act := range w.actions {
			if allowed[act] {
				actions = append(actions, act)
			}
		}
		if len(actions) > 0 {
			w.rep.ExternalAccounts = append(w.rep.ExternalAccounts, ExternalAccount{Account: acct, Actions: actions, Principals: shown})
		}
	}
	return nil
}

// externalCaller marks in allowed the actions the key's side does not
// refuse caller for every request. A root ARN stands for any principal of
// its account.
func (w *whoCan) externalCaller(c string, allowed map[string]bool) error {
	s := subject{arn: c, identity: []Document{{Doc: allowAll}}, outside: true, anyPrincipal: strings.HasSuffix(c, ":root")}
	pol := w.policies(s)
	ev, err := w.compile(pol)
	if err != nil {
		return err
	}
	var b subjectBounds
	if err := w.makeBounds(&b, pol, s); err != nil {
		return err
	}
	_, idx := w.grants.of(c)
	for _, act := range w.actions {
		if allowed[act] {
			continue
		}
		req := evaluate.Request{Principal: c, Action: act, Resource: w.k.ARN, Context: w.facts}
		d, err := ev.Decide(req)
		if err != nil {
			return err
		}
		if d != evaluate.Allowed && b.ok {
			d, err = b.upper.Decide(req)
			if err != nil {
				return err
			}
		} else if d != evaluate.Allowed {
			d = evaluate.Allowed // the bounds cannot be used: not ruled out
		}
		if d == evaluate.Allowed {
			allowed[act] = true
			continue
		}
		_, found, err := w.grantRetry(s, ev, req, idx, &b)
		if err != nil {
			return err
		}
		allowed[act] = found
	}
	return nil
}

// unnamedAccount is an account ID named nowhere in the key policy nor the
// snapshot, standing for "any other account" when the key policy allows
// everyone. It is only ever a request's caller, never output.
func (w *whoCan) unnamedAccount() string {
	text, _ := w.k.Policy.Compact()
	for _, c := range []string{"999999999999", "999999999998", "999999999997"} {
		if c != w.a.ID && !strings.Contains(string(text), c) {
			return c
		}
	}
	return "999999999996"
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// grantList names grants for a message: "grant ID", or "N grants: ID, …"
// with at most five IDs.
func grantList(ids []string) string {
	if len(ids) == 1 {
		return "grant " + ids[0]
	}
	shown := ids
	if len(shown) > 5 {
		shown = shown[:5]
	}
	s := strconv.Itoa(len(ids)) + " grants: " + strings.Join(shown, ", ")
	if len(ids) > 5 {
		s += ", …"
	}
	return s
}
