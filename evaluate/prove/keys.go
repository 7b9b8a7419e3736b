package prove

import (
	"slices"
	"sort"

	"github.com/cksiam/cksiam/policy"
	"github.com/cksiam/cksiam/policy/catalog"
	"github.com/cksiam/cksiam/policy/value"
)

// maxKeyValues bounds the values of one key dimension (the sets of cells a
// multivalued key may carry grow combinatorially).
const maxKeyValues = 4096

// keyDim is one condition key a request may carry freely (not implied by
// the principal or the resource). Its values are: absent, then one value
// per cell of the entries' languages (single-valued keys), or sets of
// cells (multivalued keys).
type keyDim struct {
	name    string // as first written
	lower   string
	typ     catalog.KeyType
	entries []*centry
	dc      *dimCells
	vals    [][]string // vals[0] is nil: the key is absent
	index   int        // position among the key dimensions
	cache   map[*centry]map[string][2]bitset
}

// multi reports whether requests may carry several values of the key: the
// catalog says it is multivalued, or does not know it, or AWS documents it
// multivalued where the catalog types it String (multiClaims).
func (k *keyDim) multi() bool { return k.typ == "" || k.typ.MultiValued() || multiClaims[k.lower] }

// multiClaims are keys the catalog types String that AWS documents as
// multivalued: Amazon Cognito's amr claim lists "authenticated" and every
// provider the user signed in with
// (https://docs.aws.amazon.com/cognito/latest/developerguide/role-trust-and-permissions.html),
// and the SAML attributes the IAM User Guide marks "[]", which "can have a
// value that is a list" (an eduPerson affiliation lists faculty and staff:
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_iam-condition-keys.html#condition-keys-saml).
// Such a key carries one value or a set of them; the SAML keys without
// "[]" (saml:aud, saml:doc, saml:iss, saml:namequalifier, saml:sub,
// saml:sub_type, saml:edupersonorgdn, saml:edupersonprimaryaffiliation,
// saml:edupersonprimaryorgunitdn, saml:edupersonprincipalname) carry one.
var multiClaims = map[string]bool{
	"cognito-identity.amazonaws.com:amr": true,
	"saml:commonname":                    true,
	"saml:cn":                            true,
	"saml:givenname":                     true,
	"saml:surname":                       true,
	"saml:mail":                          true,
	"saml:name":                          true,
	"saml:uid":                           true,
	"saml:x500uniqueidentifier":          true,
	"saml:organizationstatus":            true,
	"saml:primarygroupsid":               true,
	"saml:edupersonaffiliation":          true,
	"saml:edupersonassurance":            true,
	"saml:edupersonentitlement":          true,
	"saml:edupersonnickname":             true,
	"saml:edupersonorgunitdn":            true,
	"saml:edupersonscopedaffiliation":    true,
	"saml:edupersontargetedid":           true,
	"saml:eduorghomepageuri":             true,
	"saml:eduorgidentityauthnpolicyuri":  true,
	"saml:eduorglegalname":               true,
	"saml:eduorgsuperioruri":             true,
	"saml:eduorgwhitepagesuri":           true,
}

// namesNothing reports whether a lower-cased key is the prefix of a map's
// entries with an empty name ("aws:RequestTag/", "kms:EncryptionContext:"):
// a tag key has at least one character
// (https://docs.aws.amazon.com/IAM/latest/APIReference/API_Tag.html), and
// the prover's encryption contexts have no empty name either, so the key
// is in no request, and kms:EncryptionContextKeys and aws:TagKeys never
// list "".
func namesNothing(lower string) bool {
	return lower == "aws:requesttag/" || lower == "kms:encryptioncontext:"
}

// single reports whether requests may carry exactly one value.
func (k *keyDim) single() bool { return k.typ == "" || !k.typ.MultiValued() }

