package prove

import (
	"math/rand"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cksiam/cksiam/evaluate"
	"github.com/cksiam/cksiam/policy"
)

// neverWrong checks the properties every answer has whatever the input: a
// Refuted answer carries a witness the evaluator confirms, and the model
// never disagrees with the evaluator.
func neverWrong(t *testing.T, r Result, k Kind, old, nw *policy.Document) {
	t.Helper()
	require.NotEqual(t, ReasonEngineDisagrees, r.Reason, r.Detail)
	if r.Verdict == Refuted {
		require.NotNil(t, r.Witness)
		require.True(t, allowedBy(t, compiled(t, frameOf(k, nw)), *r.Witness), "witness %+v not allowed by the new document", *r.Witness)
		if old != nil {
			require.False(t, allowedBy(t, compiled(t, frameOf(k, old)), *r.Witness), "witness %+v allowed by the old document", *r.Witness)
		}
	}
}

// FuzzNoNewAccessLaws checks, over generated documents: a document grants
// nothing new over itself; adding a Deny to the new document or an Allow
// to the old one never refutes; every witness is confirmed.
func FuzzNoNewAccessLaws(f *testing.F) {
	for _, seed := range []int64{1, 2, 3, 42, 1234, 20261205} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, seed int64) {
		g := gen{rand.New(rand.NewSource(seed))}
		k := []Kind{Identity, KeyPolicy, TrustPolicy}[int(uint64(seed)%3)]
		p := g.document(k)

		r, err := NoNewAccess(k, p, p)
		require.NoError(t, err)
		require.NotEqual(t, Refuted, r.Verdict, "a document refuted against itself: %+v", r.Witness)
		neverWrong(t, r, k, p, p)

		extra := g.statement(k)
		withDeny := &policy.Document{Version: p.Version, Statement: append(append([]policy.Statement(nil), p.Statement...), deny(extra))}
		r, err = NoNewAccess(k, p, withDeny)
		require.NoError(t, err)
		require.NotEqual(t, Refuted, r.Verdict, "a Deny added refuted: %+v", r.Witness)
		neverWrong(t, r, k, p, withDeny)

		withAllow := &policy.Document{Version: p.Version, Statement: append(append([]policy.Statement(nil), p.Statement...), allow(extra))}
		r, err = NoNewAccess(k, withAllow, p)
		require.NoError(t, err)
		require.NotEqual(t, Refuted, r.Verdict, "an Allow added to the old document refuted: %+v", r.Witness)
		neverWrong(t, r, k, withAllow, p)

		r, err = NoNewAccess(k, p, withAllow)
		require.NoError(t, err)
		neverWrong(t, r, k, p, withAllow)
	})
}

func deny(s policy.Statement) policy.Statement  { s.Effect = policy.Deny; return s }
func allow(s policy.Statement) policy.Statement { s.Effect = policy.Allow; return s }

// FuzzParsedDocument checks the laws on documents read from text: any
// document the evaluator compiles grants nothing new over itself, and
// every answer about it is one of the three, never a panic.
func FuzzParsedDocument(f *testing.F) {
	for _, s := range []string{
		docOf(allowAllKMS),
		docOf(stmt("Allow", act("s3:Get*"), res("arn:aws:s3:::b/*"), cond(`{"StringLike":{"s3:prefix":"home/*"}}`))),
		docOf(stmt("Deny", notAct("kms:Decrypt"), notRes("arn:aws:kms:*:*:key/*"))),
		docOf(stmt("Allow", act("iam:ChangePassword"), res("arn:aws:iam::*:user/${aws:username}"))),
		docOf(stmt("Allow", act("ec2:*"), res("*"), cond(`{"IpAddress":{"aws:SourceIp":"10.0.0.0/8"},"DateLessThan":{"aws:CurrentTime":"2030"}}`))),
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		d, err := policy.Parse(data)
		if err != nil {
			return
		}
		if _, err := evaluate.Compile(frameOf(Identity, d)); err != nil {
			return
		}
		r, err := NoNewAccess(Identity, d, d, Budget(20000))
		require.NoError(t, err)
		require.NotEqual(t, Refuted, r.Verdict)
		neverWrong(t, r, Identity, d, d)
		r, err = AccessNotGranted(Identity, d, []string{"kms:Decrypt"}, nil, Budget(20000))
		require.NoError(t, err)
		neverWrong(t, r, Identity, nil, d)
	})
}
