// Command checker is the test oracle for docaudit's Go rule: it reads the Go packages
// under a directory with go/parser and go/ast (the parser revive uses), and prints the
// symbols that revive's "exported" and "package-comments" rules check, one per line:
// path, line, kind, qualname and whether it is documented, separated by tabs.
//
// The rule is revive's as docaudit counts it: each exported name of a const or var spec
// is its own symbol (revive reports a spec once); a doc comment counts when its first
// line of text (directives removed, go/ast's Text) is not empty and is not a
// "Deprecated: " notice; the package comment is one symbol per package, on the first
// file by name that has one, else (undocumented) on doc.go, on <package>.go or on the
// first file by name, where revive reports it missing.
package main

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
)

var generated = regexp.MustCompile(`^// Code generated .* DO NOT EDIT\.$`)

var commonMethods = map[string]bool{
	"Error": true, "Read": true, "ServeHTTP": true, "String": true, "Write": true, "Unwrap": true,
}

type file struct {
	name string
	rel  string
	ast  *ast.File
}

func main() {
	root := os.Args[1]
	packages := map[string][]string{}
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && p != root && (d.Name() == "vendor" || d.Name() == "testdata") {
			return filepath.SkipDir
		}
		if !d.IsDir() && strings.HasSuffix(p, ".go") && !strings.HasSuffix(p, "_test.go") {
			rel, _ := filepath.Rel(root, p)
			rel = filepath.ToSlash(rel)
			packages[path.Dir(rel)] = append(packages[path.Dir(rel)], rel)
		}
		return nil
	})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	dirs := make([]string, 0, len(packages))
	for dir := range packages {
		dirs = append(dirs, dir)
	}
	sort.Strings(dirs)
	for _, dir := range dirs {
		lintPackage(root, dir, packages[dir])
	}
}

func lintPackage(root, dir string, names []string) {
	sort.Strings(names)
	fset := token.NewFileSet()
	var files []file
	for _, rel := range names {
		f, err := parser.ParseFile(fset, filepath.Join(root, rel), nil, parser.ParseComments)
		if err != nil || isGenerated(f) {
			continue
		}
		files = append(files, file{path.Base(rel), rel, f})
	}
	if len(files) == 0 {
		return
	}
	prefix := ""
	if dir != "." {
		prefix = dir + "."
	}
	sortable := scanSortable(files)
	holder := packageFile(files)
	for _, f := range files {
		if f.rel == holder.rel {
			line := fset.Position(f.ast.Package).Line
			emit(f.rel, line, "module", dir, f.ast.Doc != nil && f.ast.Doc.Text() != "")
		}
		var last *ast.GenDecl
		for _, decl := range f.ast.Decls {
			switch d := decl.(type) {
			case *ast.FuncDecl:
				lintFunc(fset, f.rel, prefix, d, sortable)
			case *ast.GenDecl:
				if d.Tok == token.IMPORT {
					continue
				}
				last = d
				for _, spec := range d.Specs {
					lintSpec(fset, f.rel, prefix, spec, last)
				}
			}
		}
	}
}

// packageFile returns the file that holds the package's module symbol.
func packageFile(files []file) file {
	for _, f := range files {
		if f.ast.Doc != nil && f.ast.Doc.Text() != "" {
			return f
		}
	}
	for _, want := range []string{"doc.go", files[0].ast.Name.Name + ".go"} {
		for _, f := range files {
			if f.name == want {
				return f
			}
		}
	}
	return files[0]
}

func isGenerated(f *ast.File) bool {
	for _, group := range f.Comments {
		for _, c := range group.List {
			if c.Pos() > f.Package {
				return false
			}
			for _, line := range strings.Split(c.Text, "\n") {
				if generated.MatchString(strings.TrimRight(line, "\r")) {
					return true
				}
			}
		}
	}
	return false
}

func receiverType(fn *ast.FuncDecl) string {
	e := fn.Recv.List[0].Type
	if s, ok := e.(*ast.StarExpr); ok {
		e = s.X
	}
	switch i := e.(type) {
	case *ast.IndexExpr:
		e = i.X
	case *ast.IndexListExpr:
		e = i.X
	}
	if id, ok := e.(*ast.Ident); ok {
		return id.Name
	}
	return "invalid-type"
}

func types(fields *ast.FieldList) []string {
	var out []string
	if fields == nil {
		return out
	}
	for _, field := range fields.List {
		n := len(field.Names)
		if n == 0 {
			n = 1
		}
		for i := 0; i < n; i++ {
			out = append(out, fmt.Sprint(field.Type))
		}
	}
	return out
}

func signatureIs(fn *ast.FuncDecl, params, results string) bool {
	return fmt.Sprint(types(fn.Type.Params)) == params && fmt.Sprint(types(fn.Type.Results)) == results
}

func scanSortable(files []file) map[string]bool {
	flags := map[string]int{}
	for _, f := range files {
		for _, decl := range f.ast.Decls {
			fn, ok := decl.(*ast.FuncDecl)
			if !ok || fn.Recv == nil || len(fn.Recv.List) == 0 {
				continue
			}
			recv := receiverType(fn)
			switch {
			case fn.Name.Name == "Len" && signatureIs(fn, "[]", "[int]"):
				flags[recv] |= 1
			case fn.Name.Name == "Less" && signatureIs(fn, "[int int]", "[bool]"):
				flags[recv] |= 2
			case fn.Name.Name == "Swap" && signatureIs(fn, "[int int]", "[]"):
				flags[recv] |= 4
			}
		}
	}
	sortable := map[string]bool{}
	for t, v := range flags {
		sortable[t] = v == 7
	}
	return sortable
}

// documented tells whether revive's firstCommentLine finds a line of interest.
func documented(groups ...*ast.CommentGroup) bool {
	for _, g := range groups {
		if g == nil {
			continue
		}
		for _, line := range strings.Split(g.Text(), "\n") {
			line = strings.TrimSpace(line)
			if line == "" {
				continue
			}
			if !strings.HasPrefix(line, "Deprecated: ") {
				return true
			}
			break
		}
	}
	return false
}

func lintFunc(fset *token.FileSet, rel, prefix string, fn *ast.FuncDecl, sortable map[string]bool) {
	if !ast.IsExported(fn.Name.Name) {
		return
	}
	kind, name := "function", fn.Name.Name
	if fn.Recv != nil && len(fn.Recv.List) > 0 {
		recv := receiverType(fn)
		if !ast.IsExported(recv) || commonMethods[name] {
			return
		}
		if (name == "Len" || name == "Less" || name == "Swap") && sortable[recv] {
			return
		}
		kind, name = "method", recv+"."+name
	}
	emit(rel, fset.Position(fn.Pos()).Line, kind, prefix+name, documented(fn.Doc))
}

func lintSpec(fset *token.FileSet, rel, prefix string, spec ast.Spec, gd *ast.GenDecl) {
	switch s := spec.(type) {
	case *ast.TypeSpec:
		if ast.IsExported(s.Name.Name) {
			doc := s.Doc
			if !documented(doc) {
				doc = gd.Doc
			}
			emit(rel, fset.Position(s.Name.Pos()).Line, "class", prefix+s.Name.Name, documented(doc))
		}
	case *ast.ValueSpec:
		for _, id := range s.Names {
			if ast.IsExported(id.Name) {
				emit(rel, fset.Position(id.Pos()).Line, "constant", prefix+id.Name, documented(s.Doc, gd.Doc))
			}
		}
	}
}

func emit(rel string, line int, kind, qualname string, doc bool) {
	fmt.Printf("%s\t%d\t%s\t%s\t%t\n", rel, line, kind, qualname, doc)
}
