package cksiam_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// Every Go snippet of the README is the body (or a run of lines of the
// body) of an Example function somewhere in the module, so it compiles
// against today's API and its printed claims are checked by the Example's
// Output. Lines are compared without indentation, trailing comments or
// repeated spaces, so gofmt's alignment and the README's comments may
// differ; the code may not.

// readmeGoBlocks returns the ```go blocks of README.md, each as its lines.
func readmeGoBlocks(t *testing.T) [][]string {
	t.Helper()
	b, err := os.ReadFile("README.md")
	require.NoError(t, err)
	var blocks [][]string
	var cur []string
	in := false
	for _, line := range strings.Split(string(b), "\n") {
		switch {
		case !in && strings.TrimSpace(line) == "```go":
			in, cur = true, nil
		case in && strings.TrimSpace(line) == "```":
			in = false
			blocks = append(blocks, cur)
		case in:
			cur = append(cur, line)
		}
	}
	return blocks
}

// codeLines normalises lines for comparison: no trailing "// comment"
// outside string literals, single spaces, no blank or comment-only lines.
func codeLines(lines []string) []string {
	var out []string
	for _, l := range lines {
		l = strings.Join(strings.Fields(stripComment(l)), " ")
		if l != "" {
			out = append(out, l)
		}
	}
	return out
}

// stripComment drops a "//" comment that is not inside a string literal.
func stripComment(l string) string {
	var quote byte
	for i := 0; i < len(l); i++ {
		c := l[i]
		switch {
		case quote != 0:
			if c == '\\' && quote == '"' {
				i++
			} else if c == quote {
				quote = 0
			}
		case c == '"' || c == '`':
			quote = c
		case c == '/' && i+1 < len(l) && l[i+1] == '/':
			return l[:i]
		}
	}
	return l
}

// exampleBodies returns the normalised body lines of every Example function
// in the module's test files, keyed by "file: Name".
func exampleBodies(t *testing.T) map[string][]string {
	t.Helper()
	out := map[string][]string{}
	fset := token.NewFileSet()
	err := filepath.WalkDir(".", func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if p != "." && (strings.HasPrefix(d.Name(), ".") || d.Name() == "testdata" || d.Name() == "node_modules") {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(p, "_test.go") {
			return nil
		}
		src, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		f, err := parser.ParseFile(fset, p, src, 0)
		if err != nil {
			return err
		}
		for _, decl := range f.Decls {
			fn, ok := decl.(*ast.FuncDecl)
			if !ok || fn.Recv != nil || !strings.HasPrefix(fn.Name.Name, "Example") || fn.Body == nil {
				continue
			}
			body := string(src[fset.Position(fn.Body.Lbrace).Offset+1 : fset.Position(fn.Body.Rbrace).Offset])
			out[p+": "+fn.Name.Name] = codeLines(strings.Split(body, "\n"))
		}
		return nil
	})
	require.NoError(t, err)
	return out
}

// containsRun reports whether have holds want as a contiguous run.
func containsRun(have, want []string) bool {
	for i := 0; i+len(want) <= len(have); i++ {
		ok := true
		for j := range want {
			if have[i+j] != want[j] {
				ok = false
				break
			}
		}
		if ok {
			return true
		}
	}
	return false
}

func TestREADMEGoSnippetsAreExamples(t *testing.T) {
	blocks := readmeGoBlocks(t)
	require.NotEmpty(t, blocks, "the README shows Go code")
	examples := exampleBodies(t)
	require.NotEmpty(t, examples, "Example functions found in the module")
	for _, block := range blocks {
		want := codeLines(block)
		name := "README snippet starting " + want[0]
		t.Run(name, func(t *testing.T) {
			for _, body := range examples {
				if containsRun(body, want) {
					return
				}
			}
			require.Fail(t, "a README Go snippet is in no Example function",
				"copy it, line for line, into an Example whose Output checks what it prints:\n%s", strings.Join(block, "\n"))
		})
	}
}

func TestStripComment(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{`fmt.Println(f) // severity`, `fmt.Println(f) `},
		{`x := "https://a" // c`, `x := "https://a" `},
		{"x := `//` + y", "x := `//` + y"},
		{`x := "a\"//b"`, `x := "a\"//b"`},
		{`// only a comment`, ``},
	} {
		t.Run(c.in, func(t *testing.T) {
			require.Equal(t, c.want, stripComment(c.in))
		})
	}
}
