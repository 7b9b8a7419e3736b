package prove

import (
	"sort"
	"unicode"
	"unicode/utf8"
)

// runeSet is a set of runes: the runes listed, or (neg) every rune but
// them. Every character class the prover needs is one of these: a literal,
// the case variants of a letter, "any character", "any but ':'", the
// characters of an IAM name.
type runeSet struct {
	runes []rune // sorted, unique
	neg   bool
}

func (s runeSet) has(r rune) bool {
	i := sort.Search(len(s.runes), func(i int) bool { return s.runes[i] >= r })
	in := i < len(s.runes) && s.runes[i] == r
	return in != s.neg
}

func (s runeSet) key() string {
	b := make([]byte, 0, 4*len(s.runes)+1)
	if s.neg {
		b = append(b, '!')
	}
	for _, r := range s.runes {
		b = utf8.AppendRune(b, r)
	}
	return string(b)
}

// setOf returns the set of the runes given.
func setOf(rs ...rune) runeSet {
	out := append([]rune(nil), rs...)
	sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
	n := 0
	for i, r := range out {
		if i == 0 || r != out[n-1] {
			out[n] = r
			n++
		}
	}
	return runeSet{runes: out[:n]}
}

// setOfString returns the set of the runes of s.
func setOfString(s string) runeSet { return setOf([]rune(s)...) }

// anyRune is every rune.
var anyRune = runeSet{neg: true}

// allBut returns every rune but those of s.
func allBut(s string) runeSet {
	r := setOfString(s)
	r.neg = true
	return r
}

// caseFold says how a literal character of a pattern matches.
type caseFold uint8

const (
	foldNone    caseFold = iota // exactly (resources, StringEquals, StringLike)
	foldASCII                   // ASCII letters either case (action names)
	foldUnicode                 // Unicode simple folding (StringEqualsIgnoreCase: strings.EqualFold)
)

// litSet returns the runes a literal r matches under fold.
func litSet(r rune, fold caseFold) runeSet {
	switch fold {
	case foldASCII:
		if 'a' <= r && r <= 'z' {
			return setOf(r, r-'a'+'A')
		}
		if 'A' <= r && r <= 'Z' {
			return setOf(r, r-'A'+'a')
		}
	case foldUnicode:
		// The orbit of r under simple case folding: exactly the runes
		// strings.EqualFold takes for r.
		orbit := []rune{r}
		for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
			orbit = append(orbit, f)
		}
		return setOf(orbit...)
	}
	return setOf(r)
}

// edge is a transition on any rune of a class.
type edge struct {
	class int32
	to    int32
}

// builder holds the states of the automata of one dimension: every atom's
// automaton lives in it, with its own states, so that one set of states
// describes where every atom is at once.
type builder struct {
	classes []runeSet
	classIx map[string]int32
	out     [][]edge
	eps     [][]int32
}

func newBuilder() *builder { return &builder{classIx: map[string]int32{}} }

func (b *builder) state() int32 {
	b.out = append(b.out, nil)
	b.eps = append(b.eps, nil)
	return int32(len(b.out) - 1)
}

func (b *builder) class(s runeSet) int32 {
	k := s.key()
	if i, ok := b.classIx[k]; ok {
		return i
	}
	b.classes = append(b.classes, s)
	i := int32(len(b.classes) - 1)
	b.classIx[k] = i
	return i
}

func (b *builder) on(from int32, s runeSet, to int32) {
	b.out[from] = append(b.out[from], edge{class: b.class(s), to: to})
}

func (b *builder) epsilon(from, to int32) { b.eps[from] = append(b.eps[from], to) }

// frag is an automaton fragment with one entry and one exit state.
type frag struct{ in, out int32 }

// empty is the fragment of the empty string.
func (b *builder) empty() frag {
	s := b.state()
	return frag{s, s}
}

// lit is the fragment of the literal text s.
func (b *builder) lit(s string, fold caseFold) frag {
	f := b.empty()
	for _, r := range s {
		n := b.state()
		b.on(f.out, litSet(r, fold), n)
		f.out = n
	}
	return f
}

// one is the fragment of one rune of class s.
func (b *builder) one(s runeSet) frag {
	f := b.empty()
	n := b.state()
	b.on(f.in, s, n)
	f.out = n
	return f
}

// star is the fragment of any run (possibly empty) of runes of class s.
func (b *builder) star(s runeSet) frag {
	f := b.empty()
	b.on(f.in, s, f.in)
	return f
}

// plus is one or more runes of class s.
func (b *builder) plus(s runeSet) frag { return b.seq(b.one(s), b.star(s)) }

// seq concatenates fragments.
func (b *builder) seq(fs ...frag) frag {
	if len(fs) == 0 {
		return b.empty()
	}
	out := fs[0]
	for _, f := range fs[1:] {
		b.epsilon(out.out, f.in)
		out.out = f.out
	}
	return out
}

