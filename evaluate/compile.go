package evaluate

import (
	"strings"

	"github.com/cksiam/cksiam/policy"
)

// Evaluator is a compiled set of Policies. Compile once, then decide any
// number of requests; an Evaluator is immutable and safe for concurrent
// use.
type Evaluator struct {
	// What Decide reads comes first. An Evaluator is 192 bytes, a size
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
	// ("kms:decrypt"), and the service prefixes of e.services; masks
	// holds, per action number, which statements of each set match that
	// action, so a request for it skips action matching.
	names nameTable
	// masks is a table with a row per memoised action and a column per
	// set of at most 64 statements (docSet.col): the bit set of the
	// set's statements that match the action. One decision reads one
	// row, which for a few sets is one cache line.
	masks []uint64
	cols  int      // columns of masks
	scps  []docSet // the SCP levels, root first: part of pool
	rcps  []docSet // the RCP levels: part of pool
	// services numbers every service prefix the policies name (from 1),
	// so that matching compares small integers; 0 is any other service.
	services map[string]uint16
	// pool holds the sets the fields above point to.
	pool []docSet
	// notes are the diagnostics of Compile (statements read fail-closed),
	// which every explanation repeats; nil when there are none.
	notes *[]Diagnostic
	// more holds grants, facts and their readings; nil without them.
	more *extras
}

// memoAction is a memoised action: its number, its service's number and
// the length of its service prefix. A service prefix in Evaluator.names has
// id -1.
type memoAction struct {
	id     int32
	svc    uint16
	svcLen uint16
}

// maxMemoActions bounds the actions memoised at Compile.
const maxMemoActions = 4096

// intern returns the number of a lower-cased service prefix.
func (e *Evaluator) intern(service string) uint16 {
	if id, ok := e.services[service]; ok {
		return id
	}
	if e.services == nil {
		e.services = map[string]uint16{}
	}
	if len(e.services) >= 1<<16-1 {
		return 0 // saturated: the caller matches the whole action instead
	}
	id := uint16(len(e.services) + 1)
	e.services[service] = id
	return id
}

// docSet holds the compiled statements of one policy type, or of one SCP or
// RCP level, indexed by service prefix.
type docSet struct {
	// A set is 64 bytes, one cache line: the sets lie in Evaluator.pool,
	// an allocation of a multiple of 64 bytes, which starts on a line.
	//
	// allowsAll says the set allows every request and denies none: no
	// Deny statement, and an Allow of "*" on every resource without
	// Principal or Condition (FullAWSAccess, AdministratorAccess). Decide
	// then skips the statements.
	allowsAll bool
	// col is the set's column in Evaluator.masks, -1 for sets of more
	// than 64 statements, which use the service index instead.
	col   int32
	level int32
	stmts []stmt
	// index is nil for small sets, which are scanned whole.
	index *serviceIndex
	typ   PolicyType
}

// serviceIndex finds the statements of a large set that may match an
// action: byService lists, by service number, the statements whose Action
// names that service; wild lists the statements that may match any service
// (NotAction, wildcards in the service part).
type serviceIndex struct {
	byService [][]int32
	wild      []int32
}

// indexThreshold is the statement count from which a set is indexed by
// service; below it a scan is as fast as a map lookup.
const indexThreshold = 16

// stmt is one compiled statement.
type stmt struct {
	// What evalMatched reads comes first, in the first 64 bytes: a
	// statement is 128 bytes (TestCompiledLayout) and a docSet's
	// statements lie in one allocation of a multiple of 128 bytes, which
	// starts on a cache line, so that is one line; an evaluator that is
	// not in cache pays a memory access per line. Action matching, which
	// the Compile-time memo usually spares, comes next.
	deny         bool
	notAction    bool
	notResource  bool
	anyResource  bool // no Resource element (the resource the policy is attached to), or Resource "*" first
	notPrincipal bool
	resources    []resourcePattern
	principal    *principalSet // nil: no Principal element (identity-type policies)
	conds        []condEntry
	actions      []actionPattern // every Action or NotAction value
	// groups holds the action values grouped by service; the group of
	// service number 0 holds those matched as a whole (a wildcard in the
	// service part, or more services than can be numbered).
	groups []actionGroup
	// For explanations.
	ref *StatementRef
	_   [8]byte // to 128 bytes
}

