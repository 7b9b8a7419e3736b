package prove

import (
	"slices"
	"sort"
	"strings"

	"github.com/cksiam/cksiam/internal/glob"
)

// matchEncoded matches an encoded glob against text.
func matchEncoded(enc, s string) bool { return glob.MatchEncoded(enc, s, false) }

// partitions are the AWS partitions a resource or principal ARN of the
// prover's universe names.
var partitions = []string{"aws", "aws-cn", "aws-us-gov", "aws-iso", "aws-iso-b", "aws-iso-e", "aws-iso-f", "aws-eusc"}

// Character classes of the universes.
var (
	noColonWild = allBut(":*?")
	noWild      = allBut("*?")
	digits      = setOfString("0123456789")
	regionChars = setOfString("abcdefghijklmnopqrstuvwxyz0123456789-")
	keyIDChars  = regionChars
	aliasChars  = setOfString("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789/_-")
)

// resDim is the resource dimension: Request.Resource, "*" or an ARN.
//
// Unlike the other dimensions it is not split into cells ahead of time:
// resource patterns with several '*' that may cross colons
// ("arn:aws:ec2:*:*:subnet/*", "arn:aws:ec2:*:*:vpc/*" …) can be combined
// in exponentially many ways, all realisable ("arn:aws:ec2:x::subnet/a:vpc/b"
// matches both), while a question only ever asks about a few of them at
// once. A search state holds the atoms the resource must and must not be
// in (a constraint list), and sat answers whether some resource meets one,
// with the shortest such resource, by a construction over those atoms only.
type resDim struct {
	b      *builder
	atoms  []atom                  // the automata built so far (built)
	builds []func(b *builder) atom // each atom's construction
	ix     map[string]int
	pats   map[int][]string // the glob branches of pattern atoms
	lists  [][]string       // the patterns of every pattern atom, for checks
	parts  []string         // the partitions of the universe
	memo   map[string]satAnswer
	keys   []string // each atom's key, for the shared cache
	// literalWild: a Resource element names a literal '*' or '?' (the
	// escapes ${*} and ${?}), so the resource part of a catalog format may
	// hold them: S3 object keys may ("*" is one of S3's safe characters,
	// https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-keys.html).
	// Without such an escape no pattern tells them from other characters.
	literalWild bool

	aStar, aKey, aRole, aSLR, aAcct12, aAcctEmpty, aAlias int
	acct                                                  map[string]int
}

type satAnswer struct {
	witness string
	ok      bool
	visited int // the subsets the construction visited: a shared hit spends them too
}

// add registers an atom under a key, once, and returns its index; build
// makes its automaton when a check first needs it (built), so that
// questions whose resource constraints are all in satCache build none.
func (d *resDim) add(key string, build func(b *builder) atom) int {
	if i, ok := d.ix[key]; ok {
		return i
	}
	d.builds = append(d.builds, build)
	d.keys = append(d.keys, key)
	d.ix[key] = len(d.keys) - 1
	return len(d.keys) - 1
}

// built builds the automata of the atoms added so far, in order.
func (d *resDim) built() []atom {
	for len(d.atoms) < len(d.builds) {
		d.atoms = append(d.atoms, d.builds[len(d.atoms)](d.b))
	}
	return d.atoms
}

// arnWith builds "arn:" partition ":" service ":" region ":" acct ":" rest.
func arnWith(b *builder, acct frag, rest frag) frag {
	return b.seq(b.lit("arn:", foldNone), b.plus(noColonWild), b.lit(":", foldNone), b.plus(noColonWild),
		b.lit(":", foldNone), b.star(noColonWild), b.lit(":", foldNone), acct, b.lit(":", foldNone), rest)
}

// wordsExcept is one or more characters of class cs other than the given
// words: a trie of the words whose end nodes do not accept, and a sink
// for everything else.
func wordsExcept(b *builder, cs runeSet, words []string) frag {
	start := b.state()
	end := b.state()
	sink := b.state()
	b.on(sink, cs, sink)
	b.epsilon(sink, end)
	type node struct {
		st   int32
		next map[rune]*node
		word bool
	}
	root := &node{st: start, next: map[rune]*node{}}
	for _, w := range words {
		n := root
		for _, r := range w {
			c, ok := n.next[r]
			if !ok {
				c = &node{st: b.state(), next: map[rune]*node{}}
				n.next[r] = c
			}
			n = c
		}
		n.word = true
	}
	var wire func(n *node)
	wire = func(n *node) {
		var named []rune
		for r, c := range n.next {
			b.on(n.st, setOf(r), c.st)
			named = append(named, r)
			wire(c)
		}
		others := cs
		if len(named) > 0 {
			others = minus(cs, setOf(named...))
		}
		if len(others.runes) > 0 || others.neg {
			b.on(n.st, others, sink)
		}
		if n != root && !n.word {
			b.epsilon(n.st, end)
		}
	}
	wire(root)
	return frag{start, end}
}

