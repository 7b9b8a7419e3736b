package snapshot

import (
	"errors"
	"sort"
	"testing"
	"testing/fstest"
)

// FuzzLoadFS: whatever one file of the test snapshot holds (an
// authorization-details page with its URL-encoded documents, describe-key,
// the key policy, grants, tags, an SCP or RCP, the organization), LoadFS
// never panics; it refuses with an *Error that matches ErrMalformed and
// names a file, or gives an account that answers WhoCan on each of its keys.
func FuzzLoadFS(f *testing.F) {
	base := testFS(f)
	names := make([]string, 0, len(base))
	for n := range base {
		names = append(names, n)
	}
	sort.Strings(names)
	for i, n := range names {
		f.Add(uint8(i), base[n].Data)
	}
	f.Add(uint8(0), []byte(`{"UserDetailList":[{"UserName":"a","UserId":"AIDAEXAMPLE000000001","Arn":"arn:aws:iam::111122223333:user/a","Path":"/",`+
		`"UserPolicyList":[{"PolicyName":"p","PolicyDocument":"%7B%22Version%22%3A%222012-10-17%22%2C%22Statement%22%3A%5B%5D%7D"}]}],"IsTruncated":true,"Marker":"m"}`))
	f.Add(uint8(0), []byte(`{"RoleDetailList":[{"RoleName":"r","Arn":"arn:aws:iam::111122223333:role/r","AssumeRolePolicyDocument":{"Version":"2012-10-17"}}]}`))
	f.Fuzz(func(t *testing.T, which uint8, data []byte) {
		m := fstest.MapFS{}
		for n, file := range base {
			m[n] = file
		}
		m[names[int(which)%len(names)]] = &fstest.MapFile{Data: data}
		a, err := LoadFS(m)
		if err != nil {
			var e *Error
			if !errors.As(err, &e) || !errors.Is(err, ErrMalformed) || e.File == "" {
				t.Fatalf("LoadFS: %T %v: want an *Error matching ErrMalformed that names a file", err, err)
			}
			return
		}
		for _, k := range a.Keys() {
			if _, err := a.WhoCan(k.ARN, []string{"kms:Decrypt"}); err != nil {
				t.Fatalf("WhoCan on loaded key %s: %v", k.ARN, err)
			}
		}
	})
}
