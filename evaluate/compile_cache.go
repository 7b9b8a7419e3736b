package evaluate

import (
	"sync"

	"github.com/cksiam/cksiam/policy"
)

// CompileCache lets Compile reuse what it learns from one document alone —
// its check against the policy grammar — across Compile calls that share
// documents, such as an evaluator per principal of an account whose
// principals share managed policies, a key policy and SCPs. Pass it with
// WithCompileCache.
//
// The cache knows documents by address: a document must not change while
// a cache that has seen it is in use (build a new cache after changing
// one). It is safe for concurrent use and grows with the documents it
// sees.
type CompileCache struct {
	mu      sync.Mutex
	grammar map[grammarKey]*grammarNotes
}

// grammarKey is a document checked as one kind of policy.
type grammarKey struct {
	doc  *policy.Document
	kind policy.Kind
}

// NewCompileCache returns an empty cache.
func NewCompileCache() *CompileCache {
	return &CompileCache{grammar: map[grammarKey]*grammarNotes{}}
}

// WithCompileCache makes Compile keep and reuse each document's grammar
// check in c. A nil c does nothing. The decisions are those of Compile
// without it.
func WithCompileCache(c *CompileCache) Option { return func(o *options) { o.cache = c } }

// checkGrammarCached is checkGrammar, through c when it is not nil. The
// notes returned are shared: callers only read them.
func checkGrammarCached(c *CompileCache, d *policy.Document, t PolicyType) *grammarNotes {
	if c == nil {
		g := checkGrammar(d, t)
		return &g
	}
	k := grammarKey{d, kindOf(t)}
	c.mu.Lock()
	g, ok := c.grammar[k]
	c.mu.Unlock()
	if ok {
		return g
	}
	notes := checkGrammar(d, t)
	c.mu.Lock()
	c.grammar[k] = &notes
	c.mu.Unlock()
	return &notes
}