// newResDim prepares the resource dimension with its structural atoms.
// The universe (atom 0) is what the evaluator reads as a request's
// resource: "*", or an ARN with a known partition, a lower-case service
// and Region, a 12-digit account, "aws" or none, and a resource part; a
// KMS ARN has a Region and a 12-digit account and names a key or an alias:
// key/ID with an ID of lower-case letters, digits and '-' (a key ID is a
// UUID or mrk- and hexadecimal digits), or alias/NAME with a name of
// letters, digits, '/', '_' and '-' (docs.aws.amazon.com/kms/latest/developerguide/concepts.html#key-id,
// docs.aws.amazon.com/kms/latest/APIReference/API_CreateAlias.html); an
// IAM or STS ARN's resource type is lower case.
func newResDim(accounts, parts []string) *resDim {
	d := &resDim{b: newBuilder(), ix: map[string]int{}, pats: map[int][]string{}, acct: map[string]int{},
		parts: parts, memo: map[string]satAnswer{}}
	d.add("universe", func(b *builder) atom {
		var pfs []frag
		for _, p := range parts {
			pfs = append(pfs, b.lit(p, foldNone))
		}
		colon := func() frag { return b.lit(":", foldNone) }
		region := func() frag { return b.star(regionChars) }
		acct := func() frag { return b.alt(twelveDigits(b), b.lit("aws", foldNone), b.empty()) }
		other := b.seq(wordsExcept(b, regionChars, []string{"kms", "iam", "sts"}), colon(), region(), colon(), acct(), colon(), b.plus(anyRune))
		kms := b.seq(b.lit("kms:", foldNone), b.plus(regionChars), colon(), twelveDigits(b), colon(),
			b.alt(b.seq(b.lit("key/", foldNone), b.plus(keyIDChars)), b.seq(b.lit("alias/", foldNone), b.plus(aliasChars))))
		typ := b.star(allBut("/:ABCDEFGHIJKLMNOPQRSTUVWXYZ"))
		iam := b.seq(b.alt(b.lit("iam", foldNone), b.lit("sts", foldNone)), colon(), region(), colon(), acct(), colon(),
			b.alt(b.plus(allBut("/:ABCDEFGHIJKLMNOPQRSTUVWXYZ")), b.seq(typ, b.one(setOfString("/:")), b.star(anyRune))))
		arn := b.seq(b.lit("arn:", foldNone), b.alt(pfs...), colon(), b.alt(other, kms, iam))
		return fragAtom(b.alt(b.lit("*", foldNone), arn))
	})
	d.aStar = d.add("star", func(b *builder) atom { return fragAtom(b.lit("*", foldNone)) })
	typed := func(svc, prefix string) func(b *builder) atom {
		return func(b *builder) atom {
			return fragAtom(b.seq(b.lit("arn:", foldNone), b.plus(noColonWild), b.lit(":"+svc+":", foldNone), b.star(noColonWild),
				b.lit(":", foldNone), b.star(noColonWild), b.lit(":"+prefix, foldNone), b.star(anyRune)))
		}
	}
	d.aKey = d.add("key", typed("kms", "key/"))
	d.aAlias = d.add("alias", typed("kms", "alias/"))
	d.aRole = d.add("role", typed("iam", "role/"))
	d.aSLR = d.add("slr", typed("iam", "role/aws-service-role/"))
	d.aAcct12 = d.add("acct12", func(b *builder) atom { return fragAtom(arnWith(b, twelveDigits(b), b.star(anyRune))) })
	d.aAcctEmpty = d.add("acctempty", func(b *builder) atom { return fragAtom(arnWith(b, b.empty(), b.star(anyRune))) })
	for _, a := range accounts {
		a := a
		d.acct[a] = d.add("acct:"+a, func(b *builder) atom { return fragAtom(arnWith(b, b.lit(a, foldNone), b.star(anyRune))) })
	}
	return d
}

// pattern registers a Resource pattern (glob-encoded; '*' crosses every
// character, matching is case-sensitive: aws-rules A.6).
func (d *resDim) pattern(enc string) int {
	i := d.add("p:"+enc, func(b *builder) atom { return fragAtom(b.glob(enc, globOpts{})) })
	d.pats[i] = []string{enc}
	return i
}