// Compile checks and compiles p. It refuses nil documents and statements
// AWS would refuse for their policy type (no Effect, no Action, a Principal
// in an identity policy, no Principal in a resource policy…): an error is
// never turned into a decision.
func Compile(p Policies, opts ...Option) (*Evaluator, error) {
	var o options
	for _, opt := range opts {
		if opt != nil {
			opt(&o)
		}
	}
	e := &Evaluator{simulator: o.simulator, unnamedCaller: o.unnamedCaller, loose: o.loose}
	if err := e.compileExtras(&p, &o); err != nil {
		return nil, err
	}
	// Every set in one array: Decide on an evaluator that is not in cache
	// pays a memory access per cache line, and sets that lie together
	// share lines.
	n := len(p.SCPs) + len(p.RCPs) + 4
	e.pool = make([]docSet, 0, n)
	var err error
	if len(p.Identity) > 0 {
		if e.identity, err = e.compileSet(TypeIdentity, 0, p.Identity); err != nil {
			return nil, err
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
		if *one.dst, err = e.compileSet(one.t, 0, []*policy.Document{one.doc}); err != nil {
			return nil, err
		}
	}
	// The levels lie in the pool in order, so they are read in place
	// rather than through an array of pointers.
	first := len(e.pool)
	for level, docs := range p.SCPs {
		if _, err := e.compileSet(TypeSCP, level, docs); err != nil {
			return nil, err
		}
	}
	e.scps = e.pool[first:len(e.pool):len(e.pool)]
	first = len(e.pool)
	for level, docs := range p.RCPs {
		if _, err := e.compileSet(TypeRCP, level, docs); err != nil {
			return nil, err
		}
	}
	e.rcps = e.pool[first:len(e.pool):len(e.pool)]
	e.memoActions()
	return e, nil
}

func (e *Evaluator) sets() []*docSet {
	out := []*docSet{e.identity, e.boundary, e.session, e.resource}
	for i := range e.scps {
		out = append(out, &e.scps[i])
	}
	for i := range e.rcps {
		out = append(out, &e.rcps[i])
	}
	return out
}

// memoActions numbers the actions that sets of at most 64 statements name
// literally and records, for each such set, which statements match each of
// them. Matching is case-insensitive, so the lower-cased name stands for
// every spelling.
func (e *Evaluator) memoActions() {
	var names []string
	seen := map[string]bool{}
	for _, ds := range e.sets() {
		if ds == nil || len(ds.stmts) > 64 {
			continue // large sets use the service index instead
		}
		for i := range ds.stmts {
			for _, a := range ds.stmts[i].actions {
				if a.service == "" || a.shape != shapeLiteral || a.prefix == "" {
					continue
				}
				n := strings.ToLower(a.service + ":" + a.prefix)
				// Only names a request may carry: a request that finds its
				// action here needs no other check (see prepare).
				if _, err := checkAction(n); err != nil {
					continue
				}
				if !seen[n] && len(names) < maxMemoActions {
					seen[n] = true
					names = append(names, n)
				}
			}
		}
	}
	e.names = newNameTable(len(names) + len(e.services))
	for s, id := range e.services {
		e.names.add(s, memoAction{id: -1, svc: id})
	}
	for i, n := range names {
		c := strings.IndexByte(n, ':')
		e.names.add(n, memoAction{id: int32(i), svc: e.services[n[:c]], svcLen: uint16(c)})
	}
	var small []*docSet
	for _, ds := range e.sets() {
		if ds != nil {
			ds.col = -1
			if len(names) > 0 && len(ds.stmts) <= 64 {
				ds.col = int32(len(small))
				small = append(small, ds)
			}
		}
	}
	if len(small) == 0 {
		return
	}
	e.cols = len(small)
	e.masks = make([]uint64, len(names)*e.cols)
	for id, n := range names {
		var probe state
		c := strings.IndexByte(n, ':')
		probe.action, probe.actionService, probe.actionName = n, n[:c], n[c+1:]
		probe.svcID = e.services[probe.actionService]
		row := e.masks[id*e.cols : (id+1)*e.cols]
		for _, ds := range small {
			for i := range ds.stmts {
				if ds.stmts[i].matchAction(&probe) {
					row[ds.col] |= 1 << uint(i)
				}
			}
		}
	}
}

func (e *Evaluator) compileSet(t PolicyType, level int, docs []*policy.Document) (*docSet, error) {
	// Compile sized the pool for every set, so it never grows: the
	// pointers and sub-slices of Evaluator into it stay in one array.
	e.pool = append(e.pool, docSet{typ: t, level: int32(level), col: -1})
	ds := &e.pool[len(e.pool)-1]
	n := 0
	for _, d := range docs {
		if d != nil {
			n += len(d.Statement)
		}
	}
	ds.stmts = make([]stmt, 0, n)
	// The statements' references, used only to explain, live apart from
	// the statements so that those take fewer cache lines.
	refs := make([]StatementRef, n)
	for i, d := range docs {
		if d == nil {
			return nil, policyError(docPath(t, level, i), "is nil")
		}
		g := checkGrammar(d, t)
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
					st, err = e.compileFailClosed(t, ref, d, &g, fs, err)
				}
			} else {
				st, err = compileStmt(t, ref, d, &g)
			}
			if err != nil {
				if !e.loose {
					return nil, err
				}
				st = e.unreadable(ref, err)
			}
			st.groupActions(e)
			ds.stmts = append(ds.stmts, st)
		}
	}
	if len(ds.stmts) >= indexThreshold {
		ds.buildIndex(e)
	}
	ds.allowsAll = allowsAll(ds.stmts)
	return ds, nil
}

