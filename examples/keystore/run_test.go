package main

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/cksiam/cksiam/evaluate"
	"github.com/cksiam/cksiam/policy"
	"github.com/cksiam/cksiam/roles"
	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"
)

// example are AWS's documentation account and Region.
var example = []string{"-account", "111122223333", "-region", "us-west-2"}

func runCmd(args ...string) (int, string, string) {
	var out, errOut bytes.Buffer
	code := run(args, &out, &errOut)
	return code, out.String(), errOut.String()
}

func TestKeystore(t *testing.T) {
	t.Run("the default run prints every role with its policy and a passing verification", func(t *testing.T) {
		code, out, errOut := runCmd(example...)
		require.Equal(t, 0, code, errOut)
		for _, n := range roles.Names() {
			require.Contains(t, out, "== "+n+" (")
		}
		require.Equal(t, len(roles.Names()), strings.Count(out, "Verified ok: "))
		require.NotContains(t, out, "FAILED")
		// Each role's two claims about every request, proved.
		require.Equal(t, len(roles.Names()), strings.Count(out, "  proved: "+roles.ClaimWithinPermissions+"\n"))
		require.Equal(t, len(roles.Names()), strings.Count(out, "  proved: "+roles.ClaimEquivalent+"\n"))
		require.Contains(t, out, "arn:aws:iam::111122223333:role/aws-service-role/cks.kms.amazonaws.com/AWSServiceRoleForKeyManagementServiceCustomKeyStores")
	})

	t.Run("-json prints one object whose policies are the roles' documents", func(t *testing.T) {
		args := []string{"-json", "-account", "123456789012", "-region", "eu-west-1", "-key-id", "1234abcd-12ab-34cd-56ef-1234567890ab"}
		code, out, errOut := runCmd(args...)
		require.Equal(t, 0, code, errOut)
		var got struct {
			Roles []struct {
				Name         string          `json:"name"`
				Policy       json.RawMessage `json:"policy"`
				Verification struct {
					Proofs []struct {
						Claim  string `json:"claim"`
						Result string `json:"result"`
					} `json:"proofs"`
				} `json:"verification"`
			} `json:"roles"`
		}
		require.NoError(t, json.Unmarshal([]byte(out), &got))
		var names []string
		for _, r := range got.Roles {
			names = append(names, r.Name)
			require.Len(t, r.Verification.Proofs, 2, r.Name)
			for _, p := range r.Verification.Proofs {
				require.Equal(t, "proved", p.Result, "%s: %s", r.Name, p.Claim)
			}
			doc, err := policy.Parse(r.Policy)
			require.NoError(t, err, r.Name)
			want, err := roles.ByName(r.Name, roles.Options{Account: "123456789012", Region: "eu-west-1", KeyIDs: []string{"1234abcd-12ab-34cd-56ef-1234567890ab"}})
			require.NoError(t, err)
			if d := cmp.Diff(want.Document(), doc); d != "" {
				t.Errorf("%s (-role +printed):\n%s", r.Name, d)
			}
		}
		require.Equal(t, roles.Names(), names)
		require.Contains(t, out, "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab")
		_, again, _ := runCmd(args...)
		require.Equal(t, out, again, "output must be deterministic")
	})

	t.Run("-role limits the output", func(t *testing.T) {
		code, out, _ := runCmd("-account", "111122223333", "-region", "us-west-2", "-json", "-role", "KeyUser", "-via-service", "ec2.us-west-2.amazonaws.com", "-encryption-context", "Department=IT")
		require.Equal(t, 0, code)
		require.Equal(t, 1, strings.Count(out, `"name"`))
		require.Contains(t, out, `"kms:EncryptionContext:Department": "IT"`)
		require.Contains(t, out, `"kms:ViaService": "ec2.us-west-2.amazonaws.com"`)
	})

	t.Run("-key-admin and -key-user add the console key policy that names them", func(t *testing.T) {
		code, out, errOut := runCmd("-account", "111122223333", "-region", "us-west-2", "-json", "-key-admin", "arn:aws:iam::111122223333:role/KMSAdminRole", "-key-user", "arn:aws:iam::444455556666:root")
		require.Equal(t, 0, code, errOut)
		require.Equal(t, len(roles.Names())+1, strings.Count(out, `"name"`))
		require.Contains(t, out, `"name": "ConsoleKeyPolicy"`)
		require.Contains(t, out, "arn:aws:iam::111122223333:role/KMSAdminRole")
		require.Contains(t, out, "arn:aws:iam::444455556666:root")
		code, out, errOut = runCmd("-account", "111122223333", "-region", "us-west-2", "-key-user", "arn:aws:iam::444455556666:root")
		require.Equal(t, 0, code, errOut)
		require.Contains(t, out, "== ConsoleKeyPolicy (")
		require.NotContains(t, out, "FAILED")
	})

	for _, tc := range []struct {
		name string
		args []string
		msg  string
	}{
		{"a missing account is bad input: no policy is written for someone else's account", []string{"-region", "us-west-2"}, "-account is required"},
		{"a malformed account is bad input naming the flag", []string{"-account", "12"}, "keystore: -account: \"12\": want a 12-digit account ID"},
		{"a missing Region is bad input naming the flag when a role needs one", []string{"-account", "111122223333", "-role", "KeyUser"}, "keystore: -region: required"},
		{"an unknown role is bad input", []string{"-account", "111122223333", "-role", "Nobody"}, "unknown role"},
		{"a partition AWS does not have is bad input naming the flag, not a failed verification", []string{"-account", "111122223333", "-region", "us-west-2", "-partition", "foo"}, "keystore: -partition: \"foo\": want an AWS partition"},
		{"an encryption context without = is bad input", []string{"-encryption-context", "x"}, "key=value"},
		{"an unknown flag is bad input", []string{"-nope"}, "not defined"},
		{"a stray argument is bad input", []string{"extra"}, "unexpected argument"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, _, errOut := runCmd(tc.args...)
			require.Equal(t, 2, code)
			require.Contains(t, errOut, tc.msg)
		})
	}
}

