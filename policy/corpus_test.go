package policy_test

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"

	"github.com/cksiam/cksiam/policy"
	"github.com/cksiam/cksiam/policy/catalog"
)

// The corpus under testdata/corpus holds policy documents published by AWS
// (documentation examples, AWS-managed policies, AWS sample repositories),
// one folder per kind. AWS accepts every one of them, so Parse must accept
// them, writing them back must be a fixed point, and Validate with the
// catalog checker must raise no ERROR finding. Where AWS's own example
// legitimately earns a warning, corpusExpected names it, so that any change
// of behaviour on a real document fails this test. SOURCES.md records
// where each document was copied from.

// corpusKinds maps each folder of testdata/corpus to the kind its
// documents are validated as.
var corpusKinds = map[string]policy.Kind{
	"identity": policy.IdentityPolicy,
	"resource": policy.ResourcePolicy,
	"key":      policy.KeyPolicy,
	"trust":    policy.TrustPolicy,
	"boundary": policy.PermissionsBoundary,
	"session":  policy.SessionPolicy,
	"scp":      policy.SCP,
	"rcp":      policy.RCP,
}

// corpusExpected lists, per document ("folder/file.json"), every finding
// Validate reports on it as "SEVERITY CODE Path". A document not listed
// must have no finding at all. None of them may be an ERROR.
var corpusExpected = map[string][]string{
	// ForAllValues with Allow and no Null guard: true when the request has
	// no dynamodb:LeadingKeys at all (aws-rules B.10).
	"identity/dynamodb-items-cognito-forallvalues.json": {
		"SECURITY_WARNING FOR_ALL_VALUES_WITHOUT_NULL_GUARD Statement[0].Condition.ForAllValues:StringEquals.dynamodb:LeadingKeys",
	},
	// iam:ListMFADevices and iam:DeactivateMFADevice take only the user
	// resource type; the mfa/ ARNs AWS lists beside the user ARN match
	// nothing those actions act on.
	"identity/iam-mfa-selfmanage.json": {
		"WARNING RESOURCE_MATCHES_NO_RESOURCE_TYPE Statement[1].Resource[0]",
		"WARNING RESOURCE_MATCHES_NO_RESOURCE_TYPE Statement[3].Resource[0]",
	},
	// kms:EncryptionContext:aws:logs:arn is a String key in the Service
	// Authorization Reference, and AWS's own managed policy compares it
	// with ArnLike. The checker takes ARN operators to fit only ARN keys.
	"identity/managed-CloudWatchLogsAPIKeyAccess.json": {
		"WARNING CONDITION_OPERATOR_TYPE_MISMATCH Statement[1].Condition.ArnLike.kms:EncryptionContext:aws:logs:arn",
	},
	// s3:GetObject acts on objects; AWS's EKS example names the bucket.
	"identity/eks-pod-s3-getobject-on-bucket.json": {"WARNING RESOURCE_MATCHES_NO_RESOURCE_TYPE Statement[0].Resource[0]"},
	"identity/managed-AdministratorAccess.json":    {"SECURITY_WARNING ALLOW_ALL_ACTIONS Statement[0].Action[0]"},
	"identity/managed-PowerUserAccess.json":        {"SECURITY_WARNING ALLOW_WITH_NOT_ACTION Statement[0].NotAction"},
	// Public read: AWS's own warning in the example says the same.
	"resource/s3-mfa-age-numeric.json":       {"SECURITY_WARNING PUBLIC_PRINCIPAL Statement[2].Principal"},
	"resource/s3-public-read-anonymous.json": {"SECURITY_WARNING PUBLIC_PRINCIPAL Statement[0].Principal"},
	// The root user's ARN is not among the resource types the Service
	// Authorization Reference gives iam:CreateAccessKey (user only), though
	// it is the resource when the root user creates its own key. A warning,
	// not an error: see the report of the corpus work.
	// Statement 0 allows everyone; statement 1 denies the listed ranges.
	"resource/apigateway-deny-source-ip.json": {"SECURITY_WARNING PUBLIC_PRINCIPAL Statement[0].Principal"},
	// ForAllValues with Allow and no Null guard (aws-rules B.10).
	"trust/session-tags-external-id.json": {
		"SECURITY_WARNING FOR_ALL_VALUES_WITHOUT_NULL_GUARD Statement[1].Condition.ForAllValues:StringEquals.sts:TransitiveTagKeys",
	},
	// The data perimeter's VPC endpoint policy allows every action, to
	// principals of the organization only.
	"resource/vpc-endpoint-default-org-perimeter.json": {
		"SECURITY_WARNING ALLOW_ALL_ACTIONS Statement[0].Action[0]",
		"SECURITY_WARNING ALLOW_ALL_ACTIONS Statement[1].Action[0]",
		"SECURITY_WARNING ALLOW_ALL_ACTIONS Statement[2].Action[0]",
	},
	"scp/deny-root-access-keys.json": {"WARNING RESOURCE_MATCHES_NO_RESOURCE_TYPE Statement[0].Resource[0]"},
}

