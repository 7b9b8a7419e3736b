package kmskey_test

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/kms/types"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/stretchr/testify/require"

	"github.com/cksiam/cksiam/evaluate"
	"github.com/cksiam/cksiam/evaluate/kmskey"
)

func read(t *testing.T, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name))
	require.NoError(t, err)
	return data
}

func ptr[T any](v T) *T { return &v }

// The DynamoDB grant of docs.aws.amazon.com/kms/latest/developerguide/create-grant-overview.html.
func TestReadGrantsReadsTheGuidesListing(t *testing.T) {
	entries, err := kmskey.ReadGrants(read(t, "list-grants-dynamodb.json"))
	require.NoError(t, err)
	want := []evaluate.Grant{{
		KeyId:            "arn:aws:kms:us-west-2:111122223333:key/0987dcba-09fe-87dc-65ba-ab0987654321",
		GrantId:          "1667b97d27cf748cf05b487217dd4179526c949d14fb3903858e25193253fe59",
		Name:             "8276b9a6-6cf0-46f1-b2f0-7993a7f8c89a",
		CreationDate:     time.Unix(1518567315, 0).UTC(),
		GranteePrincipal: "dynamodb.us-west-2.amazonaws.com", RetiringPrincipal: "dynamodb.us-west-2.amazonaws.com",
		IssuingAccount: "arn:aws:iam::111122223333:root",
		Operations:     []string{"Decrypt", "Encrypt", "GenerateDataKey", "ReEncryptFrom", "ReEncryptTo", "RetireGrant", "DescribeKey"},
		Constraints: &evaluate.GrantConstraints{EncryptionContextSubset: map[string]string{
			"aws:dynamodb:tableName": "Services", "aws:dynamodb:subscriberId": "111122223333"}},
	}}
	if d := cmp.Diff(want, kmskey.Grants(entries)); d != "" {
		t.Fatalf("grants (-want +got):\n%s", d)
	}
	// The grant decides as the guide says: DynamoDB may decrypt for its table.
	ev, err := evaluate.Compile(evaluate.Policies{
		Resource: mustDoc(t, `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"kms:*","Resource":"*"}]}`),
		Grants:   kmskey.Grants(entries),
	})
	require.NoError(t, err)
	res, err := ev.Evaluate(evaluate.Request{Principal: "dynamodb.us-west-2.amazonaws.com", Action: "kms:Decrypt", Resource: want[0].KeyId,
		EncryptionContext: map[string]string{"aws:dynamodb:tableName": "Services", "aws:dynamodb:subscriberId": "111122223333"}})
	require.NoError(t, err)
	require.Equal(t, evaluate.Allowed, res.Decision)
	require.Equal(t, want[0].GrantId, res.GrantId)
}

// The two grants of docs.aws.amazon.com/kms/latest/developerguide/determining-access-grants.html,
// written as two pages of one listing.
func TestReadGrantsReadsPagesOneAfterAnother(t *testing.T) {
	entries, err := kmskey.ReadGrants(read(t, "list-grants-pages.json"))
	require.NoError(t, err)
	require.Len(t, entries, 2)
	require.Equal(t, "dc716f53c93acacf291b1540de3e5a232b76256c83b2ecb22cdefa26576a2d3e", *entries[0].GrantId)
	require.Equal(t, time.Unix(1444151834, 0).UTC(), *entries[0].CreationDate)
	require.Equal(t, "arn:aws:iam::444455556666:root", *entries[1].GranteePrincipal)
	require.Equal(t, "", *entries[1].Name, "an empty Name stays an empty string in the SDK type")
}

func TestReadGrantsAcceptsTheOtherShapes(t *testing.T) {
	for _, c := range []struct {
		name, text string
		n          int
	}{
		{"a bare list of grants", `[{"GrantId":"a","GranteePrincipal":"arn:aws:iam::111122223333:user/u","Operations":["Decrypt"]}]`, 1},
		{"an empty listing", `{"Grants":[],"Truncated":false}`, 0},
		{"a grant listed on two pages counts once",
			`{"Grants":[{"GrantId":"a","Operations":["Decrypt"]}],"Truncated":true,"NextMarker":"m"} {"Grants":[{"GrantId":"a","Operations":["Decrypt"]}]}`, 1},
		{"an ISO 8601 creation date", `{"Grants":[{"GrantId":"a","CreationDate":"2019-09-15T16:34:50+00:00"}]}`, 1},
		{"null members", `{"Grants":[{"GrantId":"a","Name":null,"Constraints":null}],"NextMarker":null}`, 1},
	} {
		t.Run(c.name, func(t *testing.T) {
			got, err := kmskey.ReadGrants([]byte(c.text))
			require.NoError(t, err)
			require.Len(t, got, c.n)
			require.NotNil(t, got)
		})
	}
}

