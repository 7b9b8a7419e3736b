package difftest

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"sort"
	"strings"
)

// Generator makes random but realistic cases. The same seed always gives
// the same cases, on every machine.
type Generator struct {
	r *rand.Rand
}

// NewGenerator returns a Generator seeded with seed.
func NewGenerator(seed uint64) *Generator {
	return &Generator{r: rand.New(rand.NewPCG(seed, 0x6366696b73696d31))}
}

// Cases returns the next n cases, with IDs c00000, c00001, …
func (g *Generator) Cases(n int) []Case {
	out := make([]Case, n)
	for i := range out {
		out[i] = g.Case(fmt.Sprintf("c%05d", i))
	}
	return out
}

// Case returns the next case, named id.
func (g *Generator) Case(id string) Case {
	b := &builder{r: g.r, tags: map[string]bool{}}
	b.pickRequest()
	b.pickPolicies()
	return b.finish(id)
}

// builder assembles one case.
type builder struct {
	r    *rand.Rand
	tags map[string]bool

	p         principal
	act       action
	resource  string
	resAcct   string
	keys      []keySpec // keys conditions may test
	ctx       map[string][]string
	multi     map[string]bool
	pols      Policies
	docVars   bool // the document being built interprets policy variables
	docIsKMS  bool // building a key policy
	docIsTrst bool // building a trust policy
}

func (b *builder) tag(t string)              { b.tags[t] = true }
func (b *builder) chance(p float64) bool     { return b.r.Float64() < p }
func (b *builder) pick(list []string) string { return list[b.r.IntN(len(list))] }

func (b *builder) pickRequest() {
	b.act = actions[b.r.IntN(len(actions))]
	svc := service(b.act.name)
	b.tag("service:" + svc)

	// The caller. Service principals call sts:AssumeRole on roles that
	// trust them, and use keys whose key policy names them.
	var pool []principal
	for _, p := range principals {
		switch {
		case p.kind == kindService:
			if (svc == "sts" && b.act.name == "sts:AssumeRole" && b.chance(0.5)) || (b.act.res == resKey && b.chance(0.15)) {
				pool = append(pool, p)
			}
		case p.kind == kindRoot:
			// The root user cannot assume roles at all (an STS rule, not a
			// policy decision), so it never calls sts here.
			if svc != "sts" && b.chance(0.25) {
				pool = append(pool, p)
			}
		default:
			pool = append(pool, p)
		}
	}
	b.p = pool[b.r.IntN(len(pool))]
	b.tag("principal:" + string(b.p.kind))
	if b.p.kind == kindRoot {
		b.tag("root-caller")
	}
	if b.p.path && b.p.kind == kindSession {
		b.tag("role-path")
	}

	// The resource and its account.
	home := b.p.account
	if home == "" {
		home = accountA
	}
	b.resAcct = home
	if b.act.res != resNone && b.p.kind != kindService {
		cross := 0.05
		if b.act.crossAccount {
			cross = 0.3
		}
		if b.chance(cross) {
			b.resAcct = accountA
			if home == accountA {
				b.resAcct = accountB
			}
		}
	}
	if b.resAcct != home {
		b.tag("cross-account")
		if b.act.res == resKey && !b.act.crossAccount {
			// KMS refuses this operation on another account's key
			// whatever the policies say (facts C.4).
			b.tag("kms-no-cross-account-op")
		}
	}
	b.resource = b.pick(resourceARNs(b.act.res, b.resAcct))

	// The context: the principal's own keys, then each other key the action
	// supports with probability one half, so conditions meet both present
	// and missing keys (facts B.2).
	b.ctx = principalContext(b.p, b.act)
	b.multi = map[string]bool{}
	b.keys = append(b.keys, principalKeys(b.p)...)
	b.keys = append(b.keys, globalKeys...)
	for _, k := range b.act.keys {
		b.keys = append(b.keys, serviceKeys[k])
	}
	for _, k := range b.keys {
		if k.typ == tMulti {
			b.multi[k.name] = true
		}
		if _, given := b.ctx[k.name]; given || !b.chance(0.5) {
			continue
		}
		if k.typ == tMulti {
			n := b.r.IntN(4)
			vals := []string{}
			for _, i := range b.r.Perm(len(k.values))[:min(n, len(k.values))] {
				vals = append(vals, k.values[i])
			}
			sort.Strings(vals)
			if len(vals) == 0 {
				b.tag("empty-set")
			}
			b.ctx[k.name] = vals
			continue
		}
		b.ctx[k.name] = []string{b.pick(k.values)}
	}
}

