package difftest

import (
	"github.com/cksiam/cksiam/internal/arn"

	"fmt"
	"math/rand/v2"
	"slices"
	"sort"
	"strings"

	"github.com/cksiam/cksiam/internal/glob"
	"github.com/cksiam/cksiam/internal/managedpolicies"
	"github.com/cksiam/cksiam/policy"
	"github.com/cksiam/cksiam/policy/catalog"
	"github.com/cksiam/cksiam/policy/value"
)

// RealCases returns n cases built from AWS's own managed policies, so that
// the comparison meets documents nobody here wrote: each case takes one
// version of a managed policy as the caller's identity policy (sometimes
// with another as its permissions boundary) and asks for an action one of
// its statements names, on a resource its Resource element names or its
// action takes, with the condition keys the statement tests set to values
// drawn from the statement itself (or absent). The same seed and corpus
// give the same cases; IDs are r00000, r00001, …
//
// Services whose requests need a resource policy the corpus does not have
// (kms keys need their key policy, sts roles their trust policy) are left
// to the generated cases.
func RealCases(policies []managedpolicies.Policy, seed uint64, n int) []Case {
	g := realGen{
		r:   rand.New(rand.NewPCG(seed, 0x7265616c646f6373)),
		cat: catalog.Default(),
	}
	for _, p := range policies {
		for _, v := range p.Versions {
			if doc, err := policy.Parse(v.Document); err == nil && usable(doc) {
				g.docs = append(g.docs, realDoc{name: p.Name + "@" + v.ID, text: string(v.Document), doc: doc})
			}
		}
	}
	out := make([]Case, 0, n)
	for len(out) < n && len(g.docs) > 0 {
		if c, ok := g.next(fmt.Sprintf("r%05d", len(out))); ok {
			out = append(out, c)
		}
	}
	return out
}

// usable reports whether the engine reads doc as AWS does: the cases
// compare decisions, and a document the engine refuses has none.
func usable(doc *policy.Document) bool {
	for _, f := range policy.Validate(doc, policy.IdentityPolicy, policy.WithQuota(policy.Quota{})) {
		if f.Severity == policy.SeverityError {
			return false
		}
	}
	return true
}

type realDoc struct {
	name, text string
	doc        *policy.Document
}

type realGen struct {
	r    *rand.Rand
	cat  *catalog.Catalog
	docs []realDoc
}

// skipService lists the services left to the generated cases.
func skipService(svc string) bool { return svc == "kms" || svc == "sts" }

// next tries to build one case; ok is false when the draw gave nothing
// usable (a statement without a catalog action, say), and the caller draws
// again.
func (g *realGen) next(id string) (Case, bool) {
	d := g.docs[g.r.IntN(len(g.docs))]
	st := &d.doc.Statement[g.r.IntN(len(d.doc.Statement))]
	act, ok := g.action(st)
	if !ok || skipService(act.Service.Prefix) {
		return Case{}, false
	}
	b := &builder{r: g.r, tags: map[string]bool{"source:managed": true, "policy:identity": true}}
	b.p = principals[0] // alice, a user of accountA
	if g.r.IntN(2) == 0 {
		b.p = realSession
	}
	b.tag("principal:" + string(b.p.kind))
	b.tag("service:" + act.Service.Prefix)
	b.ctx = principalContext(b.p, action{name: act.FullName()})
	b.multi = map[string]bool{}
	resource, ok := g.resource(act, st)
	if !ok {
		return Case{}, false
	}
	b.resource, b.resAcct = resource, accountA
	// AWS puts the account of the resource in the request
	// (aws:ResourceAccount); for an action on "*", the caller's account,
	// which AWS's own policies test ("aws:ResourceAccount":
	// "${aws:PrincipalAccount}" on ecr:GetAuthorizationToken).
	b.ctx["aws:ResourceAccount"] = []string{accountA}
	g.context(b, act, d.doc, st)
	b.pols.Identity = []string{d.text}
	g.tagFeatures(b, d.doc)
	if g.r.IntN(7) == 0 {
		other := g.docs[g.r.IntN(len(g.docs))]
		b.pols.Boundary = other.text
		b.tag("policy:boundary")
		g.tagFeatures(b, other.doc)
	}
	b.act = action{name: act.FullName()}
	c := b.finish(id)
	if parts, ok := arn.Cut(resource); ok && parts[arn.Account] == "" {
		// The ARN does not name the account (s3, apigateway): the request
		// must.
		c.Request.ResourceAccount = accountA
	}
	c.Tags = append(c.Tags, "managed:"+d.name)
	sort.Strings(c.Tags)
	return c, true
}

