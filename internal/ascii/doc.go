// Package ascii is the one home of the byte-level text helpers the module
// uses on its hot paths: case folding, which AWS applies to action and
// condition-key names in ASCII only (a non-ASCII letter matches only
// itself; aws-rules A.5, A.7), reading eight bytes of a string as one
// word, and recognising the lower-case names ARNs hold (IsLowerName).
//
// Each fast helper has a plain reference twin in slow_test.go, written the
// obvious way, and a fuzz target that checks the two agree, as net/netip
// does for its parser; the tricks stay here, behind small named functions,
// and the decision logic that calls them reads as plain string handling.
//
//	if ascii.EqualFoldLower(key, "aws:sourceip") { … }
//	h := ascii.FoldHash(name) // equal for names equal but for ASCII case
package ascii
