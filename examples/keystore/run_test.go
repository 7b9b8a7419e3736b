package main

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

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
		require.Contains(t, out, "arn:aws:iam::111122223333:role/aws-service-role/cks.kms.amazonaws.com/AWSServiceRoleForKeyManagementServiceCustomKeyStores")
	})

	t.Run("-json prints one object whose policies are the roles' documents", func(t *testing.T) {
		args := []string{"-json", "-account", "123456789012", "-region", "eu-west-1", "-key-id", "1234abcd-12ab-34cd-56ef-1234567890ab"}
		code, out, errOut := runCmd(args...)
		require.Equal(t, 0, code, errOut)
		var got struct {
			Roles []struct {
				Name   string          `json:"name"`
				Policy json.RawMessage `json:"policy"`
			} `json:"roles"`
		}
		require.NoError(t, json.Unmarshal([]byte(out), &got))
		var names []string
		for _, r := range got.Roles {
			names = append(names, r.Name)
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

func TestKeystoreWithoutARegion(t *testing.T) {
	t.Run("a role that names no Regional resource needs no -region", func(t *testing.T) {
		code, out, errOut := runCmd("-account", "123456789012", "-role", "KeyStoreManager", "-role", "DefaultKeyPolicy")
		require.Equal(t, 0, code, errOut)
		require.Contains(t, out, "account 123456789012, Region (none)")
		require.Equal(t, 2, strings.Count(out, "Verified ok: "))
	})
}
