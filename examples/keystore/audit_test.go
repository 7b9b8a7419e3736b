package main

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/require"
)

const testSnapshot = "../../evaluate/snapshot/testdata/account"

func TestKeystoreSnapshotAudit(t *testing.T) {
	t.Run("-snapshot prints who holds each role's permissions", func(t *testing.T) {
		code, out, errOut := runCmd("-snapshot", testSnapshot, "-role", "KeyUser")
		require.Equal(t, 0, code, errOut)
		require.Contains(t, out, "account 111122223333, Region us-west-2")
		require.Contains(t, out, "== KeyUser ==\n  holds all 10: arn:aws:iam::111122223333:role/BreakGlass\n")
		require.Contains(t, out, "holds 1 of 10: arn:aws:iam::111122223333:user/bob\n    may: kms:Decrypt\n")
		require.Contains(t, out, "not in the snapshot (audited without it): arn:aws:iam::aws:policy/ReadOnlyAccess")
	})

	t.Run("-json gives holders, partial holders and what lies beyond the role", func(t *testing.T) {
		code, out, errOut := runCmd("-snapshot", testSnapshot, "-role", "KeyUser", "-role", "DefaultKeyPolicy", "-json")
		require.Equal(t, 0, code, errOut)
		var got auditJSON
		require.NoError(t, json.Unmarshal([]byte(out), &got))
		require.Len(t, got.Roles, 2)
		ku := got.Roles[0]
		require.Equal(t, "KeyUser", ku.Role)
		require.Len(t, ku.Holders, 1)
		require.Equal(t, []beyondJSON{{Policy: "arn:aws:iam::aws:policy/AdministratorAccess (v1)", Statement: 0,
			Actions: []patternJSON{{Pattern: "*", Requests: ku.Holders[0].Beyond[0].Actions[0].Requests}}}}, ku.Holders[0].Beyond)
		require.NotEmpty(t, got.Roles[1].Skipped)
	})

	t.Run("a bad snapshot is a usage error naming the file", func(t *testing.T) {
		code, _, errOut := runCmd("-snapshot", t.TempDir())
		require.Equal(t, 2, code)
		require.Contains(t, errOut, "iam/authorization-details.json")
	})

	t.Run("-account must be the snapshot's", func(t *testing.T) {
		code, _, errOut := runCmd("-snapshot", testSnapshot, "-account", "444455556666", "-role", "KeyUser")
		require.Equal(t, 2, code)
		require.Contains(t, errOut, "-account")
		require.Contains(t, errOut, "111122223333")
	})
}
