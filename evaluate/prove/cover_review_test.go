package prove

import (
	"fmt"
	"math/rand"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cksiam/cksiam/evaluate"
	"github.com/cksiam/cksiam/policy"
)

// coverReviewCase is a pair of documents built to probe the proof from the
// statements (cover.go): covered says whether the statements prove it.
type coverReviewCase struct {
	name     string
	kind     Kind
	old, new string // statements, joined into a Version 2012 document
	covered  bool
}

func coverReviewCases() []coverReviewCase {
	const key = "arn:aws:kms:us-east-1:" + accA + ":key/k1"
	return []coverReviewCase{
		{"a Deny of old with an unreadable entry under a key named like another key's value, kept as a Deny of new without it, is proved and holds", Identity,
			`{"Effect":"Allow","Action":"kms:*","Resource":"*"},
			 {"Effect":"Deny","Action":"kms:Decrypt","Resource":"*","Condition":{"NumericLessThan":{"aws:MultiFactorAuthAge":"3600","aws:MultiFactorAuthAge[0]":"abc"}}}`,
			`{"Effect":"Allow","Action":"kms:*","Resource":"*"},
			 {"Effect":"Deny","Action":"kms:Decrypt","Resource":"*","Condition":{"NumericLessThan":{"aws:MultiFactorAuthAge":"3600"}}}`, true},
		{"an action pattern within kms:* is proved", Identity,
			`{"Effect":"Allow","Action":"kms:*","Resource":"*"}`,
			`{"Effect":"Allow","Action":["KMS:de*","kms:?ncrypt"],"Resource":"*"}`, true},
		{"kms:* is not within kms:De*", Identity,
			`{"Effect":"Allow","Action":"kms:De*","Resource":"*"}`,
			`{"Effect":"Allow","Action":"kms:*","Resource":"*"}`, false},
		{"a resource pattern a*b is within a*", Identity,
			`{"Effect":"Allow","Action":"s3:*","Resource":"arn:aws:s3:::b*"}`,
			`{"Effect":"Allow","Action":"s3:*","Resource":"arn:aws:s3:::b*/o1"}`, true},
		{"a resource pattern a* is not within a*b", Identity,
			`{"Effect":"Allow","Action":"s3:*","Resource":"arn:aws:s3:::b*/o1"}`,
			`{"Effect":"Allow","Action":"s3:*","Resource":"arn:aws:s3:::b*"}`, false},
		{"resources compare with case: key/K1 is not within key/k*", Identity,
			`{"Effect":"Allow","Action":"kms:*","Resource":"arn:aws:kms:us-east-1:` + accA + `:key/k*"}`,
			`{"Effect":"Allow","Action":"kms:*","Resource":"arn:aws:kms:us-east-1:` + accA + `:key/K1"}`, false},
		{"a NotAction excluding more is proved", Identity,
			`{"Effect":"Allow","NotAction":"kms:Decrypt","Resource":"*"}`,
			`{"Effect":"Allow","NotAction":["kms:decrypt","kms:Encrypt"],"Resource":"*"}`, true},
		{"a NotAction excluding less is not", Identity,
			`{"Effect":"Allow","NotAction":["kms:Decrypt","kms:Encrypt"],"Resource":"*"}`,
			`{"Effect":"Allow","NotAction":"kms:Decrypt","Resource":"*"}`, false},
		{"a Deny of old with NotResource, in new excluding fewer resources, is proved", Identity,
			`{"Effect":"Allow","Action":"kms:*","Resource":"*"},{"Effect":"Deny","Action":"kms:*","NotResource":["` + key + `","arn:aws:kms:*:*:key/k2"]}`,
			`{"Effect":"Allow","Action":"kms:*","Resource":"*"},{"Effect":"Deny","Action":"kms:*","NotResource":"` + key + `"}`, true},
		{"an Allow of new with NotResource is not within an Allow of old with Resource", Identity,
			`{"Effect":"Allow","Action":"kms:*","Resource":"` + key + `"}`,
			`{"Effect":"Allow","Action":"kms:*","NotResource":"arn:aws:kms:*:*:key/k2"}`, false},
		{"Principal \"*\" is not within {\"AWS\":\"*\"} (it also names services)", KeyPolicy,
			`{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"kms:*","Resource":"*"}`,
			`{"Effect":"Allow","Principal":"*","Action":"kms:*","Resource":"*"}`, false},
		{"an account's root ARN is not read as within its account ID (the search decides)", KeyPolicy,
			`{"Effect":"Allow","Principal":{"AWS":"` + accA + `"},"Action":"kms:*","Resource":"*"}`,
			`{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::` + accA + `:root"},"Action":"kms:*","Resource":"*"}`, false},
		{"a NotPrincipal of new listing fewer principals is not within old's", KeyPolicy,
			`{"Effect":"Allow","NotPrincipal":{"AWS":["` + accA + `","arn:aws:iam::` + accA + `:user/u1"]},"Action":"kms:*","Resource":"*"}`,
			`{"Effect":"Allow","NotPrincipal":{"AWS":"` + accA + `"},"Action":"kms:*","Resource":"*"}`, false},
		{"a Deny of old with NotPrincipal is within the same Deny of new", KeyPolicy,
			`{"Effect":"Allow","Principal":"*","Action":"kms:*","Resource":"*"},{"Effect":"Deny","NotPrincipal":{"AWS":["` + accA + `","arn:aws:iam::` + accA + `:user/u1"]},"Action":"kms:*","Resource":"*"}`,
			`{"Effect":"Allow","Principal":"*","Action":"kms:Decrypt","Resource":"*"},{"Effect":"Deny","NotPrincipal":{"AWS":["arn:aws:iam::` + accA + `:user/u1","` + accA + `"]},"Action":"kms:*","Resource":"*"}`, true},
		{"a condition value list cut short is left to the search, which proves it", Identity,
			`{"Effect":"Allow","Action":"kms:*","Resource":"*","Condition":{"StringEquals":{"aws:PrincipalTag/team":["a","b"]}}}`,
			`{"Effect":"Allow","Action":"kms:*","Resource":"*","Condition":{"StringEquals":{"aws:PrincipalTag/team":"a"}}}`, false},
		{"ForAllValues dropped from new is not proved (an absent key meets it)", Identity,
			`{"Effect":"Allow","Action":"kms:*","Resource":"*","Condition":{"ForAllValues:StringEquals":{"aws:TagKeys":"a"}}}`,
			`{"Effect":"Allow","Action":"kms:*","Resource":"*"}`, false},
		{"ForAllValues added to new, beside old's entries, is proved", Identity,
			`{"Effect":"Allow","Action":"kms:*","Resource":"*","Condition":{"StringEquals":{"aws:PrincipalTag/team":"a"}}}`,
			`{"Effect":"Allow","Action":"kms:*","Resource":"*","Condition":{"StringEquals":{"aws:PrincipalTag/team":"a"},"ForAllValues:StringEquals":{"aws:TagKeys":"a"}}}`, true},
		{"IfExists dropped in new is not matched by text (the search decides)", Identity,
			`{"Effect":"Allow","Action":"kms:*","Resource":"*","Condition":{"StringEqualsIfExists":{"aws:PrincipalTag/team":"a"}}}`,
			`{"Effect":"Allow","Action":"kms:*","Resource":"*","Condition":{"StringEquals":{"aws:PrincipalTag/team":"a"}}}`, false},
		{"a Null entry added to new is proved", Identity,
			`{"Effect":"Allow","Action":"kms:*","Resource":"*"}`,
			`{"Effect":"Allow","Action":"kms:*","Resource":"*","Condition":{"Null":{"aws:PrincipalTag/team":"false"}}}`, true},
		{"a condition key spelt in another case is not matched by text", Identity,
			`{"Effect":"Allow","Action":"kms:*","Resource":"*","Condition":{"StringEquals":{"aws:PrincipalTag/team":"a"}}}`,
			`{"Effect":"Allow","Action":"kms:*","Resource":"*","Condition":{"StringEquals":{"aws:principaltag/team":"a"}}}`, false},
		{"a Deny of old whose condition new drops an entry of is proved", Identity,
			`{"Effect":"Allow","Action":"kms:*","Resource":"*"},{"Effect":"Deny","Action":"kms:*","Resource":"*","Condition":{"Bool":{"aws:SecureTransport":"false"},"StringEquals":{"aws:PrincipalTag/team":"b"}}}`,
			`{"Effect":"Allow","Action":"kms:*","Resource":"*"},{"Effect":"Deny","Action":"kms:*","Resource":"*","Condition":{"Bool":{"aws:SecureTransport":"false"}}}`, true},
	}
}

