package value

import (
	"math/rand/v2"
	"net/netip"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestParsePrefix(t *testing.T) {
	for _, tt := range []struct{ name, in, want string }{
		{"an IPv4 CIDR is a block", "203.0.113.0/24", "203.0.113.0/24"},
		{"an IPv4 address is a /32", "203.0.113.7", "203.0.113.7/32"},
		{"an IPv6 CIDR is a block, in lower case", "2001:DB8:1234:5678::/64", "2001:db8:1234:5678::/64"},
		{"an IPv6 address is a /128", "2001:db8::1", "2001:db8::1/128"},
		{"host bits are cleared", "10.1.2.3/8", "10.0.0.0/8"},
		{"an IPv4-mapped block is the IPv4 block", "::ffff:10.0.0.0/104", "10.0.0.0/8"},
		{"an IPv4-mapped address is the IPv4 address", "::ffff:10.0.0.1", "10.0.0.1/32"},
		{"a zone is refused", "fe80::1%eth0", ""},
		{"spaces are refused", " 10.0.0.0/8 ", ""},
		{"a prefix too long is refused", "10.0.0.0/33", ""},
		{"an out-of-range octet is refused", "300.1.1.1", ""},
		{"a leading zero in an octet is refused", "010.0.0.1", ""},
		{"an empty text is refused", "", ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			p, err := ParsePrefix(tt.in)
			if tt.want == "" {
				require.ErrorIs(t, err, ErrPrefix)
				require.False(t, p.IsValid())
				return
			}
			require.NoError(t, err)
			require.Equal(t, tt.want, p.String())
		})
	}
}

func TestParseAddr(t *testing.T) {
	a, err := ParseAddr("::ffff:203.0.113.7")
	require.NoError(t, err)
	require.Equal(t, "203.0.113.7", a.String(), "an IPv4-mapped request address is its IPv4 address")
	for _, bad := range []string{"203.0.113.0/24", "fe80::1%eth0", " 203.0.113.7", "somewhere", ""} {
		_, err := ParseAddr(bad)
		require.ErrorIs(t, err, ErrAddr, "%q", bad)
	}
}

func TestPrefixRelations(t *testing.T) {
	p := func(s string) Prefix { v, err := ParsePrefix(s); require.NoError(t, err); return v }
	require.True(t, p("10.0.0.0/8").Covers(p("10.1.0.0/16")))
	require.False(t, p("10.1.0.0/16").Covers(p("10.0.0.0/8")))
	require.True(t, p("10.1.0.0/16").Overlaps(p("10.0.0.0/8")))
	require.False(t, p("10.0.0.0/8").Overlaps(p("11.0.0.0/8")))
	require.False(t, p("0.0.0.0/0").Covers(p("::/0")), "IPv4 and IPv6 are separate spaces")
	require.Equal(t, -1, p("10.0.0.0/8").Compare(p("10.0.0.0/16")), "the larger block first")
	require.Equal(t, -1, p("255.0.0.0/8").Compare(p("::/0")), "IPv4 first")
	require.Equal(t, "10.255.255.255", p("10.0.0.0/8").Last().String())
	require.Equal(t, "2001:db8:ffff:ffff:ffff:ffff:ffff:ffff", p("2001:db8::/32").Last().String())
	require.True(t, p("10.0.0.0/8").Contains(netip.MustParseAddr("::ffff:10.9.9.9")))
}

func TestIPSetAlgebra(t *testing.T) {
	p := func(s string) Prefix { v, err := ParsePrefix(s); require.NoError(t, err); return v }
	t.Run("adjacent blocks merge into the fewest prefixes", func(t *testing.T) {
		s := IPSetOf(p("10.0.0.0/25"), p("10.0.0.128/25"), p("10.0.1.0/24"))
		require.Equal(t, "10.0.0.0/23", s.String())
	})
	t.Run("the complement of one IPv4 block covers the rest of both spaces", func(t *testing.T) {
		c := IPSetOf(p("128.0.0.0/1")).Complement()
		require.Equal(t, "0.0.0.0/1, ::/0", c.String())
	})
	t.Run("a block minus a sub-block", func(t *testing.T) {
		s := IPSetOf(p("10.0.0.0/30")).Subtract(IPSetOf(p("10.0.0.1")))
		require.Equal(t, "10.0.0.0/32, 10.0.0.2/31", s.String())
		w, ok := s.Witness()
		require.True(t, ok)
		require.Equal(t, "10.0.0.0", w.String())
	})
	t.Run("everything minus everything is empty", func(t *testing.T) {
		require.True(t, AllIPs().Subtract(AllIPs()).Empty())
		require.Equal(t, "∅", IPSet{}.String())
		require.True(t, IPSet{}.Complement().Equal(AllIPs()))
	})
}

// TestIPSetAgreesWithItsDefinition checks random combinations of blocks
// within 10.0.0.0/28 and fe80::/124 against membership computed directly,
// for every address of both ranges and their neighbours.
func TestIPSetAgreesWithItsDefinition(t *testing.T) {
	var universe []netip.Addr
	for _, base := range []string{"10.0.0.0", "fe80::"} {
		a := netip.MustParseAddr(base).Prev()
		for i := 0; i < 18; i++ {
			universe = append(universe, a)
			a = a.Next()
		}
	}
	r := rand.New(rand.NewPCG(3, 4))
	randomPrefix := func() Prefix {
		base := universe[1+r.IntN(16)]
		if r.IntN(2) == 0 {
			base = universe[19+r.IntN(16)]
		}
		bits := base.BitLen() - r.IntN(5)
		return PrefixFrom(netip.PrefixFrom(base, bits))
	}
	var build func(depth int) (IPSet, func(netip.Addr) bool)
	build = func(depth int) (IPSet, func(netip.Addr) bool) {
		if depth == 0 || r.IntN(3) == 0 {
			q := randomPrefix()
			return IPSetOf(q), q.Contains
		}
		a, fa := build(depth - 1)
		b, fb := build(depth - 1)
		switch r.IntN(4) {
		case 0:
			return a.Union(b), func(x netip.Addr) bool { return fa(x) || fb(x) }
		case 1:
			return a.Intersect(b), func(x netip.Addr) bool { return fa(x) && fb(x) }
		case 2:
			return a.Subtract(b), func(x netip.Addr) bool { return fa(x) && !fb(x) }
		}
		return a.Complement(), func(x netip.Addr) bool { return !fa(x) }
	}
	for i := 0; i < 2000; i++ {
		s, member := build(4)
		for _, a := range universe {
			require.Equal(t, member(a), s.Contains(a), "case %d: %s at %s", i, s, a)
		}
		if w, ok := s.Witness(); ok {
			require.True(t, member(w), "case %d: witness %s of %s", i, w, s)
		}
		require.True(t, IPSetOf(s.Prefixes()...).Equal(s), "case %d: %s is the union of its prefixes", i, s)
	}
}
