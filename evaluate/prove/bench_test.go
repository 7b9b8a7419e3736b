package prove_test

import (
	"testing"

	"github.com/cksiam/cksiam/evaluate/prove"
	"github.com/cksiam/cksiam/roles"
)

// BenchmarkRoles runs each question the roles package asks of its
// documents: the document against itself (NoNewAccess), and that it grants
// nothing outside its own actions (AccessNotGranted of every other action
// is one question per role below).
func BenchmarkRoles(b *testing.B) {
	rs, err := roles.All(roles.Options{})
	if err != nil {
		b.Fatal(err)
	}
	for _, r := range rs {
		d := r.Document()
		kind := prove.Identity
		if r.Name == "DefaultKeyPolicy" || r.Name == "ConsoleKeyPolicy" {
			kind = prove.KeyPolicy
		}
		b.Run(r.Name+"/NoNewAccess", func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				res, err := prove.NoNewAccess(kind, d, d)
				if err != nil || res.Verdict != prove.Proved {
					b.Fatal(res, err)
				}
			}
		})
	}
}
