package managedpolicies

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"
)

func TestLoadReadsEveryVersionInOrder(t *testing.T) {
	got, err := Load("testdata/corpus/managedPolicies.json")
	require.NoError(t, err)
	want := []Policy{
		{Name: "AlphaAccess", ARN: "arn:aws:iam::aws:policy/AlphaAccess", Versions: []Version{
			{ID: "v1", Default: true, Document: []byte(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}`)},
		}},
		{Name: "MiddleSecurityGroups", ARN: "arn:aws:iam::aws:policy/MiddleSecurityGroups", Versions: []Version{
			{ID: "v1", Default: true, Document: []byte(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"ec2:CreateSecurityGroup","Resource":"arn:aws:ec2:*:*:security-group*/*"}]}`)},
		}},
		{Name: "ZetaReadOnly", ARN: "arn:aws:iam::aws:policy/service-role/ZetaReadOnly", Versions: []Version{
			{ID: "v2", Created: "2020-03-01T00:00:00.000Z", Document: []byte(`{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"kms:DescribeKey","Resource":"*","Condition":{"NumericLessThan":{"s3:max-keys":10}}}}`)},
			{ID: "v10", Default: true, Created: "2024-03-01T00:00:00.000Z", Document: []byte(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["kms:Describe*","kms:List*"],"Resource":"*"}]}`)},
		}},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Fatalf("Load (-want +got):\n%s", diff)
	}
	require.Equal(t, 4, Documents(got))
	v, ok := got[2].DefaultVersion()
	require.True(t, ok)
	require.Equal(t, "v10", v.ID, "v10 is after v2: versions sort by number")
}

func TestLoadFindsTheFileInTheFetchedFolder(t *testing.T) {
	dir := t.TempDir()
	data, err := os.ReadFile("testdata/corpus/managedPolicies.json")
	require.NoError(t, err)
	require.NoError(t, os.MkdirAll(filepath.Join(dir, "package", "dist"), 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(dir, dataFile), data, 0o644))
	got, err := Load(dir)
	require.NoError(t, err)
	require.Len(t, got, 3)
}

func TestLoadRefusesWhatIsNotTheCorpus(t *testing.T) {
	for _, tt := range []struct{ name, data string }{
		{"not JSON", `{`},
		{"no policies", `{}`},
		{"a default version that is missing", `{"P":{"arn":"arn:aws:iam::aws:policy/P","latestVersionId":"v2","versions":{"v1":{"document":{}}}}}`},
		{"a version ID that is not v<number>", `{"P":{"arn":"arn:aws:iam::aws:policy/P","latestVersionId":"x","versions":{"x":{"document":{}}}}}`},
		{"a document that is not an object", `{"P":{"arn":"arn:aws:iam::aws:policy/P","latestVersionId":"v1","versions":{"v1":{"document":"text"}}}}`},
		{"a policy without an ARN", `{"P":{"latestVersionId":"v1","versions":{"v1":{"document":{}}}}}`},
	} {
		t.Run("refuses "+tt.name, func(t *testing.T) {
			_, err := Decode([]byte(tt.data))
			require.Error(t, err)
		})
	}
	_, err := Load(filepath.Join(t.TempDir(), "missing"))
	require.ErrorContains(t, err, "fetch.sh")
}
