package main

import (
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"

	"github.com/cksiam/cksiam/evaluate/kmskey"
	"github.com/cksiam/cksiam/policy"
)

const (
	hsmGrants   = "testdata/grants-cloudhsm-key.json"
	hsmMetadata = "testdata/describe-key-cloudhsm.json"
)

func TestLintGrantsText(t *testing.T) {
	code, out, errOut := runCmd("-kind", "grants", "-key-metadata", hsmMetadata, hsmGrants)
	require.Equal(t, 1, code, errOut)
	want := `testdata/grants-cloudhsm-key.json:10:58: WARNING GRANT_OPERATION_NOT_IN_KEY_STORE Grants[0].Operations[2]: the key is in a custom key store (AWS_CLOUDHSM), which cannot generate data key pairs: the grant gives nothing for GenerateDataKeyPair
testdata/grants-cloudhsm-key.json:13:9: SECURITY_WARNING GRANT_DUPLICATE Grants[1]: duplicates grant "0c237476b39f8bc44e45212e08498fbe3151305030726c0590dd8d3e9f3d6a60": same key, operations, grantee, constraints and name; if the original is retired or revoked, this one keeps the access; retire or revoke one of them
testdata/grants-cloudhsm-key.json:20:28: WARNING GRANT_OPERATION_NOT_IN_KEY_STORE Grants[1].Operations[0]: the key is in a custom key store (AWS_CLOUDHSM), which cannot generate data key pairs: the grant gives nothing for GenerateDataKeyPair
testdata/grants-cloudhsm-key.json:28:13: ERROR GRANT_GRANTEE_INVALID Grants[2].GranteePrincipal: "arn:aws:iam::111122223333:group/Developers" is an IAM group, which cannot be a grantee: name its users or a role
testdata/grants-cloudhsm-key.json:30:28: ERROR GRANT_OPERATION_UNSUPPORTED Grants[2].Operations[0]: a symmetric encryption key (ENCRYPT_DECRYPT) does not support Sign: CreateGrant refuses such a grant, and it would give nothing
testdata/grants-cloudhsm-key.json:31:13: WARNING GRANT_CONSTRAINT_NO_EFFECT Grants[2].Constraints: none of the grant's operations takes an encryption context, so the constraint limits nothing
1 file checked as KMSGrants, 6 findings (2 ERROR, 1 SECURITY_WARNING, 3 WARNING); -fail-on ERROR: FAIL
`
	if d := cmp.Diff(want, out); d != "" {
		t.Errorf("output (-want +got):\n%s", d)
	}
}

func TestLintGrantsPositionsPointAtTheElement(t *testing.T) {
	data, err := os.ReadFile(hsmGrants)
	require.NoError(t, err)
	lines := strings.Split(string(data), "\n")
	_, out, _ := runCmd("-kind", "grants", "-format", "json", "-key-metadata", hsmMetadata, hsmGrants)
	rep := decode(t, out)
	require.NotEmpty(t, rep.Findings)
	for _, f := range rep.Findings {
		at := lines[f.Line-1][f.Column-1:]
		i, field, ok := kmskey.SplitGrantPath(f.Path)
		require.True(t, ok, f.Path)
		switch {
		case field == "":
			require.True(t, strings.HasPrefix(at, "{"), "a whole grant is at its brace: %s at %d:%d: %q", f.Path, f.Line, f.Column, at)
		case strings.HasSuffix(field, "]"): // an operation: its value
			entries, err := kmskey.ReadGrants(data)
			require.NoError(t, err)
			j := strings.LastIndexByte(field, '[')
			op := entries[i].Operations[field[j+1]-'0']
			require.True(t, strings.HasPrefix(at, `"`+string(op)+`"`), "%s at %d:%d: %q", f.Path, f.Line, f.Column, at)
		default: // a member: its name
			require.True(t, strings.HasPrefix(at, `"`+field[strings.LastIndexByte(field, '.')+1:]+`"`), "%s at %d:%d: %q", f.Path, f.Line, f.Column, at)
		}
	}
}

func TestLintGrantsWithoutMetadata(t *testing.T) {
	_, out, _ := runCmd("-kind", "grants", "-format", "json", hsmGrants)
	var codes []string
	for _, f := range decode(t, out).Findings {
		codes = append(codes, f.Code+" "+f.Path)
	}
	require.Equal(t, []string{
		"GRANT_DUPLICATE Grants[1]",
		"GRANT_GRANTEE_INVALID Grants[2].GranteePrincipal",
		"GRANT_CONSTRAINT_NO_EFFECT Grants[2].Constraints",
	}, codes, "without the key's metadata, the checks that need its type and key store are left out")
}

