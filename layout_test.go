package cksiam_test

import (
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// The package documentation's "# Layout" section lists every package of the
// module with the files in each. These tests keep it true: a new package
// must be listed, a new file named in its package's item (doc.go and
// main.go aside), and a file it names must exist in the packages of its
// list item.

// layoutItem is one list item of the Layout section: the package paths
// before the colon, and the file names and patterns ("validate*.go") it
// mentions.
type layoutItem struct {
	packages []string
	files    []string
}

var fileTokenRE = regexp.MustCompile(`[A-Za-z0-9_*]+\.go\b`)

// layout reads the Layout section of the root package's documentation.
func layout(t *testing.T) []layoutItem {
	t.Helper()
	f, err := parser.ParseFile(token.NewFileSet(), "doc.go", nil, parser.ParseComments|parser.PackageClauseOnly)
	require.NoError(t, err)
	require.NotNil(t, f.Doc, "doc.go holds the package documentation")
	text := f.Doc.Text()
	_, rest, ok := strings.Cut(text, "# Layout\n")
	require.True(t, ok, "the package documentation has a # Layout section")
	if i := strings.Index(rest, "\n# "); i >= 0 {
		rest = rest[:i]
	}
	var items []layoutItem
	for _, chunk := range strings.Split(rest, "\n  - ")[1:] {
		chunk, _, _ = strings.Cut(chunk, "\n\n")
		head, body, ok := strings.Cut(chunk, ":")
		require.True(t, ok, "a Layout item starts with its packages and a colon: %q", chunk)
		var pkgs []string
		for p := range strings.SplitSeq(head, ",") {
			pkgs = append(pkgs, strings.TrimSpace(p))
		}
		items = append(items, layoutItem{packages: pkgs, files: fileTokenRE.FindAllString(body, -1)})
	}
	return items
}

// modulePackages returns the directory of every package of the module, as a
// slash path relative to the root ("." for the root): every directory with
// a non-test .go file, outside testdata and hidden directories, as go list
// ./... sees them.
func modulePackages(t *testing.T) map[string][]string {
	t.Helper()
	pkgs := map[string][]string{}
	err := filepath.WalkDir(".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		name := d.Name()
		if d.IsDir() {
			if p != "." && (strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_") || name == "testdata" || name == "node_modules") {
				return filepath.SkipDir
			}
			return nil
		}
		if strings.HasSuffix(name, ".go") && !strings.HasSuffix(name, "_test.go") {
			dir := filepath.ToSlash(filepath.Dir(p))
			pkgs[dir] = append(pkgs[dir], name)
		}
		return nil
	})
	require.NoError(t, err)
	return pkgs
}

func TestLayoutDocumentation(t *testing.T) {
	items := layout(t)
	pkgs := modulePackages(t)
	require.Greater(t, len(pkgs), 10, "packages found in the module")
	require.Greater(t, len(items), 10, "items of the # Layout section")

	listed := map[string]bool{}
	for _, it := range items {
		for _, p := range it.packages {
			listed[p] = true
		}
	}

	t.Run("every package of the module is listed", func(t *testing.T) {
		var missing []string
		for dir := range pkgs {
			if dir != "." && !listed[dir] {
				missing = append(missing, dir)
			}
		}
		slices.Sort(missing)
		require.Empty(t, missing, "packages the root doc.go's # Layout section does not list")
	})

	t.Run("every listed package exists", func(t *testing.T) {
		for p := range listed {
			_, ok := pkgs[p]
			require.True(t, ok, "the # Layout section lists %s, which is no package of the module", p)
		}
	})

	t.Run("every file named exists in its packages", func(t *testing.T) {
		for _, it := range items {
			for _, f := range it.files {
				found := false
				for _, p := range it.packages {
					for _, have := range pkgs[p] {
						if ok, err := path.Match(f, have); err == nil && ok {
							found = true
						}
					}
				}
				require.True(t, found, "the # Layout section names %s for %s, which has no such file", f, strings.Join(it.packages, ", "))
			}
		}
	})

	t.Run("every file of a package is named in its item", func(t *testing.T) {
		var missing []string
		for _, it := range items {
			for _, p := range it.packages {
				for _, have := range pkgs[p] {
					if have == "doc.go" || have == "main.go" {
						continue // every package has the one, every command the other
					}
					named := false
					for _, f := range it.files {
						if ok, err := path.Match(f, have); err == nil && ok {
							named = true
						}
					}
					if !named {
						missing = append(missing, p+"/"+have)
					}
				}
			}
		}
		slices.Sort(missing)
		require.Empty(t, missing, "files the root doc.go's # Layout section does not name: add each to its package's item, saying what it holds")
	})

	t.Run("files outside the packages exist", func(t *testing.T) {
		for _, f := range []string{"docs/aws-rules.md", ".ci/run", "bench/run.sh", "BENCHMARKS.md", "internal/difftest/testdata/deviations.json"} {
			_, err := os.Stat(f)
			require.NoError(t, err, "the package documentation points at %s", f)
		}
	})
}