// family is the kind of values a key dimension reasons about: strings
// (String, ARN, Binary and Bool operators), or numbers, dates or IP
// addresses. Null tests presence only and goes with any.
func (k *keyDim) family() (policy.OperatorFamily, string) {
	var fam policy.OperatorFamily
	for _, e := range k.entries {
		f, tested := keyFamily(e.op)
		if !tested {
			continue
		}
		if fam != 0 && f != fam {
			return 0, "operators of different families (" + fam.String() + " and " + f.String() + ")"
		}
		fam = f
	}
	if fam == 0 {
		fam = policy.FamilyString
	}
	return fam, ""
}

// keyFamily is the family of values an operator reads a key as (ARN,
// Binary and Bool values are strings to the prover); tested is false for
// Null, which reads only whether the key is present.
func keyFamily(op policy.Operator) (f policy.OperatorFamily, tested bool) {
	switch f = op.Base.Family(); f {
	case policy.FamilyNull:
		return 0, false
	case policy.FamilyARN, policy.FamilyBinary, policy.FamilyBool:
		return policy.FamilyString, true
	}
	return f, true
}

// unsupported says why the key dimension cannot reason about its entries,
// or "".
func (k *keyDim) unsupported() string {
	_, why := k.family()
	return why
}

// build lists the key's values: absent, then one value per class of
// values the entries treat alike (single-valued keys), or sets of such
// values (multivalued keys). variants gives, for a template whose
// variables the request's shape fixes, the texts it becomes.
func (k *keyDim) build(bud *budget, variants func(t *tmpl, enc bool) []string) error {
	if namesNothing(k.lower) {
		// No request carries it: absent is its only value.
		k.vals = [][]string{nil}
		return nil
	}
	fam, _ := k.family()
	var singles []string
	var err error
	switch fam {
	case policy.FamilyNumeric:
		singles = k.numbers()
	case policy.FamilyDate:
		singles = k.dates()
	case policy.FamilyIP:
		singles = k.addresses()
	default:
		singles, err = k.strings(bud, variants)
		if err != nil {
			return err
		}
	}
	k.vals = [][]string{nil}
	if k.single() {
		for _, v := range singles {
			k.vals = append(k.vals, []string{v})
		}
	}
	if k.multi() {
		n := len(singles)
		// Entries written alike (one condition repeated in several
		// statements) need one value between them.
		distinct := map[string]bool{}
		for _, e := range k.entries {
			key := e.opText
			for _, v := range e.vals {
				key += "\x00" + v.text
			}
			distinct[key] = true
		}
		m := len(distinct)
		if m < 1 {
			m = 1
		}
		if m > n {
			m = n
		}
		// Every set of at most m values: a set meeting every entry's needs
		// needs at most one value per entry (one inside a ForAnyValue
		// language, one outside a ForAllValues one).
		var rec func(start int, cur []int) bool
		rec = func(start int, cur []int) bool {
			if len(cur) > 0 && (len(cur) > 1 || !k.single()) {
				vs := make([]string, len(cur))
				for i, c := range cur {
					vs[i] = singles[c]
				}
				k.vals = append(k.vals, vs)
				if len(k.vals) > maxKeyValues {
					return false
				}
			}
			if len(cur) == m {
				return true
			}
			for c := start; c < n; c++ {
				if !rec(c+1, append(cur, c)) {
					return false
				}
			}
			return true
		}
		if !rec(0, nil) || keySetsBySignature {
			k.vals = k.vals[:1+len(singles)*boolInt(k.single())]
			if !k.setsBySignature(singles) {
				return &errBudget{what: "values of condition key " + k.name}
			}
		}
	}
	if !bud.spend(len(k.vals)) {
		return &errBudget{what: "condition keys"}
	}
	return nil
}

// typed reports whether the catalog gives the key the value type t, so
// that its values are always of that type.
func (k *keyDim) typed(t catalog.KeyType) bool { return k.typ != "" && k.typ.Elem() == t }

