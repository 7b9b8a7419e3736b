package prove

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cksiam/cksiam/evaluate"
)

// TestProviderClaimsComeWithSessionTagsAndSourceIdentity: a web identity
// or SAML federation that passes session tags or a source identity is
// also decided for sts:TagSession and sts:SetSourceIdentity, with the
// provider's claims in the request context
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/id_session-tags.html,
// https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_temp_control-access_monitor.html):
// a trust policy that gates only those actions on a claim is not proved
// to grant nothing new when the claim's pattern widens.
func TestProviderClaimsComeWithSessionTagsAndSourceIdentity(t *testing.T) {
	for _, action := range []string{"sts:TagSession", "sts:SetSourceIdentity"} {
		c := reviewCase{
			name: "an OIDC provider's claim comes with " + action,
			q:    "new", kind: TrustPolicy,
			old:     docOf(stmt("Allow", prin(fedPrin(githubOIDC)), act(action), res("*"), cond(`{"StringLike":{"token.actions.githubusercontent.com:sub":"repo:o/r:*"}}`))),
			doc:     docOf(stmt("Allow", prin(fedPrin(githubOIDC)), act(action), res("*"), cond(`{"StringLike":{"token.actions.githubusercontent.com:sub":"repo:o/*"}}`))),
			counter: evaluate.Request{Principal: githubOIDC, Action: action, Resource: "arn:aws:iam::" + acct + ":role/r", Context: evaluate.Context{"token.actions.githubusercontent.com:sub": {"repo:o/x:ref"}}},
		}
		t.Run(c.name, c.check)
	}
}

const samlProvider = "arn:aws:iam::" + acct + ":saml-provider/Corp"

// TestSAMLListAttributesHoldSeveralValues: the SAML attributes the IAM User
// Guide marks "[]" can hold a list
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_iam-condition-keys.html#condition-keys-saml),
// though the catalog types some of them String (saml:uid, saml:mail): "every
// uid is u1" and "some uid is u1" differ, and so do a single-valued operator
// (any value matches) and ForAllValues. The attributes without "[]"
// (saml:sub) hold one value, where the two forms agree.
func TestSAMLListAttributesHoldSeveralValues(t *testing.T) {
	trust := func(c string) string {
		return docOf(stmt("Allow", prin(fedPrin(samlProvider)), act("sts:AssumeRoleWithSAML"), res("*"), cond(c)))
	}
	role := "arn:aws:iam::" + acct + ":role/r"
	for _, c := range []reviewCase{
		{
			name: "some uid is u1 allows what every uid is u1 does not",
			q:    "new", kind: TrustPolicy,
			old:     trust(`{"ForAllValues:StringEquals":{"saml:uid":"u1"},"Null":{"saml:uid":"false"}}`),
			doc:     trust(`{"ForAnyValue:StringEquals":{"saml:uid":"u1"}}`),
			counter: evaluate.Request{Principal: samlProvider, Action: "sts:AssumeRoleWithSAML", Resource: role, Context: evaluate.Context{"saml:uid": {"u1", "u2"}}},
		},
		{
			name: "a single-valued operator on a mail list allows what ForAllValues does not",
			q:    "new", kind: TrustPolicy,
			old:     trust(`{"ForAllValues:StringEquals":{"saml:mail":"a@example.com"},"Null":{"saml:mail":"false"}}`),
			doc:     trust(`{"StringEquals":{"saml:mail":"a@example.com"}}`),
			counter: evaluate.Request{Principal: samlProvider, Action: "sts:AssumeRoleWithSAML", Resource: role, Context: evaluate.Context{"saml:mail": {"a@example.com", "b@example.com"}}},
		},
		{
			name: "some affiliation is faculty allows what every affiliation is faculty does not",
			q:    "new", kind: TrustPolicy,
			old:     trust(`{"ForAllValues:StringEquals":{"saml:edupersonaffiliation":"faculty"},"Null":{"saml:edupersonaffiliation":"false"}}`),
			doc:     trust(`{"ForAnyValue:StringEquals":{"saml:edupersonaffiliation":"faculty"}}`),
			counter: evaluate.Request{Principal: samlProvider, Action: "sts:AssumeRoleWithSAML", Resource: role, Context: evaluate.Context{"saml:edupersonaffiliation": {"faculty", "student"}}},
		},
	} {
		t.Run(c.name, c.check)
	}
	t.Run("a single-valued SAML attribute (saml:sub) reads the same under ForAnyValue and ForAllValues with a Null check", func(t *testing.T) {
		r, err := NoNewAccess(TrustPolicy,
			mustDoc(t, trust(`{"ForAllValues:StringEquals":{"saml:sub":"u1"},"Null":{"saml:sub":"false"}}`)),
			mustDoc(t, trust(`{"ForAnyValue:StringEquals":{"saml:sub":"u1"}}`)))
		require.NoError(t, err)
		require.Equal(t, Proved.String(), r.Verdict.String(), "%s: %s %+v", r.Reason, r.Detail, r.Witness)
	})
}

// TestSAMLClaimsComeWithSessionTags: an IAM Identity Center or SAML role's
// trust policy allows sts:AssumeRoleWithSAML and sts:TagSession in one
// statement gated on SAML:aud; the session tags are decided with the
// assertion's keys, so widening the audience for sts:TagSession is new
// access.
func TestSAMLClaimsComeWithSessionTags(t *testing.T) {
	trust := func(aud string) string {
		return docOf(stmt("Allow", prin(fedPrin(samlProvider)), act("sts:TagSession"), res("*"), cond(`{"StringLike":{"SAML:aud":"`+aud+`"}}`)))
	}
	c := reviewCase{
		name: "a SAML assertion's audience comes with sts:TagSession",
		q:    "new", kind: TrustPolicy,
		old:     trust("https://signin.aws.amazon.com/saml"),
		doc:     trust("https://signin.aws.amazon.com/*"),
		counter: evaluate.Request{Principal: samlProvider, Action: "sts:TagSession", Resource: "arn:aws:iam::" + acct + ":role/r", Context: evaluate.Context{"saml:aud": {"https://signin.aws.amazon.com/x"}}},
	}
	c.check(t)
}
