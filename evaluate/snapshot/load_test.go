package snapshot

import (
	"errors"
	"io/fs"
	"os"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/aws/aws-sdk-go-v2/aws"
	kmstypes "github.com/aws/aws-sdk-go-v2/service/kms/types"

	"github.com/cksiam/cksiam/policy"
	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"
)

const (
	testDir    = "testdata/account"
	testKeyID  = "1234abcd-12ab-34cd-56ef-1234567890ab"
	testKeyARN = "arn:aws:kms:us-west-2:111122223333:key/" + testKeyID
	acctPrefix = "arn:aws:iam::111122223333:"
)

func loadTest(t testing.TB) *Account {
	t.Helper()
	a, err := Load(testDir)
	require.NoError(t, err)
	return a
}

// sources lists the Source of each document.
func sources(ds []Document) []string {
	var out []string
	for _, d := range ds {
		out = append(out, d.Source)
	}
	return out
}

func TestLoad(t *testing.T) {
	a := loadTest(t)
	require.Equal(t, "111122223333", a.ID)
	require.Equal(t, "aws", a.Partition)

	t.Run("every user and role of every page is a principal, with the root user", func(t *testing.T) {
		var got []string
		for _, p := range a.Principals() {
			got = append(got, strings.TrimPrefix(p.ARN, acctPrefix))
		}
		want := []string{"role/AdminRole", "role/AuditRole", "role/BreakGlass", "role/KeyUserRole", "role/app/AppRole",
			"role/aws-service-role/example.amazonaws.com/AWSServiceRoleForExampleService", "root",
			"user/alice", "user/bob", "user/carol", "user/dave"}
		require.Empty(t, cmp.Diff(want, got))
	})

	t.Run("a user inherits its groups' inline and managed policies", func(t *testing.T) {
		bob, _ := a.Principal(acctPrefix + "user/bob")
		require.Equal(t, []string{acctPrefix + "group/KeyUsers inline policy UseTheKey"}, sources(bob.Identity))
		alice, _ := a.Principal(acctPrefix + "user/alice")
		require.Equal(t, []string{acctPrefix + "policy/KeyAdministration (v2)"}, sources(alice.Identity))
	})

	t.Run("a managed policy counts with its default version, not the newest", func(t *testing.T) {
		alice, _ := a.Principal(acctPrefix + "user/alice")
		require.Equal(t, "KeyAdmin", alice.Identity[0].Doc.Statement[0].Sid, "v2 is the default; v3 is listed first and newer")
	})

	t.Run("URL-encoded documents are decoded without turning + into a space", func(t *testing.T) {
		carol, _ := a.Principal(acctPrefix + "user/carol")
		var tagging *policy.Document
		for _, d := range carol.Identity {
			if strings.HasSuffix(d.Source, "TagTheKey") {
				tagging = d.Doc
			}
		}
		require.NotNil(t, tagging)
		require.Equal(t, []string{"crypto+ops"}, tagging.Statement[0].Condition[0].Entries[0].Texts())
	})

	t.Run("boundaries, tags and service-linked roles are read", func(t *testing.T) {
		bob, _ := a.Principal(acctPrefix + "user/bob")
		require.NotNil(t, bob.Boundary)
		require.Equal(t, acctPrefix+"policy/DecryptOnlyBoundary", bob.BoundaryARN)
		require.Equal(t, map[string]string{"DataAccess": "approved"}, bob.Tags)
		slr, _ := a.Principal(acctPrefix + "role/aws-service-role/example.amazonaws.com/AWSServiceRoleForExampleService")
		require.True(t, slr.ServiceLinked)
		app, _ := a.Principal(acctPrefix + "role/app/AppRole")
		require.False(t, app.ServiceLinked)
	})

	t.Run("an attached policy missing from the snapshot is recorded, not read as empty", func(t *testing.T) {
		audit, _ := a.Principal(acctPrefix + "role/AuditRole")
		require.Equal(t, []string{"arn:aws:iam::aws:policy/ReadOnlyAccess"}, audit.Missing)
	})

	t.Run("the key has its policy, grants, tags and metadata", func(t *testing.T) {
		k, ok := a.Key(testKeyID)
		require.True(t, ok)
		require.Equal(t, testKeyARN, k.ARN)
		require.Equal(t, "us-west-2", k.Region)
		require.Equal(t, "AWS_CLOUDHSM", string(k.Metadata.Origin))
		require.Len(t, k.Policy.Statement, 6)
		require.True(t, k.GrantsLoaded)
		require.Len(t, k.Grants, 4)
		require.Equal(t, map[string]string{"Project": "Phoenix", "Classification": "secret"}, k.Tags)
	})

	t.Run("SCP levels are in ascending folder order, RCPs likewise", func(t *testing.T) {
		require.Len(t, a.SCPs, 3)
		require.Equal(t, []string{"SCP organizations/scp/1-ou-workloads/deny-key-deletion.json",
			"SCP FullAWSAccess (organizations/scp/1-ou-workloads/p-FullAWSAccess.json)"}, sources(a.SCPs[1]))
		require.Len(t, a.SCPs[2], 2)
		require.Len(t, a.RCPs, 1)
		require.True(t, a.SCPsLoaded && a.RCPsLoaded)
	})
}