// realSession is a role session of accountA.
var realSession = principal{kind: kindSession, arn: "arn:aws:sts::" + accountA + ":assumed-role/Deployer/build-42",
	roleARN: "arn:aws:iam::" + accountA + ":role/Deployer", account: accountA, name: "build-42"}

// action draws a catalog action the statement names (or, for NotAction
// and "*", any catalog action).
func (g *realGen) action(st *policy.Statement) (*catalog.Action, bool) {
	all := g.cat.Actions()
	if len(st.Action.Values) == 0 {
		return all[g.r.IntN(len(all))], true
	}
	pat := st.Action.Values[g.r.IntN(len(st.Action.Values))]
	if !strings.ContainsAny(pat, "*?") {
		return g.cat.Action(pat)
	}
	var matched []*catalog.Action
	p := glob.Compile(pat, true)
	if svc, _, ok := strings.Cut(pat, ":"); ok && !strings.ContainsAny(svc, "*?") {
		s, ok := g.cat.Service(svc)
		if !ok {
			return nil, false
		}
		for _, a := range s.Actions {
			if p.Match(a.FullName()) {
				matched = append(matched, a)
			}
		}
	} else {
		for _, a := range all {
			if p.Match(a.FullName()) {
				matched = append(matched, a)
			}
		}
	}
	if len(matched) == 0 {
		return nil, false
	}
	return matched[g.r.IntN(len(matched))], true
}

// resource draws the request's resource: "*" for a wildcard-only action;
// otherwise, usually an instance of the statement's Resource pattern, else
// an ARN of one of the action's resource types.
func (g *realGen) resource(act *catalog.Action, st *policy.Statement) (string, bool) {
	if act.WildcardOnly() {
		return "*", true
	}
	if vals := st.Resource.Values; len(vals) > 0 && g.r.IntN(4) != 0 {
		if v := vals[g.r.IntN(len(vals))]; v != "*" {
			// Only an ARN of a type the action takes: AWS never sends
			// another (s3:GetObject always names bucket/key).
			if arn, ok := instantiateARN(v); ok && act.MayApplyTo(arn) {
				return arn, true
			}
		}
	}
	formats := act.ARNFormats(false)
	return instantiateARN(formats[g.r.IntN(len(formats))])
}

// instantiateARN turns an ARN pattern or catalog ARN format into one
// concrete ARN of accountA in us-east-1: wildcards and ${…} placeholders
// become values the pattern matches.
func instantiateARN(pat string) (string, bool) {
	parts, ok := arn.Cut(substituteVars(pat))
	if !ok || parts[arn.Prefix] != "arn" || strings.ContainsAny(parts[2], "*?$") {
		return "", false
	}
	fill := func(part, want string) string {
		if !strings.ContainsAny(part, "*?$") {
			return part
		}
		if glob.Match(fillVars(part, want), want) || strings.HasPrefix(part, "${") {
			return want
		}
		return fillVars(part, "example")
	}
	parts[1] = fill(parts[1], "aws")
	if parts[3] != "" {
		parts[3] = fill(parts[3], "us-east-1")
	}
	if parts[4] == "aws" {
		return "", false // an AWS-owned resource: no account of the caller's to compare
	}
	if parts[4] != "" {
		parts[4] = fill(parts[4], accountA)
		if !isDigits(parts[4]) || len(parts[4]) != 12 {
			return "", false
		}
	}
	parts[5] = fillVars(parts[5], "example")
	return strings.Join(parts[:], ":"), true
}

