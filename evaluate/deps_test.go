package evaluate_test

import (
	"os/exec"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// The decision engine does not link the AWS SDK: only the simulator front
// end (package evaluate/simulator) speaks its types, so a program that only
// compiles and decides stays small.
func TestEngineDoesNotImportTheAWSSDK(t *testing.T) {
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("the go command is not on PATH: cannot list the package's dependencies")
	}
	out, err := exec.Command(goTool, "list", "-deps", "github.com/cksiam/cksiam/evaluate").Output()
	require.NoError(t, err)
	var sdk []string
	for _, p := range strings.Fields(string(out)) {
		if strings.HasPrefix(p, "github.com/aws/") {
			sdk = append(sdk, p)
		}
	}
	require.Empty(t, sdk, "evaluate imports AWS SDK packages")
}