// testFS is the test snapshot as a MapFS, for mutation.
func testFS(t testing.TB) fstest.MapFS {
	t.Helper()
	m := fstest.MapFS{}
	err := fs.WalkDir(os.DirFS(testDir), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(testDir + "/" + p)
		m[p] = &fstest.MapFile{Data: data}
		return err
	})
	require.NoError(t, err)
	return m
}

func TestLoadErrors(t *testing.T) {
	const (
		page1 = "iam/authorization-details-1.json"
		page2 = "iam/authorization-details-2.json"
		kdir  = "kms/" + testKeyID + "/"
	)
	replace := func(file, old, new string) func(*testing.T, fstest.MapFS) {
		return func(t *testing.T, m fstest.MapFS) {
			s := string(m[file].Data)
			require.Contains(t, s, old, "test mutation must apply")
			m[file] = &fstest.MapFile{Data: []byte(strings.Replace(s, old, new, 1))}
		}
	}
	reReplace := func(file, re, repl string) func(*testing.T, fstest.MapFS) {
		return func(t *testing.T, m fstest.MapFS) {
			rx := regexp.MustCompile(re)
			require.Regexp(t, rx, string(m[file].Data), "test mutation must apply")
			m[file] = &fstest.MapFile{Data: rx.ReplaceAll(m[file].Data, []byte(repl))}
		}
	}
	put := func(file, data string) func(*testing.T, fstest.MapFS) {
		return func(_ *testing.T, m fstest.MapFS) { m[file] = &fstest.MapFile{Data: []byte(data)} }
	}
	del := func(file string) func(*testing.T, fstest.MapFS) {
		return func(_ *testing.T, m fstest.MapFS) { delete(m, file) }
	}
	tests := []struct {
		name   string
		mutate func(*testing.T, fstest.MapFS)
		file   string
		path   string
		reason string
	}{
		{"a misspelt Effect in a policy the CLI printed names the element inside the document",
			reReplace(page1, `("Sid": "KeyAdmin",\s*"Effect": )"Allow"`, `${1}"Alow"`),
			page1, "Policies[0].PolicyVersionList[1].Document.Statement[0].Effect", "Allow\" or \"Deny"},
		{"a broken URL-encoded document names its path",
			replace(page2, `%22Effect%22%3A%22Allow%22%2C%22Action%22%3A%5B%22kms%3ATagResource`, `%22Effect%22%3A%22Allo%22%2C%22Action%22%3A%5B%22kms%3ATagResource`),
			page2, "UserDetailList[0].UserPolicyList[0].PolicyDocument.Statement[0].Effect", "Allow\" or \"Deny"},
		{"a bad percent escape is refused",
			replace(page2, `%22Effect%22%3A%22Allow%22%2C%22Action%22%3A%5B%22kms%3ATagResource`, `%ZZ`),
			page2, "UserDetailList[0].UserPolicyList[0].PolicyDocument", "URL-encoded"},
		{"a member of the wrong type names its path",
			replace(page1, `"RoleName": "AdminRole"`, `"RoleName": 7`),
			page1, "RoleDetailList[0].RoleName", "want a string"},
		{"a member given twice is refused",
			replace(page1, `"UserName": "alice",`, `"UserName": "alice", "UserName": "mallory",`),
			page1, "UserDetailList[0].UserName", "twice"},
		{"a managed policy without a default version is refused",
			replace(page1, `"VersionId": "v2",
                    "IsDefaultVersion": true`, `"VersionId": "v2",
                    "IsDefaultVersion": false`),
			page1, "Policies[0].PolicyVersionList", "no version has IsDefaultVersion"},
		{"DefaultVersionId that disagrees with IsDefaultVersion is refused",
			replace(page1, `"DefaultVersionId": "v2"`, `"DefaultVersionId": "v3"`),
			page1, "Policies[0].PolicyVersionList[1].VersionId", "DefaultVersionId"},
		{"a principal of another account is refused",
			replace(page2, `arn:aws:iam::111122223333:user/dave`, `arn:aws:iam::999988887777:user/dave`),
			page2, "UserDetailList[1].Arn", "one account per snapshot"},
		{"a file that is not UTF-8 is refused, not read with U+FFFD in place of the byte",
			replace(page2, `"arn:aws:iam::111122223333:user/dave"`, "\"arn:aws:iam::111122223333:user/d\xffave\""),
			page2, "", "not valid UTF-8 at byte offset"},
		{"a principal ARN of no AWS partition is refused, not left for WhoCan to fail on",
			replace(page2, `"arn:aws:iam::111122223333:user/dave"`, `"arn:s:iam::111122223333:user/dave"`),
			page2, "UserDetailList[1].Arn", "not an AWS partition"},
		{"a principal ARN of another partition than the snapshot's is refused",
			replace(page2, `"arn:aws:iam::111122223333:user/dave"`, `"arn:aws-cn:iam::111122223333:user/dave"`),
			page2, "UserDetailList[1].Arn", "but the snapshot's ARNs are in aws"},
		{"a principal ARN without a name is refused",
			replace(page2, `"arn:aws:iam::111122223333:user/dave"`, `"arn:aws:iam::111122223333:user/"`),
			page2, "UserDetailList[1].Arn", "no name"},
		{"a principal ARN with a wildcard is refused",
			replace(page2, `"arn:aws:iam::111122223333:user/dave"`, `"arn:aws:iam::111122223333:user/d*"`),
			page2, "UserDetailList[1].Arn", "wildcard"},
		{"a key of another partition than the snapshot's is refused",
			func(t *testing.T, m fstest.MapFS) {
				for _, f := range []string{"describe-key.json", "grants.json"} {
					reReplace(kdir+f, "arn:aws:kms:", "arn:aws-cn:kms:")(t, m)
				}
			}, "kms/" + testKeyID, "KeyMetadata.Arn", "partition aws-cn"},
		{"a key ARN without a Region is refused",
			replace(kdir+"describe-key.json", "arn:aws:kms:us-west-2:", "arn:aws:kms::"), "kms/" + testKeyID, "KeyMetadata.Arn", "not a KMS key ARN"},
		{"the same principal on two pages is refused",
			replace(page2, `arn:aws:iam::111122223333:user/dave`, `arn:aws:iam::111122223333:user/alice`),
			page2, "UserDetailList[1].Arn", "given twice"},
		{"a page that is not authorization details is refused",
			put(page2, `{"Users": []}`), page2, "", "not get-account-authorization-details output"},
		{"trailing data after the object is refused",
			put(page2, `{"UserDetailList": []} {}`), page2, "", "unexpected data"},
		{"a snapshot without IAM data is refused",
			func(_ *testing.T, m fstest.MapFS) { delete(m, page1); delete(m, page2) }, "iam/authorization-details.json", "", "missing"},
		{"describe-key output without KeyMetadata is refused",
			put(kdir+"describe-key.json", `{"Metadata": {}}`), kdir + "describe-key.json", "", "KeyMetadata"},
		{"a key without its key policy is refused",
			del(kdir + "key-policy.json"), kdir + "key-policy.json", "", "missing"},
		{"a key policy that does not parse names the path inside Policy",
			put(kdir+"key-policy.json", `{"Policy": "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allowed\", \"Principal\": \"*\", \"Action\": \"kms:*\", \"Resource\": \"*\"}]}", "PolicyName": "default"}`),
			kdir + "key-policy.json", "Policy.Statement[0].Effect", "Allow\" or \"Deny"},
		{"a key policy name other than default is refused",
			replace(kdir+"key-policy.json", `"PolicyName": "default"`, `"PolicyName": "other"`), kdir + "key-policy.json", "PolicyName", "default"},
		{"a key in a folder not named after it is refused",
			func(t *testing.T, m fstest.MapFS) {
				for _, f := range []string{"describe-key.json", "key-policy.json", "grants.json", "tags.json"} {
					m["kms/other/"+f] = m[kdir+f]
					delete(m, kdir+f)
				}
			}, "kms/other/describe-key.json", "KeyMetadata.KeyId", "name the folder"},
		{"grants that are not a list are refused",
			put(kdir+"grants.json", `{"Grants": {"GrantId": "x"}}`), kdir + "grants.json", "Grants", "not an array"},
		{"a grant constraint value that is not a string is refused",
			replace(kdir+"grants.json", `"Department": "IT"`, `"Department": 7`), kdir + "grants.json", "Grants[1].Constraints.EncryptionContextEquals.Department", "not a string"},
		{"an unknown grant constraint is refused, not read as no constraint",
			replace(kdir+"grants.json", `"Constraints": {`, `"Constraints": {"EncryptionContextLike": {"a": "b"}, `), kdir + "grants.json", "Grants[1].Constraints", ""},
		{"tags without TagKey are refused",
			put(kdir+"tags.json", `{"Tags": [{"TagValue": "x"}]}`), kdir + "tags.json", "Tags[0].TagKey", "missing"},
		{"an SCP level folder without a number is refused",
			func(_ *testing.T, m fstest.MapFS) {
				m["organizations/scp/root/p.json"] = m["organizations/scp/0-root/p-FullAWSAccess.json"]
			}, "organizations/scp/root", "", "<n>-<name>"},
		{"two SCP levels with one number are refused",
			func(_ *testing.T, m fstest.MapFS) {
				m["organizations/scp/1-other/p.json"] = m["organizations/scp/0-root/p-FullAWSAccess.json"]
			}, "organizations/scp/1-", "", "two level folders numbered 1"},
		{"an RCP in the SCP folder is refused",
			func(_ *testing.T, m fstest.MapFS) {
				m["organizations/scp/0-root/rcp.json"] = m["organizations/rcp/0-root/p-rcp-perimeter.json"]
			}, "organizations/scp/0-root/rcp.json", "Policy.PolicySummary.Type", "RESOURCE_CONTROL_POLICY"},
		{"a folder named like an authorization-details page is refused, not skipped",
			put("iam/authorization-details-3.json/page.json", `{}`), "iam/authorization-details-3.json", "", "a folder where the snapshot reads a file"},
		{"a folder named like a grants file is refused, not skipped",
			put(kdir+"grants-2.json/grants.json", `{"Grants": []}`), kdir + "grants-2.json", "", "a folder where the snapshot reads a file"},
		{"a folder named like an SCP of a level is refused, not skipped (a Deny in it would be lost)",
			put("organizations/scp/1-ou-workloads/deny.json/p.json", `{}`), "organizations/scp/1-ou-workloads/deny.json", "", "a folder where the snapshot reads a file"},
		{"a grant of another key is refused, naming its KeyId in the file",
			replace(kdir+"grants.json", `"KeyId": "arn:aws:kms:us-west-2:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"`,
				`"KeyId": "arn:aws:kms:us-west-2:111122223333:key/ffffffff-12ab-34cd-56ef-1234567890ab"`),
			kdir + "grants.json", "Grants[0].KeyId", "is another key than"},
		{"an SCP whose Content does not parse names the path inside Content",
			put("organizations/scp/0-root/bad.json", `{"Policy": {"Content": "{\"Version\": \"2012-10-17\", \"Statement\": {\"Effect\": \"Deny\"}}"}}`),
			"organizations/scp/0-root/bad.json", "Policy.Content.Statement", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			m := testFS(t)
			tc.mutate(t, m)
			a, err := LoadFS(m)
			require.Nil(t, a)
			require.Error(t, err)
			require.ErrorIs(t, err, ErrMalformed)
			var e *Error
			require.True(t, errors.As(err, &e), "%T %v", err, err)
			require.True(t, strings.HasPrefix(e.File, tc.file), "file %q, want %q (%v)", e.File, tc.file, err)
			require.True(t, strings.HasPrefix(e.Path, tc.path), "path %q, want prefix %q (%v)", e.Path, tc.path, err)
			require.Contains(t, err.Error(), tc.reason)
		})
	}
}

