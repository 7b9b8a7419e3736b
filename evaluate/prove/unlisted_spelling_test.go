package prove

import (
	"testing"

	"github.com/stretchr/testify/require"
)

// TestAnUnlistedActionsWitnessIsSpelledLikeAnAction: the witness of an
// action class the catalog does not list is an action name AWS could
// send — its first letter upper case, and the letters a pattern writes
// as the pattern writes them — and the Detail says what it stands for.
func TestAnUnlistedActionsWitnessIsSpelledLikeAnAction(t *testing.T) {
	for _, c := range []struct{ pattern, want string }{
		{"kms:*Future*", "kms:Future"},
		{"kms:ZzFuture*", "kms:ZzFuture"},
		{"kms:Zz?", "kms:Zzx"},
	} {
		t.Run(c.pattern+" is witnessed by "+c.want, func(t *testing.T) {
			r, err := AccessNotGranted(Identity, mustDoc(t, docOf(stmt("Allow", act(c.pattern), res("*")))), nil, []string{"*"})
			require.NoError(t, err)
			require.Equal(t, Refuted.String(), r.Verdict.String(), "%s %s", r.Reason, r.Detail)
			require.Equal(t, c.want, r.Witness.Action)
			require.Contains(t, r.Detail, c.want+" is not in the action catalog")
		})
	}
}
