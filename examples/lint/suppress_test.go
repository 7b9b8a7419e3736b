package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cksiam/cksiam/policy"
	"github.com/stretchr/testify/require"
)

func TestLintSuppressions(t *testing.T) {
	run := func(extra ...string) (int, string, string) {
		return runCmd(append([]string{"-kind", "identity", "-suppressions", "testdata/suppressions.json"}, extra...)...)
	}

	t.Run("a suppressed error no longer fails the run, and the text says how many were suppressed", func(t *testing.T) {
		code, out, errOut := run("testdata/findings.json")
		require.Equal(t, 0, code, out+errOut)
		require.NotContains(t, out, "UNKNOWN_ACTION")
		require.NotContains(t, out, "MISSING_VERSION")
		require.Contains(t, out, "WARNING UNSUPPORTED_CONDITION_KEY")
		require.Contains(t, out, ", 2 suppressed; -fail-on ERROR: pass\n")
	})

	t.Run("-json keeps suppressed findings with their reason", func(t *testing.T) {
		_, out, _ := run("-format", "json", "testdata/findings.json")
		rep := decode(t, out)
		reasons := map[string]string{}
		for _, f := range rep.Findings {
			if f.Suppressed != nil {
				reasons[f.Code] = f.Suppressed.Reason
			}
		}
		require.Equal(t, map[string]string{
			"UNKNOWN_ACTION":  "kms:Decrpyt is kept to show the finding; it never matches a request",
			"MISSING_VERSION": "legacy documents without Version are read as 2008-10-17 on purpose",
		}, reasons)
	})

	t.Run("an unused suppression is reported at its place in the suppressions file", func(t *testing.T) {
		_, out, _ := run("-format", "json", "testdata/findings.json")
		var unused []finding
		for _, f := range decode(t, out).Findings {
			if f.Code == codeUnusedSuppression {
				unused = append(unused, f)
			}
		}
		require.Len(t, unused, 1)
		u := unused[0]
		require.Equal(t, "testdata/suppressions.json", u.File)
		require.Equal(t, "suppressions[2]", u.Path)
		require.Equal(t, policy.SeverityWarning, u.Severity)
		require.Equal(t, [2]int{14, 9}, [2]int{u.Line, u.Column}, "the third entry's opening brace")
		require.Contains(t, u.Message, `FULL_SERVICE_ACCESS at "Statement[3].Action[0]" in testdata/findings.json`)
	})

	t.Run("an unused suppression fails the run at -fail-on warning", func(t *testing.T) {
		code, out, _ := run("-fail-on", "warning", "testdata/clean-identity.json")
		require.Equal(t, 1, code)
		require.Contains(t, out, "testdata/suppressions.json:")
		require.Contains(t, out, "UNUSED_SUPPRESSION")
	})

	t.Run("a suppression for one file does not apply to another", func(t *testing.T) {
		dir := t.TempDir()
		other := filepath.Join(dir, "other.json")
		data, err := os.ReadFile("testdata/findings.json")
		require.NoError(t, err)
		require.NoError(t, os.WriteFile(other, data, 0o600))
		code, out, _ := run(other)
		require.Equal(t, 1, code)
		require.Contains(t, out, "other.json:8:17: ERROR UNKNOWN_ACTION")
		require.NotContains(t, out, "other.json:1:1: WARNING MISSING_VERSION", "a suppression without a file applies to every file")
	})

	t.Run("SARIF marks a suppressed result with an external suppression and its justification", func(t *testing.T) {
		_, out, _ := run("-format", "sarif", "testdata/findings.json")
		log := decodeSARIF(t, out)
		var got []sarifSuppression
		for _, r := range log.Runs[0].Results {
			if r.RuleID == "UNKNOWN_ACTION" {
				got = r.Suppressions
			}
		}
		require.Equal(t, []sarifSuppression{{Kind: "external", Justification: "kms:Decrpyt is kept to show the finding; it never matches a request"}}, got)
	})

	for _, tc := range []struct {
		name, text, msg string
	}{
		{"a suppression without a reason is refused", `{"suppressions":[{"code":"X","path":""}]}`, "suppressions[0]: reason is required"},
		{"a suppression without a path is refused", `{"suppressions":[{"code":"X","reason":"r"}]}`, `suppressions[0]: path is required ("" for findings about the whole document)`},
		{"a suppression without a code is refused", `{"suppressions":[{"path":"","reason":"r"}]}`, "suppressions[0]: code is required"},
		{"a parse error cannot be suppressed", `{"suppressions":[{"code":"PARSE_ERROR","path":"","reason":"r"}]}`, "PARSE_ERROR cannot be suppressed"},
		{"an unknown field is refused, named by its path", `{"suppressions":[{"code":"X","path":"","reason":"r","line":3}]}`, `suppressions[0].line: unknown member; want code, path, file, reason`},
		{"a value of the wrong type is named by its path, not by Go's types", `{"suppressions":[{"code":"X","path":"","reason":"r"},{"code":5,"path":"","reason":"r"}]}`, `suppressions[1].code: want a string`},
		{"a null path is refused", `{"suppressions":[{"code":"X","path":null,"reason":"r"}]}`, `suppressions[0].path: want a string`},
		{"a list instead of the object is refused", `[{"code":"X","path":"","reason":"r"}]`, `want a JSON object`},
		{"a member beside the list is refused", `{"suppressions":[],"version":1}`, `version: unknown member`},
		{"suppressions that are not a list are refused", `{"suppressions":{"code":"X"}}`, `suppressions: want a list`},
		{"a list entry that is not an object is refused", `{"suppressions":["X"]}`, `suppressions[0]: want an object`},
		{"a file cut short is refused", "{\"suppressions\": [\n  {\"code\": \"X\"", `line 2, column 15: the JSON ends early`},
		{"text after the object is refused", `{"suppressions":[]} {}`, `line 1, column 21: text after the JSON object`},
		{"text after the object that is not JSON either is refused", "{\"suppressions\":[]}\n  x", `line 2, column 3: text after the JSON object`},
		{"a member given twice in an entry is refused", `{"suppressions":[{"code":"X","path":"","reason":"r","code":"Y"}]}`, `suppressions[0].code: given twice`},
		{"the list given twice is refused", `{"suppressions":[],"suppressions":[]}`, `suppressions: given twice`},
		{"a duplicate suppression is refused", `{"suppressions":[{"code":"X","path":"","reason":"r"},{"code":"X","path":"","reason":"s"}]}`, "suppressions[1]: the same code, path and file as suppressions[0]"},
		{"a file without the list is refused", `{}`, `no "suppressions" list`},
		{"a file that is not UTF-8 is refused at the byte, not read with U+FFFD", "{\"suppressions\": [\n  {\"code\": \"X\", \"path\": \"\", \"reason\": \"le\xffgacy\"}]}", "line 2, column 42: not valid UTF-8"},
		{"text that is not JSON is refused with its line and column", "{\"suppressions\": [\n  {code: 1}]}", "line 2, column 4: not valid JSON: invalid character 'c'"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := filepath.Join(t.TempDir(), "s.json")
			require.NoError(t, os.WriteFile(f, []byte(tc.text), 0o600))
			code, out, errOut := runCmd("-kind", "identity", "-suppressions", f, "testdata/findings.json")
			require.Equal(t, 2, code, out)
			require.Empty(t, out)
			require.True(t, strings.HasPrefix(errOut, "lint: -suppressions "+f+": "), errOut)
			require.Contains(t, errOut, tc.msg)
		})
	}
}
