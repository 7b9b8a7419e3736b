package evaluate

import (
	"errors"
	"strings"
	"testing"

	"github.com/cksiam/cksiam/policy"
	"github.com/stretchr/testify/require"
)

// malformedDeny is a Deny that policy.Validate calls an error, placed next
// to an Allow of s3:* so that, were the Deny inert, the request would be
// allowed.
type malformedDeny struct {
	name string
	doc  func(t *testing.T) *policy.Document
	path string // where Compile's error points
}

func malformedDenies() []malformedDeny {
	deny := func(action, resource string) func(t *testing.T) *policy.Document {
		return func(t *testing.T) *policy.Document {
			return &policy.Document{Version: policy.Version2012, Statement: []policy.Statement{
				{Effect: policy.Allow, Action: policy.List("s3:*"), Resource: policy.List("*")},
				{Effect: policy.Deny, Action: policy.List(action), Resource: policy.List(resource)},
			}}
		}
	}
	return []malformedDeny{
		{"a Deny action with a trailing space", deny("s3:GetObject ", "*"), "Identity[0].Statement[1].Action[0]"},
		{"an empty Deny action", deny("", "*"), "Identity[0].Statement[1].Action[0]"},
		{"a Deny action with two colons", deny("s3::GetObject", "*"), "Identity[0].Statement[1].Action[0]"},
		{"a Deny action without a colon", deny("s3GetObject", "*"), "Identity[0].Statement[1].Action[0]"},
		{"a Deny action with a non-ASCII letter", deny("s3:GétObject", "*"), "Identity[0].Statement[1].Action[0]"},
		{"a Deny action that is invalid UTF-8", deny("s3:Get\xffObject", "*"), "Identity[0].Statement[1].Action[0]"},
		{"a Deny resource that is not an ARN", deny("s3:GetObject", "bucket/key"), "Identity[0].Statement[1].Resource[0]"},
		{"an empty Deny resource", deny("s3:GetObject", ""), "Identity[0].Statement[1].Resource[0]"},
		{"a Deny resource that is invalid UTF-8", deny("s3:GetObject", "arn:aws:s3:::b/\xfe"), "Identity[0].Statement[1].Resource[0]"},
		{"a Deny under a Version that does not exist, with a variable in its Resource", func(t *testing.T) *policy.Document {
			d := deny("s3:GetObject", "arn:aws:s3:::bucket/${aws:username}/*")(t)
			d.Version = "2012-10-18"
			return d
		}, "Identity[0].Version"},
		{"a Deny with an empty Action list", func(t *testing.T) *policy.Document {
			d := deny("s3:GetObject", "*")(t)
			d.Statement[1].Action = policy.Strings{Values: []string{}}
			return d
		}, "Identity[0].Statement[1]"},
	}
}

func TestCompileRefusesAMalformedDeny(t *testing.T) {
	r := Request{Principal: alice, Action: "s3:GetObject", Resource: "arn:aws:s3:::bucket/alice/x"}
	for _, tc := range malformedDenies() {
		t.Run(tc.name+" is refused, naming where", func(t *testing.T) {
			p := Policies{Identity: []*policy.Document{tc.doc(t)}}
			_, err := Compile(p)
			require.Error(t, err)
			require.True(t, errors.Is(err, ErrInvalidPolicy))
			var e *Error
			require.True(t, errors.As(err, &e))
			require.True(t, strings.HasPrefix(e.Path, tc.path), "path %q, want one under %q", e.Path, tc.path)
			require.Contains(t, e.Reason, "the policy grammar does not allow it")
			require.NotContains(t, err.Error(), "LooseDocuments", "command users cannot set a Go option; the error names the finding only")
			res, err := Evaluate(p, r)
			require.Error(t, err)
			require.Equal(t, ImplicitDeny, res.Decision)
		})
	}
}