// patterns registers the union of encoded patterns as one atom. Patterns
// that another pattern of the list holds are dropped first.
func (d *resDim) patterns(encs []string) int {
	encs = append([]string(nil), encs...)
	sort.Strings(encs)
	encs = slices.Compact(encs)
	encs = withoutSubsumed(encs)
	d.lists = append(d.lists, encs)
	if len(encs) == 1 {
		return d.pattern(encs[0])
	}
	i := d.add("u:"+strings.Join(encs, "\x00"), func(b *builder) atom {
		var fs []frag
		for _, e := range encs {
			fs = append(fs, b.glob(e, globOpts{}))
		}
		return fragAtom(b.alt(fs...))
	})
	d.pats[i] = encs
	return i
}

// or registers the union of pattern atoms, with automata of its own.
func (d *resDim) or(atoms []int) int {
	if len(atoms) == 1 {
		return atoms[0]
	}
	var encs []string
	for _, a := range atoms {
		encs = append(encs, d.pats[a]...)
	}
	return d.patterns(encs)
}

// format registers the ARNs of a catalog ARN format.
func (d *resDim) format(f string) int {
	key := "f:" + f
	if d.literalWild {
		key = "f*:" + f
	}
	parts, wild := d.parts, d.literalWild // as they are now: the atom is built later
	return d.add(key, func(b *builder) atom { return fragAtom(formatFrag(b, f, parts, wild)) })
}

// A constraint is an atom the resource must be in (c >= 0: atom c) or not
// in (c < 0: atom ^c). Constraint lists are sorted and never hold both c
// and ^c.

// withCons returns list with c added, and false when list holds ^c.
func withCons(list []int32, c int32) ([]int32, bool) {
	i, found := slices.BinarySearch(list, c)
	if found {
		return list, true
	}
	if _, conflict := slices.BinarySearch(list, ^c); conflict {
		return nil, false
	}
	out := make([]int32, 0, len(list)+1)
	out = append(out, list[:i]...)
	out = append(out, c)
	return append(out, list[i:]...), true
}

// sat answers whether some resource of the universe meets the
// constraints, with the shortest such resource.
func (d *resDim) sat(list []int32, bud *budget) (string, bool, error) {
	key := consKey(list)
	if a, ok := d.memo[key]; ok {
		return a.witness, a.ok, nil
	}
	// The same constraints over the same atoms, in another question.
	parts := make([]string, 0, len(list)+1)
	parts = append(parts, strings.Join(d.parts, ","))
	for _, c := range list {
		if c >= 0 {
			parts = append(parts, "+"+d.keys[c])
		} else {
			parts = append(parts, "-"+d.keys[^c])
		}
	}
	sort.Strings(parts[1:])
	shared := strings.Join(parts, "\x00")
	if v, ok := satCache.get(shared); ok {
		a := v.(satAnswer)
		if !bud.spend(a.visited) {
			return "", false, &errBudget{what: "resource constraints"}
		}
		d.memo[key] = a
		return a.witness, a.ok, nil
	}
	defer func() {
		if a, ok := d.memo[key]; ok {
			satCache.put(shared, a)
		}
	}()
	all := d.built()
	atoms := []atom{all[0]}
	var pos, neg []int
	for _, c := range list {
		a := int(c)
		if c < 0 {
			a = int(^c)
		}
		atoms = append(atoms, all[a])
		if c >= 0 {
			pos = append(pos, len(atoms)-1)
		} else {
			neg = append(neg, len(atoms)-1)
		}
	}
	nb, local := d.b.extract(atoms)
	x := &explorer{b: nb, atoms: local}
	x.symbols("")
	w, ok, err := x.find(bud.states(), pos, neg)
	bud.spend(x.visited)
	if err != nil {
		return "", false, err
	}
	d.memo[key] = satAnswer{witness: w, ok: ok, visited: x.visited}
	return w, ok, nil
}

// meets reports whether a concrete resource meets the constraints.
func (d *resDim) meets(list []int32, s string) bool {
	all := d.built()
	if !d.b.accepts(all[0], s) {
		return false
	}
	for _, c := range list {
		a := int(c)
		if c < 0 {
			a = int(^c)
		}
		if d.b.accepts(all[a], s) != (c >= 0) {
			return false
		}
	}
	return true
}

func consKey(list []int32) string {
	b := make([]byte, 0, 4*len(list))
	for _, c := range list {
		b = append(b, byte(c), byte(c>>8), byte(c>>16), byte(c>>24))
	}
	return string(b)
}

// withoutSubsumed drops the patterns another pattern of the list holds,
// keeping one of patterns that hold each other.
func withoutSubsumed(encs []string) []string {
	var out []string
	for i, p := range encs {
		held := false
		for j, q := range encs {
			if i != j && included(p, q) && (!included(q, p) || j < i) {
				held = true
				break
			}
		}
		if !held {
			out = append(out, p)
		}
	}
	return out
}

