package main

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cksiam/cksiam/evaluate"
)

const (
	appSession   = "arn:aws:sts::111122223333:assumed-role/AppRole/worker"
	appGrant     = "0c237476b39f8bc44e45212e08498fbe3151305030726c0590dd8d3e9f3d6a60"
	backupGrant  = "9a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9"
	keyPolicy    = "testdata/default-key-policy.json"
	grantsFile   = "testdata/grants.json"
	keyMetadata  = "testdata/key-metadata.json"
	keyTags      = "testdata/key-tags.json"
	abacPolicy   = "testdata/tag-abac.json"
	s3Boundary   = "testdata/boundary-s3-only.json"
	keyConfig    = "testdata/key-configuration.json"
	backupVault  = "arn:aws:backup:us-west-2:111122223333:backup-vault:main"
	otherAccount = "arn:aws:iam::444455556666:user/bob"
)

// onKey is a check of one action on the key with its key policy.
func onKey(principal, action string, extra ...string) []string {
	return append([]string{"-resource-policy", keyPolicy, "-principal", principal, "-action", action, "-resource", key}, extra...)
}

func TestCheckDecidesWithTheKeysGrants(t *testing.T) {
	t.Run("a grant lets its grantee's session decrypt with the grant's encryption context, and the answer names the grant", func(t *testing.T) {
		code, out, errOut := runCmd(onKey(appSession, "kms:Decrypt", "-grants", grantsFile, "-encryption-context", "Department=IT")...)
		require.Equal(t, 0, code, out+errOut)
		require.Contains(t, out, "allowed: "+appSession+" kms:Decrypt on "+key)
		require.Contains(t, out, "  grant "+appGrant+" in -grants "+grantsFile+" Grants[0]\n")
	})

	t.Run("without -grants the same request is denied", func(t *testing.T) {
		code, out, _ := runCmd(onKey(appSession, "kms:Decrypt", "-encryption-context", "Department=IT")...)
		require.Equal(t, 1, code, out)
		require.NotContains(t, out, "grant ")
	})

	t.Run("without the grant's encryption context the grant does not apply", func(t *testing.T) {
		code, out, _ := runCmd(onKey(appSession, "kms:Decrypt", "-grants", grantsFile)...)
		require.Equal(t, 1, code, out)
		require.Contains(t, out, "GRANT_CONSTRAINT_NOT_MET -grants "+grantsFile+" Grants[0].Constraints")
	})

	t.Run("-encryption-context keys match the grant's without regard to case, values with it", func(t *testing.T) {
		code, _, _ := runCmd(onKey(appSession, "kms:Decrypt", "-grants", grantsFile, "-encryption-context", "department=IT")...)
		require.Equal(t, 0, code)
		code, _, _ = runCmd(onKey(appSession, "kms:Decrypt", "-grants", grantsFile, "-encryption-context", "Department=it")...)
		require.Equal(t, 1, code)
	})

	t.Run("-json names the grant by ID and by its place in the file", func(t *testing.T) {
		code, out, _ := runCmd(onKey(appSession, "kms:Decrypt", "-grants", grantsFile, "-encryption-context", "Department=IT", "-json")...)
		require.Equal(t, 0, code)
		a := decode(t, out)
		require.Len(t, a.Results, 1)
		require.Equal(t, appGrant, a.Results[0].GrantId)
		require.Equal(t, &grantRef{Flag: "-grants", File: grantsFile, Path: "Grants[0]"}, a.Results[0].Grant)
	})

	t.Run("-json leaves the grant out when no grant decided", func(t *testing.T) {
		_, out, _ := runCmd(base("-json", "-grants", grantsFile)...)
		require.NotContains(t, out, "grantId")
		require.NotContains(t, out, `"grant"`)
	})
}

