package main

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// repoRoot is the module root, where the printed command lines run.
func repoRoot(t *testing.T) string {
	t.Helper()
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..")
}

// runIn runs the command from the module root, with the paths users type.
func runIn(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	wd, err := os.Getwd()
	require.NoError(t, err)
	require.NoError(t, os.Chdir(repoRoot(t)))
	defer func() { require.NoError(t, os.Chdir(wd)) }()
	var out, errOut bytes.Buffer
	code := runWithStdin(args, strings.NewReader(""), &out, &errOut)
	return code, out.String(), errOut.String()
}

const td = "examples/prove/testdata/"

func TestAnswersAndExitStatuses(t *testing.T) {
	for _, c := range []struct {
		name string
		args []string
		code int
		text string
	}{
		{"a document grants nothing new over itself", []string{"no-new-access", "-kind", "identity", "-old", td + "old.json", "-new", td + "old.json"}, 0, "does not (identity policy)."},
		{"a widened document is refuted", []string{"no-new-access", "-kind", "identity", "-old", td + "old.json", "-new", td + "new.json"}, 1, "refuted:"},
		{"a narrowed document is proved", []string{"no-new-access", "-kind", "identity", "-old", td + "new.json", "-new", td + "old.json"}, 0, "proved:"},
		{"a wildcard-only action is never granted on an ARN", []string{"access-not-granted", "-kind", "identity", "-policy", td + "data-bucket.json", "-action", "s3:ListAllMyBuckets"}, 0, "proved:"},
		{"an action on the bucket's objects is granted", []string{"access-not-granted", "-kind", "identity", "-policy", td + "data-bucket.json", "-action", "s3:GetObject", "-resource", "arn:aws:s3:::data/*"}, 1, "refuted:"},
		{"the default key policy lets no other account in", []string{"no-external-access", "-kind", "key", "-account", "111122223333", "-policy", td + "key-policy.json"}, 0, "in (key policy)."},
		{"a key policy for everyone lets other accounts in", []string{"no-external-access", "-kind", "key", "-account", "111122223333", "-policy", td + "key-policy-everyone.json"}, 1, "refuted:"},
		{"the default key policy lets the account schedule deletion", []string{"access-not-granted", "-kind", "key", "-policy", td + "key-policy.json", "-action", "kms:ScheduleKeyDeletion"}, 1, "refuted:"},
		{"an unsupported construct is unknown", []string{"access-not-granted", "-kind", "identity", "-policy", td + "mixed.json"}, 3, "unknown (Unsupported)"},
		{"a policy that only drops an action is proved to grant nothing new", []string{"no-new-access", "-kind", "identity", "-old", td + "old.json", "-new", td + "narrowed.json"}, 0, "proved:"},
		{"an action newer than the catalog is asked about with -new-action", []string{"access-not-granted", "-kind", "identity", "-policy", td + "data-bucket.json", "-new-action", "s3:PutFutureThing", "-resource", "arn:aws:s3:::data/x"}, 1, "refuted:"},
		{"an action pattern the catalog matches is asked about", []string{"access-not-granted", "-kind", "key", "-policy", td + "key-policy.json", "-action", "kms:Schedule*"}, 1, "refuted:"},
	} {
		t.Run(c.name, func(t *testing.T) {
			code, out, errOut := runIn(t, c.args...)
			require.Equal(t, c.code, code, "stdout %s\nstderr %s", out, errOut)
			require.Contains(t, out, c.text)
			require.Empty(t, errOut)
		})
	}
}

