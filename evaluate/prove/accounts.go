package prove

import (
	"github.com/cksiam/cksiam/policy"
)

// The prover stands for every account the inputs do not name by two
// accounts the inputs do not name (freshAccounts): that is exact when no
// pattern tells two unnamed accounts apart. A pattern can only do so with
// digits it may align with an account: "arn:aws:iam::1111*:root", or
// "*2024*", whose '*' may reach into the account field of an ARN. The
// checks below find every pattern that could, conservatively; a question
// that meets one is not answered Proved (ReasonUnmodelledKeyRelation).

// accountSafe reports whether an ARN glob (encoded) cannot tell two
// unnamed 12-digit accounts apart. Each run of digits in it must be a
// whole 12-digit field between colons (it then matches an account field
// only where that field is this named account), or lie where no account
// field can reach: after five literal colons (each matches a colon of the
// string, in order, so the run is past the string's fifth colon), or before
// the fourth colon with no wildcard before it.
func accountSafe(enc string) bool {
	colons := 0
	wild := false
	for i := 0; i < len(enc); {
		c := enc[i]
		switch {
		case c == globStar || c == globQuest:
			wild = true
			i++
		case c == ':':
			colons++
			i++
		case '0' <= c && c <= '9':
			j := i
			for j < len(enc) && '0' <= enc[j] && enc[j] <= '9' {
				j++
			}
			switch {
			case colons >= 5, !wild && colons < 4:
				// In the resource part, or before the account field.
			case j-i == 12 && i > 0 && enc[i-1] == ':' && j < len(enc) && enc[j] == ':':
				// A whole account field.
			default:
				return false
			}
			i = j
		default:
			i++
		}
	}
	return true
}

// accountValueSafe reports whether a condition value tested on an account
// key (aws:PrincipalAccount, aws:ResourceAccount, kms:CallerAccount)
// cannot tell two unnamed accounts apart: it holds no digit, or is a
// whole account.
func accountValueSafe(pos policy.BaseOperator, text string) bool {
	digits, other := 0, false
	for i := 0; i < len(text); i++ {
		if '0' <= text[i] && text[i] <= '9' {
			digits++
		} else {
			other = true
		}
	}
	if digits == 0 {
		return true
	}
	return digits == 12 && !other
}

// checkAccounts records whether every pattern of the question keeps the
// unnamed accounts alike.
func (pb *problem) checkAccounts() {
	for key := range pb.res.ix {
		if len(key) > 2 && key[:2] == "p:" && !accountSafe(key[2:]) {
			pb.inexact = "Resource pattern " + quoteText(decode(key[2:])) + " may tell accounts the inputs do not name apart"
			return
		}
	}
	for _, sd := range pb.sides {
		for _, set := range sd.sets {
			for _, s := range set.stmts {
				for _, c := range s.conds {
					for i := range c.ce.vals {
						v := &c.ce.vals[i]
						switch c.ce.lower {
						case "aws:principalarn":
							if !accountSafe(encode(v.text)) {
								pb.inexact = "the aws:PrincipalArn value " + quoteText(v.text) + " may tell accounts the inputs do not name apart"
								return
							}
						case "aws:principalaccount", "aws:resourceaccount", "kms:calleraccount", "aws:userid":
							if !accountValueSafe(c.ce.pos, v.text) {
								pb.inexact = "the " + c.ce.key + " value " + quoteText(v.text) + " may tell accounts the inputs do not name apart"
								return
							}
						}
					}
				}
			}
		}
	}
}

// decode turns an encoded glob back into its text.
func decode(enc string) string {
	b := []byte(enc)
	for i, c := range b {
		switch c {
		case globStar:
			b[i] = '*'
		case globQuest:
			b[i] = '?'
		}
	}
	return string(b)
}
