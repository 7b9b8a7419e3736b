package prove

import (
	"strings"
)

// partitions are the AWS partitions a resource or principal ARN of the
// prover's universe names.
var partitions = []string{"aws", "aws-cn", "aws-us-gov", "aws-iso", "aws-iso-b", "aws-iso-e", "aws-iso-f", "aws-eusc"}

// Character classes of the universes.
var (
	noColonWild = allBut(":*?")
	noWild      = allBut("*?")
	digits      = setOfString("0123456789")
	regionChars = setOfString("abcdefghijklmnopqrstuvwxyz0123456789-")
)

// dimCells is a string dimension once explored: its cells and, for each
// atom, the cells where it holds.
type dimCells struct {
	b     *builder
	atoms []atom
	ix    map[string]int
	cells []cell
	byKey map[string]int // wordsKey(holds) -> cell
	// visited is the number of subsets the construction visited.
	visited int
}

func newDimCells() *dimCells { return &dimCells{b: newBuilder(), ix: map[string]int{}} }

// add registers an atom under a key, once.
func (d *dimCells) add(key string, build func(b *builder) atom) int {
	if i, ok := d.ix[key]; ok {
		return i
	}
	a := build(d.b)
	d.atoms = append(d.atoms, a)
	d.ix[key] = len(d.atoms) - 1
	return len(d.atoms) - 1
}

// explore computes the cells; avoid lists runes witnesses should not use.
func (d *dimCells) explore(budget *budget, avoid string) error {
	x := &explorer{b: d.b, atoms: d.atoms}
	x.symbols(avoid)
	cells, err := x.cells(budget.states())
	budget.spend(x.visited)
	if err != nil {
		return err
	}
	d.visited = x.visited
	d.cells = cells
	d.byKey = make(map[string]int, len(cells))
	for i, c := range cells {
		d.byKey[wordsKey(c.holds)] = i
	}
	return nil
}

// valid drops the cells of ARNs the evaluator refuses: a KMS ARN that
// names neither a key nor an alias, an IAM or STS ARN whose resource type
// has an upper-case letter.
func (d *resDim) valid() {
	var cells []cell
	for _, c := range d.cells {
		if c.has(d.aKMS) && !c.has(d.aKey) && !c.has(d.aAlias) {
			continue
		}
		if c.has(d.aIAMSTS) && !c.has(d.aIAMOK) {
			continue
		}
		cells = append(cells, c)
	}
	d.cells = cells
	d.byKey = make(map[string]int, len(cells))
	for i, c := range cells {
		d.byKey[wordsKey(c.holds)] = i
	}
}

// holds returns the cells where atom i holds.
func (d *dimCells) holds(i int) bitset {
	out := newBitset(len(d.cells))
	for c := range d.cells {
		if d.cells[c].has(i) {
			out.set(c)
		}
	}
	return out
}

// resDim is the resource dimension: Request.Resource, "*" or an ARN.
type resDim struct {
	*dimCells
	aStar, aKey, aRole, aSLR, aAcct12 int
	aAcctEmpty                        int
	aKMS, aAlias, aIAMSTS, aIAMOK     int
	acct                              map[string]int
	formats                           map[string]map[int]string
	// svcOf is the literal service field an atom requires, when it has
	// one; reqSvc is, per cell, the service its holding atoms require
	// ("" for none, "!" when they disagree).
	svcOf  map[int]string
	reqSvc []string
	parts  []string // the partitions of the universe
}

// armAcct builds "arn:" partition ":" service ":" region ":" acct ":" rest.
func arnWith(b *builder, acct frag, rest frag) frag {
	return b.seq(b.lit("arn:", foldNone), b.plus(noColonWild), b.lit(":", foldNone), b.plus(noColonWild),
		b.lit(":", foldNone), b.star(noColonWild), b.lit(":", foldNone), acct, b.lit(":", foldNone), rest)
}

