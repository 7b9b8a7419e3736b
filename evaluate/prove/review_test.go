package prove

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cksiam/cksiam/evaluate"
)

// reviewCase is a question and a request the evaluator decides as a
// counterexample of it: the prover must never answer Proved.
type reviewCase struct {
	name    string
	q       string // "new", "not" or "ext"
	kind    Kind   // Identity when zero
	old     string
	doc     string
	res     []string
	account string
	counter evaluate.Request
}

func (c reviewCase) check(t *testing.T) {
	k := c.kind
	if k == 0 {
		k = Identity
	}
	d := mustDoc(t, c.doc)
	// The counterexample really is one, by the evaluator.
	require.True(t, allowedBy(t, compiled(t, frameOf(k, d)), c.counter), "the document does not allow %+v", c.counter)
	var r Result
	var err error
	switch c.q {
	case "new":
		require.False(t, allowedBy(t, compiled(t, frameOf(k, mustDoc(t, c.old))), c.counter), "the old document allows %+v", c.counter)
		r, err = NoNewAccess(k, mustDoc(t, c.old), d)
	case "not":
		require.True(t, anyGlob(c.res, c.counter.Resource, false))
		r, err = AccessNotGranted(k, d, nil, c.res)
	case "ext":
		require.NotContains(t, c.counter.Principal, ":"+c.account+":")
		r, err = NoExternalAccess(k, d, c.account)
	}
	require.NoError(t, err)
	require.NotEqual(t, Proved.String(), r.Verdict.String(), "%s: %s", r.Reason, r.Detail)
	if r.Verdict == Refuted {
		require.True(t, allowedBy(t, compiled(t, frameOf(k, d)), *r.Witness))
	}
}

const githubOIDC = "arn:aws:iam::" + acct + ":oidc-provider/token.actions.githubusercontent.com"

func TestNeverProvedWithACounterexample(t *testing.T) {
	team := func(v string) evaluate.Context { return evaluate.Context{"aws:PrincipalTag/team": {v}} }
	user := "arn:aws:iam::" + acct + ":user/alice"
	for _, c := range []reviewCase{
		{
			name: "a question about another partition's resources is asked in that partition",
			q:    "not", doc: docOf(stmt("Allow", act("s3:GetObject"), res("*"))),
			res:     []string{"arn:aws-cn:s3:::b/*"},
			counter: evaluate.Request{Principal: "arn:aws-cn:iam::" + acct + ":user/u", Action: "s3:GetObject", Resource: "arn:aws-cn:s3:::b/x"},
		},
		{
			name: "a Deny whose Resource variable has a default does not cover a caller whose key holds another value",
			q:    "not", doc: docOf(stmt("Allow", act("s3:GetObject"), res("*")), stmt("Deny", act("s3:GetObject"), res("arn:aws:s3:::b/${aws:PrincipalTag/team, 'x'}/*"))),
			res:     []string{"arn:aws:s3:::b/x/*"},
			counter: evaluate.Request{Principal: user, Action: "s3:GetObject", Resource: "arn:aws:s3:::b/x/o", Context: team("y")},
		},
		{
			name: "an old Allow whose Resource variable has a default does not cover a caller whose key holds another value",
			q:    "new", old: docOf(stmt("Allow", act("s3:GetObject"), res("arn:aws:s3:::b/${aws:PrincipalTag/team, 'x'}/*"))),
			doc:     docOf(stmt("Allow", act("s3:GetObject"), res("arn:aws:s3:::b/x/*"))),
			counter: evaluate.Request{Principal: user, Action: "s3:GetObject", Resource: "arn:aws:s3:::b/x/o", Context: team("y")},
		},
		{
			// "*" is one of S3's safe characters in object keys.
			name: "the escape ${*} names S3 objects whose key holds a star",
			q:    "new", old: docOf(stmt("Allow", act("s3:GetObject"), notRes("arn:aws:s3:::b/x/*"), cond(`{"StringEquals":{"aws:PrincipalTag/team":"a"}}`))),
			doc:     docOf(stmt("Allow", act("s3:GetObject"), res("arn:aws:s3:::b/${*}/*"))),
			counter: evaluate.Request{Principal: user, Action: "s3:GetObject", Resource: "arn:aws:s3:::b/*/o"},
		},
		{
			name: "an aws: condition key the catalog does not know yet may come with any request",
			q:    "not", doc: docOf(stmt("Allow", act("kms:Decrypt"), res("*"), cond(`{"StringEquals":{"aws:ZzNewGlobalKey":"x"}}`))),
			res:     []string{"*"},
			counter: evaluate.Request{Principal: user, Action: "kms:Decrypt", Resource: "arn:aws:kms:us-east-1:" + acct + ":key/k", Context: evaluate.Context{"aws:ZzNewGlobalKey": {"x"}}},
		},
		{
			name: "an OIDC provider's claim the catalog does not list comes with sts:AssumeRoleWithWebIdentity",
			q:    "new", kind: TrustPolicy,
			old:     docOf(stmt("Allow", prin(fedPrin(githubOIDC)), act("sts:AssumeRoleWithWebIdentity"), res("*"), cond(`{"StringLike":{"token.actions.githubusercontent.com:sub":"repo:o/r:*"}}`))),
			doc:     docOf(stmt("Allow", prin(fedPrin(githubOIDC)), act("sts:AssumeRoleWithWebIdentity"), res("*"), cond(`{"StringLike":{"token.actions.githubusercontent.com:sub":"repo:o/*"}}`))),
			counter: evaluate.Request{Principal: githubOIDC, Action: "sts:AssumeRoleWithWebIdentity", Resource: "arn:aws:iam::" + acct + ":role/r", Context: evaluate.Context{"token.actions.githubusercontent.com:sub": {"repo:o/x:ref"}}},
		},
		{
			name: "Cognito's amr claim holds several values though the catalog types it String",
			q:    "new", kind: TrustPolicy,
			old:     docOf(stmt("Allow", prin(fedPrin("cognito-identity.amazonaws.com")), act("sts:AssumeRoleWithWebIdentity"), res("*"), cond(`{"ForAllValues:StringEquals":{"cognito-identity.amazonaws.com:amr":"authenticated"},"Null":{"cognito-identity.amazonaws.com:amr":"false"}}`))),
			doc:     docOf(stmt("Allow", prin(fedPrin("cognito-identity.amazonaws.com")), act("sts:AssumeRoleWithWebIdentity"), res("*"), cond(`{"ForAnyValue:StringEquals":{"cognito-identity.amazonaws.com:amr":"authenticated"}}`))),
			counter: evaluate.Request{Principal: "cognito-identity.amazonaws.com", Action: "sts:AssumeRoleWithWebIdentity", Resource: "arn:aws:iam::" + acct + ":role/r", Context: evaluate.Context{"cognito-identity.amazonaws.com:amr": {"authenticated", "graph.facebook.com"}}},
		},
		{
			name: "a web identity federated through an AWS host (Cognito) is outside the account",
			q:    "ext", kind: TrustPolicy, account: acct,
			doc:     docOf(stmt("Allow", prin(fedPrin("cognito-identity.amazonaws.com")), act("sts:AssumeRoleWithWebIdentity"), res("*"))),
			counter: evaluate.Request{Principal: "cognito-identity.amazonaws.com", Action: "sts:AssumeRoleWithWebIdentity", Resource: "arn:aws:iam::" + acct + ":role/r"},
		},
	} {
		t.Run(c.name, c.check)
	}
}

