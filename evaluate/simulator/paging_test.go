package simulator

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/iam/types"
	"github.com/stretchr/testify/require"

	"github.com/cksiam/cksiam/policy/catalog"
)

const allowS3 = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}`

// catalogActions returns the first n actions of the catalog's ec2 service,
// all distinct.
func catalogActions(t *testing.T, n int) []string {
	t.Helper()
	var out []string
	for _, a := range catalog.Default().Actions() {
		if strings.HasPrefix(a.FullName(), "ec2:") {
			out = append(out, a.FullName())
		}
		if len(out) == n {
			return out
		}
	}
	t.Fatalf("the catalog has fewer than %d ec2 actions", n)
	return nil
}

// objects returns n distinct S3 object ARNs.
func objects(n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = "arn:aws:s3:::bucket/" + strings.Repeat("k", i%7) + string(rune('a'+i%26)) + "/" + strings.Repeat("x", i/26)
	}
	return out
}

func requireInvalidInput(t *testing.T, err error, member string) {
	t.Helper()
	var iie *types.InvalidInputException
	require.True(t, errors.As(err, &iie), "want *types.InvalidInputException, got %T: %v", err, err)
	require.True(t, strings.HasPrefix(iie.ErrorMessage(), member), "message %q does not start with %q", iie.ErrorMessage(), member)
}

func TestPagingIsValidatedBeforeTheWork(t *testing.T) {
	malformed := `{"Statement":[{"Effect":"Allow"`
	tests := []struct {
		name   string
		in     *iam.SimulateCustomPolicyInput
		member string
	}{
		{"a MaxItems of 0 is refused before the policies are read",
			&iam.SimulateCustomPolicyInput{PolicyInputList: []string{malformed}, ActionNames: []string{"s3:GetObject"}, MaxItems: aws.Int32(0)}, "MaxItems"},
		{"a MaxItems above 1000 is refused before the policies are read",
			&iam.SimulateCustomPolicyInput{PolicyInputList: []string{malformed}, ActionNames: []string{"s3:GetObject"}, MaxItems: aws.Int32(1001)}, "MaxItems"},
		{"a marker this simulator never returned is refused before the policies are read",
			&iam.SimulateCustomPolicyInput{PolicyInputList: []string{malformed}, ActionNames: []string{"s3:GetObject"}, Marker: aws.String("1")}, "Marker"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := New().SimulateCustomPolicy(context.Background(), tt.in)
			requireInvalidInput(t, err, tt.member)
		})
	}
}

func TestMarkersAreOpaqueAndTiedToTheirInput(t *testing.T) {
	actions := catalogActions(t, 250)
	input := func() *iam.SimulateCustomPolicyInput {
		return &iam.SimulateCustomPolicyInput{
			PolicyInputList: []string{allowS3},
			ActionNames:     append([]string(nil), actions...),
			ResourceArns:    []string{"arn:aws:s3:::bucket/a", "arn:aws:s3:::bucket/b"},
			MaxItems:        aws.Int32(100),
		}
	}
	first, err := New().SimulateCustomPolicy(context.Background(), input())
	require.NoError(t, err)
	require.True(t, first.IsTruncated)
	marker := aws.ToString(first.Marker)
	require.NotEmpty(t, marker)

	t.Run("the marker continues the same input where the page ended", func(t *testing.T) {
		in := input()
		in.Marker = aws.String(marker)
		out, err := New().SimulateCustomPolicy(context.Background(), in)
		require.NoError(t, err)
		require.Len(t, out.EvaluationResults, 100)
		require.Equal(t, actions[100], aws.ToString(out.EvaluationResults[0].EvalActionName))
	})
	refused := []struct {
		name   string
		marker string
		change func(*iam.SimulateCustomPolicyInput)
	}{
		{name: "a page index written as a number is refused", marker: "100"},
		{name: "a page index with a sign is refused", marker: "+100"},
		{name: "a page index with a leading zero is refused", marker: "0100"},
		{name: "an altered marker is refused", marker: alter(marker, 5)},
		{name: "a marker with a character appended is refused", marker: marker + "A"},
		{name: "the marker with other policies is refused", marker: marker, change: func(in *iam.SimulateCustomPolicyInput) {
			in.PolicyInputList = []string{strings.Replace(allowS3, "s3:*", "s3:Get*", 1)}
		}},
		{name: "the marker with other actions is refused", marker: marker, change: func(in *iam.SimulateCustomPolicyInput) {
			in.ActionNames[0], in.ActionNames[1] = in.ActionNames[1], in.ActionNames[0]
		}},
		{name: "the marker with other resources is refused", marker: marker, change: func(in *iam.SimulateCustomPolicyInput) {
			in.ResourceArns = in.ResourceArns[:1]
		}},
		{name: "the marker with a context entry added is refused", marker: marker, change: func(in *iam.SimulateCustomPolicyInput) {
			in.ContextEntries = []types.ContextEntry{{ContextKeyName: aws.String("aws:username"), ContextKeyType: types.ContextKeyTypeEnumString, ContextKeyValues: []string{"alice"}}}
		}},
	}
	for _, tt := range refused {
		t.Run(tt.name, func(t *testing.T) {
			in := input()
			in.Marker = aws.String(tt.marker)
			if tt.change != nil {
				tt.change(in)
			}
			_, err := New().SimulateCustomPolicy(context.Background(), in)
			requireInvalidInput(t, err, "Marker")
		})
	}
}

// alter changes the character at i of s.
func alter(s string, i int) string {
	c := byte('A')
	if s[i] == 'A' {
		c = 'B'
	}
	return s[:i] + string(c) + s[i+1:]
}

func TestAPageEvaluatesOnlyItsOwnActions(t *testing.T) {
	in := &iam.SimulateCustomPolicyInput{
		PolicyInputList: []string{allowS3},
		ActionNames:     catalogActions(t, 250),
		ResourceArns:    []string{"arn:aws:s3:::bucket/a", "arn:aws:s3:::bucket/b"},
		MaxItems:        aws.Int32(100),
	}
	out, n, err := New().simulate(in)
	require.NoError(t, err)
	require.Len(t, out.EvaluationResults, 100)
	require.Equal(t, 100*2, n, "the first page evaluates its 100 actions on 2 resources")
	in.Marker = out.Marker
	in.MaxItems = aws.Int32(1000)
	out, n, err = New().simulate(in)
	require.NoError(t, err)
	require.Len(t, out.EvaluationResults, 150)
	require.False(t, out.IsTruncated)
	require.Equal(t, 150*2, n, "the last page evaluates only the 150 actions left")
}

func TestTheWorkOfOneCallIsBounded(t *testing.T) {
	t.Run("more resources than MaxResourceArns are refused", func(t *testing.T) {
		_, err := New().SimulateCustomPolicy(context.Background(), &iam.SimulateCustomPolicyInput{
			PolicyInputList: []string{allowS3}, ActionNames: []string{"s3:GetObject"}, ResourceArns: objects(MaxResourceArns + 1),
		})
		requireInvalidInput(t, err, "ResourceArns")
	})
	t.Run("many actions on many resources come in pages of bounded work", func(t *testing.T) {
		in := &iam.SimulateCustomPolicyInput{
			PolicyInputList: []string{allowS3},
			ActionNames:     catalogActions(t, 30),
			ResourceArns:    objects(MaxResourceArns),
			MaxItems:        aws.Int32(1000),
		}
		out, n, err := New().simulate(in)
		require.NoError(t, err)
		require.True(t, out.IsTruncated, "fewer results than MaxItems, as AWS may return")
		require.Len(t, out.EvaluationResults, maxEvaluationsPerCall/MaxResourceArns)
		require.LessOrEqual(t, n, maxEvaluationsPerCall)
	})
}

// The SDK's own paginator walks the offline simulator as it walks AWS:
// every action once, in order.
func TestTheSDKPaginatorWalksEveryResultOnce(t *testing.T) {
	actions := catalogActions(t, 45)
	p := iam.NewSimulateCustomPolicyPaginator(New(), &iam.SimulateCustomPolicyInput{
		PolicyInputList: []string{allowS3}, ActionNames: actions,
	}, func(o *iam.SimulateCustomPolicyPaginatorOptions) { o.Limit = 7 })
	var got []string
	pages := 0
	for p.HasMorePages() {
		out, err := p.NextPage(context.Background())
		require.NoError(t, err)
		require.LessOrEqual(t, len(out.EvaluationResults), 7)
		for _, r := range out.EvaluationResults {
			got = append(got, aws.ToString(r.EvalActionName))
		}
		pages++
	}
	require.Equal(t, actions, got)
	require.Equal(t, 7, pages)
}

// FuzzMarker: decoding never panics, and accepts only the exact text
// encodeMarker writes for that digest and index.
func FuzzMarker(f *testing.F) {
	var d [digestBytes]byte
	copy(d[:], "0123456789abcdef")
	f.Add(*encodeMarker(d, 5), 10)
	f.Add("100", 250)
	f.Add("+100", 250)
	f.Fuzz(func(t *testing.T, m string, actions int) {
		next, ok := decodeMarker(m, d, actions)
		if !ok {
			return
		}
		if next <= 0 || next >= actions {
			t.Fatalf("decodeMarker(%q) = %d, outside (0, %d)", m, next, actions)
		}
		if again := *encodeMarker(d, next); again != m {
			t.Fatalf("decodeMarker accepted %q, which encodes as %q", m, again)
		}
	})
}
