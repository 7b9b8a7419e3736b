package main

import (
	"bytes"
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/cksiam/cksiam/policy"
	"github.com/cksiam/cksiam/policy/catalog"
	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"
)

func runCmd(args ...string) (int, string, string) { return runIn("", args...) }

func runIn(stdin string, args ...string) (int, string, string) {
	var out, errOut bytes.Buffer
	code := runWithStdin(args, strings.NewReader(stdin), &out, &errOut)
	return code, out.String(), errOut.String()
}

func decode(t *testing.T, out string) report {
	t.Helper()
	var r report
	require.NoError(t, json.Unmarshal([]byte(out), &r), out)
	return r
}

func TestLintText(t *testing.T) {
	code, out, errOut := runCmd("-kind", "identity", "testdata/findings.json")
	require.Equal(t, 1, code, errOut)
	want := `testdata/findings.json:1:1: WARNING MISSING_VERSION: the document has no Version: it is read as "2008-10-17", where policy variables are literal text; add "Version": "2012-10-17"
testdata/findings.json:8:17: ERROR UNKNOWN_ACTION Statement[0].Action[1]: "kms:Decrpyt" is not an action of kms (AWS Key Management Service); did you mean "kms:Decrypt"?
testdata/findings.json:13:21: WARNING UNSUPPORTED_CONDITION_KEY Statement[0].Condition.StringEquals.kms:ViaServic: kms:ViaServic is not a condition key of kms, so no request carries it; did you mean kms:ViaService?
1 file checked as IdentityPolicy, 3 findings (1 ERROR, 2 WARNING); -fail-on ERROR: FAIL
`
	if d := cmp.Diff(want, out); d != "" {
		t.Errorf("output (-want +got):\n%s", d)
	}
}

func TestLintPositionsPointAtTheElement(t *testing.T) {
	data, err := os.ReadFile("testdata/findings.json")
	require.NoError(t, err)
	lines := strings.Split(string(data), "\n")
	_, out, _ := runCmd("-kind", "identity", "-format", "json", "testdata/findings.json")
	for _, f := range decode(t, out).Findings {
		if f.Path == "" {
			require.Equal(t, [2]int{1, 1}, [2]int{f.Line, f.Column}, "a finding about the whole document is at its start")
			continue
		}
		// The text at the position is the element the path names last.
		last := f.Path[strings.LastIndexAny(f.Path, ".]")+1:]
		at := lines[f.Line-1][f.Column-1:]
		if last == "" { // a list item: its value
			require.True(t, strings.HasPrefix(at, `"kms:Decrpyt"`), "%s at %d:%d: %q", f.Path, f.Line, f.Column, at)
		} else {
			require.True(t, strings.HasPrefix(at, `"`+last+`"`), "%s at %d:%d: %q", f.Path, f.Line, f.Column, at)
		}
	}
}

func TestLintExitStatusByThreshold(t *testing.T) {
	for _, tc := range []struct {
		name   string
		file   string
		failOn string
		code   int
	}{
		{"an error fails at the default threshold", "testdata/findings.json", "", 1},
		{"an error fails at -fail-on error", "testdata/findings.json", "error", 1},
		{"an error passes at -fail-on none", "testdata/findings.json", "none", 0},
		{"a security warning passes at -fail-on error", "testdata/kms-all.json", "error", 0},
		{"a security warning fails at -fail-on security-warning", "testdata/kms-all.json", "security-warning", 1},
		{"a security warning fails at -fail-on warning", "testdata/kms-all.json", "WARNING", 1},
		{"a warning passes at -fail-on security_warning", "testdata/no-version.json", "security_warning", 0},
		{"a warning fails at -fail-on warning", "testdata/no-version.json", "warning", 1},
		{"a warning fails at -fail-on suggestion", "testdata/no-version.json", "suggestion", 1},
		{"a clean file passes at -fail-on suggestion", "testdata/clean-identity.json", "suggestion", 0},
		{"a file that does not parse fails even at -fail-on none", "testdata/malformed.json", "none", 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			args := []string{"-kind", "identity"}
			if tc.failOn != "" {
				args = append(args, "-fail-on", tc.failOn)
			}
			for _, format := range []string{"text", "json", "sarif"} {
				code, out, errOut := runCmd(append(args, "-format", format, tc.file)...)
				require.Equal(t, tc.code, code, "%s: %s%s", format, out, errOut)
			}
			_, out, _ := runCmd(append(args, "-format", "json", tc.file)...)
			require.Equal(t, tc.code == 1, decode(t, out).Failed)
		})
	}
}

