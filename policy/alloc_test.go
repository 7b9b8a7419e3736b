package policy_test

import (
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cksiam/cksiam/policy"
)

// Validate and Parse run inside every one-shot evaluation; what they
// allocate is garbage the caller pays for. These tests pin the counts
// (allocations, not time).

func TestValidateAllocatesNothingOnADocumentWithoutFindings(t *testing.T) {
	checked := 0
	for _, cf := range loadCorpus(t) {
		doc, err := policy.Parse(cf.data)
		require.NoError(t, err)
		if len(policy.Validate(doc, cf.kind)) > 0 {
			continue // findings are allocated, and sorted
		}
		checked++
		allocs := testing.AllocsPerRun(10, func() { policy.Validate(doc, cf.kind) })
		require.Zero(t, allocs, "%s", cf.name)
	}
	require.Greater(t, checked, 40, "corpus documents without findings")
}

func TestParseAllocationsDoNotGrowWithEachElement(t *testing.T) {
	doc := func(n int) []byte {
		var b strings.Builder
		b.WriteString(`{"Version":"2012-10-17","Statement":[`)
		for i := range n {
			if i > 0 {
				b.WriteByte(',')
			}
			s := strconv.Itoa(i)
			b.WriteString(`{"Sid":"S` + s + `","Effect":"Allow","Principal":{"AWS":["arn:aws:iam::111122223333:role/r` + s + `","111122223333"]},` +
				`"Action":["kms:Encrypt","kms:Decrypt"],"Resource":"*","Condition":{"StringEquals":{"kms:ViaService":["s3.us-east-1.amazonaws.com"],"aws:PrincipalTag/t":"` + s + `"}}}`)
		}
		b.WriteString(`]}`)
		return []byte(b.String())
	}
	allocs := func(n int) float64 {
		data := doc(n)
		return testing.AllocsPerRun(5, func() {
			if _, err := policy.Parse(data); err != nil {
				t.Fatal(err)
			}
		})
	}
	one, many := allocs(1), allocs(200)
	// 200 statements hold 200 principals, 600 strings lists, 400 condition
	// entries: an allocation for each was thousands. The lists are carved
	// from chunks that double, so the count grows with the logarithm.
	require.LessOrEqual(t, one, 10.0, "allocations to parse one statement")
	require.LessOrEqual(t, many-one, 100.0, "allocations added by 199 more statements (one=%v many=%v)", one, many)
}
