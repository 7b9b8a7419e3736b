package roles

import (
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/cksiam/cksiam/policy"
	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"
)

func TestSDKInputsCarryTheRoleDocuments(t *testing.T) {
	rs, err := All(fullOptions)
	require.NoError(t, err)
	for _, r := range rs {
		if r.Kind != policy.IdentityPolicy || r.ServiceLinked() != nil {
			continue
		}
		t.Run(r.Name+" gives CreatePolicy, CreateRole and PutRolePolicy inputs", func(t *testing.T) {
			cp, err := r.CreatePolicyInput()
			require.NoError(t, err)
			require.Equal(t, r.Name, aws.ToString(cp.PolicyName))
			require.Equal(t, r.Description, aws.ToString(cp.Description))
			doc, err := policy.Parse([]byte(aws.ToString(cp.PolicyDocument)))
			require.NoError(t, err)
			if d := cmp.Diff(r.Document(), doc); d != "" {
				t.Errorf("CreatePolicy document (-role +input):\n%s", d)
			}

			pr, err := r.PutRolePolicyInput("AppRole")
			require.NoError(t, err)
			require.Equal(t, "AppRole", aws.ToString(pr.RoleName))
			require.Equal(t, aws.ToString(cp.PolicyDocument), aws.ToString(pr.PolicyDocument))

			cr, err := r.CreateRoleInput("arn:aws:iam::123456789012:role/Deployer")
			require.NoError(t, err)
			require.Equal(t, r.Name, aws.ToString(cr.RoleName))
			trust, err := policy.Parse([]byte(aws.ToString(cr.AssumeRolePolicyDocument)))
			require.NoError(t, err)
			require.Len(t, trust.Statement, 1)
			require.Equal(t, []string{"arn:aws:iam::123456789012:role/Deployer"}, trust.Statement[0].Principal.AWS.Values)
			require.Equal(t, []string{"sts:AssumeRole"}, trust.Statement[0].Action.Values)
			for _, f := range policy.Validate(trust, policy.TrustPolicy) {
				require.NotEqual(t, policy.SeverityError, f.Severity, f.String())
				require.NotEqual(t, policy.SeveritySecurityWarning, f.Severity, f.String())
			}
		})
	}
	t.Run("policy document strings are the canonical compact JSON, without HTML escaping", func(t *testing.T) {
		r, err := KeyUser(Options{Account: "111122223333", Region: "us-west-2", EncryptionContext: map[string]string{"Department": "R&D <lab>"}})
		require.NoError(t, err)
		want, err := r.Document().Compact()
		require.NoError(t, err)
		require.Contains(t, string(want), `"R&D <lab>"`)
		cp, err := r.CreatePolicyInput()
		require.NoError(t, err)
		require.Equal(t, string(want), aws.ToString(cp.PolicyDocument))
		pr, err := r.PutRolePolicyInput("AppRole")
		require.NoError(t, err)
		require.Equal(t, string(want), aws.ToString(pr.PolicyDocument))
		cr, err := r.CreateRoleInput()
		require.NoError(t, err)
		trust, err := r.TrustPolicy()
		require.NoError(t, err)
		wantTrust, err := trust.Compact()
		require.NoError(t, err)
		require.Equal(t, string(wantTrust), aws.ToString(cr.AssumeRolePolicyDocument))
	})
	t.Run("a trust policy refuses a wildcard principal", func(t *testing.T) {
		r, err := KeyUser(Options{Account: "111122223333", Region: "us-west-2"})
		require.NoError(t, err)
		_, err = r.CreateRoleInput("*")
		require.Error(t, err)
	})
	t.Run("PutRolePolicy needs a role name", func(t *testing.T) {
		r, err := KeyUser(Options{Account: "111122223333", Region: "us-west-2"})
		require.NoError(t, err)
		_, err = r.PutRolePolicyInput("")
		require.Error(t, err)
	})
}

func TestDocumentsAreDeterministic(t *testing.T) {
	a := fullOptions
	b := fullOptions
	b.KeyIDs = []string{"1234abcd-12ab-34cd-56ef-1234567890ab", "1234abcd-12ab-34cd-56ef-1234567890ab"}
	b.ViaServices = []string{fullOptions.ViaServices[1], fullOptions.ViaServices[0]}
	b.KeyUsers = []string{fullOptions.KeyUsers[1], fullOptions.KeyUsers[0]}
	b.KeyOrigins = []KeyOrigin{OriginExternalKeyStore, OriginCloudHSM}
	ra, err := All(a)
	require.NoError(t, err)
	rb, err := All(b)
	require.NoError(t, err)
	for i := range ra {
		x, err := ra[i].Document().Format()
		require.NoError(t, err)
		y, err := rb[i].Document().Format()
		require.NoError(t, err)
		if d := cmp.Diff(string(x), string(y)); d != "" {
			t.Errorf("%s depends on option order:\n%s", ra[i].Name, d)
		}
	}
}
