package evaluate

import (
	"errors"
	"testing"

	"github.com/cksiam/cksiam/policy"
	"github.com/stretchr/testify/require"
)

func TestRequestErrorsFailClosed(t *testing.T) {
	p := Policies{Identity: docs(t, allowAll)}
	cases := []struct {
		name string
		r    Request
		path string
	}{
		{"an empty action is refused (fail closed)", Request{Principal: alice, Action: "", Resource: "*"}, "Request.Action"},
		{"an action without a service prefix is refused (aws-rules A.5)", Request{Principal: alice, Action: "Decrypt", Resource: "*"}, "Request.Action"},
		{"an action with an empty name is refused (aws-rules A.5)", Request{Principal: alice, Action: "kms:", Resource: "*"}, "Request.Action"},
		{"an action with a wildcard is refused: a request names one action (aws-rules H.1)", Request{Principal: alice, Action: "kms:*", Resource: "*"}, "Request.Action"},
		{"an action with two colons is refused (aws-rules A.5)", Request{Principal: alice, Action: "kms:De:crypt", Resource: "*"}, "Request.Action"},
		{"an empty principal is refused (fail closed)", Request{Principal: "", Action: "kms:Decrypt", Resource: "*"}, "Request.Principal"},
		{"a group cannot be a principal (aws-rules A.4)", Request{Principal: "arn:aws:iam::111122223333:group/admins", Action: "kms:Decrypt", Resource: "*"}, "Request.Principal"},
		{"a principal ARN without an account is refused (fail closed)", Request{Principal: "arn:aws:iam:::user/alice", Action: "kms:Decrypt", Resource: "*"}, "Request.Principal"},
		{"a principal ARN with the partition in upper case is refused", Request{Principal: "arn:AWS:iam::111122223333:user/alice", Action: "kms:Decrypt", Resource: "*"}, "Request.Principal"},
		{"a wildcard principal is refused (fail closed)", Request{Principal: "*", Action: "kms:Decrypt", Resource: "*"}, "Request.Principal"},
		{"an assumed-role ARN without a session name is refused (fail closed)", Request{Principal: "arn:aws:sts::111122223333:assumed-role/Admin", Action: "kms:Decrypt", Resource: "*"}, "Request.Principal"},
		{"an empty resource is refused (fail closed)", Request{Principal: alice, Action: "kms:Decrypt", Resource: ""}, "Request.Resource"},
		{"a resource that is not an ARN is refused (fail closed)", Request{Principal: alice, Action: "s3:GetObject", Resource: "bucket/key"}, "Request.Resource"},
		{"a KMS ARN with the service in upper case is refused, not decided without the key policy", Request{Principal: alice, Action: "kms:Decrypt", Resource: "arn:aws:KMS:us-east-1:111122223333:key/k1"}, "Request.Resource"},
		{"a KMS ARN with the resource type in upper case is refused, not decided without the key policy", Request{Principal: alice, Action: "kms:Decrypt", Resource: "arn:aws:kms:us-east-1:111122223333:KEY/k1"}, "Request.Resource"},
		{"a KMS alias ARN is refused for an operation authorized on the key", Request{Principal: alice, Action: "kms:Decrypt", Resource: "arn:aws:kms:us-east-1:111122223333:alias/app"}, "Request.Resource"},
		{"a KMS ARN naming neither a key nor an alias is refused", Request{Principal: alice, Action: "kms:Decrypt", Resource: "arn:aws:kms:us-east-1:111122223333:k1"}, "Request.Resource"},
		{"a KMS key ARN without a Region is refused: KMS keys are Regional", Request{Principal: alice, Action: "kms:Decrypt", Resource: "arn:aws:kms::111122223333:key/k1"}, "Request.Resource"},
		{"a KMS key ARN without a key ID is refused", Request{Principal: alice, Action: "kms:Decrypt", Resource: "arn:aws:kms:us-west-2:111122223333:key/"}, "Request.Resource"},
		{"a KMS key ARN without a Region or key ID is refused", Request{Principal: alice, Action: "kms:Decrypt", Resource: "arn:aws:kms::111122223333:key/"}, "Request.Resource"},
		{"a KMS key ARN without an account is refused", Request{Principal: alice, Action: "kms:Decrypt", Resource: "arn:aws:kms:us-west-2::key/k1"}, "Request.Resource"},
		{"a KMS key ARN whose account is aws is refused", Request{Principal: alice, Action: "kms:Decrypt", Resource: "arn:aws:kms:us-west-2:aws:key/k1"}, "Request.Resource"},
		{"a KMS alias ARN without an alias name is refused", Request{Principal: alice, Action: "kms:CreateAlias", Resource: "arn:aws:kms:us-west-2:111122223333:alias/"}, "Request.Resource"},
		{"an IAM role ARN with the service in upper case is refused, not decided without the trust policy", Request{Principal: alice, Action: "sts:AssumeRole", Resource: "arn:aws:IAM::111122223333:role/Admin"}, "Request.Resource"},
		{"an IAM role ARN with the resource type in upper case is refused", Request{Principal: alice, Action: "sts:AssumeRole", Resource: "arn:aws:iam::111122223333:Role/Admin"}, "Request.Resource"},
		{"a resource ARN with a partition in upper case is refused", Request{Principal: alice, Action: "kms:Decrypt", Resource: "arn:AWS:kms:us-east-1:111122223333:key/k1"}, "Request.Resource"},
		{"a resource ARN with an unknown partition is refused", Request{Principal: alice, Action: "s3:GetObject", Resource: "arn:amazon:s3:::bucket/key"}, "Request.Resource"},
		{"a resource ARN with a Region in upper case is refused", Request{Principal: alice, Action: "kms:Decrypt", Resource: "arn:aws:kms:US-EAST-1:111122223333:key/k1"}, "Request.Resource"},
		{"a resource ARN whose account is a wildcard is refused: a request names one account", Request{Principal: alice, Action: "kms:Decrypt", Resource: "arn:aws:kms:us-east-1:*:key/k1"}, "Request.Resource"},
		{"a resource ARN whose Region is a wildcard is refused", Request{Principal: alice, Action: "kms:Decrypt", Resource: "arn:aws:kms:*:111122223333:key/k1"}, "Request.Resource"},
		{"a resource ARN whose account is not 12 digits is refused", Request{Principal: alice, Action: "kms:Decrypt", Resource: "arn:aws:kms:us-east-1:11112222333:key/k1"}, "Request.Resource"},
		{"a ResourceAccount that is not an account is refused (fail closed)", Request{Principal: alice, Action: "s3:GetObject", Resource: "*", ResourceAccount: "me"}, "Request.ResourceAccount"},
		{"a ResourceAccount contradicting the resource ARN is refused (fail closed)", Request{Principal: alice, Action: "kms:Decrypt", Resource: keyARN, ResourceAccount: other}, "Request.ResourceAccount"},
	}
	ev, err := Compile(p)
	require.NoError(t, err)
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			res, err := Evaluate(p, tc.r)
			require.Error(t, err)
			require.True(t, errors.Is(err, ErrInvalidRequest), "error %v", err)
			var e *Error
			require.True(t, errors.As(err, &e))
			require.Equal(t, tc.path, e.Path)
			require.Equal(t, ImplicitDeny, res.Decision, "an error is never Allowed")
			d, err := ev.Decide(tc.r)
			require.Error(t, err)
			require.Equal(t, ImplicitDeny, d)
		})
	}
}

