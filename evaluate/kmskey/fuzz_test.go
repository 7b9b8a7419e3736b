package kmskey_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/cksiam/cksiam/evaluate/kmskey"
)

// FuzzReadGrantsFile: the readers never panic, and the grants of any file
// they accept can be checked, with every finding placed inside the file.
func FuzzReadGrantsFile(f *testing.F) {
	names, _ := filepath.Glob(filepath.Join("testdata", "*.json"))
	for _, n := range names {
		if data, err := os.ReadFile(n); err == nil {
			f.Add(data)
		}
	}
	f.Add([]byte(`{"grants":[{"operations":["Sign"],"granteePrincipal":"o-abc","issuingAccount":"111122223333","constraints":{"encryptionContextEquals":{"a":"1"}}}]}`))
	f.Add([]byte(`[{"GrantId":"a","Operations":["Decrypt"]}] {"Grants":[{"GrantId":"a","Operations":["Decrypt"]}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		_, _ = kmskey.ReadKeyMetadata(data)
		_, _ = kmskey.ReadTags(data)
		_, _ = kmskey.ReadKeyConfiguration(data)
		file, err := kmskey.ReadGrantsFile(data)
		if err != nil {
			return
		}
		for _, finding := range kmskey.CheckGrants(file.Grants, nil) {
			i, field, ok := kmskey.SplitGrantPath(finding.Path)
			if !ok {
				t.Fatalf("finding path %q is not a grant path", finding.Path)
			}
			loc, _, found := kmskey.Locate(data, i, field)
			if !found {
				t.Fatalf("grant %d of an accepted file is not found in it", i)
			}
			if loc.Offset < 0 || loc.Offset >= len(data) {
				t.Fatalf("offset %d outside the file of %d bytes", loc.Offset, len(data))
			}
		}
	})
}
