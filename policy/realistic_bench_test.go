package policy_test

import (
	"testing"

	"github.com/cksiam/cksiam/internal/managedpolicies"
	"github.com/cksiam/cksiam/policy"
)

// The benchmarks here measure Parse and Validate on realistic inputs: the
// documents of testdata/corpus (published by AWS, every kind, indented as
// AWS shows them) and, when the managed-policy corpus is fetched (see
// internal/managedpolicies), the default version of every AWS managed
// policy (compact, as IAM stores them). One operation handles the whole
// set; docs/op says how many documents that is, ns/doc the time for one.

// benchDoc is one input: its JSON, its kind and its parsed document.
type benchDoc struct {
	data []byte
	kind policy.Kind
	doc  *policy.Document
}

func corpusBenchDocs(b *testing.B) []benchDoc {
	var docs []benchDoc
	for _, cf := range loadCorpus(b) {
		docs = append(docs, parsedBenchDoc(b, cf.data, cf.kind))
	}
	return docs
}

// managedBenchDocs returns the default version of every AWS managed
// policy, or skips b when the corpus is not fetched.
func managedBenchDocs(b *testing.B) []benchDoc {
	var docs []benchDoc
	for _, p := range managedpolicies.ForTest(b) {
		if v, ok := p.DefaultVersion(); ok {
			docs = append(docs, parsedBenchDoc(b, v.Document, policy.IdentityPolicy))
		}
	}
	return docs
}

func parsedBenchDoc(b *testing.B, data []byte, kind policy.Kind) benchDoc {
	doc, err := policy.Parse(data)
	if err != nil {
		b.Fatal(err)
	}
	return benchDoc{data: data, kind: kind, doc: doc}
}

func benchParse(b *testing.B, docs []benchDoc) {
	size := 0
	for _, d := range docs {
		size += len(d.data)
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	for b.Loop() {
		for _, d := range docs {
			if _, err := policy.Parse(d.data); err != nil {
				b.Fatal(err)
			}
		}
	}
	reportPerDoc(b, len(docs))
}

// benchValidate validates each document as its kind, with the default
// size quota: the compact length is measured on every call.
func benchValidate(b *testing.B, docs []benchDoc) {
	b.ReportAllocs()
	for b.Loop() {
		for _, d := range docs {
			policy.Validate(d.doc, d.kind)
		}
	}
	reportPerDoc(b, len(docs))
}

func reportPerDoc(b *testing.B, n int) {
	b.ReportMetric(float64(n), "docs/op")
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/doc")
}

func BenchmarkParseCorpus(b *testing.B)    { benchParse(b, corpusBenchDocs(b)) }
func BenchmarkValidateCorpus(b *testing.B) { benchValidate(b, corpusBenchDocs(b)) }

func BenchmarkParseManaged(b *testing.B)    { benchParse(b, managedBenchDocs(b)) }
func BenchmarkValidateManaged(b *testing.B) { benchValidate(b, managedBenchDocs(b)) }