func TestPolicyErrorsFailClosed(t *testing.T) {
	r := Request{Principal: alice, Action: "kms:Decrypt", Resource: "*"}
	cases := []struct {
		name string
		p    Policies
		path string
	}{
		{"a nil identity document is refused (fail closed)", Policies{Identity: []*policy.Document{nil}}, "Identity[0]"},
		{"a nil SCP document is refused (fail closed)", Policies{SCPs: [][]*policy.Document{{nil}}}, "SCPs[0][0]"},
		{"a statement without Action or NotAction is refused (aws-rules A.1)", Policies{Identity: []*policy.Document{looseDoc(t, stmtDoc(`"Effect":"Allow","Resource":"*"`))}}, "Identity[0].Statement[0]"},
		{"a statement with both Action and NotAction is refused (aws-rules A.1)", Policies{Identity: []*policy.Document{looseDoc(t, stmtDoc(`"Effect":"Allow","Action":"*","NotAction":"iam:*","Resource":"*"`))}}, "Identity[0].Statement[0].NotAction"},
		{"an Effect other than Allow or Deny is refused (aws-rules A.3)", Policies{Identity: []*policy.Document{looseDoc(t, stmtDoc(`"Effect":"allow","Action":"*","Resource":"*"`))}}, "Identity[0].Statement[0].Effect"},
		{"an identity statement without Resource is refused (aws-rules A.1)", Policies{Identity: []*policy.Document{looseDoc(t, stmtDoc(`"Effect":"Allow","Action":"*"`))}}, "Identity[0].Statement[0]"},
		{"a Principal in an identity policy is refused (aws-rules A.1)", Policies{Identity: []*policy.Document{looseDoc(t, stmtDoc(`"Effect":"Allow","Principal":"*","Action":"*","Resource":"*"`))}}, "Identity[0].Statement[0].Principal"},
		{"a Principal in a permissions boundary is refused (aws-rules A.1)", Policies{Boundary: looseDoc(t, stmtDoc(`"Effect":"Allow","Principal":"*","Action":"*","Resource":"*"`))}, "Boundary.Statement[0].Principal"},
		{"a resource policy statement without a principal is refused (aws-rules A.1)", Policies{Resource: looseDoc(t, stmtDoc(`"Effect":"Allow","Action":"*","Resource":"*"`))}, "Resource.Statement[0]"},
		{"an unknown condition operator is refused (aws-rules B)", Policies{Identity: []*policy.Document{looseDoc(t, stmtDoc(`"Effect":"Allow","Action":"*","Resource":"*","Condition":{"StringEqulas":{"aws:SourceIp":"x"}}`))}}, "Identity[0].Statement[0].Condition.StringEqulas"},
		{"Null with IfExists is refused (aws-rules B.9)", Policies{Identity: []*policy.Document{looseDoc(t, stmtDoc(`"Effect":"Allow","Action":"*","Resource":"*","Condition":{"NullIfExists":{"aws:SourceIp":"true"}}`))}}, "Identity[0].Statement[0].Condition.NullIfExists"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			res, err := Evaluate(tc.p, r)
			require.Error(t, err)
			require.True(t, errors.Is(err, ErrInvalidPolicy), "error %v", err)
			var e *Error
			require.True(t, errors.As(err, &e))
			require.Equal(t, tc.path, e.Path)
			require.Equal(t, ImplicitDeny, res.Decision, "an error is never Allowed")
		})
	}
}

