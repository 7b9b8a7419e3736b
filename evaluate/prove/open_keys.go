package prove

import (
	"sort"
	"strings"

	"github.com/cksiam/cksiam/evaluate"
	"github.com/cksiam/cksiam/internal/ascii"
	"github.com/cksiam/cksiam/internal/glob"
	"github.com/cksiam/cksiam/policy"
	"github.com/cksiam/cksiam/policy/catalog"
)

// openUniverse is what a question ranges over: one dimension per free key
// a relevant condition tests (its cells, absent first), and the encryption
// context's dimensions when it is free.
type openUniverse struct {
	dims []*odim
	free []string
	// inexact says why the cells may not tell apart every class of
	// values, so that only Sometimes (two confirmed requests) can be
	// answered; reason is its Reason.
	inexact string
	reason  Reason
	// bothTimes: aws:CurrentTime and aws:EpochTime are both free and
	// tested; a witness must give them one instant.
	bothTimes bool
	// namesOnly: families whose requests give the names key only
	// (openReq.namesOnly).
	namesOnly map[*mapFamily]bool
	// absent is the question's Absent: a map name it lists is in no
	// request (each such name is a cell of its own in the names
	// dimension, so that leaving it out leaves no other name out).
	absent []string
}

// odim is one free dimension.
type odim struct {
	kd *keyDim
	// fam is nil for a context key; else the dimension is the value of
	// the family's key name (spelled spell) when role is 1, the family's
	// other names when role is 2.
	fam   *mapFamily
	role  int
	name  string
	spell string
}

// mapFamily is a request's map whose entries the conditions test one by
// one (prefix + name) and whose names they test as a set (names): the
// encryption context (kms:EncryptionContext:<name>,
// kms:EncryptionContextKeys; Request.EncryptionContext) and the request
// tags (aws:RequestTag/<name>, aws:TagKeys; given in the context). Names
// compare without regard to case in the prefixed keys and with it in the
// set, so a request's names are made one way and kept consistent.
type mapFamily struct {
	prefix, names string // lower-cased
	carried       string // a key of the family, to ask the catalog
	spellPrefix   string // the prefix as written in a context key
	spellNames    string
	ec            bool // Request.EncryptionContext, else context keys
}

var (
	ecFamily  = &mapFamily{prefix: "kms:encryptioncontext:", names: "kms:encryptioncontextkeys", carried: "kms:EncryptionContext:x", spellPrefix: "kms:EncryptionContext:", spellNames: "kms:EncryptionContextKeys", ec: true}
	tagFamily = &mapFamily{prefix: "aws:requesttag/", names: "aws:tagkeys", carried: "aws:RequestTag/x", spellPrefix: "aws:RequestTag/", spellNames: "aws:TagKeys"}
	families  = []*mapFamily{ecFamily, tagFamily}
)

// of reports whether a lower-cased key is one of the family's, and the
// name it gives a value of ("" for the names key).
func (f *mapFamily) of(l string) (name string, ok bool) {
	if l == f.names {
		return "", true
	}
	if n, ok := strings.CutPrefix(l, f.prefix); ok && n != "" {
		return n, true
	}
	return "", false
}

// familyOf is the family of a lower-cased key, or nil.
func familyOf(l string) *mapFamily {
	for _, f := range families {
		if _, ok := f.of(l); ok {
			return f
		}
	}
	return nil
}

// impliedPrincipalKeys are the keys the evaluator implies from the
// principal and the resource for every request that names its principal.
var impliedPrincipalKeys = map[string]bool{
	"aws:principalarn": true, "aws:principalaccount": true, "aws:principaltype": true,
	"aws:username": true, "kms:calleraccount": true, "aws:principalisawsservice": true,
	"aws:principalservicename": true, "aws:resourceaccount": true,
}

// newGrantKeyNames are the keys the evaluator implies from Request.NewGrant.
var newGrantKeyNames = map[string]bool{
	"kms:granteeprincipal": true, "kms:granteeserviceprincipal": true, "kms:retiringprincipal": true,
	"kms:retiringserviceprincipal": true, "kms:grantoperations": true, "kms:grantconstrainttype": true,
	"kms:grantconstraintsourcearn": true,
}

