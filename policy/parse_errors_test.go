package policy_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cksiam/cksiam/policy"
)

// in wraps statements in a 2012-10-17 document.
func in(statements ...string) string {
	return `{"Version":"2012-10-17","Statement":[` + strings.Join(statements, ",") + `]}`
}

const okStmt = `{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}`

// withCond is a valid statement with the given Condition element text.
func withCond(cond string) string {
	return `{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":` + cond + `}`
}

var malformed = []struct {
	name   string
	input  string
	path   string
	reason string
}{
	// The text itself (aws-rules A.1, D).
	{"an empty input is refused", ``, "", "empty document"},
	{"invalid UTF-8 is refused", "{\"Id\":\"\xff\"}", "", "invalid UTF-8"},
	{"a character above U+00FF is refused", `{"Id":"€"}`, "", "character U+20AC is not allowed: policies may contain only tab, LF, CR and U+0020–U+00FF"},
	{"a character outside the Basic Multilingual Plane is refused", `{"Id":"😀"}`, "", "character U+1F600 is not allowed: policies may contain only tab, LF, CR and U+0020–U+00FF"},
	{"an overlong encoding is refused", "{\"Id\":\"\xc0\xaf\"}", "", "invalid UTF-8"},
	{"a stray continuation byte is refused", "{\"Id\":\"\x80\"}", "", "invalid UTF-8"},
	{"a truncated two-byte sequence is refused", "{\"Id\":\"\xc3", "", "invalid UTF-8"},
	{"a raw control character is refused", "{\"Id\":\"a\x01\"}", "", "character U+0001 is not allowed: policies may contain only tab, LF, CR and U+0020–U+00FF"},
	{"a byte order mark is refused", "\ufeff" + in(okStmt), "", "character U+FEFF is not allowed: policies may contain only tab, LF, CR and U+0020–U+00FF"},
	{"an escaped U+0001 is refused", in(`{"Effect":"Allow","Action":"s3:\u0001","Resource":"*"}`), "Statement[0].Action", "escaped character U+0001 is not allowed: policies may contain only tab, LF, CR and U+0020–U+00FF"},
	{"an escaped U+0002 in a condition value is refused", in(withCond(`{"StringLike":{"s3:prefix":"\u0002"}}`)), "Statement[0].Condition.StringLike.s3:prefix", "escaped character U+0002 is not allowed: policies may contain only tab, LF, CR and U+0020–U+00FF"},
	{"an escaped character above U+00FF is refused", `{"Id":"\u0100","Statement":[]}`, "Id", "escaped character U+0100 is not allowed: policies may contain only tab, LF, CR and U+0020–U+00FF"},
	{"an escaped surrogate pair is refused", in(`{"Sid":"\ud83d\ude00","Effect":"Allow","Action":"s3:*","Resource":"*"}`), "Statement[0].Sid", "escaped character U+D83D is not allowed: policies may contain only tab, LF, CR and U+0020–U+00FF"},
	{"an escaped surrogate in a value is refused", `{"Id":"\ud83d\ude00"}`, "Id", "escaped character U+D83D is not allowed: policies may contain only tab, LF, CR and U+0020–U+00FF"},
	{"the backspace escape is refused", `{"Id":"\b"}`, "Id", `escape \b is not allowed: policies may contain only tab, LF, CR and U+0020–U+00FF`},
	{"a document over the safety bound is refused", `{"Id":"` + strings.Repeat("a", policy.DefaultMaxDocumentChars) + `"}`, "", "document is longer than 1048576 characters, the bound Parse was given against memory exhaustion (see WithMaxDocumentChars)"},
	{"a document over the safety bound in Latin-1 characters is refused", `{"Id":"` + strings.Repeat("é", policy.DefaultMaxDocumentChars) + `"}`, "", "document is longer than 1048576 characters, the bound Parse was given against memory exhaustion (see WithMaxDocumentChars)"},

	// JSON syntax.
	{"a list at top level is refused", `[` + okStmt + `]`, "", "a policy document must be a JSON object, found a list"},
	{"a string at top level is refused", `"policy"`, "", "a policy document must be a JSON object, found a string"},
	{"whitespace alone is refused", "  \n", "", "a policy document must be a JSON object, found end of input"},
	{"data after the document is refused", in(okStmt) + `{}`, "", "unexpected data after the document"},
	{"a second document is refused", in(okStmt) + in(okStmt), "", "unexpected data after the document"},
	{"a truncated document is refused", `{"Version":"2012-10-17","Statement":[{"Effect":"Allow"`, "Statement[0]", "expected ',' or '}', found end of input"},
	{"a trailing comma in an object is refused", `{"Version":"2012-10-17",}`, "", "expected an element name, found '}'"},
	{"a trailing comma in a list is refused", in(`{"Effect":"Allow","Action":["s3:GetObject",],"Resource":"*"}`), "Statement[0].Action[1]", "must be a string, found ']'"},
	{"deep nesting is refused at its first level", `{"Statement":[` + strings.Repeat("[", 60000) + strings.Repeat("]", 60000) + `]}`, "Statement[0]", "a statement must be a JSON object, found a list"},
	{"deep nesting in a condition is refused", in(withCond(`{"StringEquals":{"a:b":` + strings.Repeat(`[`, 5000) + `}}`)), "Statement[0].Condition.StringEquals.a:b[0]", "a condition value must be a string, number or boolean, found a list"},
	{"a missing value is refused", `{"Version":}`, "Version", "must be a string, found '}'"},
	{"a doubled comma is refused", in(okStmt + `,,` + okStmt), "Statement[1]", "a statement must be a JSON object, found ','"},
	{"a missing colon is refused", `{"Version" "2012-10-17"}`, "", "expected ':' after element name"},
	{"an unterminated string is refused", `{"Version":"2012-10-17`, "Version", "unterminated string"},
	{"an unquoted key is refused", `{Version:"2012-10-17"}`, "", "expected an element name, found invalid JSON"},
	{"a single-quoted string is refused", `{"Version":'2012-10-17'}`, "Version", "must be a string, found invalid JSON"},
	{"an invalid escape is refused", `{"Id":"\x41"}`, "Id", "invalid escape"},
	{"a short unicode escape is refused", `{"Id":"\u12"}`, "Id", `invalid \u escape`},
	{"a raw tab inside a string is refused", "{\"Id\":\"a\tb\"}", "Id", "control character in string"},

	// The document level.
	{"a lower-case element name is refused", `{"version":"2012-10-17","Statement":[]}`, "version", `unknown element; names are case-sensitive, did you mean "Version"?`},
	{"an unknown top-level element is refused", `{"Version":"2012-10-17","Comment":"x","Statement":[]}`, "Comment", "unknown element; expected one of Version, Id, Statement"},
	{"a repeated Version is refused", `{"Version":"2012-10-17","Version":"2008-10-17","Statement":[]}`, "Version", "duplicate element"},
	{"a repeated Statement is refused", `{"Statement":[` + okStmt + `],"Statement":[` + okStmt + `]}`, "Statement", "duplicate element"},
	{"a missing Statement is refused", `{"Version":"2012-10-17"}`, "", "Statement is required"},
	{"an empty object is refused", `{}`, "", "Statement is required"},
	{"a numeric Version is refused", `{"Version":2012,"Statement":[]}`, "Version", "must be a string, found a number"},
	{"an empty Version is refused", `{"Version":"","Statement":[]}`, "Version", `Version must not be empty; omit it or use "2012-10-17"`},
	{"a null Id is refused", `{"Id":null,"Statement":[]}`, "Id", "must be a string, found null"},
	{"an empty Statement list is refused", `{"Version":"2012-10-17","Statement":[]}`, "Statement", "must not be an empty list"},
	{"a string Statement is refused", `{"Statement":"Allow"}`, "Statement", "must be a statement object or a list of statements, found a string"},
	{"a null Statement is refused", `{"Statement":null}`, "Statement", "must be a statement object or a list of statements, found null"},
	{"a statement that is a list is refused", in(okStmt, `[]`), "Statement[1]", "a statement must be a JSON object, found a list"},

	// The statement level.
	{"a lower-case effect is refused", in(`{"effect":"Allow","Action":"s3:*","Resource":"*"}`), "Statement[0].effect", `unknown element; names are case-sensitive, did you mean "Effect"?`},
	{"an unknown statement element is refused", in(okStmt, `{"Effect":"Allow","Action":"s3:*","Resource":"*","Principals":"*"}`), "Statement[1].Principals", "unknown element; expected one of Sid, Effect, Principal, NotPrincipal, Action, NotAction, Resource, NotResource, Condition"},
	{"an unknown element in the single statement object is named without an index", `{"Statement":{"Effect":"Allow","Action":"s3:*","Resources":"*"}}`, "Statement.Resources", "unknown element; expected one of Sid, Effect, Principal, NotPrincipal, Action, NotAction, Resource, NotResource, Condition"},
	{"a repeated Effect is refused", in(`{"Effect":"Deny","Action":"s3:*","Resource":"*","Effect":"Allow"}`), "Statement[0].Effect", "duplicate element"},
	{"a key repeated through an escape is refused", in(`{"Effect":"Allow","Action":"s3:*","Resource":"*","\u0045ffect":"Deny"}`), "Statement[0].Effect", "duplicate element"},
	{"a repeated Action is refused", in(`{"Effect":"Allow","Action":"s3:GetObject","Action":"s3:*","Resource":"*"}`), "Statement[0].Action", "duplicate element"},
	{"Action with NotAction is refused", in(`{"Effect":"Allow","Action":"s3:*","NotAction":"iam:*","Resource":"*"}`), "Statement[0].NotAction", "Action and NotAction cannot both appear in a statement"},
	{"NotAction before Action is refused", in(`{"Effect":"Allow","NotAction":"iam:*","Action":"s3:*","Resource":"*"}`), "Statement[0].Action", "Action and NotAction cannot both appear in a statement"},
	{"Principal with NotPrincipal is refused", in(`{"Effect":"Deny","Principal":"*","NotPrincipal":{"AWS":"111122223333"},"Action":"s3:*","Resource":"*"}`), "Statement[0].NotPrincipal", "Principal and NotPrincipal cannot both appear in a statement"},
	{"Resource with NotResource is refused", in(`{"Effect":"Allow","Action":"s3:*","NotResource":"arn:aws:s3:::a","Resource":"*"}`), "Statement[0].Resource", "Resource and NotResource cannot both appear in a statement"},
	{"a lower-case Effect value is refused", in(`{"Effect":"allow","Action":"s3:*","Resource":"*"}`), "Statement[0].Effect", `must be exactly "Allow" or "Deny"`},
	{"an unknown Effect value is refused", in(`{"Effect":"Permit","Action":"s3:*","Resource":"*"}`), "Statement[0].Effect", `must be exactly "Allow" or "Deny"`},
	{"a boolean Effect is refused", in(`{"Effect":true,"Action":"s3:*","Resource":"*"}`), "Statement[0].Effect", "must be a string, found a boolean"},
	{"a missing Effect is refused", in(okStmt, `{"Action":"s3:*","Resource":"*"}`), "Statement[1]", "Effect is required"},
	{"a missing Action is refused", in(`{"Effect":"Allow","Resource":"*"}`), "Statement[0]", "Action or NotAction is required"},
	{"a numeric Sid is refused", in(`{"Sid":1,"Effect":"Allow","Action":"s3:*","Resource":"*"}`), "Statement[0].Sid", "must be a string, found a number"},
	{"an empty Action list is refused", in(`{"Effect":"Allow","Action":[],"Resource":"*"}`), "Statement[0].Action", "must not be an empty list"},
	{"an empty Resource list is refused", in(`{"Effect":"Allow","Action":"s3:*","Resource":[ ]}`), "Statement[0].Resource", "must not be an empty list"},
	{"a number in an Action list is refused", in(`{"Effect":"Allow","Action":["s3:GetObject",7],"Resource":"*"}`), "Statement[0].Action[1]", "must be a string, found a number"},
	{"a nested list in Resource is refused", in(`{"Effect":"Allow","Action":"s3:*","Resource":[["*"]]}`), "Statement[0].Resource[0]", "must be a string, found a list"},
	{"a null Action is refused", in(`{"Effect":"Allow","Action":null,"Resource":"*"}`), "Statement[0].Action", "must be a string or a list of strings, found null"},
	{"an object NotResource is refused", in(`{"Effect":"Allow","Action":"s3:*","NotResource":{"arn":"x"}}`), "Statement[0].NotResource", "must be a string or a list of strings, found an object"},

	// Principal and NotPrincipal (aws-rules A.4).
	{"a principal string other than * is refused", in(`{"Effect":"Allow","Principal":"111122223333","Action":"s3:*","Resource":"*"}`), "Statement[0].Principal", `a principal written as a string must be "*"; name principals as {"AWS": …}, {"Service": …}, {"Federated": …} or {"CanonicalUser": …}`},
	{"a principal list is refused", in(`{"Effect":"Allow","Principal":["*"],"Action":"s3:*","Resource":"*"}`), "Statement[0].Principal", `must be "*" or an object of principal types, found a list`},
	{"an empty principal object is refused", in(`{"Effect":"Allow","Principal":{},"Action":"s3:*","Resource":"*"}`), "Statement[0].Principal", "must name at least one principal type"},
	{"a lower-case principal type is refused", in(`{"Effect":"Allow","Principal":{"aws":"*"},"Action":"s3:*","Resource":"*"}`), "Statement[0].Principal.aws", `unknown principal type; names are case-sensitive, did you mean "AWS"?`},
	{"an unknown principal type is refused", in(`{"Effect":"Deny","NotPrincipal":{"User":"bob"},"Action":"s3:*","Resource":"*"}`), "Statement[0].NotPrincipal.User", "unknown principal type; expected one of AWS, Service, Federated, CanonicalUser"},
	{"a repeated principal type is refused", in(`{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com","Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole"}`), "Statement[0].Principal.Service", "duplicate principal type"},
	{"an empty principal value list is refused", in(`{"Effect":"Allow","Principal":{"AWS":[]},"Action":"s3:*","Resource":"*"}`), "Statement[0].Principal.AWS", "must not be an empty list"},
	{"a numeric account principal is refused", in(`{"Effect":"Allow","Principal":{"AWS":["111122223333",444455556666]},"Action":"s3:*","Resource":"*"}`), "Statement[0].Principal.AWS[1]", "must be a string, found a number"},

	// Condition (aws-rules A.7, B).
	{"a misspelt operator is refused", in(okStmt, okStmt, withCond(`{"StringEqulas":{"aws:PrincipalAccount":"111122223333"}}`)), "Statement[2].Condition.StringEqulas", `unknown condition operator "StringEqulas"`},
	{"Null with IfExists is refused", in(withCond(`{"NullIfExists":{"aws:TokenIssueTime":"true"}}`)), "Statement[0].Condition.NullIfExists", `unknown condition operator "NullIfExists": Null takes no IfExists suffix and no set prefix`},
	{"an unknown set prefix is refused", in(withCond(`{"ForEachValue:StringEquals":{"aws:TagKeys":"a"}}`)), "Statement[0].Condition.ForEachValue:StringEquals", `unknown condition operator "ForEachValue:StringEquals"`},
	{"a repeated operator is refused", in(withCond(`{"StringEquals":{"a:b":"1"},"StringEquals":{"a:c":"2"}}`)), "Statement[0].Condition.StringEquals", "duplicate condition operator"},
	{"a repeated condition key is refused", in(withCond(`{"StringEquals":{"aws:PrincipalAccount":"1","aws:PrincipalAccount":"2"}}`)), "Statement[0].Condition.StringEquals.aws:PrincipalAccount", "duplicate condition key"},
	{"an operator with no keys is refused", in(withCond(`{"StringEquals":{}}`)), "Statement[0].Condition.StringEquals", "must test at least one condition key"},
	{"a Condition list is refused", in(withCond(`[]`)), "Statement[0].Condition", "must be an object of condition operators, found a list"},
	{"an operator with a string value is refused", in(withCond(`{"StringEquals":"x"}`)), "Statement[0].Condition.StringEquals", "must be an object of condition keys, found a string"},
	{"an empty value list is refused", in(withCond(`{"IpAddress":{"aws:SourceIp":[]}}`)), "Statement[0].Condition.IpAddress.aws:SourceIp", "must not be an empty list"},
	{"a null condition value is refused", in(withCond(`{"Null":{"aws:TokenIssueTime":null}}`)), "Statement[0].Condition.Null.aws:TokenIssueTime", "null is not a condition value; use a string, number or boolean"},
	{"a null inside a value list is refused", in(withCond(`{"StringEquals":{"a:b":["x",null]}}`)), "Statement[0].Condition.StringEquals.a:b[1]", "null is not a condition value; use a string, number or boolean"},
	{"an object condition value is refused", in(withCond(`{"StringEquals":{"a:b":{"c":"d"}}}`)), "Statement[0].Condition.StringEquals.a:b", "a condition value must be a string, number or boolean, found an object"},
	{"a nested value list is refused", in(withCond(`{"StringEquals":{"a:b":["x",["y"]]}}`)), "Statement[0].Condition.StringEquals.a:b[1]", "a condition value must be a string, number or boolean, found a list"},
	{"a number with a leading zero is refused", in(withCond(`{"NumericEquals":{"s3:max-keys":010}}`)), "Statement[0].Condition.NumericEquals", "expected ',' or '}', found a number"},
	{"a number without digits after the point is refused", in(withCond(`{"NumericEquals":{"s3:max-keys":1.}}`)), "Statement[0].Condition.NumericEquals.s3:max-keys", "invalid number"},
	{"a number with an empty exponent is refused", in(withCond(`{"NumericEquals":{"s3:max-keys":[1e]}}`)), "Statement[0].Condition.NumericEquals.s3:max-keys[0]", "invalid number"},
	{"a misspelt boolean is refused", in(withCond(`{"Bool":{"aws:SecureTransport":True}}`)), "Statement[0].Condition.Bool.aws:SecureTransport", "invalid JSON"},
	{"a truncated boolean is refused", in(withCond(`{"Bool":{"aws:SecureTransport":tru}}`)), "Statement[0].Condition.Bool.aws:SecureTransport", "invalid JSON"},
}

