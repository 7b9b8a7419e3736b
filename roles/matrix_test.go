package roles

import (
	"testing"

	"github.com/stretchr/testify/require"
)

func TestMatrixCoversEveryRole(t *testing.T) {
	rs, err := All(Options{Account: "111122223333", Region: "us-west-2", KeyIDs: []string{"k1"}, CallerAccount: true})
	require.NoError(t, err)
	for _, r := range rs {
		t.Run(r.Name+" has intended cases and near misses of every applicable kind", func(t *testing.T) {
			kinds := map[CaseKind]int{}
			for _, c := range r.Matrix() {
				kinds[c.Kind]++
				require.Equal(t, c.Kind == Intended, c.Allow, "%+v", c)
				require.NotEmpty(t, c.Principal)
				require.NotEmpty(t, c.Resource)
			}
			require.NotZero(t, kinds[Intended])
			switch r.Name {
			case "DefaultKeyPolicy":
				require.NotZero(t, kinds[OtherCaller])
			case "ServiceLinkedRole":
				require.NotZero(t, kinds[OtherAction])
				require.NotZero(t, kinds[OtherCaller])
			case "KeyUser", "KeyManager":
				require.NotZero(t, kinds[OtherAction])
				require.NotZero(t, kinds[OtherAccount])
				require.NotZero(t, kinds[OtherRegion])
				require.NotZero(t, kinds[OtherID])
				require.NotZero(t, kinds[FailCondition])
			default:
				require.NotZero(t, kinds[OtherAction])
			}
		})
	}
	t.Run("the key store manager's matrix tests every other kms, cloudhsm and iam action", func(t *testing.T) {
		r, err := KeyStoreManager(Options{Account: "111122223333", Region: "us-west-2"})
		require.NoError(t, err)
		src := defaultSource()
		want := len(src.ServiceActions("kms")) + len(src.ServiceActions("cloudhsm")) + len(src.ServiceActions("iam")) - 8
		n := 0
		for _, c := range r.Matrix() {
			if c.Kind == OtherAction {
				n++
			}
		}
		require.Equal(t, want, n)
	})
}
