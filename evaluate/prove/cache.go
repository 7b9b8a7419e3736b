package prove

import (
	"strings"
	"sync"
)

// Much of what a question builds depends only on the patterns and values
// its documents hold, not on the question: the cells of the principal and
// condition-key dimensions, the action classes, the resource checks.
// Questions asked of the same documents (roles.Verify asks three of each
// role) or of documents that share statements (versions of one policy)
// reuse them. The caches are bounded and safe for concurrent use; what
// they hold is never modified after it is stored.

// cache is a bounded map: when full, it starts over.
type cache struct {
	mu  sync.Mutex
	m   map[string]any
	max int
}

func newCache(max int) *cache { return &cache{m: map[string]any{}, max: max} }

func (c *cache) get(k string) (any, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	v, ok := c.m[k]
	return v, ok
}

func (c *cache) put(k string, v any) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.m) >= c.max {
		c.m = map[string]any{}
	}
	c.m[k] = v
}

var (
	dimCache = newCache(512)  // explored dimensions by their atoms
	actCache = newCache(256)  // action classes by predicates and keys
	satCache = newCache(8192) // resource constraints by their atoms
)

// atomsKey names the atoms of a dimension, in order.
func (d *dimCells) atomsKey(avoid string) string {
	return avoid + "\x01" + strings.Join(d.keys, "\x00")
}
