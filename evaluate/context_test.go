package evaluate

import (
	"fmt"
	"maps"
	"strings"
	"testing"

	"github.com/cksiam/cksiam/policy"
	"github.com/stretchr/testify/require"
)

func TestImpliedContext(t *testing.T) {
	cases := []struct {
		name      string
		principal string
		action    string
		cond      string
		c         Context
		want      Decision
	}{
		{"aws:PrincipalArn of a role session is its role's ARN (aws-rules A.4)", session, "s3:GetObject", `{"ArnEquals":{"aws:PrincipalArn":"arn:aws:iam::111122223333:role/Admin"}}`, nil, Allowed},
		{"aws:PrincipalArn of a user is its ARN (aws-rules A.4)", alice, "s3:GetObject", `{"StringEquals":{"aws:PrincipalArn":"` + alice + `"}}`, nil, Allowed},
		{"aws:PrincipalArn of an account principal is its root ARN (aws-rules A.4)", acct, "s3:GetObject", `{"StringEquals":{"aws:PrincipalArn":"arn:aws:iam::111122223333:root"}}`, nil, Allowed},
		{"a value the caller gives wins over the implied one (package doc: implied context)", session, "s3:GetObject", `{"StringEquals":{"aws:PrincipalArn":"arn:aws:iam::111122223333:role/team/Admin"}}`, Context{"aws:PrincipalArn": {"arn:aws:iam::111122223333:role/team/Admin"}}, Allowed},
		{"aws:PrincipalAccount is the caller's account (aws-rules C.3)", session, "s3:GetObject", `{"StringEquals":{"aws:PrincipalAccount":"111122223333"}}`, nil, Allowed},
		{"aws:PrincipalType of a user is User (package doc: implied context)", alice, "s3:GetObject", `{"StringEquals":{"aws:PrincipalType":"User"}}`, nil, Allowed},
		{"aws:PrincipalType of a role session is AssumedRole (package doc: implied context)", session, "s3:GetObject", `{"StringEquals":{"aws:PrincipalType":"AssumedRole"}}`, nil, Allowed},
		{"aws:PrincipalType of the root user is Account (package doc: implied context)", acct, "s3:GetObject", `{"StringEquals":{"aws:PrincipalType":"Account"}}`, nil, Allowed},
		{"aws:PrincipalType of a federated user is FederatedUser (package doc: implied context)", "arn:aws:sts::111122223333:federated-user/carol", "s3:GetObject", `{"StringEquals":{"aws:PrincipalType":"FederatedUser"}}`, nil, Allowed},
		{"aws:username exists for IAM users (aws-rules A.8)", alice, "s3:GetObject", `{"StringEquals":{"aws:username":"alice"}}`, nil, Allowed},
		{"aws:username does not exist for role sessions (aws-rules A.8)", session, "s3:GetObject", `{"Null":{"aws:username":"true"}}`, nil, Allowed},
		{"kms:CallerAccount is implied for kms actions (aws-rules E.3)", alice, "kms:ListKeys", `{"StringEquals":{"kms:CallerAccount":"111122223333"}}`, nil, Allowed},
		{"kms:CallerAccount is not implied for other services (aws-rules E.3)", alice, "s3:GetObject", `{"Null":{"kms:CallerAccount":"true"}}`, nil, Allowed},
		{"aws:PrincipalIsAWSService is false for an IAM principal (package doc: implied context)", alice, "s3:GetObject", `{"Bool":{"aws:PrincipalIsAWSService":"false"}}`, nil, Allowed},
		{"aws:ResourceAccount is the resource's account (aws-rules C.3)", alice, "s3:GetObject", `{"StringEquals":{"aws:ResourceAccount":"111122223333"}}`, nil, Allowed},
		{"an implied key is looked up ignoring case (aws-rules A.7)", alice, "s3:GetObject", `{"StringEquals":{"AWS:PRINCIPALACCOUNT":"111122223333"}}`, nil, Allowed},
		{"aws:userid of a federated user is ACCOUNT:name (IAM policy variables page; STS FederatedUser)", "arn:aws:sts::111122223333:federated-user/carol", "s3:GetObject", `{"StringEquals":{"aws:userid":"111122223333:carol"}}`, nil, Allowed},
		{"aws:userid of an IAM user is its unique ID, which cannot be known offline", alice, "s3:GetObject", `{"Null":{"aws:userid":"true"}}`, nil, Allowed},
		{"time keys are not implied: the caller must pass them (package doc: implied context, aws-rules B.5)", alice, "s3:GetObject", `{"Null":{"aws:CurrentTime":"true"}}`, nil, Allowed},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			p := Policies{Identity: docs(t, stmtDoc(`"Effect":"Allow","Action":"*","Resource":"*","Condition":`+tc.cond))}
			if strings.Contains(tc.principal, ":federated-user/") {
				p.Session = doc(t, allowAll) // a federated user needs a session policy (aws-rules C.2)
			}
			r := Request{Principal: tc.principal, Action: tc.action, Resource: "*", Context: tc.c}
			res, err := Evaluate(p, r)
			require.NoError(t, err)
			require.Equal(t, tc.want, res.Decision, "reason %s", res.Reason)
			ev, err := Compile(p)
			require.NoError(t, err)
			d, err := ev.Decide(r)
			require.NoError(t, err)
			require.Equal(t, tc.want, d)
		})
	}
}

