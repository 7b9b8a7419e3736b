package main

import (
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cksiam/cksiam/internal/readme"
)

func TestREADMECommandsRunAsDocumented(t *testing.T) {
	cmds, err := readme.Commands("../../README.md", "lint")
	require.NoError(t, err)
	require.NotEmpty(t, cmds, "the README shows lint commands")
	for _, args := range cmds {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			for i, a := range args {
				if strings.HasPrefix(a, "testdata/") || strings.HasPrefix(a, "../") {
					_, err := os.Stat(a)
					require.NoError(t, err, "the README names %s (argument %d)", a, i)
				}
			}
			code, out, errOut := runCmd(args...)
			require.Equal(t, 0, code, "README command should pass as shown:\n%s%s", out, errOut)
		})
	}
}
