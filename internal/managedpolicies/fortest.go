package managedpolicies

import (
	"os"
	"sync"
	"testing"
)

var cache struct {
	once     sync.Once
	policies []Policy
	err      error
}

// ForTest loads the corpus from the folder EnvDir names, and skips t when
// the variable is unset. It loads the corpus once per test binary.
func ForTest(t testing.TB) []Policy {
	t.Helper()
	dir := os.Getenv(EnvDir)
	if dir == "" {
		t.Skipf("the AWS managed policy corpus is not fetched: run internal/managedpolicies/fetch.sh DIR and set %s=DIR", EnvDir)
	}
	cache.once.Do(func() { cache.policies, cache.err = Load(dir) })
	if cache.err != nil {
		t.Fatal(cache.err)
	}
	return cache.policies
}
