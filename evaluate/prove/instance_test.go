package prove

import (
	"testing"

	"github.com/stretchr/testify/require"
)

func TestEnvOfNamesItsValuesAsEnvKeyDoes(t *testing.T) {
	for _, k := range []callerKind{kUser, kSession, kRole, kFedUser, kRoot, kService, kIdPHost, kIdPARN, kSLRRole, kSLRSession} {
		for _, pa := range []string{"", "111122223333"} {
			env := envOf(k, pa, "444455556666")
			require.Equal(t, envKey(env.vals), env.key, "kind %v, caller account %q", k, pa)
		}
	}
}
