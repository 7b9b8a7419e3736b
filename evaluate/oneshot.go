package evaluate

import (
	"sync"

	"github.com/cksiam/cksiam/internal/ascii"
	"github.com/cksiam/cksiam/internal/glob"
	"github.com/cksiam/cksiam/policy"
)

// The one-shot evaluation: the package-level Evaluate decides one request
// and drops what it compiled, so it compiles only what that request can
// reach. Every document is still checked as Compile checks it (the
// grammar, then each statement's elements, in Compile's order, so that
// the same documents are refused with the same error); a statement whose
// Action or NotAction does not match the request's action is then
// skipped, and the others are compiled without their action patterns and
// decided as the statements the action index would find for that action.
// TestOneShotEvaluateIsCompileThenEvaluate checks the Results against
// Compile + Evaluator.Evaluate.
//
// Nothing compiled outlives the call: the Result copies what it reports
// (the trace's lists, the statements' references by value, strings that
// point into the documents or into lowerText chunks, which are never
// written again). So the evaluator, its sets and every list of its
// statements live in a oneShot taken from a pool and handed back,
// cleared, for the next call: a call that fits the memory a former one
// grew allocates nothing to compile.

// oneShot is the memory of one one-shot Evaluate call.
type oneShot struct {
	q       actionQuery
	c       compiler // a compiler escapes (its lowerText points to itself)
	ev      Evaluator
	sets    []docSet
	mem     compileMem // reuse: the pools grow to the largest call's needs
	matched []stmtAt   // compileMatching's scratch space
}

var oneShots = sync.Pool{New: func() any { return &oneShot{mem: compileMem{reuse: true}} }}

// evaluateOnce is the package-level Evaluate.
func evaluateOnce(p *Policies, r *Request) (Result, error) {
	o := oneShots.Get().(*oneShot)
	defer oneShots.Put(o)
	o.q = newActionQuery(r.Action)
	o.mem.reset()
	c := &o.c
	if err := c.compile(p, &options{shot: o}); err != nil {
		return Result{Decision: ImplicitDeny, Reason: err.Error()}, err
	}
	matched := c.matchedRows()
	return c.Evaluator.evaluate(r, &matched)
}

// setsFor returns an empty list of sets with room for n: the one-shot
// call's own, else a new one (Compile's; o is nil).
func (o *oneShot) setsFor(n int) []docSet {
	if o == nil {
		return make([]docSet, 0, n)
	}
	if cap(o.sets) < n {
		o.sets = make([]docSet, 0, max(n, 2*cap(o.sets)))
	}
	return o.sets[:0]
}

// actionQuery is a request's action, read as prepare reads it, for
// choosing the statements that match it.
type actionQuery struct {
	action  string
	service string // lower-cased service prefix
	name    string // the part after the colon
	valid   bool   // checkAction accepts action; else no statement matches, and prepare refuses the request
}

func newActionQuery(action string) actionQuery {
	q := actionQuery{action: action}
	if svc, err := checkAction(action); err == nil {
		q.service, q.name, q.valid = svc, action[len(svc)+1:], true
	}
	return q
}

// matches reports whether the Action or NotAction element of s matches
// the action, as stmt.matchAction does once compiled.
func (q *actionQuery) matches(s *policy.Statement) bool {
	if !q.valid {
		return false
	}
	vals, not := s.Action.Values, false
	if s.NotAction.Present() {
		vals, not = s.NotAction.Values, true
	}
	for _, v := range vals {
		if q.matchValue(v) {
			return !not
		}
	}
	return not
}

