package readme

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestCommands(t *testing.T) {
	text := "Build it:\n\n```sh\n" +
		"go build -o check ./examples/check\n" +
		"./check -identity examples/check/testdata/a.json \\\n    -resource-policy examples/lint/testdata/k.json -action kms:Decrypt\n" +
		"```\n\ncheck -x outside a block is prose\n\n```yaml\n" +
		"      - run: check -expect denied -identity examples/check/testdata/a.json\n" +
		"      - run: lint -kind key x.json > lint.sarif\n" +
		"      - run: |\n          check -json\n" +
		"```\n\n```sh\ngo run ./examples/keystore -account 111122223333   # the main job\n```\n"
	tests := []struct {
		name string
		cmd  string
		want [][]string
	}{
		{"check commands in code blocks and CI steps, with paths made relative to the command", "check", [][]string{
			{"-identity", "testdata/a.json", "-resource-policy", "../lint/testdata/k.json", "-action", "kms:Decrypt"},
			{"-expect", "denied", "-identity", "testdata/a.json"},
			{"-json"},
		}},
		{"an output redirection is dropped", "lint", [][]string{{"-kind", "key", "x.json"}}},
		{"go run lines count, without their shell comment", "keystore", [][]string{{"-account", "111122223333"}}},
		{"a command the README does not show has no lines", "whocan", nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if d := cmp.Diff(tc.want, commands(text, tc.cmd)); d != "" {
				t.Errorf("commands (-want +got):\n%s", d)
			}
		})
	}
}
