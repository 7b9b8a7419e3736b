package policy_test

import (
	"encoding/json"
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"

	"github.com/cksiam/cksiam/policy"
)

func TestCompactWritesEachElementInTheFormGiven(t *testing.T) {
	tests := []struct {
		name string
		doc  *policy.Document
		want string
	}{
		{
			name: "one value is a bare string and several are a list",
			doc: policy.NewDocument(policy.Statement{
				Effect:   policy.Allow,
				Action:   policy.List("s3:GetObject", "s3:PutObject"),
				Resource: policy.List("*"),
			}),
			want: `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:GetObject","s3:PutObject"],"Resource":"*"}]}`,
		},
		{
			name: "a one-value list stays a list",
			doc: policy.NewDocument(policy.Statement{
				Effect:   policy.Allow,
				Action:   policy.Strings{Values: []string{"s3:GetObject"}, Array: true},
				Resource: policy.Strings{Values: []string{"*"}, Array: true},
			}),
			want: `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:GetObject"],"Resource":["*"]}]}`,
		},
		{
			name: "a single statement object stays an object",
			doc: &policy.Document{StatementObject: true, Statement: []policy.Statement{
				{Effect: policy.Deny, NotAction: policy.List("iam:*"), NotResource: policy.List("arn:aws:iam::*:role/x")},
			}},
			want: `{"Statement":{"Effect":"Deny","NotAction":"iam:*","NotResource":"arn:aws:iam::*:role/x"}}`,
		},
		{
			name: "the single-object form with two statements becomes a list",
			doc: &policy.Document{StatementObject: true, Statement: []policy.Statement{
				{Effect: policy.Allow, Action: policy.List("a:b")},
				{Effect: policy.Deny, Action: policy.List("c:d")},
			}},
			want: `{"Statement":[{"Effect":"Allow","Action":"a:b"},{"Effect":"Deny","Action":"c:d"}]}`,
		},
		{
			name: "elements are written in AWS order whatever the struct holds",
			doc: &policy.Document{ID: "id-1", Version: policy.Version2008, Statement: []policy.Statement{{
				Condition:    policy.NewCondition("StringEquals", "aws:PrincipalAccount", "111122223333"),
				NotResource:  policy.List("arn:aws:s3:::b"),
				NotAction:    policy.List("s3:*"),
				NotPrincipal: &policy.Principal{CanonicalUser: policy.List("c"), Federated: policy.List("f"), Service: policy.List("s"), AWS: policy.List("a")},
				Effect:       policy.Deny,
				Sid:          "S1",
			}}},
			want: `{"Version":"2008-10-17","Id":"id-1","Statement":[{"Sid":"S1","Effect":"Deny","NotPrincipal":{"AWS":"a","Service":"s","Federated":"f","CanonicalUser":"c"},"NotAction":"s3:*","NotResource":"arn:aws:s3:::b","Condition":{"StringEquals":{"aws:PrincipalAccount":"111122223333"}}}]}`,
		},
		{
			name: "condition values keep their JSON type and text",
			doc: policy.NewDocument(policy.Statement{
				Effect: policy.Allow, Principal: policy.Everyone(), Action: policy.List("s3:ListBucket"), Resource: policy.List("*"),
				Condition: policy.NewCondition("StringLike", "s3:prefix", "a/*", "b/*").
					WithBool("Bool", "aws:SecureTransport", true).
					WithValues("NumericLessThan", "s3:max-keys", policy.Value{Text: "1.50", Kind: policy.NumberValue}, policy.Value{Text: "-1e+3", Kind: policy.NumberValue}),
			}),
			want: `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:ListBucket","Resource":"*","Condition":{"StringLike":{"s3:prefix":["a/*","b/*"]},"Bool":{"aws:SecureTransport":true},"NumericLessThan":{"s3:max-keys":[1.50,-1e+3]}}}]}`,
		},
		{
			name: "strings are escaped only where JSON requires it",
			doc:  &policy.Document{ID: "a\"b\\c/d\te\nf\rg<h>&é", Statement: []policy.Statement{{Effect: policy.Allow, Action: policy.List("x:y")}}},
			want: `{"Id":"a\"b\\c/d\te\nf\rg<h>&é","Statement":[{"Effect":"Allow","Action":"x:y"}]}`,
		},
		{
			name: "an empty Sid and Id are left out",
			doc:  &policy.Document{ID: "", Statement: []policy.Statement{{Sid: "", Effect: policy.Allow, Action: policy.List("x:y")}}},
			want: `{"Statement":[{"Effect":"Allow","Action":"x:y"}]}`,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := tc.doc.Compact()
			require.NoError(t, err)
			require.Equal(t, tc.want, string(got))
			viaMarshal, err := tc.doc.MarshalJSON()
			require.NoError(t, err)
			require.Equal(t, tc.want, string(viaMarshal))
		})
	}
}

