package prove

import (
	"github.com/cksiam/cksiam/internal/ascii"
	"strings"

	"github.com/cksiam/cksiam/internal/glob"
	"github.com/cksiam/cksiam/policy"
)

// Character classes of principal names.
var (
	// IAM user, role and federated-user names (and path segments).
	nameChars = setOfString("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+=,.@_-")
	// Role session names.
	sessionChars = nameChars
	// Service principal and identity provider host names.
	hostChars = setOfString("abcdefghijklmnopqrstuvwxyz0123456789-")
)

// prinDim is the principal dimension. Its strings are aws:PrincipalArn for
// callers that have one (for a role session, its role's ARN without path)
// and the principal's name for service principals and identity-provider
// hosts. A session's name is a dimension of its own (sessDim).
type prinDim struct {
	*dimCells
	shape map[callerKind]int // the atom of each kind's strings
	aSLR  int                // a role under /aws-service-role/
	aSLRN int                // a role named AWSServiceRoleFor… (sessions)
	aSvc  int                // ends in .amazonaws.com or .amazonaws.com.cn
	acct  map[string]int
}

func partitionFrag(b *builder, parts []string) frag {
	var alts []frag
	for _, p := range parts {
		alts = append(alts, b.lit(p, foldNone))
	}
	return b.alt(alts...)
}

func twelveDigits(b *builder) frag {
	f := b.empty()
	for i := 0; i < 12; i++ {
		f = b.seq(f, b.one(digits))
	}
	return f
}

// pathName is (segment "/")* name.
func pathName(b *builder) frag {
	seg := b.seq(b.plus(nameChars), b.lit("/", foldNone))
	loop := b.empty()
	b.epsilon(loop.in, seg.in)
	b.epsilon(seg.out, loop.in)
	return b.seq(loop, b.plus(nameChars))
}

// newPrinDim prepares the principal dimension for the kinds of the
// question's universe and the candidate accounts.
func newPrinDim(kinds []callerKind, accounts, parts []string) *prinDim {
	d := &prinDim{dimCells: newDimCells(), shape: map[callerKind]int{}, acct: map[string]int{}}
	shapes := map[callerKind]func(b *builder) frag{
		kUser: func(b *builder) frag {
			return b.seq(b.lit("arn:", foldNone), partitionFrag(b, parts), b.lit(":iam::", foldNone), twelveDigits(b), b.lit(":user/", foldNone), pathName(b))
		},
		kRole: func(b *builder) frag {
			return b.seq(b.lit("arn:", foldNone), partitionFrag(b, parts), b.lit(":iam::", foldNone), twelveDigits(b), b.lit(":role/", foldNone), pathName(b))
		},
		kSession: func(b *builder) frag {
			return b.seq(b.lit("arn:", foldNone), partitionFrag(b, parts), b.lit(":iam::", foldNone), twelveDigits(b), b.lit(":role/", foldNone), b.plus(nameChars))
		},
		kFedUser: func(b *builder) frag {
			return b.seq(b.lit("arn:", foldNone), partitionFrag(b, parts), b.lit(":sts::", foldNone), twelveDigits(b), b.lit(":federated-user/", foldNone), b.plus(nameChars))
		},
		kRoot: func(b *builder) frag {
			return b.seq(b.lit("arn:", foldNone), partitionFrag(b, parts), b.lit(":iam::", foldNone), twelveDigits(b), b.lit(":root", foldNone))
		},
		kService: func(b *builder) frag {
			return b.seq(b.plus(hostChars), b.alt(b.lit(".amazonaws.com", foldNone), b.lit(".amazonaws.com.cn", foldNone)))
		},
		kIdPHost: func(b *builder) frag {
			return b.seq(b.plus(hostChars), b.lit(".", foldNone), b.plus(hostChars), b.star(setOfString("abcdefghijklmnopqrstuvwxyz0123456789-.")))
		},
		kIdPARN: func(b *builder) frag {
			return b.seq(b.lit("arn:", foldNone), partitionFrag(b, parts), b.lit(":iam::", foldNone), twelveDigits(b), b.lit(":", foldNone),
				b.alt(b.lit("saml-provider/", foldNone), b.lit("oidc-provider/", foldNone)), b.plus(allBut(":*? ")))
		},
	}
	shapes[kSLRRole] = shapes[kRole]
	shapes[kSLRSession] = shapes[kSession]
	d.add("universe", func(b *builder) atom {
		var alts []frag
		seen := map[callerKind]bool{}
		for _, k := range kinds {
			base := k
			switch k {
			case kSLRRole:
				base = kRole
			case kSLRSession:
				base = kSession
			}
			if !seen[base] {
				seen[base] = true
				alts = append(alts, shapes[base](b))
			}
		}
		return fragAtom(b.alt(alts...))
	})
	for _, k := range kinds {
		sh := shapes[k]
		key := "shape:" + kindNames[k]
		if k == kIdPARN {
			key += "-arn"
		}
		d.shape[k] = d.add(key, func(b *builder) atom { return fragAtom(sh(b)) })
	}
	d.aSLR = d.add("slr", func(b *builder) atom {
		return fragAtom(b.seq(b.star(anyRune), b.lit(":role/aws-service-role/", foldNone), b.star(anyRune)))
	})
	d.aSLRN = d.add("slrname", func(b *builder) atom {
		return fragAtom(b.seq(b.star(anyRune), b.lit(":role/AWSServiceRoleFor", foldNone), b.star(anyRune)))
	})
	d.aSvc = d.add("svcsuffix", func(b *builder) atom {
		return fragAtom(b.seq(b.star(anyRune), b.alt(b.lit(".amazonaws.com", foldNone), b.lit(".amazonaws.com.cn", foldNone))))
	})
	for _, a := range accounts {
		a := a
		d.acct[a] = d.add("acct:"+a, func(b *builder) atom {
			return fragAtom(b.seq(b.lit("arn:", foldNone), b.plus(noColonWild), b.lit(":", foldNone), b.plus(noColonWild),
				b.lit("::"+a+":", foldNone), b.star(anyRune)))
		})
	}
	return d
}