const (
	ecKeyPrefix = "kms:encryptioncontext:"
	ecKeysKey   = "kms:encryptioncontextkeys"
)

// famFree reports whether the family's keys are free for the request.
func (or *openReq) famFree(f *mapFamily) bool { return or.freeFam[f] }

// keyNamed reports whether a lower-cased key is one of names (lower-cased;
// a trailing '*' matches any rest).
func keyNamed(lower string, names []string) bool {
	for _, n := range names {
		n = ascii.ToLower(n)
		if p, ok := strings.CutSuffix(n, "*"); ok {
			if strings.HasPrefix(lower, p) {
				return true
			}
		} else if n == lower {
			return true
		}
	}
	return false
}

// openReq is a question read for deciding which keys are free.
type openReq struct {
	q        Question
	action   string // lower-cased
	ai       int    // catalog index of the action, -1 when not listed
	given    map[string]bool
	keyFacts bool // the key's facts apply to the request
	freeFam  map[*mapFamily]bool
	ecFree   bool
	// namesOnly: the family's names key is free for the action and its
	// value keys are in no request (kms:UntagResource gives aws:TagKeys,
	// the names it removes, and no aws:RequestTag/<name>: aws-rules K.3).
	namesOnly map[*mapFamily]bool
}

func (op *Open) readQuestion(q Question) openReq {
	r := q.Request
	or := openReq{q: q, action: ascii.ToLower(r.Action), ai: -1, given: map[string]bool{}}
	if i, ok := op.ix.byName[or.action]; ok {
		or.ai = i
	}
	given := map[*mapFamily]bool{ecFamily: r.EncryptionContext != nil}
	for k, v := range r.Context {
		if len(v) > 0 {
			l := ascii.ToLower(k)
			or.given[l] = true
			if f := familyOf(l); f != nil {
				given[f] = true
			}
		}
	}
	if k := op.pol.Key; k != nil {
		or.keyFacts = k.Arn == "" || ascii.EqualFold(k.Arn, r.Resource)
	}
	or.freeFam, or.namesOnly = map[*mapFamily]bool{}, map[*mapFamily]bool{}
	for _, f := range families {
		if given[f] || keyNamed(f.names, q.Absent) || keyNamed(f.prefix+"x", q.Absent) {
			continue
		}
		switch {
		case or.ai >= 0 && !op.opts.noCat:
			or.freeFam[f] = op.ix.carry(f.carried).has(or.ai)
			if !f.ec && !or.freeFam[f] && op.ix.carry(f.spellNames).has(or.ai) {
				or.freeFam[f], or.namesOnly[f] = true, true
			}
		case f.ec:
			or.freeFam[f] = strings.HasPrefix(or.action, "kms:")
		default:
			or.freeFam[f] = true
		}
	}
	or.ecFree = or.freeFam[ecFamily]
	return or
}

// free reports whether a lower-cased key (not of the encryption context)
// is free for the request.
func (op *Open) free(or *openReq, l string) bool {
	if or.given[l] {
		return false
	}
	if keyNamed(l, or.q.Free) {
		return true
	}
	if keyNamed(l, or.q.Absent) || impliedPrincipalKeys[l] {
		return false
	}
	p := op.pol
	switch {
	case l == "aws:userid":
		// Implied for the root user and federated users only.
		pr := or.q.Request.Principal
		if strings.HasSuffix(pr, ":root") || strings.Contains(pr, ":federated-user/") {
			return false
		}
	case strings.HasPrefix(l, "aws:principaltag/"):
		if p.PrincipalTags != nil {
			return false
		}
	case strings.HasPrefix(l, "aws:resourcetag/"):
		if or.keyFacts && p.Key.Tags != nil {
			return false
		}
	case newGrantKeyNames[l]:
		if or.q.Request.NewGrant != nil {
			return false
		}
	case or.keyFacts && l == "kms:keyorigin":
		if p.Key.Origin != "" {
			return false
		}
	case or.keyFacts && l == "kms:keyspec":
		if p.Key.KeySpec != "" {
			return false
		}
	case or.keyFacts && l == "kms:keyusage":
		if p.Key.KeyUsage != "" {
			return false
		}
	case or.keyFacts && l == "kms:multiregion":
		if p.Key.MultiRegion != nil {
			return false
		}
	case or.keyFacts && l == "kms:multiregionkeytype":
		if p.Key.MultiRegionKeyType != "" || p.Key.MultiRegion != nil && !*p.Key.MultiRegion {
			return false
		}
	}
	if or.ai >= 0 && !op.opts.noCat && !op.ix.carry(l).has(or.ai) {
		// The action never carries the key.
		return false
	}
	return true
}