func TestCheckRetireGrantNamesTheGrant(t *testing.T) {
	admin := "arn:aws:sts::111122223333:assumed-role/KeyAdmin/alice"
	t.Run("the grant's retiring principal may retire the grant -grant-id names", func(t *testing.T) {
		code, out, errOut := runCmd(onKey(admin, "kms:RetireGrant", "-grants", grantsFile, "-grant-id", appGrant)...)
		require.Equal(t, 0, code, out+errOut)
		require.Contains(t, out, "grant "+appGrant)
	})
	t.Run("without -grant-id only the account's IAM delegation counts", func(t *testing.T) {
		code, out, _ := runCmd(onKey(admin, "kms:RetireGrant", "-grants", grantsFile)...)
		require.Equal(t, 1, code, out)
		require.Contains(t, out, evaluate.DiagRetireGrantUnnamed)
	})
	t.Run("a -grant-id the grants lack is reported", func(t *testing.T) {
		code, out, _ := runCmd(onKey(admin, "kms:RetireGrant", "-grants", grantsFile, "-grant-id", "0000")...)
		require.Equal(t, 1, code, out)
		require.Contains(t, out, evaluate.DiagGrantNotFound)
	})
}

func TestCheckImpliesTheKeysAndCallersFacts(t *testing.T) {
	t.Run("-key-metadata gives kms:KeyOrigin to the key user's condition", func(t *testing.T) {
		code, out, errOut := runCmd(base("-key-metadata", keyMetadata)...)
		require.Equal(t, 0, code, out+errOut)
		require.NotContains(t, out, "missing context keys")
	})
	abac := func(extra ...string) []string {
		return append([]string{"-identity", abacPolicy}, onKey(user, "kms:Decrypt", extra...)...)
	}
	t.Run("-key-tags and -principal-tag together meet a tag-matching condition", func(t *testing.T) {
		code, out, errOut := runCmd(abac("-key-tags", keyTags, "-principal-tag", "Project=alpha")...)
		require.Equal(t, 0, code, out+errOut)
	})
	t.Run("without -key-tags the resource tag is missing", func(t *testing.T) {
		code, out, _ := runCmd(abac("-principal-tag", "Project=alpha")...)
		require.Equal(t, 1, code, out)
		require.Contains(t, out, "aws:ResourceTag/Project")
	})
	t.Run("without -principal-tag the policy variable has no value", func(t *testing.T) {
		code, out, _ := runCmd(abac("-key-tags", keyTags)...)
		require.Equal(t, 1, code, out)
	})
	t.Run("another principal tag value does not match", func(t *testing.T) {
		code, out, _ := runCmd(abac("-key-tags", keyTags, "-principal-tag", "Project=beta")...)
		require.Equal(t, 1, code, out)
	})
	t.Run("-key-metadata and -key-tags give their facts together", func(t *testing.T) {
		code, out, errOut := runCmd(abac("-key-tags", keyTags, "-principal-tag", "Project=alpha", "-key-metadata", keyMetadata)...)
		require.Equal(t, 0, code, out+errOut)
	})
}

