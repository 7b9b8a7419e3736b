package policy

import "github.com/cksiam/cksiam/internal/ascii"

// jsonSize is the length of a JSON text in UTF-8 bytes and in characters.
type jsonSize struct {
	bytes int
	chars int
}

// compactSize returns the length of what Compact writes for d, without
// writing it: one pass over the document's strings, no allocation. ok is
// false exactly when Compact fails (a character outside the policy
// character set, a number or boolean value whose text is not one, a
// principal both "*" and typed); the caller then writes the document to
// learn why. writeSizeSlow in the tests is its reference: it writes the
// document and measures the text.
func compactSize(d *Document) (n jsonSize, ok bool) {
	z := sizer{}
	z.document(d)
	return z.n, !z.bad
}

// sizer mirrors writer with counting instead of writing. Every method
// counts what the writer method of the same name appends.
type sizer struct {
	n   jsonSize
	bad bool // the writer would fail
}

// ascii counts k bytes of ASCII punctuation, names or number text.
func (z *sizer) ascii(k int) {
	z.n.bytes += k
	z.n.chars += k
}

// quote counts s written as a JSON string (see writer.quote): the quotes,
// a backslash before '"', '\\', LF, CR and tab, and each character of
// U+0080–U+00FF as two bytes but one character. Any other byte below
// U+0020 or at or above U+0080 is a character the writer refuses.
func (z *sizer) quote(s string) {
	bytes, chars := len(s)+2, len(s)+2
	i := 0
	for ; i+8 <= len(s); i += 8 {
		if specialBytes(ascii.Word(s, i)) != 0 {
			break
		}
	}
	if i+8 > len(s) && len(s) >= 8 && specialBytes(ascii.Word(s, len(s)-8)) == 0 {
		// The words so far were plain and the last eight bytes, which
		// overlap them, are plain too.
		i = len(s)
	}
	for ; i < len(s); i++ {
		c := s[i]
		if plainByte[c] {
			continue
		}
		switch {
		case c == '"', c == '\\', c == '\n', c == '\r', c == '\t':
			bytes++
			chars++
		case (c == 0xC2 || c == 0xC3) && i+1 < len(s) && s[i+1]&0xC0 == 0x80:
			// U+0080–U+00FF: two bytes, one character.
			i++
			chars--
		default:
			z.bad = true
		}
	}
	z.n.bytes += bytes
	z.n.chars += chars
}

// plainByte marks the bytes the writer copies as they are: printable
// ASCII but '"' and '\\'.
var plainByte = func() (t [256]bool) {
	for c := 0x20; c < 0x80; c++ {
		t[c] = c != '"' && c != '\\'
	}
	return t
}()

// name counts an element name the writer writes as a key (its quotes and
// colon): the names of the grammar are plain ASCII.
func (z *sizer) name(k string) { z.ascii(len(k) + 3) }

// list counts the brackets and commas of a list or object of n elements.
func (z *sizer) list(n int) { z.ascii(2 + max(n-1, 0)) }

// key counts the member name k (written by the writer's key) and its
// colon; a comma before every member but the first is counted by list.
func (z *sizer) key(k string) {
	z.quote(k)
	z.ascii(1)
}

func (z *sizer) document(d *Document) {
	members := 1
	if d.Version != "" {
		members++
		z.name("Version")
		z.quote(d.Version)
	}
	if d.ID != "" {
		members++
		z.name("Id")
		z.quote(d.ID)
	}
	z.list(members)
	z.name("Statement")
	if d.StatementObject && len(d.Statement) == 1 {
		z.statement(&d.Statement[0])
		return
	}
	z.list(len(d.Statement))
	for i := range d.Statement {
		z.statement(&d.Statement[i])
	}
}

func (z *sizer) statement(st *Statement) {
	members := 0
	if st.Sid != "" {
		members++
		z.name("Sid")
		z.quote(st.Sid)
	}
	if st.Effect != "" {
		members++
		z.name("Effect")
		z.quote(string(st.Effect))
	}
	members += z.principalElement("Principal", st.Principal)
	members += z.principalElement("NotPrincipal", st.NotPrincipal)
	members += z.stringsElement("Action", st.Action)
	members += z.stringsElement("NotAction", st.NotAction)
	members += z.stringsElement("Resource", st.Resource)
	members += z.stringsElement("NotResource", st.NotResource)
	if len(st.Condition) > 0 {
		members++
		z.name("Condition")
		z.condition(st.Condition)
	}
	z.list(members)
}

// principalElement counts the member name and p, and returns the number
// of members written (0 or 1).
func (z *sizer) principalElement(name string, p *Principal) int {
	if p == nil {
		return 0
	}
	z.name(name)
	z.principal(p)
	return 1
}

func (z *sizer) principal(p *Principal) {
	typed := z.stringsElement(PrincipalAWS, p.AWS) +
		z.stringsElement(PrincipalService, p.Service) +
		z.stringsElement(PrincipalFederated, p.Federated) +
		z.stringsElement(PrincipalCanonicalUser, p.CanonicalUser)
	if !p.Wildcard {
		z.list(typed)
		return
	}
	if typed > 0 {
		z.bad = true // "*" and typed: the writer refuses it
	}
	z.quote("*")
}

// stringsElement counts the member name and s when s is present, and
// returns the number of members written (0 or 1).
func (z *sizer) stringsElement(name string, s Strings) int {
	if !s.Present() {
		return 0
	}
	z.name(name)
	z.strings(s)
	return 1
}

func (z *sizer) strings(s Strings) {
	if len(s.Values) == 1 && !s.Array {
		z.quote(s.Values[0])
		return
	}
	z.list(len(s.Values))
	for _, v := range s.Values {
		z.quote(v)
	}
}

func (z *sizer) condition(c Condition) {
	z.list(len(c))
	for _, b := range c {
		z.key(b.Operator)
		z.list(len(b.Entries))
		for _, e := range b.Entries {
			z.key(e.Key)
			if len(e.Values) == 1 && !e.Array {
				z.value(e.Values[0])
				continue
			}
			z.list(len(e.Values))
			for _, v := range e.Values {
				z.value(v)
			}
		}
	}
}

func (z *sizer) value(v Value) {
	switch {
	case v.Kind == StringValue:
		z.quote(v.Text)
	case v.Kind == NumberValue && isJSONNumber(v.Text),
		v.Kind == BoolValue && (v.Text == "true" || v.Text == "false"):
		z.ascii(len(v.Text))
	default:
		z.bad = true
	}
}

// in returns the size in unit u, as u.Measure would count the compact
// text: it has no whitespace between tokens, so its non-whitespace
// characters are all its characters.
func (n jsonSize) in(u SizeUnit) int {
	if u == Bytes {
		return n.bytes
	}
	return n.chars
}

// specialBytes returns a word with the high bit set in each byte of x (eight
// bytes of a string) that the writer does not copy as it is: a control
// character, '"', '\\' or a byte at or above 0x80. Most policy strings have
// none, and are counted eight bytes at a time. specialBytesSlow in the
// tests is its reference.
func specialBytes(x uint64) uint64 {
	return x&highBits | controlBytes(x) | ascii.ByteMask(x, '"') | ascii.ByteMask(x, '\\')
}
