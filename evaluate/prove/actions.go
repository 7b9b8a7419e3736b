package prove

import (
	"fmt"
	"sort"
	"strings"
	"sync"

	"github.com/cksiam/cksiam/internal/ascii"
	"github.com/cksiam/cksiam/internal/glob"
	"github.com/cksiam/cksiam/policy/catalog"
)

// actPred is one action predicate: a statement's Action (or NotAction)
// list, or the actions a question names. Patterns compare ignoring case
// (aws-rules A.5).
type actPred struct {
	pats []string // lower-cased
	not  bool
}

func (p actPred) key() string {
	k := strings.Join(p.pats, "\x00")
	if p.not {
		return "!" + k
	}
	return k
}

// actClass is one value of the action dimension: a set of actions that
// every action predicate, the evaluator's decision and the catalog's
// knowledge treat alike.
type actClass struct {
	preds bitset // the predicates that hold
	attrs actAttrs
	rep   string // an action of the class, for witnesses and probes
	open  bool   // actions the catalog does not list
	// wildOnly: the actions take no resource type, so a request names
	// Resource "*" only.
	wildOnly bool
	carried  bitset // the key dimensions the members may carry
	// The members: actions read one by one, and groups of actions
	// (without those in exclude) that share their attributes.
	one        []int
	groups     [][]int
	exclude    bitset
	useCatalog bool
	// fsets holds the members' format sets, computed on first use
	// (formatSets). It is a pointer so that copies of the class (the
	// cache's classes are copied before respell changes them) share what
	// one of them computes.
	fsets *fsetMemo
}

// fsetMemo is the format sets of a class, computed once.
type fsetMemo struct {
	once sync.Once
	sets []fset
}

// formatSets returns the distinct sets of ARN formats of the members.
func (c *actClass) formatSets(ix *catIndex) []fset {
	if !c.useCatalog || c.wildOnly || c.open || c.fsets == nil {
		return nil
	}
	c.fsets.once.Do(func() { c.fsets.sets = c.computeFsets(ix) })
	return c.fsets.sets
}

// computeFsets lists the members' format sets.
func (c *actClass) computeFsets(ix *catIndex) []fset {
	var out []fset
	seen := map[int]bool{}
	add := func(i int) {
		f := ix.fset[i]
		if !seen[f] {
			seen[f] = true
			out = append(out, fset{formats: ix.fsets[f], rep: ix.actions[i].FullName()})
		}
	}
	for _, i := range c.one {
		add(i)
	}
	for _, g := range c.groups {
		for _, i := range g {
			if !c.exclude.has(i) {
				add(i)
			}
		}
	}
	return out
}

type fset struct {
	formats []string
	rep     string
}

// actUniverse says which actions a question ranges over.
type actUniverse uint8

const (
	actAll   actUniverse = iota // every action
	actKey                      // kms actions on a KMS key
	actTrust                    // sts actions a trust policy authorizes
)

// actDim is the action dimension.
type actDim struct {
	preds   []actPred
	predIx  map[string]int
	classes []actClass
	// spelled keeps, per lower-cased action name the inputs write without
	// a wildcard, the first spelling they use: an unlisted action's
	// witness is written as the policy wrote it (kms:ZzNew, not kms:zznew).
	spelled map[string]string
	// wild keeps the patterns with a wildcard as the inputs write them,
	// to spell the other unlisted actions' witnesses (shapedAction).
	wild []string
}

func newActDim() *actDim { return &actDim{predIx: map[string]int{}} }

// pred registers an action predicate.
func (d *actDim) pred(pats []string, not bool) int {
	lp := make([]string, len(pats))
	for i, p := range pats {
		lp[i] = ascii.ToLower(p)
		if _, ok := d.spelled[lp[i]]; !ok && !strings.ContainsAny(p, "*?") {
			if d.spelled == nil {
				d.spelled = map[string]string{}
			}
			d.spelled[lp[i]] = p
		} else if strings.ContainsAny(p, "*?") {
			d.wild = append(d.wild, p)
		}
	}
	p := actPred{pats: lp, not: not}
	if i, ok := d.predIx[p.key()]; ok {
		return i
	}
	d.preds = append(d.preds, p)
	d.predIx[p.key()] = len(d.preds) - 1
	return len(d.preds) - 1
}

