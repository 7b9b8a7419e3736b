package evaluate

import (
	"strconv"

	"github.com/cksiam/cksiam/policy"
)

// Evaluator is a compiled set of Policies. Compile once, then decide any
// number of requests; an Evaluator is immutable and safe for concurrent
// use.
type Evaluator struct {
	identity *docSet // nil when Policies.Identity is empty
	boundary *docSet
	session  *docSet
	resource *docSet
	scps     []*docSet
	rcps     []*docSet
}

// docSet holds the compiled statements of one policy type, or of one SCP or
// RCP level, indexed by service prefix.
type docSet struct {
	typ   PolicyType
	level int
	stmts []stmt
	// byService maps a lower-cased service prefix to the statements whose
	// Action names that service; wild lists the statements that may match
	// any service (NotAction, wildcards in the service part). Both are nil
	// for small sets, which are scanned whole.
	byService map[string][]int32
	wild      []int32
}

// indexThreshold is the statement count from which a set is indexed by
// service; below it a scan is as fast as a map lookup.
const indexThreshold = 16

// stmt is one compiled statement.
type stmt struct {
	ref          StatementRef
	where        string
	deny         bool
	actions      []actionPattern
	notAction    bool
	resources    []resourcePattern
	notResource  bool
	anyResource  bool          // no Resource element: the resource the policy is attached to
	principal    *principalSet // nil: no Principal element (identity-type policies)
	notPrincipal bool
	conds        []condEntry
}

// Compile checks and compiles p. It refuses nil documents and statements
// AWS would refuse for their policy type (no Effect, no Action, a Principal
// in an identity policy, no Principal in a resource policy…): an error is
// never turned into a decision.
func Compile(p Policies) (*Evaluator, error) {
	e := &Evaluator{}
	var err error
	if len(p.Identity) > 0 {
		if e.identity, err = compileSet(IdentityPolicy, 0, p.Identity); err != nil {
			return nil, err
		}
	}
	for _, one := range []struct {
		t   PolicyType
		doc *policy.Document
		dst **docSet
	}{
		{BoundaryPolicy, p.Boundary, &e.boundary},
		{SessionPolicy, p.Session, &e.session},
		{ResourcePolicy, p.Resource, &e.resource},
	} {
		if one.doc == nil {
			continue
		}
		if *one.dst, err = compileSet(one.t, 0, []*policy.Document{one.doc}); err != nil {
			return nil, err
		}
	}
	for level, docs := range p.SCPs {
		ds, err := compileSet(SCPPolicy, level, docs)
		if err != nil {
			return nil, err
		}
		e.scps = append(e.scps, ds)
	}
	for level, docs := range p.RCPs {
		ds, err := compileSet(RCPPolicy, level, docs)
		if err != nil {
			return nil, err
		}
		e.rcps = append(e.rcps, ds)
	}
	return e, nil
}

func compileSet(t PolicyType, level int, docs []*policy.Document) (*docSet, error) {
	ds := &docSet{typ: t, level: level}
	for i, d := range docs {
		where := docPath(t, level, i)
		if d == nil {
			return nil, &Error{Path: where, Reason: "is nil"}
		}
		for j := range d.Statement {
			st, err := compileStmt(t, level, i, j, d, where+".Statement["+strconv.Itoa(j)+"]")
			if err != nil {
				return nil, err
			}
			ds.stmts = append(ds.stmts, st)
		}
	}
	if len(ds.stmts) >= indexThreshold {
		ds.buildIndex()
	}
	return ds, nil
}

func (ds *docSet) buildIndex() {
	ds.byService = map[string][]int32{}
	for i := range ds.stmts {
		st := &ds.stmts[i]
		wild := st.notAction
		for _, a := range st.actions {
			if a.service == "" {
				wild = true
			}
		}
		if wild {
			ds.wild = append(ds.wild, int32(i))
			continue
		}
		for k, a := range st.actions {
			dup := false
			for _, b := range st.actions[:k] {
				dup = dup || b.service == a.service
			}
			if !dup {
				ds.byService[a.service] = append(ds.byService[a.service], int32(i))
			}
		}
	}
}

// resourceBased reports whether statements of t name principals.
func resourceBased(t PolicyType) bool { return t == ResourcePolicy || t == RCPPolicy }

func compileStmt(t PolicyType, level, di, si int, d *policy.Document, where string) (stmt, error) {
	s := &d.Statement[si]
	st := stmt{
		ref:   StatementRef{PolicyType: t, Level: level, PolicyIndex: di, StatementIndex: si, Sid: s.Sid, Effect: s.Effect},
		where: where,
		deny:  s.Effect == policy.Deny,
	}
	fail := func(elem, reason string) (stmt, error) {
		return stmt{}, &Error{Path: where + elem, Reason: reason}
	}
	if !s.Effect.Valid() {
		return fail(".Effect", "must be \"Allow\" or \"Deny\", got "+quote(string(s.Effect)))
	}
	switch {
	case s.Action.Present() && s.NotAction.Present():
		return fail("", "has both Action and NotAction")
	case s.Action.Present():
		for _, a := range s.Action.Values {
			st.actions = append(st.actions, compileAction(a))
		}
	case s.NotAction.Present():
		st.notAction = true
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
	case s.NotResource.Present():
		st.notResource = true
		for _, r := range s.NotResource.Values {
			st.resources = append(st.resources, compileResource(r, vars))
		}
	case t == ResourcePolicy:
		// Trust policies (and some other resource policies) omit Resource:
		// the statement is about the resource the policy is attached to
		// (facts A.1).
		st.anyResource = true
	default:
		return fail("", "has neither Resource nor NotResource")
	}
	switch {
	case s.Principal != nil && s.NotPrincipal != nil:
		return fail("", "has both Principal and NotPrincipal")
	case !resourceBased(t) && (s.Principal != nil || s.NotPrincipal != nil):
		return fail(".Principal", "is not allowed in a policy of type "+string(t)+" (facts A.1)")
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
			st.conds = append(st.conds, compileEntry(op, ent, vars && variablesAllowed(op.Base.Family()), where+".Condition."+b.Operator+"."+ent.Key))
		}
	}
	return st, nil
}

// variablesAllowed reports whether policy variables are substituted in
// condition values of family f: only the String and ARN operators (facts
// A.8). Elsewhere "${" is literal text.
func variablesAllowed(f policy.OperatorFamily) bool {
	return f == policy.FamilyString || f == policy.FamilyARN
}
