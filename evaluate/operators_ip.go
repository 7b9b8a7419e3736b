package evaluate

import (
	"net/netip"
	"strings"
)

// ipValue is an IpAddress/NotIpAddress policy value: an IPv4 or IPv6 CIDR;
// a bare address is a single host (/32 or /128) (aws-rules B.6).
type ipValue struct {
	prefix netip.Prefix
}

func parseIPReason(s string) (ipValue, string) {
	if strings.Contains(s, "/") {
		p, err := netip.ParsePrefix(strings.TrimSpace(s))
		if err != nil {
			return ipValue{}, "is not an IPv4 or IPv6 CIDR"
		}
		if p.Addr().Is4In6() && p.Bits() >= 96 {
			p = netip.PrefixFrom(p.Addr().Unmap(), p.Bits()-96)
		}
		return ipValue{prefix: p.Masked()}, ""
	}
	a, err := netip.ParseAddr(strings.TrimSpace(s))
	if err != nil {
		return ipValue{}, "is not an IPv4 or IPv6 address or CIDR"
	}
	a = a.Unmap().WithZone("")
	return ipValue{prefix: netip.PrefixFrom(a, a.BitLen())}, ""
}

// parseRequestIP reads a request's address (aws:SourceIp…).
func parseRequestIP(s string) (netip.Addr, bool) {
	a, err := netip.ParseAddr(s)
	if err != nil {
		return netip.Addr{}, false
	}
	return a.Unmap().WithZone(""), true
}

func (v ipValue) contains(a netip.Addr) bool { return v.prefix.Contains(a) }
