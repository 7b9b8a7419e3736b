package evaluate

import (
	"net/netip"
	"strings"

	"github.com/cksiam/cksiam/policy/value"
)

// matchIP reports whether request address rv lies in any policy block
// (aws-rules B.6). The request carries an address; a block, a zone or
// spaces make it unreadable.
//
// An IPv6 address written without a prefix length has two readings: the
// one address (/128, aws-rules I.8), and the operators page's rule "If
// you specify an IP address without the associated routing prefix, IAM
// uses the default prefix value of /32", which that page does not limit
// to IPv4
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_IPAddress).
// Such a value decides only where both readings agree; an address in the
// /32 but not the address itself is "cannot tell", so the ambiguity never
// makes an Allow apply or a Deny fail to apply.
func (ce *condEntry) matchIP(s *state, rv string) tri {
	a, err := value.ParseAddr(rv)
	if err != nil {
		return s.badContext(ce, rv, err)
	}
	out := triFalse
	for i := range ce.values {
		cv := &ce.values[i]
		if cv.ip.Contains(a) {
			return triTrue
		}
		if cv.bare6 && out == triFalse && netip.PrefixFrom(cv.ip.First(), 32).Masked().Contains(a) {
			if s.tr != nil {
				s.tr.diag(errDiag(DiagAmbiguousIP, "the IPv6 address "+quote(cv.text)+" has no prefix length: it is one address, or the /32 block AWS documents as the default prefix, and "+
					quote(rv)+" lies in the block only; the statement cannot allow, and applies if it is a Deny", s.whereCond(ce)))
			}
			out = triError
		}
	}
	return out
}

// isBareIPv6 reports whether the policy value text, read as p, is an IPv6
// address without a prefix length (an IPv4-mapped address reads as IPv4).
func isBareIPv6(text string, p value.Prefix) bool {
	return !strings.Contains(text, "/") && p.IsValid() && p.First().Is6()
}
