package main

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/cksiam/cksiam/evaluate"
	"github.com/cksiam/cksiam/policy"
	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"
)

func runCmd(args ...string) (int, string, string) {
	return runIn("", args...)
}

// runIn runs the command with stdin as its standard input.
func runIn(stdin string, args ...string) (int, string, string) {
	var out, errOut bytes.Buffer
	code := runWithStdin(args, strings.NewReader(stdin), &out, &errOut)
	return code, out.String(), errOut.String()
}

const (
	user = "arn:aws:sts::111122223333:assumed-role/KeyUser/app"
	key  = "arn:aws:kms:us-west-2:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
)

func base(extra ...string) []string {
	return append([]string{"-identity", "testdata/key-user.json", "-resource-policy", "testdata/default-key-policy.json",
		"-principal", user, "-action", "kms:Decrypt", "-resource", key}, extra...)
}

func decode(t *testing.T, out string) answer {
	t.Helper()
	var a answer
	require.NoError(t, json.Unmarshal([]byte(out), &a), out)
	return a
}

func TestCheck(t *testing.T) {
	t.Run("an allowed request exits 0 and names the granting statements with their flags and files", func(t *testing.T) {
		code, out, errOut := runCmd(base("-context", "kms:KeyOrigin=AWS_CLOUDHSM")...)
		require.Equal(t, 0, code, errOut)
		require.Contains(t, out, "allowed: "+user+" kms:Decrypt on "+key)
		require.Contains(t, out, `Allow Statement[0] (Sid "UseKeys") in -identity testdata/key-user.json`)
		require.Contains(t, out, `Allow Statement[0] (Sid "Enable IAM policies") in -resource-policy testdata/default-key-policy.json`)
		require.Contains(t, out, "  -resource-policy: allowed\n")
	})

	t.Run("a request failing the condition exits 1 and names the missing context key", func(t *testing.T) {
		code, out, _ := runCmd(base()...)
		require.Equal(t, 1, code)
		require.Contains(t, out, "implicitDeny")
		require.Contains(t, out, "missing context keys: kms:KeyOrigin")
	})

	t.Run("-json gives the whole answer for machines, severities by name", func(t *testing.T) {
		code, out, _ := runCmd(base("-json", "-context", "kms:KeyOrigin=AWS_CLOUDHSM", "-scp", "testdata/deny-decrypt-scp.json")...)
		require.Equal(t, 1, code)
		want := answer{Principal: user, Resource: key, Notes: []string{}, Results: []result{{
			Action: "kms:Decrypt", Decision: evaluate.ExplicitDeny,
			Reason: "an explicit Deny applies",
			Statements: []statement{{Path: "SCPs[0][0].Statement[1]", Flag: "-scp", File: "testdata/deny-decrypt-scp.json",
				Statement: "Statement[1]", Sid: "NoDecryptOutsideEc2", Effect: "Deny"}},
			Verdicts: []verdict{
				{Policy: evaluate.TypeIdentity, Flag: "-identity", Decision: evaluate.Allowed},
				{Policy: evaluate.TypeResource, Flag: "-resource-policy", Decision: evaluate.Allowed},
				{Policy: evaluate.TypeSCP, Flag: "-scp", Decision: evaluate.ExplicitDeny},
			},
			MissingContextKeys: []string{"kms:ViaService"},
			Diagnostics:        []diagnostic{},
		}}}
		got := decode(t, out)
		if d := cmp.Diff(want, got); d != "" {
			t.Errorf("answer (-want +got):\n%s", d)
		}
	})

	t.Run("repeated -context values for one key are several values", func(t *testing.T) {
		code, _, _ := runCmd(base("-context", "kms:KeyOrigin=AWS_CLOUDHSM", "-context", "kms:ViaService=ec2.us-west-2.amazonaws.com", "-scp", "testdata/deny-decrypt-scp.json")...)
		require.Equal(t, 0, code)
	})

	for _, tc := range []struct {
		name string
		args []string
		msg  string
	}{
		{"a missing action is bad input", []string{"-principal", user}, "-principal and -action are required"},
		{"an unreadable file is bad input naming the flag", base("-boundary", "testdata/nope.json"), "-boundary testdata/nope.json: no such file or directory"},
		{"a policy that does not parse is bad input with its flag, file and JSON path", base("-scp", "testdata/malformed.json"), "-scp testdata/malformed.json: policy: Statement[0]"},
		{"a context entry without = is bad input", base("-context", "kms:ViaService"), "want key=value"},
		{"an unknown flag is bad input", []string{"-nope"}, "not defined"},
		{"a wildcard action is bad input", []string{"-principal", user, "-action", "kms:*"}, "-action kms:*: a request names one action, without wildcards"},
		{"an action without a service is bad input", []string{"-principal", user, "-action", "Decrypt"}, `-action: "Decrypt" is not one action "service:ActionName"`},
		{"a stray argument is bad input", base("extra"), "unexpected argument"},
		{"a bad principal is named by its flag, not the Go field", []string{"-identity", "testdata/key-user.json", "-principal", "nope", "-action", "kms:Decrypt"}, "check: -principal: "},
		{"a resource policy the engine refuses is named by its flag and file, not the Go field", []string{"-resource-policy", "testdata/key-user.json", "-principal", user, "-action", "kms:Decrypt", "-resource", key},
			"check: -resource-policy testdata/key-user.json Statement[0]: "},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, out, errOut := runCmd(tc.args...)
			require.Equal(t, 2, code, out)
			require.Empty(t, out)
			require.Contains(t, errOut, tc.msg)
			require.NotContains(t, errOut, "Request.")
			require.NotContains(t, errOut, "Resource.Statement")
		})
	}

	t.Run("a library note names the flag to give, not the Go field", func(t *testing.T) {
		code, out, _ := runCmd("-identity", "testdata/kms-all.json", "-principal", user, "-action", "kms:Decrypt", "-resource", key)
		require.Equal(t, 1, code)
		require.Contains(t, out, "KEY_POLICY_REQUIRED -resource-policy: ")
		require.Contains(t, out, "give the key policy as -resource-policy")
		require.NotContains(t, out, "Policies.")
	})
}