func TestLoadOptionalFiles(t *testing.T) {
	t.Run("without grants, tags and organization files the account loads and says so", func(t *testing.T) {
		m := testFS(t)
		for name := range m {
			if strings.HasPrefix(name, "organizations/") || strings.HasSuffix(name, "/grants.json") || strings.HasSuffix(name, "/tags.json") {
				delete(m, name)
			}
		}
		a, err := LoadFS(m)
		require.NoError(t, err)
		k, _ := a.Key(testKeyARN)
		require.False(t, k.GrantsLoaded)
		require.False(t, k.TagsLoaded)
		require.False(t, a.SCPsLoaded)
		require.False(t, a.RCPsLoaded)
	})

	t.Run("a bare key policy document is read as the key policy", func(t *testing.T) {
		m := testFS(t)
		m["kms/"+testKeyID+"/key-policy.json"] = &fstest.MapFile{Data: []byte(`{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "111122223333"}, "Action": "kms:*", "Resource": "*"}]}`)}
		a, err := LoadFS(m)
		require.NoError(t, err)
		k, _ := a.Key(testKeyID)
		require.Len(t, k.Policy.Statement, 1)
	})
}

func TestLoadUnreadableDocument(t *testing.T) {
	m := testFS(t)
	const page1 = "iam/authorization-details-1.json"
	text := string(m[page1].Data)
	old := `"Resource": "arn:aws:kms:us-west-2:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"`
	require.Contains(t, text, old)
	m[page1] = &fstest.MapFile{Data: []byte(strings.Replace(text, old, `"Resource": "arn:aws:kms:us-west-2"`, 1))}

	a, err := LoadFS(m)
	require.NoError(t, err, "a document AWS stored but the grammar refuses is read, not fatal")
	require.NotEmpty(t, a.CompileOptions())
	rep, err := a.WhoCan(testKeyARN, []string{"kms:Decrypt"})
	require.NoError(t, err)

	t.Run("the completeness report names it with its file, JSON path and reason", func(t *testing.T) {
		var found []Gap
		for _, g := range rep.Incomplete {
			if g.Kind == GapUnreadablePolicy {
				found = append(found, g)
			}
		}
		require.Len(t, found, 1)
		require.Equal(t, acctPrefix+"group/KeyUsers inline policy UseTheKey", found[0].Subject)
		require.Contains(t, found[0].Detail, page1+": GroupDetailList[1].GroupPolicyList[0].PolicyDocument.Statement[0].Resource")
	})

	t.Run("its unreadable Allow grants nothing", func(t *testing.T) {
		require.Equal(t, Access(""), access(rep, acctPrefix+"user/bob", "kms:Decrypt"))
		require.Equal(t, Allowed, access(rep, acctPrefix+"user/carol", "kms:Decrypt"))
	})
}