func TestMarshalRefusesWhatParseWouldRefuse(t *testing.T) {
	stmt := func(mod func(*policy.Statement)) *policy.Document {
		st := policy.Statement{Effect: policy.Allow, Action: policy.List("s3:GetObject"), Resource: policy.List("*")}
		mod(&st)
		return policy.NewDocument(policy.Statement{Effect: policy.Allow, Action: policy.List("s3:*")}, st)
	}
	tests := []struct {
		name   string
		doc    *policy.Document
		path   string
		reason string
	}{
		{"a character above U+00FF", stmt(func(s *policy.Statement) { s.Resource = policy.List("arn:aws:s3:::b", "arn:aws:s3:::€") }),
			"Statement[1].Resource[1]", "character U+20AC is not allowed: policies may contain only tab, LF, CR and U+0020–U+00FF"},
		{"a control character", stmt(func(s *policy.Statement) { s.Sid = "a\x01" }),
			"Statement[1].Sid", "character U+0001 is not allowed: policies may contain only tab, LF, CR and U+0020–U+00FF"},
		{"invalid UTF-8", &policy.Document{ID: "\xff", Statement: []policy.Statement{{Effect: policy.Allow}}},
			"Id", `invalid UTF-8 in "\xff"`},
		{"a principal both * and typed", stmt(func(s *policy.Statement) { s.Principal = &policy.Principal{Wildcard: true, AWS: policy.List("1")} }),
			"Statement[1].Principal", `a principal cannot be both "*" and typed`},
		{"a number value that is not a JSON number", stmt(func(s *policy.Statement) {
			s.Condition = policy.Condition(nil).WithValues("NumericEquals", "s3:max-keys", policy.Value{Text: "ten", Kind: policy.NumberValue})
		}), "Statement[1].Condition.NumericEquals.s3:max-keys", `number value "ten" is not a JSON number`},
		{"a number value with trailing text", stmt(func(s *policy.Statement) {
			s.Condition = policy.Condition(nil).WithValues("NumericEquals", "s3:max-keys", policy.Value{Text: "1", Kind: policy.NumberValue}, policy.Value{Text: "1,2", Kind: policy.NumberValue})
		}), "Statement[1].Condition.NumericEquals.s3:max-keys[1]", `number value "1,2" is not a JSON number`},
		{"a boolean value that is not true or false", stmt(func(s *policy.Statement) {
			s.Condition = policy.Condition(nil).WithValues("Bool", "aws:SecureTransport", policy.Value{Text: "True", Kind: policy.BoolValue})
		}), "Statement[1].Condition.Bool.aws:SecureTransport", `boolean value "True" is not "true" or "false"`},
		{"an unknown value kind", stmt(func(s *policy.Statement) {
			s.Condition = policy.Condition(nil).WithValues("Bool", "aws:SecureTransport", policy.Value{Text: "true", Kind: 7})
		}), "Statement[1].Condition.Bool.aws:SecureTransport", "unknown value kind"},
	}
	for _, tc := range tests {
		t.Run("refuses "+tc.name, func(t *testing.T) {
			for name, write := range map[string]func() ([]byte, error){
				"Compact": tc.doc.Compact, "Format": tc.doc.Format,
				"json.Marshal": func() ([]byte, error) { return json.Marshal(tc.doc) },
			} {
				out, err := write()
				require.Error(t, err, "%s wrote %s", name, out)
				var perr *policy.Error
				require.True(t, errors.As(err, &perr), "%s: %v is not a *policy.Error", name, err)
				require.Equal(t, tc.path, perr.Path, name)
				require.Equal(t, tc.reason, perr.Reason, name)
				require.Equal(t, int64(-1), perr.Offset, name)
			}
		})
	}
}

