package prove

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cksiam/cksiam/evaluate"
)

// reviewCase is a question and a request the evaluator decides as a
// counterexample of it: the prover must never answer Proved.
type reviewCase struct {
	name    string
	q       string // "new" or "not"
	old     string
	doc     string
	res     []string
	counter evaluate.Request
}

func (c reviewCase) check(t *testing.T) {
	d := mustDoc(t, c.doc)
	// The counterexample really is one, by the evaluator.
	require.True(t, allowedBy(t, compiled(t, frameOf(Identity, d)), c.counter), "the document does not allow %+v", c.counter)
	var r Result
	var err error
	switch c.q {
	case "new":
		require.False(t, allowedBy(t, compiled(t, frameOf(Identity, mustDoc(t, c.old))), c.counter), "the old document allows %+v", c.counter)
		r, err = NoNewAccess(Identity, mustDoc(t, c.old), d)
	case "not":
		require.True(t, anyGlob(c.res, c.counter.Resource, false))
		r, err = AccessNotGranted(Identity, d, nil, c.res)
	}
	require.NoError(t, err)
	require.NotEqual(t, Proved.String(), r.Verdict.String(), "%s: %s", r.Reason, r.Detail)
	if r.Verdict == Refuted {
		require.True(t, allowedBy(t, compiled(t, frameOf(Identity, d)), *r.Witness))
	}
}

func TestNeverProvedWithACounterexample(t *testing.T) {
	team := func(v string) evaluate.Context { return evaluate.Context{"aws:PrincipalTag/team": {v}} }
	user := "arn:aws:iam::" + acct + ":user/alice"
	for _, c := range []reviewCase{
		{
			name: "a question about another partition's resources is asked in that partition",
			q:    "not", doc: docOf(stmt("Allow", act("s3:GetObject"), res("*"))),
			res:     []string{"arn:aws-cn:s3:::b/*"},
			counter: evaluate.Request{Principal: "arn:aws-cn:iam::" + acct + ":user/u", Action: "s3:GetObject", Resource: "arn:aws-cn:s3:::b/x"},
		},
		{
			name: "a Deny whose Resource variable has a default does not cover a caller whose key holds another value",
			q:    "not", doc: docOf(stmt("Allow", act("s3:GetObject"), res("*")), stmt("Deny", act("s3:GetObject"), res("arn:aws:s3:::b/${aws:PrincipalTag/team, 'x'}/*"))),
			res:     []string{"arn:aws:s3:::b/x/*"},
			counter: evaluate.Request{Principal: user, Action: "s3:GetObject", Resource: "arn:aws:s3:::b/x/o", Context: team("y")},
		},
		{
			name: "an old Allow whose Resource variable has a default does not cover a caller whose key holds another value",
			q:    "new", old: docOf(stmt("Allow", act("s3:GetObject"), res("arn:aws:s3:::b/${aws:PrincipalTag/team, 'x'}/*"))),
			doc:     docOf(stmt("Allow", act("s3:GetObject"), res("arn:aws:s3:::b/x/*"))),
			counter: evaluate.Request{Principal: user, Action: "s3:GetObject", Resource: "arn:aws:s3:::b/x/o", Context: team("y")},
		},
	} {
		t.Run(c.name, c.check)
	}
}