func TestParseRefusesMalformedDocuments(t *testing.T) {
	require.GreaterOrEqual(t, len(malformed), 60)
	for _, tc := range malformed {
		t.Run(tc.name, func(t *testing.T) {
			doc, err := policy.Parse([]byte(tc.input))
			require.Error(t, err)
			require.Nil(t, doc)
			var perr *policy.Error
			require.True(t, errors.As(err, &perr), "error %v is not a *policy.Error", err)
			require.Equal(t, tc.path, perr.Path, "path")
			require.Equal(t, tc.reason, perr.Reason, "reason")
			require.GreaterOrEqual(t, perr.Offset, int64(0))
			require.LessOrEqual(t, perr.Offset, int64(len(tc.input)))
			require.True(t, isKind(err), "the error wraps one of the Err sentinels: %#v", perr)
		})
	}
}

// kinds are the sentinels a *policy.Error wraps.
var kinds = []error{policy.ErrSyntax, policy.ErrCharacter, policy.ErrTooLong, policy.ErrEmpty,
	policy.ErrUnknownElement, policy.ErrDuplicateKey, policy.ErrConflictingElements,
	policy.ErrMissingElement, policy.ErrUnknownOperator, policy.ErrInvalidValue}

func isKind(err error) bool {
	n := 0
	for _, k := range kinds {
		if errors.Is(err, k) {
			n++
		}
	}
	return n == 1
}