func TestServicePrincipalContext(t *testing.T) {
	p := Policies{Resource: doc(t, stmtDoc(`"Effect":"Allow","Principal":"*","Action":"sqs:SendMessage","Resource":"*","Condition":{"Bool":{"aws:PrincipalIsAWSService":"true"},"StringEquals":{"aws:PrincipalServiceName":"sns.amazonaws.com"}}`))}
	r := Request{Principal: "sns.amazonaws.com", Action: "sqs:SendMessage", Resource: "arn:aws:sqs:us-east-1:111122223333:q"}
	res, err := Evaluate(p, r)
	require.NoError(t, err)
	require.Equal(t, Allowed, res.Decision, "service principals imply aws:PrincipalIsAWSService and aws:PrincipalServiceName")
	r.Principal = alice
	res, err = Evaluate(p, r)
	require.NoError(t, err)
	require.Equal(t, ImplicitDeny, res.Decision, "an IAM user is not an AWS service")
}

func TestMissingContextKeys(t *testing.T) {
	p := Policies{Identity: docs(t, `{"Version":"2012-10-17","Statement":[
	  {"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"IpAddress":{"aws:SourceIp":"10.0.0.0/8"},"StringEquals":{"aws:PrincipalTag/Team":"blue","aws:PrincipalAccount":"111122223333"}}},
	  {"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"StringEquals":{"aws:principaltag/team":"red"},"Bool":{"aws:SecureTransport":"true"}}},
	  {"Effect":"Allow","Action":"ec2:*","Resource":"*","Condition":{"StringEquals":{"ec2:Region":"us-east-1"}}}]}`)}
	res, err := Evaluate(p, Request{Principal: alice, Action: "s3:GetObject", Resource: "*"})
	require.NoError(t, err)
	require.Equal(t, ImplicitDeny, res.Decision)
	// Sorted ignoring case, de-duplicated ignoring case, first spelling
	// kept; implied keys and keys of statements that do not apply are not
	// listed.
	require.Equal(t, []string{"aws:PrincipalTag/Team", "aws:SecureTransport", "aws:SourceIp"}, res.MissingContextKeys)
}

func TestContextLookupIgnoresKeyCase(t *testing.T) {
	c := Context{"aws:SourceIp": {"10.0.0.1"}, "kms:EncryptionContext:Purpose": {"backup"}}
	v, ok := c.Lookup("AWS:SOURCEIP")
	require.True(t, ok)
	require.Equal(t, []string{"10.0.0.1"}, v)
	v, ok = c.Lookup("kms:encryptioncontext:purpose")
	require.True(t, ok, "key names compare ignoring case (aws-rules A.7, aws-rules I)")
	require.Equal(t, []string{"backup"}, v)
	_, ok = c.Lookup("aws:SourceVpc")
	require.False(t, ok)
	_, ok = Context(nil).Lookup("aws:SourceIp")
	require.False(t, ok)
}

func TestStringForms(t *testing.T) {
	d := Diagnostic{Severity: policy.SeverityError, Code: DiagKeyPolicyRequired, Message: "m", Where: "Policies.Resource"}
	require.Equal(t, "ERROR KEY_POLICY_REQUIRED Policies.Resource: m", d.String())
	require.Equal(t, "WARNING X: m", Diagnostic{Severity: policy.SeverityWarning, Code: "X", Message: "m"}.String())
	require.Equal(t, "allowed", Allowed.String())
	require.Equal(t, "evaluate: Request.Action: is empty", (&Error{Path: "Request.Action", Reason: "is empty"}).Error())
	require.Equal(t, "evaluate: nil Evaluator", (&Error{Reason: "nil Evaluator"}).Error())
	for _, tc := range []struct {
		ref  StatementRef
		want string
	}{
		{StatementRef{PolicyType: TypeIdentity, PolicyIndex: 2, StatementIndex: 1}, "Identity[2].Statement[1]"},
		{StatementRef{PolicyType: TypeResource, StatementIndex: 3}, "Resource.Statement[3]"},
		{StatementRef{PolicyType: TypeBoundary}, "Boundary.Statement[0]"},
		{StatementRef{PolicyType: TypeSession}, "Session.Statement[0]"},
		{StatementRef{PolicyType: TypeSCP, Level: 1, PolicyIndex: 2}, "SCPs[1][2].Statement[0]"},
		{StatementRef{PolicyType: TypeRCP, Level: 0, PolicyIndex: 1, StatementIndex: 4}, "RCPs[0][1].Statement[4]"},
	} {
		require.Equal(t, tc.want, tc.ref.Path())
	}
}