func TestLooseDocumentsApplyAMalformedDeny(t *testing.T) {
	r := Request{Principal: alice, Action: "s3:GetObject", Resource: "arn:aws:s3:::bucket/alice/x"}
	for _, tc := range malformedDenies() {
		t.Run(tc.name+" applies to every request, with a diagnostic", func(t *testing.T) {
			ev, err := Compile(Policies{Identity: []*policy.Document{tc.doc(t)}}, LooseDocuments())
			require.NoError(t, err)
			d, err := ev.Decide(r)
			require.NoError(t, err)
			require.Equal(t, ExplicitDeny, d)
			res, err := ev.Evaluate(r)
			require.NoError(t, err)
			require.Equal(t, ExplicitDeny, res.Decision)
			require.Contains(t, diagCodes(res), DiagUnreadableStatement)
		})
	}
}

func TestLooseDocumentsNeverApplyAMalformedAllow(t *testing.T) {
	r := Request{Principal: alice, Action: "s3:GetObject", Resource: "arn:aws:s3:::bucket/x"}
	for _, tc := range []struct {
		name string
		stmt policy.Statement
	}{
		{"an Allow whose action has a trailing space", policy.Statement{Effect: policy.Allow, Action: policy.List("s3:* "), Resource: policy.List("*")}},
		{"an Allow whose only resource is not an ARN", policy.Statement{Effect: policy.Allow, Action: policy.List("s3:*"), Resource: policy.List("bucket")}},
		{"an Allow with a Principal in an identity policy", policy.Statement{Effect: policy.Allow, Principal: &policy.Principal{Wildcard: true}, Action: policy.List("s3:*"), Resource: policy.List("*")}},
	} {
		t.Run(tc.name+" never allows, with a diagnostic", func(t *testing.T) {
			p := Policies{Identity: []*policy.Document{{Version: policy.Version2012, Statement: []policy.Statement{tc.stmt}}}}
			_, err := Compile(p)
			require.Error(t, err, "refused without the option")
			ev, err := Compile(p, LooseDocuments())
			require.NoError(t, err)
			res, err := ev.Evaluate(r)
			require.NoError(t, err)
			require.Equal(t, ImplicitDeny, res.Decision)
			require.Contains(t, diagCodes(res), DiagUnreadableStatement)
		})
	}
}

// An Effect that is neither Allow nor Deny could be either: read loosely,
// the statement is taken as a Deny.
func TestLooseDocumentsReadAnUnknownEffectAsDeny(t *testing.T) {
	d := &policy.Document{Version: policy.Version2012, Statement: []policy.Statement{
		{Effect: policy.Allow, Action: policy.List("*"), Resource: policy.List("*")},
		{Effect: "deny", Action: policy.List("s3:GetObject"), Resource: policy.List("*")},
	}}
	ev, err := Compile(Policies{Identity: []*policy.Document{d}}, LooseDocuments())
	require.NoError(t, err)
	dec, err := ev.Decide(Request{Principal: alice, Action: "kms:Decrypt", Resource: "*"})
	require.NoError(t, err)
	require.Equal(t, ExplicitDeny, dec)
}

// The grammar, not the customer quotas: documents AWS itself stores must
// compile whatever their size, and RCPFullAWSAccess breaks the rules a
// customer's RCP must follow.
func TestCompileAcceptsWhatAWSStores(t *testing.T) {
	big := &policy.Document{Version: policy.Version2012}
	for i := 0; i < 400; i++ {
		big.Statement = append(big.Statement, policy.Statement{Effect: policy.Allow, Action: policy.List("s3:GetObject"), Resource: policy.List("arn:aws:s3:::a-bucket-with-a-long-name/" + strings.Repeat("x", i%40))})
	}
	require.NotEmpty(t, policy.Validate(big, policy.IdentityPolicy), "the document is over the managed-policy quota")
	full := doc(t, `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*"}]}`)
	for _, tc := range []struct {
		name string
		p    Policies
	}{
		{"an identity policy over the managed-policy quota compiles", Policies{Identity: []*policy.Document{big}}},
		{"RCPFullAWSAccess compiles as an RCP", Policies{Identity: docs(t, allowAll), RCPs: [][]*policy.Document{{full}}}},
		{"a Resource ending in a star after fewer than six parts compiles (IAM User Guide, Resource element)", Policies{Identity: docs(t, allowStmt("sqs:SendMessage", "arn:aws:sqs:*"))}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Compile(tc.p)
			require.NoError(t, err)
		})
	}
}

