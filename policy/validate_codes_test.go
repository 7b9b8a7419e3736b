package policy

import (
	"go/ast"
	goparser "go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// Every finding code Validate defines has a test that expects it: the
// constant appears as the code of an expected finding in some test file.
func TestEveryCodeHasATestCase(t *testing.T) {
	fset := token.NewFileSet()
	var codes []string
	for _, file := range []string{"validate_codes.go", "validate_text.go"} {
		f, err := goparser.ParseFile(fset, file, nil, 0)
		require.NoError(t, err)
		for _, decl := range f.Decls {
			gd, ok := decl.(*ast.GenDecl)
			if !ok || gd.Tok != token.CONST {
				continue
			}
			for _, spec := range gd.Specs {
				for _, name := range spec.(*ast.ValueSpec).Names {
					if strings.HasPrefix(name.Name, "Code") {
						codes = append(codes, name.Name)
					}
				}
			}
		}
	}
	require.GreaterOrEqual(t, len(codes), 40)
	files, err := filepath.Glob("*_test.go")
	require.NoError(t, err)
	var tests strings.Builder
	for _, file := range files {
		if file == "validate_codes_test.go" {
			continue
		}
		b, err := os.ReadFile(file)
		require.NoError(t, err)
		tests.Write(b)
	}
	all := tests.String()
	for _, c := range codes {
		expected := strings.Contains(all, ", "+c+", \"") || // f(sev, Code, "path")
			strings.Contains(all, ", "+c+", v.findings") || // require.Equal(t, Code, …)
			strings.Contains(all, "[]string{"+c+"}") // size quota table
		require.True(t, expected, "no test expects %s", c)
	}
}