func TestAWSServicesAreNotOutsiders(t *testing.T) {
	for _, c := range []struct {
		name string
		kind Kind
		doc  string
	}{
		{"a service trusted to assume the role", TrustPolicy, docOf(stmt("Allow", prin(svcPrin("ec2.amazonaws.com")), act("sts:AssumeRole"), res("*")))},
		{"a service trusted with every sts action", TrustPolicy, docOf(stmt("Allow", prin(svcPrin("ec2.amazonaws.com")), act("sts:*"), res("*")))},
		{"a service allowed to use the key", KeyPolicy, docOf(stmt("Allow", prin(svcPrin("logs.amazonaws.com")), act("kms:*"), res("*")))},
	} {
		t.Run(c.name, func(t *testing.T) {
			r, err := NoExternalAccess(c.kind, mustDoc(t, c.doc), acct)
			require.NoError(t, err)
			require.Equal(t, Proved.String(), r.Verdict.String(), "%s: %s %+v", r.Reason, r.Detail, r.Witness)
		})
	}
}

func TestWitnessesListTheirEncryptionContextAndTagNames(t *testing.T) {
	for _, c := range []struct {
		name, doc, action, set, prefix string
		refuted                        bool
	}{
		{"an encryption context value comes with its name in kms:EncryptionContextKeys",
			docOf(stmt("Allow", act("kms:Decrypt"), res("*"), cond(`{"StringEquals":{"kms:EncryptionContext:dept":"x"}}`))),
			"kms:Decrypt", "kms:EncryptionContextKeys", "kms:EncryptionContext:", true},
		{"a request tag comes with its name in aws:TagKeys",
			docOf(stmt("Allow", act("kms:CreateKey"), res("*"), cond(`{"StringEquals":{"aws:RequestTag/dept":"x"}}`))),
			"kms:CreateKey", "aws:TagKeys", "aws:RequestTag/", true},
		{"an encryption context whose names leave out a key it gives is no counterexample",
			docOf(stmt("Allow", act("kms:Decrypt"), res("*"), cond(`{"StringEquals":{"kms:EncryptionContext:dept":"x"},"ForAllValues:StringEquals":{"kms:EncryptionContextKeys":"other"}}`))),
			"kms:Decrypt", "kms:EncryptionContextKeys", "kms:EncryptionContext:", false},
		{"request tags whose names leave out a tag they give are no counterexample",
			docOf(stmt("Allow", act("kms:CreateKey"), res("*"), cond(`{"StringEquals":{"aws:RequestTag/dept":"x"},"ForAllValues:StringEquals":{"aws:TagKeys":"other"}}`))),
			"kms:CreateKey", "aws:TagKeys", "aws:RequestTag/", false},
	} {
		t.Run(c.name, func(t *testing.T) {
			d := mustDoc(t, c.doc)
			r, err := AccessNotGranted(Identity, d, []string{c.action}, nil)
			require.NoError(t, err)
			if !c.refuted {
				require.NotEqual(t, Refuted.String(), r.Verdict.String(), "witness %+v", r.Witness)
				return
			}
			require.Equal(t, Refuted.String(), r.Verdict.String(), "%s: %s", r.Reason, r.Detail)
			w := *r.Witness
			require.True(t, allowedBy(t, compiled(t, frameOf(Identity, d)), w))
			var names []string
			for k := range w.Context {
				if len(k) > len(c.prefix) && strings.EqualFold(k[:len(c.prefix)], c.prefix) {
					names = append(names, k[len(c.prefix):])
				}
			}
			require.NotEmpty(t, names)
			require.ElementsMatch(t, names, w.Context[c.set], "the witness %+v", w)
		})
	}
}
