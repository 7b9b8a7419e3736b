package roles

import (
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/cksiam/cksiam/policy"
	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// fullOptions sets every option, so the golden files show each of them.
var fullOptions = Options{
	Account: "123456789012", Region: "eu-central-1",
	KeyIDs:     []string{"1234abcd-12ab-34cd-56ef-1234567890ab"},
	ClusterIDs: []string{"cluster-jxhlf7644ne"}, BackupIDs: []string{"backup-rtq2dwi2gq6"},
	CallerAccount: true, KeyOrigins: []KeyOrigin{OriginCloudHSM, OriginExternalKeyStore},
	Connectivity: VPCEndpointService, VPCAndClientInstance: true,
	ViaServices:       []string{"ebs.eu-central-1.amazonaws.com", "ec2.eu-central-1.amazonaws.com"},
	EncryptionContext: map[string]string{"Department": "IT", "Project": "Atlas"},
	KeyAdministrators: []string{"arn:aws:iam::123456789012:role/Admin"},
	KeyUsers:          []string{"arn:aws:iam::123456789012:role/App", "444455556666"},
}

// goldenDocs returns every generated document by golden file name.
func goldenDocs(t *testing.T) map[string]*policy.Document {
	t.Helper()
	docs := map[string]*policy.Document{}
	for suffix, o := range map[string]Options{"": exampleOptions, ".full": fullOptions} {
		rs, err := All(o)
		require.NoError(t, err)
		c, err := ConsoleKeyPolicy(o)
		require.NoError(t, err)
		for _, r := range append(rs, c) {
			docs[r.Name+suffix] = r.Document()
			if r.Name == "KeyStoreManager" && suffix == "" {
				trust, err := r.TrustPolicy()
				require.NoError(t, err)
				docs[r.Name+".trust"] = trust
			}
		}
	}
	s := CustomKeyStoresServiceLinkedRole()
	docs["ServiceLinkedRole.v1"] = s.Policy(PolicyV1)
	docs["ServiceLinkedRole.v2"] = s.Policy(PolicyV2)
	docs["ServiceLinkedRole.trust"] = s.TrustPolicy()
	return docs
}

func TestGoldenDocuments(t *testing.T) {
	for name, doc := range goldenDocs(t) {
		t.Run(name+" matches its golden file", func(t *testing.T) {
			got, err := doc.Format()
			require.NoError(t, err)
			path := filepath.Join("testdata", name+".json")
			if *update {
				require.NoError(t, os.WriteFile(path, got, 0o644))
			}
			want, err := os.ReadFile(path)
			require.NoError(t, err, "run go test ./roles -update to create it")
			if d := cmp.Diff(string(want), string(got)); d != "" {
				t.Errorf("%s (-golden +generated):\n%s", path, d)
			}
			back, err := policy.Parse(got)
			require.NoError(t, err)
			if d := cmp.Diff(doc, back); d != "" {
				t.Errorf("Parse(Format()) differs (-generated +parsed):\n%s", d)
			}
		})
	}
}

// exampleOptions are AWS's documentation account and Region, the values of
// the golden files without a suffix.
var exampleOptions = Options{Account: "111122223333", Region: "us-west-2"}
