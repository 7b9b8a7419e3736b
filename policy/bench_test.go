package policy_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/cksiam/cksiam/policy"
)

// benchDocument is the console default KMS key policy (aws-rules E.5): four
// statements, principals, action lists and a condition, 2,248 bytes.
func benchDocument(b *testing.B) []byte {
	data, err := os.ReadFile(filepath.Join("testdata", "kms-console-key-policy.json"))
	if err != nil {
		b.Fatal(err)
	}
	return data
}

func BenchmarkParse(b *testing.B) {
	data := benchDocument(b)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := policy.Parse(data); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkUnmarshalMap decodes the same bytes into map[string]any, the
// yardstick BenchmarkParse is measured against.
func BenchmarkUnmarshalMap(b *testing.B) {
	data := benchDocument(b)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		var m map[string]any
		if err := json.Unmarshal(data, &m); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkFormat(b *testing.B) {
	doc, err := policy.Parse(benchDocument(b))
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := doc.Format(); err != nil {
			b.Fatal(err)
		}
	}
}