func TestNewRefusesGrantsOfAnotherKey(t *testing.T) {
	keyARN := "arn:aws:kms:us-west-2:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
	in := func(grantKey string) Input {
		return Input{Keys: []KeyInput{{
			Metadata: &kmstypes.KeyMetadata{KeyId: aws.String("1234abcd-12ab-34cd-56ef-1234567890ab"), Arn: aws.String(keyARN)},
			Policy:   `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"kms:*","Resource":"*"}]}`,
			Grants: []kmstypes.GrantListEntry{{KeyId: aws.String(grantKey), GrantId: aws.String("g1"),
				GranteePrincipal: aws.String("arn:aws:iam::111122223333:role/App"), Operations: []kmstypes.GrantOperation{"Decrypt"}}},
		}}}
	}
	t.Run("a grant whose KeyId names another key is refused with its path", func(t *testing.T) {
		_, err := New(in("arn:aws:kms:us-west-2:111122223333:key/ffffffff-12ab-34cd-56ef-1234567890ab"))
		require.ErrorIs(t, err, ErrMalformed)
		var e *Error
		require.True(t, errors.As(err, &e), "%v", err)
		require.Equal(t, "Keys[0]", e.File)
		require.Equal(t, "Grants[0].KeyId", e.Path)
	})
	t.Run("a grant naming the key by ARN or by ID is the key's", func(t *testing.T) {
		for _, k := range []string{keyARN, "1234abcd-12ab-34cd-56ef-1234567890ab"} {
			a, err := New(in(k))
			require.NoError(t, err, k)
			key, ok := a.Key(keyARN)
			require.True(t, ok)
			require.Len(t, key.Grants, 1)
		}
	})
}
