package value_test

import (
	"fmt"
	"net/netip"

	"github.com/cksiam/cksiam/policy/value"
)

// A Numeric operator's value and a request value, compared exactly.
func ExampleParseNumber() {
	limit, err := value.ParseNumber("10")
	if err != nil {
		panic(err)
	}
	for _, text := range []string{"9.99", "10.0", "+5"} {
		got, err := value.ParseNumber(text)
		if err != nil {
			fmt.Println(text, "->", err)
			continue
		}
		fmt.Println(text, "< 10:", value.Less.Holds(got.Compare(limit)))
	}
	// Output:
	// 9.99 < 10: true
	// 10.0 < 10: false
	// +5 -> expected an integer or decimal number such as 10 or -2.5, without a plus sign, exponent or spaces
}

// Every W3C profile and epoch seconds; "2020" is both a year and epoch
// seconds, and a comparison with it holds only where both readings agree.
func ExampleReadDate() {
	for _, text := range []string{"2030-01", "2020-01-01T10:30+02:00", "1700000000", "2020"} {
		r, err := value.ReadDate(text)
		if err != nil {
			panic(err)
		}
		if r.Ambiguous() {
			fmt.Println(text, "is", r.At, "or", r.Alt)
			continue
		}
		fmt.Println(text, "is", r.At)
	}
	year, _ := value.ReadDate("2020")
	in2019, _ := value.ReadDate("2019-06-01T00:00:00Z")
	in2025, _ := value.ReadDate("2025-06-01T00:00:00Z")
	fmt.Println("2019 after 2020:", in2019.Relate(value.Greater, year))
	fmt.Println("2025 after 2020:", in2025.Relate(value.Greater, year))
	// Output:
	// 2030-01 is 2030-01-01T00:00:00Z
	// 2020-01-01T10:30+02:00 is 2020-01-01T08:30:00Z
	// 1700000000 is 2023-11-14T22:13:20Z
	// 2020 is 1970-01-01T00:33:40Z or 2020-01-01T00:00:00Z
	// 2019 after 2020: unknown
	// 2025 after 2020: true
}

// An IpAddress value and a request's aws:SourceIp.
func ExampleParsePrefix() {
	block, err := value.ParsePrefix("203.0.113.0/24")
	if err != nil {
		panic(err)
	}
	addr, err := value.ParseAddr("203.0.113.7")
	if err != nil {
		panic(err)
	}
	fmt.Println(block.Contains(addr))
	_, err = value.ParsePrefix("fe80::1%eth0")
	fmt.Println(err)
	// Output:
	// true
	// expected an IPv4 or IPv6 address or CIDR block such as 203.0.113.0/24 or 2001:db8::/32, without a zone or spaces
}

// What a prover asks of NumericGreaterThan 1 AND NumericLessThan 2: is any
// value allowed, and which?
func ExampleSetOf() {
	one, _ := value.ParseNumber("1")
	two, _ := value.ParseNumber("2")
	allowed := value.SetOf(value.Greater, one).Intersect(value.SetOf(value.Less, two))
	w, ok := allowed.Witness()
	fmt.Println(allowed, ok, w)
	fmt.Println(allowed.Complement())
	// Output:
	// (1, 2) true 1.5
	// (-inf, 1] ∪ [2, +inf)
}

// The addresses an Allow with IpAddress 10.0.0.0/8 lets in once a Deny
// with IpAddress 10.0.0.0/16 is taken away.
func ExampleIPSet() {
	allow := value.IPSetOf(mustPrefix("10.0.0.0/8"))
	deny := value.IPSetOf(mustPrefix("10.0.0.0/16"))
	left := allow.Subtract(deny)
	w, _ := left.Witness()
	fmt.Println(left.Contains(netip.MustParseAddr("10.0.1.1")), w)
	fmt.Println(len(left.Prefixes()), "blocks, from", left.Prefixes()[0])
	// Output:
	// false 10.1.0.0
	// 8 blocks, from 10.1.0.0/16
}

func mustPrefix(s string) value.Prefix {
	p, err := value.ParsePrefix(s)
	if err != nil {
		panic(err)
	}
	return p
}

// Read is the one door for every operator family: the kind follows from
// the operator, and the error names what was expected.
func ExampleRead() {
	for _, in := range []struct {
		kind value.Kind
		text string
	}{
		{value.NumberKind, "2.50"},
		{value.BoolKind, "true"},
		{value.BoolKind, "TRUE"},
		{value.PrefixKind, "2001:db8::/32"},
		{value.DateKind, "2030-01-15"},
	} {
		v, err := value.Read(in.kind, in.text)
		switch {
		case err != nil:
			fmt.Printf("%s %q: %v\n", in.kind, in.text, err)
		case in.kind == value.NumberKind:
			fmt.Printf("%s %q: %s\n", in.kind, in.text, v.Number)
		case in.kind == value.BoolKind:
			fmt.Printf("%s %q: %t\n", in.kind, in.text, v.Bool)
		case in.kind == value.PrefixKind:
			fmt.Printf("%s %q: %s\n", in.kind, in.text, v.Prefix)
		case in.kind == value.DateKind:
			fmt.Printf("%s %q: %s\n", in.kind, in.text, v.Date.At)
		}
	}
	// Output:
	// number "2.50": 2.5
	// boolean "true": true
	// boolean "TRUE": expected "true" or "false" in lower case
	// IP address or CIDR block "2001:db8::/32": 2001:db8::/32
	// date "2030-01-15": 2030-01-15T00:00:00Z
}

// An ArnLike value is matched part by part: a wildcard never crosses a
// colon into the next part.
func ExampleParseARNPattern() {
	p, err := value.ParseARNPattern("arn:aws:kms:*:111122223333:key/*")
	if err != nil {
		panic(err)
	}
	fmt.Printf("%q\n", p.Parts())
	_, err = value.ParseARNPattern("arn:aws:kms")
	fmt.Println(err)
	// Output:
	// ["arn" "aws" "kms" "*" "111122223333" "key/*"]
	// expected an ARN pattern arn:partition:service:region:account:resource, each part possibly with * and ?, or *
}
