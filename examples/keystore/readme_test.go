package main

import (
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cksiam/cksiam/internal/readme"
)

// The README's keystore commands run as shown, and the output it quotes
// ("    Verified ok: …") is what the first one prints.
func TestREADMECommandsRunAsDocumented(t *testing.T) {
	cmds, err := readme.Commands("../../README.md", "keystore")
	require.NoError(t, err)
	require.NotEmpty(t, cmds, "the README shows keystore commands")
	var outs []string
	for _, args := range cmds {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			args = append([]string(nil), args...)
			for i, a := range args {
				if strings.HasPrefix(a, "evaluate/") { // a path from the repository's root
					args[i] = "../../" + a
				}
			}
			code, out, errOut := runCmd(args...)
			require.Equal(t, 0, code, "README command should pass as shown:\n%s", errOut)
			if len(args) > 0 && args[0] == "-snapshot" {
				require.Contains(t, out, "== KeyStoreManager ==", "the snapshot audit lists the guide's principals")
			}
			outs = append(outs, out)
		})
	}
	b, err := os.ReadFile("../../README.md")
	require.NoError(t, err)
	quoted := 0
	for _, line := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(line, "    Verified ") {
			require.NotEmpty(t, outs)
			require.Contains(t, outs[0], strings.TrimSpace(line)+"\n", "the README quotes a line the main job does not print")
			quoted++
		}
	}
	require.NotZero(t, quoted, "the README quotes the main job's verification line")
}