// included reports whether every string glob p holds, glob q holds too.
// A quick literal check goes first; the construction decides the rest (a
// small budget, beyond which p is kept, which is always sound).
func included(p, q string) bool {
	if q == string([]byte{globStar}) {
		return true
	}
	if !strings.ContainsRune(p, globStar) && !strings.ContainsRune(p, globQuest) {
		return matchEncoded(q, p)
	}
	// q's literal prefix must start p's.
	pre := q
	if k := strings.IndexAny(q, string([]byte{globStar, globQuest})); k >= 0 {
		pre = q[:k]
	}
	if !strings.HasPrefix(p, pre) || probesRefute(p, q) {
		return false
	}
	inclusionConstructions.Add(1)
	b := newBuilder()
	x := &explorer{b: b, atoms: []atom{fragAtom(b.glob(p, globOpts{})), fragAtom(b.glob(q, globOpts{}))}}
	cells, err := x.cells(2000)
	if err != nil {
		return false
	}
	for _, c := range cells {
		if !c.has(1) {
			return false
		}
	}
	return true
}

// formatExample fills an ARN format with readable values: the partition,
// us-east-1, the account, and example names.
func formatExample(format, partition, acct string) string {
	var b strings.Builder
	n := 0
	for format != "" {
		i := strings.Index(format, "${")
		j := -1
		if i >= 0 {
			j = strings.IndexByte(format[i:], '}')
		}
		if i < 0 || j < 0 {
			b.WriteString(format)
			break
		}
		b.WriteString(format[:i])
		name := format[i+2 : i+j]
		format = format[i+j+1:]
		switch name {
		case "Partition":
			b.WriteString(partition)
		case "Region":
			b.WriteString("us-east-1")
		case "Account":
			b.WriteString(acct)
		case "KeyId":
			b.WriteString(exampleKeyIDs[0])
		default:
			n++
			b.WriteString("example" + itoa(n))
		}
	}
	return strings.ReplaceAll(b.String(), "*", "x")
}

// formatFrag builds the language of an ARN format of the catalog: each
// ${…} is one or more characters (the partition one of AWS's, the Region
// lower-case letters, digits and '-', the account 12 digits), never a ':'
// before the resource part.
func formatFrag(b *builder, format string, partitions []string, literalWild bool) frag {
	fields, ok := splitARN(format)
	if !ok {
		return b.lit(format, foldNone)
	}
	var fs []frag
	for i, p := range fields {
		if i > 0 {
			fs = append(fs, b.lit(":", foldNone))
		}
		fs = append(fs, formatPart(b, i, p, partitions, literalWild))
	}
	return b.seq(fs...)
}

func formatPart(b *builder, i int, p string, parts []string, literalWild bool) frag {
	rest := noWild // the characters of the resource part
	if literalWild {
		rest = anyRune
	}
	var fs []frag
	for p != "" {
		j := strings.Index(p, "${")
		k := -1
		if j >= 0 {
			k = strings.IndexByte(p[j:], '}')
		}
		if j < 0 || k < 0 {
			fs = append(fs, formatLit(b, i, p, rest))
			break
		}
		if j > 0 {
			fs = append(fs, formatLit(b, i, p[:j], rest))
		}
		name := p[j+2 : j+k]
		p = p[j+k+1:]
		switch {
		case i == 1 && name == "Partition":
			var alts []frag
			for _, part := range parts {
				alts = append(alts, b.lit(part, foldNone))
			}
			fs = append(fs, b.alt(alts...))
		case i == 3 && name == "Region":
			fs = append(fs, b.plus(regionChars))
		case i == 4 && name == "Account":
			f := b.empty()
			for n := 0; n < 12; n++ {
				f = b.seq(f, b.one(digits))
			}
			fs = append(fs, f)
		case i < 5:
			fs = append(fs, b.plus(noColonWild))
		default:
			fs = append(fs, b.plus(rest))
		}
	}
	return b.seq(fs...)
}

// formatLit is literal format text; a '*' in a format stands for any run.
func formatLit(b *builder, i int, s string, rest runeSet) frag {
	var fs []frag
	for _, piece := range strings.SplitAfter(s, "*") {
		star := strings.HasSuffix(piece, "*")
		piece = strings.TrimSuffix(piece, "*")
		fs = append(fs, b.lit(piece, foldNone))
		if star {
			if i < 5 {
				fs = append(fs, b.star(noColonWild))
			} else {
				fs = append(fs, b.star(rest))
			}
		}
	}
	return b.seq(fs...)
}
