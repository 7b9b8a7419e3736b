package readme

import (
	"os"
	"regexp"
	"strings"
)

// yamlRun is the prefix of a CI step in YAML: "run: " or "- run: ".
var yamlRun = regexp.MustCompile(`^(- )?run: `)

// Commands returns the command lines for cmd in the code blocks of the
// README at path: lines starting with "./cmd ", "cmd " or
// "go run ./examples/cmd " (also as a YAML "run:" step), continuation lines
// joined, a shell comment and an output redirection dropped. Each is returned as its arguments, with paths under
// examples/cmd/ made relative to that directory and other paths under
// examples/ made relative to it too ("../other/…").
func Commands(path, cmd string) ([][]string, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return commands(string(b), cmd), nil
}

func commands(text, cmd string) [][]string {
	text = strings.ReplaceAll(text, "\\\n", " ")
	var cmds [][]string
	inBlock := false
	for _, line := range strings.Split(text, "\n") {
		trimmed := strings.TrimSpace(line)
		if strings.HasPrefix(trimmed, "```") {
			inBlock = !inBlock
			continue
		}
		trimmed = yamlRun.ReplaceAllString(trimmed, "")
		goRun := "go run ./examples/" + cmd + " "
		if !inBlock || !(strings.HasPrefix(trimmed, "./"+cmd+" ") || strings.HasPrefix(trimmed, cmd+" ") || strings.HasPrefix(trimmed, goRun)) {
			continue
		}
		trimmed = strings.TrimPrefix(trimmed, "go run ./examples/")
		if before, _, ok := strings.Cut(trimmed, " #"); ok {
			trimmed = before // a shell comment
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
