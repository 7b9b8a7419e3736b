package evaluate

import (
	"testing"

	"github.com/stretchr/testify/require"
)

// When an Allow would have applied had the request carried a condition
// key, the reason names the statement and the key, so a user who forgot a
// key is not told that nothing allows the action.
func TestReasonNamesTheKeyAnAllowNeeds(t *testing.T) {
	keyUser := stmtDoc(`"Effect":"Allow","Action":"kms:Decrypt","Resource":"*","Condition":{"StringEquals":{"kms:KeyOrigin":"EXTERNAL_KEY_STORE"}}`)
	p := Policies{Identity: docs(t, allowStmt("s3:*", "*"), keyUser), Resource: doc(t, enableIAM)}
	cases := []struct {
		name string
		p    Policies
		ctx  Context
		want string // in the reason; "" for no near miss
	}{
		{"a request without the key is told which key the Allow needs", p, nil, "the Allow at Identity[1].Statement[0] needs kms:KeyOrigin, which the request does not carry"},
		{"a request with another value is not told about a missing key", p, Context{"kms:KeyOrigin": {"AWS_KMS"}}, ""},
		{"an Allow whose other condition fails is not a near miss", Policies{Resource: doc(t, enableIAM), Identity: docs(t, stmtDoc(`"Effect":"Allow","Action":"kms:Decrypt","Resource":"*","Condition":{"StringEquals":{"kms:KeyOrigin":"EXTERNAL_KEY_STORE","aws:PrincipalAccount":"444455556666"}}`))}, nil, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			res, err := Evaluate(tc.p, Request{Principal: alice, Action: "kms:Decrypt", Resource: keyARN, Context: tc.ctx})
			require.NoError(t, err)
			require.Equal(t, ImplicitDeny, res.Decision)
			if tc.want == "" {
				require.NotContains(t, res.Reason, "does not carry")
				return
			}
			require.Contains(t, res.Reason, tc.want)
			require.Contains(t, res.Reason, "no identity policy allows kms:Decrypt", "the reason still says what decided")
		})
	}
}