func TestKeystoreVerifiesInEveryMode(t *testing.T) {
	t.Run("-json carries each role's verification and exits 0 when every role verified", func(t *testing.T) {
		code, out, errOut := runCmd(append(example, "-json")...)
		require.Equal(t, 0, code, errOut)
		var got jsonOutput
		require.NoError(t, json.Unmarshal([]byte(out), &got))
		require.True(t, got.Verified)
		require.Len(t, got.Roles, len(roles.Names()))
		for _, r := range got.Roles {
			want, err := roles.ByName(r.Name, roles.Options{Account: "111122223333", Region: "us-west-2", Partition: "aws"})
			require.NoError(t, err)
			v := want.Verify()
			require.True(t, r.Verification.OK, r.Name)
			require.Equal(t, v.Summary.String(), r.Verification.Summary, r.Name)
			require.Equal(t, v.Summary.Intended, r.Verification.Intended, r.Name)
			require.Equal(t, v.Summary.NearMisses, r.Verification.NearMisses, r.Name)
			require.Positive(t, r.Verification.Intended, r.Name)
			require.Empty(t, r.Verification.Failures, r.Name)
		}
	})

	failing := func(r *roles.Role) *roles.Verification {
		v := r.Verify()
		if r.Name != "KeyUser" {
			return v
		}
		c := roles.Case{Kind: roles.OtherAction, Principal: "arn:aws:iam::111122223333:role/KeyUser", Action: "kms:ScheduleKeyDeletion", Resource: "*", Allow: false}
		v.Summary.NearMissesDenied--
		v.Failures = append(v.Failures, roles.Outcome{Case: c, Decision: evaluate.Allowed, Reason: "broken on purpose"})
		return v
	}
	for _, tc := range []struct {
		name string
		args []string
	}{
		{"a failed verification exits 1 in text mode", nil},
		{"a failed verification exits 1 with -json too, naming the failed case", []string{"-json"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			saved := verify
			verify = failing
			t.Cleanup(func() { verify = saved })
			code, out, _ := runCmd(append(example, tc.args...)...)
			require.Equal(t, 1, code)
			if len(tc.args) == 0 {
				require.Contains(t, out, "Verified FAILED")
				return
			}
			var got jsonOutput
			require.NoError(t, json.Unmarshal([]byte(out), &got))
			require.False(t, got.Verified)
			for _, r := range got.Roles {
				require.Equal(t, r.Name != "KeyUser", r.Verification.OK, r.Name)
				if r.Name == "KeyUser" {
					require.Equal(t, []jsonFailure{{Kind: "other-action", Principal: "arn:aws:iam::111122223333:role/KeyUser", Action: "kms:ScheduleKeyDeletion",
						Resource: "*", Want: "denied", Got: evaluate.Allowed, Reason: "broken on purpose"}}, r.Verification.Failures)
				}
			}
		})
	}

	for _, tc := range []struct {
		name string
		args []string
		msg  string
	}{
		{"-h exits 2, not 0", []string{"-h"}, "usage: keystore"},
		{"a repeated -account is refused", []string{"-account", "123456789012", "-account", "210987654321"}, "-account is given 2 times"},
		{"a repeated -json is refused", []string{"-account", "123456789012", "-json", "-json"}, "-json is given 2 times"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, out, errOut := runCmd(tc.args...)
			require.Equal(t, 2, code)
			require.Empty(t, out)
			require.Contains(t, errOut, tc.msg)
		})
	}
}

