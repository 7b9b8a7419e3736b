package cksiam_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// What go doc and pkg.go.dev show a user must be documented: every package
// has a doc.go with the package comment, and every exported name (a
// function, a method of an exported type, a type, a constant, a variable, a
// field of an exported struct, a method of an exported interface) has a doc
// comment. Test files and testdata are outside the rule; so are the fields
// and methods of unexported types, which no user sees.

// undocumented lists the exported names of one parsed file that have no doc
// comment, as "file:line: name".
func undocumented(fset *token.FileSet, f *ast.File) []string {
	var out []string
	report := func(pos token.Pos, name string) {
		p := fset.Position(pos)
		out = append(out, filepath.ToSlash(p.Filename)+":"+strconv.Itoa(p.Line)+": "+name)
	}
	for _, decl := range f.Decls {
		switch d := decl.(type) {
		case *ast.FuncDecl:
			if !d.Name.IsExported() {
				continue
			}
			name := d.Name.Name
			if d.Recv != nil {
				recv := receiverType(d.Recv.List[0].Type)
				if !ast.IsExported(recv) {
					continue
				}
				name = recv + "." + name
			}
			if !hasText(d.Doc) {
				report(d.Pos(), name)
			}
		case *ast.GenDecl:
			for _, spec := range d.Specs {
				switch s := spec.(type) {
				case *ast.TypeSpec:
					if !s.Name.IsExported() {
						continue
					}
					// A lone type declaration carries its comment on the
					// GenDecl; in a group, each spec has its own.
					if !hasText(s.Doc) && !(len(d.Specs) == 1 && hasText(d.Doc)) {
						report(s.Pos(), s.Name.Name)
					}
					typeDoc := s.Doc
					if typeDoc == nil && len(d.Specs) == 1 {
						typeDoc = d.Doc
					}
					out = append(out, undocumentedMembers(fset, s, typeDoc.Text())...)
				case *ast.ValueSpec:
					for _, n := range s.Names {
						if !n.IsExported() {
							continue
						}
						// A member of a documented const or var group is
						// described by the group's comment, as go doc shows it.
						if !hasText(s.Doc) && !hasText(s.Comment) && !hasText(d.Doc) {
							report(n.Pos(), n.Name)
						}
					}
				}
			}
		}
	}
	return out
}

// undocumentedMembers lists the exported fields of an exported struct and
// the methods of an exported interface that have no comment: neither a doc
// comment above, nor a line comment beside, nor a mention by name in the
// type's doc comment (typeDoc) or in a comment on another of its members
// ("// Proofs counts the claims and ProofsProved those proved").
func undocumentedMembers(fset *token.FileSet, s *ast.TypeSpec, typeDoc string) []string {
	var fields *ast.FieldList
	switch t := s.Type.(type) {
	case *ast.StructType:
		fields = t.Fields
	case *ast.InterfaceType:
		fields = t.Methods
	default:
		return nil
	}
	all := typeDoc
	for _, fld := range fields.List {
		all += "\n" + fld.Doc.Text() + "\n" + fld.Comment.Text()
	}
	var out []string
	for _, fld := range fields.List {
		if hasText(fld.Doc) || hasText(fld.Comment) {
			continue
		}
		for _, n := range fld.Names {
			if n.IsExported() && !mentions(all, n.Name) {
				p := fset.Position(n.Pos())
				out = append(out, filepath.ToSlash(p.Filename)+":"+strconv.Itoa(p.Line)+": "+s.Name.Name+"."+n.Name)
			}
		}
	}
	return out
}

// receiverType is the name of a method's receiver type, without pointer or
// type parameters.
func receiverType(e ast.Expr) string {
	for {
		switch t := e.(type) {
		case *ast.StarExpr:
			e = t.X
		case *ast.IndexExpr:
			e = t.X
		case *ast.IndexListExpr:
			e = t.X
		case *ast.Ident:
			return t.Name
		default:
			return ""
		}
	}
}

// mentions reports whether text names word as a whole word.
func mentions(text, word string) bool {
	for i := strings.Index(text, word); i >= 0; {
		end := i + len(word)
		if (i == 0 || !isIdentByte(text[i-1])) && (end == len(text) || !isIdentByte(text[end])) {
			return true
		}
		next := strings.Index(text[i+1:], word)
		if next < 0 {
			break
		}
		i += 1 + next
	}
	return false
}

func isIdentByte(b byte) bool {
	return b == '_' || '0' <= b && b <= '9' || 'a' <= b && b <= 'z' || 'A' <= b && b <= 'Z'
}

func hasText(g *ast.CommentGroup) bool {
	return g != nil && strings.TrimSpace(g.Text()) != ""
}

func TestEveryExportedNameIsDocumented(t *testing.T) {
	pkgs := modulePackages(t)
	require.Greater(t, len(pkgs), 10, "packages found in the module")
	fset := token.NewFileSet()
	var missing, noDocGo []string
	for dir, files := range pkgs {
		slices.Sort(files)
		hasDoc := false
		for _, name := range files {
			f, err := parser.ParseFile(fset, filepath.Join(dir, name), nil, parser.ParseComments)
			require.NoError(t, err)
			if name == "doc.go" && hasText(f.Doc) {
				hasDoc = true
			}
			missing = append(missing, undocumented(fset, f)...)
		}
		if !hasDoc {
			noDocGo = append(noDocGo, dir)
		}
	}
	slices.Sort(missing)
	slices.Sort(noDocGo)

	t.Run("every package has a doc.go with its package comment", func(t *testing.T) {
		require.Empty(t, noDocGo, "packages without a doc.go that holds the package comment")
	})
	t.Run("every exported name has a doc comment", func(t *testing.T) {
		require.Empty(t, missing, "exported names without a doc comment")
	})
}
