package arn

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

var samples = []string{
	"", "arn", "arn:", "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab",
	"arn:aws:iam::111122223333:role/path/Admin", "arn:aws:s3:::bucket/a:b:c", "arn:aws:sts::111122223333:assumed-role/R/s",
	":::::", "arn::kms:::x", "arn:aws::r:a:x", "arn:aws:kms:r:a:", "arn:aws:kms:r:a", "xrn:aws:kms:r:a:x",
	"arn:aws:kms:*:*:key/*", "arn:aws:lambda:us-east-1:111122223333:function:f:1", "arn:aws:a:b:c:d:e:f:g:h:i:j",
	"12345678:12345678:1234567:123456789:12:", "aaaaaaaa:aaaaaaaa", "arn:aws-us-gov:kms:us-gov-west-1:111122223333:key/k",
}

func FuzzSplit(f *testing.F) {
	for _, s := range samples {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		wantCut, wantOK := cutSlow(s)
		gotCut, gotOK := Cut(s)
		require.Equal(t, wantOK, gotOK, "Cut(%q)", s)
		require.Equal(t, wantCut, gotCut, "Cut(%q)", s)
		wantParse, wantOK := parseSlow(s)
		gotParse, gotOK := Parse(s)
		require.Equal(t, wantOK, gotOK, "Parse(%q)", s)
		require.Equal(t, wantParse, gotParse, "Parse(%q)", s)
	})
}

func TestParseNamesTheParts(t *testing.T) {
	parts, ok := Parse("arn:aws:kms:us-east-1:111122223333:key/1234:extra")
	require.True(t, ok)
	require.Equal(t, "aws", parts[Partition])
	require.Equal(t, "kms", parts[Service])
	require.Equal(t, "us-east-1", parts[Region])
	require.Equal(t, "111122223333", parts[Account])
	require.Equal(t, "key/1234:extra", parts[Resource], "the resource part keeps its colons")
	_, ok = Parse("arn:aws:kms:us-east-1:111122223333:")
	require.False(t, ok, "an ARN names a resource")
}

func TestCutDoesNotAllocate(t *testing.T) {
	s := "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
	require.Zero(t, testing.AllocsPerRun(10, func() { _, _ = Cut(s) }))
}

// Cut and Parse against strings.SplitN on ARNs of every length around the
// word size, where the word-at-a-time scan hands over to the byte loop.
func TestSplitAgreesWithSplitNAroundTheWordSize(t *testing.T) {
	inputs := []string{"", ":", "arn:", "arn:aws:s3:::", "arn:aws:s3:::b", "arn:aws:s3:::b/*", "arn:aws:kms:us-east-1:111122223333:key/x:y:z",
		"a:b:c:d:e:f", "arn:::::x", "arn:aws:sts::111122223333:assumed-role/ExampleRole/app", "arn:aws:iam::1?:root", "::::::::::::::::"}
	for n := 0; n < 40; n++ {
		inputs = append(inputs, "arn:"+strings.Repeat("p", n)+":svc:"+strings.Repeat("r", n%9)+"::"+strings.Repeat("x:", n%5)+"end")
	}
	for _, s := range inputs {
		wantCut, wantCutOK := cutSlow(s)
		gotCut, gotCutOK := Cut(s)
		require.Equal(t, wantCutOK, gotCutOK, s)
		require.Equal(t, wantCut, gotCut, s)
		wantParse, wantOK := parseSlow(s)
		gotParse, gotOK := Parse(s)
		require.Equal(t, wantOK, gotOK, s)
		require.Equal(t, wantParse, gotParse, s)
	}
}

func TestKnownPartition(t *testing.T) {
	for _, tc := range []struct {
		name string
		p    string
		want bool
	}{
		{"the commercial partition is known", "aws", true},
		{"the China partition is known", "aws-cn", true},
		{"GovCloud is known", "aws-us-gov", true},
		{"an isolated partition is known", "aws-iso-b", true},
		{"the European Sovereign Cloud is known", "aws-eusc", true},
		{"upper case is not how ARNs write it", "AWS", false},
		{"an empty partition is not one", "", false},
		{"a made-up name is not one", "foo", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := KnownPartition(tc.p); got != tc.want {
				t.Fatalf("KnownPartition(%q) = %v, want %v", tc.p, got, tc.want)
			}
		})
	}
}
