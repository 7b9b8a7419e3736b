package snapshot

import (
	"net/url"
	"strconv"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/iam"
	iamtypes "github.com/aws/aws-sdk-go-v2/service/iam/types"
	kmstypes "github.com/aws/aws-sdk-go-v2/service/kms/types"
	"github.com/cksiam/cksiam/evaluate"
	"github.com/cksiam/cksiam/internal/managedpolicies"
	"github.com/cksiam/cksiam/policy"
	"github.com/stretchr/testify/require"
)

// TestWhoCanOverAWSManagedPolicies gives one role each AWS managed policy
// (every version, URL-encoded as the Go SDK returns them, the default one
// counting) and checks WhoCan against evaluate on every (role, action) pair
// of a key whose policy delegates to IAM: an allowed row must be allowed
// with the free context keys absent, and a role without a row must not be.
// It runs when CKSIAM_MANAGED_POLICIES names the corpus (.ci/run sets it).
func TestWhoCanOverAWSManagedPolicies(t *testing.T) {
	corpus := managedpolicies.ForTest(t)
	const acct = "210987654321"
	out := &iam.GetAccountAuthorizationDetailsOutput{}
	defaults := map[string]*policy.Document{}
	for i, p := range corpus {
		def, ok := p.DefaultVersion()
		if !ok {
			continue
		}
		d := iamtypes.ManagedPolicyDetail{Arn: ptr(p.ARN), PolicyName: ptr(p.Name), DefaultVersionId: ptr(def.ID)}
		for _, v := range p.Versions {
			d.PolicyVersionList = append(d.PolicyVersionList, iamtypes.PolicyVersion{
				VersionId: ptr(v.ID), IsDefaultVersion: v.Default, Document: ptr(url.PathEscape(string(v.Document)))})
		}
		out.Policies = append(out.Policies, d)
		role := "arn:aws:iam::" + acct + ":role/r" + strconv.Itoa(i)
		out.RoleDetailList = append(out.RoleDetailList, iamtypes.RoleDetail{Arn: ptr(role), RoleName: ptr("r" + strconv.Itoa(i)),
			AttachedManagedPolicies: []iamtypes.AttachedPolicy{{PolicyArn: ptr(p.ARN)}}})
		doc, err := policy.Parse(def.Document)
		require.NoError(t, err, p.ARN)
		defaults[role] = doc
	}
	key := "arn:aws:kms:us-west-2:" + acct + ":key/00000000-1111-2222-3333-444444444444"
	keyPolicy := `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::` + acct + `:root"}, "Action": "kms:*", "Resource": "*"}]}`
	a, err := New(Input{AuthorizationDetails: []*iam.GetAccountAuthorizationDetailsOutput{out}, Keys: []KeyInput{{
		Metadata: &kmstypes.KeyMetadata{Arn: ptr(key), KeyId: ptr("00000000-1111-2222-3333-444444444444"), Origin: "AWS_CLOUDHSM",
			KeySpec: "SYMMETRIC_DEFAULT", KeyUsage: "ENCRYPT_DECRYPT"},
		Policy: keyPolicy, Grants: []kmstypes.GrantListEntry{}, Tags: []kmstypes.Tag{}}}})
	require.NoError(t, err, "every AWS managed policy loads (those the grammar refuses, fail-closed)")
	actions := KeyActions()
	rep, err := a.WhoCan(key, actions)
	require.NoError(t, err)
	rows := map[string]Access{}
	for _, r := range rep.Access {
		rows[r.Principal+" "+r.Action] = r.Access
	}
	kp, err := policy.Parse([]byte(keyPolicy))
	require.NoError(t, err)
	facts := &evaluate.KeyFacts{Arn: key, Origin: "AWS_CLOUDHSM", KeySpec: "SYMMETRIC_DEFAULT", KeyUsage: "ENCRYPT_DECRYPT", Tags: map[string]string{}}
	exact, decided := 0, 0
	for role, doc := range defaults {
		ev, err := evaluate.Compile(evaluate.Policies{Identity: []*policy.Document{doc}, Resource: kp, Key: facts, PrincipalTags: map[string]string{}},
			a.CompileOptions()...)
		require.NoError(t, err, role)
		for _, act := range actions {
			d, err := ev.Decide(evaluate.Request{Principal: role, Action: act, Resource: key, Context: evaluate.Context{"aws:RequestedRegion": {"us-west-2"}}})
			require.NoError(t, err)
			switch rows[role+" "+act] {
			case Allowed:
				require.Equal(t, evaluate.Allowed, d, "%s %s: WhoCan says allowed for every request", role, act)
			case "":
				require.NotEqual(t, evaluate.Allowed, d, "%s %s: WhoCan says no request is allowed", role, act)
			default:
				continue
			}
			decided++
			if (d == evaluate.Allowed) == (rows[role+" "+act] == Allowed) {
				exact++
			}
		}
	}
	t.Logf("%d AWS managed policies, %d (role, action) pairs decided, %d agree with evaluate", len(defaults), decided, exact)
	require.Equal(t, decided, exact)
}
