package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

const (
	snap   = "../../evaluate/snapshot/testdata/account"
	keyARN = "arn:aws:kms:us-west-2:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
)

func runCmd(args ...string) (int, string, string) {
	var out, errOut bytes.Buffer
	code := run(args, &out, &errOut)
	return code, out.String(), errOut.String()
}

func TestWhoCanCommand(t *testing.T) {
	t.Run("-json prints the contract's object with rows only for principals with access", func(t *testing.T) {
		code, out, errOut := runCmd("-snapshot", snap, "-resource", keyARN, "-action", "kms:Decrypt", "-action", "kms:ScheduleKeyDeletion", "-json")
		require.Equal(t, 0, code, errOut)
		var got map[string]json.RawMessage
		require.NoError(t, json.Unmarshal([]byte(out), &got))
		require.ElementsMatch(t, []string{"resource", "access", "externalAccounts", "incomplete"}, keys(got))
		var rows []map[string]any
		require.NoError(t, json.Unmarshal(got["access"], &rows))
		require.NotEmpty(t, rows)
		for _, r := range rows {
			require.Contains(t, []any{"allowed", "conditional", "unknown"}, r["access"])
			require.Contains(t, []any{"kms:Decrypt", "kms:ScheduleKeyDeletion"}, r["action"])
			if r["access"] == "allowed" {
				require.NotEmpty(t, r["via"])
			}
			if r["access"] == "unknown" {
				require.NotEmpty(t, r["reason"])
			}
		}
		require.Contains(t, out, `"principal": "arn:aws:iam::111122223333:user/bob"`)
		require.NotContains(t, out, `"principal": "arn:aws:iam::111122223333:user/alice"`, "alice can neither decrypt nor delete")
		require.Contains(t, out, `"account": "444455556666"`)
		_, again, _ := runCmd("-snapshot", snap, "-resource", keyARN, "-action", "kms:Decrypt", "-action", "kms:ScheduleKeyDeletion", "-json")
		require.Equal(t, out, again, "output must be deterministic")
	})

	t.Run("text prints a table per action", func(t *testing.T) {
		code, out, errOut := runCmd("-snapshot", snap, "-resource", "1234abcd-12ab-34cd-56ef-1234567890ab", "-action", "kms:Decrypt", "-action", "kms:Encrypt")
		require.Equal(t, 0, code, errOut)
		require.Contains(t, out, "\nkms:Decrypt\n  PRINCIPAL")
		require.Contains(t, out, "\nkms:Encrypt\n  PRINCIPAL")
		require.Contains(t, out, "444455556666: kms:Decrypt")
		require.Contains(t, out, "missing-policy arn:aws:iam::aws:policy/ReadOnlyAccess")
	})

	t.Run("without -action every kms action that takes a key is asked", func(t *testing.T) {
		code, out, _ := runCmd("-snapshot", snap, "-resource", keyARN)
		require.Equal(t, 0, code)
		require.Contains(t, out, "\nkms:ReEncryptFrom\n")
		require.Contains(t, out, "\nkms:CancelKeyDeletion\n")
	})
}

func keys(m map[string]json.RawMessage) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

func TestWhoCanCommandBadInput(t *testing.T) {
	bad := t.TempDir()
	require.NoError(t, os.CopyFS(bad, os.DirFS(snap)))
	page := filepath.Join(bad, "iam", "authorization-details-1.json")
	data, err := os.ReadFile(page)
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(page, bytes.Replace(data, []byte(`"RoleName": "AdminRole"`), []byte(`"RoleName": ["AdminRole"]`), 1), 0o644))

	tests := []struct {
		name string
		args []string
		want []string
	}{
		{"a malformed snapshot file is named with its JSON path", []string{"-snapshot", bad, "-resource", keyARN},
			[]string{"iam/authorization-details-1.json", "RoleDetailList[0].RoleName"}},
		{"a key the snapshot lacks is refused, naming -resource", []string{"-snapshot", snap, "-resource", "arn:aws:kms:us-west-2:111122223333:key/other"},
			[]string{"whocan: -resource: no KMS key"}},
		{"an action that takes no key is refused, naming -action", []string{"-snapshot", snap, "-resource", keyARN, "-action", "kms:Decrypt", "-action", "kms:CreateKey"},
			[]string{"whocan: -action kms:CreateKey: kms:CreateKey does not take a KMS key"}},
		{"a mistyped action is refused with a did-you-mean", []string{"-snapshot", snap, "-resource", keyARN, "-action", "kms:Decrpyt"},
			[]string{"-action", `did you mean "kms:Decrypt"`}},
		{"an action pattern is refused with how to ask about every action", []string{"-snapshot", snap, "-resource", keyARN, "-action", "kms:*"},
			[]string{`-action: "kms:*" is a pattern, not one action`, "leave it out to ask about every kms action that takes a key"}},
		{"an action of an unknown service is refused", []string{"-snapshot", snap, "-resource", keyARN, "-action", "kmss:Decrypt"},
			[]string{"-action", "kmss"}},
		{"-snapshot is required", []string{"-resource", keyARN}, []string{"-snapshot"}},
		{"a missing directory is refused", []string{"-snapshot", filepath.Join(bad, "nope"), "-resource", keyARN}, []string{"nope"}},
		{"stray arguments are refused", []string{"-snapshot", snap, "-resource", keyARN, "extra"}, []string{"extra"}},
		{"a repeated -snapshot is refused, not silently the last", []string{"-snapshot", snap, "-snapshot", bad, "-resource", keyARN}, []string{"-snapshot"}},
		{"an unknown flag is refused", []string{"-snapshot", snap, "-resource", keyARN, "-principal", "x"}, []string{"-principal"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, out, errOut := runCmd(tc.args...)
			require.Equal(t, 2, code, errOut)
			require.Empty(t, out)
			for _, w := range tc.want {
				require.Contains(t, errOut, w)
			}
			require.False(t, strings.Contains(errOut, "panic"))
		})
	}
}
