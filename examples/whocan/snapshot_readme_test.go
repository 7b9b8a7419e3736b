package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cksiam/cksiam/internal/readme"
	"github.com/stretchr/testify/require"
)

// The README's snapshot block: the AWS CLI calls that save each file and the
// who-can commands over the result. The test replays the block with a fake
// aws that knows each call by its exact arguments and prints what the
// AWS CLI prints for it (the synthetic account's files), writes the output
// where the README redirects it, and then runs the README's whocan lines on
// the directory: a wrong path, file name or argument in the README fails.

// fakeAWS prints the AWS CLI's output for one call of the README (args
// after "aws", with $KEY replaced), from the synthetic account.
func fakeAWS(t *testing.T, key string, args []string) []byte {
	t.Helper()
	kdir := filepath.Join(snap, "kms", key)
	read := func(p string) []byte {
		b, err := os.ReadFile(p)
		require.NoError(t, err)
		return b
	}
	switch call := strings.Join(args, " "); call {
	case "iam get-account-authorization-details":
		// The CLI fetches every page and prints their lists as one
		// document.
		return mergedPages(t, filepath.Join(snap, "iam"))
	case "kms describe-key --key-id " + key:
		return read(filepath.Join(kdir, "describe-key.json"))
	case "kms get-key-policy --key-id " + key + " --policy-name default":
		return read(filepath.Join(kdir, "key-policy.json"))
	case "kms list-grants --key-id " + key:
		return read(filepath.Join(kdir, "grants.json"))
	case "kms list-resource-tags --key-id " + key:
		return read(filepath.Join(kdir, "tags.json"))
	case "organizations describe-policy --policy-id p-FullAWSAccess":
		return read(filepath.Join(snap, "organizations", "scp", "0-root", "p-FullAWSAccess.json"))
	case "organizations describe-organization":
		// describe-organization's output shape
		// (https://docs.aws.amazon.com/organizations/latest/APIReference/API_DescribeOrganization.html),
		// for the organization the synthetic SCPs belong to.
		return []byte(`{"Organization": {"Id": "o-exampleorg", "Arn": "arn:aws:organizations::999988887777:organization/o-exampleorg",
			"FeatureSet": "ALL", "MasterAccountArn": "arn:aws:organizations::999988887777:account/o-exampleorg/999988887777",
			"MasterAccountId": "999988887777", "MasterAccountEmail": "admin@example.com"}}`)
	default:
		t.Fatalf("the README runs an AWS CLI call this test does not know: aws %s", call)
	}
	return nil
}

// mergedPages is the get-account-authorization-details pages of dir as the
// CLI prints them: one document with every page's lists.
func mergedPages(t *testing.T, dir string) []byte {
	t.Helper()
	pages, err := filepath.Glob(filepath.Join(dir, "authorization-details*.json"))
	require.NoError(t, err)
	require.NotEmpty(t, pages)
	merged := map[string][]json.RawMessage{}
	for _, p := range pages {
		b, err := os.ReadFile(p)
		require.NoError(t, err)
		var page map[string]json.RawMessage
		require.NoError(t, json.Unmarshal(b, &page))
		for _, list := range []string{"UserDetailList", "GroupDetailList", "RoleDetailList", "Policies"} {
			var items []json.RawMessage
			if raw, ok := page[list]; ok {
				require.NoError(t, json.Unmarshal(raw, &items))
			}
			merged[list] = append(merged[list], items...)
		}
	}
	b, err := json.Marshal(merged)
	require.NoError(t, err)
	return b
}

