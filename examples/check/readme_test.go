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

// readmeCommands returns the commands named cmd in the repository README's
// code blocks (lines starting with "./cmd " or "cmd ", continuation lines
// joined, output redirections dropped), as argument lists with paths made
// relative to this directory.
func readmeCommands(t *testing.T, cmd string) [][]string {
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
		if !inBlock || !(strings.HasPrefix(trimmed, "./"+cmd+" ") || strings.HasPrefix(trimmed, cmd+" ")) {
			continue
		}
		if before, _, ok := strings.Cut(trimmed, " > "); ok {
			trimmed = before // an output redirection
		}
		fields := strings.Fields(trimmed)[1:]
		for i, f := range fields {
			f = strings.TrimPrefix(f, "examples/"+cmd+"/")
			if strings.HasPrefix(f, "examples/") {
				f = "../" + strings.TrimPrefix(f, "examples/")
			}
			fields[i] = f
		}
		cmds = append(cmds, fields)
	}
	return cmds
}

func TestREADMECommandsRunAsDocumented(t *testing.T) {
	cmds := readmeCommands(t, "check")
	require.NotEmpty(t, cmds, "the README shows check commands")
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