func (b *builder) pickPolicies() {
	svc := service(b.act.name)
	human := b.p.kind == kindUser || b.p.kind == kindSession
	if human {
		n := []int{0, 1, 1, 1, 2, 2, 3}[b.r.IntN(7)]
		for range n {
			b.pols.Identity = append(b.pols.Identity, b.identityDoc(true))
		}
		if len(b.pols.Identity) > 0 {
			b.tag("policy:identity")
		}
		if b.chance(0.2) {
			b.pols.Boundary = b.identityDoc(false)
			b.tag("policy:boundary")
		}
		if b.p.kind == kindSession && b.chance(0.25) {
			b.pols.Session = b.identityDoc(false)
			b.tag("policy:session")
		}
	}
	switch {
	case b.act.res == resKey && b.chance(0.92):
		b.pols.Resource = b.keyPolicy()
		b.tag("policy:resource")
		b.tag("key-policy")
	case b.act.res == resKey:
		b.tag("no-key-policy")
	case svc == "sts" && b.act.res == resRole:
		// Every role has a trust policy.
		b.pols.Resource = b.trustPolicy()
		b.tag("policy:resource")
		b.tag("trust-policy")
	}
	if b.p.kind != kindService && b.chance(0.35) {
		for range 1 + b.r.IntN(3) {
			b.pols.SCPs = append(b.pols.SCPs, b.scpLevel())
		}
		b.tag("policy:scp")
	}
	if b.p.kind != kindService && (b.act.res == resKey || (svc == "sts" && b.act.res == resRole)) && b.chance(0.3) {
		for range 1 + b.r.IntN(2) {
			b.pols.RCPs = append(b.pols.RCPs, b.rcpLevel())
		}
		b.tag("policy:rcp")
	}
}

func (b *builder) finish(id string) Case {
	var multi []string
	for k := range b.ctx {
		if b.multi[k] {
			multi = append(multi, k)
		}
	}
	sort.Strings(multi)
	tags := make([]string, 0, len(b.tags))
	for t := range b.tags {
		tags = append(tags, t)
	}
	resAcct := b.resAcct
	if b.resource != "*" && b.chance(0.3) {
		// The account is in the ARN: the engine must find it there.
		resAcct = ""
		b.tags["no-resource-account"] = true
		tags = append(tags, "no-resource-account")
	}
	sort.Strings(tags)
	return Case{
		ID:       id,
		Tags:     tags,
		Policies: b.pols,
		Request: Request{
			Principal:       b.p.arn,
			Action:          b.act.name,
			Resource:        b.resource,
			ResourceAccount: resAcct,
			Context:         b.ctx,
			MultiValued:     multi,
		},
	}
}

// doc is a policy document under construction.
type doc map[string]any

// version picks the Version of a document that may be old or absent, and
// records whether variables apply in it.
func (b *builder) version(d doc, mayBeOld bool) {
	b.docVars = true
	if !mayBeOld {
		d["Version"] = "2012-10-17"
		return
	}
	switch x := b.r.Float64(); {
	case x < 0.06:
		d["Version"] = "2008-10-17"
		b.docVars = false
	case x < 0.12:
		b.docVars = false
	default:
		d["Version"] = "2012-10-17"
	}
}

func (b *builder) render(d doc, stmts []any) string {
	if len(stmts) == 1 && b.chance(0.2) {
		d["Statement"] = stmts[0]
	} else {
		d["Statement"] = stmts
	}
	out, err := json.Marshal(d)
	if err != nil {
		panic(err) // only maps, slices, strings and bools: cannot fail
	}
	s := string(out)
	if !b.docVars && strings.Contains(s, "${") {
		b.tag("vars-literal")
	}
	return s
}

