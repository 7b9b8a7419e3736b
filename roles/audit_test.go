package roles

import (
	"strings"
	"testing"

	"github.com/cksiam/cksiam/evaluate"
	"github.com/cksiam/cksiam/policy"
	"github.com/stretchr/testify/require"
)

func allowStmt(sid string, actions []string, resources ...string) policy.Statement {
	return policy.Statement{Sid: sid, Effect: policy.Allow, Action: policy.List(actions...), Resource: policy.List(resources...)}
}

// excessRow is one excess request with the statement and Action entry it
// is reported under.
type excessRow struct {
	Excess
	ref     evaluate.StatementRef
	pattern string
}

// rows flattens a report's excess.
func rows(rep *AuditReport) []excessRow {
	var out []excessRow
	for _, g := range rep.Excess {
		for _, a := range g.Actions {
			for _, e := range a.Requests {
				out = append(out, excessRow{e, g.Statement, a.Pattern})
			}
		}
	}
	return out
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
		require.Len(t, rep.Excess, 1, "one statement grants the excess")
		require.Equal(t, "AnySLR", rep.Excess[0].Statement.Sid)
		require.Equal(t, 1, rep.Excess[0].Statement.StatementIndex)
		require.Len(t, rep.Excess[0].Actions, 1)
		require.Equal(t, "iam:CreateServiceLinkedRole", rep.Excess[0].Actions[0].Pattern)
		kinds := map[CaseKind]bool{}
		for _, e := range rows(rep) {
			require.Equal(t, "iam:CreateServiceLinkedRole", e.Action)
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
		require.Equal(t, "Buckets", rep.Excess[0].Statement.Sid)
		require.Len(t, rows(rep), 1)
		require.Equal(t, "s3:GetObject", rows(rep)[0].Action)
	})

	t.Run("every other service's action is asked on its sample resource, as the matrix makes it", func(t *testing.T) {
		doc := ksm.Document()
		doc.Statement = append(doc.Statement, allowStmt("Many", []string{"s3:*", "ec2:*", "iam:Get*", "lambda:*", "sts:*", "datasync:*", "backup:*", "braket:*", "mediaconnect:*"}, "*"))
		rep, err := ksm.Audit(evaluate.Policies{Identity: []*policy.Document{doc}}, "")
		require.NoError(t, err)
		ev, err := evaluate.Compile(evaluate.Policies{Identity: []*policy.Document{doc}})
		require.NoError(t, err)
		services := map[string]bool{}
		n := 0
		for _, e := range rows(rep) {
			if e.Kind != OtherAction || strings.HasPrefix(e.Action, "kms:") || strings.HasPrefix(e.Action, "cloudhsm:") {
				continue
			}
			n++
			services[strings.SplitN(e.Action, ":", 2)[0]] = true
			// The slow twin: expand every ARN the action's formats take
			// and sample the narrowest; where the engine refuses that
			// ARN as a request's, the audit fills in its parts, or asks
			// on "*".
			svc := strings.SplitN(e.Action, ":", 2)[0]
			want := sample(narrowestFrom(resourceFormats(e.Action), ksm.Options))
			if _, err := ev.Decide(evaluate.Request{Principal: e.Principal, Action: e.Action, Resource: want}); err != nil {
				want = requestable(want, svc, ksm.Options)
				if _, err := ev.Decide(evaluate.Request{Principal: e.Principal, Action: e.Action, Resource: want}); err != nil {
					want = "*"
				}
			}
			require.Equal(t, want, e.Resource, e.Action)
		}
		require.Greater(t, n, 500, "the actions of s3, ec2, lambda and sts are all excess")
		require.Len(t, services, 9, "%v", services)
		asked := map[string]string{}
		for _, e := range rows(rep) {
			asked[e.Action] = e.Resource
		}
		// Formats that make no request ARN as they stand: "*" as Region
		// and account (braket devices), ${Vendor} as service with "*" as
		// account (backup recovery points), no account at all
		// (mediaconnect offerings). Each action is asked all the same.
		require.Equal(t, "arn:aws:braket:us-west-2:111122223333:device/example1/example1/example1", asked["braket:GetDevice"])
		require.Equal(t, "arn:aws:backup:us-west-2:111122223333:example1:example1", asked["backup:DescribeRecoveryPoint"])
		require.Equal(t, "*", asked["mediaconnect:DescribeOffering"])
		// The catalog names datasync's account ${AccountId}: it is the
		// role's account, so that the request is one AWS could receive (an
		// ARN with "example1" as its account is refused, and the action
		// went unasked).
		require.Contains(t, rows(rep), excessRow{Excess{Kind: OtherAction, Principal: rows(rep)[0].Principal, Action: "datasync:DeleteTask",
			Resource: "arn:aws:datasync:us-west-2:111122223333:task/example1"}, rows(rep)[0].ref, "datasync:*"})
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
		for _, e := range rows(rep) {
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
		for _, e := range rows(rep) {
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
		for _, e := range rows(rep) {
			require.Equal(t, OtherCaller, e.Kind)
			require.Equal(t, "arn:aws:iam::999988887777:root", e.Principal)
		}
	})

	t.Run("a principal that is not an IAM ARN is refused", func(t *testing.T) {
		_, err := ksm.Audit(evaluate.Policies{}, "alice")
		require.Error(t, err)
	})
}

func TestAuditGroupsItsExcess(t *testing.T) {
	ksm, err := KeyStoreManager(exampleOptions)
	require.NoError(t, err)

	t.Run(`"Action": "*" is one statement with one entry, not a row per catalog action`, func(t *testing.T) {
		doc := ksm.Document()
		doc.Statement = append(doc.Statement, allowStmt("Admin", []string{"*"}, "*"))
		rep, err := ksm.Audit(evaluate.Policies{Identity: []*policy.Document{doc}}, "")
		require.NoError(t, err)
		require.Empty(t, rep.Missing)
		require.Equal(t, 1, len(rep.Excess), "statement groups")
		g := rep.Excess[0]
		require.Equal(t, "Admin", g.Statement.Sid)
		require.Equal(t, evaluate.TypeIdentity, g.Statement.PolicyType)
		require.Equal(t, 1, len(g.Actions), "entries")
		require.Equal(t, "*", g.Actions[0].Pattern)
		require.Greater(t, len(g.Actions[0].Requests), 10000, "every catalog action beyond the role")
		require.Equal(t, len(g.Actions[0].Requests), rep.ExcessRequests())
		for i := 1; i < len(g.Actions[0].Requests); i++ {
			require.False(t, excessLess(g.Actions[0].Requests[i], g.Actions[0].Requests[i-1]), "requests are sorted")
		}
	})

	t.Run("a statement's requests are grouped by the Action entry that allows them, in the statement's order", func(t *testing.T) {
		doc := ksm.Document()
		doc.Statement = append(doc.Statement, allowStmt("Data", []string{"s3:Get*", "dynamodb:GetItem", "s3:*"}, "*"))
		rep, err := ksm.Audit(evaluate.Policies{Identity: []*policy.Document{doc}}, "")
		require.NoError(t, err)
		require.Equal(t, 1, len(rep.Excess), "statement groups")
		var patterns []string
		for _, a := range rep.Excess[0].Actions {
			patterns = append(patterns, a.Pattern)
			for _, e := range a.Requests {
				require.True(t, strings.HasPrefix(strings.ToLower(e.Action), strings.ToLower(strings.TrimSuffix(a.Pattern, "*"))), "%s under %s", e.Action, a.Pattern)
			}
		}
		require.Equal(t, []string{"s3:Get*", "dynamodb:GetItem", "s3:*"}, patterns)
	})

	t.Run("a request two statements allow is listed under each", func(t *testing.T) {
		doc := ksm.Document()
		doc.Statement = append(doc.Statement, allowStmt("A", []string{"s3:GetObject"}, "*"), allowStmt("B", []string{"s3:Get*"}, "*"))
		rep, err := ksm.Audit(evaluate.Policies{Identity: []*policy.Document{doc}}, "")
		require.NoError(t, err)
		require.Equal(t, 2, len(rep.Excess), "statement groups")
		require.Equal(t, "A", rep.Excess[0].Statement.Sid)
		require.Equal(t, "B", rep.Excess[1].Statement.Sid)
		require.Greater(t, rep.ExcessRequests(), 1)
		require.Less(t, rep.ExcessRequests(), len(rows(rep)), "s3:GetObject is counted once")
	})

	t.Run("the key policy the audit supplies for identity policies is never reported", func(t *testing.T) {
		u, err := KeyUser(exampleOptions)
		require.NoError(t, err)
		doc := u.Document()
		for i := range doc.Statement {
			doc.Statement[i].Resource = policy.List("*")
		}
		rep, err := u.Audit(evaluate.Policies{Identity: []*policy.Document{doc}}, "")
		require.NoError(t, err)
		require.NotEmpty(t, rep.Excess)
		for _, g := range rep.Excess {
			require.Equal(t, evaluate.TypeIdentity, g.Statement.PolicyType, "%+v", g.Statement)
			require.Equal(t, 0, g.Statement.PolicyIndex)
		}
	})

	t.Run("a key policy the caller passes is reported", func(t *testing.T) {
		d, err := DefaultKeyPolicy(exampleOptions)
		require.NoError(t, err)
		kp := d.Document()
		kp.Statement = append(kp.Statement, policy.Statement{Sid: "Everyone", Effect: policy.Allow, Principal: policy.AWSPrincipal("arn:aws:iam::123456789012:role/Reader"),
			Action: policy.List("kms:Decrypt"), Resource: policy.List("*")})
		rep, err := d.Audit(evaluate.Policies{Resource: kp}, "")
		require.NoError(t, err)
		require.Equal(t, 1, len(rep.Excess), "statement groups")
		require.Equal(t, evaluate.TypeResource, rep.Excess[0].Statement.PolicyType)
		require.Equal(t, "Everyone", rep.Excess[0].Statement.Sid)
		require.Equal(t, "kms:Decrypt", rep.Excess[0].Actions[0].Pattern)
	})
}
