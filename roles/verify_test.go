package roles

import (
	"strings"
	"testing"

	"github.com/cksiam/cksiam/policy"
	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"
)

func TestEveryRoleVerifiesOverTheFullCatalog(t *testing.T) {
	for _, o := range []Options{
		exampleOptions,
		fullOptions,
		{Account: "123456789012", Region: "eu-central-1", KeyIDs: []string{"1234abcd-12ab-34cd-56ef-1234567890ab"},
			ClusterIDs: []string{"cluster-jxhlf7644ne"}, BackupIDs: []string{"backup-rtq2dwi2gq6"}, CallerAccount: true,
			KeyOrigins: []KeyOrigin{OriginCloudHSM, OriginExternalKeyStore}, Connectivity: VPCEndpointService,
			ViaServices: []string{"ec2.eu-central-1.amazonaws.com"}, EncryptionContext: map[string]string{"Department": "IT"}},
	} {
		rs, err := All(o)
		require.NoError(t, err)
		c, err := ConsoleKeyPolicy(o)
		require.NoError(t, err)
		for _, r := range append(rs, c) {
			t.Run(r.Name+" in "+r.Options.Region+" allows every intended request and denies every near miss", func(t *testing.T) {
				v := r.Verify()
				for i, f := range v.Failures {
					if i == 20 {
						t.Errorf("... and %d more", len(v.Failures)-20)
						break
					}
					t.Errorf("%s %s %s on %s ctx=%v: got %s (%v) want allow=%v: %s", f.Case.Kind, f.Case.Principal, f.Case.Action, f.Case.Resource, f.Case.Context, f.Decision, f.Err, f.Case.Allow, f.Reason)
				}
				require.True(t, v.Summary.OK(), v.Summary.String())
				require.NotZero(t, v.Summary.Intended)
				require.NotZero(t, v.Summary.NearMisses)
				t.Log(r.Name, v.Summary)
			})
		}
	}
}

func TestVerifyReportsARoleWhoseDocumentDoesNotDoWhatItSays(t *testing.T) {
	r, err := KeyUser(Options{Account: "111122223333", Region: "us-west-2"})
	require.NoError(t, err)
	// A condition the matrix reads as "satisfied by this value" but that
	// denies exactly that value: every intended request must now fail.
	r.Permissions[0].Condition = r.Permissions[0].Condition.With("StringNotEquals", "kms:ViaService", "s3.us-west-2.amazonaws.com")
	v := r.Verify()
	require.False(t, v.Summary.OK())
	require.Less(t, v.Summary.IntendedAllowed, v.Summary.Intended)
	require.NotEmpty(t, v.Failures)
	require.True(t, v.Failures[0].Case.Allow)
}

func TestVerifyFailsWhenAPermissionIsWidenedBeyondItsCatalogScope(t *testing.T) {
	o := Options{Account: "111122223333", Region: "us-west-2", KeyIDs: []string{"1234abcd-12ab-34cd-56ef-1234567890ab"}, ClusterIDs: []string{"cluster-jxhlf7644ne"}, BackupIDs: []string{"backup-rtq2dwi2gq6"}}
	widen := map[string]func([]string) []string{
		`to "*"`: func([]string) []string { return []string{"*"} },
		"to every resource of its type": func(res []string) []string {
			var out []string
			for _, r := range res {
				if i := strings.LastIndexByte(r, '/'); i >= 0 {
					r = r[:i+1] + "*"
				}
				out = append(out, r)
			}
			return out
		},
	}
	rs, err := All(o)
	require.NoError(t, err)
	tested := 0
	for _, r := range rs {
		if r.Kind != policy.IdentityPolicy || r.ServiceLinked() != nil {
			continue
		}
		for i, p := range r.Permissions {
			if len(p.Resources) == 1 && p.Resources[0] == "*" {
				continue
			}
			for how, f := range widen {
				wide := f(p.Resources)
				if cmp.Equal(wide, p.Resources) || p.Sid == "CreateServiceLinkedRole" && how != `to "*"` {
					// Any role under the service's own aws-service-role/
					// path is the documented pattern (aws-rules G.3), not a
					// widening.
					continue
				}
				t.Run(r.Name+" with "+p.Sid+" widened "+how+" fails verification", func(t *testing.T) {
					broken := *r
					broken.Permissions = append([]Permission(nil), r.Permissions...)
					broken.Permissions[i].Resources = wide
					v := broken.Verify()
					require.False(t, v.Summary.OK(), v.Summary.String())
					require.NotEmpty(t, v.Failures)
					require.False(t, v.Failures[0].Case.Allow, "a wider grant lets a near miss through")
				})
				tested++
			}
		}
	}
	require.Greater(t, tested, 10)
}

