package value

import (
	"net/netip"
	"slices"
	"strings"
)

// IPSet is a set of IPv4 and IPv6 addresses, kept as sorted, disjoint,
// merged ranges so that two IPSets are equal exactly when they hold the
// same addresses. The zero IPSet is empty. It is the algebra a prover needs
// for IpAddress conditions: IPSetOf turns a condition's blocks into a set,
// and Union, Intersect and Complement combine them. IPv4 and IPv6 are
// separate address spaces (IPv4-mapped IPv6 addresses are their IPv4
// addresses, as in Prefix).
type IPSet struct {
	r []ipRange
}

type ipRange struct{ lo, hi netip.Addr } // same family, lo <= hi

var (
	all4 = ipRange{netip.IPv4Unspecified(), netip.AddrFrom4([4]byte{255, 255, 255, 255})}
	all6 = ipRange{netip.IPv6Unspecified(), netip.AddrFrom16([16]byte{0: 0xff, 1: 0xff, 2: 0xff, 3: 0xff, 4: 0xff, 5: 0xff, 6: 0xff, 7: 0xff, 8: 0xff, 9: 0xff, 10: 0xff, 11: 0xff, 12: 0xff, 13: 0xff, 14: 0xff, 15: 0xff})}
)

// IPSetOf returns the addresses in any of the prefixes; invalid prefixes
// add nothing.
func IPSetOf(prefixes ...Prefix) IPSet {
	r := make([]ipRange, 0, len(prefixes))
	for _, p := range prefixes {
		if p.IsValid() {
			r = append(r, ipRange{p.First(), p.Last()})
		}
	}
	return normalize(r)
}

// AllIPs returns every IPv4 and IPv6 address.
func AllIPs() IPSet { return IPSet{r: []ipRange{all4, all6}} }

// normalize sorts and merges ranges that overlap or are adjacent.
func normalize(r []ipRange) IPSet {
	slices.SortFunc(r, func(a, b ipRange) int { return a.lo.Compare(b.lo) })
	out := r[:0]
	for _, x := range r {
		if n := len(out); n > 0 {
			last := &out[n-1]
			next := last.hi.Next() // invalid after the family's last address
			if last.hi.BitLen() == x.lo.BitLen() && (!next.IsValid() || x.lo.Compare(next) <= 0) {
				if x.hi.Compare(last.hi) > 0 {
					last.hi = x.hi
				}
				continue
			}
		}
		out = append(out, x)
	}
	return IPSet{r: out}
}

// Empty reports whether s holds no address.
func (s IPSet) Empty() bool { return len(s.r) == 0 }

// Contains reports whether a is in s (an IPv4-mapped a as its IPv4 address).
func (s IPSet) Contains(a netip.Addr) bool {
	a = a.Unmap().WithZone("")
	for _, x := range s.r {
		if x.lo.Compare(a) <= 0 && a.Compare(x.hi) <= 0 {
			return true
		}
	}
	return false
}

// Union returns the addresses in s or t.
func (s IPSet) Union(t IPSet) IPSet {
	return normalize(append(slices.Clone(s.r), t.r...))
}

// Intersect returns the addresses in both s and t.
func (s IPSet) Intersect(t IPSet) IPSet {
	var out []ipRange
	for _, x := range s.r {
		for _, y := range t.r {
			if x.lo.BitLen() != y.lo.BitLen() {
				continue
			}
			lo, hi := maxAddr(x.lo, y.lo), minAddr(x.hi, y.hi)
			if lo.Compare(hi) <= 0 {
				out = append(out, ipRange{lo, hi})
			}
		}
	}
	return normalize(out)
}

// Complement returns every address, IPv4 and IPv6, not in s.
func (s IPSet) Complement() IPSet {
	var out []ipRange
	for _, fam := range []ipRange{all4, all6} {
		cur := fam.lo
		done := false
		for _, x := range s.r {
			if x.lo.BitLen() != fam.lo.BitLen() {
				continue
			}
			if x.lo.Compare(cur) > 0 {
				out = append(out, ipRange{cur, x.lo.Prev()})
			}
			if x.hi == fam.hi {
				done = true
				break
			}
			cur = x.hi.Next()
		}
		if !done {
			out = append(out, ipRange{cur, fam.hi})
		}
	}
	return normalize(out)
}

// Subtract returns the addresses in s and not in t.
func (s IPSet) Subtract(t IPSet) IPSet { return s.Intersect(t.Complement()) }

// Equal reports whether s and t hold the same addresses.
func (s IPSet) Equal(t IPSet) bool { return slices.Equal(s.r, t.r) }

// Witness returns an address in s, the least one; ok is false when s is
// empty.
func (s IPSet) Witness() (a netip.Addr, ok bool) {
	if len(s.r) == 0 {
		return a, false
	}
	return s.r[0].lo, true
}

// Prefixes returns s as the fewest CIDR blocks, in address order.
func (s IPSet) Prefixes() []Prefix {
	var out []Prefix
	for _, x := range s.r {
		lo := x.lo
		for {
			// The largest block that starts at lo and ends by x.hi.
			bits := lo.BitLen()
			for b := 0; b <= lo.BitLen(); b++ {
				p := netip.PrefixFrom(lo, b)
				if p.Masked().Addr() == lo && lastAddr(p).Compare(x.hi) <= 0 {
					bits = b
					break
				}
			}
			p := netip.PrefixFrom(lo, bits)
			out = append(out, Prefix{p: p})
			end := lastAddr(p)
			if end == x.hi {
				break
			}
			lo = end.Next()
		}
	}
	return out
}

// String writes s as its CIDR blocks separated by ", ", or "∅".
func (s IPSet) String() string {
	ps := s.Prefixes()
	if len(ps) == 0 {
		return "∅"
	}
	parts := make([]string, len(ps))
	for i, p := range ps {
		parts[i] = p.String()
	}
	return strings.Join(parts, ", ")
}

func maxAddr(a, b netip.Addr) netip.Addr {
	if a.Compare(b) >= 0 {
		return a
	}
	return b
}

func minAddr(a, b netip.Addr) netip.Addr {
	if a.Compare(b) <= 0 {
		return a
	}
	return b
}
