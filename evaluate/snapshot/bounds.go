package snapshot

import (
	"net/netip"
	"reflect"
	"strconv"
	"strings"

	"github.com/cksiam/cksiam/evaluate"
	"github.com/cksiam/cksiam/internal/ascii"
	"github.com/cksiam/cksiam/policy"
)

// Deciding a request whose answer depends on context keys the snapshot
// does not fix, without enumerating their values, by two bounds that do not
// depend on them:
//
//   - the lower bound drops every Allow statement that tests a free key and
//     keeps every Deny statement as if its free-key conditions held, and
//     drops the grants with an encryption-context constraint: what it
//     allows is allowed whatever the free keys are;
//   - the upper bound keeps every Allow statement as if its free-key
//     conditions held, drops every Deny statement that tests a free key, and
//     ignores the grants' constraints: what it does not allow is allowed for
//     no value of the free keys.
//
// Both are sound because dropping a condition entry makes a statement apply
// to more requests, and a decision only grows with its Allow statements and
// shrinks with its Deny statements. Between the bounds a row is conditional
// when the engine confirms two requests that differ only in free keys, one
// allowed and one not; otherwise it stays unknown. A statement that uses a
// free key as a policy variable makes the bounds unusable (unknown).

// boundKey names a document's bound: which keys are free depends on
// whether the caller's tags and organization are known and whether it
// stands for any principal of its account (and on the key, sharedBoundKey).
type boundKey struct {
	doc          *policy.Document
	upper        bool
	tagsKnown    bool
	anyPrincipal bool
	orgKnown     bool
}

type boundDoc struct {
	doc *policy.Document
	ok  bool
}

// bound returns d's lower or upper bound for subject s; ok is false when a
// statement uses a free key as a policy variable.
func (w *whoCan) bound(d *policy.Document, s subject, upper bool) (*policy.Document, bool) {
	if d == nil {
		return nil, true
	}
	k := sharedBoundKey{w.k.ARN, boundKey{d, upper, s.tags != nil, s.anyPrincipal, s.orgKnown}}
	sh := w.a.shared
	sh.mu.Lock()
	b, seen := sh.bounds[k]
	sh.mu.Unlock()
	if seen {
		return b.doc, b.ok
	}
	out := &policy.Document{Version: d.Version, ID: d.ID}
	ok, changed := true, false
	for i := range d.Statement {
		st := d.Statement[i]
		conds, vars := stmtKeys(&st)
		for _, v := range vars {
			if !w.fixed(v, s) {
				ok = false
			}
		}
		free := false
		for _, c := range conds {
			if !w.fixed(c, s) {
				free = true
			}
		}
		if !free {
			out.Statement = append(out.Statement, st)
			continue
		}
		changed = true
		deny := st.Effect == policy.Deny
		st.Condition = w.withoutFree(st.Condition, s)
		if deny == upper {
			// Lower: an Allow that may not apply; upper: a Deny that may
			// not apply. The statement stays, never applying, so that
			// statement indexes name the same statements as in d.
			st.Condition = withNever(st.Condition)
		}
		out.Statement = append(out.Statement, st)
	}
	if !changed {
		out = d // the same statements: the document itself
	}
	sh.mu.Lock()
	if prev, dup := sh.bounds[k]; dup {
		// Another question made it meanwhile: keep one, so that the
		// grammar cache sees one document.
		out = prev.doc
	} else {
		sh.bounds[k] = boundDoc{out, ok}
	}
	sh.mu.Unlock()
	return out, ok
}