func TestVerifyNearMissesNeverCollideWithTheOptions(t *testing.T) {
	cases := []struct {
		name string
		o    Options
	}{
		{"the account is the one other-account near misses used to be moved to", Options{Account: "444455556666", Region: "us-west-2"}},
		{"the account is the one strangers used to call from", Options{Account: "999988887777", Region: "us-west-2"}},
		{"the account is the last account ID", Options{Account: "999999999999", Region: "us-east-1"}},
		{"the key policy names the accounts next to the options' account", Options{Account: "123456789012", Region: "us-west-2",
			KeyUsers: []string{"123456789013", "arn:aws:iam::123456789014:root", "arn:aws:iam::123456789015:role/App"}}},
		{"the key policy names a role called NoIAMPolicy", Options{Account: "123456789012", Region: "us-west-2",
			KeyUsers: []string{"arn:aws:iam::123456789012:role/NoIAMPolicy"}, KeyAdministrators: []string{"arn:aws:iam::123456789012:role/NotNoIAMPolicy"}}},
		{"the chosen IDs include the other-ID spelling", Options{Account: "123456789012", Region: "us-west-2",
			KeyIDs: []string{"k1", "not-k1"}, ClusterIDs: []string{"cluster-a", "not-cluster-a"}, BackupIDs: []string{"backup-a", "not-backup-a", "not-not-backup-a"}}},
		{"the encryption context accepts the wrong-value spelling", Options{Account: "123456789012", Region: "us-west-2",
			EncryptionContext: map[string]string{"Purpose": "other-value"}, CallerAccount: true}},
	}
	for _, tc := range cases {
		rs, err := All(tc.o)
		require.NoError(t, err)
		c, err := ConsoleKeyPolicy(tc.o)
		require.NoError(t, err)
		for _, r := range append(rs, c) {
			t.Run(r.Name+" verifies when "+tc.name, func(t *testing.T) {
				v := r.Verify()
				for i, f := range v.Failures {
					if i == 5 {
						break
					}
					t.Errorf("%s %s %s on %s ctx=%v: got %s want allow=%v", f.Case.Kind, f.Case.Principal, f.Case.Action, f.Case.Resource, f.Case.Context, f.Decision, f.Case.Allow)
				}
				require.True(t, v.Summary.OK(), v.Summary.String())
			})
		}
	}
}

func TestVerifyWithoutARegionSamplesOneThatIsNotTheOtherRegion(t *testing.T) {
	for _, n := range []string{"KeyStoreManager", "ExternalKeyStoreManager", "ServiceLinkedRole", "DefaultKeyPolicy", "ConsoleKeyPolicy"} {
		t.Run(n+" built without a Region verifies with sample requests in one Region", func(t *testing.T) {
			r, err := ByName(n, Options{Account: "123456789012", CallerAccount: true})
			require.NoError(t, err)
			v := r.Verify()
			require.True(t, v.Summary.OK(), v.Summary.String())
			for _, c := range r.Matrix() {
				require.NotContains(t, c.Resource, ":kms::", "a kms resource always names a Region")
			}
		})
	}
}