// strings explores the cells of the entries' string languages.
func (k *keyDim) strings(bud *budget, variants func(t *tmpl, enc bool) []string) ([]string, error) {
	k.dc = newDimCells()
	boolOnly := k.typed(catalog.Bool)
	arnOnly := k.typed(catalog.ARN)
	k.dc.add("universe", func(b *builder) atom {
		if boolOnly {
			return fragAtom(b.alt(b.lit("true", foldNone), b.lit("false", foldNone)))
		}
		if arnOnly {
			// A key the catalog types ARN holds an ARN in any request AWS
			// makes: arn:partition:service:region:account:resource, the
			// partition, service and resource never empty.
			part := func() frag { return b.plus(allBut(":")) }
			opt := func() frag { return b.star(allBut(":")) }
			colon := func() frag { return b.lit(":", foldNone) }
			return fragAtom(b.seq(b.lit("arn:", foldNone), part(), colon(), part(), colon(), opt(), colon(), opt(), colon(), b.plus(anyRune)))
		}
		return fragAtom(b.star(anyRune))
	})
	k.dc.add("empty", func(b *builder) atom { return fragAtom(b.empty()) })
	for _, e := range k.entries {
		if e.bad != "" {
			continue
		}
		for i := range e.vals {
			v := &e.vals[i]
			pos := e.pos
			if v.tmpl != nil {
				like := pos == policy.StringLike || pos.Family() == policy.FamilyARN
				for _, text := range variants(v.tmpl, like) {
					text := text
					key := "v:" + pos.String() + ":" + text
					k.dc.add(key, func(b *builder) atom {
						if pos.Family() == policy.FamilyARN {
							return fragAtom(arnLikeEncFrag(b, text))
						}
						if like {
							return fragAtom(b.glob(text, globOpts{}))
						}
						return fragAtom(valueFrag(b, pos, text, globOpts{}))
					})
				}
				continue
			}
			switch pos.Family() {
			case policy.FamilyBool:
				// value.ParseBool reads "true" and "false" in lower case only.
				k.dc.add("bool", func(b *builder) atom { return fragAtom(b.lit("true", foldNone)) })
				k.dc.add("boolf", func(b *builder) atom { return fragAtom(b.lit("false", foldNone)) })
			case policy.FamilyNull:
			default:
				text := v.text
				k.dc.add(pos.String()+":"+text, func(b *builder) atom { return fragAtom(valueFrag(b, pos, text, globOpts{})) })
			}
		}
	}
	if err := k.dc.explore(bud, ""); err != nil {
		return nil, err
	}
	out := make([]string, len(k.dc.cells))
	for i, c := range k.dc.cells {
		out[i] = c.witness
	}
	return out, nil
}

// loose adds the values a request may hold when the catalog does not type
// the key: an empty value and one no reader of the family accepts.
func (k *keyDim) loose(t catalog.KeyType, vals []string) []string {
	if k.typed(t) {
		return vals
	}
	return append(vals, "", "x")
}

// numbers lists one number per interval between the entries' numbers and
// the numbers themselves (value.Number is dense and exact).
func (k *keyDim) numbers() []string {
	var pts []value.Number
	for _, e := range k.entries {
		for i := range e.vals {
			if e.bad == "" && e.op.Base.Family() == policy.FamilyNumeric {
				pts = append(pts, e.vals[i].num)
			}
		}
	}
	slices.SortFunc(pts, func(a, b value.Number) int { return a.Compare(b) })
	pts = slices.CompactFunc(pts, func(a, b value.Number) bool { return a.Compare(b) == 0 })
	return k.loose(catalog.Numeric, aroundPoints(pts, "0"))
}

// ordered is a value of a dense order: numbers and dates.
type ordered[T any] interface {
	Below() T
	Above() T
	Between(T) T
	String() string
}