// withNever adds to c a condition that holds for no request: the engine
// implies aws:PrincipalIsAWSService for every caller, as "true" or "false",
// and it is never "never". The operator is one c does not use yet (an
// operator given twice is refused), or, failing that, c's StringEquals
// block gains the key when it lacks it.
func withNever(c policy.Condition) policy.Condition {
	const key = "aws:PrincipalIsAWSService"
	entry := policy.ConditionEntry{Key: key, Values: policy.StringValues("never")}
	used := map[string]bool{}
	for _, b := range c {
		used[ascii.ToLower(b.Operator)] = true
	}
	out := append(policy.Condition(nil), c...)
	for _, op := range []string{"StringEquals", "StringLike", "StringEqualsIgnoreCase"} {
		if !used[ascii.ToLower(op)] {
			return append(out, policy.ConditionBlock{Operator: op, Entries: []policy.ConditionEntry{entry}})
		}
	}
	for i, b := range out {
		if !ascii.EqualFold(b.Operator, "StringEquals") {
			continue
		}
		for _, e := range b.Entries {
			if ascii.EqualFold(e.Key, key) {
				// StringEquals already tests the key: a second value list
				// cannot be added, so replace it: the statement applies to
				// no request either way.
				entries := append([]policy.ConditionEntry(nil), b.Entries...)
				for j := range entries {
					if ascii.EqualFold(entries[j].Key, key) {
						entries[j] = entry
					}
				}
				out[i] = policy.ConditionBlock{Operator: b.Operator, Entries: entries}
				return out
			}
		}
		out[i] = policy.ConditionBlock{Operator: b.Operator, Entries: append(append([]policy.ConditionEntry(nil), b.Entries...), entry)}
		return out
	}
	return out
}

// withoutFree drops the entries of c that test free keys.
func (w *whoCan) withoutFree(c policy.Condition, s subject) policy.Condition {
	var out policy.Condition
	for _, b := range c {
		var entries []policy.ConditionEntry
		for _, e := range b.Entries {
			if w.fixed(ascii.ToLower(e.Key), s) {
				entries = append(entries, e)
			}
		}
		if len(entries) > 0 {
			out = append(out, policy.ConditionBlock{Operator: b.Operator, Entries: entries})
		}
	}
	return out
}

// boundPolicies is p's lower or upper bound; ok false when unusable.
func (w *whoCan) boundPolicies(p evaluate.Policies, s subject, upper bool) (evaluate.Policies, bool) {
	ok := true
	one := func(d *policy.Document) *policy.Document {
		b, good := w.bound(d, s, upper)
		ok = ok && good
		return b
	}
	q := p
	q.Identity = make([]*policy.Document, len(p.Identity))
	for i, d := range p.Identity {
		q.Identity[i] = one(d)
	}
	q.Boundary, q.Resource, q.Session = one(p.Boundary), one(p.Resource), one(p.Session)
	levels := func(ls [][]*policy.Document) [][]*policy.Document {
		out := make([][]*policy.Document, len(ls))
		for i, l := range ls {
			out[i] = make([]*policy.Document, len(l))
			for j, d := range l {
				out[i][j] = one(d)
			}
		}
		return out
	}
	q.SCPs, q.RCPs = levels(p.SCPs), levels(p.RCPs)
	q.Grants = w.boundGrants(p.Grants, upper)
	return q, ok
}

// boundGrants are the grants of a bound: the lower bound drops the grants
// with a constraint, the upper bound ignores their constraints. Subjects
// share their grants lists (grantIndex.of), and so their bounds' lists.
func (w *whoCan) boundGrants(gs []evaluate.Grant, upper bool) []evaluate.Grant {
	constrained := false
	for i := range gs {
		constrained = constrained || gs[i].Constraints != nil
	}
	if !constrained {
		return gs
	}
	k := grantsBoundKey{&gs[0], len(gs), upper}
	if out, ok := w.grantBounds[k]; ok {
		return out
	}
	var out []evaluate.Grant
	for _, g := range gs {
		if g.Constraints == nil {
			out = append(out, g)
			continue
		}
		if upper {
			g.Constraints = nil
			out = append(out, g)
		}
	}
	if w.grantBounds == nil {
		w.grantBounds = map[grantsBoundKey][]evaluate.Grant{}
	}
	w.grantBounds[k] = out
	return out
}

// grantsBoundKey names a grants list (by its first element and length)
// and a bound.
type grantsBoundKey struct {
	first *evaluate.Grant
	n     int
	upper bool
}

