package policy_test

import (
	"strconv"
	"strings"
	"testing"

	"github.com/cksiam/cksiam/policy"
)

// BenchmarkInvalidUTF8 writes and validates a Go-built document whose
// Resource is n bytes of invalid UTF-8: the cost must grow linearly in n.
func BenchmarkInvalidUTF8(b *testing.B) {
	for _, n := range []int{32 << 10, 128 << 10, 1 << 20} {
		doc := policy.NewDocument(policy.Statement{Effect: policy.Allow, Action: policy.List("s3:GetObject"),
			Resource: policy.List("arn:aws:s3:::b/" + strings.Repeat("\xff", n))})
		b.Run("Compact/n="+strconv.Itoa(n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := doc.Compact(); err == nil {
					b.Fatal("Compact accepted invalid UTF-8")
				}
			}
		})
		b.Run("Validate/n="+strconv.Itoa(n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if len(policy.Validate(doc, policy.IdentityPolicy)) == 0 {
					b.Fatal("Validate found nothing")
				}
			}
		})
	}
}