func TestCheckReadingsOfGrants(t *testing.T) {
	t.Run("-grant-boundaries never-limited lets a grant to a role pass its session's boundary", func(t *testing.T) {
		args := onKey(appSession, "kms:Decrypt", "-grants", grantsFile, "-encryption-context", "Department=IT", "-boundary", s3Boundary)
		code, out, _ := runCmd(args...)
		require.Equal(t, 1, code, "by default a grant to a role is limited like a key policy naming it:\n"+out)
		require.Contains(t, out, evaluate.DiagGrantBoundaryReading)
		require.Contains(t, out, "(-grant-boundaries)", "the diagnostic names the flag, not the Go option")
		code, out, _ = runCmd(append(args, "-grant-boundaries", "never-limited")...)
		require.Equal(t, 0, code, out)
	})
	t.Run("-account-grantees whole-account lets a principal of the grantee account use the grant without an IAM policy", func(t *testing.T) {
		args := onKey(otherAccount, "kms:Encrypt", "-grants", grantsFile)
		code, out, _ := runCmd(args...)
		require.Equal(t, 1, code, "by default the account's principals need an IAM policy:\n"+out)
		code, out, _ = runCmd(append(args, "-account-grantees", "whole-account")...)
		require.Equal(t, 0, code, out)
		code, out, _ = runCmd(append(args, "-account-grantees", "root-only")...)
		require.Equal(t, 1, code, out)
	})
	t.Run("-grant-source-arn never-holds keeps a grant with a SourceArn constraint from applying", func(t *testing.T) {
		args := onKey("arn:aws:sts::111122223333:assumed-role/Backup/job", "kms:GenerateDataKeyWithoutPlaintext", "-grants", grantsFile, "-context", "aws:SourceArn="+backupVault)
		code, out, _ := runCmd(args...)
		require.Equal(t, 0, code, out)
		require.Contains(t, out, backupGrant)
		code, out, _ = runCmd(append(args, "-grant-source-arn", "never-holds")...)
		require.Equal(t, 1, code, out)
	})
	for _, c := range []struct{ flag, value, want string }{
		{"-grant-boundaries", "sometimes", "always-limited, like-resource-policy, never-limited"},
		{"-account-grantees", "all", "delegates, root-only, whole-account"},
		{"-grant-source-arn", "yes", "as-condition, never-holds"},
	} {
		t.Run(c.flag+" refuses a value it does not know, listing the ones it does", func(t *testing.T) {
			code, _, errOut := runCmd(base(c.flag, c.value)...)
			require.Equal(t, 2, code)
			require.Contains(t, errOut, c.want)
		})
	}
}

func TestCheckReadsAccessAnalyzersKeyConfiguration(t *testing.T) {
	partner := "arn:aws:sts::444455556666:assumed-role/Partner/s"
	args := []string{"-principal", partner, "-action", "kms:Decrypt", "-resource", key, "-grants", keyConfig}
	t.Run("its key policy and grants decide; the grant is named by its path", func(t *testing.T) {
		code, out, errOut := runCmd(append(args, "-encryption-context", "Project=alpha", "-encryption-context", "Stage=prod")...)
		require.Equal(t, 0, code, out+errOut)
		require.Contains(t, out, "note: the key policy is keyPolicies.default of -grants "+keyConfig)
		require.Contains(t, out, "grant grants[0] in -grants "+keyConfig+" grants[0]")
	})
	t.Run("a configuration without grants says the key's own grants are not known", func(t *testing.T) {
		code, out, _ := runIn(`{"keyPolicies":{"default":"{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::444455556666:root\"},\"Action\":\"kms:Decrypt\",\"Resource\":\"*\"}]}"}}`,
			"-principal", "arn:aws:iam::444455556666:root", "-action", "kms:Decrypt", "-resource", key, "-grants", "-")
		require.Equal(t, 0, code, out)
		require.Contains(t, out, "note: -grants standard input lists no grants member")
	})
	t.Run("a key policy in the configuration and -resource-policy are one too many", func(t *testing.T) {
		code, _, errOut := runCmd(append(args, "-resource-policy", keyPolicy)...)
		require.Equal(t, 2, code)
		require.Contains(t, errOut, "give one")
	})
}