func TestElementTypesMarshalOnTheirOwn(t *testing.T) {
	tests := []struct {
		name string
		v    any
		want string
	}{
		{"a one-value Strings is a string", policy.List("kms:Decrypt"), `"kms:Decrypt"`},
		{"an empty Strings is an empty list", policy.Strings{}, `[]`},
		{"the wildcard principal is a string", policy.Everyone(), `"*"`},
		{"a typed principal is an object", policy.ServicePrincipal("cks.kms.amazonaws.com"), `{"Service":"cks.kms.amazonaws.com"}`},
		{"a federated principal is an object", policy.FederatedPrincipal("cognito-identity.amazonaws.com"), `{"Federated":"cognito-identity.amazonaws.com"}`},
		{"a canonical user principal is an object", policy.CanonicalUserPrincipal("79a5"), `{"CanonicalUser":"79a5"}`},
		{"a number value is a number", policy.Value{Text: "10", Kind: policy.NumberValue}, `10`},
		{"a condition keeps block order", policy.NewCondition("StringLike", "a:b", "x").With("Bool", "c:d", "true"), `{"StringLike":{"a:b":"x"},"Bool":{"c:d":"true"}}`},
		{"a statement is an object", policy.Statement{Effect: policy.Allow, Action: policy.List("a:b")}, `{"Effect":"Allow","Action":"a:b"}`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := json.Marshal(tc.v)
			require.NoError(t, err)
			require.Equal(t, tc.want, string(got))
		})
	}
}

func TestFormatDoesNotEscapeHTMLButMarshalIndentDoes(t *testing.T) {
	doc := &policy.Document{ID: "<a&b>", Statement: []policy.Statement{{Effect: policy.Allow, Action: policy.List("x:y")}}}
	formatted, err := doc.Format()
	require.NoError(t, err)
	require.Equal(t, "{\n    \"Id\": \"<a&b>\",\n    \"Statement\": [\n        {\n            \"Effect\": \"Allow\",\n            \"Action\": \"x:y\"\n        }\n    ]\n}\n", string(formatted))
	indented, err := json.MarshalIndent(doc, "", "    ")
	require.NoError(t, err)
	require.Contains(t, string(indented), `"\u003ca\u0026b\u003e"`)
	for _, out := range [][]byte{formatted, indented} {
		again, err := policy.Parse(out)
		require.NoError(t, err)
		if diff := cmp.Diff(doc, again); diff != "" {
			t.Errorf("Parse(%s) differs (-want +got):\n%s", out, diff)
		}
	}
}

func TestEmptySidAndIdAreReadAsAbsent(t *testing.T) {
	doc, err := policy.Parse([]byte(`{"Id":"","Statement":[{"Sid":"","Effect":"Allow","Action":"x:y"}]}`))
	require.NoError(t, err)
	require.Equal(t, "", doc.ID)
	require.Equal(t, "", doc.Statement[0].Sid)
	out, err := doc.Compact()
	require.NoError(t, err)
	require.Equal(t, `{"Statement":[{"Effect":"Allow","Action":"x:y"}]}`, string(out))
}

func TestUnmarshalJSONIsAsStrictAsParse(t *testing.T) {
	type config struct {
		Name   string
		Policy policy.Document
	}
	var c config
	require.NoError(t, json.Unmarshal([]byte(`{"Name":"n","Policy":{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:*","Resource":"*"}}}`), &c))
	want := policy.Document{Version: policy.Version2012, StatementObject: true, Statement: []policy.Statement{
		{Effect: policy.Allow, Action: policy.List("s3:*"), Resource: policy.List("*")},
	}}
	if diff := cmp.Diff(want, c.Policy); diff != "" {
		t.Errorf("unmarshalled policy differs (-want +got):\n%s", diff)
	}

	for input, path := range map[string]string{
		`{"Policy":{"Statement":{"Effect":"Allow","Effect":"Deny","Action":"s3:*"}}}`: "Statement.Effect",
		`{"Policy":{"Statement":{"effect":"Allow","Action":"s3:*"}}}`:                 "Statement.effect",
		`{"Policy":null}`: "",
	} {
		err := json.Unmarshal([]byte(input), &c)
		var perr *policy.Error
		require.True(t, errors.As(err, &perr), "%s: %v is not a *policy.Error", input, err)
		require.Equal(t, path, perr.Path, input)
	}
}