func TestCheckSeveralActions(t *testing.T) {
	args := func(actions ...string) []string {
		a := []string{"-identity", "testdata/alice.json", "-resource-policy", "testdata/default-key-policy.json",
			"-principal", "arn:aws:iam::111122223333:user/alice", "-resource", key, "-context", "kms:ViaService=ec2.us-west-2.amazonaws.com"}
		for _, x := range actions {
			a = append(a, "-action", x)
		}
		return a
	}

	t.Run("every action is decided, in order of name whatever the order given", func(t *testing.T) {
		code, out, errOut := runCmd(args("kms:Encrypt", "kms:ScheduleKeyDeletion", "kms:Decrypt")...)
		require.Equal(t, 1, code, errOut)
		_, again, _ := runCmd(args("kms:ScheduleKeyDeletion", "kms:Decrypt", "kms:Encrypt")...)
		require.Equal(t, out, again)
		require.Regexp(t, `(?s)^allowed: \S+ kms:Decrypt .*\n\nallowed: \S+ kms:Encrypt .*\n\nimplicitDeny: \S+ kms:ScheduleKeyDeletion `, out)
	})

	t.Run("-json holds one result per action, in the same order", func(t *testing.T) {
		code, out, _ := runCmd(append(args("kms:ScheduleKeyDeletion", "kms:Decrypt"), "-json")...)
		require.Equal(t, 1, code)
		a := decode(t, out)
		require.Len(t, a.Results, 2)
		require.Equal(t, []string{"kms:Decrypt", "kms:ScheduleKeyDeletion"}, []string{a.Results[0].Action, a.Results[1].Action})
		require.Equal(t, []evaluate.Decision{evaluate.Allowed, evaluate.ImplicitDeny}, []evaluate.Decision{a.Results[0].Decision, a.Results[1].Decision})
		require.Nil(t, a.AsExpected)
		require.NotContains(t, out, "asExpected", "without -expect there is no expectation to report")
	})

	t.Run("every action allowed exits 0", func(t *testing.T) {
		code, _, errOut := runCmd(args("kms:Encrypt", "kms:Decrypt")...)
		require.Equal(t, 0, code, errOut)
	})

	t.Run("the same action twice is refused, in any case", func(t *testing.T) {
		code, _, errOut := runCmd(args("kms:Decrypt", "KMS:decrypt")...)
		require.Equal(t, 2, code)
		require.Contains(t, errOut, "-action KMS:decrypt: the action is given twice (kms:Decrypt and KMS:decrypt)")
	})

	for _, tc := range []struct {
		name    string
		expect  string
		actions []string
		code    int
		summary string
	}{
		{"-expect denied passes when every action is denied", "denied", []string{"kms:ScheduleKeyDeletion", "kms:PutKeyPolicy"}, 0, "expect denied: every action as expected"},
		{"-expect denied fails when one action is allowed, and names it", "denied", []string{"kms:ScheduleKeyDeletion", "kms:Decrypt"}, 1, "expect denied: 1 of 2 actions not as expected: kms:Decrypt"},
		{"-expect allowed passes when every action is allowed", "allowed", []string{"kms:Decrypt", "kms:Encrypt"}, 0, "expect allowed: every action as expected"},
		{"-expect allowed fails when one action is denied", "allowed", []string{"kms:Decrypt", "kms:ScheduleKeyDeletion"}, 1, "expect allowed: 1 of 2 actions not as expected: kms:ScheduleKeyDeletion"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, out, errOut := runCmd(append(args(tc.actions...), "-expect", tc.expect)...)
			require.Equal(t, tc.code, code, errOut)
			require.True(t, strings.HasSuffix(out, "\n"+tc.summary+"\n"), out)
			code, out, _ = runCmd(append(args(tc.actions...), "-expect", tc.expect, "-json")...)
			require.Equal(t, tc.code, code)
			a := decode(t, out)
			require.Equal(t, tc.expect, a.Expect)
			require.NotNil(t, a.AsExpected)
			require.Equal(t, tc.code == 0, *a.AsExpected)
			for _, r := range a.Results {
				require.NotNil(t, r.AsExpected)
				require.Equal(t, (r.Decision == evaluate.Allowed) == (tc.expect == "allowed"), *r.AsExpected, r.Action)
			}
		})
	}

	t.Run("an unexpected answer is marked in text", func(t *testing.T) {
		_, out, _ := runCmd(append(args("kms:Decrypt"), "-expect", "denied")...)
		require.Contains(t, out, "allowed (expected denied): arn:aws:iam::111122223333:user/alice kms:Decrypt on ")
	})

	t.Run("-expect takes allowed or denied only", func(t *testing.T) {
		code, _, errOut := runCmd(append(args("kms:Decrypt"), "-expect", "implicitDeny")...)
		require.Equal(t, 2, code)
		require.Contains(t, errOut, `-expect "implicitDeny": want allowed or denied`)
	})
}