// build computes the classes. keys are the key dimensions' names; rcps
// says whether RCPs take part (otherwise the RCP attributes are ignored).
func (d *actDim) build(ix *catIndex, u actUniverse, keys []string, rcps bool, useCatalog bool, bud *budget) error {
	var ck strings.Builder
	fmt.Fprintf(&ck, "%p|%d|%v|%v|", ix, u, rcps, useCatalog)
	for _, p := range d.preds {
		ck.WriteString(p.key() + "\x01")
	}
	ck.WriteString("\x02" + strings.Join(keys, "\x00"))
	// A hit spends what computing the classes spent, so that an answer
	// does not depend on what was asked before.
	type entry struct {
		classes []actClass
		spent   int
	}
	if v, ok := actCache.get(ck.String()); ok {
		e := v.(entry)
		if !bud.spend(e.spent) {
			return &errBudget{what: "action classes"}
		}
		d.classes = e.classes
		d.respell()
		return nil
	}
	before := bud.used
	if err := d.compute(ix, u, keys, rcps, useCatalog, bud); err != nil {
		return err
	}
	actCache.put(ck.String(), entry{classes: d.classes, spent: bud.used - before})
	d.respell()
	return nil
}

// respell writes the representative of each class of unlisted actions as
// the inputs spelled that action, when they name it. The classes may be
// shared with the cache (which keys them by lower-cased patterns), so
// they are copied before any change.
func (d *actDim) respell() {
	copied := false
	for i := range d.classes {
		c := &d.classes[i]
		if !c.open {
			continue
		}
		sp, ok := d.spelled[c.rep]
		if !ok {
			sp = shapedAction(c.rep, d.wild)
		}
		if sp == c.rep {
			continue
		}
		if !copied {
			d.classes = append([]actClass(nil), d.classes...)
			copied = true
			c = &d.classes[i]
		}
		c.rep = sp
	}
}

// shapedAction spells an unlisted action's lower-cased witness as an
// action name is written: the letters of a literal run of a pattern that
// matches it as the pattern writes them ("kms:*Future*" gives kms:future
// the spelling kms:Future), and the name's first letter upper case. The
// evaluator compares actions without regard to ASCII case, so the
// spelling changes no decision.
func shapedAction(rep string, wild []string) string {
	svc, name, ok := strings.Cut(rep, ":")
	if !ok || name == "" {
		return rep
	}
	b := []byte(name)
	for _, p := range wild {
		_, pn, ok := strings.Cut(p, ":")
		if !ok || !glob.MatchFold(p, rep) {
			continue
		}
		for _, run := range strings.FieldsFunc(pn, func(r rune) bool { return r == '*' || r == '?' }) {
			if strings.IndexFunc(run, func(r rune) bool { return r >= 0x80 }) >= 0 {
				continue // not an action name's letters
			}
			for i := 0; i+len(run) <= len(b); i++ {
				if ascii.EqualFold(string(b[i:i+len(run)]), run) {
					copy(b[i:], run)
					break
				}
			}
		}
	}
	if b[0] >= 'a' && b[0] <= 'z' {
		b[0] -= 'a' - 'A'
	}
	return svc + ":" + string(b)
}

func (d *actDim) compute(ix *catIndex, u actUniverse, keys []string, rcps bool, useCatalog bool, bud *budget) error {
	universe := newBitset(len(ix.actions))
	for i, a := range ix.actions {
		switch u {
		case actAll:
			universe.set(i)
		case actKey:
			if strings.EqualFold(a.Service.Prefix, "kms") && takesKey(a) {
				universe.set(i)
			}
		case actTrust:
			if strings.EqualFold(a.Service.Prefix, "sts") && attrsOf(a.FullName()).trust {
				universe.set(i)
			}
		}
	}
	predBits := make([]bitset, len(d.preds))
	for i, p := range d.preds {
		b := newBitset(len(ix.actions))
		for _, pat := range p.pats {
			or(b, ix.expand(pat))
		}
		predBits[i] = b
	}
	carry := make([]bitset, len(keys))
	global := make([]bool, len(keys))
	for i, k := range keys {
		carry[i] = ix.carry(k)
		global[i] = ix.global(k)
	}
	// The actions some pattern names or that carry a non-global key the
	// policies test are read one by one; every other action of the
	// universe differs from its group only by its formats.
	special := newBitset(len(ix.actions))
	for _, b := range predBits {
		or(special, b)
	}
	for i := range keys {
		if !global[i] && useCatalog {
			or(special, carry[i])
		}
	}
	if u != actAll {
		special = universe
	}
	byKey := map[string]int{}
	attrs := ix.attrsAll()
	attrIx := map[actAttrs]byte{}
	pw, kw := (len(d.preds)+63)/64, (len(keys)+63)/64
	buf := make([]byte, 8*(pw+kw)+2)
	preds, carried := newBitset(len(d.preds)), newBitset(len(keys))
	classOf := func(i int) int {
		a := ix.actions[i]
		clear(preds)
		clear(carried)
		for p := range d.preds {
			if predBits[p].has(i) != d.preds[p].not {
				preds.set(p)
			}
		}
		at := attrs[i]
		if !rcps {
			at.rcp, at.rcpExempt = false, false
		}
		wild := useCatalog && a.WildcardOnly()
		for k := range keys {
			if !useCatalog || carry[k].has(i) {
				carried.set(k)
			}
		}
		ai, ok := attrIx[at]
		if !ok {
			ai = byte(len(attrIx))
			attrIx[at] = ai
		}
		putWords(buf, preds)
		putWords(buf[8*pw:], carried)
		buf[len(buf)-2] = ai
		buf[len(buf)-1] = 0
		if wild {
			buf[len(buf)-1] = 1
		}
		j, ok := byKey[string(buf)]
		if !ok {
			c := actClass{preds: append(bitset(nil), preds...), carried: append(bitset(nil), carried...),
				attrs: at, wildOnly: wild, rep: a.FullName(), exclude: special, useCatalog: useCatalog, fsets: &fsetMemo{}}
			d.classes = append(d.classes, c)
			j = len(d.classes) - 1
			byKey[string(buf)] = j
		}
		return j
	}
	for w, word := range special {
		for word != 0 {
			i := w*64 + trailing(word)
			word &= word - 1
			if universe.has(i) {
				j := classOf(i)
				d.classes[j].one = append(d.classes[j].one, i)
			}
		}
	}
	if u == actAll {
		for _, g := range ix.groupsAll() {
			// The group's first action outside the special ones stands for
			// it; the class then holds the whole group, specials excluded.
			for _, i := range g {
				if !special.has(i) {
					j := classOf(i)
					d.classes[j].groups = append(d.classes[j].groups, g)
					break
				}
			}
		}
	}
	return d.openClasses(ix, u, keys, rcps, bud)
}