// substituteVars replaces ${…} placeholders and policy variables (which
// may hold colons: ${aws:PrincipalAccount}) by their values, as fillVars
// does, and leaves wildcards alone.
func substituteVars(s string) string {
	var b strings.Builder
	for {
		i := strings.Index(s, "${")
		if i < 0 {
			return b.String() + s
		}
		j := strings.IndexByte(s[i:], '}')
		if j < 0 {
			return b.String() + s
		}
		b.WriteString(s[:i])
		b.WriteString(fillVars(s[i:i+j+1], "example"))
		s = s[i+j+1:]
	}
}

// fillVars replaces ${…} placeholders and policy variables by a value
// (the caller's name for aws:username), and the wildcards * and ? by text
// they match.
func fillVars(s, with string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '$' && i+1 < len(s) && s[i+1] == '{':
			end := strings.IndexByte(s[i:], '}')
			if end < 0 {
				b.WriteString(s[i:])
				return b.String()
			}
			switch strings.ToLower(s[i+2 : i+end]) {
			case "aws:username":
				b.WriteString("alice")
			case "aws:principalaccount", "account":
				b.WriteString(accountA)
			case "partition":
				b.WriteString("aws")
			case "region":
				b.WriteString("us-east-1")
			default:
				b.WriteString(with)
			}
			i += end
		case c == '*':
			b.WriteString(with)
		case c == '?':
			b.WriteByte('x')
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// context sets the keys the statement's conditions test: each one, with
// probability three quarters, to a value drawn from the condition (so it
// often matches) or near it (so it often does not).
func (g *realGen) context(b *builder, act *catalog.Action, doc *policy.Document, st *policy.Statement) {
	vars := doc.VariablesEnabled()
	for _, blk := range st.Condition {
		op, err := policy.ParseOperator(blk.Operator)
		if err != nil {
			continue
		}
		for _, e := range blk.Entries {
			if _, implied := b.ctx[e.Key]; implied || g.r.IntN(4) == 0 || hasCaseTwin(b.ctx, e.Key) || !g.carries(act, e.Key) {
				continue
			}
			if strings.Contains(strings.ToLower(e.Key), "tag/aws:") {
				// Tags whose key starts "aws:" are AWS's own
				// (aws:cloudformation:stack-name); the oracle refuses
				// them, so such a key stays absent on both sides.
				continue
			}
			if !strings.HasPrefix(strings.ToLower(e.Key), "aws:") {
				b.tag("key:" + strings.ToLower(e.Key))
			}
			if op.Base == policy.Null {
				b.ctx[e.Key] = []string{"present"}
				continue
			}
			// Multivalued as AWS's catalog types the key, whatever the
			// operator: a set operator on a single-valued key meets one value.
			k, known := g.cat.ConditionKey(e.Key)
			multi := known && k.Type.MultiValued()
			// A request carries a multivalued key with at least one value:
			// a request without tags has no aws:TagKeys at all.
			n := 1
			if multi {
				b.multi[e.Key] = true
				n = 1 + g.r.IntN(2)
			}
			vals := []string{}
			for range n {
				v := e.Values[g.r.IntN(len(e.Values))].Text
				vals = append(vals, g.requestValue(op.Base.Family(), v, vars))
			}
			slices.Sort(vals)
			vals = slices.Compact(vals)
			b.ctx[e.Key] = vals
		}
	}
}

// tagFeatures tags the features of doc that the oracle is known to read
// differently from AWS (testdata/deviations.json), as the generated cases
// tag them where they make them.
func (g *realGen) tagFeatures(b *builder, doc *policy.Document) {
	vars := doc.VariablesEnabled()
	for i := range doc.Statement {
		st := &doc.Statement[i]
		if !vars && holdsVariable(st) {
			b.tag("vars-literal")
		}
		for _, r := range append(slices.Clone(st.Resource.Values), st.NotResource.Values...) {
			if typeWildcard(r) {
				b.tag("resource-wildcard-in-type")
			}
		}
		for _, blk := range st.Condition {
			op, err := policy.ParseOperator(blk.Operator)
			if err != nil {
				continue
			}
			for _, e := range blk.Entries {
				for _, v := range e.Values {
					switch {
					case op.Base.Family() == policy.FamilyDate && isDigits(v.Text):
						b.tag("date-epoch")
					case vars && op.Base.Negated() && !resolvable(v.Text, b.ctx):
						b.tag("unresolved-variable-negated")
					}
				}
			}
		}
	}
}

// typeWildcard reports whether an ARN pattern has a wildcard in its
// resource type, the resource part before its first '/' or ':'
// ("arn:aws:wafv2:*:*:*/webacl/*", "arn:aws:ec2:*:*:security-group*/*"),
// where a * still matches any text (aws-rules A.6).
func typeWildcard(r string) bool {
	parts, ok := arn.Cut(r)
	if !ok || parts[arn.Resource] == "*" {
		return false
	}
	typ := parts[5]
	if i := strings.IndexAny(typ, "/:"); i >= 0 {
		typ = typ[:i]
	} else {
		return false
	}
	return strings.ContainsAny(typ, "*?")
}

// resolvable reports whether every policy variable in v has a value in ctx
// (or a default).
func resolvable(v string, ctx map[string][]string) bool {
	for {
		i := strings.Index(v, "${")
		if i < 0 {
			return true
		}
		j := strings.IndexByte(v[i:], '}')
		if j < 0 {
			return true
		}
		name := v[i+2 : i+j]
		v = v[i+j+1:]
		if name == "*" || name == "?" || name == "$" || strings.Contains(name, ",") {
			continue
		}
		if !hasCaseTwin(ctx, strings.TrimSpace(name)) {
			return false
		}
	}
}

// holdsVariable reports whether a Resource or condition value of st holds
// "${".
func holdsVariable(st *policy.Statement) bool {
	for _, r := range append(slices.Clone(st.Resource.Values), st.NotResource.Values...) {
		if strings.Contains(r, "${") {
			return true
		}
	}
	for _, blk := range st.Condition {
		for _, e := range blk.Entries {
			for _, v := range e.Values {
				if strings.Contains(v.Text, "${") {
					return true
				}
			}
		}
	}
	return false
}

// carries reports whether a request for act may carry key: a global key
// (aws:…), or a key the catalog lists for the action or its resource
// types. AWS sends no other.
func (g *realGen) carries(act *catalog.Action, key string) bool {
	if k, ok := g.cat.ConditionKey(key); ok && k.Global {
		return true
	}
	return act.SupportsConditionKey(key)
}

// hasCaseTwin reports whether ctx holds key in another spelling: a
// request may not name one key twice.
func hasCaseTwin(ctx map[string][]string, key string) bool {
	for k := range ctx {
		if strings.EqualFold(k, key) {
			return true
		}
	}
	return false
}

// requestValue draws a request value for a policy value v of an operator
// of family fam: v itself made concrete, or, one time in three, a value
// near it.
func (g *realGen) requestValue(fam policy.OperatorFamily, v string, vars bool) string {
	near := g.r.IntN(3) == 0
	switch fam {
	case policy.FamilyNumeric:
		n, err := value.ParseNumber(v)
		if err != nil {
			return "1"
		}
		if near {
			n = n.Above()
		}
		return n.String()
	case policy.FamilyDate:
		d, err := value.ParseDate(v)
		if err != nil {
			return "2026-03-01T12:00:00Z"
		}
		if near {
			d = d.Above()
		}
		return d.Time().Format("2006-01-02T15:04:05Z")
	case policy.FamilyBool:
		if near {
			if v == "true" {
				return "false"
			}
			return "true"
		}
		return v
	case policy.FamilyIP:
		p, err := value.ParsePrefix(v)
		if err != nil || near {
			return "198.51.100.77"
		}
		return p.First().String()
	case policy.FamilyARN:
		if arn, ok := instantiateARN(v); ok && !near {
			return arn
		}
		return "arn:aws:s3:::unrelated-bucket"
	}
	if vars {
		v = fillVars(v, "example")
	} else {
		v = strings.NewReplacer("*", "example", "?", "x").Replace(v)
	}
	if near {
		return v + "-other"
	}
	return v
}