func TestKeystoreWithoutARegion(t *testing.T) {
	t.Run("a role that names no Regional resource needs no -region", func(t *testing.T) {
		code, out, errOut := runCmd("-account", "123456789012", "-role", "KeyStoreManager", "-role", "DefaultKeyPolicy")
		require.Equal(t, 0, code, errOut)
		require.Contains(t, out, "account 123456789012, Region (none)")
		require.Equal(t, 2, strings.Count(out, "Verified ok: "))
	})
}

func TestKeystoreRefusesFlagsThatWouldBeDropped(t *testing.T) {
	t.Run("an encryption-context key given twice is refused, not kept with one of its values", func(t *testing.T) {
		code, out, errOut := runCmd(append(example, "-role", "KeyUser", "-encryption-context", "Dept=IT", "-encryption-context", "dept=HR")...)
		require.Equal(t, 2, code, out)
		require.Empty(t, out)
		require.Contains(t, errOut, `-encryption-context: key "dept" is given twice`)
	})
	t.Run("a role given twice is refused, not printed twice", func(t *testing.T) {
		code, out, errOut := runCmd(append(example, "-role", "KeyUser", "-role", "KeyUser", "-json")...)
		require.Equal(t, 2, code, out)
		require.Empty(t, out)
		require.Contains(t, errOut, "-role KeyUser is given twice")
	})
	t.Run("-key-admin or -key-user with -snapshot is refused: the audit never reads them", func(t *testing.T) {
		for _, flag := range []string{"-key-admin", "-key-user"} {
			code, out, errOut := runCmd("-snapshot", "../../evaluate/snapshot/testdata/account", flag, "arn:aws:iam::111122223333:role/X")
			require.Equal(t, 2, code, out)
			require.Empty(t, out)
			require.Contains(t, errOut, "-key-admin and -key-user name the console key policy's principals")
		}
	})
	t.Run("a key administrator of another account is refused, naming the flag and the rule", func(t *testing.T) {
		code, out, errOut := runCmd(append(example, "-key-admin", "arn:aws:iam::444455556666:role/Admin")...)
		require.Equal(t, 2, code, out)
		require.Empty(t, out)
		require.Contains(t, errOut, "-key-admin")
		require.Contains(t, errOut, "aws-rules E.2")
	})
}
