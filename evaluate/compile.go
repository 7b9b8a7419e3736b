package evaluate

import (
	"github.com/cksiam/cksiam/policy"
)

// Evaluator is a compiled set of Policies. Compile once, then decide any
// number of requests; an Evaluator is immutable and safe for concurrent
// use.
type Evaluator struct {
	// What Decide reads comes first. An Evaluator is 128 bytes, a size
	// the allocator places on a cache-line boundary, and its first line
	// holds the fields of every decision.
	//
	// simulator and unnamedCaller are set by the options
	// PolicySimulatorReadings and CallerUnnamed.
	simulator     bool
	unnamedCaller bool
	loose         bool    // LooseDocuments: unreadable statements compile fail-closed
	identity      *docSet // nil when Policies.Identity is empty
	boundary      *docSet
	session       *docSet
	resource      *docSet
	// names numbers the actions the policies name literally, lower cased
	// ("kms:decrypt"), and the service prefixes of services (see
	// actionIndex).
	names nameTable
	// index finds the statements that match a request's action (index.go).
	index *actionIndex
	scps  []docSet // the SCP levels, root first, in one array with the sets above
	rcps  []docSet // the RCP levels
	// more holds grants, facts, their readings and the notes of Compile;
	// nil without them.
	more *extras
}

// intern returns the number of a lower-cased service prefix.
func (c *compiler) intern(service string) uint16 {
	if c.lastID != 0 && service == c.lastService {
		return c.lastID
	}
	if id, ok := c.services[service]; ok {
		c.lastService, c.lastID = service, id
		return id
	}
	if c.services == nil {
		c.services = map[string]uint16{}
	}
	if len(c.services) >= 1<<16-1 {
		return 0 // saturated: the caller matches the whole action instead
	}
	id := uint16(len(c.services) + 1)
	c.services[service] = id
	return id
}

// docSet holds the compiled statements of one policy type, or of one SCP or
// RCP level.
type docSet struct {
	// A set is 64 bytes, one cache line: the sets lie in one array
	// (compiler.pool), an allocation of a multiple of 64 bytes, which
	// starts on a line.
	//
	// allowsAll says the set allows every request and denies none: no
	// Deny statement, and an Allow of "*" on every resource without
	// Principal or Condition (FullAWSAccess, AdministratorAccess). Decide
	// then skips the statements.
	allowsAll bool
	// col is the set's column in the action index (actionIndex).
	col   int32
	level int32
	stmts []stmt
	typ   PolicyType
	// empty says the set's documents hold no statement (a oneShot
	// evaluator compiles only some of them).
	empty bool
	_     [7]byte // to 64 bytes
}

// Compile checks and compiles p. It refuses nil documents and statements
// AWS would refuse for their policy type (no Effect, no Action, a Principal
// in an identity policy, no Principal in a resource policy…) and documents
// with policy.Validate errors (the error names the finding's code and JSON
// path); with the option LooseDocuments such a statement is read
// fail-closed instead. An error is never turned into a decision.
func Compile(p Policies, opts ...Option) (*Evaluator, error) {
	var o options
	for _, opt := range opts {
		if opt != nil {
			opt(&o)
		}
	}
	var c compiler
	if err := c.compile(&p, &o); err != nil {
		return nil, err
	}
	c.shortcuts()
	return c.Evaluator, nil
}

