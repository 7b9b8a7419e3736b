package evaluate

import (
	"strings"
	"testing"

	"github.com/cksiam/cksiam/internal/ascii"
	"github.com/stretchr/testify/require"
)

func TestLowerTextLowerCasesASCIIAndKeepsWhatItGave(t *testing.T) {
	var lt lowerText
	in := []string{"kms:Decrypt", "already:lower", "", strings.Repeat("AbC", 200), "aws:PrincipalTag/Team", "ÄÖ:X"}
	var out []string
	for range 50 { // enough to need several chunks
		for _, s := range in {
			out = append(out, lt.lower(s))
		}
	}
	for i, got := range out {
		s := in[i%len(in)]
		require.Equal(t, ascii.ToLower(s), got, "%q", s)
	}
	var nilLT *lowerText
	require.Equal(t, "kms:decrypt", nilLT.lower("KMS:Decrypt"))
}