// entryAtoms registers the atoms a Principal entry needs so that every
// cell either matches it or not alike.
func (d *prinDim) entryAtoms(e entry, sess *dimCells) {
	switch e.typ {
	case policy.PrincipalService, policy.PrincipalFederated:
		d.add("lit:"+e.raw, func(b *builder) atom { return fragAtom(b.lit(e.raw, foldNone)) })
		return
	case policy.PrincipalCanonicalUser:
		return
	}
	switch e.kind {
	case awsAccount:
		key := "acctof:" + e.partition + ":" + e.account
		d.add(key, func(b *builder) atom {
			return fragAtom(b.seq(b.lit("arn:"+e.partition+":", foldNone), b.alt(b.lit("iam", foldNone), b.lit("sts", foldNone)),
				b.lit("::"+e.account+":", foldNone), b.star(anyRune)))
		})
	case awsUser, awsFederatedUser:
		d.add("lit:"+e.raw, func(b *builder) atom { return fragAtom(b.lit(e.raw, foldNone)) })
	case awsRole:
		key := "role:" + e.partition + ":" + e.account + ":" + e.name
		d.add(key, func(b *builder) atom {
			// Any role of that name in that account, whatever its path.
			return fragAtom(b.seq(b.lit("arn:"+e.partition+":iam::"+e.account+":role/", foldNone),
				b.opt(b.seq(b.star(anyRune), b.lit("/", foldNone))), b.lit(e.name, foldNone)))
		})
	case awsSession:
		role := "arn:" + e.partition + ":iam::" + e.account + ":role/" + e.name
		d.add("lit:"+role, func(b *builder) atom { return fragAtom(b.lit(role, foldNone)) })
		sess.add("lit:"+e.session, func(b *builder) atom { return fragAtom(b.lit(e.session, foldNone)) })
	}
}

// valueAtoms registers the atoms of a condition value tested on a key the
// principal implies (aws:PrincipalArn, aws:username,
// aws:PrincipalServiceName): the strings of the dimension whose key value
// the value's language holds.
func (d *prinDim) valueAtoms(key string, pos policy.BaseOperator, text string) {
	lang := func(b *builder) frag { return valueFrag(b, pos, text, globOpts{}) }
	switch key {
	case "aws:username":
		// The user name is the ARN's last path segment.
		d.add("username:"+pos.String()+":"+text, func(b *builder) atom {
			name := valueFrag(b, pos, text, globOpts{wild: allBut("/"), hasWild: true, deny: setOf('/')})
			return fragAtom(b.seq(b.star(anyRune), b.lit(":user/", foldNone), b.opt(b.seq(b.star(anyRune), b.lit("/", foldNone))), name))
		})
	default:
		d.add("value:"+pos.String()+":"+text, func(b *builder) atom { return fragAtom(lang(b)) })
	}
}