func TestReadGrantsRefusesWhatItCannotRead(t *testing.T) {
	for _, c := range []struct {
		name, text string
		class      error
		page       int
		path       string
	}{
		{"not JSON", `{"Grants": [`, kmskey.ErrSyntax, 1, "Grants"},
		{"an empty file", ``, kmskey.ErrSyntax, 0, ""},
		{"a file that is not UTF-8 (JSON would read the byte as U+FFFD)", "{\"Grants\": [{\"GrantId\": \"a\", \"Name\": \"app-\xffdecrypt\"}]}", kmskey.ErrSyntax, 0, ""},
		{"another command's output", `{"KeyMetadata":{}}`, kmskey.ErrInvalid, 1, ""},
		{"a truncated listing", `{"Grants":[],"NextMarker":"m","Truncated":true}`, kmskey.ErrTruncated, 1, "Truncated"},
		{"a truncated last page", `{"Grants":[],"Truncated":true} {"Grants":[],"Truncated":true}`, kmskey.ErrTruncated, 2, "Truncated"},
		{"a page the CLI cut with --max-items", `{"Grants":[],"NextToken":"eyJNYXJrZXIiOiBudWxsfQ=="}`, kmskey.ErrTruncated, 1, "NextToken"},
		{"a last page the CLI cut with --max-items", `{"Grants":[],"NextToken":"t1"} {"Grants":[],"NextToken":"t2"}`, kmskey.ErrTruncated, 2, "NextToken"},
		{"a NextMarker without Truncated", `{"Grants":[],"NextMarker":"m"}`, kmskey.ErrTruncated, 1, "NextMarker"},
		{"a Truncated member that is no boolean on a first page", `{"Grants":[],"Truncated":"yes"} {"Grants":[]}`, kmskey.ErrInvalid, 1, "Truncated"},
		{"an unknown constraint", `{"Grants":[{"GrantId":"a","Constraints":{"SourceVpc":"vpc-1"}}]}`, kmskey.ErrInvalid, 1, "Grants[0].Constraints.SourceVpc"},
		{"an unknown grant member", `{"Grants":[{"GrantId":"a","ExpiresAt":1}]}`, kmskey.ErrInvalid, 1, "Grants[0].ExpiresAt"},
		{"a member given twice", `{"Grants":[{"GrantId":"a","GrantId":"b"}]}`, kmskey.ErrInvalid, 1, "Grants[0].GrantId"},
		{"a grant without ID", `{"Grants":[{"Operations":["Decrypt"]}]}`, kmskey.ErrInvalid, 1, "Grants[0].GrantId"},
		{"an operation that is no string", `{"Grants":[{"GrantId":"a","Operations":[1]}]}`, kmskey.ErrInvalid, 1, "Grants[0].Operations[0]"},
		{"a constraint value that is no string", `{"Grants":[{"GrantId":"a","Constraints":{"EncryptionContextEquals":{"k":1}}}]}`, kmskey.ErrInvalid, 1, "Grants[0].Constraints.EncryptionContextEquals.k"},
		{"a bad creation date", `{"Grants":[{"GrantId":"a","CreationDate":"yesterday"}]}`, kmskey.ErrInvalid, 1, "Grants[0].CreationDate"},
		{"one grant ID for two grants", `{"Grants":[{"GrantId":"a","Operations":["Decrypt"]},{"GrantId":"a","Operations":["Encrypt"]}]}`, kmskey.ErrInvalid, 1, "Grants[1]"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := kmskey.ReadGrants([]byte(c.text))
			var e *kmskey.Error
			require.ErrorAs(t, err, &e)
			require.True(t, errors.Is(err, c.class), "%v is not %v", err, c.class)
			require.Equal(t, c.page, e.Page, err.Error())
			require.Equal(t, c.path, e.Path, err.Error())
		})
	}
}