// A condition value that policy.Validate cannot read is not read by the
// engine either, even where its own reader would accept it: the Allow does
// not apply and the Deny does (fail closed).
func TestConditionValuesValidateRefusesAreUndecidable(t *testing.T) {
	values := []struct{ op, key, value string }{
		{"Bool", "aws:SecureTransport", "TRUE"},
		{"NumericLessThan", "s3:max-keys", "+5"},
	}
	for _, v := range values {
		cond := `"Condition":{"` + v.op + `":{"` + v.key + `":"` + v.value + `"}}`
		d := doc(t, stmtDoc(`"Effect":"Allow","Action":"s3:*","Resource":"*",`+cond))
		f := policy.Validate(d, policy.IdentityPolicy)
		require.NotEmpty(t, f, "policy.Validate calls %s %q invalid", v.op, v.value)
		require.Equal(t, policy.CodeInvalidConditionValue, f[0].Code)
		ctx := Context{v.key: {strings.ToLower(v.value)}}
		if v.op != "Bool" {
			ctx = Context{v.key: {"1"}}
		}
		r := Request{Principal: alice, Action: "s3:ListBucket", Resource: "arn:aws:s3:::b", Context: ctx}
		t.Run("an Allow on "+v.op+" "+v.value+" does not apply", func(t *testing.T) {
			res, err := Evaluate(Policies{Identity: []*policy.Document{d}}, r)
			require.NoError(t, err)
			require.Equal(t, ImplicitDeny, res.Decision)
			require.Contains(t, diagCodes(res), DiagUnparsablePolicyValue)
		})
		t.Run("a Deny on "+v.op+" "+v.value+" applies", func(t *testing.T) {
			deny := doc(t, stmtDoc(`"Effect":"Deny","Action":"s3:*","Resource":"*",`+cond))
			res, err := Evaluate(Policies{Identity: []*policy.Document{doc(t, allowAll), deny}}, r)
			require.NoError(t, err)
			require.Equal(t, ExplicitDeny, res.Decision)
		})
	}
}

// "${}" and "${${x}}" name no condition key: in a Resource the document is
// refused; in a condition value the entry cannot be decided, so a Deny on
// it applies.
func TestMalformedPolicyVariables(t *testing.T) {
	r := Request{Principal: alice, Action: "s3:GetObject", Resource: "arn:aws:s3:::bucket/alice/x"}
	for _, v := range []string{"${}", "${${aws:username}}"} {
		t.Run("a Deny on the Resource "+v+" is refused", func(t *testing.T) {
			_, err := Compile(Policies{Identity: docs(t, allowAll, denyStmt("s3:*", "arn:aws:s3:::bucket/"+v+"/*"))})
			require.ErrorIs(t, err, ErrInvalidPolicy)
			require.Contains(t, err.Error(), "Identity[1].Statement[0].Resource[0]")
		})
		t.Run("a Deny on the condition value "+v+" applies", func(t *testing.T) {
			deny := stmtDoc(`"Effect":"Deny","Action":"s3:*","Resource":"*","Condition":{"StringEquals":{"aws:username":"` + v + `"}}`)
			res, err := Evaluate(Policies{Identity: docs(t, allowAll, deny)}, r)
			require.NoError(t, err)
			require.Equal(t, ExplicitDeny, res.Decision)
		})
	}
}