// identityDoc returns an identity policy, a permissions boundary or a
// session policy. grant biases the first statement towards the request so
// that allows are common.
func (b *builder) identityDoc(grant bool) string {
	d := doc{}
	b.version(d, true)
	var stmts []any
	n := 1 + b.r.IntN(3)
	for i := range n {
		effect := "Allow"
		if b.chance(0.25) {
			effect = "Deny"
		}
		if i == 0 && (grant || b.chance(0.7)) {
			effect = "Allow"
		}
		st := doc{"Effect": effect}
		if b.chance(0.3) {
			st["Sid"] = fmt.Sprintf("S%d", i)
		}
		b.actionElem(st, i == 0)
		b.resourceElem(st, i == 0)
		b.maybeCondition(st, 0.35)
		stmts = append(stmts, st)
	}
	return b.render(d, stmts)
}

// actionElem sets Action or NotAction.
func (b *builder) actionElem(st doc, bias bool) {
	name := "Action"
	if b.chance(0.08) {
		name = "NotAction"
		b.tag("not-action")
	}
	n := 1 + b.r.IntN(2)
	var list []string
	for j := range n {
		if (bias && j == 0) || b.chance(0.5) {
			list = append(list, b.matchingAction())
		} else {
			list = append(list, b.otherAction())
		}
	}
	st[name] = stringsOrOne(list, b.chance(0.5))
}

func (b *builder) matchingAction() string {
	a := b.act.name
	svc := service(a)
	op := a[len(svc)+1:]
	switch b.r.IntN(8) {
	case 0:
		return svc + ":*"
	case 1:
		return svc + ":" + op[:1+b.r.IntN(len(op)-1)] + "*"
	case 2:
		i := b.r.IntN(len(op))
		b.tag("action-quest")
		return svc + ":" + op[:i] + "?" + op[i+1:]
	case 3:
		b.tag("action-case")
		return strings.ToUpper(svc) + ":" + strings.ToLower(op)
	case 4:
		if b.chance(0.3) {
			return "*"
		}
		return a
	}
	return a
}

func (b *builder) otherAction() string {
	for {
		o := actions[b.r.IntN(len(actions))].name
		if o != b.act.name {
			if b.chance(0.3) {
				return service(o) + ":" + o[len(service(o))+1:len(service(o))+4] + "*"
			}
			return o
		}
	}
}

// resourceElem sets Resource or NotResource.
func (b *builder) resourceElem(st doc, bias bool) {
	name := "Resource"
	if b.chance(0.08) {
		name = "NotResource"
		b.tag("not-resource")
	}
	n := 1 + b.r.IntN(2)
	var list []string
	for j := range n {
		if (bias && j == 0) || b.chance(0.55) {
			r := b.matchingResource()
			if name == "NotResource" && !b.resolves(r) {
				// How NotResource treats an entry whose variable has no
				// value is not documented (facts A.8 covers Resource).
				r = b.resource
			}
			list = append(list, r)
		} else {
			list = append(list, b.otherResource())
		}
	}
	st[name] = stringsOrOne(list, b.chance(0.5))
}

// matchingResource returns a pattern that usually matches the request's
// resource.
func (b *builder) matchingResource() string {
	res := b.resource
	if res == "*" || b.chance(0.2) {
		return "*"
	}
	arn := strings.SplitN(res, ":", 6) // arn partition service region account resource
	switch b.r.IntN(9) {
	case 0: // resource type or path prefix, then *
		if i := strings.LastIndexAny(arn[5], "/"); i >= 0 {
			return strings.Join(arn[:5], ":") + ":" + arn[5][:i+1] + "*"
		}
	case 1: // any region
		if arn[3] != "" {
			arn[3] = "*"
			return strings.Join(arn, ":")
		}
	case 2: // one ? in the resource id
		i := len(arn[5]) - 1 - b.r.IntN(3)
		arn[5] = arn[5][:i] + "?" + arn[5][i+1:]
		return strings.Join(arn, ":")
	case 3: // a * that ends a colon-separated segment and expands past
		// colons (facts A.6: the current Resource page documents this).
		b.tag("resource-star-colon")
		if arn[3] != "" && b.chance(0.5) {
			return "arn:aws:" + arn[2] + ":" + arn[3][:3] + "*:" + arn[5]
		}
		return "arn:aws:" + arn[2] + ":*:" + arn[5]
	case 4: // a case variant: never matches (resources are case-sensitive)
		b.tag("resource-case")
		arn[5] = strings.ToUpper(arn[5][:1]) + arn[5][1:]
		if strings.ToUpper(arn[5][:1]) == arn[5][:1] {
			arn[5] = strings.ToLower(arn[5][:1]) + arn[5][1:]
		}
		return strings.Join(arn, ":")
	case 5: // policy variables in the resource part (facts A.8)
		b.tag("resource-variable")
		switch arn[2] {
		case "iam":
			if strings.Contains(arn[5], "user/") {
				return "arn:aws:iam::" + arn[4] + ":user/${aws:username}"
			}
			return "arn:aws:iam::" + arn[4] + ":role/${aws:PrincipalTag/project}*"
		case "kms":
			return "arn:aws:kms:" + arn[3] + ":" + arn[4] + ":key/${aws:PrincipalTag/team}*"
		}
		return strings.Join(arn[:5], ":") + ":*${aws:username}*"
	}
	return res
}

