package value

import (
	"testing"

	"github.com/stretchr/testify/require"
)

func TestParseBool(t *testing.T) {
	for _, s := range []string{"true", "false"} {
		b, err := ParseBool(s)
		require.NoError(t, err)
		require.Equal(t, s == "true", b)
	}
	for _, s := range []string{"TRUE", "True", "1", "yes", "", " true"} {
		_, err := ParseBool(s)
		require.ErrorIs(t, err, ErrBool, "%q is not a Bool value", s)
	}
}

func TestParseBinary(t *testing.T) {
	b, err := ParseBinary("QmluYXJ5VmFsdWU=")
	require.NoError(t, err)
	require.Equal(t, "BinaryValue", string(b.Bytes()))
	require.Equal(t, "QmluYXJ5VmFsdWU=", b.String())
	for _, s := range []string{"", "QmluYXJ5VmFsdWU", "QUJD\r\n\r\nQUJD", "QUJ-", "QR==", "!!!!"} {
		_, err := ParseBinary(s)
		require.ErrorIs(t, err, ErrBinary, "%q is not a BinaryEquals value", s)
	}
}

func TestParseARNPattern(t *testing.T) {
	p, err := ParseARNPattern("arn:aws:lambda:us-east-1:111122223333:function:f*")
	require.NoError(t, err)
	require.Equal(t, [6]string{"arn", "aws", "lambda", "us-east-1", "111122223333", "function:f*"}, p.Parts())
	require.Equal(t, "arn:aws:lambda:us-east-1:111122223333:function:f*", p.String())
	star, err := ParseARNPattern("*")
	require.NoError(t, err)
	require.True(t, star.Any())
	for _, s := range []string{"key/*", "arn:aws:s3::", "", "**"} {
		_, err := ParseARNPattern(s)
		require.ErrorIs(t, err, ErrARNPattern, "%q is not an ARN pattern", s)
	}
}

func TestReadDispatchesByKind(t *testing.T) {
	for _, tt := range []struct {
		kind Kind
		text string
		err  error
	}{
		{NumberKind, "+5", ErrNumber}, {DateKind, "-1", ErrDate}, {BoolKind, "TRUE", ErrBool},
		{BinaryKind, "x", ErrBinary}, {PrefixKind, "fe80::1%eth0", ErrPrefix}, {ARNKind, "key/*", ErrARNPattern},
	} {
		t.Run(tt.kind.String()+" refuses "+tt.text, func(t *testing.T) {
			_, err := Read(tt.kind, tt.text)
			require.ErrorIs(t, err, tt.err)
		})
	}
	v, err := Read(DateKind, "2020")
	require.NoError(t, err, "an ambiguous date is read, with both readings")
	require.True(t, v.Date.Ambiguous())
	v, err = Read(TextKind, "anything ${x}")
	require.NoError(t, err)
	require.Equal(t, "anything ${x}", v.Text)
	_, err = Read(Kind(0), "x")
	require.Error(t, err)
}

// The parsers run on the evaluator's hot path: reading and comparing a
// request value must not allocate.
func TestParsersDoNotAllocate(t *testing.T) {
	limit, _ := ParseNumber("10")
	year, _ := ReadDate("2020")
	block, _ := ParsePrefix("10.0.0.0/8")
	allocs := testing.AllocsPerRun(100, func() {
		n, _ := ParseNumber("9.5")
		_ = n.Compare(limit)
		d, _ := ReadDate("2019-06-01T00:00:00.25+02:00")
		_ = d.Relate(Greater, year)
		a, _ := ParseAddr("10.1.2.3")
		_ = block.Contains(a)
		_, _ = ParseBool("true")
		_, _ = ParseARNPattern("arn:aws:s3:::b/*")
	})
	require.Zero(t, allocs)
}