// compile checks every document of p and compiles its statements into
// c.Evaluator: all of them, or with o.shot those that match one action
// (see oneshot.go).
func (c *compiler) compile(p *Policies, o *options) error {
	var e *Evaluator
	if o.shot != nil {
		e = &o.shot.ev // reused: a one-shot evaluator is dropped after its call
	} else {
		e = new(Evaluator)
	}
	*e = Evaluator{simulator: o.simulator, unnamedCaller: o.unnamedCaller, loose: o.loose}
	if err := e.compileExtras(p, o); err != nil {
		return err
	}
	// Every set in one array: Decide on an evaluator that is not in cache
	// pays a memory access per cache line, and sets that lie together
	// share lines.
	*c = compiler{Evaluator: e, pool: o.shot.setsFor(len(p.SCPs) + len(p.RCPs) + 4), cache: o.cache, shot: o.shot}
	var err error
	if len(p.Identity) > 0 {
		if e.identity, err = c.compileSet(TypeIdentity, 0, p.Identity); err != nil {
			return err
		}
	}
	for _, one := range []struct {
		t   PolicyType
		doc *policy.Document
		dst **docSet
	}{
		{TypeBoundary, p.Boundary, &e.boundary},
		{TypeSession, p.Session, &e.session},
		{TypeResource, p.Resource, &e.resource},
	} {
		if one.doc == nil {
			continue
		}
		if *one.dst, err = c.compileSet(one.t, 0, []*policy.Document{one.doc}); err != nil {
			return err
		}
	}
	// The levels lie in the pool in order, so they are read in place
	// rather than through an array of pointers.
	first := len(c.pool)
	for level, docs := range p.SCPs {
		if _, err := c.compileSet(TypeSCP, level, docs); err != nil {
			return err
		}
	}
	e.scps = c.pool[first:len(c.pool):len(c.pool)]
	first = len(c.pool)
	for level, docs := range p.RCPs {
		if _, err := c.compileSet(TypeRCP, level, docs); err != nil {
			return err
		}
	}
	e.rcps = c.pool[first:len(c.pool):len(c.pool)]
	return nil
}

// sets returns the sets of the evaluator, in the order decide reads them.
func (e *Evaluator) sets() []*docSet {
	var out []*docSet
	for _, ds := range [...]*docSet{e.identity, e.resource, e.boundary, e.session} {
		if ds != nil {
			out = append(out, ds)
		}
	}
	for i := range e.scps {
		out = append(out, &e.scps[i])
	}
	for i := range e.rcps {
		out = append(out, &e.rcps[i])
	}
	return out
}

// compiler is an Evaluator under construction.
type compiler struct {
	*Evaluator
	// pool holds every set: Compile sizes it for all of them, so it never
	// grows, and the pointers and sub-slices of the Evaluator into it stay
	// in one array (Decide on an evaluator that is not in cache pays a
	// memory access per cache line, and sets that lie together share
	// lines).
	pool []docSet
	// services numbers every service prefix the policies name (from 1),
	// so that matching compares small integers; 0 is any other service.
	services map[string]uint16
	// cache keeps documents' grammar checks across Compile calls
	// (WithCompileCache); nil without one.
	cache *CompileCache
	// shot, when set, holds the one action whose statements are compiled
	// (the one-shot Evaluate, oneshot.go) and the memory they are
	// compiled into; the others are only checked.
	shot *oneShot
	// mem is the memory the statements are carved from.
	mem compileMem
	// group is groupActions' scratch space (group.go).
	group grouper
	// pairBuf is the action index's scratch space (sortPairs).
	pairBuf pairBuf
	// lastService and lastID remember intern's last answer: a statement
	// names mostly one service.
	lastService string
	lastID      uint16
}

