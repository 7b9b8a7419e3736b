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

func TestValidateErrorsAllocatesNothingOnADocumentWithoutErrors(t *testing.T) {
	checked := 0
	for _, cf := range loadCorpus(t) {
		doc, err := policy.Parse(cf.data)
		require.NoError(t, err)
		all := policy.Validate(doc, cf.kind)
		if len(all) == 0 || hasError(all) {
			continue // only documents with warnings and no error
		}
		checked++
		require.Empty(t, policy.ValidateErrors(doc, cf.kind), "%s", cf.name)
		allocs := testing.AllocsPerRun(10, func() { policy.ValidateErrors(doc, cf.kind) })
		require.Zero(t, allocs, "%s: ValidateErrors makes the warnings it drops", cf.name)
	}
	require.GreaterOrEqual(t, checked, 5, "corpus documents with warnings only")
	// A document for each kind of warning the checks make.
	stmt := func(s string) string { return `{"Version":"2012-10-17","Statement":[` + s + `]}` }
	warned := []struct {
		name string
		kind policy.Kind
		doc  string
	}{
		{"every action", policy.IdentityPolicy, stmt(`{"Effect":"Allow","Action":"*","Resource":"*"}`)},
		{"a whole service on every resource", policy.IdentityPolicy, stmt(`{"Effect":"Allow","Action":"s3:*","Resource":"*"}`)},
		{"Allow with NotAction and NotResource", policy.IdentityPolicy, stmt(`{"Effect":"Allow","NotAction":"s3:Get*","NotResource":"arn:aws:s3:::b"}`)},
		{"an incomplete ARN pattern", policy.IdentityPolicy, stmt(`{"Effect":"Allow","Action":"sqs:SendMessage","Resource":"arn:aws:sqs:*"}`)},
		{"a variable under the old Version", policy.IdentityPolicy, `{"Version":"2008-10-17","Statement":[{"Effect":"Deny","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/${aws:username}","Condition":{"StringEquals":{"aws:PrincipalTag/t":"${aws:username}"}}}]}`},
		{"no Version", policy.IdentityPolicy, `{"Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/k"}]}`},
		{"an Id in an identity policy", policy.IdentityPolicy, `{"Version":"2012-10-17","Id":"x","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/k"}]}`},
		{"everyone without a condition", policy.ResourcePolicy, stmt(`{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/k"}`)},
		{"NotPrincipal with Allow", policy.ResourcePolicy, stmt(`{"Effect":"Allow","NotPrincipal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::b/k"}`)},
		{"a key policy naming another resource", policy.KeyPolicy, stmt(`{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"kms:Decrypt","Resource":"arn:aws:kms:us-east-1:111122223333:key/k"}`)},
	}
	for _, w := range warned {
		doc, err := policy.Parse([]byte(w.doc))
		require.NoError(t, err, w.name)
		all := policy.Validate(doc, w.kind)
		require.NotEmpty(t, all, "%s: a warning", w.name)
		require.False(t, hasError(all), "%s: no error: %v", w.name, all)
		allocs := testing.AllocsPerRun(10, func() { policy.ValidateErrors(doc, w.kind) })
		require.Zero(t, allocs, "%s: ValidateErrors makes the warnings it drops (%v)", w.name, all)
	}
}

func TestValidateErrorsGivesValidatesErrors(t *testing.T) {
	for _, cf := range loadCorpus(t) {
		doc, err := policy.Parse(cf.data)
		require.NoError(t, err)
		for k := range policy.Kind(10) {
			var want []policy.Finding
			for _, f := range policy.Validate(doc, k) {
				if f.Severity == policy.SeverityError {
					want = append(want, f)
				}
			}
			require.Equal(t, want, policy.ValidateErrors(doc, k), "%s as %s", cf.name, k)
		}
	}
}

func hasError(fs []policy.Finding) bool {
	for _, f := range fs {
		if f.Severity == policy.SeverityError {
			return true
		}
	}
	return false
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
