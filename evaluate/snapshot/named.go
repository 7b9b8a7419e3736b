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
	unlisted := map[string]bool{}
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
			w.classifyNamed(v, addExt, sessions, unlisted)
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
		w.classifyGrantee(g, addExt, sessions, outside, services, unlisted, notIAM)
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
		// A service principal has no tags: aws:PrincipalTag/* are absent.
		if err := w.decideSubject(subject{arn: svc, tags: map[string]string{}}); err != nil {
			return err
		}
	}
	for _, arn := range sortedKeys(unlisted) {
		if err := w.decideSubject(unlistedSubject(arn)); err != nil {
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
func (w *whoCan) classifyNamed(v string, addExt func(acct, principal string), sessions, unlisted map[string]bool) {
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
			w.gap(GapPrincipalNotFound, v, "the key policy names it, but the snapshot has no such principal: its rows are unknown where the key policy allows it")
			unlisted[v] = true
		}
	case a.Service == "sts" && strings.HasPrefix(a.Resource, "assumed-role/"):
		sessions[v] = true
	default:
		w.gap(GapPrincipalNotFound, v, "the key policy names it; its policies are not in the snapshot")
	}
}

// unlistedSubject is a user, role or session of the account that the key
// policy or a grant names by ARN and the snapshot does not hold. AWS shows
// a deleted principal in a policy as its unique ID, not its ARN
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html#principal-roles),
// so it exists: the key policy or the grant gives it access
// (https://docs.aws.amazon.com/kms/latest/developerguide/determining-access-key-policy.html),
// and its own policies, which could deny, are unknown.
func unlistedSubject(arn string) subject {
	return subject{arn: arn, unlisted: true, missing: []string{arn}}
}

// isIAMName reports whether name can be an IAM user or role name
// ([\w+=,.@-]+, https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateRole.html):
// a session ARN whose role name cannot be one, such as
// assumed-role/aws:ec2-infrastructure/i-…, is AWS's own principal.
func isIAMName(name string) bool {
	if name == "" || len(name) > 64 {
		return false
	}
	for _, c := range name {
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9':
		case strings.ContainsRune("_+=,.@-", c):
		default:
			return false
		}
	}
	return true
}

// isServicePrincipal reports whether a grantee string is a service
// principal name, such as "rds.us-west-2.amazonaws.com": a dotted name
// with no ARN or account part.
func isServicePrincipal(v string) bool {
	return strings.Contains(v, ".") && !strings.ContainsAny(v, ":/* ")
}

// classifyGrantee sorts a grant's grantee: a principal of the account is
// decided with the others (a session the snapshot's role has; a user, role
// or session it lacks is decided as unlisted), a user, role or session of
// another account is decided on its own (a grant needs no IAM policy,
// aws-rules J.1), an account is another account the key trusts, a service
// principal is decided as the service ("For grants created with
// GranteeServicePrincipal, look for the GranteeServicePrincipal field",
// https://docs.aws.amazon.com/kms/latest/developerguide/determining-access-grants.html),
// and anything else — an internal form such as ACCOUNT:aws:ec2-infrastructure:… —
// is reported.
func (w *whoCan) classifyGrantee(g evaluate.Grant, addExt func(acct, principal string), sessions, outside, services, unlisted map[string]bool, notIAM map[string][]string) {
	v := g.GranteePrincipal
	if v == "" {
		v = g.GranteeServicePrincipal
	}
	if isServicePrincipal(v) {
		services[v] = true
		return
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
			w.gap(GapPrincipalNotFound, v, "grant "+g.GrantId+" names it, but the snapshot has no such principal: its rows are unknown where the grant allows it")
			unlisted[v] = true
		}
	}
}

// decideSession decides for a role session the key policy or a grant
// names: it has its role's policies (and no session policy). A session of
// a role the snapshot lacks is unlisted; a session of a role whose name no
// IAM role can have, such as aws:ec2-infrastructure, is AWS's own
// principal, which the KMS guide lists among those with access through a
// grant (https://docs.aws.amazon.com/kms/latest/developerguide/determining-access-grants.html):
// it has no policies of the account's, and the account's SCPs are not
// applied to it (a reading: AWS does not say; applying them could hide its
// access).
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
	if !isIAMName(parts[0]) {
		return w.decideSubject(subject{arn: arn, outside: true,
			note: "an AWS principal (role " + parts[0] + "), not one of the account's: the account's SCPs are not applied to it"})
	}
	w.gap(GapPrincipalNotFound, arn, "the key policy or a grant names a session of role "+quote(parts[0])+", which the snapshot does not have: its rows are unknown where they allow it")
	return w.decideSubject(unlistedSubject(arn))
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
			upper, err := w.upperBound(&b)
			if err != nil {
				return err
			}
			if d, err = upper.Decide(req); err != nil {
				return err
			}
		} else if d != evaluate.Allowed {
			d = evaluate.Allowed // the bounds cannot be used: not ruled out
		}
		if d == evaluate.Allowed {
			allowed[act] = true
			continue
		}
		_, found, err := w.grantRetry(s, ev, req, idx, &b, nil)
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