func TestREADMESnapshotCommandsMakeTheSnapshotWhoCanReads(t *testing.T) {
	b, err := os.ReadFile("../../README.md")
	require.NoError(t, err)
	text := strings.ReplaceAll(string(b), "\\\n", " ")
	start := strings.Index(text, "aws iam get-account-authorization-details")
	require.NotEqual(t, -1, start, "the README shows how to save the snapshot")
	open := strings.LastIndex(text[:start], "```sh\n")
	end := strings.Index(text[start:], "```")
	require.True(t, open >= 0 && end >= 0)
	block := text[open+len("```sh\n") : start+end]

	root := t.TempDir()
	dir := filepath.Join(root, "snap")
	key := ""
	saved := map[string]bool{}
	for _, line := range strings.Split(block, "\n") {
		line = strings.TrimSpace(line)
		switch {
		case line == "" || strings.HasPrefix(line, "#") || strings.HasPrefix(line, "go run "):
		case strings.HasPrefix(line, "KEY="):
			key = strings.TrimPrefix(line, "KEY=")
		case strings.HasPrefix(line, "mkdir -p "):
			for _, d := range strings.Fields(strings.TrimPrefix(line, "mkdir -p ")) {
				require.True(t, strings.HasPrefix(d, "snap/"), "mkdir outside the snapshot: %s", d)
				require.NoError(t, os.MkdirAll(filepath.Join(root, strings.ReplaceAll(d, "$KEY", key)), 0o755))
			}
		case strings.HasPrefix(line, "aws "):
			call, out, ok := strings.Cut(line, " > ")
			require.True(t, ok, "an AWS CLI call whose output is not saved: %s", line)
			out = strings.ReplaceAll(strings.TrimSpace(out), "$KEY", key)
			require.True(t, strings.HasPrefix(out, "snap/"), "output saved outside the snapshot: %s", line)
			args := strings.Fields(strings.ReplaceAll(call, "$KEY", key))[1:]
			// The README writes only into folders it made, as a shell would.
			require.DirExists(t, filepath.Join(root, filepath.Dir(out)), "the README saves %s before making its folder", out)
			require.NoError(t, os.WriteFile(filepath.Join(root, out), fakeAWS(t, key, args), 0o644))
			saved[out] = true
		default:
			t.Fatalf("a line of the README's snapshot block this test does not replay: %s", line)
		}
	}
	require.NotEmpty(t, key, "the README sets KEY")
	kdir := "snap/kms/" + key + "/"
	for _, f := range []string{"snap/iam/authorization-details.json", kdir + "describe-key.json", kdir + "key-policy.json",
		kdir + "grants.json", kdir + "tags.json", "snap/organizations/describe-organization.json"} {
		require.True(t, saved[f], "the README saves no %s", f)
	}

	cmds, err := readme.Commands("../../README.md", "whocan")
	require.NoError(t, err)
	ran := 0
	for _, args := range cmds {
		if len(args) < 2 || args[0] != "-snapshot" || args[1] != "snap" {
			continue // the synthetic snapshot's example runs in TestREADMECommandsRunAsDocumented
		}
		args = append([]string(nil), args...)
		args[1] = dir
		for i, a := range args {
			args[i] = strings.ReplaceAll(a, "$KEY", key)
		}
		code, out, errOut := runCmd(args...)
		require.Equal(t, 0, code, "whocan %s: %s", strings.Join(args, " "), errOut)
		if !contains(args, "-json") {
			require.Contains(t, out, "Who can use arn:aws:kms:us-west-2:111122223333:key/"+key)
			require.NotContains(t, out, "no grants file", "grants.json was saved")
			require.NotContains(t, out, "no tags file", "tags.json was saved")
			require.NotContains(t, out, "holds no SCPs", "the SCP level was saved")
			ran++
			continue
		}
		var rep struct {
			Resource string            `json:"resource"`
			Access   []json.RawMessage `json:"access"`
		}
		require.NoError(t, json.Unmarshal([]byte(out), &rep))
		require.Equal(t, "arn:aws:kms:us-west-2:111122223333:key/"+key, rep.Resource)
		require.NotEmpty(t, rep.Access)
		ran++
	}
	require.Equal(t, 2, ran, "the README shows two whocan commands over the saved snapshot")
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}
