package prove

import (
	"strconv"
	"strings"

	"github.com/cksiam/cksiam/evaluate"
	"github.com/cksiam/cksiam/policy"
)

// side is one set of policies a question compares: the old or the new
// document, framed as the evaluator's Policies.
type side struct {
	pol  evaluate.Policies
	ev   *evaluate.Evaluator
	sets []*setM
	// Which policy types take part.
	identity, boundary, session, resource bool
	scps, rcps                            []*setM
	svcDep                                int8 // as stmtM.svcDep, for any statement of the side
}

// needsSvc reports whether some statement of the side needs the
// service of the control's actions (stmtM.needsSvc).
func (sd *side) needsSvc() bool {
	if sd.svcDep == 0 {
		sd.svcDep = -1
		for _, sets := range [][]*setM{sd.sets, sd.scps, sd.rcps} {
			for _, set := range sets {
				for _, st := range set.stmts {
					if st.needsSvc() {
						sd.svcDep = 1
					}
				}
			}
		}
	}
	return sd.svcDep > 0
}

// setM is the statements of one policy type (one level for SCPs and RCPs).
type setM struct {
	typ   evaluate.PolicyType
	level int
	stmts []*stmtM
}

// stmtM is one statement, read into the prover's dimensions.
type stmtM struct {
	path    string
	deny    bool
	actPred int
	anyRes  bool
	notRes  bool
	res     []resRef
	prin    *prinEl
	conds   []*condRef
	actMask bitset // the action classes actPred holds, once computed
	conjs   map[conjKey]conj
	svcDep  int8 // 0 unknown, 1 the conjunction depends on the action's service, -1 not
}

// needsSvc reports whether the statement's conjunction depends on the
// service of the control's actions: only a condition read from the
// principal does (kms:CallerAccount is implied for kms actions only).
func (s *stmtM) needsSvc() bool {
	if s.svcDep == 0 {
		s.svcDep = -1
		for _, c := range s.conds {
			if c.where == keyPrincipal || c.where == keyMixed {
				s.svcDep = 1
			}
		}
	}
	return s.svcDep > 0
}

// resRef is one Resource or NotResource value.
type resRef struct {
	atom int // the pattern's atom, -1 when it depends on a variable
	vars *varTmpl
}

// varTmpl is a Resource value with policy variables (aws-rules A.8): for
// an ARN only its resource part is read for variables.
type varTmpl struct {
	prefix string // glob-encoded text before the resource part
	t      *tmpl
	// variants holds, per assignment of its control variables (see
	// controlVars), the atom of the substituted pattern.
	variants map[string]int
	opaque   bool // a variable the request's shape does not fix
}

// prinEl is a Principal or NotPrincipal element.
type prinEl struct {
	not      bool
	everyone bool
	entries  []entry
}

// condRef is one condition entry of a statement and where its key lives.
type condRef struct {
	ce    *centry
	where keyPlace
	dim   *keyDim // keyFree
}

// keyPlace says what decides a condition key's value.
type keyPlace uint8

const (
	keyFree      keyPlace = iota // a key dimension
	keyPrincipal                 // implied by the principal (aws:PrincipalArn, aws:username…)
	keyShape                     // fixed by the request's shape (account, principal type…)
	keyAction                    // kms:CallerAccount: the caller's account, for kms actions only
	keyMixed                     // aws:userid: implied for some kinds, free for others
)

func placeOf(lower string) keyPlace {
	switch lower {
	case "aws:principalarn", "aws:username", "aws:principalservicename":
		return keyPrincipal
	case "aws:principalaccount", "aws:principaltype", "aws:principalisawsservice", "aws:resourceaccount":
		return keyShape
	case "kms:calleraccount":
		return keyAction
	case "aws:userid":
		return keyMixed
	}
	return keyFree
}

// readSide compiles the statements of p into the problem's dimensions.
func (pb *problem) readSide(p evaluate.Policies) (*side, error) {
	ev, err := evaluate.Compile(p)
	if err != nil {
		return nil, err
	}
	s := &side{pol: p, ev: ev, identity: len(p.Identity) > 0, boundary: p.Boundary != nil,
		session: p.Session != nil, resource: p.Resource != nil}
	add := func(t evaluate.PolicyType, level int, docs []*policy.Document) *setM {
		set := &setM{typ: t, level: level}
		for di, d := range docs {
			for si := range d.Statement {
				set.stmts = append(set.stmts, pb.readStmt(t, level, di, si, d))
			}
		}
		s.sets = append(s.sets, set)
		return set
	}
	if s.identity {
		add(evaluate.TypeIdentity, 0, p.Identity)
	}
	if s.boundary {
		add(evaluate.TypeBoundary, 0, []*policy.Document{p.Boundary})
	}
	if s.session {
		add(evaluate.TypeSession, 0, []*policy.Document{p.Session})
	}
	if s.resource {
		add(evaluate.TypeResource, 0, []*policy.Document{p.Resource})
	}
	for l, docs := range p.SCPs {
		s.scps = append(s.scps, add(evaluate.TypeSCP, l, docs))
	}
	for l, docs := range p.RCPs {
		s.rcps = append(s.rcps, add(evaluate.TypeRCP, l, docs))
	}
	return s, nil
}

