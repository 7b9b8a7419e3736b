package evaluate

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"
)

// requireOneShotIsCompiled checks that the one-shot Evaluate's answer (res,
// err) to r against p is what Compile then Evaluator.Evaluate answer: the
// same Result, byte for byte, or the same error. checkDecision runs it on
// every row of the decision tables.
func requireOneShotIsCompiled(t *testing.T, p Policies, r Request, res Result, err error) {
	t.Helper()
	want, werr := compiledEvaluate(p, r)
	if werr != nil || err != nil {
		require.Error(t, err, "Compile then Evaluate refuse with %v; the one-shot Evaluate does not", werr)
		require.Error(t, werr, "the one-shot Evaluate refuses with %v; Compile then Evaluate do not", err)
		require.Equal(t, werr.Error(), err.Error(), "the one-shot Evaluate refuses with another error")
	}
	if d := cmp.Diff(want, res); d != "" {
		t.Fatalf("the one-shot Evaluate's Result differs from Compile then Evaluate's (-compiled +one-shot):\n%s", d)
	}
}

// compiledEvaluate is Compile then Evaluator.Evaluate, with the Result the
// package-level Evaluate gives when Compile refuses.
func compiledEvaluate(p Policies, r Request) (Result, error) {
	ev, err := Compile(p)
	if err != nil {
		return Result{Decision: ImplicitDeny, Reason: err.Error()}, err
	}
	return ev.Evaluate(r)
}

// matchValueSlow is actionQuery.matchValue's reference: the value
// compiled as Compile compiles it, matched as a compiled statement
// matches it.
func matchValueSlow(q *actionQuery, v string) bool {
	ap := compileAction(v, nil)
	if ap.service == "" {
		return ap.full.Match(q.action)
	}
	return ap.service == q.service && ap.matchName(q.name)
}

func FuzzActionQueryMatchesAsCompiled(f *testing.F) {
	for _, s := range [][2]string{
		{"kms:Decrypt", "kms:Decrypt"}, {"kms:Decrypt", "KMS:decrypt"}, {"kms:Decrypt", "kms:*"},
		{"kms:Decrypt", "kms:De*"}, {"kms:Decrypt", "kms:D?crypt"}, {"kms:Decrypt", "k*:Decrypt"},
		{"kms:Decrypt", "*"}, {"kms:Decrypt", "kmsx:Decrypt"}, {"kms:Decrypt", "km:Decrypt"},
		{"kms:Decrypt", "kms"}, {"kms:Decrypt", ":Decrypt"}, {"kms:Decrypt", "kms:"},
		{"s3:GetObject", "s3:Get*Object*"}, {"s3:GetObject", "s3:GetObject:x"},
	} {
		f.Add(s[0], s[1])
	}
	f.Fuzz(func(t *testing.T, action, v string) {
		q := newActionQuery(action)
		if !q.valid {
			return
		}
		if got, want := q.matchValue(v), matchValueSlow(&q, v); got != want {
			t.Fatalf("action %q, value %q: matchValue %v, the compiled pattern %v", action, v, got, want)
		}
	})
}
