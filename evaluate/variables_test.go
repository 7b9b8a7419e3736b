package evaluate

import (
	"testing"

	"github.com/cksiam/cksiam/policy"

	"github.com/stretchr/testify/require"
)

func TestPolicyVariablesInResource(t *testing.T) {
	home := func(version string) Policies {
		v := `"Version":"` + version + `",`
		if version == "" {
			v = ""
		}
		return Policies{Identity: docs(t, `{`+v+`"Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::home/${aws:username}/*"}]}`)}
	}
	get := func(p, res string) Request { return Request{Principal: p, Action: "s3:GetObject", Resource: res} }
	tagged := func(res string, c Context) Request {
		return Request{Principal: alice, Action: "s3:GetObject", Resource: res, Context: c}
	}
	byTag := Policies{Identity: docs(t, allowStmt("s3:GetObject", "arn:aws:s3:::data/${aws:PrincipalTag/team}/*"))}
	runDecisions(t, []decisionCase{
		{name: "${aws:username} is the IAM user's name (aws-rules A.8)", p: home("2012-10-17"), r: get(alice, "arn:aws:s3:::home/alice/notes.txt"), want: Allowed},
		{name: "${aws:username} does not match another user's folder (aws-rules A.8)", p: home("2012-10-17"), r: get(alice, "arn:aws:s3:::home/bob/notes.txt"), want: ImplicitDeny},
		{name: "${aws:username} has no value for a role session, so the entry matches nothing (aws-rules A.8)", p: home("2012-10-17"), r: get(session, "arn:aws:s3:::home/alice/notes.txt"), want: ImplicitDeny},
		{name: "variables are literal text under Version 2008-10-17 (aws-rules A.2)", p: home("2008-10-17"), r: get(alice, "arn:aws:s3:::home/alice/notes.txt"), want: ImplicitDeny},
		{name: "variables are literal text without a Version (aws-rules A.2)", p: home(""), r: get(alice, "arn:aws:s3:::home/alice/notes.txt"), want: ImplicitDeny},
		{name: "literal ${...} text under Version 2008-10-17 matches itself (aws-rules A.2)", p: home("2008-10-17"), r: get(alice, "arn:aws:s3:::home/${aws:username}/notes.txt"), want: Allowed},
		{name: "a principal tag variable resolves from the context (aws-rules A.8)", p: byTag, r: tagged("arn:aws:s3:::data/blue/x", ctx("aws:PrincipalTag/team", "blue")), want: Allowed},
		{name: "a variable's key name ignores case (aws-rules A.8)", p: Policies{Identity: docs(t, allowStmt("s3:GetObject", "arn:aws:s3:::data/${AWS:PRINCIPALTAG/TEAM}/*"))}, r: tagged("arn:aws:s3:::data/blue/x", ctx("aws:PrincipalTag/team", "blue")), want: Allowed},
		{name: "a variable's value is never a wildcard (aws-rules A.8)", p: byTag, r: tagged("arn:aws:s3:::data/blue/x", ctx("aws:PrincipalTag/team", "*")), want: ImplicitDeny},
		{name: "a multivalued key cannot be a variable (aws-rules A.8)", p: byTag, r: tagged("arn:aws:s3:::data/blue/x", Context{"aws:PrincipalTag/team": {"blue", "red"}}), want: ImplicitDeny},
		{name: "a variable's default applies when the key is missing (aws-rules A.8)", p: Policies{Identity: docs(t, allowStmt("s3:GetObject", "arn:aws:s3:::data/${aws:PrincipalTag/team, 'shared'}/*"))}, r: tagged("arn:aws:s3:::data/shared/x", nil), want: Allowed},
		{name: "a variable's default gives way to a present key (aws-rules A.8)", p: Policies{Identity: docs(t, allowStmt("s3:GetObject", "arn:aws:s3:::data/${aws:PrincipalTag/team, 'shared'}/*"))}, r: tagged("arn:aws:s3:::data/shared/x", ctx("aws:PrincipalTag/team", "blue")), want: ImplicitDeny},
		{name: "${$} is a literal dollar sign (aws-rules A.8)", p: Policies{Identity: docs(t, allowStmt("s3:GetObject", "arn:aws:s3:::data/${$}price"))}, r: get(alice, "arn:aws:s3:::data/$price"), want: Allowed},
		{name: "${?} is a literal question mark, not a wildcard (aws-rules A.8)", p: Policies{Identity: docs(t, allowStmt("s3:GetObject", "arn:aws:s3:::data/what${?}"))}, r: get(alice, "arn:aws:s3:::data/whatx"), want: ImplicitDeny},
		{name: "an unresolved variable in NotResource matches nothing, so the statement applies (aws-rules A.8)", p: Policies{Identity: docs(t, allowAll, stmtDoc(`"Effect":"Deny","Action":"s3:*","NotResource":"arn:aws:s3:::home/${aws:username}/*"`))}, r: get(session, "arn:aws:s3:::home/Admin/x"), want: ExplicitDeny},
		{name: "an implied key can be a variable: aws:PrincipalAccount in a resource part (aws-rules A.8)", p: Policies{Identity: docs(t, allowStmt("s3:GetObject", "arn:aws:s3:::acct-${aws:PrincipalAccount}/*"))}, r: get(alice, "arn:aws:s3:::acct-111122223333/x"), want: Allowed},
	})
}