func TestBadInputExitsTwo(t *testing.T) {
	for _, c := range []struct {
		name string
		args []string
		msg  string
	}{
		{"no subcommand", nil, "subcommand"},
		{"an unknown subcommand", []string{"no-such-thing"}, "unknown subcommand"},
		{"help", []string{"no-new-access", "-h"}, "usage"},
		{"a missing kind", []string{"no-new-access", "-old", td + "old.json", "-new", td + "new.json"}, "-kind"},
		{"a bad kind", []string{"no-new-access", "-kind", "scp", "-old", td + "old.json", "-new", td + "new.json"}, "-kind"},
		{"a missing file flag", []string{"no-new-access", "-kind", "identity", "-old", td + "old.json"}, "-new"},
		{"a file that does not exist", []string{"access-not-granted", "-kind", "identity", "-policy", td + "nope.json"}, "nope.json"},
		{"a repeated flag", []string{"access-not-granted", "-kind", "identity", "-kind", "key", "-policy", td + "old.json"}, "kind"},
		{"a bad account", []string{"no-external-access", "-kind", "key", "-account", "1234", "-policy", td + "key-policy.json"}, "1234"},
		{"external access of an identity policy", []string{"no-external-access", "-kind", "identity", "-account", "111122223333", "-policy", td + "old.json"}, "key or trust"},
		{"a policy the evaluator refuses for its kind", []string{"access-not-granted", "-kind", "key", "-policy", td + "old.json"}, "Principal"},
		{"an argument left over", []string{"access-not-granted", "-kind", "identity", "-policy", td + "old.json", "extra"}, "extra"},
		{"an action the catalog does not know is refused with a did-you-mean, not proved never granted", []string{"access-not-granted", "-kind", "identity", "-policy", td + "old.json", "-action", "kms:Decrpyt"}, `prove: -action: "kms:Decrpyt" is not an action the catalog knows; did you mean "kms:Decrypt"?`},
		{"an action pattern that matches no action the catalog knows is refused", []string{"access-not-granted", "-kind", "identity", "-policy", td + "old.json", "-action", "kms:Decrpyt*"}, `-action "kms:Decrpyt*": matches no action the catalog knows`},
		{"a resource pattern with an upper-case service is refused: no request ARN has one", []string{"access-not-granted", "-kind", "identity", "-policy", td + "old.json", "-resource", "arn:aws:KMS:*"}, `-resource "arn:aws:KMS:*": has service "KMS", which no request ARN has`},
		{"a resource pattern with a partition AWS does not have is refused", []string{"access-not-granted", "-kind", "identity", "-policy", td + "old.json", "-resource", "arn:foo:kms:*"}, `has partition "foo"`},
		{"a resource pattern with a short account is refused", []string{"access-not-granted", "-kind", "identity", "-policy", td + "old.json", "-resource", "arn:aws:kms:us-west-2:1234:key/*"}, `has account "1234"`},
		{"a KMS resource pattern with an upper-case resource type is refused", []string{"access-not-granted", "-kind", "key", "-policy", td + "key-policy.json", "-resource", "arn:aws:kms:us-west-2:111122223333:KEY/*"}, `has kms resource type "KEY"`},
		{"a resource that is not an ARN is refused", []string{"access-not-granted", "-kind", "identity", "-policy", td + "old.json", "-resource", "bucket/key"}, `want "*" or an ARN pattern`},
		{"a policy the grammar refuses is named by flag, file and path, with no advice the command cannot follow", []string{"no-new-access", "-kind", "identity", "-old", td + "old.json", "-new", td + "malformed-action.json"}, "prove: -new " + td + "malformed-action.json Statement[1].Action[0]: \"s3:DeleteBucket \": the action name may contain only"},
	} {
		t.Run(c.name, func(t *testing.T) {
			code, out, errOut := runIn(t, c.args...)
			require.Equal(t, 2, code, "stdout %s\nstderr %s", out, errOut)
			require.Contains(t, errOut, c.msg)
			require.Empty(t, out)
			require.NotContains(t, errOut, "prove: prove:", "the command's name is printed once")
			require.NotContains(t, errOut, "LooseDocuments", "the command has no such option")
		})
	}
}

