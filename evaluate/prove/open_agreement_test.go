package prove

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cksiam/cksiam/evaluate"
	"github.com/cksiam/cksiam/policy"
)

// A request's tags are one map: aws:TagKeys lists exactly the names of its
// aws:RequestTag/<name> keys, every name has at least one character, and a
// name the question fixes as absent is in no request. Each case is decided
// by brute force over every set of tags the names below make (the world,
// without the absent names), and the prover must give the same extent,
// witnesses inside the world and a residual that holds exactly on the
// allowed requests of the world.
func TestOpenWitnessesKeepTheRequestTagsOneMap(t *testing.T) {
	base := evaluate.Request{Principal: openRole, Action: "kms:TagResource", Resource: openKey}
	names := []string{"owner", "env", "other"}
	values := []string{"x", "prod"}
	cases := []struct {
		name    string
		cond    string
		absent  []string
		context evaluate.Context
		want    Extent
	}{
		{name: "a tag with an empty name is in no request, so a condition on it never holds",
			cond: `{"StringEquals":{"aws:RequestTag/":"x"}}`, want: Never},
		{name: "a tag the question fixes as absent is never given, even when a condition names it",
			cond: `{"StringEquals":{"aws:RequestTag/owner":"x"}}`, absent: []string{"aws:RequestTag/owner"}, want: Never},
		{name: "a tag the question fixes as absent is never listed in aws:TagKeys",
			cond: `{"ForAnyValue:StringEquals":{"aws:TagKeys":"owner"}}`, absent: []string{"aws:RequestTag/Owner"}, want: Never},
		{name: "a tag the question fixes as absent leaves the other names their classes",
			cond: `{"ForAnyValue:StringEquals":{"aws:TagKeys":["owner","env"]}}`, absent: []string{"aws:RequestTag/owner"}, want: Sometimes},
		{name: "a tag the question fixes as absent makes a ForAllValues over it hold only without it",
			cond: `{"ForAllValues:StringEquals":{"aws:TagKeys":["env"]},"Null":{"aws:TagKeys":"false"}}`, absent: []string{"aws:RequestTag/owner"}, want: Sometimes},
		{name: "a key of the context given with no values is free, whatever its spelling",
			cond: `{"StringEquals":{"aws:RequestTag/owner":"x"}}`, context: evaluate.Context{"aws:tagkeys": {}, "aws:requesttag/OWNER": {}}, want: Sometimes},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			doc := docOf(stmt("Allow", act("kms:TagResource"), res("*"), cond(tc.cond)))
			p := evaluate.Policies{Identity: []*policy.Document{mustDoc(t, doc)}, Resource: mustDoc(t, openKeyPolicy())}
			ev, err := evaluate.Compile(p)
			require.NoError(t, err)
			var world []evaluate.Request
			var allowed []bool
			var anyAllowed, anyDenied bool
			for mask := 0; mask < 1<<len(names); mask++ {
				var set []string
				for i, n := range names {
					if mask&(1<<i) != 0 && !keyNamed("aws:requesttag/"+n, tc.absent) {
						set = append(set, n)
					}
				}
				if len(set) == 0 && mask != 0 {
					continue
				}
				for vi := 0; vi < 1<<len(set); vi++ {
					w := base
					w.Context = evaluate.Context{}
					for i, n := range set {
						w.Context["aws:RequestTag/"+n] = []string{values[(vi>>i)&1]}
					}
					if len(set) > 0 {
						w.Context["aws:TagKeys"] = set
					}
					d, err := ev.Decide(w)
					require.NoError(t, err)
					world = append(world, w)
					allowed = append(allowed, d == evaluate.Allowed)
					anyAllowed, anyDenied = anyAllowed || d == evaluate.Allowed, anyDenied || d != evaluate.Allowed
				}
			}
			want := map[[2]bool]Extent{{true, false}: Always, {false, true}: Never, {true, true}: Sometimes}[[2]bool{anyAllowed, anyDenied}]
			require.Equal(t, tc.want, want, "the world's extent (the case's expectation is wrong)")

			op, err := CompileOpen(p)
			require.NoError(t, err)
			q := base
			q.Context = tc.context
			ans, err := op.Decide(Question{Request: q, Absent: tc.absent})
			require.NoError(t, err)
			desc := fmt.Sprintf("%v %s %s", ans.Extent, ans.Reason, ans.Detail)
			require.Equal(t, want, ans.Extent, desc)
			for _, w := range []*evaluate.Request{ans.Allowed, ans.Denied} {
				if w == nil {
					continue
				}
				requireTagsAgree(t, w.Action, w.Context)
				for k, v := range w.Context {
					require.NotEmpty(t, v, "witness key %s without values", k)
					require.False(t, keyNamed(strings.ToLower(k), tc.absent), "witness gives the absent key %s", k)
					require.NotEqual(t, "aws:requesttag/", strings.ToLower(k), "witness gives a tag without a name")
				}
			}
			if len(ans.Residual) > 0 {
				for j := range world {
					require.Equal(t, allowed[j], anyHolds(ans.Residual, &world[j]), "residual %+v on %+v", ans.Residual, world[j].Context)
				}
			}
		})
	}
}

// The search keeps the same map: a condition on a tag without a name is
// never met, so an Allow gated on it grants nothing (it was refuted with a
// witness giving aws:RequestTag/ but no aws:TagKeys).
func TestAConditionOnATagWithoutANameGrantsNothing(t *testing.T) {
	for _, action := range []string{"kms:TagResource", "kms:Decrypt"} {
		t.Run("for "+action, func(t *testing.T) {
			doc := mustDoc(t, docOf(stmt("Allow", act(action), res("*"), cond(`{"StringEquals":{"aws:RequestTag/":"x"}}`))))
			r, err := AccessNotGranted(Identity, doc, []string{action}, nil)
			require.NoError(t, err)
			require.Equal(t, Proved, r.Verdict, "%s %s %+v", r.Reason, r.Detail, r.Witness)
		})
	}
}