func (ds *docSet) buildIndex(e *Evaluator) {
	ix := &serviceIndex{byService: make([][]int32, len(e.services)+1)}
	ds.index = ix
	for i := range ds.stmts {
		st := &ds.stmts[i]
		if st.notAction || st.hasWholeActions() {
			ix.wild = append(ix.wild, int32(i))
			continue
		}
		for _, g := range st.groups {
			if g.id != 0 {
				ix.byService[g.id] = append(ix.byService[g.id], int32(i))
			}
		}
	}
}

// resourceBased reports whether statements of t name principals.
func resourceBased(t PolicyType) bool { return t == TypeResource || t == TypeRCP }

// compileStmt compiles the statement ref names in d.
func compileStmt(t PolicyType, ref *StatementRef, d *policy.Document, g *grammarNotes) (stmt, error) {
	s := &d.Statement[ref.StatementIndex]
	st := stmt{ref: ref, deny: s.Effect == policy.Deny}
	fail := func(elem, reason string) (stmt, error) {
		return stmt{}, policyError(st.ref.Path()+elem, reason)
	}
	if !s.Effect.Valid() {
		return fail(".Effect", "must be \"Allow\" or \"Deny\", got "+quote(string(s.Effect)))
	}
	switch {
	case s.Action.Present() && s.NotAction.Present():
		return fail("", "has both Action and NotAction")
	case s.Action.Present():
		st.actions = make([]actionPattern, 0, len(s.Action.Values))
		for _, a := range s.Action.Values {
			st.actions = append(st.actions, compileAction(a))
		}
	case s.NotAction.Present():
		st.notAction = true
		st.actions = make([]actionPattern, 0, len(s.NotAction.Values))
		for _, a := range s.NotAction.Values {
			st.actions = append(st.actions, compileAction(a))
		}
	default:
		return fail("", "has neither Action nor NotAction")
	}
	vars := d.VariablesEnabled()
	switch {
	case s.Resource.Present() && s.NotResource.Present():
		return fail("", "has both Resource and NotResource")
	case s.Resource.Present():
		for _, r := range s.Resource.Values {
			st.resources = append(st.resources, compileResource(r, vars))
		}
		// Resource "*" (first, so that no entry before it could record a
		// missing policy variable) matches every request: skip the loop.
		if len(st.resources) > 0 && st.resources[0].tmpl == nil && st.resources[0].pat.shape == shapeAny {
			st.anyResource = true
		}
	case s.NotResource.Present():
		st.notResource = true
		for _, r := range s.NotResource.Values {
			st.resources = append(st.resources, compileResource(r, vars))
		}
	case t == TypeResource:
		// Trust policies (and some other resource policies) omit Resource:
		// the statement is about the resource the policy is attached to
		// (aws-rules A.1).
		st.anyResource = true
	default:
		return fail("", "has neither Resource nor NotResource")
	}
	switch {
	case s.Principal != nil && s.NotPrincipal != nil:
		return fail("", "has both Principal and NotPrincipal")
	case !resourceBased(t) && (s.Principal != nil || s.NotPrincipal != nil):
		return fail(".Principal", "is not allowed in a policy of type "+string(t)+" (aws-rules A.1)")
	case s.Principal != nil:
		st.principal = compilePrincipal(s.Principal)
	case s.NotPrincipal != nil:
		st.principal, st.notPrincipal = compilePrincipal(s.NotPrincipal), true
	case resourceBased(t):
		return fail("", "has neither Principal nor NotPrincipal, which a "+string(t)+" policy requires")
	}
	for _, b := range s.Condition {
		op, err := policy.ParseOperator(b.Operator)
		if err != nil {
			return fail(".Condition."+b.Operator, err.Error())
		}
		for _, ent := range b.Entries {
			ce := compileEntry(op, b.Operator, ent, vars && variablesAllowed(op.Base.Family()))
			// A value the validator cannot read is not read here either,
			// whatever the operator's own reader would make of it.
			if why, bad := g.entries[entryAt{stmt: ref.StatementIndex, op: b.Operator, key: ent.Key}]; bad && ce.bad == "" {
				ce.bad = why
			}
			st.conds = append(st.conds, ce)
		}
	}
	return st, nil
}