func (c *compiler) compileSet(t PolicyType, level int, docs []*policy.Document) (*docSet, error) {
	c.pool = append(c.pool, docSet{typ: t, level: int32(level)})
	ds := &c.pool[len(c.pool)-1]
	e := c.Evaluator
	n, most := 0, 0
	for _, d := range docs {
		if d == nil {
			continue
		}
		n += len(d.Statement)
		for i := range d.Statement {
			s := &d.Statement[i]
			most = max(most, len(s.Action.Values)+len(s.NotAction.Values))
		}
	}
	ds.empty = n == 0
	if c.shot != nil && !e.loose {
		return ds, c.compileMatching(ds, t, level, docs)
	}
	if c.cache == nil {
		c.mem.sizeFor(docs)
	}
	c.group.reserve(n, most)
	ds.stmts = make([]stmt, 0, n)
	// The statements' references, used only to explain, live apart from
	// the statements so that those take fewer cache lines.
	refs := make([]StatementRef, n)
	for i, d := range docs {
		if d == nil {
			return nil, policyError(docPath(t, level, i), "is nil")
		}
		g := checkGrammarCached(c.cache, d, t)
		if g.doc != nil && !e.loose {
			return nil, grammarError(docPath(t, level, i), *g.doc)
		}
		for j := range d.Statement {
			ref := &refs[len(ds.stmts)]
			*ref = StatementRef{PolicyType: t, Level: level, PolicyIndex: i, StatementIndex: j, Sid: d.Statement[j].Sid, Effect: d.Statement[j].Effect}
			var st stmt
			var err error
			if g.doc != nil {
				err = grammarError(docPath(t, level, i), *g.doc)
			} else if fs, bad := g.stmts[j]; bad {
				err = grammarError(docPath(t, level, i), fs[0])
				if e.loose {
					st, err = e.compileFailClosed(t, ref, d, g, fs, err)
				}
			} else {
				st, err = compileStmtCached(c.cache, t, ref, d, g, &c.mem)
			}
			if err != nil {
				if !e.loose {
					return nil, err
				}
				st = e.unreadable(ref, err)
			}
			st.groupActions(c)
			ds.stmts = append(ds.stmts, st)
		}
	}
	return ds, nil
}

// resourceBased reports whether statements of t name principals.
func resourceBased(t PolicyType) bool { return t == TypeResource || t == TypeRCP }

// unreadable compiles a statement that cannot be read (LooseDocuments)
// fail-closed: a Deny, or a statement whose Effect is neither Allow nor
// Deny, matches every request (NotAction of nothing, any resource, no
// principal, no condition); an Allow matches none (no action). The reason
// becomes a Compile note that every explanation repeats.
func (e *Evaluator) unreadable(ref *StatementRef, why error) stmt {
	st := stmt{ref: ref, deny: ref.Effect != policy.Allow, anyResource: true}
	reason := why.Error()
	if pe, ok := why.(*Error); ok {
		reason = pe.Reason
	}
	msg := "cannot read this statement (" + reason + "); "
	if st.deny {
		st.notAction = true
		msg += "as a Deny it applies to every request (fail closed)"
	} else {
		msg += "as an Allow it never applies"
	}
	e.note(errDiag(DiagUnreadableStatement, msg, ref.Path()))
	return st
}

// compileFailClosed compiles, for LooseDocuments, a statement whose only
// errors are unreadable Action, NotAction, Resource or NotResource values,
// reading each of them fail-closed (see failClosedValues) and noting it. It
// returns why otherwise, so that the whole statement is read fail-closed.
func (e *Evaluator) compileFailClosed(t PolicyType, ref *StatementRef, d *policy.Document, g *grammarNotes, fs []policy.Finding, why error) (stmt, error) {
	fixed, notes, ok := failClosedValues(d.Statement[ref.StatementIndex], fs)
	if !ok {
		return stmt{}, why
	}
	c := *d
	c.Statement = make([]policy.Statement, len(d.Statement))
	c.Statement[ref.StatementIndex] = fixed
	st, err := compileStmt(t, ref, &c, g, nil)
	if err != nil {
		return stmt{}, why
	}
	for _, n := range notes {
		e.note(errDiag(DiagUnreadableStatement, "cannot read "+n+", so that this "+string(fixed.Effect)+" grants no more and denies no less than any reading", ref.Path()))
	}
	return st, nil
}

// note records a diagnostic of Compile, which every explanation repeats.
func (e *Evaluator) note(d Diagnostic) {
	if e.more == nil {
		e.more = &extras{}
	}
	e.more.notes = append(e.more.notes, d)
}