// subjectBounds are a subject's bounds, made when first needed: the
// bounds' policies at once (cheap, and they say whether the bounds can be
// used), each evaluator only when a question needs it — the lower bound
// only settles requests allowed with the free keys absent, the upper bound
// only those refused, and a subject's actions are often all one or the
// other.
type subjectBounds struct {
	lower, upper *evaluate.Evaluator
	// pol and s are the subject's policies and the subject, whose bounds
	// lower and upper compile on first use.
	pol  evaluate.Policies
	s    subject
	ok   bool
	made bool
	// cands are the search's candidate values, made once.
	cands map[string][]string
	// guardsFree caches guardsTestFree once guardsChecked.
	guardsChecked, guardsFree bool
	// last are the free keys of the last request search found allowed
	// (last[1]) and refused (last[0]).
	last [2]evaluate.Context
	// merged[i] is withFree(mergedBase[i], last[i]), made once per last
	// (the subject's requests share one base context); read only.
	merged, mergedBase [2]evaluate.Context
}

// makeBounds records the subject s (policies p) whose bounds b are and
// whether they can be used (b.ok: no statement uses a free key as a policy
// variable); it builds neither bound.
func (w *whoCan) makeBounds(b *subjectBounds, p evaluate.Policies, s subject) error {
	if b.made {
		return nil
	}
	b.made, b.pol, b.s, b.ok = true, p, s, true
	for _, d := range allDocs(p) {
		// Both bounds of a document fail alike; the lower one is the
		// document itself unless a statement tests a free key.
		if _, ok := w.bound(d, s, false); !ok {
			b.ok = false
			break
		}
	}
	return nil
}

// lowerBound returns the compiled lower bound of b (made by makeBounds,
// b.ok), compiling it on first use.
func (w *whoCan) lowerBound(b *subjectBounds) (*evaluate.Evaluator, error) {
	if b.lower == nil {
		lp, _ := w.boundPolicies(b.pol, b.s, false)
		ev, err := w.compile(lp)
		if err != nil {
			return nil, err
		}
		b.lower = ev
	}
	return b.lower, nil
}

// upperBound returns the compiled upper bound of b, compiling it on first
// use.
func (w *whoCan) upperBound(b *subjectBounds) (*evaluate.Evaluator, error) {
	if b.upper == nil {
		up, _ := w.boundPolicies(b.pol, b.s, true)
		ev, err := w.compile(up)
		if err != nil {
			return nil, err
		}
		b.upper = ev
	}
	return b.upper, nil
}

// decideBetween classifies a request the bounds do not settle (the lower
// bound refuses it, the upper bound allows it): d is its decision with the
// free keys absent. It returns the row, whether there is one, and false in
// the last result when it cannot decide (the caller then gives the
// engine's unknown row). lastTried says the caller already tried the
// subject's last witness with the answer wanted (tryLast), in vain.
func (w *whoCan) decideBetween(r *subjectRun, req evaluate.Request, d evaluate.Decision, lastTried bool) (Row, bool, bool, error) {
	s, b, ev := r.s, &r.bounds, r.ev
	row := Row{Principal: s.arn, Action: req.Action}
	// Two confirmed requests, one allowed and one not.
	want := d != evaluate.Allowed // the allowed one is missing
	if b.cands == nil {
		b.cands = w.candidates(s, r.pol)
	}
	found, err := w.searchFrom(b, ev, req, want, lastTried)
	if err != nil {
		return row, false, false, err
	}
	if found == nil {
		if !w.searchComplete(s, r.pol, req.Action, b.cands) {
			return row, false, false, nil
		}
		// Every cell of the free keys was tried: none allows, or none
		// denies.
		if want {
			return row, false, true, nil
		}
		res, err := ev.Evaluate(req)
		if err != nil {
			return row, false, false, err
		}
		row.Access = Allowed
		row.Via = w.sources(s, res)
		return row, true, true, nil
	}
	allowed, denied := req, *found
	if want {
		allowed, denied = *found, req
	}
	row, err = w.conditional(r, req, d, allowed, denied)
	return row, err == nil, err == nil, err
}

