package policy_test

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"

	"github.com/cksiam/cksiam/policy"
)

func TestParseReadsEveryElement(t *testing.T) {
	in := `{
  "Version": "2012-10-17",
  "Id": "key-consolepolicy-3",
  "Statement": [
    {
      "Sid": "Allow attachment of persistent resources",
      "Effect": "Allow",
      "Principal": {"AWS": ["arn:aws:iam::111122223333:role/ExampleRole"], "Service": "cks.kms.amazonaws.com"},
      "Action": ["kms:CreateGrant", "kms:ListGrants"],
      "Resource": "*",
      "Condition": {
        "Bool": {"kms:GrantIsForAWSResource": true},
        "NumericLessThan": {"s3:max-keys": [10, "1.50", 1e3]}
      }
    },
    {"Effect": "Deny", "NotPrincipal": "*", "NotAction": "s3:*", "NotResource": ["arn:aws:s3:::b/\u00e9"]}
  ]
}`
	got, err := policy.Parse([]byte(in))
	require.NoError(t, err)
	want := &policy.Document{
		Version: policy.Version2012,
		ID:      "key-consolepolicy-3",
		Statement: []policy.Statement{
			{
				Sid:    "Allow attachment of persistent resources",
				Effect: policy.Allow,
				Principal: &policy.Principal{
					AWS:     policy.Strings{Values: []string{"arn:aws:iam::111122223333:role/ExampleRole"}, Array: true},
					Service: policy.List("cks.kms.amazonaws.com"),
				},
				Action:   policy.List("kms:CreateGrant", "kms:ListGrants"),
				Resource: policy.List("*"),
				Condition: policy.Condition{
					{Operator: "Bool", Entries: []policy.ConditionEntry{{Key: "kms:GrantIsForAWSResource", Values: []policy.Value{{Text: "true", Kind: policy.BoolValue}}}}},
					{Operator: "NumericLessThan", Entries: []policy.ConditionEntry{{Key: "s3:max-keys", Values: []policy.Value{
						{Text: "10", Kind: policy.NumberValue}, {Text: "1.50"}, {Text: "1e3", Kind: policy.NumberValue},
					}}}},
				},
			},
			{
				Effect:       policy.Deny,
				NotPrincipal: policy.Everyone(),
				NotAction:    policy.List("s3:*"),
				NotResource:  policy.Strings{Values: []string{"arn:aws:s3:::b/é"}, Array: true},
			},
		},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Parse mismatch (-want +got):\n%s", diff)
	}
}

func TestParseErrorNamesPath(t *testing.T) {
	_, err := policy.Parse([]byte(`{"Statement":[{"Effect":"Allow","Action":"s3:*"},{"Effect":"Allow","Action":"s3:*"},{"Effect":"Allow","Action":"s3:*","Condition":{"StringEqulas":{"a:b":"c"}}}]}`))
	var perr *policy.Error
	require.True(t, errors.As(err, &perr), "error %v is not a *policy.Error", err)
	require.Equal(t, "Statement[2].Condition.StringEqulas", perr.Path)
}

func TestFormatMatchesMarshalIndent(t *testing.T) {
	in := `{"Id":"x","Statement":{"Effect":"Allow","Resource":"*","Action":"s3:GetObject","Principal":{"CanonicalUser":"abc","AWS":"*"}},"Version":"2012-10-17"}`
	doc, err := policy.Parse([]byte(in))
	require.NoError(t, err)
	want, err := json.MarshalIndent(doc, "", "    ")
	require.NoError(t, err)
	got, err := doc.Format()
	require.NoError(t, err)
	require.Equal(t, string(want)+"\n", string(got))
	again, err := policy.Parse(got)
	require.NoError(t, err)
	if diff := cmp.Diff(doc, again); diff != "" {
		t.Errorf("Parse(Format(doc)) differs (-first +second):\n%s", diff)
	}
}

func TestParseDoesNotRetainTheInput(t *testing.T) {
	data := []byte(`{"Version":"2012-10-17","Statement":[{"Sid":"Keep","Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}]}`)
	doc, err := policy.Parse(data)
	require.NoError(t, err)
	for i := range data {
		data[i] = 'x'
	}
	require.Equal(t, "Keep", doc.Statement[0].Sid)
	require.Equal(t, []string{"s3:GetObject"}, doc.Statement[0].Action.Values)
	require.Equal(t, []string{"arn:aws:s3:::b/*"}, doc.Statement[0].Resource.Values)
}

func TestParseErrorOffsetPointsAtTheProblem(t *testing.T) {
	tests := []struct {
		name  string
		input string
		at    string // the input from the offset on starts with this
	}{
		{"an unknown element points at its name", `{"Statement":[{"Effect":"Allow", "effect":"Deny"}]}`, `"effect"`},
		{"a bad Effect points at the value", `{"Statement":[{"Effect": "allow"}]}`, `"allow"`},
		{"an unknown operator points at its name", `{"Statement":[{"Effect":"Allow","Action":"a:b","Condition":{"StringEqulas":{}}}]}`, `"StringEqulas"`},
		{"a wrong type points at the value", `{"Statement":[{"Effect":"Allow","Action":["a:b", 7]}]}`, `7]`},
		{"a bad character points at it", "{\"Id\":\"caf\u20ac\"}", "\u20ac"},
		{"trailing data points at it", `{"Statement":{"Effect":"Allow","Action":"a:b"}} x`, `x`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := policy.Parse([]byte(tc.input))
			var perr *policy.Error
			require.True(t, errors.As(err, &perr), "%v", err)
			require.True(t, strings.HasPrefix(tc.input[perr.Offset:], tc.at), "offset %d points at %q", perr.Offset, tc.input[perr.Offset:])
		})
	}
}

func TestErrorMessageNamesPathAndReason(t *testing.T) {
	_, err := policy.Parse([]byte(`{"Statement":[{"Effect":"allow","Action":"a:b"}]}`))
	require.EqualError(t, err, `policy: Statement[0].Effect: must be exactly "Allow" or "Deny"`)
	_, err = policy.Parse([]byte(`[]`))
	require.EqualError(t, err, `policy: a policy document must be a JSON object, found a list`)
}

// "Condition": {} tests nothing. AWS accepts it: the AWS Policy Generator
// writes it, and IAM stores it in role trust policies (GetRole returns it).
// Parse reads it as no Condition, like an empty Sid, so writing the
// document back leaves it out and Parse → Compact → Parse is a fixed point.
func TestParseReadsAnEmptyConditionAsNone(t *testing.T) {
	in := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::855297612111:root"},"Action":"sts:AssumeRole","Condition":{}}]}`
	got, err := policy.Parse([]byte(in))
	require.NoError(t, err)
	require.Len(t, got.Statement, 1)
	require.Nil(t, got.Statement[0].Condition)

	out, err := got.Compact()
	require.NoError(t, err)
	require.Equal(t, `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::855297612111:root"},"Action":"sts:AssumeRole"}]}`, string(out))
	again, err := policy.Parse(out)
	require.NoError(t, err)
	require.Empty(t, cmp.Diff(got, again))
	require.Empty(t, policy.Validate(got, policy.TrustPolicy))

	// A repeated Condition is still an error, empty or not.
	_, err = policy.Parse([]byte(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{},"Condition":{}}]}`))
	require.Error(t, err)
}
