package difftest

import (
	"slices"
	"strings"
)

// ManagedPolicy is an AWS managed policy a Generator may attach to a
// case's caller (the default version's document, as JSON text).
type ManagedPolicy struct {
	Name     string
	Document string
}

// managedPool is the managed policies a Generator draws from, indexed by
// the service prefixes their text names in an action ("kms:…").
type managedPool struct {
	share     float64
	policies  []ManagedPolicy
	byService map[string][]int
}

// WithManagedPolicies makes the generator attach real AWS managed policies
// to the identity of share of its cases (of the callers that have identity
// policies): one that names the request's service when some does, as an
// administrator would attach for the job, and with probability one half a
// second one drawn from all of them. Such cases carry the tag
// "managed-policy". Without this call (or with no policies) the generator
// makes the same cases as before.
func (g *Generator) WithManagedPolicies(ps []ManagedPolicy, share float64) *Generator {
	if len(ps) == 0 || share <= 0 {
		g.managed = nil
		return g
	}
	pool := &managedPool{share: share, policies: slices.Clone(ps), byService: map[string][]int{}}
	for i, p := range pool.policies {
		for _, svc := range mentionedServices(p.Document) {
			pool.byService[svc] = append(pool.byService[svc], i)
		}
	}
	g.managed = pool
	return g
}

// mentionedServices returns the service prefixes of the generator's world
// that a policy's text names in an action value ("kms:Decrypt", "kms:*").
func mentionedServices(doc string) []string {
	var out []string
	for _, a := range actions {
		svc := service(a.name)
		if !slices.Contains(out, svc) && strings.Contains(doc, `"`+svc+`:`) {
			out = append(out, svc)
		}
	}
	return out
}

// attachManaged adds managed policies to the case under construction.
func (b *builder) attachManaged(pool *managedPool) {
	human := b.p.kind == kindUser || b.p.kind == kindSession
	if pool == nil || !human || !b.chance(pool.share) {
		return
	}
	n := len(b.pols.Identity)
	if fit := pool.byService[service(b.act.name)]; len(fit) > 0 {
		b.pols.Identity = append(b.pols.Identity, pool.policies[fit[b.r.IntN(len(fit))]].Document)
	}
	if len(b.pols.Identity) == n || b.chance(0.5) {
		b.pols.Identity = append(b.pols.Identity, pool.policies[b.r.IntN(len(pool.policies))].Document)
	}
	b.tag("managed-policy")
	b.tag("policy:identity")
}