// actionMatches reports whether a statement's Action or NotAction may
// match the request's action.
func actionMatches(st *policy.Statement, action string) bool {
	if len(st.NotAction.Values) > 0 {
		for _, v := range st.NotAction.Values {
			if glob.MatchFold(v, action) {
				return false
			}
		}
		return true
	}
	for _, v := range st.Action.Values {
		if glob.MatchFold(v, action) {
			return true
		}
	}
	return false
}

// universe reads the question's free dimensions from the statements that
// may apply to its action and the grants for its operation.
func (op *Open) universe(q Question) (*openUniverse, error) {
	or := op.readQuestion(q)
	u := &openUniverse{absent: q.Absent, namesOnly: or.namesOnly}
	mark := func(reason Reason, why string) {
		if u.inexact == "" {
			u.reason, u.inexact = reason, why
		}
	}
	type keyEntries struct {
		name    string
		entries []*centry
	}
	keys := map[string]*keyEntries{}
	// Per map family: the entries on each name's value, and on its names.
	famVals := map[*mapFamily]map[string]*keyEntries{}
	famNames := map[*mapFamily][]*centry{}
	needNames := map[*mapFamily]bool{}
	addKey := func(m map[string]*keyEntries, l, name string, ce *centry) {
		k := m[l]
		if k == nil {
			k = &keyEntries{name: name}
			m[l] = k
		}
		k.entries = append(k.entries, ce)
	}
	// Policy variables read the request as the evaluator does: given
	// keys, then the keys it implies (a variable on a free key is marked
	// below, whatever its value here).
	look := op.lookupIn(&q.Request)
	// freeVar reports whether a policy variable's key is free.
	freeVar := func(l string) bool {
		if f := familyOf(l); f != nil {
			return or.famFree(f) && (l == f.names || !or.namesOnly[f])
		}
		return op.free(&or, l)
	}
	for _, od := range op.docs {
		for si := range od.doc.Statement {
			st := &od.doc.Statement[si]
			if !actionMatches(st, q.Request.Action) || !mayName(st.Principal, q.Request.Principal) {
				continue
			}
			if od.vars {
				for _, l := range [][]string{st.Resource.Values, st.NotResource.Values} {
					for _, v := range l {
						if t := parseTmpl(v); t != nil {
							for _, k := range t.keys() {
								if freeVar(k) {
									mark(ReasonVariableAcrossKeys, "a Resource value names the free key "+k+" as a policy variable")
								}
							}
						}
					}
				}
			}
			for _, b := range st.Condition {
				opr, err := policy.ParseOperator(b.Operator)
				if err != nil {
					continue // the evaluator refused or reads it fail-closed
				}
				for _, e := range b.Entries {
					l := ascii.ToLower(e.Key)
					ce := readEntry(opr, b.Operator, e, od.vars)
					for _, v := range ce.vals {
						if v.tmpl == nil {
							continue
						}
						for _, k := range v.tmpl.keys() {
							if freeVar(k) {
								mark(ReasonVariableAcrossKeys, "a condition value names the free key "+k+" as a policy variable")
							}
						}
					}
					switch f := familyOf(l); {
					case f != nil:
						if !or.famFree(f) || (or.namesOnly[f] && l != f.names) {
							continue
						}
						if l == f.names {
							famNames[f] = append(famNames[f], &ce)
							needNames[f] = true
						} else {
							if famVals[f] == nil {
								famVals[f] = map[string]*keyEntries{}
							}
							addKey(famVals[f], l[len(f.prefix):], e.Key[len(f.prefix):], &ce)
						}
					case op.free(&or, l):
						addKey(keys, l, e.Key, &ce)
					}
				}
			}
		}
	}
	// The grants for the action's operation: their constraints test the
	// encryption context and aws:SourceArn.
	if opName, ok := strings.CutPrefix(or.action, "kms:"); ok {
		for _, g := range op.pol.Grants {
			c := g.Constraints
			if c == nil || !hasOperation(g.Operations, opName) {
				continue
			}
			if c.SourceArn != "" && op.free(&or, "aws:sourcearn") {
				for _, opText := range []string{"StringEquals", "ArnEquals"} {
					ce := synthetic(opText, "aws:SourceArn", c.SourceArn)
					addKey(keys, "aws:sourcearn", "aws:SourceArn", ce)
				}
			}
			if !or.ecFree {
				continue
			}
			if c.EncryptionContextEquals != nil {
				needNames[ecFamily] = true
			}
			for _, m := range []map[string]string{c.EncryptionContextEquals, c.EncryptionContextSubset} {
				for _, k := range sortedStrings(m) {
					if famVals[ecFamily] == nil {
						famVals[ecFamily] = map[string]*keyEntries{}
					}
					addKey(famVals[ecFamily], ascii.ToLower(k), k, synthetic("StringEquals", "kms:EncryptionContext:"+k, m[k]))
				}
			}
		}
	}
	variants := func(t *tmpl, enc bool) []string {
		var s string
		var ok bool
		if enc {
			s, ok = t.encoded(look)
		} else {
			s, ok = t.text(look)
		}
		if !ok {
			for _, k := range t.keys() {
				if freeVar(k) {
					mark(ReasonVariableAcrossKeys, "a condition on a free key compares it with a policy variable the request does not fix")
					return nil
				}
			}
			// Every key the variable names is fixed and has no single
			// value (${aws:username} of a role session): the text matches
			// nothing in every request of the question, as the evaluator
			// reads it (aws-rules A.8), so it parts no values.
			return nil
		}
		return []string{s}
	}
	bud := &budget{total: op.opts.budget}
	build := func(kd *keyDim) error {
		if why := kd.unsupported(); why != "" {
			mark(ReasonUnsupported, "condition key "+kd.name+" tested by "+why+" is not supported by the prover yet")
			// Read the key by its first family only: cells stay too
			// coarse for the other, so only Sometimes is answered.
			fam := kd.entries[0].op.Base.Family()
			var keep []*centry
			for _, e := range kd.entries {
				if e.op.Base.Family() == fam || e.op.Base == policy.Null {
					keep = append(keep, e)
				}
			}
			kd.entries = keep
		}
		return kd.build(bud, variants)
	}
	for _, l := range sortedKeyEntries(keys) {
		k := keys[l]
		kd := &keyDim{name: k.name, lower: l, typ: op.keyType(k.name), entries: k.entries}
		if err := build(kd); err != nil {
			return nil, err
		}
		u.dims = append(u.dims, &odim{kd: kd})
		u.free = append(u.free, l)
	}
	for _, f := range families {
		vals := famVals[f]
		// Names the question fixes as absent: no value dimension (their
		// conditions see them absent), and a cell of their own among the
		// names.
		var absentNames []string
		for _, a := range q.Absent {
			n, ok := strings.CutPrefix(ascii.ToLower(a), f.prefix)
			if !ok || n == "" {
				continue
			}
			if strings.HasSuffix(n, "*") {
				mark(ReasonUnsupported, "Absent names the keys "+a+" by a pattern inside "+f.spellPrefix+"*, which the prover does not split by")
				continue
			}
			absentNames = append(absentNames, a[len(f.prefix):])
		}
		for n := range vals {
			if keyNamed(f.prefix+n, q.Absent) {
				delete(vals, n)
			}
		}
		if len(vals) == 0 && len(famNames[f]) == 0 && !needNames[f] {
			continue
		}
		u.free = append(u.free, f.prefix)
		names := sortedKeyEntries(vals)
		for _, n := range names {
			k := vals[n]
			kd := &keyDim{name: f.spellPrefix + k.name, lower: f.prefix + n, typ: catalog.String, entries: k.entries}
			if err := build(kd); err != nil {
				return nil, err
			}
			u.dims = append(u.dims, &odim{kd: kd, fam: f, role: 1, name: n, spell: k.name})
		}
		if !needNames[f] {
			continue
		}
		// The names the map holds matter (a test of the names key, a
		// grant requiring exactly its pairs): one more dimension for the
		// names, where each name a condition or grant names is a cell, and
		// so is each other spelling of it.
		entries := append([]*centry(nil), famNames[f]...)
		for _, n := range names {
			entries = append(entries, synthetic("StringEquals", f.spellNames, vals[n].name),
				synthetic("StringEqualsIgnoreCase", f.spellNames, vals[n].name))
		}
		for _, n := range absentNames {
			entries = append(entries, synthetic("StringEquals", f.spellNames, n),
				synthetic("StringEqualsIgnoreCase", f.spellNames, n))
		}
		kd := &keyDim{name: f.spellNames, lower: f.names, typ: catalog.ArrayOfString, entries: entries}
		if err := build(kd); err != nil {
			return nil, err
		}
		u.dims = append(u.dims, &odim{kd: kd, fam: f, role: 2})
	}
	sort.Strings(u.free)
	u.bothTimes = keys["aws:currenttime"] != nil && keys["aws:epochtime"] != nil
	return u, nil
}

