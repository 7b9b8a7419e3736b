package prove

import (
	"github.com/cksiam/cksiam/internal/ascii"
	"sort"
	"strings"
	"sync"

	"github.com/cksiam/cksiam/internal/glob"
	"github.com/cksiam/cksiam/policy/catalog"
)

// bitset is a set of small integers.
type bitset []uint64

func newBitset(n int) bitset { return make(bitset, (n+63)/64) }

func (b bitset) set(i int)      { b[i>>6] |= 1 << (i & 63) }
func (b bitset) has(i int) bool { return b[i>>6]&(1<<(i&63)) != 0 }

// catIndex is what the prover reads from a catalog, indexed once per
// catalog: actions by number, by service, and the actions that carry each
// condition key.
type catIndex struct {
	cat     *catalog.Catalog
	actions []*catalog.Action
	lower   []string // lower-cased full names
	byName  map[string]int
	bySvc   map[string][]int // lower-cased prefix -> action numbers
	// carriers lists, per condition key of the catalog, the actions that
	// list it (for themselves or through a resource type).
	carriers map[*catalog.ConditionKey][]int
	keys     []*catalog.ConditionKey
	// fset numbers each action's set of ARN formats; fsets lists them.
	fset  []int
	fsets [][]string

	attrsOnce sync.Once
	attrs     []actAttrs
	// groups partitions the actions by their evaluator attributes and
	// whether they are wildcard-only.
	groupsOnce sync.Once
	groups     [][]int

	// tagOnce computes tagCarry: per request-tag key (tagRequestKeys),
	// the actions that may carry it.
	tagOnce  sync.Once
	tagCarry [len(tagRequestKeys)]bitset

	mu       sync.Mutex
	expanded map[string]bitset // lower-cased pattern -> actions it matches
	carrying map[string]bitset // lower-cased key -> actions that may carry it
}

var (
	indexMu sync.Mutex
	indexes = map[*catalog.Catalog]*catIndex{}
)

// indexOf returns the index of c, building it on first use.
func indexOf(c *catalog.Catalog) *catIndex {
	indexMu.Lock()
	defer indexMu.Unlock()
	if ix, ok := indexes[c]; ok {
		return ix
	}
	ix := &catIndex{cat: c, actions: c.Actions(), byName: map[string]int{}, bySvc: map[string][]int{},
		carriers: map[*catalog.ConditionKey][]int{}, expanded: map[string]bitset{}, carrying: map[string]bitset{}}
	ix.lower = make([]string, len(ix.actions))
	ix.fset = make([]int, len(ix.actions))
	fsetIx := map[string]int{}
	for i, a := range ix.actions {
		fs := a.ARNFormats(false)
		sort.Strings(fs)
		k := strings.Join(fs, "\x00")
		j, ok := fsetIx[k]
		if !ok {
			j = len(ix.fsets)
			fsetIx[k] = j
			ix.fsets = append(ix.fsets, fs)
		}
		ix.fset[i] = j
		l := ascii.ToLower(a.FullName())
		ix.lower[i] = l
		ix.byName[l] = i
		svc := ascii.ToLower(a.Service.Prefix)
		ix.bySvc[svc] = append(ix.bySvc[svc], i)
		seen := map[*catalog.ConditionKey]bool{}
		add := func(k *catalog.ConditionKey) {
			if !seen[k] {
				seen[k] = true
				if _, ok := ix.carriers[k]; !ok {
					ix.keys = append(ix.keys, k)
				}
				ix.carriers[k] = append(ix.carriers[k], i)
			}
		}
		for _, k := range a.ConditionKeys {
			add(k)
		}
		for _, r := range a.Resources {
			for _, k := range r.ConditionKeys {
				add(k)
			}
			for _, k := range r.Type.ConditionKeys {
				add(k)
			}
		}
	}
	indexes[c] = ix
	return ix
}

// attrsAll returns the evaluator's attributes of every catalog action.
func (ix *catIndex) attrsAll() []actAttrs {
	ix.attrsOnce.Do(func() {
		ix.attrs = make([]actAttrs, len(ix.actions))
		for i, a := range ix.actions {
			ix.attrs[i] = attrsOf(a.FullName())
		}
	})
	return ix.attrs
}

// groupsAll returns the actions grouped by attributes and wildcard-only.
func (ix *catIndex) groupsAll() [][]int {
	ix.groupsOnce.Do(func() {
		attrs := ix.attrsAll()
		type key struct {
			a    actAttrs
			wild bool
		}
		// A group also agrees on the request-tag keys it carries, so
		// that its first action stands for it when a policy tests them.
		type gkey struct {
			key
			tags [len(tagRequestKeys)]bool
		}
		at := map[gkey]int{}
		for i, a := range ix.actions {
			k := gkey{key: key{attrs[i], a.WildcardOnly()}}
			for t := range tagRequestKeys {
				k.tags[t] = ix.tagCarried(t).has(i)
			}
			j, ok := at[k]
			if !ok {
				j = len(ix.groups)
				at[k] = j
				ix.groups = append(ix.groups, nil)
			}
			ix.groups[j] = append(ix.groups[j], i)
		}
	})
	return ix.groups
}