// aroundPoints lists, for sorted distinct points, a value below the
// first, each point, one value between each two neighbours and one above
// the last: one value for every interval the points cut the line into;
// without points, empty stands for the whole line.
func aroundPoints[T ordered[T]](pts []T, empty string) []string {
	if len(pts) == 0 {
		return []string{empty}
	}
	out := []string{pts[0].Below().String()}
	for i, p := range pts {
		out = append(out, p.String())
		if i+1 < len(pts) {
			out = append(out, p.Between(pts[i+1]).String())
		}
	}
	return append(out, pts[len(pts)-1].Above().String())
}

// dates lists one instant per interval between the entries' instants (both
// readings of an ambiguous date) and the instants themselves.
func (k *keyDim) dates() []string {
	var pts []value.Date
	for _, e := range k.entries {
		for i := range e.vals {
			if e.bad == "" && e.op.Base.Family() == policy.FamilyDate {
				pts = append(pts, e.vals[i].date.At, e.vals[i].date.Alt)
			}
		}
	}
	slices.SortFunc(pts, func(a, b value.Date) int { return a.Compare(b) })
	pts = slices.CompactFunc(pts, func(a, b value.Date) bool { return a.Compare(b) == 0 })
	return k.loose(catalog.Date, aroundPoints(pts, "2026-01-01T00:00:00Z"))
}

// addresses lists one address per region of the entries' blocks: the
// addresses of each block outside the blocks it contains, and those
// outside every block (IPv4 and IPv6 blocks never mix).
func (k *keyDim) addresses() []string {
	var ps []value.Prefix
	for _, e := range k.entries {
		for i := range e.vals {
			if e.bad == "" && e.op.Base.Family() == policy.FamilyIP {
				ps = append(ps, e.vals[i].ip)
			}
		}
	}
	var out []string
	seen := map[string]bool{}
	addRegion := func(s value.IPSet) {
		if a, ok := s.Witness(); ok && !seen[a.String()] {
			seen[a.String()] = true
			out = append(out, a.String())
		}
	}
	for _, p := range ps {
		region := value.IPSetOf(p)
		for _, q := range ps {
			if q != p && p.Covers(q) {
				region = region.Subtract(value.IPSetOf(q))
			}
		}
		addRegion(region)
	}
	outside := value.AllIPs()
	for _, p := range ps {
		outside = outside.Subtract(value.IPSetOf(p))
	}
	// Both families when no block is of one of them.
	v4, v6 := outside.Intersect(value.IPSetOf(mustPrefix("0.0.0.0/0"))), outside.Intersect(value.IPSetOf(mustPrefix("::/0")))
	addRegion(v4)
	addRegion(v6)
	return k.loose(catalog.IPAddress, out)
}

func mustPrefix(s string) value.Prefix {
	p, err := value.ParsePrefix(s)
	if err != nil {
		panic(err)
	}
	return p
}

// masksFor evaluates entry e on every value of the key, with the values
// env gives the control variables: where it is true, and where it is not
// false (an Allow needs the first, a Deny the second).
func (k *keyDim) masksFor(e *centry, env assignment) (isTrue, notFalse bitset) {
	if k.cache == nil {
		k.cache = map[*centry]map[string][2]bitset{}
	}
	if m, ok := k.cache[e][env.key]; ok {
		return m[0], m[1]
	}
	isTrue, notFalse = newBitset(len(k.vals)), newBitset(len(k.vals))
	for i, vs := range k.vals {
		vs := vs
		look := func(key string) ([]string, bool) {
			lk := lowerKey(key)
			if lk == k.lower {
				if vs != nil {
					return vs, true
				}
				return nil, false
			}
			return env.look(lk)
		}
		switch e.eval(look) {
		case triTrue:
			isTrue.set(i)
			notFalse.set(i)
		case triError:
			notFalse.set(i)
		}
	}
	if k.cache[e] == nil {
		k.cache[e] = map[string][2]bitset{}
	}
	k.cache[e][env.key] = [2]bitset{isTrue, notFalse}
	return isTrue, notFalse
}

// sortedKeys returns the key dimensions' names in order.
func sortedKeys(m map[string]*keyDim) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
