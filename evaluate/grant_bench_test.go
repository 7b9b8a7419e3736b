package evaluate

import (
	"strconv"
	"testing"

	"github.com/stretchr/testify/require"
)

// quotaGrants are AWS's quota of 50,000 grants on one key: to roles,
// users, sessions and accounts, most with an encryption-context
// constraint, and last a grant to exampleUser.
func quotaGrants() []Grant {
	const n = 50000
	out := make([]Grant, 0, n)
	for i := 0; len(out) < n-1; i++ {
		id := strconv.Itoa(i)
		g := Grant{KeyId: guideKey, GrantId: "g" + id, IssuingAccount: issuing, Operations: []string{"Decrypt", "Encrypt", "DescribeKey"},
			Constraints: subset("tenant", id)}
		switch i % 4 {
		case 0:
			g.GranteePrincipal = "arn:aws:iam::111122223333:role/service-" + id
		case 1:
			g.GranteePrincipal = "arn:aws:iam::111122223333:user/user-" + id
		case 2:
			g.GranteePrincipal = "arn:aws:sts::111122223333:assumed-role/App/job-" + id
		case 3:
			g.GranteePrincipal = "arn:aws:iam::" + strconv.Itoa(100000000000+i) + ":root"
		}
		out = append(out, g)
	}
	return append(out, Grant{KeyId: guideKey, GrantId: "mine", GranteePrincipal: exampleUser, Operations: []string{"Decrypt"},
		Constraints: equals("Department", "IT", "Purpose", "Test")})
}

func quotaEvaluator(t testing.TB) *Evaluator {
	p := withKey(t, quotaGrants()...)
	p.Key = &KeyFacts{Arn: guideKey, Origin: "AWS_CLOUDHSM", Tags: map[string]string{"Project": "alpha"}}
	ev, err := Compile(p)
	require.NoError(t, err)
	return ev
}

var quotaRequests = []struct {
	name string
	r    Request
	want Decision
}{
	{"the grantee's grant allows", decrypt(exampleUser, ec("Department", "IT", "Purpose", "Test")), Allowed},
	{"a session of a role whose other sessions hold grants", decrypt(appSession, ec("tenant", "x")), ImplicitDeny},
	{"a caller with no grant", decrypt("arn:aws:iam::111122223333:user/nobody", nil), ImplicitDeny},
}

// TestDecideWithQuotaGrantsAllocatesNothing guards the promise that a
// decision on a key with 50,000 grants allocates nothing.
func TestDecideWithQuotaGrantsAllocatesNothing(t *testing.T) {
	ev := quotaEvaluator(t)
	for _, q := range quotaRequests {
		t.Run(q.name, func(t *testing.T) {
			d, err := ev.Decide(q.r)
			require.NoError(t, err)
			require.Equal(t, q.want, d)
			allocs := testing.AllocsPerRun(20, func() { _, _ = ev.Decide(q.r) })
			require.Zero(t, allocs)
		})
	}
}

func BenchmarkDecideQuotaGrants(b *testing.B) {
	ev := quotaEvaluator(b)
	for _, q := range quotaRequests {
		b.Run(q.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if d, _ := ev.Decide(q.r); d != q.want {
					b.Fatal(d)
				}
			}
		})
	}
}

func BenchmarkCompileQuotaGrants(b *testing.B) {
	p := withKey(b, quotaGrants()...)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Compile(p); err != nil {
			b.Fatal(err)
		}
	}
}