func TestJSONAnswer(t *testing.T) {
	code, out, _ := runIn(t, "no-new-access", "-kind", "identity", "-old", td+"old.json", "-new", td+"new.json", "-json")
	require.Equal(t, 1, code)
	var a map[string]any
	require.NoError(t, json.Unmarshal([]byte(out), &a))
	require.Equal(t, "refuted", a["result"])
	require.Equal(t, "", a["reason"])
	w, ok := a["witness"].(map[string]any)
	require.True(t, ok, out)
	require.Equal(t, "kms:ScheduleKeyDeletion", w["action"])
	require.Equal(t, "arn:aws:kms:us-west-2:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab", w["resource"], "a key ARN as KMS writes one")
	require.Contains(t, w, "principal")
	require.Contains(t, w, "context")

	code, out, _ = runIn(t, "no-new-access", "-kind", "identity", "-old", td+"old.json", "-new", td+"old.json", "-json")
	require.Equal(t, 0, code)
	a = nil
	require.NoError(t, json.Unmarshal([]byte(out), &a))
	require.Equal(t, "proved", a["result"])
	require.NotContains(t, a, "witness")

	code, out, _ = runIn(t, "access-not-granted", "-kind", "identity", "-policy", td+"mixed.json", "-json")
	require.Equal(t, 3, code)
	a = nil
	require.NoError(t, json.Unmarshal([]byte(out), &a))
	require.Equal(t, "unknown", a["result"])
	require.Equal(t, "Unsupported", a["reason"])
	require.Equal(t, "condition key aws:CurrentTime tested by operators of different families (String and Date) is not supported by the prover yet", a["detail"])
}

// TestPrintedCommandLinesReproduce runs the examples/check command lines
// a refuted answer prints, with a built check command: each must get the
// decision it expects.
func TestPrintedCommandLinesReproduce(t *testing.T) {
	if _, err := exec.LookPath("sh"); err != nil {
		t.Skip("no shell")
	}
	bin := filepath.Join(t.TempDir(), "check")
	build := exec.Command("go", "build", "-o", bin, "./examples/check")
	build.Dir = repoRoot(t)
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("building examples/check: %v\n%s", err, out)
	}
	for _, args := range [][]string{
		{"no-new-access", "-kind", "identity", "-old", td + "old.json", "-new", td + "new.json"},
		{"access-not-granted", "-kind", "identity", "-policy", td + "data-bucket.json", "-action", "s3:GetObject"},
		{"no-external-access", "-kind", "key", "-account", "111122223333", "-policy", td + "key-policy-everyone.json"},
		{"access-not-granted", "-kind", "key", "-policy", td + "key-policy.json", "-action", "kms:ScheduleKeyDeletion"},
	} {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			code, out, _ := runIn(t, args...)
			require.Equal(t, 1, code, out)
			var lines []string
			for _, l := range strings.Split(out, "\n") {
				if strings.Contains(l, "go run ./examples/check") {
					lines = append(lines, strings.TrimSpace(l))
				}
			}
			require.NotEmpty(t, lines, out)
			if args[0] == "no-new-access" {
				// The two lines differ only in the document and the
				// expectation: the old document's denial is its own, not
				// that of a missing key policy or trust.
				require.Len(t, lines, 2, out)
				norm := func(l string) string {
					l = strings.Replace(l, td+"new.json", "DOC", 1)
					l = strings.Replace(l, td+"old.json", "DOC", 1)
					return strings.Replace(strings.Replace(l, "-expect allowed", "-expect X", 1), "-expect denied", "-expect X", 1)
				}
				require.Equal(t, norm(lines[0]), norm(lines[1]))
			}
			for _, l := range lines {
				cmd := exec.Command("sh", "-c", strings.Replace(l, "go run ./examples/check", bin, 1))
				cmd.Dir = repoRoot(t)
				got, err := cmd.CombinedOutput()
				require.NoError(t, err, "%s\n%s", l, got)
			}
		})
	}
}

func TestREADMECommandsRunAsDocumented(t *testing.T) {
	b, err := os.ReadFile(filepath.Join(repoRoot(t), "README.md"))
	require.NoError(t, err)
	text := strings.ReplaceAll(string(b), "\\\n", " ")
	var cmds [][]string
	inBlock := false
	for _, line := range strings.Split(text, "\n") {
		trimmed := strings.TrimSpace(line)
		if strings.HasPrefix(trimmed, "```") {
			inBlock = !inBlock
			continue
		}
		trimmed = strings.TrimPrefix(strings.TrimPrefix(trimmed, "- "), "run: ")
		if inBlock && strings.HasPrefix(trimmed, "prove ") {
			cmds = append(cmds, strings.Fields(trimmed)[1:])
		}
	}
	require.NotEmpty(t, cmds, "the README shows prove commands")
	for _, args := range cmds {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			code, out, errOut := runIn(t, args...)
			require.Equal(t, 0, code, "README command should pass as shown:\n%s%s", out, errOut)
		})
	}
}