func TestCheckStdinAndRCP(t *testing.T) {
	policyText := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"kms:Decrypt","Resource":"*"}]}`

	t.Run("a policy file named - is read from standard input", func(t *testing.T) {
		code, out, errOut := runIn(policyText, "-identity", "-", "-resource-policy", "testdata/default-key-policy.json", "-principal", user, "-action", "kms:Decrypt", "-resource", key)
		require.Equal(t, 0, code, errOut)
		require.Contains(t, out, "Allow Statement[0] in -identity standard input")
	})

	t.Run("standard input is read once", func(t *testing.T) {
		code, _, errOut := runIn(policyText, "-identity", "-", "-boundary", "-", "-principal", user, "-action", "kms:Decrypt")
		require.Equal(t, 2, code)
		require.Contains(t, errOut, "-boundary standard input: standard input is already read for -identity")
	})

	t.Run("-rcp adds a resource control policy whose Deny applies", func(t *testing.T) {
		code, out, errOut := runCmd(base("-context", "kms:KeyOrigin=AWS_CLOUDHSM", "-rcp", "testdata/secure-transport-rcp.json", "-context", "aws:SecureTransport=false")...)
		require.Equal(t, 1, code, errOut)
		require.Contains(t, out, "explicitDeny: ")
		require.Contains(t, out, `Deny Statement[0] (Sid "EnforceSecureTransport") in -rcp testdata/secure-transport-rcp.json`)
		require.Contains(t, out, "  -rcp level 0: explicitDeny\n")
	})

	t.Run("-rcp whose Deny does not apply leaves the request allowed", func(t *testing.T) {
		code, _, errOut := runCmd(base("-context", "kms:KeyOrigin=AWS_CLOUDHSM", "-rcp", "testdata/secure-transport-rcp.json", "-context", "aws:SecureTransport=true")...)
		require.Equal(t, 0, code, errOut)
	})
}

func TestCheckCatalog(t *testing.T) {
	kmsAll := func(extra ...string) []string {
		return append([]string{"-identity", "testdata/kms-all.json", "-resource-policy", "testdata/default-key-policy.json",
			"-principal", "arn:aws:iam::111122223333:user/alice", "-resource", key}, extra...)
	}

	t.Run("a misspelt action is refused with the action meant, though kms:* would allow it", func(t *testing.T) {
		code, out, errOut := runCmd(kmsAll("-action", "kms:Decrpyt")...)
		require.Equal(t, 2, code, out)
		require.Contains(t, errOut, `check: -action: "kms:Decrpyt" is not an action the catalog knows; did you mean "kms:Decrypt"?`)
		require.Contains(t, errOut, "-new-action")
	})

	t.Run("a misspelt service is refused with the service meant", func(t *testing.T) {
		code, _, errOut := runCmd(kmsAll("-action", "ksm:Decrypt")...)
		require.Equal(t, 2, code)
		require.Contains(t, errOut, `"ksm:Decrypt" names service prefix "ksm", which the catalog does not know; did you mean "kms:Decrypt"?`)
	})

	t.Run("an action newer than the catalog is decided when given with -new-action", func(t *testing.T) {
		code, out, errOut := runCmd(kmsAll("-new-action", "kms:DecryptFaster", "-action", "kms:Decrypt")...)
		require.Equal(t, 0, code, errOut)
		require.Contains(t, out, "allowed: arn:aws:iam::111122223333:user/alice kms:DecryptFaster on ")
	})

	t.Run("an unknown context key is reported with the key meant, in text and JSON", func(t *testing.T) {
		code, out, errOut := runCmd(kmsAll("-action", "kms:Decrypt", "-context", "kms:ViaServic=ec2.us-west-2.amazonaws.com", "-context", "aws:SourceVpc=vpc-1")...)
		require.Equal(t, 0, code, errOut)
		require.Contains(t, out, `note: -context kms:ViaServic: "kms:ViaServic" is not a condition key the catalog knows; did you mean "kms:ViaService"?`)
		require.NotContains(t, out, "aws:SourceVpc", "a key the catalog knows is not reported")
		_, out, _ = runCmd(kmsAll("-action", "kms:Decrypt", "-context", "kms:ViaServic=x", "-json")...)
		a := decode(t, out)
		require.Len(t, a.Notes, 1)
		require.Contains(t, a.Notes[0], `did you mean "kms:ViaService"?`)
	})
}

// The policy package's severities marshal by name in -json.
func TestCheckDiagnosticsJSON(t *testing.T) {
	code, out, _ := runCmd("-identity", "testdata/kms-all.json", "-principal", user, "-action", "kms:Decrypt", "-resource", key, "-json")
	require.Equal(t, 1, code)
	require.Contains(t, out, `"severity": "ERROR"`)
	a := decode(t, out)
	require.Equal(t, policy.SeverityError, a.Results[0].Diagnostics[0].Severity)
}

func TestCheckLiteralWildcardResource(t *testing.T) {
	const literal = "arn:aws:kms:us-west-2:111122223333:key/*"
	args := func(identity string, extra ...string) []string {
		return append([]string{"-identity", identity, "-resource-policy", "testdata/default-key-policy.json", "-principal", user,
			"-action", "kms:Decrypt", "-resource", literal, "-context", "kms:KeyOrigin=AWS_CLOUDHSM"}, extra...)
	}

	t.Run("a resource holding * is decided as a name, and the output says so", func(t *testing.T) {
		code, out, errOut := runCmd(args("testdata/key-user.json")...)
		require.Equal(t, 0, code, errOut)
		require.Contains(t, out, "allowed: "+user+" kms:Decrypt on "+literal)
		require.Contains(t, out, "note: WARNING LITERAL_WILDCARD_RESOURCE -resource: ")
		require.Contains(t, out, "literal characters")
	})

	t.Run("a policy naming one key does not match the literal *", func(t *testing.T) {
		oneKey := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"kms:Decrypt","Resource":"` + key + `"}]}`
		code, out, errOut := runIn(oneKey, args("-")...)
		require.Equal(t, 1, code, errOut)
		require.Contains(t, out, "implicitDeny: ")
	})

	t.Run("-json carries the note as a diagnostic at -resource", func(t *testing.T) {
		_, out, _ := runCmd(args("testdata/key-user.json", "-json")...)
		a := decode(t, out)
		require.Len(t, a.Results[0].Diagnostics, 1)
		d := a.Results[0].Diagnostics[0]
		require.Equal(t, policy.SeverityWarning, d.Severity)
		require.Equal(t, evaluate.DiagLiteralWildcardResource, d.Code)
		require.Equal(t, "-resource", d.Where)
		require.Contains(t, d.Message, "literal characters")
	})
}

