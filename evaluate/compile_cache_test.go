package evaluate

import (
	"sync"
	"testing"

	"github.com/cksiam/cksiam/policy"
	"github.com/stretchr/testify/require"
)

func TestCompileCache(t *testing.T) {
	const key = "arn:aws:kms:us-west-2:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
	keyPolicy := doc(t, `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "kms:*", "Resource": "*"}]}`)
	use := doc(t, `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["kms:Decrypt", "kms:Encrypt"], "Resource": "*",
	  "Condition": {"StringEquals": {"aws:PrincipalTag/team": "red"}}}]}`)
	deny := doc(t, `{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": "kms:Encrypt", "Resource": "*"}]}`)
	// A trailing space in an action: the grammar refuses it.
	spaced := looseDoc(t, `{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": "kms:Decrypt ", "Resource": "*"}]}`)
	grants := []Grant{{KeyId: key, GrantId: "g1", GranteePrincipal: "arn:aws:iam::111122223333:user/u", Operations: []string{"Decrypt", "Encrypt"}}}
	sets := []Policies{
		{Identity: []*policy.Document{use}, Resource: keyPolicy},
		{Identity: []*policy.Document{use, deny}, Resource: keyPolicy},
		{Identity: []*policy.Document{use}, Boundary: deny, Resource: keyPolicy},
		{Identity: []*policy.Document{use, spaced}, Resource: keyPolicy},
		// The same documents at other places: the cached statements must
		// name where this Compile put them.
		{Identity: []*policy.Document{deny, use, use}, Resource: keyPolicy},
		// One grant list in two sets (compiled once through the cache),
		// and a list Compile refuses (a duplicate GrantId).
		{Resource: keyPolicy, Grants: grants},
		{Identity: []*policy.Document{deny}, Resource: keyPolicy, Grants: grants},
		{Resource: keyPolicy, Grants: []Grant{grants[0], grants[0]}},
	}
	reqs := []Request{}
	for _, a := range []string{"kms:Decrypt", "kms:Encrypt", "kms:PutKeyPolicy"} {
		for _, team := range []string{"red", "blue"} {
			reqs = append(reqs, Request{Principal: "arn:aws:iam::111122223333:user/u", Action: a, Resource: key,
				Context: Context{"aws:PrincipalTag/team": {team}}})
		}
	}
	cache := NewCompileCache()
	for _, opts := range [][]Option{nil, {LooseDocuments()}} {
		for round := 0; round < 2; round++ { // the second round reads the cache
			for i, p := range sets {
				want, wantErr := Compile(p, opts...)
				got, gotErr := Compile(p, append([]Option{WithCompileCache(cache)}, opts...)...)
				if wantErr != nil {
					require.EqualError(t, gotErr, wantErr.Error(), "set %d: a document the grammar refuses is refused through the cache too", i)
					continue
				}
				require.NoError(t, gotErr, "set %d", i)
				for _, r := range reqs {
					w, err := want.Evaluate(r)
					require.NoError(t, err)
					g, err := got.Evaluate(r)
					require.NoError(t, err)
					require.Equal(t, w, g, "set %d, %s as %s", i, r.Action, r.Context["aws:PrincipalTag/team"][0])
				}
			}
		}
	}
	t.Run("a refused document stays refused once cached", func(t *testing.T) {
		_, err := Compile(Policies{Identity: []*policy.Document{spaced}, Resource: keyPolicy}, WithCompileCache(cache))
		require.Error(t, err)
	})
	t.Run("one cache serves concurrent Compiles", func(t *testing.T) {
		c := NewCompileCache()
		var wg sync.WaitGroup
		errs := make([]error, 8)
		for i := range errs {
			wg.Add(1)
			go func() {
				defer wg.Done()
				_, errs[i] = Compile(sets[i%3], WithCompileCache(c))
			}()
		}
		wg.Wait()
		for _, err := range errs {
			require.NoError(t, err)
		}
	})
}
