package main

import (
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestREADMECommandsRunAsDocumented runs the README's whocan commands that
// use the synthetic snapshot, and checks that the output quoted after each
// (the indented lines following its code block) is printed as quoted.
func TestREADMECommandsRunAsDocumented(t *testing.T) {
	b, err := os.ReadFile("../../README.md")
	require.NoError(t, err)
	lines := strings.Split(strings.ReplaceAll(string(b), "\\\n", " "), "\n")
	ran := 0
	for i, line := range lines {
		line = strings.TrimSpace(line)
		const prefix = "go run ./examples/whocan "
		if !strings.HasPrefix(line, prefix) || !strings.Contains(line, "evaluate/snapshot/testdata/") {
			continue
		}
		args := strings.Fields(strings.TrimPrefix(line, prefix))
		for j, a := range args {
			if strings.HasPrefix(a, "evaluate/") {
				args[j] = "../../" + a
			}
		}
		code, out, errOut := runCmd(args...)
		require.Equal(t, 0, code, errOut)
		// The quoted output: indented lines after the closing ``` and one
		// blank line.
		j := i + 1
		for j < len(lines) && !strings.HasPrefix(lines[j], "```") {
			j++
		}
		quoted := 0
		for j += 2; j < len(lines) && strings.HasPrefix(lines[j], "    "); j++ {
			require.Contains(t, out, lines[j][4:]+"\n", "README quotes a line the command does not print")
			quoted++
		}
		require.NotZero(t, quoted, "the README quotes the command's output")
		ran++
	}
	require.Equal(t, 1, ran, "the README shows one runnable whocan command")
}
