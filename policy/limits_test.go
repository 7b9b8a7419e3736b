package policy_test

import (
	"errors"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cksiam/cksiam/policy"
)

// sized returns a valid document of exactly n characters, padded with c.
func sized(n int, c string) string {
	head, tail := `{"Statement":{"Effect":"Allow","Action":"`, `"}}`
	return head + strings.Repeat(c, n-len(head)-len(tail)) + tail
}

func TestParseAcceptsADocumentOfExactlyTheLimit(t *testing.T) {
	for _, c := range []string{"a", "é"} {
		t.Run("padded with "+c, func(t *testing.T) {
			doc, err := policy.Parse([]byte(sized(policy.DefaultMaxDocumentChars, c)))
			require.NoError(t, err)
			require.Len(t, doc.Statement, 1)

			_, err = policy.Parse([]byte(sized(policy.DefaultMaxDocumentChars+1, c)))
			var perr *policy.Error
			require.True(t, errors.As(err, &perr), "%v", err)
			require.ErrorIs(t, err, policy.ErrTooLong)
			require.Equal(t, "document is longer than 1048576 characters, the bound Parse was given against memory exhaustion (see WithMaxDocumentChars)", perr.Reason)
		})
	}
}

// AWS's quotas limit what a customer may create, not what AWS stores: an
// AWS managed policy of 152,297 characters (AWSSupportServiceRolePolicy)
// is above IAM's 131,072-character API limit and must parse; its size is
// Validate's finding.
func TestParseReadsDocumentsAboveAWSQuotas(t *testing.T) {
	data := []byte(sized(152297, "a"))
	doc, err := policy.Parse(data)
	require.NoError(t, err)
	findings, err := policy.ValidateJSON(data, policy.IdentityPolicy)
	require.NoError(t, err)
	var codes []string
	for _, f := range findings {
		codes = append(codes, f.Code)
	}
	require.Contains(t, codes, policy.CodePolicySizeExceeded)
	_, _, err = policy.ParseWithSpans(data)
	require.NoError(t, err)
	require.Len(t, doc.Statement, 1)
}

func TestWithMaxDocumentCharsSetsTheBound(t *testing.T) {
	t.Run("a lower bound refuses a longer document", func(t *testing.T) {
		_, err := policy.Parse([]byte(sized(1001, "a")), policy.WithMaxDocumentChars(1000))
		require.ErrorIs(t, err, policy.ErrTooLong)
		_, err = policy.Parse([]byte(sized(1000, "a")), policy.WithMaxDocumentChars(1000))
		require.NoError(t, err)
		_, _, err = policy.ParseWithSpans([]byte(sized(1001, "a")), policy.WithMaxDocumentChars(1000))
		require.ErrorIs(t, err, policy.ErrTooLong)
	})
	t.Run("a nil option is ignored, keeping the default bound and the others", func(t *testing.T) {
		_, err := policy.Parse([]byte(sized(policy.DefaultMaxDocumentChars+1, "a")), nil)
		require.ErrorIs(t, err, policy.ErrTooLong)
		_, _, err = policy.ParseWithSpans([]byte(sized(1001, "a")), nil, policy.WithMaxDocumentChars(1000), nil)
		require.ErrorIs(t, err, policy.ErrTooLong)
	})
	t.Run("zero removes the bound", func(t *testing.T) {
		_, err := policy.Parse([]byte(sized(policy.DefaultMaxDocumentChars+1, "a")), policy.WithMaxDocumentChars(0))
		require.NoError(t, err)
	})
}

func TestParseFindsARepeatedKeyAmongThousands(t *testing.T) {
	var b strings.Builder
	b.WriteString(`{"Statement":[{"Effect":"Allow","Action":"s3:*","Condition":{"StringEquals":{`)
	for i := range 10000 {
		b.WriteString(`"k` + strconv.Itoa(i) + `":"v",`)
	}
	ok := b.String()[:b.Len()-1] + `}}}]}`
	doc, err := policy.Parse([]byte(ok))
	require.NoError(t, err)
	require.Len(t, doc.Statement[0].Condition[0].Entries, 10000)

	b.WriteString(`"k9998":"w"}}}]}`)
	_, err = policy.Parse([]byte(b.String()))
	var perr *policy.Error
	require.True(t, errors.As(err, &perr), "%v", err)
	require.Equal(t, "Statement[0].Condition.StringEquals.k9998", perr.Path)
	require.Equal(t, "duplicate condition key", perr.Reason)

	// The same below the switch to a map.
	_, err = policy.Parse([]byte(`{"Statement":[{"Effect":"Allow","Action":"s3:*","Condition":{"StringEquals":{"a":"1","b":"2","a":"3"}}}]}`))
	require.True(t, errors.As(err, &perr), "%v", err)
	require.Equal(t, "Statement[0].Condition.StringEquals.a", perr.Path)
}

func TestParseFindsARepeatedOperatorAmongMany(t *testing.T) {
	// Operator names are read ignoring case (ParseOperator), so there are
	// thousands of distinct spellings of StringEquals.
	var b strings.Builder
	b.WriteString(`{"Statement":[{"Effect":"Allow","Action":"s3:*","Condition":{`)
	var ops []string
	for i := range 40 {
		op := []byte("stringequals")
		for j := range op {
			if i>>j&1 == 1 {
				op[j] -= 'a' - 'A'
			}
		}
		ops = append(ops, string(op))
		b.WriteString(`"` + string(op) + `":{"a:b":"c"},`)
	}
	b.WriteString(`"` + ops[30] + `":{"a:b":"c"}}}]}`)
	_, err := policy.Parse([]byte(b.String()))
	var perr *policy.Error
	require.True(t, errors.As(err, &perr), "%v", err)
	require.Equal(t, "Statement[0].Condition."+ops[30], perr.Path)
	require.Equal(t, "duplicate condition operator", perr.Reason)
}
