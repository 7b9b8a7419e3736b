package policy

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// at returns the line and column of the first occurrence of marker in text.
func at(t *testing.T, text, marker string) Position {
	t.Helper()
	i := strings.Index(text, marker)
	require.GreaterOrEqual(t, i, 0, "marker %q", marker)
	return positionAt([]byte(text), i)
}

func TestLocate(t *testing.T) {
	const listForm = `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "First",
      "Effect": "Allow",
      "Action": ["kms:Decrypt", "kms:Encrypt"],
      "Resource": "*"
    },
    {
      "Effect": "Deny",
      "Action": "kms:ScheduleKeyDeletion",
      "Resource": "*",
      "Condition": {"StringEquals": {"aws:RequestTag/team.name": ["a", "b"]}}
    }
  ]
}`
	const singleForm = `{"Statement": {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}}`
	for _, tc := range []struct {
		name, text, path, marker string
		exact                    bool
	}{
		{"the empty path is the document", listForm, "", "{", true},
		{"an element of the document is its name", listForm, "Version", `"Version"`, true},
		{"a statement is its opening brace", listForm, "Statement[1]", "{\n      \"Effect\": \"Deny\"", true},
		{"a member of a statement is its name", listForm, "Statement[0].Sid", `"Sid"`, true},
		{"a list item is the value", listForm, "Statement[0].Action[1]", `"kms:Encrypt"`, true},
		{"[0] of a bare string is the string", listForm, "Statement[1].Action[0]", `"kms:ScheduleKeyDeletion"`, true},
		{"a condition key holding a dot is found whole", listForm, "Statement[1].Condition.StringEquals.aws:RequestTag/team.name[1]", `"b"`, true},
		{"a condition operator is its name", listForm, "Statement[1].Condition.StringEquals", `"StringEquals"`, true},
		{"[0] of a single statement object is the object", singleForm, "Statement[0].Action[0]", `"s3:GetObject"`, true},
		{"a missing member falls back to its statement", listForm, "Statement[0].Principal", "{\n      \"Sid\"", false},
		{"an index past the list falls back to the list's name", listForm, "Statement[7].Effect", `"Statement"`, false},
		{"an index past a bare value falls back to its name", listForm, "Statement[1].Action[1]", `"Action": "kms:Sched`, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, exact := Locate([]byte(tc.text), tc.path)
			require.Equal(t, tc.exact, exact)
			require.Equal(t, at(t, tc.text, tc.marker), got)
		})
	}

	t.Run("every finding path of Validate is found in the text it came from", func(t *testing.T) {
		text := `{"Statement":[{"Sid":"bad sid","Effect":"Allow","Action":"kms:*","Resource":"*",
  "Condition":{"numericlessthan":{"kms:RotationPeriodInDays":"${aws:x}"}}}]}`
		d, err := Parse([]byte(text))
		require.NoError(t, err)
		fs := Validate(d, IdentityPolicy)
		require.NotEmpty(t, fs)
		for _, f := range fs {
			_, exact := Locate([]byte(text), f.Path)
			require.True(t, exact, f.Path)
		}
	})

	for _, text := range []string{"", "{", `{"Statement":[{"Effect":`, "[[[[[[", strings.Repeat("[", 100000), `{"a":tru}`} {
		t.Run("malformed text gives a position, never a panic: "+text[:min(len(text), 12)], func(t *testing.T) {
			pos, exact := Locate([]byte(text), "Statement[0].Action[0]")
			require.False(t, exact)
			require.Equal(t, 1, pos.Line)
		})
	}
}

func TestPositionAt(t *testing.T) {
	data := []byte("{\n  \"Sid\": \"caf\xc3\xa9\",\n  x")
	require.Equal(t, Position{Offset: 0, Line: 1, Column: 1}, PositionAt(data, 0))
	require.Equal(t, Position{Offset: 4, Line: 2, Column: 3}, PositionAt(data, 4))
	require.Equal(t, Position{Offset: 17, Line: 2, Column: 15}, PositionAt(data, 17), "é counts as one column")
	require.Equal(t, Position{Offset: 22, Line: 3, Column: 3}, PositionAt(data, 22))
	require.Equal(t, Position{Offset: 0, Line: 1, Column: 1}, PositionAt(data, -1))
	require.Equal(t, PositionAt(data, int64(len(data))), PositionAt(data, 1<<40), "past the end is the end")
}

// FuzzLocate checks that Locate never panics, and that an exact answer is a
// position inside the text.
func FuzzLocate(f *testing.F) {
	f.Add([]byte(`{"Statement":[{"Effect":"Allow","Action":["a:b","c:d"],"Resource":"*"}]}`), "Statement[0].Action[1]")
	f.Add([]byte(`{"Statement":{"Condition":{"StringEquals":{"a.b":"x"}}}}`), "Statement[0].Condition.StringEquals.a.b[0]")
	f.Add([]byte(`[{"a":[1,2,{"b":null}]}]`), "[0].a[2].b")
	f.Fuzz(func(t *testing.T, data []byte, path string) {
		pos, exact := Locate(data, path)
		if pos.Offset < 0 || pos.Offset > len(data) || pos.Line < 1 || pos.Column < 1 {
			t.Fatalf("Locate(%q, %q) = %+v outside the text", data, path, pos)
		}
		if exact && path != "" && pos.Offset >= len(data) {
			t.Fatalf("Locate(%q, %q) is exact at the end of the text", data, path)
		}
	})
}