// conditional is the conditional row of req (d its decision with the free
// keys absent) given two confirmed requests that differ from it only in
// free keys, one allowed and one not: its condition when it can be read off
// (residual), an allowed and a refused example otherwise.
func (w *whoCan) conditional(r *subjectRun, req evaluate.Request, d evaluate.Decision, allowed, denied evaluate.Request) (Row, error) {
	s, b := r.s, &r.bounds
	row := Row{Principal: s.arn, Action: req.Action}
	a, err := r.ev.Evaluate(allowed)
	if err != nil {
		return row, err
	}
	row.Access = Conditional
	row.Via = w.sources(s, a)
	if w.residualPossible(r, req.Action, d) {
		upper, err := w.upperBound(b)
		if err != nil {
			return row, err
		}
		ur, err := upper.Evaluate(req)
		if err != nil {
			return row, err
		}
		if c, ok := w.residual(s, r.pol, ur); ok {
			row.Condition = []policy.Condition{c}
			return row, nil
		}
	}
	row.Reason = "allowed, for example, with " + describeContext(allowed.Context, req.Context) + "; not with " + describeContext(denied.Context, req.Context)
	return row, nil
}

// searchFrom is search, trying first the free keys of the last request it
// found for the subject with the same answer: the caller's actions often
// turn on the same condition (a guardrail's, the key policy's), so that
// one request settles them all. lastTried: the caller has tried it, in
// vain (the same Decide would answer the same).
func (w *whoCan) searchFrom(b *subjectBounds, ev *evaluate.Evaluator, req evaluate.Request, want, lastTried bool) (*evaluate.Request, error) {
	if !lastTried {
		if r, err := w.tryLast(b, ev, req, want); r != nil || err != nil {
			return r, err
		}
	}
	found, err := w.search(ev, req, b.cands, want)
	if found != nil {
		b.last[b2i(want)] = freePart(found.Context, req.Context)
		b.merged[b2i(want)] = nil
	}
	return found, err
}

