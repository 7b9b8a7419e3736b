package prove

import (
	"testing"

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
