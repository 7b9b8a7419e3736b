package roles

import (
	"testing"

	"github.com/cksiam/cksiam/evaluate"
	"github.com/cksiam/cksiam/policy"
	"github.com/stretchr/testify/require"
)

func allowStmt(sid string, actions []string, resources ...string) policy.Statement {
	return policy.Statement{Sid: sid, Effect: policy.Allow, Action: policy.List(actions...), Resource: policy.List(resources...)}
}

func TestAudit(t *testing.T) {
	ksm, err := KeyStoreManager(Options{Account: "111122223333", Region: "us-west-2"})
	require.NoError(t, err)

	t.Run("a principal holding exactly the role's document has nothing missing and nothing beyond", func(t *testing.T) {
		rs, err := All(Options{Account: "111122223333", Region: "us-west-2", KeyIDs: []string{"k1"}})
		require.NoError(t, err)
		for _, r := range rs {
			p := evaluate.Policies{Identity: []*policy.Document{r.Document()}}
			if r.Kind == policy.KeyPolicy {
				p = evaluate.Policies{Resource: r.Document()}
			}
			rep, err := r.Audit(p, "")
			require.NoError(t, err)
			require.True(t, rep.OK(), "%s: missing %v excess %v", r.Name, rep.Missing, rep.Excess)
		}
	})

	t.Run("a missing permission is reported with the role's resource", func(t *testing.T) {
		doc := &policy.Document{Version: policy.Version2012, Statement: []policy.Statement{
			allowStmt("Stores", append([]string{"cloudhsm:DescribeClusters"}, CustomKeyStoreActions()...), "*"),
		}}
		rep, err := ksm.Audit(evaluate.Policies{Identity: []*policy.Document{doc}}, "arn:aws:iam::111122223333:user/alice")
		require.NoError(t, err)
		require.Len(t, rep.Missing, 1)
		require.Equal(t, "iam:CreateServiceLinkedRole", rep.Missing[0].Action)
		require.Equal(t, evaluate.ImplicitDeny, rep.Missing[0].Decision)
		require.Empty(t, rep.Excess)
	})

	t.Run("an explicit deny of a required permission names the deny statement", func(t *testing.T) {
		deny := policy.Statement{Sid: "NoDelete", Effect: policy.Deny, Action: policy.List("kms:DeleteCustomKeyStore"), Resource: policy.List("*")}
		doc := ksm.Document()
		doc.Statement = append(doc.Statement, deny)
		rep, err := ksm.Audit(evaluate.Policies{Identity: []*policy.Document{doc}}, "")
		require.NoError(t, err)
		require.Len(t, rep.Missing, 1)
		require.Equal(t, evaluate.ExplicitDeny, rep.Missing[0].Decision)
		require.Len(t, rep.Missing[0].Statements, 1)
		require.Equal(t, "NoDelete", rep.Missing[0].Statements[0].Sid)
	})

	t.Run("an unscoped CreateServiceLinkedRole is excess with the statement that grants it", func(t *testing.T) {
		doc := &policy.Document{Version: policy.Version2012, Statement: []policy.Statement{
			allowStmt("Stores", append([]string{"cloudhsm:DescribeClusters"}, CustomKeyStoreActions()...), "*"),
			allowStmt("AnySLR", []string{"iam:CreateServiceLinkedRole"}, "*"),
		}}
		rep, err := ksm.Audit(evaluate.Policies{Identity: []*policy.Document{doc}}, "")
		require.NoError(t, err)
		require.Empty(t, rep.Missing)
		kinds := map[CaseKind]bool{}
		for _, e := range rep.Excess {
			require.Equal(t, "iam:CreateServiceLinkedRole", e.Action)
			require.Len(t, e.Statements, 1)
			require.Equal(t, "AnySLR", e.Statements[0].Sid)
			require.Equal(t, 1, e.Statements[0].StatementIndex)
			kinds[e.Kind] = true
		}
		// Another account's IAM role cannot be reached without that
		// account's consent (aws-rules C.3), so only the condition and the
		// role name make the difference here.
		require.True(t, kinds[FailCondition] && kinds[OtherID], "%v", kinds)
	})

	t.Run("actions of services the role does not use are excess", func(t *testing.T) {
		doc := ksm.Document()
		doc.Statement = append(doc.Statement, allowStmt("Buckets", []string{"s3:GetObject"}, "*"))
		rep, err := ksm.Audit(evaluate.Policies{Identity: []*policy.Document{doc}}, "")
		require.NoError(t, err)
		require.Empty(t, rep.Missing)
		require.Len(t, rep.Excess, 1)
		require.Equal(t, "s3:GetObject", rep.Excess[0].Action)
		require.Equal(t, "Buckets", rep.Excess[0].Statements[0].Sid)
	})

	t.Run("AWS's CloudHSM admin policy on * is broader than the scoped ClusterAdmin", func(t *testing.T) {
		admin, err := ClusterAdmin(Options{Account: "111122223333", Region: "us-west-2"})
		require.NoError(t, err)
		doc := &policy.Document{Version: policy.Version2012, Statement: []policy.Statement{
			allowStmt("", append([]string{"cloudhsm:*", "iam:CreateServiceLinkedRole"}, ClusterEC2Actions()...), "*"),
		}}
		rep, err := admin.Audit(evaluate.Policies{Identity: []*policy.Document{doc}}, "")
		require.NoError(t, err)
		require.Empty(t, rep.Missing)
		kinds := map[CaseKind]int{}
		for _, e := range rep.Excess {
			kinds[e.Kind]++
		}
		require.NotZero(t, kinds[OtherRegion])
		require.NotZero(t, kinds[FailCondition]) // CreateServiceLinkedRole for any service
	})

	t.Run("a key-user policy on every key of every account is excess on keys shared from elsewhere", func(t *testing.T) {
		u, err := KeyUser(Options{Account: "111122223333", Region: "us-west-2"})
		require.NoError(t, err)
		doc := u.Document()
		for i := range doc.Statement {
			doc.Statement[i].Resource = policy.List("*")
		}
		rep, err := u.Audit(evaluate.Policies{Identity: []*policy.Document{doc}}, "")
		require.NoError(t, err)
		require.Empty(t, rep.Missing)
		kinds := map[CaseKind]int{}
		for _, e := range rep.Excess {
			kinds[e.Kind]++
		}
		require.NotZero(t, kinds[OtherAccount])
		require.NotZero(t, kinds[OtherRegion])
	})

	t.Run("a key policy that names an extra account is excess", func(t *testing.T) {
		d, err := DefaultKeyPolicy(Options{Account: "111122223333", Region: "us-west-2"})
		require.NoError(t, err)
		kp := d.Document()
		kp.Statement[0].Principal = policy.AWSPrincipal("arn:aws:iam::111122223333:root", "arn:aws:iam::999988887777:root")
		rep, err := d.Audit(evaluate.Policies{Resource: kp}, "")
		require.NoError(t, err)
		require.Empty(t, rep.Missing)
		require.NotEmpty(t, rep.Excess)
		require.Equal(t, OtherCaller, rep.Excess[0].Kind)
	})

	t.Run("a principal that is not an IAM ARN is refused", func(t *testing.T) {
		_, err := ksm.Audit(evaluate.Policies{}, "alice")
		require.Error(t, err)
	})
}
