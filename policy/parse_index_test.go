package policy

import (
	"testing"

	"github.com/stretchr/testify/require"
)

func TestParserIndexesNameTheirElements(t *testing.T) {
	t.Run("the document indexes name Version, Id and Statement", func(t *testing.T) {
		require.Equal(t, "Version", documentElements[docVersion])
		require.Equal(t, "Id", documentElements[docID])
		require.Equal(t, "Statement", documentElements[docStatement])
	})
	t.Run("the statement indexes name their elements", func(t *testing.T) {
		want := map[int]string{elemSid: "Sid", elemEffect: "Effect", elemPrincipal: "Principal", elemNotPrincipal: "NotPrincipal",
			elemAction: "Action", elemNotAction: "NotAction", elemResource: "Resource", elemNotResource: "NotResource", elemCondition: "Condition"}
		require.Len(t, statementElements, len(want))
		for i, name := range want {
			require.Equal(t, name, statementElements[i])
		}
	})
	t.Run("each element with a Not form finds its counterpart", func(t *testing.T) {
		var paired []string
		for i := range statementElements {
			if !hasOtherForm(i) {
				continue
			}
			x, notX := statementElements[positiveForm(i)], statementElements[notForm(i)]
			require.Equal(t, "Not"+x, notX)
			require.Equal(t, i, otherForm(otherForm(i)))
			require.NotEqual(t, i, otherForm(i))
			require.Contains(t, []string{x, notX}, statementElements[otherForm(i)])
			paired = append(paired, statementElements[i])
		}
		require.Equal(t, []string{"Principal", "NotPrincipal", "Action", "NotAction", "Resource", "NotResource"}, paired)
	})
	t.Run("the principal type indexes name their types", func(t *testing.T) {
		require.Equal(t, PrincipalAWS, principalTypes[typeAWS])
		require.Equal(t, PrincipalService, principalTypes[typeService])
		require.Equal(t, PrincipalFederated, principalTypes[typeFederated])
		require.Equal(t, PrincipalCanonicalUser, principalTypes[typeCanonicalUser])
	})
	t.Run("an element set holds what was added", func(t *testing.T) {
		var s elementSet
		s.add(elemCondition)
		s.add(elemSid)
		require.True(t, s.has(elemCondition) && s.has(elemSid))
		require.False(t, s.has(elemEffect))
	})
}