// matchValue reports whether one Action or NotAction value matches the
// action: names compare ignoring ASCII case, '*' and '?' are wildcards, and
// a value whose service part holds one, or that has no service part, is
// matched as a whole (compileAction, actionPattern.matchName). Only a
// value of the request's service costs more than a comparison.
// FuzzActionQueryMatchesAsCompiled holds it to the compiled pattern.
func (q *actionQuery) matchValue(v string) bool {
	// The request's service first: its prefix holds no colon and no
	// wildcard, so a value that starts with it and a colon has its
	// service part.
	i := len(q.service)
	if len(v) <= i || v[i] != ':' || !ascii.EqualFold(v[:i], q.service) {
		if colon, wild := servicePart(v); colon <= 0 || wild {
			return glob.Compile(v, true).Match(q.action)
		}
		return false // another service
	}
	name := v[i+1:]
	w := indexWildcard(name)
	switch {
	case name == "*":
		return true
	case w < 0:
		return ascii.EqualFold(q.name, name)
	case w == len(name)-1 && name[w] == '*':
		return ascii.HasPrefixFold(q.name, name[:w])
	}
	return ascii.HasPrefixFold(q.name, name[:w]) && glob.Compile(name, true).Match(q.name)
}

// servicePart returns the index of the first ':' of v, or -1, and
// whether a '*' or '?' comes before it: one pass over the service part,
// which is short (a policy may name hundreds of other services' actions).
func servicePart(v string) (colon int, wild bool) {
	for i := 0; i < len(v); i++ {
		switch v[i] {
		case ':':
			return i, wild
		case '*', '?':
			wild = true
		}
	}
	return -1, wild
}

// compileMatching fills ds, a set of type t at level, with the statements
// of docs that match the one-shot call's action, after checking every
// document and statement as compileSet does (Compile without
// LooseDocuments): first every check, in Compile's order, then the
// statements that match, which compile without error, in the call's
// memory.
func (c *compiler) compileMatching(ds *docSet, t PolicyType, level int, docs []*policy.Document) error {
	o := c.shot
	matched := o.matched[:0]
	for i, d := range docs {
		if d == nil {
			return policyError(docPath(t, level, i), "is nil")
		}
		g := checkGrammarCached(c.cache, d, t)
		if g.doc != nil {
			return grammarError(docPath(t, level, i), *g.doc)
		}
		for j := range d.Statement {
			s := &d.Statement[j]
			if fs, bad := g.stmts[j]; bad {
				return grammarError(docPath(t, level, i), fs[0])
			}
			ref := StatementRef{PolicyType: t, Level: level, PolicyIndex: i, StatementIndex: j, Sid: s.Sid, Effect: s.Effect}
			if err := checkStmt(t, &ref, s); err != nil {
				return err
			}
			if o.q.matches(s) {
				matched = append(matched, stmtAt{doc: i, stmt: j, g: g})
			}
		}
	}
	o.matched = matched // grown, for the next set
	if len(matched) == 0 {
		return nil
	}
	m := &o.mem
	ds.stmts = m.stmts.take(len(matched), true)
	refs := m.refs.take(len(matched), true)
	for k, at := range matched {
		d := docs[at.doc]
		s := &d.Statement[at.stmt]
		refs[k] = StatementRef{PolicyType: t, Level: level, PolicyIndex: at.doc, StatementIndex: at.stmt, Sid: s.Sid, Effect: s.Effect}
		ds.stmts[k] = buildStmt(t, &refs[k], d, at.g, m, false)
	}
	return nil
}

// stmtAt is a statement compileMatching compiles: its document's index
// in the set, its own index, and the document's grammar notes.
type stmtAt struct {
	doc, stmt int
	g         *grammarNotes
}

// matchedRows numbers the sets and returns rows that hold every statement
// compiled: those that match the one-shot call's action. The sets are
// numbered as they lie in c.pool; decide reads a set's row by its number.
func (c *compiler) matchedRows() rows {
	m := &c.shot.mem
	r := rows{off: m.rows.take(len(c.pool)+1, true)}
	n := 0
	for col := range c.pool {
		ds := &c.pool[col]
		ds.col = int32(col)
		r.off[col] = uint32(n)
		n += len(ds.stmts)
	}
	r.off[len(c.pool)] = uint32(n)
	r.stmts = m.rows.take(n, true)[:0]
	for col := range c.pool {
		for i := range c.pool[col].stmts {
			r.stmts = append(r.stmts, uint32(i))
		}
	}
	return r
}