func TestPolicyVariablesInConditions(t *testing.T) {
	runConditions(t, []condCase{
		{name: "a variable in StringEquals compares with the key's value (aws-rules A.8)", cond: `{"StringEquals":{"s3:prefix":"home/${aws:username}/"}}`, ctx: ctx("s3:prefix", "home/alice/"), want: holds},
		{name: "a variable in StringLike keeps the pattern's wildcards (aws-rules A.8)", cond: `{"StringLike":{"s3:prefix":"home/${aws:username}/*"}}`, ctx: ctx("s3:prefix", "home/alice/docs"), want: holds},
		{name: "${*} in StringLike is a literal star (aws-rules A.8)", cond: `{"StringLike":{"s3:prefix":"a${*}"}}`, ctx: ctx("s3:prefix", "ab"), want: fails},
		{name: "${*} in StringLike matches a literal star (aws-rules A.8)", cond: `{"StringLike":{"s3:prefix":"a${*}"}}`, ctx: ctx("s3:prefix", "a*"), want: holds},
		{name: "a positive operator with an unresolved variable does not match (aws-rules A.8)", cond: `{"StringEquals":{"s3:prefix":"${aws:PrincipalTag/team}"}}`, ctx: ctx("s3:prefix", ""), want: fails},
		{name: "a negated operator with an unresolved variable matches (aws-rules A.8)", cond: `{"StringNotEquals":{"s3:prefix":"${aws:PrincipalTag/team}"}}`, ctx: ctx("s3:prefix", "blue"), want: holds},
		{name: "a variable in ArnEquals resolves before the ARN is split (aws-rules A.8, B.7)", cond: `{"ArnEquals":{"aws:SourceArn":"${aws:PrincipalArn}"}}`, ctx: ctx("aws:SourceArn", alice), want: holds},
		{name: "a variable in StringEqualsIgnoreCase ignores case (aws-rules A.8)", cond: `{"StringEqualsIgnoreCase":{"aws:PrincipalTag/owner":"${aws:username}"}}`, ctx: ctx("aws:PrincipalTag/owner", "ALICE"), want: holds},
		{name: "variables are literal in Numeric values, which then cannot be read (aws-rules A.8)", cond: `{"NumericEquals":{"s3:max-keys":"${aws:PrincipalTag/max}"}}`, ctx: ctx("s3:max-keys", "5", "aws:PrincipalTag/max", "5"), want: undecided},
		{name: "variables are literal in condition values under Version 2008-10-17 (aws-rules A.2)", version: "2008-10-17", cond: `{"StringEquals":{"s3:prefix":"${aws:username}"}}`, ctx: ctx("s3:prefix", "alice"), want: fails},
		{name: "literal ${...} in a condition value without a Version matches itself (aws-rules A.2)", version: "none", cond: `{"StringEquals":{"s3:prefix":"${aws:username}"}}`, ctx: ctx("s3:prefix", "${aws:username}"), want: holds},
	})
}

func TestUnresolvedVariableIsReported(t *testing.T) {
	res, err := Evaluate(Policies{Identity: docs(t, allowStmt("s3:GetObject", "arn:aws:s3:::home/${aws:username}/*"))},
		Request{Principal: session, Action: "s3:GetObject", Resource: "arn:aws:s3:::home/alice/x"})
	require.NoError(t, err)
	require.Equal(t, ImplicitDeny, res.Decision)
	require.Equal(t, []string{"aws:username"}, res.MissingContextKeys)
	require.True(t, hasDiag(res, DiagUnresolvedVariable), "diagnostics: %v", res.Diagnostics)
	require.Equal(t, "Identity[0].Statement[0].Resource", res.Diagnostics[0].Where)

	res, err = Evaluate(Policies{Identity: docs(t, stmtDoc(`"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"StringLike":{"s3:prefix":"home/${aws:username}/*"}}`))},
		Request{Principal: session, Action: "s3:ListBucket", Resource: "arn:aws:s3:::home", Context: ctx("s3:prefix", "home/x/")})
	require.NoError(t, err)
	require.Equal(t, ImplicitDeny, res.Decision)
	require.Equal(t, []Diagnostic{{Severity: policy.SeverityWarning, Code: DiagUnresolvedVariable,
		Message: "policy variable ${aws:username} has no single value in the request, so the text holding it matches nothing",
		Where:   "Identity[0].Statement[0].Condition.StringLike.s3:prefix"}}, res.Diagnostics)
}