func (b *builder) otherResource() string {
	for range 10 {
		a := actions[b.r.IntN(len(actions))]
		acct := accountA
		if b.chance(0.4) {
			acct = accountB
		}
		r := b.pick(resourceARNs(a.res, acct))
		if r != b.resource && r != "*" {
			return r
		}
	}
	return "arn:aws:s3:::example-bucket/*"
}

func stringsOrOne(list []string, array bool) any {
	if len(list) == 1 && !array {
		return list[0]
	}
	return list
}

// keyPolicy returns a KMS key policy (facts C.4).
func (b *builder) keyPolicy() string {
	d := doc{}
	b.version(d, false)
	b.docIsKMS = true
	defer func() { b.docIsKMS = false }()
	var stmts []any
	if b.chance(0.6) {
		stmts = append(stmts, doc{"Sid": "Enable IAM policies", "Effect": "Allow",
			"Principal": doc{"AWS": b.accountPrincipal(b.resAcct)}, "Action": "kms:*", "Resource": "*"})
	}
	for i := range 1 + b.r.IntN(3) {
		st := doc{"Effect": "Allow", "Resource": "*"}
		if b.chance(0.25) {
			st["Effect"] = "Deny"
		}
		if b.chance(0.5) {
			st["Sid"] = fmt.Sprintf("Key statement %d", i)
		}
		if st["Effect"] == "Deny" && b.chance(0.3) {
			st["NotPrincipal"] = b.notPrincipal()
		} else {
			st["Principal"] = b.principalElem()
		}
		b.actionElem(st, i == 0)
		b.maybeCondition(st, 0.35)
		stmts = append(stmts, st)
	}
	return b.render(d, stmts)
}

// trustPolicy returns a role trust policy, which has no Resource (facts
// A.1, C.5).
func (b *builder) trustPolicy() string {
	d := doc{}
	b.version(d, false)
	b.docIsTrst = true
	defer func() { b.docIsTrst = false }()
	var stmts []any
	for i := range 1 + b.r.IntN(2) {
		st := doc{"Effect": "Allow", "Principal": b.principalElem()}
		if i > 0 && b.chance(0.3) {
			st["Effect"] = "Deny"
		}
		acts := []any{"sts:AssumeRole", []string{"sts:AssumeRole", "sts:TagSession"}, "sts:*", "sts:TagSession", "sts:Assume*"}
		st["Action"] = acts[b.r.IntN(len(acts))]
		b.maybeCondition(st, 0.3)
		stmts = append(stmts, st)
	}
	return b.render(d, stmts)
}

func (b *builder) accountPrincipal(account string) string {
	if b.chance(0.5) {
		return account
	}
	return rootARN(account)
}

// principalElem returns a Principal element: usually one that names the
// caller at some level, sometimes one that does not.
func (b *builder) principalElem() any {
	// Whether a grant to "*" is limited by a boundary or session policy
	// like a grant to the role, or not like one to the session, is not
	// documented (facts C.2 names only ARNs), so such cases are not made.
	if b.pols.Boundary == "" && b.pols.Session == "" && b.chance(0.08) {
		b.tag("principal-star")
		if b.chance(0.5) {
			return "*"
		}
		return doc{"AWS": "*"}
	}
	var aws []string
	var svc []string
	for range 1 + b.r.IntN(2) {
		switch x := b.r.IntN(10); {
		case b.p.kind == kindService && x < 6:
			svc = append(svc, b.p.arn)
		case x < 2:
			aws = append(aws, b.accountPrincipal(b.callerAccount()))
		case x < 6 && b.p.kind != kindService:
			who := b.pick(b.p.chain()[len(b.p.chain())-min(2, len(b.p.chain())):])
			if b.p.kind == kindSession && who == b.p.arn {
				b.tag("names-session-arn")
			}

			aws = append(aws, who)
		case x < 7:
			svc = append(svc, b.pick([]string{cksSvc, "cloudhsm.amazonaws.com", "ec2.amazonaws.com"}))
		default:
			q := principals[b.r.IntN(len(principals))]
			switch q.kind {
			case kindService:
				svc = append(svc, q.arn)
			case kindSession:
				aws = append(aws, q.roleARN)
			default:
				aws = append(aws, q.arn)
			}
		}
	}
	out := doc{}
	if len(aws) > 0 {
		out["AWS"] = stringsOrOne(dedupe(aws), false)
	}
	if len(svc) > 0 {
		out["Service"] = stringsOrOne(dedupe(svc), false)
	}
	return out
}

