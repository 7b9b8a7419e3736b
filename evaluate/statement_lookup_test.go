package evaluate_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cksiam/cksiam/evaluate"
	"github.com/cksiam/cksiam/policy"
)

func TestPoliciesStatement(t *testing.T) {
	doc := func(sids ...string) *policy.Document {
		d := &policy.Document{Version: "2012-10-17"}
		for _, s := range sids {
			d.Statement = append(d.Statement, policy.Statement{Sid: s})
		}
		return d
	}
	p := evaluate.Policies{
		Identity: []*policy.Document{doc("id0"), doc("id1a", "id1b")},
		Resource: doc("res"),
		Boundary: doc("bound"),
		Session:  doc("sess"),
		SCPs:     [][]*policy.Document{{doc("scp00")}, {doc("scp10"), doc("scp11")}},
		RCPs:     [][]*policy.Document{{doc("rcp00")}},
	}
	tests := []struct {
		name string
		ref  evaluate.StatementRef
		sid  string // empty: not found
	}{
		{"an identity policy's statement is found by policy and statement index", evaluate.StatementRef{PolicyType: evaluate.TypeIdentity, PolicyIndex: 1, StatementIndex: 1}, "id1b"},
		{"the resource policy's statement is found", evaluate.StatementRef{PolicyType: evaluate.TypeResource}, "res"},
		{"the boundary's statement is found", evaluate.StatementRef{PolicyType: evaluate.TypeBoundary}, "bound"},
		{"the session policy's statement is found", evaluate.StatementRef{PolicyType: evaluate.TypeSession}, "sess"},
		{"an SCP is found by level and index", evaluate.StatementRef{PolicyType: evaluate.TypeSCP, Level: 1, PolicyIndex: 1}, "scp11"},
		{"an RCP is found by level and index", evaluate.StatementRef{PolicyType: evaluate.TypeRCP}, "rcp00"},
		{"a statement index past the document is not found", evaluate.StatementRef{PolicyType: evaluate.TypeIdentity, StatementIndex: 1}, ""},
		{"a policy index past the list is not found", evaluate.StatementRef{PolicyType: evaluate.TypeIdentity, PolicyIndex: 2}, ""},
		{"a level past the organization is not found", evaluate.StatementRef{PolicyType: evaluate.TypeSCP, Level: 2}, ""},
		{"a negative index is not found", evaluate.StatementRef{PolicyType: evaluate.TypeRCP, PolicyIndex: -1}, ""},
		{"an unknown policy type is not found", evaluate.StatementRef{PolicyType: "Other"}, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s, ok := p.Statement(tc.ref)
			if tc.sid == "" {
				require.False(t, ok)
				require.Nil(t, s)
				return
			}
			require.True(t, ok)
			require.Equal(t, tc.sid, s.Sid)
		})
	}
	t.Run("a document the policies lack is nil", func(t *testing.T) {
		require.Nil(t, evaluate.Policies{}.Document(evaluate.StatementRef{PolicyType: evaluate.TypeResource}))
	})
}