func TestLintKinds(t *testing.T) {
	files := []string{"testdata/findings.json", "testdata/key-policy.json", "testdata/large-identity.json"} // in the order lint reports them
	seen := map[string]string{}
	for flag, kind := range map[string]policy.Kind{
		"identity": policy.IdentityPolicy, "resource": policy.ResourcePolicy, "key": policy.KeyPolicy, "trust": policy.TrustPolicy,
		"boundary": policy.PermissionsBoundary, "session": policy.SessionPolicy, "scp": policy.SCP, "rcp": policy.RCP,
	} {
		t.Run("-kind "+flag+" validates the files as "+kind.String(), func(t *testing.T) {
			_, out, errOut := runCmd(append([]string{"-kind", flag, "-format", "json", "-fail-on", "none"}, files...)...)
			rep := decode(t, out)
			require.Equal(t, fileKind{policy: kind}, rep.Kind, errOut)
			var want []policy.Finding
			for _, f := range files {
				data, err := os.ReadFile(f)
				require.NoError(t, err)
				fs, err := policy.ValidateJSON(data, kind, policy.WithChecker(catalog.Default()))
				require.NoError(t, err)
				want = append(want, fs...)
			}
			var got []policy.Finding
			for _, f := range rep.Findings {
				got = append(got, f.Finding)
			}
			if d := cmp.Diff(want, got); d != "" {
				t.Errorf("findings (-library +command):\n%s", d)
			}
			// The files tell every kind apart, so a wrong mapping cannot pass.
			key, _ := json.Marshal(got)
			require.NotContains(t, seen, string(key), "kind %s gives the same findings as %s", flag, seen[string(key)])
			seen[string(key)] = flag
		})
	}
}

func TestLintInput(t *testing.T) {
	t.Run("- reads standard input under the -stdin-name name", func(t *testing.T) {
		data, err := os.ReadFile("testdata/findings.json")
		require.NoError(t, err)
		code, out, _ := runIn(string(data), "-kind", "identity", "-stdin-name", "policies/app.json", "-")
		require.Equal(t, 1, code)
		require.Contains(t, out, "policies/app.json:8:17: ERROR UNKNOWN_ACTION ")
	})

	t.Run("a file named twice is checked once", func(t *testing.T) {
		_, out, _ := runCmd("-kind", "identity", "-format", "json", "testdata/findings.json", "./testdata/findings.json")
		rep := decode(t, out)
		require.Equal(t, []string{"testdata/findings.json"}, rep.Files)
		require.Len(t, rep.Findings, 3)
	})

	t.Run("files are reported in order of name whatever the order given", func(t *testing.T) {
		_, a, _ := runCmd("-kind", "identity", "testdata/no-version.json", "testdata/findings.json")
		_, b, _ := runCmd("-kind", "identity", "testdata/findings.json", "testdata/no-version.json")
		require.Equal(t, a, b)
		require.Less(t, strings.Index(a, "findings.json"), strings.Index(a, "no-version.json"))
	})

	t.Run("a parse error is placed at its offset", func(t *testing.T) {
		_, out, _ := runCmd("-kind", "identity", "-format", "json", "testdata/malformed.json")
		rep := decode(t, out)
		require.Len(t, rep.Findings, 1)
		f := rep.Findings[0]
		require.Equal(t, codeParseError, f.Code)
		require.Equal(t, policy.SeverityError, f.Severity)
		require.Equal(t, "Statement[0].effect", f.Path)
		require.Equal(t, [2]int{1, 39}, [2]int{f.Line, f.Column})
	})

	for _, tc := range []struct {
		name string
		args []string
		msg  string
	}{
		{"-h exits 2", []string{"-h"}, "usage: lint"},
		{"-kind is required", []string{"testdata/findings.json"}, "-kind is required"},
		{"an unknown -kind is refused", []string{"-kind", "bucket", "x.json"}, `-kind "bucket": want identity, resource, key, trust, boundary, session, scp, rcp or grants`},
		{"an unknown -format is refused", []string{"-kind", "key", "-format", "xml", "x.json"}, `-format "xml"`},
		{"an unknown -fail-on is refused", []string{"-kind", "key", "-fail-on", "fatal", "x.json"}, `-fail-on "fatal"`},
		{"a repeated -kind is refused", []string{"-kind", "key", "-kind", "identity", "x.json"}, "-kind is given 2 times"},
		{"no file is a usage error", []string{"-kind", "key"}, "no policy file given"},
		{"a missing file is bad input", []string{"-kind", "key", "testdata/nope.json"}, "testdata/nope.json: no such file or directory"},
		{"a directory is bad input", []string{"-kind", "key", "testdata"}, "testdata: not a regular file (a directory)"},
		{"standard input twice is bad input", []string{"-kind", "key", "-", "-"}, "standard input is already read"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, out, errOut := runCmd(tc.args...)
			require.Equal(t, 2, code, out)
			require.Empty(t, out)
			require.Contains(t, errOut, tc.msg)
		})
	}
}