func TestParseKeepsNumbersAndEscapesAsWritten(t *testing.T) {
	doc, err := policy.Parse([]byte(`{"Statement":[{"Effect":"Allow","Act\u0069on":"s3:\u0047et\/Object","Condition":{"NumericEquals":{"s3:max-keys":[0.10,-0,1E+02,12345678901234567890123]}}}]}`))
	require.NoError(t, err)
	st := doc.Statement[0]
	require.Equal(t, []string{"s3:Get/Object"}, st.Action.Values)
	require.Equal(t, []string{"0.10", "-0", "1E+02", "12345678901234567890123"}, st.Condition[0].Entries[0].Texts())
	out, err := doc.Compact()
	require.NoError(t, err)
	require.Equal(t, `{"Statement":[{"Effect":"Allow","Action":"s3:Get/Object","Condition":{"NumericEquals":{"s3:max-keys":[0.10,-0,1E+02,12345678901234567890123]}}}]}`, string(out))
}

func TestBuiltDocumentsEqualTheirOwnRoundTrip(t *testing.T) {
	tests := []struct {
		name string
		doc  *policy.Document
	}{
		{"lists of several values built with List", policy.NewDocument(policy.Statement{
			Effect: policy.Allow, Principal: policy.AWSPrincipal("arn:aws:iam::111122223333:root", "123456789012"),
			Action: policy.List("kms:Decrypt", "kms:Encrypt"), Resource: policy.List("arn:aws:kms:us-west-2:111122223333:key/a", "arn:aws:kms:us-west-2:111122223333:key/b"),
		})},
		{"condition keys with several values built with NewCondition", policy.NewDocument(policy.Statement{
			Effect: policy.Allow, Action: policy.List("kms:Decrypt"), Resource: policy.List("*"),
			Condition: policy.NewCondition("StringEquals", "kms:ViaService", "ec2.us-west-2.amazonaws.com", "rds.us-west-2.amazonaws.com"),
		})},
		{"a one-value list keeps its list form", policy.NewDocument(policy.Statement{
			Effect: policy.Allow, Action: policy.Strings{Values: []string{"kms:Decrypt"}, Array: true}, Resource: policy.List("*"),
			Condition: policy.Condition{{Operator: "StringEquals", Entries: []policy.ConditionEntry{{Key: "kms:CallerAccount", Values: policy.StringValues("111122223333"), Array: true}}}},
		})},
	}
	for _, tc := range tests {
		t.Run(tc.name+" equal their round trip", func(t *testing.T) {
			b, err := tc.doc.Compact()
			require.NoError(t, err)
			back, err := policy.Parse(b)
			require.NoError(t, err)
			if d := cmp.Diff(tc.doc, back); d != "" {
				t.Errorf("Parse(Compact()) differs (-built +parsed):\n%s", d)
			}
			if d := cmp.Diff(tc.doc.Normalize(), back.Normalize()); d != "" {
				t.Errorf("normalized forms differ (-built +parsed):\n%s", d)
			}
		})
	}
	t.Run("a list that de-duplication leaves with one value stays a list", func(t *testing.T) {
		doc, err := policy.Parse([]byte(`{"Statement":[{"Effect":"Allow","Action":["kms:Decrypt","KMS:decrypt"],"Resource":["*","*"]}]}`))
		require.NoError(t, err)
		b, err := doc.Normalize().Compact()
		require.NoError(t, err)
		require.Equal(t, `{"Statement":[{"Effect":"Allow","Action":["kms:Decrypt"],"Resource":["*"]}]}`, string(b))
	})
}

func TestANilDocumentIsAnErrorNotAPanic(t *testing.T) {
	var d *policy.Document
	for name, write := range map[string]func() ([]byte, error){"Format": d.Format, "Compact": d.Compact} {
		t.Run(name+" of a nil document returns a *Error", func(t *testing.T) {
			b, err := write()
			require.Nil(t, b)
			var perr *policy.Error
			require.ErrorAs(t, err, &perr)
			require.ErrorIs(t, err, policy.ErrMissingElement)
		})
	}
}