func (b *builder) callerAccount() string {
	if b.p.account == "" {
		return accountA
	}
	return b.p.account
}

// notPrincipal returns a NotPrincipal element for a Deny statement. It
// lists the caller's whole identity chain, part of it, or someone else.
func (b *builder) notPrincipal() any {
	b.tag("not-principal")
	chain := b.p.chain()
	var list []string
	switch x := b.r.IntN(3); {
	case x == 0 && len(chain) > 0:
		list = append(list, chain...)
	case x == 1 && len(chain) > 1:
		for _, c := range chain {
			if b.chance(0.5) {
				list = append(list, c)
			}
		}
		if len(list) == 0 || len(list) == len(chain) {
			list = chain[:len(chain)-1]
		}
		b.tag("notprincipal-partial")
	default:
		list = []string{rootARN(accountB), "arn:aws:iam::" + accountB + ":user/carol"}
		if b.p.account == accountB {
			list = []string{rootARN(accountA), "arn:aws:iam::" + accountA + ":user/alice"}
		}
	}
	if b.p.kind == kindService {
		return doc{"Service": "ec2.amazonaws.com"}
	}
	return doc{"AWS": stringsOrOne(list, false)}
}

// scpLevel returns the SCPs of one level of the organization tree.
func (b *builder) scpLevel() []string {
	var level []string
	d := doc{}
	b.version(d, false)
	if b.chance(0.75) {
		level = append(level, b.render(d, []any{doc{"Sid": "FullAWSAccess", "Effect": "Allow", "Action": "*", "Resource": "*"}}))
	} else {
		svcs := []string{"kms:*", "ec2:*", "cloudhsm:*", "iam:*", "sts:*", "ec2:Describe*", "kms:Describe*"}
		st := doc{"Effect": "Allow", "Resource": "*"}
		var list []string
		for range 1 + b.r.IntN(3) {
			list = append(list, b.pick(svcs))
		}
		st["Action"] = stringsOrOne(dedupe(list), false)
		b.maybeCondition(st, 0.2)
		level = append(level, b.render(d, []any{st}))
	}
	if b.chance(0.4) {
		level = append(level, b.identityDocDenyOnly())
	}
	return level
}

func (b *builder) identityDocDenyOnly() string {
	d := doc{}
	b.version(d, true)
	st := doc{"Effect": "Deny"}
	b.actionElem(st, b.chance(0.6))
	b.resourceElem(st, b.chance(0.6))
	b.maybeCondition(st, 0.6)
	return b.render(d, []any{st})
}

// rcpLevel returns the custom RCPs of one level; RCPFullAWSAccess is
// implied at every level. Custom RCPs deny, name Principal "*", and may not
// use Action "*".
func (b *builder) rcpLevel() []string {
	level := []string{}
	for range b.r.IntN(2) {
		d := doc{}
		b.version(d, false)
		st := doc{"Effect": "Deny", "Principal": "*", "Resource": "*"}
		acts := []string{"kms:*", "sts:*", b.act.name, "kms:Decrypt", "sts:AssumeRole", "kms:Describe*"}
		st["Action"] = b.pick(acts)
		b.maybeCondition(st, 0.8)
		level = append(level, b.render(d, []any{st}))
	}
	b.tag("policy:rcp")
	return level
}

func dedupe(list []string) []string {
	var out []string
	for _, s := range list {
		out = appendUnique(out, s)
	}
	return out
}