func stmtPath(t evaluate.PolicyType, level, doc, stmt int) string {
	ref := evaluate.StatementRef{PolicyType: t, Level: level, PolicyIndex: doc, StatementIndex: stmt}
	return ref.Path()
}

// readStmt reads one statement (evaluate.Compile accepted it).
func (pb *problem) readStmt(t evaluate.PolicyType, level, di, si int, d *policy.Document) *stmtM {
	st := &d.Statement[si]
	m := &stmtM{path: stmtPath(t, level, di, si), deny: st.Effect == policy.Deny}
	if st.Action.Present() {
		m.actPred = pb.act.pred(st.Action.Values, false)
	} else {
		m.actPred = pb.act.pred(st.NotAction.Values, true)
	}
	vars := d.VariablesEnabled()
	switch {
	case st.Resource.Present():
		if st.Resource.Values[0] == "*" {
			m.anyRes = true
		} else {
			m.res = pb.readResources(st.Resource.Values, vars)
		}
	case st.NotResource.Present():
		m.notRes = true
		m.res = pb.readResources(st.NotResource.Values, vars)
	default:
		m.anyRes = true // a resource policy statement without Resource
	}
	switch {
	case st.Principal != nil:
		m.prin = pb.readPrincipal(st.Principal, false)
	case st.NotPrincipal != nil:
		m.prin = pb.readPrincipal(st.NotPrincipal, true)
	}
	for _, blk := range st.Condition {
		op, err := policy.ParseOperator(blk.Operator)
		if err != nil {
			continue // Compile refused it already
		}
		for _, e := range blk.Entries {
			ce := readEntry(op, blk.Operator, e, vars)
			m.conds = append(m.conds, pb.readCond(&ce))
		}
	}
	return m
}

// readResources registers the atoms of a Resource (or NotResource) list:
// one atom for the union of its plain patterns — a statement needs no more,
// and one atom per list keeps the construction small where a list holds
// many patterns with several '*' each — and one per value with policy
// variables. With variables on, ${...} is substituted wherever it is, as
// the evaluator does (aws-rules A.6, A.8): in an ARN's resource part, or
// in the whole value when the part before it holds one.
func (pb *problem) readResources(values []string, vars bool) []resRef {
	var out []resRef
	var plain []string
	for _, r := range values {
		if vars && strings.Contains(r, "${") {
			text, prefix := r, ""
			if parts, ok := splitARN(r); ok && !strings.Contains(r[:len(r)-len(parts[5])], "${") {
				text, prefix = parts[5], r[:len(r)-len(parts[5])]
			}
			if t := parseTmpl(text); t != nil {
				for _, p := range t.parts {
					if p.esc == '*' || p.esc == '?' {
						pb.res.literalWild = true
					}
				}
				vt := &varTmpl{prefix: encode(prefix), t: t, variants: map[string]int{}}
				pb.varResources = append(pb.varResources, vt)
				out = append(out, resRef{atom: -1, vars: vt})
				continue
			}
		}
		plain = append(plain, encode(r))
	}
	if len(plain) > 0 {
		out = append(out, resRef{atom: pb.res.patterns(plain)})
	}
	return out
}

func (pb *problem) readPrincipal(p *policy.Principal, not bool) *prinEl {
	everyone, entries := principalEntries(p)
	for _, e := range entries {
		pb.prin.entryAtoms(e, pb.sess)
		if e.typ == policy.PrincipalFederated {
			pb.fedHosts[e.raw] = true
		}
		if e.kind == awsAccount || e.kind == awsUser || e.kind == awsRole || e.kind == awsSession || e.kind == awsFederatedUser {
			pb.named[e.account] = true
		}
	}
	return &prinEl{not: not, everyone: everyone, entries: entries}
}

// readCond places a condition entry and registers the atoms it needs.
func (pb *problem) readCond(ce *centry) *condRef {
	c := &condRef{ce: ce, where: placeOf(ce.lower)}
	switch c.where {
	case keyPrincipal:
		pb.principalValueAtoms(ce)
	case keyMixed:
		pb.principalValueAtoms(ce)
		c.dim = pb.keyDim(ce)
	case keyFree:
		c.dim = pb.keyDim(ce)
	}
	for i := range ce.vals {
		if t := ce.vals[i].tmpl; t != nil {
			pb.condVars = append(pb.condVars, c)
			break
		}
	}
	return c
}

// principalValueAtoms registers the languages of an entry on a key the
// principal implies.
func (pb *problem) principalValueAtoms(ce *centry) {
	if ce.bad != "" {
		return
	}
	for i := range ce.vals {
		v := &ce.vals[i]
		if v.tmpl != nil {
			continue
		}
		switch ce.pos.Family() {
		case policy.FamilyString, policy.FamilyARN, policy.FamilyBinary:
			key := ce.lower
			if key == "aws:userid" {
				continue // for root its value is the account; for federated users see atomsForUserID
			}
			pb.prin.valueAtoms(key, ce.pos, v.text)
		}
	}
}

// keyDim returns the dimension of an entry's key, creating it.
func (pb *problem) keyDim(ce *centry) *keyDim {
	k, ok := pb.keys[ce.lower]
	if !ok {
		k = &keyDim{name: ce.key, lower: ce.lower, typ: pb.ix.keyType(ce.key)}
		pb.keys[ce.lower] = k
	}
	k.entries = append(k.entries, ce)
	return k
}

func itoa(i int) string { return strconv.Itoa(i) }