func TestCheckRefusesBadGrantInput(t *testing.T) {
	for _, c := range []struct {
		name string
		args []string
		want string
	}{
		{"a grant operation the engine refuses is named where the file has it",
			onKey(appSession, "kms:Decrypt", "-grants", "testdata/bad-operation-grants.json"),
			`-grants testdata/bad-operation-grants.json Grants[1].Operations[1]: "Decrpyt" is not a grant operation`},
		{"a file that is not list-grants output", onKey(appSession, "kms:Decrypt", "-grants", keyPolicy), "-grants " + keyPolicy + ": kmskey:"},
		{"describe-key output is required of -key-metadata", onKey(appSession, "kms:Decrypt", "-key-metadata", grantsFile), "-key-metadata " + grantsFile + ": kmskey:"},
		{"list-resource-tags output is required of -key-tags", onKey(appSession, "kms:Decrypt", "-key-tags", keyMetadata), "-key-tags " + keyMetadata + ": kmskey:"},
		{"a principal tag without a value", onKey(appSession, "kms:Decrypt", "-principal-tag", "Project"), "want key=value"},
		{"a principal tag given twice, in two cases", onKey(appSession, "kms:Decrypt", "-principal-tag", "Project=a", "-principal-tag", "project=b"), "given twice"},
		{"an encryption-context pair given twice", onKey(appSession, "kms:Decrypt", "-encryption-context", "a=1", "-encryption-context", "a=2"), "given twice"},
		{"the encryption context also given as -context",
			onKey(appSession, "kms:Decrypt", "-encryption-context", "a=1", "-context", "kms:EncryptionContext:a=1"),
			`-context "kms:EncryptionContext:a": the request's encryption context is given with -encryption-context`},
		{"-grants given twice", onKey(appSession, "kms:Decrypt", "-grants", grantsFile, "-grants", grantsFile), "-grants"},
	} {
		t.Run(c.name, func(t *testing.T) {
			code, out, errOut := runCmd(c.args...)
			require.Equal(t, 2, code, out)
			require.Contains(t, errOut, c.want)
		})
	}
}

func TestCheckRefusesKeyFilesOfAnotherKey(t *testing.T) {
	const otherKey = "arn:aws:kms:us-west-2:111122223333:key/ffffffff-12ab-34cd-56ef-1234567890ab"
	onOther := func(extra ...string) []string {
		return append([]string{"-resource-policy", keyPolicy, "-principal", appSession, "-action", "kms:Decrypt", "-resource", otherKey,
			"-encryption-context", "Department=IT"}, extra...)
	}
	t.Run("describe-key output of another key than -resource is refused, naming the file and its KeyMetadata.Arn", func(t *testing.T) {
		code, out, errOut := runCmd(onOther("-key-metadata", keyMetadata, "-json")...)
		require.Equal(t, 2, code, out+errOut)
		require.Empty(t, out)
		require.Contains(t, errOut, "-key-metadata "+keyMetadata+" KeyMetadata.Arn: \""+key+"\" is another key than -resource \""+otherKey+"\"")
	})
	t.Run("list-grants output of another key than -resource is refused, naming the grant's KeyId in the file", func(t *testing.T) {
		code, out, errOut := runCmd(onOther("-grants", grantsFile, "-json")...)
		require.Equal(t, 2, code, out+errOut)
		require.Empty(t, out)
		require.Contains(t, errOut, "-grants "+grantsFile+" Grants[0].KeyId: \""+key+"\" is another key than -resource")
	})
	t.Run("a grant naming the key by its ID alone is the key's", func(t *testing.T) {
		dir := t.TempDir()
		f := filepath.Join(dir, "grants.json")
		require.NoError(t, os.WriteFile(f, []byte(`{"Grants":[{"KeyId":"1234abcd-12ab-34cd-56ef-1234567890ab","GrantId":"g1","GranteePrincipal":"arn:aws:iam::111122223333:role/AppRole","Operations":["Decrypt"]}]}`), 0o600))
		code, out, errOut := runCmd(onKey(appSession, "kms:Decrypt", "-grants", f)...)
		require.Equal(t, 0, code, out+errOut)
		require.Contains(t, out, "grant g1 in -grants")
	})
	t.Run("the key's own files still apply, and a -resource that is no key leaves them alone", func(t *testing.T) {
		code, out, errOut := runCmd(onKey(appSession, "kms:Decrypt", "-grants", grantsFile, "-key-metadata", keyMetadata, "-encryption-context", "Department=IT")...)
		require.Equal(t, 0, code, out+errOut)
		code, _, errOut = runCmd("-principal", appSession, "-action", "kms:ListKeys", "-resource", "*", "-grants", grantsFile, "-key-metadata", keyMetadata)
		require.NotEqual(t, 2, code, errOut)
	})
}
