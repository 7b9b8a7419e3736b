package main

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/cksiam/cksiam/evaluate"
	"github.com/stretchr/testify/require"
)

func runCmd(args ...string) (int, string, string) {
	var out, errOut bytes.Buffer
	code := run(args, &out, &errOut)
	return code, out.String(), errOut.String()
}

const (
	user = "arn:aws:sts::111122223333:assumed-role/KeyUser/app"
	key  = "arn:aws:kms:us-west-2:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
)

func base(extra ...string) []string {
	return append([]string{"-identity", "testdata/key-user.json", "-resource-policy", "testdata/default-key-policy.json",
		"-principal", user, "-action", "kms:Decrypt", "-resource", key}, extra...)
}

func TestCheck(t *testing.T) {
	t.Run("an allowed request exits 0 and names the granting statements and their files", func(t *testing.T) {
		code, out, errOut := runCmd(base("-context", "kms:KeyOrigin=AWS_CLOUDHSM")...)
		require.Equal(t, 0, code, errOut)
		require.Contains(t, out, "allowed: "+user+" kms:Decrypt on "+key)
		require.Contains(t, out, `Allow Identity[0].Statement[0] (Sid "UseKeys") in testdata/key-user.json`)
		require.Contains(t, out, `Allow Resource.Statement[0] (Sid "Enable IAM policies") in testdata/default-key-policy.json`)
	})

	t.Run("a request failing the condition exits 1 and names the missing context key", func(t *testing.T) {
		code, out, _ := runCmd(base()...)
		require.Equal(t, 1, code)
		require.Contains(t, out, "implicitDeny")
		require.Contains(t, out, "missing context keys: kms:KeyOrigin")
	})

	t.Run("-json gives the decision, statements, verdicts and missing keys for machines", func(t *testing.T) {
		code, out, _ := runCmd(base("-json", "-context", "kms:KeyOrigin=AWS_CLOUDHSM", "-scp", "testdata/deny-decrypt-scp.json")...)
		require.Equal(t, 1, code)
		var a answer
		require.NoError(t, json.Unmarshal([]byte(out), &a))
		require.Equal(t, evaluate.ExplicitDeny, a.Decision)
		require.Len(t, a.Statements, 1)
		require.Equal(t, statement{Path: "SCPs[0][0].Statement[1]", File: "testdata/deny-decrypt-scp.json", Sid: "NoDecryptOutsideEc2", Effect: "Deny"}, a.Statements[0])
	})

	t.Run("repeated -context values for one key are several values", func(t *testing.T) {
		code, _, _ := runCmd(base("-context", "kms:KeyOrigin=AWS_CLOUDHSM", "-context", "kms:ViaService=ec2.us-west-2.amazonaws.com", "-scp", "testdata/deny-decrypt-scp.json")...)
		require.Equal(t, 0, code)
	})

	for _, tc := range []struct {
		name string
		args []string
		msg  string
	}{
		{"a missing action is bad input", []string{"-principal", user}, "-principal and -action are required"},
		{"an unreadable file is bad input", base("-boundary", "testdata/nope.json"), "nope.json"},
		{"a policy that does not parse is bad input with its JSON path", base("-scp", "testdata/malformed.json"), "Statement[0]"},
		{"a context entry without = is bad input", base("-context", "kms:ViaService"), "want key=value"},
		{"an unknown flag is bad input", []string{"-nope"}, "not defined"},
		{"a wildcard action is bad input", []string{"-principal", user, "-action", "kms:*"}, "without wildcards"},
		{"a stray argument is bad input", base("extra"), "unexpected argument"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, out, errOut := runCmd(tc.args...)
			require.Equal(t, 2, code, out)
			require.Contains(t, errOut, tc.msg)
		})
	}
}