func TestParseErrorsWrapTheirKind(t *testing.T) {
	tests := []struct {
		name  string
		input string
		kind  error
	}{
		{"a misspelt operator is ErrUnknownOperator", in(withCond(`{"StringEqulas":{"a:b":"x"}}`)), policy.ErrUnknownOperator},
		{"Null with IfExists is ErrUnknownOperator", in(withCond(`{"NullIfExists":{"a:b":"true"}}`)), policy.ErrUnknownOperator},
		{"a trailing comma is ErrSyntax", `{"Version":"2012-10-17",}`, policy.ErrSyntax},
		{"a single-quoted string is ErrSyntax, not a value of the wrong type", `{"Version":'2012-10-17'}`, policy.ErrSyntax},
		{"a missing value is ErrSyntax", `{"Version":}`, policy.ErrSyntax},
		{"a misspelt boolean is ErrSyntax", in(withCond(`{"Bool":{"a:b":True}}`)), policy.ErrSyntax},
		{"data after the document is ErrSyntax", in(okStmt) + `{}`, policy.ErrSyntax},
		{"a character above U+00FF is ErrCharacter", `{"Id":"€"}`, policy.ErrCharacter},
		{"an escaped character above U+00FF is ErrCharacter", `{"Id":"Ā"}`, policy.ErrCharacter},
		{"invalid UTF-8 is ErrCharacter", "{\"Id\":\"\xff\"}", policy.ErrCharacter},
		{"a document over the safety bound is ErrTooLong", `{"Id":"` + strings.Repeat("a", policy.DefaultMaxDocumentChars) + `"}`, policy.ErrTooLong},
		{"an empty input is ErrEmpty", ``, policy.ErrEmpty},
		{"an empty Action list is ErrEmpty", in(`{"Effect":"Allow","Action":[],"Resource":"*"}`), policy.ErrEmpty},
		{"a lower-case element name is ErrUnknownElement", `{"version":"2012-10-17","Statement":[]}`, policy.ErrUnknownElement},
		{"an unknown principal type is ErrUnknownElement", in(`{"Effect":"Allow","Principal":{"Aws":"*"},"Action":"s3:*"}`), policy.ErrUnknownElement},
		{"a repeated condition key is ErrDuplicateKey", in(withCond(`{"StringEquals":{"a:b":"1","a:b":"2"}}`)), policy.ErrDuplicateKey},
		{"Action with NotAction is ErrConflictingElements", in(`{"Effect":"Allow","Action":"s3:*","NotAction":"iam:*","Resource":"*"}`), policy.ErrConflictingElements},
		{"a missing Effect is ErrMissingElement", in(`{"Action":"s3:*","Resource":"*"}`), policy.ErrMissingElement},
		{"a numeric Version is ErrInvalidValue", `{"Version":2012,"Statement":[]}`, policy.ErrInvalidValue},
		{"an Effect in lower case is ErrInvalidValue", in(`{"Effect":"allow","Action":"s3:*","Resource":"*"}`), policy.ErrInvalidValue},
		{"a null condition value is ErrInvalidValue", in(withCond(`{"Null":{"a:b":null}}`)), policy.ErrInvalidValue},
		{"a list at top level is ErrInvalidValue", `[` + okStmt + `]`, policy.ErrInvalidValue},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := policy.Parse([]byte(tc.input))
			require.Error(t, err)
			require.ErrorIs(t, err, tc.kind)
			require.True(t, isKind(err), "exactly one kind: %v", err)
			var perr *policy.Error
			require.True(t, errors.As(err, &perr))
			require.Equal(t, tc.kind, perr.Err)
		})
	}
	t.Run("a document the writers refuse wraps its kind too", func(t *testing.T) {
		_, err := policy.NewDocument(policy.Statement{Effect: policy.Allow, Action: policy.List("s3:€"), Resource: policy.List("*")}).Compact()
		require.ErrorIs(t, err, policy.ErrCharacter)
		_, err = policy.NewDocument(policy.Statement{Effect: policy.Allow, Action: policy.List("s3:*"), Resource: policy.List("*"),
			Condition: policy.Condition{{Operator: "NumericEquals", Entries: []policy.ConditionEntry{{Key: "s3:max-keys", Values: []policy.Value{{Text: "x", Kind: policy.NumberValue}}}}}}}).Compact()
		require.ErrorIs(t, err, policy.ErrInvalidValue)
	})
}
