package arn

import (
	"math/bits"

	"github.com/cksiam/cksiam/internal/ascii"
)

// The parts of an ARN, as indexes into what Cut and Parse return.
const (
	Prefix    = iota // "arn"
	Partition        // "aws", "aws-cn", …
	Service          // "kms", "iam", …
	Region           // "us-east-1", or empty
	Account          // a 12-digit account ID, "aws", or empty
	Resource         // "key/1234", "role/path/name", …
)

// Cut splits s at its first five colons into six parts; ok is false when s
// has fewer than five colons.
func Cut(s string) (parts [6]string, ok bool) {
	var cut [8]int // colon positions; 8 so that cut[n&7] needs no bounds check
	n, i := 0, 0
words:
	for ; i+8 <= len(s); i += 8 {
		for y := ascii.ByteMask(ascii.Word(s, i), ':'); y != 0; y &= y - 1 {
			cut[n&7] = i + bits.TrailingZeros64(y)>>3
			if n++; n == 5 {
				break words
			}
		}
	}
	for ; i < len(s) && n < 5; i++ {
		if s[i] == ':' {
			cut[n&7] = i
			n++
		}
	}
	if n < 5 {
		return parts, false
	}
	parts[0] = s[:cut[0]]
	parts[1] = s[cut[0]+1 : cut[1]]
	parts[2] = s[cut[1]+1 : cut[2]]
	parts[3] = s[cut[2]+1 : cut[3]]
	parts[4] = s[cut[3]+1 : cut[4]]
	parts[5] = s[cut[4]+1:]
	return parts, true
}

// Parse splits s like Cut and requires an ARN: the "arn" prefix and
// non-empty partition, service and resource parts (region and account may
// be empty, as in IAM and S3 ARNs). Wildcards are ordinary characters
// here, so Parse also splits ARN patterns.
func Parse(s string) (parts [6]string, ok bool) {
	parts, ok = Cut(s)
	if !ok || parts[Prefix] != "arn" || parts[Partition] == "" || parts[Service] == "" || parts[Resource] == "" {
		return [6]string{}, false
	}
	return parts, true
}
