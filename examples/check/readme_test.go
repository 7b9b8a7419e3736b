package main

import (
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// yamlRun is the prefix of a CI step in YAML: "run: " or "- run: ".
var yamlRun = regexp.MustCompile(`^(- )?run: `)

// readmeCommands returns the check commands of the repository README's
// code blocks (lines starting with "./check " or "check ", continuation
// lines joined), as argument lists with paths made relative to this
// directory.
func readmeCommands(t *testing.T) [][]string {
	t.Helper()
	b, err := os.ReadFile("../../README.md")
	require.NoError(t, err)
	text := strings.ReplaceAll(string(b), "\\\n", " ")
	var cmds [][]string
	inBlock := false
	for _, line := range strings.Split(text, "\n") {
		trimmed := strings.TrimSpace(line)
		if strings.HasPrefix(trimmed, "```") {
			inBlock = !inBlock
			continue
		}
		trimmed = yamlRun.ReplaceAllString(trimmed, "")
		if !inBlock || !(strings.HasPrefix(trimmed, "./check ") || strings.HasPrefix(trimmed, "check ")) {
			continue
		}
		fields := strings.Fields(trimmed)[1:]
		for i, f := range fields {
			fields[i] = strings.TrimPrefix(f, "examples/check/")
		}
		cmds = append(cmds, fields)
	}
	return cmds
}

func TestREADMECommandsRunAsDocumented(t *testing.T) {
	cmds := readmeCommands(t)
	require.NotEmpty(t, cmds, "the README shows check commands")
	for _, args := range cmds {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			for i, a := range args {
				if strings.HasPrefix(a, "testdata/") {
					_, err := os.Stat(a)
					require.NoError(t, err, "the README names %s (argument %d)", a, i)
				}
			}
			code, out, errOut := runCmd(args...)
			require.Equal(t, 0, code, "README command should pass as shown:\n%s%s", out, errOut)
		})
	}
}