func TestCheckExplainsAMissingConditionKey(t *testing.T) {
	const why = "the Allow at -identity testdata/key-user.json Statement[0] needs kms:KeyOrigin, which the request does not carry"
	t.Run("the text says which Allow needed which key, by flag and file", func(t *testing.T) {
		code, out, _ := runCmd(base()...)
		require.Equal(t, 1, code)
		require.Contains(t, out, "why: no identity policy allows kms:Decrypt; "+why+"\n")
		require.NotContains(t, out, "Identity[0]")
	})
	t.Run("-json says the same in the reason", func(t *testing.T) {
		_, out, _ := runCmd(base("-json")...)
		a := decode(t, out)
		require.Contains(t, a.Results[0].Reason, why)
		require.Equal(t, []string{"kms:KeyOrigin"}, a.Results[0].MissingContextKeys)
	})
}

func TestCheckRefusesAmbiguousContext(t *testing.T) {
	code, out, errOut := runCmd(base("-context", "kms:KeyOrigin=AWS_CLOUDHSM", "-context", "KMS:keyorigin=EXTERNAL_KEY_STORE")...)
	require.Equal(t, 2, code, out)
	require.Contains(t, errOut, "check: -context: ")
	require.Contains(t, errOut, `"KMS:keyorigin" and "kms:KeyOrigin"`)
}