// alt is the union of fragments.
func (b *builder) alt(fs ...frag) frag {
	out := b.empty()
	end := b.state()
	for _, f := range fs {
		b.epsilon(out.in, f.in)
		b.epsilon(f.out, end)
	}
	out.out = end
	return out
}

// opt is f or the empty string.
func (b *builder) opt(f frag) frag { return b.alt(f, b.empty()) }

// globOpts says how a pattern's characters match.
type globOpts struct {
	fold caseFold
	// wild is what '*' runs over and '?' matches; zero means any rune.
	// Restricting it reads a pattern inside a part that cannot hold some
	// characters (an ARN field holds no ':', a name no '/').
	wild    runeSet
	hasWild bool
	// deny lists runes that literal characters may not match either.
	deny runeSet
}

// glob is the fragment of an IAM wildcard pattern given in the encoding
// of internal/glob (wildcards as the bytes Star and Quest, so that a
// literal '*' from ${*} stays literal). '*' matches any run of
// characters and '?' exactly one (aws-rules A.5, A.6).
func (b *builder) glob(enc string, o globOpts) frag {
	wild := anyRune
	if o.hasWild {
		wild = o.wild
	}
	f := b.empty()
	for _, r := range enc {
		switch r {
		case globStar:
			s := b.state()
			b.epsilon(f.out, s)
			b.on(s, wild, s)
			f.out = s
		case globQuest:
			n := b.state()
			b.on(f.out, wild, n)
			f.out = n
		default:
			ls := litSet(r, o.fold)
			if len(o.deny.runes) > 0 {
				ls = minus(ls, o.deny)
			}
			n := b.state()
			if len(ls.runes) > 0 || ls.neg {
				b.on(f.out, ls, n)
			}
			f.out = n
		}
	}
	return f
}

// minus returns a \ d for a finite a.
func minus(a, d runeSet) runeSet {
	var out []rune
	for _, r := range a.runes {
		if !d.has(r) {
			out = append(out, r)
		}
	}
	return runeSet{runes: out}
}

// The wildcard runes of an encoded pattern (internal/glob's Star and
// Quest). Policy text never holds these control characters.
const (
	globStar  = 0x01
	globQuest = 0x02
)

// closure adds to set every state reachable by empty moves.
func (b *builder) closure(set []uint64) {
	var stack []int32
	for w, word := range set {
		for word != 0 {
			i := trailing(word)
			word &= word - 1
			stack = append(stack, int32(w*64+i))
		}
	}
	for len(stack) > 0 {
		s := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		for _, t := range b.eps[s] {
			if set[t>>6]&(1<<(t&63)) == 0 {
				set[t>>6] |= 1 << (t & 63)
				stack = append(stack, t)
			}
		}
	}
}

// after returns the states the fragment can be in after reading s from its
// entry, or nil when no run reads s.
func (b *builder) after(f frag, s string) []int32 {
	words := (len(b.out) + 63) / 64
	cur := make([]uint64, words)
	cur[f.in>>6] |= 1 << (f.in & 63)
	b.closure(cur)
	for _, r := range s {
		next := make([]uint64, words)
		any := false
		for w, word := range cur {
			for word != 0 {
				i := trailing(word)
				word &= word - 1
				for _, e := range b.out[w*64+i] {
					if b.classes[e.class].has(r) {
						next[e.to>>6] |= 1 << (e.to & 63)
						any = true
					}
				}
			}
		}
		if !any {
			return nil
		}
		b.closure(next)
		cur = next
	}
	var out []int32
	for w, word := range cur {
		for word != 0 {
			i := trailing(word)
			word &= word - 1
			out = append(out, int32(w*64+i))
		}
	}
	return out
}

// accepts reports whether the atom's language holds s, by running its
// automaton (for concrete strings: a witness the prover tidies, a format's
// example ARN).
func (b *builder) accepts(a atom, s string) bool {
	cur := map[int32]bool{}
	var add func(st int32)
	add = func(st int32) {
		if cur[st] {
			return
		}
		cur[st] = true
		for _, t := range b.eps[st] {
			add(t)
		}
	}
	for _, st := range a.start {
		add(st)
	}
	for _, r := range s {
		prev := cur
		cur = map[int32]bool{}
		for st := range prev {
			for _, e := range b.out[st] {
				if b.classes[e.class].has(r) {
					add(e.to)
				}
			}
		}
		if len(cur) == 0 {
			return false
		}
	}
	return cur[a.accept]
}

// cellOf returns the cell holding the concrete string s, or -1 when s is
// not in the dimension's universe.
func (d *dimCells) cellOf(s string) int {
	h := make([]uint64, (len(d.atoms)+63)/64)
	for i, a := range d.atoms {
		if d.b.accepts(a, s) {
			h[i>>6] |= 1 << (i & 63)
		}
	}
	if h[0]&1 == 0 {
		return -1
	}
	if c, ok := d.byKey[wordsKey(h)]; ok {
		return c
	}
	return -1
}