// tryLast decides req with the free keys of the last request search found
// with the answer wanted (allowed or not): that request when the answer is
// the same, nil otherwise or when there is none yet.
func (w *whoCan) tryLast(b *subjectBounds, ev *evaluate.Evaluator, req evaluate.Request, want bool) (*evaluate.Request, error) {
	last := b.last[b2i(want)]
	if last == nil {
		return nil, nil
	}
	i := b2i(want)
	if b.merged[i] == nil || !sameMap(b.mergedBase[i], req.Context) {
		b.merged[i], b.mergedBase[i] = withFree(req.Context, last), req.Context
	}
	r := req
	r.Context = b.merged[i]
	d, err := ev.Decide(r)
	if err != nil {
		return nil, err
	}
	if (d == evaluate.Allowed) == want {
		return &r, nil
	}
	return nil, nil
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// freePart is what ctx sets beyond base: the free keys of a request.
func freePart(ctx, base evaluate.Context) evaluate.Context {
	out := evaluate.Context{}
	for k, v := range ctx {
		if _, in := base[k]; !in {
			out[k] = v
		}
	}
	return out
}

// withFree is base with the free keys of free added.
// sameMap says whether a and b are the same map (not equal ones).
func sameMap(a, b evaluate.Context) bool {
	return reflect.ValueOf(a).UnsafePointer() == reflect.ValueOf(b).UnsafePointer()
}

func withFree(base, free evaluate.Context) evaluate.Context {
	out := make(evaluate.Context, len(base)+len(free))
	for k, v := range base {
		out[k] = v
	}
	for k, v := range free {
		out[k] = v
	}
	return out
}

// searchBudget bounds the contexts search tries.
const searchBudget = 256

// search looks for a request that differs from req only in free keys and
// is allowed (wantAllowed) or not: it tries the keys the policies test
// with the values their conditions name (and one value none names), fewer
// keys first. Every answer is the engine's.
func (w *whoCan) search(ev *evaluate.Evaluator, req evaluate.Request, cands map[string][]string, wantAllowed bool) (*evaluate.Request, error) {
	keys := sortedKeys(cands)
	tried := 0
	var try func(i int, ctx evaluate.Context, set int) (*evaluate.Request, error)
	try = func(i int, ctx evaluate.Context, set int) (*evaluate.Request, error) {
		if tried >= searchBudget {
			return nil, nil
		}
		if i == len(keys) {
			if set == 0 {
				return nil, nil // the request itself
			}
			tried++
			r := req
			r.Context = ctx
			d, err := ev.Decide(r)
			if err != nil || (d == evaluate.Allowed) != wantAllowed {
				return nil, err
			}
			c := evaluate.Context{}
			for k, v := range ctx {
				c[k] = v
			}
			r.Context = c
			return &r, nil
		}
		// The key absent first, then each candidate value.
		if r, err := try(i+1, ctx, set); r != nil || err != nil {
			return r, err
		}
		for _, v := range cands[keys[i]] {
			ctx[keys[i]] = []string{v}
			r, err := try(i+1, ctx, set+1)
			delete(ctx, keys[i])
			if r != nil || err != nil {
				return r, err
			}
		}
		return nil, nil
	}
	base := evaluate.Context{}
	for k, v := range req.Context {
		base[k] = v
	}
	return try(0, base, 0)
}

// searchComplete reports whether search tries a request in every class
// of values the policies' conditions on free keys tell apart, so that
// finding none is a proof: every such condition is String(Not)Equals,
// Bool, Null or (Not)IpAddress without set qualifiers, on literal values
// (each value, the key absent and one other value are then all the classes;
// a Bool key is "true", "false" or absent; IPv4 blocks, which nest or are
// apart, are told apart by their first addresses when no two different
// blocks share one, and by an address outside them all), and the product
// of the candidates fits the search budget. The grants' encryption-context constraints are left to
// grantRetry, which decideAction runs after a row that is not allowed.
func (w *whoCan) searchComplete(s subject, pol evaluate.Policies, action string, cands map[string][]string) bool {
	ips := map[string][]policy.Value{}
	// Grants with a constraint need an encryption context the search does
	// not set: decideAction asks each of them afterwards (grantRetry).
	for _, d := range allDocs(pol) {
		for _, st := range d.Statement {
			_, vars := stmtKeys(&st)
			for _, v := range vars {
				if !w.fixed(v, s) {
					return false
				}
			}
			for _, b := range st.Condition {
				op, err := policy.ParseOperator(b.Operator)
				for _, e := range b.Entries {
					if w.fixed(ascii.ToLower(e.Key), s) {
						continue
					}
					if err != nil || op.Set != policy.SingleValue {
						return false
					}
					switch op.Base {
					case policy.StringEquals, policy.StringNotEquals, policy.Bool, policy.Null:
					case policy.IPAddress, policy.NotIPAddress:
						ips[ascii.ToLower(e.Key)] = append(ips[ascii.ToLower(e.Key)], e.Values...)
					default:
						return false
					}
				}
			}
		}
	}
	for _, vals := range ips {
		if !ipBlocksSeparable(vals) {
			return false
		}
	}
	n := 1
	for _, vs := range cands {
		n *= len(vs) + 1
		if n > searchBudget {
			return false
		}
	}
	return true
}

// outsideAddrs are addresses tried, in order, as the one outside every
// block of a key (documentation ranges first).
var outsideAddrs = []string{"192.0.2.255", "198.51.100.255", "203.0.113.255", "100.64.0.1", "8.8.8.8", "1.1.1.1", "255.255.255.254"}

// ipBlocks reads CIDR values as masked IPv4 prefixes; ok false otherwise.
func ipBlocks(vals []policy.Value) ([]netip.Prefix, bool) {
	var out []netip.Prefix
	for _, v := range vals {
		p, err := netip.ParsePrefix(v.Text)
		if err != nil {
			a, err2 := netip.ParseAddr(v.Text)
			if err2 != nil {
				return nil, false
			}
			p = netip.PrefixFrom(a, a.BitLen())
		}
		if !p.Addr().Is4() {
			return nil, false
		}
		out = append(out, p.Masked())
	}
	return out, true
}

// ipBlocksSeparable reports whether the blocks' first addresses and an
// outside address meet every class of addresses the blocks tell apart.
func ipBlocksSeparable(vals []policy.Value) bool {
	blocks, ok := ipBlocks(vals)
	if !ok {
		return false
	}
	for i, a := range blocks {
		for _, b := range blocks[i+1:] {
			if a != b && a.Addr() == b.Addr() {
				return false
			}
		}
	}
	return outsideAddr(blocks) != ""
}

// outsideAddr is an address in none of the blocks, or "".
func outsideAddr(blocks []netip.Prefix) string {
	for _, o := range outsideAddrs {
		a := netip.MustParseAddr(o)
		in := false
		for _, b := range blocks {
			in = in || b.Contains(a)
		}
		if !in {
			return o
		}
	}
	return ""
}

// allDocs lists p's documents.
func allDocs(p evaluate.Policies) []*policy.Document {
	var out []*policy.Document
	for _, d := range append([]*policy.Document{p.Resource, p.Boundary, p.Session}, p.Identity...) {
		if d != nil {
			out = append(out, d)
		}
	}
	for _, ls := range [][][]*policy.Document{p.SCPs, p.RCPs} {
		for _, l := range ls {
			out = append(out, l...)
		}
	}
	return out
}

// candidates are, per free key the policies test, the values worth
// trying: those that meet or fail each condition on it, and one that
// none names.
func (w *whoCan) candidates(s subject, pol evaluate.Policies) map[string][]string {
	out := map[string][]string{}
	seen := map[string]bool{}
	ipKeys := map[string][]policy.Value{}
	add := func(k, v string) {
		if !seen[k+"\x00"+v] {
			seen[k+"\x00"+v] = true
			out[k] = append(out[k], v)
		}
	}
	for _, d := range allDocs(pol) {
		for _, st := range d.Statement {
			for _, b := range st.Condition {
				op, err := policy.ParseOperator(b.Operator)
				if err != nil {
					continue
				}
				for _, e := range b.Entries {
					if w.fixed(ascii.ToLower(e.Key), s) {
						continue
					}
					for _, v := range e.Values {
						if c, ok := satisfying(policy.Operator{Base: op.Base.Positive()}, policy.ConditionEntry{Values: []policy.Value{v}}); ok && c != "" {
							add(e.Key, c)
						}
					}
					switch {
					case op.Base == policy.Bool:
						add(e.Key, "true")
						add(e.Key, "false")
					case op.Base.Family() == policy.FamilyIP:
						ipKeys[e.Key] = append(ipKeys[e.Key], e.Values...)
					default:
						add(e.Key, otherValue(op.Base))
					}
				}
			}
		}
	}
	for k, vals := range ipKeys {
		if blocks, ok := ipBlocks(vals); ok {
			if o := outsideAddr(blocks); o != "" {
				add(k, o)
				continue
			}
		}
		add(k, "192.0.2.255")
	}
	return out
}

// otherValue is a value of the operator's family that no policy is likely
// to name.
func otherValue(b policy.BaseOperator) string {
	switch b.Family() {
	case policy.FamilyNumeric:
		return "-987654321"
	case policy.FamilyDate:
		return "1971-01-01T00:00:00Z"
	case policy.FamilyBool:
		return "false"
	case policy.FamilyIP:
		return "192.0.2.255"
	case policy.FamilyARN:
		return "arn:aws:iam::000000000000:role/none-such"
	}
	return "none-such-value"
}

// residualPossible reports whether a conditional row's exact condition can
// be read off (residual): with the free keys absent the request is not
// allowed; no Deny statement, permissions boundary, SCP or RCP tests a
// free key; and no grant with a constraint may apply to the action. The
// subject's part is worked out once.
func (w *whoCan) residualPossible(r *subjectRun, action string, absent evaluate.Decision) bool {
	if absent == evaluate.Allowed {
		return false
	}
	for _, g := range r.pol.Grants {
		if g.Constraints != nil && hasOp(g, grantOp(action)) {
			return false
		}
	}
	b := &r.bounds
	if !b.guardsChecked {
		b.guardsChecked = true
		b.guardsFree = w.guardsTestFree(r.s, r.pol)
	}
	return !b.guardsFree
}

// guardsTestFree reports whether a Deny statement, the permissions
// boundary, the session policy, an SCP or an RCP tests a free key.
func (w *whoCan) guardsTestFree(s subject, pol evaluate.Policies) bool {
	guard := []*policy.Document{pol.Boundary, pol.Session}
	for _, ls := range [][][]*policy.Document{pol.SCPs, pol.RCPs} {
		for _, l := range ls {
			guard = append(guard, l...)
		}
	}
	for _, d := range guard {
		if d != nil && w.testsFree(d, s, false) {
			return true
		}
	}
	for _, d := range append(append([]*policy.Document(nil), pol.Identity...), pol.Resource) {
		if d != nil && w.testsFree(d, s, true) {
			return true
		}
	}
	return false
}

// residual is the exact condition on the free keys under which the request
// is allowed, in the one case it is read off directly: residualPossible,
// the upper bound's answer (upper) not from a grant, and of the statements
// the upper bound applied, exactly one tests free keys. The request is
// then allowed exactly when that statement's free-key conditions hold.
func (w *whoCan) residual(s subject, pol evaluate.Policies, upper evaluate.Result) (policy.Condition, bool) {
	if upper.GrantId != "" {
		return nil, false
	}
	var found *policy.Statement
	for _, ref := range upper.Statements {
		st, ok := pol.Statement(ref)
		if !ok || st.Effect != policy.Allow {
			continue
		}
		conds, _ := stmtKeys(st)
		for _, c := range conds {
			if !w.fixed(c, s) {
				if found != nil {
					return nil, false
				}
				found = st
				break
			}
		}
	}
	if found == nil {
		return nil, false
	}
	var out policy.Condition
	for _, b := range found.Condition {
		for _, e := range b.Entries {
			if !w.fixed(ascii.ToLower(e.Key), s) {
				out = out.WithValues(b.Operator, e.Key, e.Values...)
			}
		}
	}
	return out, true
}

// testsFree reports whether a statement of d tests a free key: only its
// Deny statements when denyOnly.
func (w *whoCan) testsFree(d *policy.Document, s subject, denyOnly bool) bool {
	for i := range d.Statement {
		st := &d.Statement[i]
		if denyOnly && st.Effect != policy.Deny {
			continue
		}
		conds, vars := stmtKeys(st)
		for _, c := range append(conds, vars...) {
			if !w.fixed(c, s) {
				return true
			}
		}
	}
	return false
}

// satisfying returns a value that meets a condition entry, "" for "leave
// the key absent", or false when it cannot tell.
func satisfying(op policy.Operator, e policy.ConditionEntry) (string, bool) {
	if len(e.Values) == 0 {
		return "", false
	}
	v := e.Values[0].Text
	if op.Base == policy.Null {
		if ascii.EqualFold(v, "true") {
			return "", true
		}
		return "x", true
	}
	if op.Base.Negated() {
		// A negated operator is true on an absent key (aws-rules B.2)…
		// unless ForAnyValue, which needs a value.
		if op.Set == policy.ForAnyValue {
			return "", false
		}
		return "", true
	}
	if strings.Contains(v, "${") {
		return "", false
	}
	switch op.Base {
	case policy.StringEquals, policy.StringEqualsIgnoreCase, policy.ArnEquals, policy.Bool, policy.BinaryEquals,
		policy.NumericEquals, policy.NumericLessThanEquals, policy.NumericGreaterThanEquals,
		policy.DateEquals, policy.DateLessThanEquals, policy.DateGreaterThanEquals:
		return v, true
	case policy.StringLike, policy.ArnLike:
		return strings.NewReplacer("*", "", "?", "a").Replace(v), true
	case policy.NumericLessThan, policy.NumericGreaterThan:
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			return "", false
		}
		if op.Base == policy.NumericLessThan {
			return strconv.FormatInt(n-1, 10), true
		}
		return strconv.FormatInt(n+1, 10), true
	case policy.IPAddress:
		blocks, ok := ipBlocks([]policy.Value{{Text: v}})
		if !ok {
			ip, _, _ := strings.Cut(v, "/")
			return ip, true
		}
		return blocks[0].Addr().String(), true
	}
	return "", false
}

// describeContext names the keys a witness sets beyond the base context.
func describeContext(ctx, base evaluate.Context) string {
	var parts []string
	for _, k := range sortedKeys(ctx) {
		if _, in := base[k]; in {
			continue
		}
		parts = append(parts, k+"="+strings.Join(ctx[k], ","))
	}
	if len(parts) == 0 {
		return "none of the free keys set"
	}
	return strings.Join(parts, ", ")
}
