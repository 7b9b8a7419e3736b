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
