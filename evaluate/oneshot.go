package evaluate

import (
	"strings"

	"github.com/cksiam/cksiam/internal/ascii"
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

// actionQuery is a request's action, read as prepare reads it, for
// choosing the statements that match it.
type actionQuery struct {
	action  string
	service string // lower-cased service prefix
	name    string // the part after the colon
	valid   bool   // checkAction accepts action; else no statement matches, and prepare refuses the request
}

func newActionQuery(action string) *actionQuery {
	q := &actionQuery{action: action}
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
func (q *actionQuery) matchValue(v string) bool {
	i := strings.IndexByte(v, ':')
	if i <= 0 || hasWildcard(v[:i]) {
		return compileGlob(v, true).Match(q.action)
	}
	if !ascii.EqualFold(v[:i], q.service) {
		return false
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
	return ascii.HasPrefixFold(q.name, name[:w]) && compileGlob(name, true).Match(q.name)
}

// compileMatching fills ds, a set of type t at level, with the statements
// of docs that match c.only, after checking every document and statement
// as compileSet does (Compile without LooseDocuments): first every check,
// in Compile's order, then the statements that match, which compile
// without error, in one array with their references in another.
func (c *compiler) compileMatching(ds *docSet, t PolicyType, level int, docs []*policy.Document) error {
	matched := c.matched[:0]
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
			if c.only.matches(s) {
				matched = append(matched, stmtAt{doc: i, stmt: j, g: g})
			}
		}
	}
	c.matched = matched
	if len(matched) == 0 {
		return nil
	}
	ds.stmts = make([]stmt, len(matched))
	refs := make([]StatementRef, len(matched))
	for k, m := range matched {
		d := docs[m.doc]
		s := &d.Statement[m.stmt]
		refs[k] = StatementRef{PolicyType: t, Level: level, PolicyIndex: m.doc, StatementIndex: m.stmt, Sid: s.Sid, Effect: s.Effect}
		ds.stmts[k] = buildStmt(t, &refs[k], d, m.g, &c.mem, false)
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
// compiled: with c.only, those that match its action.
func (c *compiler) matchedRows() rows {
	sets := c.sets()
	r := rows{off: make([]uint32, len(sets)+1)}
	n := 0
	for col, ds := range sets {
		ds.col = int32(col)
		r.off[col] = uint32(n)
		n += len(ds.stmts)
	}
	r.off[len(sets)] = uint32(n)
	r.stmts = make([]uint32, 0, n)
	for _, ds := range sets {
		for i := range ds.stmts {
			r.stmts = append(r.stmts, uint32(i))
		}
	}
	return r
}
