package policy

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"
)

func TestParseWithSpans(t *testing.T) {
	t.Run("a one-line policy reports 1-based columns of each statement", func(t *testing.T) {
		src := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}, {"Effect":"Deny","Action":"s3:Delete*","Resource":"*"}]}`
		doc, spans, err := ParseWithSpans([]byte(src))
		require.NoError(t, err)
		require.Len(t, doc.Statement, 2)
		want := []Span{
			{Start: Position{Offset: 37, Line: 1, Column: 38}, End: Position{Offset: 86, Line: 1, Column: 87}},
			{Start: Position{Offset: 88, Line: 1, Column: 89}, End: Position{Offset: 142, Line: 1, Column: 143}},
		}
		if diff := cmp.Diff(want, spans); diff != "" {
			t.Fatalf("spans (-want +got):\n%s", diff)
		}
		for i, sp := range spans {
			if src[sp.Start.Offset] != '{' || src[sp.End.Offset-1] != '}' {
				t.Errorf("span %d does not cover a statement object: %q", i, src[sp.Start.Offset:sp.End.Offset])
			}
		}
	})
	t.Run("lines count from 1 and columns restart after each newline", func(t *testing.T) {
		src := "{\n  \"Statement\": {\n    \"Effect\": \"Allow\", \"Action\": \"kms:Decrypt\", \"Resource\": \"*\"\n  }\n}"
		_, spans, err := ParseWithSpans([]byte(src))
		require.NoError(t, err)
		require.Len(t, spans, 1)
		if diff := cmp.Diff(Span{
			Start: Position{Offset: 17, Line: 2, Column: 16},
			End:   Position{Offset: 86, Line: 4, Column: 4},
		}, spans[0]); diff != "" {
			t.Fatalf("span (-want +got):\n%s", diff)
		}
	})
	t.Run("an invalid document gives the same error as Parse", func(t *testing.T) {
		src := []byte(`{"Statement":[{"Effect":"allow","Action":"s3:*","Resource":"*"}]}`)
		_, _, err := ParseWithSpans(src)
		_, perr := Parse(src)
		require.Error(t, err)
		require.Equal(t, perr.Error(), err.Error())
	})
}
