package main

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/cksiam/cksiam/internal/cli"
	"github.com/stretchr/testify/require"
)

// Inputs that used to come out "allowed" or hang.
func TestCheckRefusesUnsafeInput(t *testing.T) {
	dir := t.TempDir()
	big := filepath.Join(dir, "big.json")
	f, err := os.Create(big)
	require.NoError(t, err)
	require.NoError(t, f.Truncate(cli.MaxFileBytes+1))
	require.NoError(t, f.Close())

	for _, tc := range []struct {
		name string
		args []string
		msg  string
	}{
		{"-h asks for help and exits 2, never 0 (which means allowed)", []string{"-h"}, "usage: check"},
		{"-help asks for help and exits 2", base("-help"), "usage: check"},
		{"a repeated -boundary is refused, not reduced to the last one", base("-boundary", "testdata/deny-decrypt-scp.json", "-boundary", "testdata/key-user.json"),
			`-boundary is given 2 times ("testdata/deny-decrypt-scp.json", "testdata/key-user.json"): it takes one value`},
		{"a repeated -resource-policy is refused", base("-resource-policy", "testdata/key-user.json"), "-resource-policy is given 2 times"},
		{"a repeated -principal is refused", base("-principal", "arn:aws:iam::111122223333:root"), "-principal is given 2 times"},
		{"a character device is refused, not read without end", base("-session-policy", "/dev/zero"), "-session-policy /dev/zero: not a regular file (a character device)"},
		{"a directory is refused", base("-boundary", "testdata"), "-boundary testdata: not a regular file (a directory)"},
		{"a file over the size cap is refused", base("-boundary", big), "larger than the input limit"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := os.Stat("/dev/zero"); err != nil && tc.args[len(tc.args)-1] == "/dev/zero" {
				t.Skip("no /dev/zero")
			}
			code, out, errOut := runCmd(tc.args...)
			require.Equal(t, 2, code, out)
			require.Empty(t, out)
			require.Contains(t, errOut, tc.msg)
		})
	}
}