// takesKey reports whether the action takes a KMS key resource.
func takesKey(a *catalog.Action) bool {
	for _, r := range a.Resources {
		if r.Type.Name == "key" {
			return true
		}
	}
	return false
}

// nameChars of actions: the evaluator accepts letters, digits, '-' and '_'.
var actionNameChars = setOfString("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
var serviceChars = setOfString("abcdefghijklmnopqrstuvwxyz0123456789-")

// openClasses adds the actions the catalog does not list: for each
// service a pattern names, the names no catalog action has, in cells of
// the patterns; and for every other service, whole action strings.
func (d *actDim) openClasses(ix *catIndex, u actUniverse, keys []string, rcps bool, bud *budget) error {
	named := map[string]bool{}
	switch u {
	case actKey:
		named["kms"] = true
	case actTrust:
		named["sts"] = true
	default:
		named["kms"], named["sts"] = true, true
		for _, p := range d.preds {
			for _, pat := range p.pats {
				if svc, _, ok := strings.Cut(pat, ":"); ok && !strings.ContainsAny(svc, "*?") {
					named[svc] = true
				}
			}
		}
	}
	svcs := make([]string, 0, len(named))
	for s := range named {
		svcs = append(svcs, s)
	}
	sort.Strings(svcs)
	for _, svc := range svcs {
		if err := d.openService(ix, svc, u, keys, rcps, bud); err != nil {
			return err
		}
	}
	if u == actAll {
		return d.openOthers(ix, named, keys, rcps, bud)
	}
	return nil
}

// openService adds the unlisted actions of one service.
func (d *actDim) openService(ix *catIndex, svc string, u actUniverse, keys []string, rcps bool, bud *budget) error {
	dc := newLazyCells()
	dc.add("universe", func(b *builder) atom { return fragAtom(b.plus(actionNameChars)) })
	prefix := svc + ":"
	// One atom per predicate: the union of its patterns that can name an
	// action of this service (a literal service part: the name part;
	// a wildcard service part: what the pattern matches after "svc:").
	predsOf := map[int][]int{} // atom -> the predicates it stands for
	for p, pr := range d.preds {
		var names, wholes []string
		for _, pat := range pr.pats {
			ps, name, ok := strings.Cut(pat, ":")
			switch {
			case ok && !strings.ContainsAny(ps, "*?"):
				if ps == svc {
					names = append(names, name)
				}
			default:
				wholes = append(wholes, pat)
			}
		}
		if len(names) == 0 && len(wholes) == 0 {
			continue
		}
		sort.Strings(names)
		sort.Strings(wholes)
		at := dc.add("p:"+strings.Join(names, "\x00")+"\x01"+strings.Join(wholes, "\x00"), func(b *builder) atom {
			end := b.state()
			var start []int32
			for _, name := range names {
				f := b.glob(encode(name), globOpts{fold: foldASCII})
				start = append(start, f.in)
				b.epsilon(f.out, end)
			}
			for _, whole := range wholes {
				f := b.glob(encode(whole), globOpts{fold: foldASCII})
				start = append(start, b.after(f, prefix)...)
				b.epsilon(f.out, end)
			}
			return atom{start: start, accept: end}
		})
		predsOf[at] = append(predsOf[at], p)
	}
	trust := -1
	if svc == "sts" {
		trust = dc.add("trust", func(b *builder) atom { return fragAtom(b.seq(b.lit("assumerole", foldASCII), b.star(actionNameChars))) })
	}
	cells, err := openCells(ix, svc, dc, bud)
	if err != nil {
		return err
	}
	for _, c := range cells {
		c := cell{holds: c.holds, witness: c.name}
		action := prefix + c.witness
		attrs := attrsOf(action)
		if !rcps {
			attrs.rcp, attrs.rcpExempt = false, false
		}
		if u == actTrust && !attrs.trust {
			continue
		}
		_ = trust
		d.classes = append(d.classes, d.openClass(action, attrs, len(keys), c, predsOf))
	}
	return nil
}

// openClass is the class of the unlisted actions in cell c, represented by
// action: it may carry every key dimension, and a predicate holds when one
// of its atoms (refs: atom -> predicates) holds in c, negated for NotAction
// predicates.
func (d *actDim) openClass(action string, attrs actAttrs, nkeys int, c cell, refs map[int][]int) actClass {
	cl := actClass{preds: newBitset(len(d.preds)), attrs: attrs, rep: action, open: true, carried: newBitset(nkeys)}
	for k := range nkeys {
		cl.carried.set(k)
	}
	matched := make([]bool, len(d.preds))
	for at, ps := range refs {
		if c.has(at) {
			for _, p := range ps {
				matched[p] = true
			}
		}
	}
	for p := range d.preds {
		if matched[p] != d.preds[p].not {
			cl.preds.set(p)
		}
	}
	return cl
}

// openOthers adds the actions of services no pattern names literally: whole
// action strings, in cells of the patterns whose service part has a
// wildcard (and, when RCPs take part, of the services they govern).
func (d *actDim) openOthers(ix *catIndex, named map[string]bool, keys []string, rcps bool, bud *budget) error {
	dc := newDimCells()
	dc.add("universe", func(b *builder) atom {
		return fragAtom(b.seq(b.plus(serviceChars), b.lit(":", foldNone), b.plus(actionNameChars)))
	})
	var namedAtoms []int
	svcs := make([]string, 0, len(named))
	for s := range named {
		svcs = append(svcs, s)
	}
	if rcps {
		for _, s := range ix.cat.Services() {
			p := ascii.ToLower(s.Prefix)
			if !named[p] && rcpGoverns(p) {
				svcs = append(svcs, p)
			}
		}
	}
	sort.Strings(svcs)
	for _, s := range svcs {
		s := s
		at := dc.add("svc:"+s, func(b *builder) atom {
			return fragAtom(b.seq(b.lit(s+":", foldASCII), b.star(actionNameChars)))
		})
		if named[s] {
			namedAtoms = append(namedAtoms, at)
		}
	}
	refs := map[int][]int{}
	for p, pr := range d.preds {
		for _, pat := range pr.pats {
			ps, _, ok := strings.Cut(pat, ":")
			if ok && !strings.ContainsAny(ps, "*?") {
				continue // names its service literally: never another service
			}
			pat := pat
			at := dc.add("w:"+pat, func(b *builder) atom { return fragAtom(b.glob(encode(pat), globOpts{fold: foldASCII})) })
			refs[at] = append(refs[at], p)
		}
	}
	b, atoms := dc.built()
	x := &explorer{b: b, atoms: atoms, keep: true}
	x.symbols("")
	cells, err := x.cells(bud.states())
	bud.spend(x.visited)
	if err != nil {
		return err
	}
	for ci, c := range cells {
		skip := false
		for _, at := range namedAtoms {
			if c.has(at) {
				skip = true
			}
		}
		if skip {
			continue
		}
		action, ok, exhausted := x.alternatives(int32(ci), 2000, func(s string) bool {
			_, listed := ix.byName[ascii.ToLower(s)]
			return !listed
		})
		if !ok {
			if !exhausted {
				// Not dropped: the cell may hold an unlisted action.
				return &errBudget{what: "action names of other services"}
			}
			continue
		}
		attrs := attrsOf(action)
		if !rcps {
			attrs.rcp, attrs.rcpExempt = false, false
		}
		d.classes = append(d.classes, d.openClass(action, attrs, len(keys), c, refs))
	}
	return nil
}

// encode is the glob encoding of a pattern.
func encode(p string) string {
	out := make([]byte, 0, len(p))
	for i := 0; i < len(p); i++ {
		switch p[i] {
		case '*':
			out = append(out, globStar)
		case '?':
			out = append(out, globQuest)
		default:
			out = append(out, p[i])
		}
	}
	return string(out)
}