func TestGrantConversionRoundTrips(t *testing.T) {
	g := evaluate.Grant{
		KeyId: "arn:aws:kms:us-west-2:111122223333:key/k", GrantId: "g", Name: "n", CreationDate: time.Unix(1572216195, 0).UTC(),
		GranteePrincipal: "arn:aws:iam::111122223333:user/exampleUser", RetiringPrincipal: "arn:aws:iam::111122223333:role/adminRole",
		RetiringServicePrincipal: "cks.kms.amazonaws.com", IssuingAccount: "arn:aws:iam::111122223333:root",
		Operations:  []string{"GenerateDataKey", "Decrypt", "CreateGrant"},
		Constraints: &evaluate.GrantConstraints{EncryptionContextEquals: map[string]string{"Department": "IT"}, SourceArn: "arn:aws:s3:::b"},
	}
	if d := cmp.Diff(g, kmskey.Grant(kmskey.SDKGrant(g))); d != "" {
		t.Fatalf("evaluate → SDK → evaluate (-want +got):\n%s", d)
	}
	sdk := types.GrantListEntry{GrantId: ptr("g2"), GranteeServicePrincipal: ptr("cks.kms.amazonaws.com"),
		Operations: []types.GrantOperation{types.GrantOperationDecrypt}, Constraints: &types.GrantConstraints{SourceArn: ptr("arn:aws:s3:::b")}}
	if d := cmp.Diff(sdk, kmskey.SDKGrant(kmskey.Grant(sdk)), cmpopts.IgnoreUnexported(types.GrantListEntry{}, types.GrantConstraints{})); d != "" {
		t.Fatalf("SDK → evaluate → SDK (-want +got):\n%s", d)
	}
}

func TestKeyFactsFromTheCLI(t *testing.T) {
	meta, err := kmskey.ReadKeyMetadata(read(t, "describe-key-cloudhsm.json"))
	require.NoError(t, err)
	tags, err := kmskey.ReadTags(read(t, "list-resource-tags.json"))
	require.NoError(t, err)
	want := &evaluate.KeyFacts{
		Arn:    "arn:aws:kms:us-west-2:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab",
		Origin: "AWS_CLOUDHSM", KeySpec: "SYMMETRIC_DEFAULT", KeyUsage: "ENCRYPT_DECRYPT", MultiRegion: ptr(false),
		Tags: map[string]string{"Dept": "IT", "Purpose": "Test"},
	}
	if d := cmp.Diff(want, kmskey.Facts(meta, tags)); d != "" {
		t.Fatalf("facts (-want +got):\n%s", d)
	}
	require.Nil(t, kmskey.Facts(meta, nil).Tags, "unknown tags stay unknown")
	none, err := kmskey.ReadTags([]byte(`{"Tags":[],"Truncated":false}`))
	require.NoError(t, err)
	require.Equal(t, map[string]string{}, kmskey.Facts(meta, none).Tags, "a key without tags has an empty tag map")
}

func TestReadKeyFactsRefusals(t *testing.T) {
	for _, c := range []struct {
		name string
		read func([]byte) error
		text string
		path string
	}{
		{"describe-key without KeyMetadata", readMeta, `{"Key":{}}`, ""},
		{"metadata without KeyId", readMeta, `{"KeyMetadata":{"Arn":"x"}}`, "KeyMetadata.KeyId"},
		{"MultiRegion that is no boolean", readMeta, `{"KeyMetadata":{"KeyId":"k","MultiRegion":"false"}}`, "KeyMetadata.MultiRegion"},
		{"a tag key given twice", readTags, `{"Tags":[{"TagKey":"a","TagValue":"1"},{"TagKey":"a","TagValue":"2"}]}`, "Tags[1]"},
		{"a tag without value", readTags, `{"Tags":[{"TagKey":"a"}]}`, "Tags[0]"},
		{"truncated tags", readTags, `{"Tags":[],"Truncated":true,"NextMarker":"m"}`, "Truncated"},
		{"tags the CLI cut with --max-items", readTags, `{"Tags":[],"NextToken":"t"}`, "NextToken"},
	} {
		t.Run(c.name, func(t *testing.T) {
			err := c.read([]byte(c.text))
			var e *kmskey.Error
			require.ErrorAs(t, err, &e)
			require.Equal(t, c.path, e.Path, err.Error())
		})
	}
}

func readMeta(b []byte) error { _, err := kmskey.ReadKeyMetadata(b); return err }
func readTags(b []byte) error { _, err := kmskey.ReadTags(b); return err }