func TestLintGrantsKeepsTheCommandsContract(t *testing.T) {
	t.Run("-fail-on none passes whatever the findings", func(t *testing.T) {
		code, _, _ := runCmd("-kind", "grants", "-fail-on", "none", "-key-metadata", hsmMetadata, hsmGrants)
		require.Equal(t, 0, code)
	})
	t.Run("-fail-on security-warning fails on a duplicate alone", func(t *testing.T) {
		code, _, _ := runCmd("-kind", "grants", "-fail-on", "security-warning", "testdata/grants-pages.json")
		require.Equal(t, 1, code)
		code, _, _ = runCmd("-kind", "grants", "testdata/grants-pages.json")
		require.Equal(t, 0, code, "a security warning does not reach the default -fail-on error")
	})
	t.Run("a finding on a later page names the page and points into it", func(t *testing.T) {
		_, out, _ := runCmd("-kind", "grants", "testdata/grants-pages.json")
		require.Contains(t, out, "testdata/grants-pages.json:2:13: SECURITY_WARNING GRANT_DUPLICATE page 2 Grants[0]: duplicates grant \"a\"")
	})
	t.Run("suppressions match grant findings by code, path and file", func(t *testing.T) {
		sup := `{"suppressions": [
		  {"code": "GRANT_GRANTEE_INVALID", "path": "Grants[2].GranteePrincipal", "file": "testdata/grants-cloudhsm-key.json", "reason": "being removed"},
		  {"code": "GRANT_OPERATION_UNSUPPORTED", "path": "Grants[2].Operations[0]", "reason": "legacy grant"}]}`
		code, out, errOut := runIn(sup, "-kind", "grants", "-key-metadata", hsmMetadata, "-suppressions", "-", hsmGrants)
		require.Equal(t, 0, code, out+errOut)
		require.Contains(t, out, "2 suppressed")
	})
	t.Run("SARIF carries the grant rules, the duplicate tagged as security", func(t *testing.T) {
		code, out, _ := runCmd("-kind", "grants", "-format", "sarif", "-key-metadata", hsmMetadata, hsmGrants)
		require.Equal(t, 1, code)
		require.Contains(t, out, `"kind": "KMSGrants"`)
		i := strings.Index(out, `"id": "GRANT_DUPLICATE"`)
		require.Positive(t, i)
		require.Contains(t, out[i:i+300], `"security"`)
		require.Contains(t, out, `"fullyQualifiedName": "Grants[2].GranteePrincipal"`)
	})
	t.Run("-json names the kind KMSGrants", func(t *testing.T) {
		_, out, _ := runCmd("-kind", "grants", "-format", "json", hsmGrants)
		require.Equal(t, fileKind{grants: true}, decode(t, out).Kind)
	})
}

func TestLintGrantsReadsAccessAnalyzersKeyConfiguration(t *testing.T) {
	code, out, errOut := runCmd("-kind", "grants", "testdata/key-configuration.json")
	require.Equal(t, 1, code, errOut)
	want := `testdata/key-configuration.json:3:5: ERROR UNKNOWN_ACTION keyPolicies.default.Statement[0].Action[0]: "kms:Decrpyt" is not an action of kms (AWS Key Management Service); did you mean "kms:Decrypt"?
testdata/key-configuration.json:8:7: ERROR GRANT_GRANTEE_INVALID grants[0].granteePrincipal: "arn:aws:iam::444455556666:group/Partners" is an IAM group, which cannot be a grantee: name its users or a role
1 file checked as KMSGrants, 2 findings (2 ERROR); -fail-on ERROR: FAIL
`
	if d := cmp.Diff(want, out); d != "" {
		t.Errorf("output (-want +got):\n%s", d)
	}
}

func TestLintGrantsInput(t *testing.T) {
	t.Run("a grants file the reader refuses is a parse error at the element", func(t *testing.T) {
		code, out, _ := runCmd("-kind", "grants", "-format", "json", "testdata/grants-unknown-member.json")
		require.Equal(t, 1, code)
		rep := decode(t, out)
		require.Len(t, rep.Findings, 1)
		f := rep.Findings[0]
		require.Equal(t, codeParseError, f.Code)
		require.Equal(t, policy.SeverityError, f.Severity)
		require.Equal(t, "Grants[0].Constraints.Expires", f.Path)
		require.Equal(t, [2]int{4, 61}, [2]int{f.Line, f.Column})
	})
	for _, c := range []struct {
		name string
		args []string
		want string
	}{
		{"-key-metadata needs -kind grants", []string{"-kind", "key", "-key-metadata", hsmMetadata, "testdata/key-policy.json"}, "-key-metadata goes with -kind grants"},
		{"-key-metadata must be describe-key output", []string{"-kind", "grants", "-key-metadata", hsmGrants, hsmGrants}, "-key-metadata " + hsmGrants + ": kmskey:"},
		{"-key-metadata must be a readable file", []string{"-kind", "grants", "-key-metadata", "testdata/missing.json", hsmGrants}, "testdata/missing.json"},
	} {
		t.Run(c.name, func(t *testing.T) {
			code, _, errOut := runCmd(c.args...)
			require.Equal(t, 2, code)
			require.Contains(t, errOut, c.want)
		})
	}
}