// Several spellings of one key: the exact one wins, then the lower-cased
// one, then the least in byte order, whatever the map's order, both in
// Context.Lookup and in evaluation (small contexts are listed, large ones
// searched in the map).
// Two context keys that differ only in case say two things about one
// condition key: the request is refused, naming both, whatever the size of
// the context and whichever spelling the policy uses.
func TestContextKeysDifferingOnlyInCaseAreRefused(t *testing.T) {
	small := Context{"aws:sourcevpc": {"vpc-a"}, "AWS:SOURCEVPC": {"vpc-b"}}
	large := Context{"aws:sourcevpc": {"vpc-a"}, "AWS:SOURCEVPC": {"vpc-b"}}
	for i := range ctxKeysMax {
		large[fmt.Sprintf("x:k%d", i)] = []string{"v"}
	}
	for _, tc := range []struct {
		name string
		ctx  Context
	}{{"a small context", small}, {"a context of more keys than are listed", large}} {
		for _, spelling := range []string{"aws:sourcevpc", "AWS:SOURCEVPC", "aws:SourceVpc"} {
			t.Run(tc.name+" is refused for a Deny spelled "+spelling, func(t *testing.T) {
				p := Policies{Identity: docs(t, allowAll, stmtDoc(`"Effect":"Deny","Action":"*","Resource":"*","Condition":{"StringEquals":{"`+spelling+`":"vpc-b"}}`))}
				r := Request{Principal: alice, Action: "kms:Decrypt", Resource: "*", Context: tc.ctx}
				res, err := Evaluate(p, r)
				require.ErrorIs(t, err, ErrInvalidRequest)
				require.Contains(t, err.Error(), `"AWS:SOURCEVPC" and "aws:sourcevpc"`)
				require.Equal(t, ImplicitDeny, res.Decision)
				ev, err := Compile(p)
				require.NoError(t, err)
				d, err := ev.Decide(r)
				require.ErrorIs(t, err, ErrInvalidRequest)
				require.Equal(t, ImplicitDeny, d)
			})
		}
		t.Run(tc.name+" is reported by Check and found by no Lookup", func(t *testing.T) {
			require.ErrorIs(t, tc.ctx.Check(), ErrInvalidRequest)
			_, ok := tc.ctx.Lookup("aws:SourceVpc")
			require.False(t, ok)
		})
	}
}

// Key names ignore ASCII case only, the same way in the policy, the
// request, Lookup and Check: a non-ASCII letter matches only itself.
func TestContextKeysFoldOnlyASCII(t *testing.T) {
	ctx := Context{"aws:PrincipalTag/Équipe": {"a"}, "aws:PrincipalTag/équipe": {"b"}}
	require.NoError(t, ctx.Check(), "É and é are different keys")
	v, ok := ctx.Lookup("AWS:principaltag/Équipe")
	require.True(t, ok)
	require.Equal(t, []string{"a"}, v)
	for _, tc := range []struct {
		key  string
		want Decision
	}{
		{"aws:principaltag/Équipe", Allowed},
		{"aws:principaltag/éQUIPE", ImplicitDeny}, // the key spelled with é holds "b"
	} {
		p := Policies{Identity: docs(t, stmtDoc(`"Effect":"Allow","Action":"*","Resource":"*","Condition":{"StringEquals":{"`+tc.key+`":"a"}}`))}
		res, err := Evaluate(p, Request{Principal: alice, Action: "kms:Decrypt", Resource: "*", Context: ctx})
		require.NoError(t, err)
		require.Equal(t, tc.want, res.Decision, tc.key)
	}
}

