package roles

import (
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/cksiam/cksiam/evaluate"
	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"
)

// verifyReference is Verify done the plain way, the twin Verify's fast
// path is held to: the matrix as Matrix makes it (contexts copied), every
// case compiled and explained with Compile and Evaluate.
func verifyReference(r *Role) *Verification {
	v := &Verification{Role: r.Name, Summary: Summary{NearMissesByKind: map[CaseKind]int{}}}
	for _, c := range r.Matrix() {
		res := evaluate.Result{Decision: evaluate.ImplicitDeny}
		ev, err := evaluate.Compile(c.policies())
		if err == nil {
			res, err = ev.Evaluate(c.request())
		}
		good := err == nil && (res.Decision == evaluate.Allowed) == c.Allow
		if c.Allow {
			v.Summary.Intended++
			if good {
				v.Summary.IntendedAllowed++
			}
		} else {
			v.Summary.NearMisses++
			v.Summary.NearMissesByKind[c.Kind]++
			if good {
				v.Summary.NearMissesDenied++
			}
		}
		if !good {
			v.Failures = append(v.Failures, Outcome{Case: c, Decision: res.Decision, Reason: res.Reason, Err: err})
		}
	}
	v.Proofs = r.proofs()
	for _, p := range v.Proofs {
		v.Summary.Proofs++
		if p.OK() {
			v.Summary.ProofsProved++
		}
	}
	return v
}

// brokenRoles returns the roles for o and variants of them that fail
// verification in different ways: a condition that denies its own sample
// value, a permission widened to "*", one scoped to a resource type the
// role does not name.
func brokenRoles(t *testing.T, o Options) []*Role {
	rs, err := All(o)
	require.NoError(t, err)
	c, err := ConsoleKeyPolicy(o)
	require.NoError(t, err)
	out := append(rs, c)
	for _, r := range append(rs, c) {
		for i, p := range r.Permissions {
			cond := *r
			cond.Name = r.Name + " with a condition that denies its sample value"
			cond.Permissions = append([]Permission(nil), r.Permissions...)
			cond.Permissions[i].Condition = p.Condition.With("StringNotEquals", "aws:PrincipalTag/team", "other")
			wide := *r
			wide.Name = r.Name + " widened to every resource"
			wide.Permissions = append([]Permission(nil), r.Permissions...)
			wide.Permissions[i].Resources = []string{"*"}
			out = append(out, &cond, &wide)
			if i == 1 {
				break
			}
		}
	}
	return out
}

func TestVerifyGivesWhatThePlainEvaluationGives(t *testing.T) {
	failing := 0
	for _, o := range []Options{exampleOptions, fullOptions, {Account: "123456789012", Partition: "aws-cn", Region: "cn-north-1"}} {
		for _, r := range brokenRoles(t, o) {
			t.Run(r.Name+" in "+o.Region+" verifies as Compile and Evaluate on every case say", func(t *testing.T) {
				want := verifyReference(r)
				got := r.Verify()
				if len(want.Failures) > 0 {
					failing++
				}
				require.Empty(t, cmp.Diff(want, got, cmp.Comparer(func(a, b error) bool {
					return fmt.Sprint(a) == fmt.Sprint(b)
				})))
			})
		}
	}
	require.Greater(t, failing, 30, "most broken variants fail, so that failures are compared too")
}

func TestVerifyReportsAFailingCaseWithAContextOfItsOwn(t *testing.T) {
	r, err := KeyUser(Options{Account: "111122223333", Region: "us-west-2"})
	require.NoError(t, err)
	r.Permissions[0].Condition = r.Permissions[0].Condition.With("StringNotEquals", "kms:ViaService", "s3.us-west-2.amazonaws.com")
	v := r.Verify()
	want := verifyReference(r).Failures
	require.Greater(t, len(v.Failures), 1)
	require.Len(t, v.Failures, len(want))
	for i, f := range v.Failures {
		require.Equal(t, want[i].Case.Context, f.Case.Context, "failure %d, after those before it were cleared", i)
		clear(f.Case.Context)
	}
}

func TestSamplerMatchesSampleOfNarrowest(t *testing.T) {
	src := defaultSource()
	for _, o := range []Options{exampleOptions, fullOptions,
		{Account: "123456789012", Region: "us-east-1", KeyIDs: []string{"k2", "k1", "a*"}, ClusterIDs: []string{"cluster-b", "cluster-a"}, BackupIDs: []string{"b"}},
		{Partition: "aws-us-gov", Account: "123456789012"},
	} {
		t.Run(fmt.Sprintf("every action's sample resource for %s/%s/%v is the first of its sorted expansions", o.Partition, o.Region, o.KeyIDs), func(t *testing.T) {
			s := sampler{o: o}
			n := 0
			for _, svc := range []string{"kms", "cloudhsm", "iam", "ec2", "s3", "sts", "dynamodb"} {
				for _, a := range src.actions(svc) {
					require.Equal(t, sample(narrowestFrom(a.formats, o)), s.sample(a.formats), a.name)
					n++
				}
			}
			for _, f := range [][]string{{"*"}, {"${Unknown}"}, {"arn:${Partition}:x:::${KeyId", "arn:${Partition}:a:::${KeyId}"}, {KeyARNFormat, AliasARNFormat, ClusterARNFormat, BackupARNFormat, RoleARNFormat}} {
				require.Equal(t, sample(narrowestFrom(f, o)), s.sample(f), strings.Join(f, " "))
			}
			require.Greater(t, n, 1000)
		})
	}
}

func TestConcurrentVerifyGivesWhatOneVerifyGives(t *testing.T) {
	rs, err := All(exampleOptions)
	require.NoError(t, err)
	want := make([]*Verification, len(rs))
	for i, r := range rs {
		want[i] = r.Verify()
	}
	got := make([][]*Verification, 4)
	var wg sync.WaitGroup
	for g := range got {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for _, r := range rs {
				got[g] = append(got[g], r.Verify())
			}
		}()
	}
	wg.Wait()
	for g := range got {
		require.Empty(t, cmp.Diff(want, got[g]), "goroutine %d", g)
	}
}