// newResDim prepares the resource dimension with its structural atoms: the
// universe (Resource "*" or an ARN as the evaluator reads one, without
// wildcards), "*", KMS key and IAM role ARNs, service-linked roles, ARNs
// with a 12-digit account and, for each candidate account, ARNs in it.
func newResDim(accounts, parts []string) *resDim {
	d := &resDim{dimCells: newDimCells(), acct: map[string]int{}, formats: map[string]map[int]string{}, svcOf: map[int]string{}, parts: parts}
	d.add("universe", func(b *builder) atom {
		// An ARN as the evaluator reads a request's resource: a known
		// partition, a lower-case service and Region, a 12-digit account,
		// "aws" or none, and a resource part. (KMS and IAM/STS resource
		// parts are checked by the atoms kmsok and iamok below.)
		var pfs []frag
		for _, p := range parts {
			pfs = append(pfs, b.lit(p, foldNone))
		}
		acct := b.alt(twelveDigits(b), b.lit("aws", foldNone), b.empty())
		arn := b.seq(b.lit("arn:", foldNone), b.alt(pfs...), b.lit(":", foldNone), b.plus(regionChars),
			b.lit(":", foldNone), b.star(regionChars), b.lit(":", foldNone), acct, b.lit(":", foldNone), b.plus(anyRune))
		return fragAtom(b.alt(b.lit("*", foldNone), arn))
	})
	d.aStar = d.add("star", func(b *builder) atom { return fragAtom(b.lit("*", foldNone)) })
	typed := func(svc, prefix string) func(b *builder) atom {
		return func(b *builder) atom {
			return fragAtom(b.seq(b.lit("arn:", foldNone), b.plus(noColonWild), b.lit(":"+svc+":", foldNone), b.star(noColonWild),
				b.lit(":", foldNone), b.star(noColonWild), b.lit(":"+prefix, foldNone), b.star(anyRune)))
		}
	}
	d.aKMS = d.add("kms", typed("kms", ""))
	d.aAlias = d.add("alias", typed("kms", "alias/"))
	d.aIAMSTS = d.add("iamsts", func(b *builder) atom {
		return fragAtom(b.seq(b.lit("arn:", foldNone), b.plus(noColonWild), b.lit(":", foldNone),
			b.alt(b.lit("iam", foldNone), b.lit("sts", foldNone)), b.lit(":", foldNone), b.star(noColonWild),
			b.lit(":", foldNone), b.star(noColonWild), b.lit(":", foldNone), b.star(anyRune)))
	})
	d.aIAMOK = d.add("iamok", func(b *builder) atom {
		// The resource type (before the first '/' or ':') has no
		// upper-case letter.
		typ := b.star(allBut("/:ABCDEFGHIJKLMNOPQRSTUVWXYZ"))
		return fragAtom(b.seq(b.lit("arn:", foldNone), b.plus(noColonWild), b.lit(":", foldNone), b.plus(noColonWild),
			b.lit(":", foldNone), b.star(noColonWild), b.lit(":", foldNone), b.star(noColonWild), b.lit(":", foldNone),
			typ, b.opt(b.seq(b.one(setOfString("/:")), b.star(anyRune)))))
	})
	d.aKey = d.add("key", typed("kms", "key/"))
	d.aRole = d.add("role", typed("iam", "role/"))
	d.aSLR = d.add("slr", typed("iam", "role/aws-service-role/"))
	d.svcOf[d.aKey], d.svcOf[d.aRole], d.svcOf[d.aSLR] = "kms", "iam", "iam"
	d.aAcct12 = d.add("acct12", func(b *builder) atom {
		twelve := b.empty()
		for i := 0; i < 12; i++ {
			twelve = b.seq(twelve, b.one(digits))
		}
		return fragAtom(arnWith(b, twelve, b.star(anyRune)))
	})
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
	if svc, ok := literalService(enc); ok {
		d.svcOf[i] = svc
	}
	return i
}

// literalService returns the service field of an ARN pattern when nothing
// before its end is a wildcard (so every string it holds has that
// service).
func literalService(enc string) (string, bool) {
	n := 0
	start := 0
	for i := 0; i < len(enc); i++ {
		switch enc[i] {
		case globStar, globQuest:
			return "", false
		case ':':
			n++
			if n == 2 {
				start = i + 1
			}
			if n == 3 {
				return enc[start:i], true
			}
		}
	}
	return "", false
}