// keyType is the catalog's type of a key, or "" (WithoutCatalog, or a key
// the catalog does not know).
func (op *Open) keyType(name string) catalog.KeyType {
	if op.opts.noCat {
		return ""
	}
	return op.ix.keyType(name)
}

// synthetic reads an entry no policy writes: a grant's constraint as the
// condition it amounts to, or a value that must be a cell of its own.
func synthetic(opText, key, v string) *centry {
	opr, err := policy.ParseOperator(opText)
	if err != nil {
		panic("prove: synthetic operator " + opText)
	}
	ce := readEntry(opr, opText, policy.ConditionEntry{Key: key, Values: policy.StringValues(v)}, false)
	return &ce
}

func hasOperation(ops []string, name string) bool {
	for _, o := range ops {
		if ascii.EqualFold(o, name) {
			return true
		}
	}
	return false
}

func sortedStrings(m map[string]string) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func sortedKeyEntries[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// scratch holds the maps requestOf fills, reused from one tuple to the
// next (the evaluator keeps nothing of a request).
type scratch struct {
	ctx   evaluate.Context
	maps  map[*mapFamily]map[string]string
	spell map[string]string
	seen  map[string]bool
}

// requestOf builds the request of one tuple of cells into s (fresh maps
// when s is nil); false when the tuple is no request (a map name without
// its value, or two names differing only in case).
func (u *openUniverse) requestOf(base evaluate.Request, tuple []int, s *scratch) (evaluate.Request, bool) {
	if s == nil {
		s = &scratch{}
	}
	if s.ctx == nil {
		s.ctx, s.spell, s.seen = evaluate.Context{}, map[string]string{}, map[string]bool{}
		s.maps = map[*mapFamily]map[string]string{ecFamily: {}, tagFamily: {}}
	}
	clear(s.ctx)
	r := base
	ctx := s.ctx
	for k, v := range base.Context {
		// A key with no values is absent to the evaluator; it is free, and
		// a dimension may give it under another spelling.
		if len(v) > 0 {
			ctx[k] = v
		}
	}
	for i, d := range u.dims {
		if d.fam == nil && d.kd.vals[tuple[i]] != nil {
			ctx[d.kd.name] = d.kd.vals[tuple[i]]
		}
	}
	for _, f := range families {
		m := s.maps[f]
		clear(m)
		clear(s.spell)
		clear(s.seen)
		var extra []string
		for i, d := range u.dims {
			if d.fam != f || d.kd.vals[tuple[i]] == nil {
				continue
			}
			if d.role == 1 {
				s.spell[d.name] = d.spell
			} else {
				extra = d.kd.vals[tuple[i]]
			}
		}
		for _, n := range extra {
			l := ascii.ToLower(n)
			if l == "" || s.seen[l] || keyNamed(f.prefix+l, u.absent) {
				// No name, a name twice, or a name the question fixes as
				// absent: the cells of the other names stand for it.
				return r, false
			}
			s.seen[l] = true
			if _, named := s.spell[l]; named {
				s.spell[l] = n
				continue
			}
			for _, d := range u.dims {
				if d.fam == f && d.role == 1 && d.name == l {
					// A name a condition tests, without a value: the tuple
					// where its value is present stands for it.
					return r, false
				}
			}
			m[n] = "x"
		}
		for i, d := range u.dims {
			if d.fam == f && d.role == 1 && d.kd.vals[tuple[i]] != nil {
				m[s.spell[d.name]] = d.kd.vals[tuple[i]][0]
			}
		}
		if len(m) == 0 {
			continue
		}
		if f.ec {
			r.EncryptionContext = m
			continue
		}
		names := make([]string, 0, len(m))
		for n, v := range m {
			if !u.namesOnly[f] {
				ctx[f.spellPrefix+n] = []string{v}
			}
			names = append(names, n)
		}
		sort.Strings(names)
		ctx[f.spellNames] = names
	}
	r.Context = ctx
	return r, true
}

// cloned is r with maps of its own.
func cloned(r evaluate.Request) *evaluate.Request {
	out := r
	out.Context = make(evaluate.Context, len(r.Context))
	for k, v := range r.Context {
		out.Context[k] = v
	}
	if r.EncryptionContext != nil {
		out.EncryptionContext = make(map[string]string, len(r.EncryptionContext))
		for k, v := range r.EncryptionContext {
			out.EncryptionContext[k] = v
		}
	}
	return &out
}

// mayName reports whether a statement's Principal element may name the
// request's principal, read conservatively: false only when every value
// names another principal for certain (another account, another user,
// another role, another session, another service). A statement that
// cannot apply adds no free key to the question. NotPrincipal statements
// and values of other shapes are kept.
func mayName(p *policy.Principal, caller string) bool {
	if p == nil || p.Wildcard {
		return true
	}
	c, cok := callerParts(caller)
	for _, v := range p.AWS.Values {
		if v == "*" || !cok {
			return true
		}
		if policy.IsAccountID(v) {
			if v == c.account {
				return true
			}
			continue
		}
		e, ok := callerParts(v)
		if !ok {
			return true // not a shape this reading knows: keep it
		}
		switch {
		case e.account != c.account || e.partition != c.partition:
		case e.kind == "root":
			return true
		case e.kind == "user" || e.kind == "federated-user":
			if e.kind == c.kind && e.name == c.name {
				return true
			}
		case e.kind == "role":
			if (c.kind == "role" || c.kind == "assumed-role") && e.name == c.name {
				return true
			}
		case e.kind == "assumed-role":
			if c.kind == "assumed-role" && e.name == c.name && e.session == c.session {
				return true
			}
		default:
			return true
		}
	}
	for _, l := range []policy.Strings{p.Service, p.Federated} {
		for _, v := range l.Values {
			if v == caller {
				return true
			}
		}
	}
	return len(p.CanonicalUser.Values) > 0
}

// callerARN is an IAM or STS principal ARN taken apart: its partition,
// account, kind (root, user, role, assumed-role, federated-user), name
// (the last path segment of a user or role) and session.
type callerARN struct{ partition, account, kind, name, session string }

func callerParts(s string) (callerARN, bool) {
	parts := strings.SplitN(s, ":", 6)
	if len(parts) != 6 || parts[0] != "arn" || parts[2] != "iam" && parts[2] != "sts" || !policy.IsAccountID(parts[4]) {
		return callerARN{}, false
	}
	c := callerARN{partition: parts[1], account: parts[4]}
	res := parts[5]
	if res == "root" {
		c.kind = "root"
		return c, true
	}
	kind, rest, ok := strings.Cut(res, "/")
	if !ok || rest == "" {
		return callerARN{}, false
	}
	c.kind = kind
	switch kind {
	case "user", "role":
		c.name = rest[strings.LastIndexByte(rest, '/')+1:]
	case "assumed-role":
		c.name, c.session, ok = strings.Cut(rest, "/")
		if !ok {
			return callerARN{}, false
		}
	case "federated-user":
		c.name = rest
	default:
		return callerARN{}, false
	}
	return c, true
}
