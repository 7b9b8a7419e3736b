package policy_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/cksiam/cksiam/policy"
)

// FuzzParse checks that Parse never panics, that every error is a
// *policy.Error, and that Parse → write → Parse is a fixed point for every
// writer. Its seeds, the golden documents, the malformed table, the corpus
// of AWS-published documents and the documents AWS rejects, run in every go
// test.
func FuzzParse(f *testing.F) {
	for _, file := range goldenFiles(f) {
		data, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	for _, tc := range malformed {
		f.Add([]byte(tc.input))
	}
	corpus, err := filepath.Glob(filepath.Join("testdata", "corpus", "*", "*.json"))
	if err != nil {
		f.Fatal(err)
	}
	for _, file := range corpus {
		data, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	for _, tc := range append(rejectCases, neverWorkCases...) {
		f.Add([]byte(tc.doc))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, err := policy.Parse(data)
		if err != nil {
			var perr *policy.Error
			if !errors.As(err, &perr) {
				t.Fatalf("error %v (%T) is not a *policy.Error", err, err)
			}
			if doc != nil {
				t.Fatalf("Parse returned a document with error %v", err)
			}
			if perr.Offset < 0 || perr.Offset > int64(len(data)) {
				t.Fatalf("error offset %d outside the input (%d bytes)", perr.Offset, len(data))
			}
			return
		}
		// Whatever Parse accepts is JSON, and Compact writes the same JSON
		// value as encoding/json reads from the input, apart from the empty
		// Sid and Id and the empty Condition that Parse reads as absent.
		if !json.Valid(data) {
			t.Fatalf("Parse accepted invalid JSON %q", data)
		}
		compact, err := doc.Compact()
		if err != nil {
			t.Fatalf("Compact of a parsed document failed: %v", err)
		}
		if want, got := decodeWithoutEmptyLabels(t, data), decodeWithoutEmptyLabels(t, compact); !reflect.DeepEqual(want, got) {
			t.Fatalf("Compact changed the JSON value:\ninput:  %#v\noutput: %#v", want, got)
		}

		formatted, err := doc.Format()
		if err != nil {
			t.Fatalf("Format of a parsed document failed: %v", err)
		}
		marshalled, err := json.Marshal(doc)
		if err != nil {
			t.Fatalf("json.Marshal of a parsed document failed: %v", err)
		}
		for _, out := range [][]byte{formatted, compact, marshalled} {
			again, err := policy.Parse(out)
			if err != nil {
				t.Fatalf("Parse of written document %q failed: %v", out, err)
			}
			if diff := cmp.Diff(doc, again); diff != "" {
				t.Fatalf("Parse → write → Parse changed the document (-first +second):\n%s", diff)
			}
		}
		again, _ := policy.Parse(formatted)
		reformatted, err := again.Format()
		if err != nil || !bytes.Equal(formatted, reformatted) {
			t.Fatalf("Format is not a fixed point:\n%s\n%s", formatted, reformatted)
		}
		// Normalize keeps a parsed document writable and is idempotent.
		norm := doc.Normalize()
		normOut, err := norm.Format()
		if err != nil {
			t.Fatalf("Format of a normalised document failed: %v", err)
		}
		renorm, err := policy.Parse(normOut)
		if err != nil {
			t.Fatalf("Parse of a normalised document failed: %v", err)
		}
		if diff := cmp.Diff(norm, renorm.Normalize()); diff != "" {
			t.Fatalf("Normalize is not idempotent (-once +twice):\n%s", diff)
		}
	})
}

// decodeWithoutEmptyLabels decodes a policy with encoding/json and drops
// empty "Id" and "Sid" strings.
func decodeWithoutEmptyLabels(t *testing.T, data []byte) any {
	t.Helper()
	var v map[string]any
	if err := json.Unmarshal(data, &v); err != nil {
		t.Fatalf("encoding/json cannot read %q: %v", data, err)
	}
	if v["Id"] == "" {
		delete(v, "Id")
	}
	stmts, ok := v["Statement"].([]any)
	if !ok {
		stmts = []any{v["Statement"]}
	}
	for _, st := range stmts {
		m, ok := st.(map[string]any)
		if !ok {
			continue
		}
		if m["Sid"] == "" {
			delete(m, "Sid")
		}
		// "Condition": {} tests nothing: Parse reads it as no Condition
		// (see Parse), so Compact leaves it out.
		if c, ok := m["Condition"].(map[string]any); ok && len(c) == 0 {
			delete(m, "Condition")
		}
	}
	return v
}
