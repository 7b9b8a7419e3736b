package evaluate

import (
	"testing"

	"github.com/stretchr/testify/require"
)

// A request's Resource names one resource: a '*' or '?' in it is a
// character of that name, which the policies' patterns match like any
// other (the IAM policy simulator accepts such resources; a pattern only
// ever appears in a policy).
func TestRequestResourceWildcardsAreLiteral(t *testing.T) {
	bucketStar := "arn:aws:s3:::bucket/*"
	sgStar := "arn:aws:ec2:us-east-1:111122223333:security-group/*"
	cases := []struct {
		name     string
		policy   string
		resource string
		want     Decision
	}{
		{"a policy naming the same text matches the literal star", allowStmt("s3:GetObject", bucketStar), bucketStar, Allowed},
		{"a policy naming one object does not match the object named star", allowStmt("s3:GetObject", "arn:aws:s3:::bucket/abc"), bucketStar, ImplicitDeny},
		{"a policy pattern matches the star as it matches any character", allowStmt("s3:GetObject", "arn:aws:s3:::bucket/?"), bucketStar, Allowed},
		{"a policy pattern with a literal prefix still has to match it", allowStmt("s3:GetObject", "arn:aws:s3:::bucket/a*"), bucketStar, ImplicitDeny},
		{"a request question mark is literal too", allowStmt("s3:GetObject", "arn:aws:s3:::bucket/x"), "arn:aws:s3:::bucket/?", ImplicitDeny},
		{"a security-group star is matched by the security-group pattern", allowStmt("ec2:CreateSecurityGroup", "arn:aws:ec2:*:111122223333:security-group/*"), sgStar, Allowed},
		{"a security-group star is not matched by one group's ARN", allowStmt("ec2:CreateSecurityGroup", "arn:aws:ec2:us-east-1:111122223333:security-group/sg-1"), sgStar, ImplicitDeny},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			p := Policies{Identity: docs(t, tc.policy)}
			r := Request{Principal: alice, Action: "s3:GetObject", Resource: tc.resource}
			if tc.resource == sgStar {
				r.Action = "ec2:CreateSecurityGroup"
			}
			res, err := Evaluate(p, r)
			require.NoError(t, err)
			require.Equal(t, tc.want, res.Decision, res.Reason)
			require.Contains(t, diagCodes(res), DiagLiteralWildcardResource, "the explanation says the wildcard is literal")
			ev, err := Compile(p)
			require.NoError(t, err)
			d, err := ev.Decide(r)
			require.NoError(t, err)
			require.Equal(t, tc.want, d, "Decide agrees with Evaluate")
		})
	}
}

func TestRequestWithoutWildcardHasNoLiteralWildcardDiagnostic(t *testing.T) {
	res, err := Evaluate(Policies{Identity: docs(t, allowAll)}, Request{Principal: alice, Action: "s3:GetObject", Resource: "arn:aws:s3:::bucket/abc"})
	require.NoError(t, err)
	require.NotContains(t, diagCodes(res), DiagLiteralWildcardResource)
	res, err = Evaluate(Policies{Identity: docs(t, allowAll)}, Request{Principal: alice, Action: "kms:CreateKey", Resource: "*"})
	require.NoError(t, err)
	require.NotContains(t, diagCodes(res), DiagLiteralWildcardResource, "\"*\" alone means no resource")
}

// A literal wildcard in a resource with a policy variable pattern is
// matched the same way.
func TestRequestResourceWildcardAgainstAVariablePattern(t *testing.T) {
	p := Policies{Identity: docs(t, allowStmt("s3:GetObject", "arn:aws:s3:::bucket/${aws:username}/*"))}
	for _, tc := range []struct {
		resource string
		want     Decision
	}{
		{"arn:aws:s3:::bucket/alice/*", Allowed},
		{"arn:aws:s3:::bucket/*/x", ImplicitDeny},
	} {
		res, err := Evaluate(p, Request{Principal: alice, Action: "s3:GetObject", Resource: tc.resource})
		require.NoError(t, err)
		require.Equal(t, tc.want, res.Decision, tc.resource)
	}
}

func diagCodes(res Result) []string {
	var out []string
	for _, d := range res.Diagnostics {
		out = append(out, d.Code)
	}
	return out
}