// services computes, per cell, the service its atoms require.
func (d *resDim) services() {
	d.reqSvc = make([]string, len(d.cells))
	for c := range d.cells {
		req := ""
		for a, svc := range d.svcOf {
			if d.cells[c].has(a) {
				switch req {
				case "":
					req = svc
				case svc:
				default:
					req = "!"
				}
			}
		}
		d.reqSvc[c] = req
	}
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
		default:
			n++
			b.WriteString("example" + itoa(n))
		}
	}
	return strings.ReplaceAll(b.String(), "*", "x")
}

// fit finds a resource of an ARN format in one of the cells of mask: the
// format's example ARN when it lies there, else by exploring the format.
func (d *resDim) fit(format string, mask bitset, partition, acct string, bud *budget) (string, int, bool, error) {
	ex := formatExample(format, partition, acct)
	if c := d.cellOf(ex); c >= 0 && mask.has(c) {
		return ex, c, true, nil
	}
	svc := ""
	if parts, ok := splitARN(format); ok && !strings.Contains(parts[2], "$") {
		svc = parts[2]
	}
	possible := false
	for c := range d.cells {
		if mask.has(c) && (d.reqSvc[c] == "" || d.reqSvc[c] == svc) {
			possible = true
			break
		}
	}
	if !possible {
		return "", -1, false, nil
	}
	m, err := d.inFormat(format, bud)
	if err != nil {
		return "", -1, false, err
	}
	for c := range d.cells {
		if w, ok := m[c]; ok && mask.has(c) {
			return w, c, true, nil
		}
	}
	return "", -1, false, nil
}

// formatFrag builds the language of an ARN format of the catalog: each
// ${…} is one or more characters (the partition one of AWS's, the Region
// lower-case letters, digits and '-', the account 12 digits), never a ':'
// before the resource part.
func formatFrag(b *builder, format string, partitions []string) frag {
	fields, ok := splitARN(format)
	if !ok {
		return b.lit(format, foldNone)
	}
	var fs []frag
	for i, p := range fields {
		if i > 0 {
			fs = append(fs, b.lit(":", foldNone))
		}
		fs = append(fs, formatPart(b, i, p, partitions))
	}
	return b.seq(fs...)
}

func formatPart(b *builder, i int, p string, parts []string) frag {
	var fs []frag
	for p != "" {
		j := strings.Index(p, "${")
		k := -1
		if j >= 0 {
			k = strings.IndexByte(p[j:], '}')
		}
		if j < 0 || k < 0 {
			fs = append(fs, formatLit(b, i, p))
			break
		}
		if j > 0 {
			fs = append(fs, formatLit(b, i, p[:j]))
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
			fs = append(fs, b.plus(noWild))
		}
	}
	return b.seq(fs...)
}

// formatLit is literal format text; a '*' in a format stands for any run.
func formatLit(b *builder, i int, s string) frag {
	var fs []frag
	for _, piece := range strings.SplitAfter(s, "*") {
		star := strings.HasSuffix(piece, "*")
		piece = strings.TrimSuffix(piece, "*")
		fs = append(fs, b.lit(piece, foldNone))
		if star {
			if i < 5 {
				fs = append(fs, b.star(noColonWild))
			} else {
				fs = append(fs, b.star(noWild))
			}
		}
	}
	return b.seq(fs...)
}

// inFormat returns the cells that hold an ARN of the given format, each
// with such an ARN as witness.
func (d *resDim) inFormat(format string, budget *budget) (map[int]string, error) {
	if m, ok := d.formats[format]; ok {
		return m, nil
	}
	f := formatFrag(d.b, format, d.parts)
	atoms := append([]atom{fragAtom(f)}, d.atoms[1:]...)
	x := &explorer{b: d.b, atoms: atoms}
	x.symbols("")
	cells, err := x.cells(budget.states())
	if err != nil {
		return nil, err
	}
	m := map[int]string{}
	for _, c := range cells {
		// The format's ARNs are in the universe: look the cell up with
		// the universe bit set.
		h := append([]uint64(nil), c.holds...)
		h[0] |= 1
		if i, ok := d.byKey[wordsKey(h)]; ok {
			if _, dup := m[i]; !dup {
				m[i] = c.witness
			}
		}
	}
	d.formats[format] = m
	return m, nil
}
