package evaluate

import (
	"sync"

	"github.com/cksiam/cksiam/policy"
)

// CompileCache lets Compile reuse what it learns from one document alone —
// its check against the policy grammar and its compiled statements — across
// Compile calls that share
// documents, such as an evaluator per principal of an account whose
// principals share managed policies, a key policy and SCPs. Pass it with
// WithCompileCache.
//
// The cache knows documents and grant lists by address: a document or a
// grant list must not change while a cache that has seen it is in use
// (build a new cache after changing one). It is safe for concurrent use
// and grows with the documents it sees.
type CompileCache struct {
	mu      sync.Mutex
	grammar map[grammarKey]*grammarNotes
	// stmts holds each document's statements compiled for one policy
	// type, without what depends on the evaluator (ref, groups): nil for a
	// statement that did not compile.
	stmts map[stmtsKey][]*stmt
	// grants holds each Policies.Grants list compiled, by its first
	// element's address and length: principals of one account share a
	// key's grant list.
	grants map[grantsKey]*grantSet
}

// grantsKey is a grant list, known by address like a document.
type grantsKey struct {
	first *Grant
	n     int
}

// stmtsKey is a document compiled as one policy type.
type stmtsKey struct {
	doc *policy.Document
	t   PolicyType
}

// grammarKey is a document checked as one kind of policy.
type grammarKey struct {
	doc  *policy.Document
	kind policy.Kind
}

// NewCompileCache returns an empty cache.
func NewCompileCache() *CompileCache {
	return &CompileCache{grammar: map[grammarKey]*grammarNotes{}, stmts: map[stmtsKey][]*stmt{}, grants: map[grantsKey]*grantSet{}}
}

// WithCompileCache makes Compile keep and reuse each document's grammar
// check and compiled statements in c. A nil c does nothing. The decisions are those of Compile
// without it.
func WithCompileCache(c *CompileCache) Option { return func(o *options) { o.cache = c } }

// cleanGrammar is the notes of every document without errors.
var cleanGrammar grammarNotes

// checkGrammarCached is checkGrammar, through c when it is not nil. The
// notes returned are shared: callers only read them.
func checkGrammarCached(c *CompileCache, d *policy.Document, t PolicyType) *grammarNotes {
	if c == nil {
		g := checkGrammar(d, t)
		if g.doc == nil && g.stmts == nil && g.entries == nil {
			return &cleanGrammar // most documents: no allocation
		}
		kept := new(grammarNotes)
		*kept = g
		return kept
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

// compileStmtCached is compileStmt, through c when it is not nil. What the
// cache keeps is shared by every evaluator compiled with it and never
// written after compileStmt (groupActions copies the actions before it
// changes one); only successes are kept, so that an error names the
// document where this Compile placed it.
func compileStmtCached(c *CompileCache, t PolicyType, ref *StatementRef, d *policy.Document, g *grammarNotes, m *compileMem) (stmt, error) {
	if c == nil {
		return compileStmt(t, ref, d, g, m)
	}
	k := stmtsKey{d, t}
	i := ref.StatementIndex
	c.mu.Lock()
	all := c.stmts[k]
	var hit *stmt
	if all != nil {
		hit = all[i]
	}
	c.mu.Unlock()
	if hit != nil {
		st := *hit
		st.ref = ref
		return st, nil
	}
	// Kept by the cache beyond this Compile: in its own memory.
	st, err := compileStmt(t, ref, d, g, nil)
	if err != nil {
		return st, err
	}
	kept := st
	kept.ref, kept.groups = nil, nil
	c.mu.Lock()
	if c.stmts[k] == nil {
		c.stmts[k] = make([]*stmt, len(d.Statement))
	}
	c.stmts[k][i] = &kept
	c.mu.Unlock()
	return st, nil
}

// compileGrantsCached is compileGrants, through c when it is not nil. A
// grantSet is never written after compileGrants; only successes are kept.
func compileGrantsCached(c *CompileCache, grants []Grant) (*grantSet, error) {
	if c == nil || len(grants) == 0 {
		return compileGrants(grants)
	}
	k := grantsKey{&grants[0], len(grants)}
	c.mu.Lock()
	gs, ok := c.grants[k]
	c.mu.Unlock()
	if ok {
		return gs, nil
	}
	gs, err := compileGrants(grants)
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	c.grants[k] = gs
	c.mu.Unlock()
	return gs, nil
}
