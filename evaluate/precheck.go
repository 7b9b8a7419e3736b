package evaluate

import "github.com/cksiam/cksiam/policy"

// CheckPolicies returns the error Compile(p, opts...) returns, or nil when
// Compile would succeed, without building an Evaluator: it runs Compile's
// checks alone, in Compile's order — the grants, key facts and principal
// tags, then every document (nil, its grammar, each statement's grammar
// and shape; with LooseDocuments only a nil document) — and compiles no
// statement. A caller that needs to know whether a document set is one
// the engine decides, but not to decide with it (a proof read from the
// statements), saves building the evaluator.
func CheckPolicies(p Policies, opts ...Option) error {
	var o options
	for _, opt := range opts {
		if opt != nil {
			opt(&o)
		}
	}
	e := &Evaluator{simulator: o.simulator, unnamedCaller: o.unnamedCaller, loose: o.loose}
	if err := e.compileExtras(&p, &o); err != nil {
		return err
	}
	if len(p.Identity) > 0 {
		if err := checkSet(&o, TypeIdentity, 0, p.Identity); err != nil {
			return err
		}
	}
	for _, one := range []struct {
		t   PolicyType
		doc *policy.Document
	}{{TypeBoundary, p.Boundary}, {TypeSession, p.Session}, {TypeResource, p.Resource}} {
		if one.doc == nil {
			continue
		}
		if err := checkSet(&o, one.t, 0, []*policy.Document{one.doc}); err != nil {
			return err
		}
	}
	for level, docs := range p.SCPs {
		if err := checkSet(&o, TypeSCP, level, docs); err != nil {
			return err
		}
	}
	for level, docs := range p.RCPs {
		if err := checkSet(&o, TypeRCP, level, docs); err != nil {
			return err
		}
	}
	return nil
}

// checkSet returns the error compileSet gives for docs, a set of type t
// at level, without compiling a statement.
func checkSet(o *options, t PolicyType, level int, docs []*policy.Document) error {
	for i, d := range docs {
		if d == nil {
			return policyError(docPath(t, level, i), "is nil")
		}
		if o.loose {
			// Unreadable documents and statements compile fail-closed.
			continue
		}
		g := checkGrammarCached(o.cache, d, t)
		if g.doc != nil {
			return grammarError(docPath(t, level, i), *g.doc)
		}
		for j := range d.Statement {
			if fs, bad := g.stmts[j]; bad {
				return grammarError(docPath(t, level, i), fs[0])
			}
			s := &d.Statement[j]
			ref := StatementRef{PolicyType: t, Level: level, PolicyIndex: i, StatementIndex: j, Sid: s.Sid, Effect: s.Effect}
			if err := checkStmt(t, &ref, s); err != nil {
				return err
			}
		}
	}
	return nil
}
