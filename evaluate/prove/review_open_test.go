package prove

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cksiam/cksiam/evaluate"
	"github.com/cksiam/cksiam/policy"
)

// Review of Open.Decide against the evaluator: each case is a request
// whose answer was wrong, with the encryption contexts that show it.
func TestReviewOpenAnswersAgreeWithTheEvaluator(t *testing.T) {
	base := evaluate.Request{Principal: openRole, Action: "kms:Decrypt", Resource: openKey}
	cases := []struct {
		name string
		p    func(t *testing.T) evaluate.Policies
		ecs  []map[string]string
		want Extent
	}{
		{
			// Before: Always — the grant's empty EncryptionContextEquals
			// added no free encryption context, though any pair refuses it.
			name: "a grant requiring an empty encryption context is allowed only without one",
			p: func(t *testing.T) evaluate.Policies {
				return evaluate.Policies{Resource: mustDoc(t, docOf(stmt("Allow", prin(aws("arn:aws:iam::"+acct+":root")), act("kms:*"), res("*")))),
					Grants: []evaluate.Grant{{KeyId: openKey, GrantId: "g1", GranteePrincipal: openRole, Operations: []string{"Decrypt"},
						Constraints: &evaluate.GrantConstraints{EncryptionContextEquals: map[string]string{}}}}}
			},
			ecs:  []map[string]string{nil, {}, {"Dept": "IT"}, {"x": "x"}},
			want: Sometimes,
		},
		{
			// Before: the residual was StringLike "I**" (the ${*} escape
			// lost), which holds for Dept=IT, which is refused.
			name: "a pattern with an escaped wildcard never gives a residual that reads it as a wildcard",
			p: func(t *testing.T) evaluate.Policies {
				return evaluate.Policies{Resource: mustDoc(t, openKeyPolicy()),
					Identity: []*policy.Document{mustDoc(t, docOf(stmt("Allow", act("kms:Decrypt"), res("*"), cond(`{"StringLike":{"kms:EncryptionContext:Dept":"I${*}*"}}`))))}}
			},
			ecs:  []map[string]string{nil, {"Dept": "IT"}, {"Dept": "I*"}, {"Dept": "I*T"}, {"Dept": "I"}, {"Dept": "x"}},
			want: Sometimes,
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := c.p(t)
			ev, err := evaluate.Compile(p)
			require.NoError(t, err)
			op, err := CompileOpen(p)
			require.NoError(t, err)
			ans, err := op.Decide(Question{Request: base})
			require.NoError(t, err)
			require.Equal(t, c.want, ans.Extent, ans.Detail)
			for _, w := range []*evaluate.Request{ans.Allowed, ans.Denied} {
				if w == nil {
					continue
				}
				d, err := ev.Decide(*w)
				require.NoError(t, err)
				require.Equal(t, w == ans.Allowed, d == evaluate.Allowed, "witness %+v", w.EncryptionContext)
			}
			for _, ec := range c.ecs {
				r := base
				r.EncryptionContext = ec
				d, err := ev.Decide(r)
				require.NoError(t, err)
				if c.want == Always {
					require.Equal(t, evaluate.Allowed, d, "context %v", ec)
				}
				if len(ans.Residual) > 0 {
					require.Equal(t, d == evaluate.Allowed, anyHolds(ans.Residual, &r), "residual %+v on context %v", ans.Residual, ec)
				}
			}
		})
	}
}
