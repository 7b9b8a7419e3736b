package policy_test

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"

	"github.com/cksiam/cksiam/policy"
)

// goldenFiles returns the AWS-formatted documents under testdata/.
func goldenFiles(t testing.TB) []string {
	files, err := filepath.Glob(filepath.Join("testdata", "*.json"))
	require.NoError(t, err)
	require.GreaterOrEqual(t, len(files), 27, "testdata lost documents")
	return files
}

func TestGoldenDocumentsRoundTripByteForByte(t *testing.T) {
	for _, file := range goldenFiles(t) {
		t.Run(filepath.Base(file), func(t *testing.T) {
			want, err := os.ReadFile(file)
			require.NoError(t, err)
			doc, err := policy.Parse(want)
			require.NoError(t, err)

			got, err := doc.Format()
			require.NoError(t, err)
			if diff := cmp.Diff(string(want), string(got)); diff != "" {
				t.Errorf("Format differs from the file (-file +Format):\n%s", diff)
			}

			// Format is json.MarshalIndent without HTML escaping.
			if !bytes.ContainsAny(want, "<>&") {
				indented, err := json.MarshalIndent(doc, "", "    ")
				require.NoError(t, err)
				if diff := cmp.Diff(string(want), string(indented)+"\n"); diff != "" {
					t.Errorf("json.MarshalIndent differs from the file (-file +MarshalIndent):\n%s", diff)
				}
			}

			// Compact and json.Marshal output parse back to the same document.
			compact, err := doc.Compact()
			require.NoError(t, err)
			marshalled, err := json.Marshal(doc)
			require.NoError(t, err)
			for _, out := range [][]byte{compact, marshalled} {
				again, err := policy.Parse(out)
				require.NoError(t, err, "%s", out)
				if diff := cmp.Diff(doc, again); diff != "" {
					t.Errorf("Parse(%s) differs (-first +second):\n%s", out, diff)
				}
			}
		})
	}
}