// variablesAllowed reports whether policy variables are substituted in
// condition values of family f: only the String and ARN operators
// (aws-rules A.8). Elsewhere "${" is literal text.
func variablesAllowed(f policy.OperatorFamily) bool {
	return f == policy.FamilyString || f == policy.FamilyARN
}

// actionGroup holds the action patterns of one statement that name one
// service, so that a request for another service costs one comparison.
type actionGroup struct {
	id  uint16   // the service's number in Evaluator.services; 0: patterns matched as a whole
	idx []uint32 // the patterns, as indexes into stmt.actions
	// first holds, per pattern, the lower-cased first byte of its name, or
	// 0 when the name starts with a wildcard: a one-byte filter checked
	// before the pattern itself.
	first []byte
}

func (st *stmt) groupActions(e *Evaluator) {
	for k := range st.actions {
		a := &st.actions[k]
		var id uint16 // 0: matched as a whole
		if a.service != "" {
			if id = e.intern(a.service); id == 0 {
				a.full = compileGlob(a.raw, true)
			}
		}
		found := false
		for i := range st.groups {
			if st.groups[i].id == id {
				st.groups[i].idx = append(st.groups[i].idx, uint32(k))
				st.groups[i].first = append(st.groups[i].first, a.firstByte())
				found = true
				break
			}
		}
		if !found {
			st.groups = append(st.groups, actionGroup{id: id, idx: []uint32{uint32(k)}, first: []byte{a.firstByte()}})
		}
	}
}

// allowsAll reports whether stmts allow every request and deny none (see
// docSet.allowsAll).
func allowsAll(stmts []stmt) bool {
	all := false
	for i := range stmts {
		st := &stmts[i]
		if st.deny {
			return false
		}
		if st.notAction || !st.anyResource || st.principal != nil || len(st.conds) > 0 {
			continue
		}
		for _, a := range st.actions {
			if a.raw == "*" || a.raw == "*:*" {
				all = true
			}
		}
	}
	return all
}

// hasWholeActions reports whether some action value is matched as a whole
// (see stmt.groups).
func (st *stmt) hasWholeActions() bool {
	for i := range st.groups {
		if st.groups[i].id == 0 {
			return true
		}
	}
	return false
}

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
	if e.notes == nil {
		e.notes = &[]Diagnostic{}
	}
	*e.notes = append(*e.notes, errDiag(DiagUnreadableStatement, msg, ref.Path()))
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
	st, err := compileStmt(t, ref, &c, g)
	if err != nil {
		return stmt{}, why
	}
	if e.notes == nil {
		e.notes = &[]Diagnostic{}
	}
	for _, n := range notes {
		*e.notes = append(*e.notes, errDiag(DiagUnreadableStatement, "cannot read "+n+", so that this "+string(fixed.Effect)+" grants no more and denies no less than any reading", ref.Path()))
	}
	return st, nil
}