// TestCoverReviewPairs: each pair is proved from the statements exactly
// when the case says, NoNewAccess answers as the search does, and no
// request of the differential test's world new allows and old does not
// when the answer is Proved (a Refuted answer's witness is one).
func TestCoverReviewPairs(t *testing.T) {
	doc := func(stmts string) *policy.Document {
		d, err := policy.Parse([]byte(`{"Version":"2012-10-17","Statement":[` + stmts + `]}`))
		require.NoError(t, err)
		return d
	}
	for _, tc := range coverReviewCases() {
		t.Run(tc.name, func(t *testing.T) {
			old, nw := doc(tc.old), doc(tc.new)
			_, ok := coveredProof(tc.kind, old, nw)
			require.Equal(t, tc.covered, ok, "proved from the statements")
			full, err := NoNewAccess(tc.kind, old, nw)
			require.NoError(t, err)
			search, err := NoNewAccess(tc.kind, old, nw, SearchOnly)
			require.NoError(t, err)
			require.Equal(t, search.Verdict, full.Verdict, "search: %s %s", search.Reason, search.Detail)
			evNew, evOld := compiled(t, frameOf(tc.kind, nw)), compiled(t, frameOf(tc.kind, old))
			switch full.Verdict {
			case Proved:
				for _, r := range enumerate(tc.kind, old, nw) {
					require.False(t, allowedBy(t, evNew, r) && !allowedBy(t, evOld, r), "proved, but %+v is a counterexample", r)
				}
			case Refuted:
				require.True(t, allowedBy(t, evNew, *full.Witness) && !allowedBy(t, evOld, *full.Witness), "witness %+v", *full.Witness)
			default:
				t.Fatalf("unknown: %s %s", full.Reason, full.Detail)
			}
		})
	}
}