// expand returns the actions an Action pattern matches (case-insensitive
// glob over "service:Name", as evaluate and catalog.Expand match).
func (ix *catIndex) expand(pattern string) bitset {
	lp := ascii.ToLower(pattern)
	ix.mu.Lock()
	b, ok := ix.expanded[lp]
	ix.mu.Unlock()
	if ok {
		return b
	}
	b = newBitset(len(ix.actions))
	g := glob.Compile(lp, false)
	scan := func(list []int) {
		for _, i := range list {
			if g.Match(ix.lower[i]) {
				b.set(i)
			}
		}
	}
	switch {
	case g.MatchesAll():
		for i := range ix.actions {
			b.set(i)
		}
	case g.IsLiteral():
		if i, ok := ix.byName[lp]; ok {
			b.set(i)
		}
	default:
		if svc, _, ok := strings.Cut(lp, ":"); ok && !strings.ContainsAny(svc, "*?") {
			scan(ix.bySvc[svc])
		} else {
			for i := range ix.actions {
				if g.Match(ix.lower[i]) {
					b.set(i)
				}
			}
		}
	}
	ix.mu.Lock()
	ix.expanded[lp] = b
	ix.mu.Unlock()
	return b
}

// carry returns the catalog actions that may carry condition key name: all
// of them for a global key, else those that list it.
func (ix *catIndex) carry(name string) bitset {
	ln := ascii.ToLower(name)
	ix.mu.Lock()
	b, ok := ix.carrying[ln]
	ix.mu.Unlock()
	if ok {
		return b
	}
	b = newBitset(len(ix.actions))
	if t := tagRequestKey(name); t >= 0 {
		b = ix.tagCarried(t)
	} else if ix.global(name) {
		for i := range ix.actions {
			b.set(i)
		}
	} else {
		for _, k := range ix.keys {
			if k.Matches(name) {
				for _, i := range ix.carriers[k] {
					b.set(i)
				}
			}
		}
		if _, known := ix.cat.ConditionKey(name); !known && providerKey(name) {
			// An identity provider's claim the catalog does not list
			// (token.actions.githubusercontent.com:sub, an EKS cluster's
			// oidc.eks.<region>.amazonaws.com/id/<id>:aud): every OIDC
			// provider's claims are keys, so it comes with the actions
			// that carry the providers' keys the catalog lists.
			for _, k := range ix.keys {
				if providerKey(k.Name) {
					for _, i := range ix.carriers[k] {
						b.set(i)
					}
				}
			}
		}
		ix.withFederation(b)
	}
	ix.mu.Lock()
	ix.carrying[ln] = b
	ix.mu.Unlock()
	return b
}

// sessionActions are decided in the same call as a federation's
// AssumeRoleWithWebIdentity or AssumeRoleWithSAML when it passes session
// tags or a source identity, with the same request context: the
// provider's claims (https://docs.aws.amazon.com/IAM/latest/UserGuide/id_session-tags.html,
// https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_temp_control-access_monitor.html).
var sessionActions = []string{"sts:tagsession", "sts:setsourceidentity"}

// withFederation adds the session actions to a key's carriers when a
// federation action carries it: the catalog lists providers' claims only
// for the federation actions themselves, and a trust policy that gates
// sts:TagSession on a claim would otherwise be read as never applying.
func (ix *catIndex) withFederation(b bitset) {
	for _, a := range federationActions {
		if i, ok := ix.byName[ascii.ToLower(a)]; ok && b.has(i) {
			for _, s := range sessionActions {
				if j, ok := ix.byName[s]; ok {
					b.set(j)
				}
			}
			return
		}
	}
}

// global reports whether every action may carry the key: a global key of
// the catalog, or an "aws:" key the catalog does not know. AWS adds
// global keys as it adds actions (aws:VpceOrgID came in 2025), so an
// unknown aws: key may be carried by any request, as kms:* covers kms
// actions the catalog does not list yet.
func (ix *catIndex) global(name string) bool {
	k, ok := ix.cat.ConditionKey(name)
	if ok {
		return k.Global
	}
	return len(name) > 4 && ascii.ToLower(name[:4]) == "aws:"
}

// providerKey reports whether a condition key is an identity provider's
// claim: its prefix is a host name, with a path or not
// (accounts.google.com:aud), where a service prefix never holds a '.'.
func providerKey(name string) bool {
	prefix, _, ok := strings.Cut(name, ":")
	return ok && strings.Contains(prefix, ".")
}

// keyType returns the catalog type of a condition key, or "" when the
// catalog does not know it.
func (ix *catIndex) keyType(name string) catalog.KeyType {
	if k, ok := ix.cat.ConditionKey(name); ok {
		return k.Type
	}
	return ""
}
