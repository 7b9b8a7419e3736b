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
