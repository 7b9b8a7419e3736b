package prove

import (
	"testing"

	"github.com/stretchr/testify/require"
)

func TestAnAnswerDoesNotDependOnWhatWasAskedBefore(t *testing.T) {
	// Patterns no other test names, so that the first question fills the
	// caches and the second finds everything there: both must spend the
	// same budget, so that a Budget gives the same answer either way.
	old := docOf(stmt("Allow", act("budgettest:Get*", "s3:Get*"), res("arn:aws:s3:::budget-test-bucket/*"),
		cond(`{"StringLike":{"aws:PrincipalTag/budget-test":["a*","*b"]}}`)))
	nw := docOf(stmt("Allow", act("budgettest:Get*", "budgettest:List*", "s3:Get*"), res("arn:aws:s3:::budget-test-bucket/*"),
		cond(`{"StringLike":{"aws:PrincipalTag/budget-test":["a*","*b"]}}`)))
	first, err := NoNewAccess(Identity, mustDoc(t, old), mustDoc(t, nw))
	require.NoError(t, err)
	again, err := NoNewAccess(Identity, mustDoc(t, old), mustDoc(t, nw))
	require.NoError(t, err)
	require.Equal(t, first.Verdict, again.Verdict)
	require.Equal(t, first.Steps, again.Steps, "budget spent by the same question, asked twice")

	short, err := NoNewAccess(Identity, mustDoc(t, old), mustDoc(t, nw), Budget(first.Steps-1))
	require.NoError(t, err)
	require.Equal(t, Unknown, short.Verdict, "a budget one short of what the question needs, with warm caches")
	require.Equal(t, ReasonBudgetExceeded, short.Reason)
}

func TestAWitnessDoesNotDependOnWhatWasAskedBefore(t *testing.T) {
	// The new document spells an unlisted action (kms:ZzWitnessOrderTest,
	// named by no other test): the cached action classes are copied to
	// respell it, and the format sets one copy computes must reach the
	// next question's copy too, or its witness changes.
	old := `{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"iam:PassRole","Resource":"arn:aws:kms:*:111122223333:key/*"},` +
		`{"Effect":"Allow","Action":"kms:Decrypt","Resource":"arn:aws:s3:::*"}]}`
	nw := `{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"iam:PassRole","Resource":"arn:aws:kms:*:111122223333:key/*"},` +
		`{"Effect":"Allow","Action":"kms:Decrypt","Resource":"arn:aws:s3:::*"},` +
		`{"Effect":"Allow","Action":["*","kms:ZzWitnessOrderTest"],"Resource":"arn:aws:kms:us-east-1:111122223333:key/k1"},` +
		`{"Effect":"Deny","Action":["iam:PassRole","kms:ZzWitnessOrderTest"],"Resource":["arn:aws:kms:*:*:key/k2","arn:aws:kms:*:*:alias/*"]}]}`
	first, err := NoNewAccess(Identity, mustDoc(t, old), mustDoc(t, nw))
	require.NoError(t, err)
	require.Equal(t, Refuted, first.Verdict)
	for range 2 {
		again, err := NoNewAccess(Identity, mustDoc(t, old), mustDoc(t, nw))
		require.NoError(t, err)
		require.Equal(t, first.Witness, again.Witness, "witness of the same question, asked again")
		require.Equal(t, first.Steps, again.Steps)
	}
}