func TestNilEvaluator(t *testing.T) {
	var ev *Evaluator
	d, err := ev.Decide(Request{Principal: alice, Action: "kms:Decrypt", Resource: "*"})
	require.Error(t, err)
	require.Equal(t, ImplicitDeny, d)
	res, err := ev.Evaluate(Request{Principal: alice, Action: "kms:Decrypt", Resource: "*"})
	require.Error(t, err)
	require.Equal(t, ImplicitDeny, res.Decision)
}

func TestErrorIsClassifiedByItsErrField(t *testing.T) {
	cases := []struct {
		name              string
		err               *Error
		request, isPolicy bool
	}{
		{"a request error is ErrInvalidRequest whatever its path", &Error{Path: "Context", Reason: "r", Err: ErrInvalidRequest}, true, false},
		{"a policy error is ErrInvalidPolicy even when its path starts with Request", &Error{Path: "Requests[0]", Reason: "r", Err: ErrInvalidPolicy}, false, true},
		{"an error without a class matches neither sentinel", &Error{Path: "Request.Action", Reason: "r"}, false, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			require.Equal(t, tc.request, errors.Is(tc.err, ErrInvalidRequest))
			require.Equal(t, tc.isPolicy, errors.Is(tc.err, ErrInvalidPolicy))
		})
	}
	t.Run("errors from Evaluate, Compile and a nil Evaluator carry their class in Err", func(t *testing.T) {
		_, err := Evaluate(Policies{Identity: docs(t, allowAll)}, Request{Principal: alice, Action: "", Resource: "*"})
		var e *Error
		require.True(t, errors.As(err, &e))
		require.Equal(t, ErrInvalidRequest, e.Err)
		_, err = Compile(Policies{Identity: []*policy.Document{nil}})
		require.True(t, errors.As(err, &e))
		require.Equal(t, ErrInvalidPolicy, e.Err)
		_, err = (*Evaluator)(nil).Decide(Request{})
		require.True(t, errors.As(err, &e))
		require.Equal(t, ErrInvalidPolicy, e.Err)
	})
}