func TestFlagText(t *testing.T) {
	in := &input{sources: map[string]source{
		"Identity[1]": {Flag: "-identity", File: "b.json"},
		"Resource":    {Flag: "-resource-policy", File: "key.json"},
		"SCPs[0][0]":  {Flag: "-scp", File: "root.json"},
	}}
	for _, tc := range []struct{ in, want string }{
		{"the Allow at Identity[1].Statement[2] needs x", "the Allow at -identity b.json Statement[2] needs x"},
		{"Resource.Statement[0] applies", "-resource-policy key.json Statement[0] applies"},
		{"a Deny in SCPs[0][0].Statement[1]", "a Deny in -scp root.json Statement[1]"},
		{"give the key policy as Policies.Resource", "give the key policy as -resource-policy"},
		{"Request.ResourceAccount and Request.Resource", "-resource-account and -resource"},
	} {
		require.Equal(t, tc.want, in.flagText(tc.in), tc.in)
	}
}

func TestCheckLooseDocuments(t *testing.T) {
	args := func(extra ...string) []string {
		return append([]string{"-identity", "testdata/old-managed-version.json", "-resource-policy", "testdata/default-key-policy.json",
			"-principal", user, "-action", "kms:Decrypt", "-resource", key}, extra...)
	}
	t.Run("a document the grammar refuses is bad input, and the advice names the flag the command has", func(t *testing.T) {
		code, out, errOut := runCmd(args()...)
		require.Equal(t, 2, code, out)
		require.Contains(t, errOut, `check: -identity testdata/old-managed-version.json Statement[0].Action[1]: "kms:ListKeys "`)
		require.Contains(t, errOut, "-loose-documents reads such a statement fail-closed")
		require.NotContains(t, errOut, "LooseDocuments")
	})
	t.Run("-loose-documents reads it fail-closed: the Allow's readable actions still allow, with a note", func(t *testing.T) {
		code, out, errOut := runCmd(args("-loose-documents")...)
		require.Equal(t, 0, code, errOut)
		require.True(t, strings.HasPrefix(out, "allowed: "), out)
		require.Contains(t, out, "UNREADABLE_STATEMENT -identity testdata/old-managed-version.json Statement[0]")
	})
}