// TestStatementsAreDecidedOnTheirOwn checks what the proof from the
// statements assumes of the evaluator, over generated documents: a
// document allows a request exactly when, for one of its Allow statements,
// that statement alone allows it with each of its condition entries alone,
// and for none of its Deny statements does that statement alone (beside an
// Allow of everything) deny it with each of its entries alone. Some
// statements carry an unreadable value under a key named like a value of
// another key ("aws:MultiFactorAuthAge[0]"), which once made the evaluator
// misread the other key's entry.
func TestStatementsAreDecidedOnTheirOwn(t *testing.T) {
	g := gen{rand.New(rand.NewSource(20261206))}
	for i := 0; i < *diffCases/5; i++ {
		k := []Kind{Identity, KeyPolicy, TrustPolicy}[i%3]
		d := g.document(k)
		d.Statement = append(d.Statement, g.statement(k))
		for j := range d.Statement {
			if g.r.Intn(2) == 0 {
				d.Statement[j].Condition = d.Statement[j].Condition.With("NumericLessThan", "aws:MultiFactorAuthAge", "3600").
					With("NumericLessThan", "aws:MultiFactorAuthAge[0]", "abc")
			}
		}
		name := fmt.Sprintf("case %d (%s) %s", i, k, docJSON(d))
		whole := compiled(t, frameOf(k, d))
		all := policy.Statement{Effect: policy.Allow, Action: policy.List("*"), Resource: policy.List("*")}
		if k != Identity {
			all.Principal = policy.Everyone()
		}
		// pieces[i] holds statement i alone, once per condition entry it has.
		pieces := make([][]*evaluate.Evaluator, len(d.Statement))
		for si, st := range d.Statement {
			var parts []policy.Statement
			for _, b := range st.Condition {
				for _, e := range b.Entries {
					one := st
					one.Condition = policy.Condition{{Operator: b.Operator, Entries: []policy.ConditionEntry{e}}}
					parts = append(parts, one)
				}
			}
			if len(parts) == 0 {
				parts = []policy.Statement{st}
			}
			for _, one := range parts {
				alone := &policy.Document{Version: d.Version, Statement: []policy.Statement{one}}
				if st.Effect == policy.Deny {
					alone.Statement = []policy.Statement{all, one}
				}
				pieces[si] = append(pieces[si], compiled(t, frameOf(k, alone)))
			}
		}
		for n, r := range enumerate(k, d) {
			if n%5 != 0 {
				continue
			}
			allowed, denied := false, false
			for si, st := range d.Statement {
				every := true
				for _, ev := range pieces[si] {
					dec, err := ev.Decide(r)
					require.NoError(t, err)
					if st.Effect == policy.Allow && dec != evaluate.Allowed || st.Effect == policy.Deny && dec != evaluate.ExplicitDeny {
						every = false
					}
				}
				if every && st.Effect == policy.Allow {
					allowed = true
				}
				if every && st.Effect == policy.Deny {
					denied = true
				}
			}
			require.Equal(t, allowed && !denied, allowedBy(t, whole, r), "%s\nrequest %+v", name, r)
		}
	}
}
