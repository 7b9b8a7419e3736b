package roles

import (
	"testing"

	"github.com/cksiam/cksiam/evaluate"
	"github.com/cksiam/cksiam/policy"
)

func BenchmarkDocument(b *testing.B) {
	r, err := KeyUser(fullOptions)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		_ = r.Document()
	}
}

func BenchmarkAll(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := All(fullOptions); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkVerifyKeyStoreManager(b *testing.B) {
	r, err := KeyStoreManager(Options{Account: "111122223333", Region: "us-west-2"})
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if !r.Verify().Summary.OK() {
			b.Fatal("verification failed")
		}
	}
}

func BenchmarkVerifyAllRoles(b *testing.B) {
	rs, err := All(Options{Account: "111122223333", Region: "us-west-2"})
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		for _, r := range rs {
			_ = r.Verify()
		}
	}
}

func BenchmarkAuditKeyStoreManager(b *testing.B) {
	r, err := KeyStoreManager(Options{Account: "111122223333", Region: "us-west-2"})
	if err != nil {
		b.Fatal(err)
	}
	p := r.Document()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := r.audit(defaultSource(), policiesOf(p), ""); err != nil {
			b.Fatal(err)
		}
	}
}

func policiesOf(d *policy.Document) evaluate.Policies {
	return evaluate.Policies{Identity: []*policy.Document{d}}
}
