package value

import (
	"net/netip"
	"strings"
)

// Prefix is an IpAddress or NotIpAddress policy value: an IPv4 or IPv6
// CIDR block (aws-rules B.6). A bare address is a block of one address: /32
// for IPv4, as AWS documents, and /128 for IPv6 (AWS documents only /32;
// this is the project's reading). Host bits are cleared (10.1.2.3/8 is
// 10.0.0.0/8) and an IPv4-mapped IPv6 block of at least 96 bits is the
// IPv4 block it maps (::ffff:10.0.0.0/104 is 10.0.0.0/8), so a request
// address matches whichever way either was written.
//
// The zero Prefix is invalid and contains no address.
type Prefix struct {
	p netip.Prefix
}

// ParsePrefix reads an IPv4 or IPv6 address or CIDR block as net/netip
// reads it, without a zone ("fe80::1%eth0" is refused) and without
// surrounding spaces. Anything else is ErrPrefix.
func ParsePrefix(s string) (Prefix, error) {
	if strings.IndexByte(s, '/') >= 0 {
		p, err := netip.ParsePrefix(s)
		if err != nil {
			return Prefix{}, ErrPrefix
		}
		return PrefixFrom(p), nil
	}
	a, err := netip.ParseAddr(s)
	if err != nil || a.Zone() != "" {
		return Prefix{}, ErrPrefix
	}
	return PrefixFrom(netip.PrefixFrom(a, a.BitLen())), nil
}

// PrefixFrom returns p as a Prefix: masked, and an IPv4-mapped block of at
// least 96 bits unmapped. An invalid p gives the zero Prefix.
func PrefixFrom(p netip.Prefix) Prefix {
	if !p.IsValid() {
		return Prefix{}
	}
	a := p.Addr().WithZone("")
	bits := p.Bits()
	if a.Is4In6() && bits >= 96 {
		a, bits = a.Unmap(), bits-96
	}
	return Prefix{p: netip.PrefixFrom(a, bits).Masked()}
}

// ParseAddr reads a request's address (aws:SourceIp, aws:VpcSourceIp): an
// IPv4 or IPv6 address without a prefix length, zone or spaces; an
// IPv4-mapped IPv6 address is returned as the IPv4 address. Anything else
// is ErrAddr.
func ParseAddr(s string) (netip.Addr, error) {
	a, err := netip.ParseAddr(s)
	if err != nil || a.Zone() != "" {
		return netip.Addr{}, ErrAddr
	}
	return a.Unmap(), nil
}

// IsValid reports whether p was parsed or built from a valid block.
func (p Prefix) IsValid() bool { return p.p.IsValid() }

// Netip returns p as a netip.Prefix.
func (p Prefix) Netip() netip.Prefix { return p.p }

// String returns p in CIDR notation, "10.0.0.0/8".
func (p Prefix) String() string { return p.p.String() }

// Contains reports whether address a is in p; an IPv4-mapped a is read as
// its IPv4 address and a zone is ignored.
func (p Prefix) Contains(a netip.Addr) bool { return p.p.Contains(a.Unmap().WithZone("")) }

// Covers reports whether every address of q is in p.
func (p Prefix) Covers(q Prefix) bool {
	return p.p.IsValid() && q.p.IsValid() && p.p.Bits() <= q.p.Bits() && p.p.Contains(q.p.Addr())
}

// Overlaps reports whether p and q share an address; two blocks overlap
// exactly when one covers the other.
func (p Prefix) Overlaps(q Prefix) bool { return p.p.Overlaps(q.p) }

// Compare orders prefixes: IPv4 before IPv6, then by first address, then
// the shorter (larger) block first. It returns -1, 0 or 1.
func (p Prefix) Compare(q Prefix) int {
	if c := p.p.Addr().Compare(q.p.Addr()); c != 0 {
		return c
	}
	switch {
	case p.p.Bits() < q.p.Bits():
		return -1
	case p.p.Bits() > q.p.Bits():
		return 1
	}
	return 0
}

// First returns the first address of p.
func (p Prefix) First() netip.Addr { return p.p.Addr() }

// Last returns the last address of p.
func (p Prefix) Last() netip.Addr { return lastAddr(p.p) }

// lastAddr returns the address of p with every host bit set.
func lastAddr(p netip.Prefix) netip.Addr {
	a := p.Addr()
	if !a.IsValid() {
		return a
	}
	b := a.As16()
	off := 0
	if a.Is4() {
		off = 96
	}
	for bit := off + p.Bits(); bit < 128; bit++ {
		b[bit/8] |= 0x80 >> (bit % 8)
	}
	out := netip.AddrFrom16(b)
	if a.Is4() {
		out = out.Unmap()
	}
	return out
}