// Request fields longer than AWS accepts are refused, naming the field.
func TestRequestFieldsAreBoundedByAWSLimits(t *testing.T) {
	long := func(n int) string { return strings.Repeat("a", n) }
	for _, tc := range []struct {
		name string
		r    Request
		path string
	}{
		{"an action longer than 128 characters", Request{Principal: alice, Action: "kms:" + long(125), Resource: "*"}, "Request.Action"},
		{"a resource ARN longer than 2048 characters", Request{Principal: alice, Action: "s3:GetObject", Resource: "arn:aws:s3:::b/" + long(2040)}, "Request.Resource"},
		{"a principal longer than 2048 characters", Request{Principal: "arn:aws:iam::111122223333:user/" + long(2030), Action: "s3:GetObject", Resource: "*"}, "Request.Principal"},
		{"a context key longer than 256 characters", Request{Principal: alice, Action: "s3:GetObject", Resource: "*", Context: Context{"aws:" + long(253): {"v"}}}, "Request.Context"},
		{"a context value longer than 8192 characters", Request{Principal: alice, Action: "s3:GetObject", Resource: "*", Context: Context{"aws:SourceVpc": {long(8193)}}}, "Request.Context"},
		{"an empty context key", Request{Principal: alice, Action: "s3:GetObject", Resource: "*", Context: Context{"": {"v"}}}, "Request.Context"},
	} {
		t.Run(tc.name+" is refused", func(t *testing.T) {
			_, err := Evaluate(Policies{Identity: docs(t, allowAll)}, tc.r)
			require.ErrorIs(t, err, ErrInvalidRequest)
			var e *Error
			require.ErrorAs(t, err, &e)
			require.Equal(t, tc.path, e.Path)
			require.Less(t, len(err.Error()), 600, "the message does not embed the whole field")
		})
	}
	at := Request{Principal: alice, Action: "kms:" + long(124), Resource: "arn:aws:s3:::b/" + strings.Repeat("é", 2033), Context: Context{"aws:" + strings.Repeat("é", 252): {strings.Repeat("é", 8192)}}}
	_, err := Evaluate(Policies{Identity: docs(t, allowAll)}, at)
	require.NoError(t, err, "fields at the limits, counted in characters, are accepted")
}

// A request carrying as many context keys as a real AWS request (global
// keys, principal and request tags) is decided without allocating, the
// policy's spelling of a key differing from the request's.
func TestDecideReadsAContextOfThirtyTwoKeysWithoutAllocating(t *testing.T) {
	ev, err := Compile(Policies{Identity: docs(t, stmtDoc(`"Effect":"Allow","Action":"kms:Decrypt","Resource":"*","Condition":{"StringEquals":{"AWS:PRINCIPALTAG/K31":"v"}}`))})
	require.NoError(t, err)
	for _, n := range []int{17, ctxKeysMax} {
		c := Context{}
		for i := range n {
			c[fmt.Sprintf("aws:PrincipalTag/k%d", i+ctxKeysMax-n)] = []string{"v"}
		}
		r := Request{Principal: alice, Action: "kms:Decrypt", Resource: "*", Context: c}
		d, err := ev.Decide(r)
		require.NoError(t, err)
		require.Equal(t, Allowed, d)
		require.Zero(t, testing.AllocsPerRun(50, func() { _, _ = ev.Decide(r) }), "%d keys", n)
	}
}

// In a context of more keys than the list keeps values for, every key is
// still read, whichever place the map's order gives it: a policy testing
// each of 32 keys allows only when every value is the one it names.
func TestEveryKeyOfALargeContextIsRead(t *testing.T) {
	var cond []string
	c := Context{}
	for i := range ctxKeysMax {
		k := fmt.Sprintf("aws:PrincipalTag/k%d", i)
		c[k] = []string{fmt.Sprintf("v%d", i)}
		cond = append(cond, fmt.Sprintf(`"AWS:principaltag/K%d":"v%d"`, i, i))
	}
	ev, err := Compile(Policies{Identity: docs(t, stmtDoc(`"Effect":"Allow","Action":"kms:Decrypt","Resource":"*","Condition":{"StringEquals":{`+strings.Join(cond, ",")+`}}`))})
	require.NoError(t, err)
	r := Request{Principal: alice, Action: "kms:Decrypt", Resource: "*", Context: c}
	for range 20 { // the map's order differs from run to run
		d, err := ev.Decide(r)
		require.NoError(t, err)
		require.Equal(t, Allowed, d)
	}
	for i := range ctxKeysMax {
		t.Run(fmt.Sprintf("a wrong value of key %d of %d denies", i, ctxKeysMax), func(t *testing.T) {
			wrong := maps.Clone(c)
			wrong[fmt.Sprintf("aws:PrincipalTag/k%d", i)] = []string{"other"}
			d, err := ev.Decide(Request{Principal: alice, Action: "kms:Decrypt", Resource: "*", Context: wrong})
			require.NoError(t, err)
			require.Equal(t, ImplicitDeny, d)
			res, err := ev.Evaluate(Request{Principal: alice, Action: "kms:Decrypt", Resource: "*", Context: wrong})
			require.NoError(t, err)
			require.Equal(t, ImplicitDeny, res.Decision)
		})
	}
}
