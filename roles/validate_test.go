package roles

import (
	"strings"
	"testing"

	"github.com/cksiam/cksiam/policy"
	"github.com/cksiam/cksiam/policy/catalog"
)

// kindOf says which kind a golden document is validated as.
func kindOf(name string) policy.Kind {
	switch {
	case strings.HasSuffix(name, ".trust"):
		return policy.TrustPolicy
	case strings.HasPrefix(name, "DefaultKeyPolicy"), strings.HasPrefix(name, "ConsoleKeyPolicy"):
		return policy.KeyPolicy
	}
	return policy.IdentityPolicy
}

func TestEveryGeneratedDocumentPassesValidation(t *testing.T) {
	for name, doc := range goldenDocs(t) {
		kind := kindOf(name)
		t.Run(name+" has no error or security warning as a "+kind.String(), func(t *testing.T) {
			for _, f := range policy.Validate(doc, kind, policy.WithChecker(catalog.Default())) {
				if f.Severity == policy.SeverityError || f.Severity == policy.SeveritySecurityWarning {
					t.Error(f)
				} else {
					t.Log(f)
				}
			}
		})
	}
}

func TestEveryGeneratedDocumentFitsItsQuota(t *testing.T) {
	for name, doc := range goldenDocs(t) {
		kind := kindOf(name)
		q, ok := policy.DefaultQuota(kind)
		if !ok {
			continue
		}
		t.Run(name+" fits the "+q.Name+" quota", func(t *testing.T) {
			b, err := doc.Compact()
			if err != nil {
				t.Fatal(err)
			}
			if n := q.Unit.Measure(b); n > q.Limit {
				t.Errorf("%d %s, quota %d", n, q.Unit, q.Limit)
			} else {
				t.Logf("%d of %d %s", n, q.Limit, q.Unit)
			}
		})
	}
}
