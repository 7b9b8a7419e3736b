package kmskey_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cksiam/cksiam/evaluate/kmskey"
)

func TestLocateFindsAGrantsElementInTheFile(t *testing.T) {
	pages := `{"Grants":[{"GrantId":"a","Operations":["Decrypt"]}],"Truncated":true,"NextMarker":"m"}
{"Grants":[{"GrantId":"a","Operations":["Decrypt"]},
  {"GrantId":"b", "Operations": ["Encrypt", "Sign"]}]}`
	config := `{"grants": [{"operations": ["Decrypt"], "granteePrincipal": "arn:aws:iam::111122223333:user/u", "issuingAccount": "111122223333"},
 {"operations": ["Sign"], "granteePrincipal": "o-abc", "issuingAccount": "111122223333", "constraints": {"encryptionContextEquals": {"a": "1"}}}]}`
	for _, c := range []struct {
		name, data string
		i          int
		field      string
		page       int
		path, at   string
		exact      bool
	}{
		{"an operation of a grant on a later page, counting a repeated grant once", pages, 1, "Operations[1]", 2, "Grants[1].Operations[1]", `"Sign"`, true},
		{"a whole grant", pages, 1, "", 2, "Grants[1]", `{"GrantId":"b"`, true},
		{"a member the grant leaves out: the grant", pages, 0, "Constraints.SourceArn", 1, "Grants[0]", `{"GrantId":"a"`, false},
		{"a key configuration's member, in its own spelling", config, 1, "GranteePrincipal", 1, "grants[1].granteePrincipal", `"o-abc"`, true},
		{"a key configuration's constraint", config, 1, "Constraints.EncryptionContextEquals", 1, "grants[1].constraints.encryptionContextEquals", `{"a": "1"}`, true},
	} {
		t.Run(c.name, func(t *testing.T) {
			loc, exact, ok := kmskey.Locate([]byte(c.data), c.i, c.field)
			require.True(t, ok)
			require.Equal(t, c.exact, exact)
			require.Equal(t, c.page, loc.Page)
			require.Equal(t, c.path, loc.Path)
			require.Equal(t, c.at, c.data[loc.Offset:loc.Offset+len(c.at)])
		})
	}
	_, _, ok := kmskey.Locate([]byte(pages), 2, "")
	require.False(t, ok, "the file has two grants")
	_, _, ok = kmskey.Locate([]byte(`{"Grants": [`), 0, "")
	require.False(t, ok, "unreadable JSON holds no grant")
}

func TestSplitGrantPathReadsEvaluatesPaths(t *testing.T) {
	for _, c := range []struct {
		path  string
		i     int
		field string
		ok    bool
	}{
		{"Grants[3].Operations[1]", 3, "Operations[1]", true},
		{"Grants[0]", 0, "", true},
		{"Grants[12].Constraints.SourceArn", 12, "Constraints.SourceArn", true},
		{"Grants[x]", 0, "", false},
		{"Grants[1]x", 0, "", false},
		{"Resource.Statement[0]", 0, "", false},
	} {
		i, field, ok := kmskey.SplitGrantPath(c.path)
		require.Equal(t, c.ok, ok, c.path)
		if ok {
			require.Equal(t, c.i, i, c.path)
			require.Equal(t, c.field, field, c.path)
		}
	}
}