// corpusFile is one document of the corpus.
type corpusFile struct {
	name string // "identity/foo.json"
	kind policy.Kind
	data []byte
}

func loadCorpus(t testing.TB) []corpusFile {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join("testdata", "corpus", "*", "*.json"))
	require.NoError(t, err)
	var files []corpusFile
	perKind := make(map[string]int)
	for _, p := range paths {
		dir := filepath.Base(filepath.Dir(p))
		kind, ok := corpusKinds[dir]
		require.True(t, ok, "%s: folder %q is not a policy kind", p, dir)
		data, err := os.ReadFile(p)
		require.NoError(t, err)
		files = append(files, corpusFile{name: dir + "/" + filepath.Base(p), kind: kind, data: data})
		perKind[dir]++
	}
	require.GreaterOrEqual(t, len(files), 60, "the corpus lost documents")
	for dir := range corpusKinds {
		require.GreaterOrEqual(t, perKind[dir], 3, "the corpus has too few %s documents", dir)
	}
	return files
}

func TestCorpusDocumentsParseAndRoundTrip(t *testing.T) {
	for _, cf := range loadCorpus(t) {
		t.Run(cf.name, func(t *testing.T) {
			doc, err := policy.Parse(cf.data)
			require.NoError(t, err, "AWS accepts this document, so Parse must")

			compact, err := doc.Compact()
			require.NoError(t, err)
			again, err := policy.Parse(compact)
			require.NoError(t, err, "Parse must accept what Compact writes")
			if diff := cmp.Diff(doc, again); diff != "" {
				t.Errorf("Parse(Compact(doc)) differs from doc (-doc +again):\n%s", diff)
			}
			compact2, err := again.Compact()
			require.NoError(t, err)
			require.Equal(t, string(compact), string(compact2), "Compact is not a fixed point")
		})
	}
}

func TestCorpusDocumentsValidateAsAWSAcceptsThem(t *testing.T) {
	check := policy.WithChecker(catalog.Default())
	seen := make(map[string]bool)
	for _, cf := range loadCorpus(t) {
		seen[cf.name] = true
		t.Run(cf.name, func(t *testing.T) {
			got, err := policy.ValidateJSON(cf.data, cf.kind, check)
			require.NoError(t, err)
			lines := make([]string, 0, len(got))
			for _, f := range got {
				require.NotEqual(t, policy.SeverityError, f.Severity,
					"AWS accepts this %s, so Validate must not report an error: %s", cf.kind, f)
				line := f.Severity.String() + " " + f.Code
				if f.Path != "" {
					line += " " + f.Path
				}
				lines = append(lines, line)
			}
			want := corpusExpected[cf.name]
			if diff := cmp.Diff(want, lines, cmpEmptyIsNil); diff != "" {
				t.Errorf("findings (-want +got):\n%s", diff)
			}
		})
	}
	var stale []string
	for name := range corpusExpected {
		if !seen[name] {
			stale = append(stale, name)
		}
	}
	sort.Strings(stale)
	require.Empty(t, stale, "expectations name documents that are not in the corpus")
}

var cmpEmptyIsNil = cmp.Transformer("emptyIsNil", func(s []string) []string {
	if len(s) == 0 {
		return nil
	}
	return s
})

func TestCorpusSourcesNameEveryDocument(t *testing.T) {
	sources, err := os.ReadFile(filepath.Join("testdata", "corpus", "SOURCES.md"))
	require.NoError(t, err)
	for _, cf := range loadCorpus(t) {
		require.True(t, strings.Contains(string(sources), "`"+cf.name+"`"),
			"SOURCES.md does not say where %s comes from", cf.name)
	}
}
