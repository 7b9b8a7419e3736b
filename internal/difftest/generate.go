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
			// whatever the policies say (aws-rules C.4).
			b.tag("kms-no-cross-account-op")
		}
	}
	b.resource = b.pick(resourceARNs(b.act.res, b.resAcct))

	// The context: the principal's own keys, then each other key the action
	// supports with probability one half, so conditions meet both present
	// and missing keys (aws-rules B.2).
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