// valueFrag is the language of strings a request value must be for a
// positive String, Binary or ARN operator to match policy value text (no
// policy variables).
func valueFrag(b *builder, pos policy.BaseOperator, text string, o globOpts) frag {
	switch pos.Family() {
	case policy.FamilyARN:
		return arnLikeFrag(b, text)
	case policy.FamilyBinary:
		return b.lit(text, foldNone)
	}
	switch pos {
	case policy.StringEquals, policy.StringEqualsIgnoreCase:
		fold := foldNone
		if pos == policy.StringEqualsIgnoreCase {
			fold = foldUnicode
		}
		for _, r := range text {
			if o.deny.has(r) && !o.deny.neg && len(o.deny.runes) > 0 {
				return b.one(runeSet{}) // a value holding a denied rune: nothing
			}
		}
		return b.lit(text, fold)
	}
	return b.glob(string(glob.Encode(nil, text)), o)
}

// arnLikeFrag is the language of ArnLike/ArnEquals value text: six parts
// matched each on their own, so that a wildcard never crosses a colon
// (aws-rules B.7); "*" is any string with at least five colons.
func arnLikeFrag(b *builder, text string) frag {
	field := globOpts{wild: allBut(":"), hasWild: true, deny: setOf(':')}
	if text == "*" {
		var fs []frag
		for i := 0; i < 5; i++ {
			fs = append(fs, b.star(allBut(":")), b.lit(":", foldNone))
		}
		return b.seq(append(fs, b.star(anyRune))...)
	}
	parts, ok := splitARN(text)
	if !ok {
		return b.one(runeSet{}) // matches nothing
	}
	var fs []frag
	for i, p := range parts {
		enc := string(glob.Encode(nil, p))
		if i < 5 {
			fs = append(fs, b.glob(enc, field), b.lit(":", foldNone))
		} else {
			fs = append(fs, b.glob(enc, globOpts{}))
		}
	}
	return b.seq(fs...)
}

// arnLikeEncFrag is arnLikeFrag for an already encoded pattern (a
// substituted template).
func arnLikeEncFrag(b *builder, enc string) frag {
	field := globOpts{wild: allBut(":"), hasWild: true, deny: setOf(':')}
	if enc == string([]byte{globStar}) {
		var fs []frag
		for i := 0; i < 5; i++ {
			fs = append(fs, b.star(allBut(":")), b.lit(":", foldNone))
		}
		return b.seq(append(fs, b.star(anyRune))...)
	}
	var fs []frag
	for i := 0; i < 5; i++ {
		j := strings.IndexByte(enc, ':')
		if j < 0 {
			return b.one(runeSet{})
		}
		fs = append(fs, b.glob(enc[:j], field), b.lit(":", foldNone))
		enc = enc[j+1:]
	}
	return b.seq(append(fs, b.glob(enc, globOpts{}))...)
}

// isImpliedKey reports whether the evaluator implies a context key from
// the request (evaluate's impliedByName): the prover's requests never
// carry these in their context, so that they always tell the truth.
func isImpliedKey(lower string) bool {
	switch lower {
	case "aws:principalarn", "aws:principalaccount", "aws:principaltype", "aws:username", "aws:userid",
		"kms:calleraccount", "aws:principalisawsservice", "aws:principalservicename", "aws:resourceaccount":
		return true
	}
	return false
}

// impliedValue is the value the evaluator implies for key (lower-cased)
// for caller p, an action of service svc (lower-cased) and a resource in
// account resAcct.
func impliedValue(key string, p principal, c *parsed, svc, resAcct string) (string, bool) {
	switch key {
	case "aws:principalarn":
		switch p.kind {
		case kService, kIdPHost, kIdPARN:
			return "", false
		}
		return p.arn, true
	case "aws:principalaccount":
		return c.account, c.account != ""
	case "aws:principaltype":
		t := principalType(p.kind)
		return t, t != ""
	case "aws:username":
		return c.name, p.kind == kUser
	case "aws:userid":
		switch p.kind {
		case kRoot:
			return c.account, true
		case kFedUser:
			return c.account + ":" + c.name, true
		}
		return "", false
	case "kms:calleraccount":
		return c.account, c.account != "" && svc == "kms"
	case "aws:principalisawsservice":
		if p.kind == kService {
			return "true", true
		}
		return "false", true
	case "aws:principalservicename":
		return c.raw, p.kind == kService
	case "aws:resourceaccount":
		return resAcct, resAcct != ""
	}
	return "", false
}

// impliedHere reports whether the evaluator implies key for a caller of
// kind k: where it does not, AWS may still send the key (aws:userid of an
// IAM user is its unique ID), so it is a free key of the request.
func impliedHere(key string, k callerKind) bool {
	if key == "aws:userid" {
		return k == kRoot || k == kFedUser
	}
	return isImpliedKey(key)
}

// lowerKey lower-cases a condition key name.
func lowerKey(s string) string { return ascii.ToLower(s) }