// A key-policy Deny naming a principal in a spelling AWS does not write
// ("…:Root") would match no one; Compile refuses it instead.
func TestCompileRefusesADenyNamingAPrincipalMisspelled(t *testing.T) {
	keyPolicy := `{"Version":"2012-10-17","Statement":[
		{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"kms:*","Resource":"*"},
		{"Effect":"Deny","Principal":{"AWS":"arn:aws:iam::111122223333:Root"},"Action":"kms:Decrypt","Resource":"*"}]}`
	_, err := Compile(Policies{Resource: doc(t, keyPolicy), Identity: docs(t, allowAll)})
	require.ErrorIs(t, err, ErrInvalidPolicy)
	require.Contains(t, err.Error(), "Resource.Statement[1].Principal.AWS[0]")
}

// Read loosely, an unreadable Action, NotAction, Resource or NotResource
// value is read the way that makes a Deny apply more and an Allow less,
// and the statement's other values keep their meaning.
func TestLooseDocumentsReadUnreadableValuesFailClosed(t *testing.T) {
	get := Request{Principal: alice, Action: "s3:GetObject", Resource: "arn:aws:s3:::bucket/x"}
	list := Request{Principal: alice, Action: "s3:ListBucket", Resource: "arn:aws:s3:::bucket"}
	put := Request{Principal: alice, Action: "s3:PutObject", Resource: "arn:aws:s3:::bucket/x"}
	stmt := func(effect policy.Effect, edit func(*policy.Statement)) *policy.Document {
		st := policy.Statement{Effect: effect, Action: policy.List("s3:GetObject ", "s3:ListBucket"), Resource: policy.List("*")}
		edit(&st)
		return &policy.Document{Version: policy.Version2012, Statement: []policy.Statement{st}}
	}
	allowAllDoc := doc(t, allowAll)
	cases := []struct {
		name string
		docs []*policy.Document
		r    Request
		want Decision
	}{
		{"an Allow's readable action still allows", []*policy.Document{stmt(policy.Allow, func(*policy.Statement) {})}, list, Allowed},
		{"an Allow's unreadable action allows nothing", []*policy.Document{stmt(policy.Allow, func(*policy.Statement) {})}, get, ImplicitDeny},
		{"a Deny's unreadable action denies every action", []*policy.Document{allowAllDoc, stmt(policy.Deny, func(*policy.Statement) {})}, put, ExplicitDeny},
		{"a Deny's unreadable resource denies every resource", []*policy.Document{allowAllDoc, stmt(policy.Deny, func(s *policy.Statement) {
			s.Action, s.Resource = policy.List("s3:PutObject"), policy.List("bucket/x")
		})}, Request{Principal: alice, Action: "s3:PutObject", Resource: "arn:aws:s3:::other/y"}, ExplicitDeny},
		{"a Deny's readable elements still limit it", []*policy.Document{allowAllDoc, stmt(policy.Deny, func(s *policy.Statement) {
			s.Action, s.Resource = policy.List("s3:PutObject"), policy.List("bucket/x")
		})}, list, Allowed},
		{"an Allow's unreadable NotAction value excludes every action", []*policy.Document{stmt(policy.Allow, func(s *policy.Statement) {
			s.Action, s.NotAction = policy.Strings{}, policy.List("iam:* ")
		})}, put, ImplicitDeny},
		{"a Deny's unreadable NotAction value excludes no action", []*policy.Document{allowAllDoc, stmt(policy.Deny, func(s *policy.Statement) {
			s.Action, s.NotAction = policy.Strings{}, policy.List("s3:PutObject ")
		})}, put, ExplicitDeny},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			p := Policies{Identity: tc.docs}
			_, err := Compile(p)
			require.Error(t, err, "refused without the option")
			ev, err := Compile(p, LooseDocuments())
			require.NoError(t, err)
			res, err := ev.Evaluate(tc.r)
			require.NoError(t, err)
			require.Equal(t, tc.want, res.Decision, res.Reason)
			require.Contains(t, diagCodes(res), DiagUnreadableStatement)
			d, err := ev.Decide(tc.r)
			require.NoError(t, err)
			require.Equal(t, tc.want, d)
		})
	}
}
