package main

import (
	"io"
	"strings"

	"github.com/cksiam/cksiam/internal/cli"
	"github.com/cksiam/cksiam/policy"
)

// about is the usage text above the flags.
const about = `Validates IAM policy files of one kind against the policy grammar and the
AWS action catalog, or a KMS key's grants against what AWS lets a grant
hold, and reports findings with their line and column as text, JSON or
SARIF 2.1.0. The files follow the flags:

    lint -kind key [-format sarif] [-suppressions FILE] key-policies/*.json
    lint -kind grants [-key-metadata describe-key.json] list-grants.json

A file named "-" is read from standard input.

exit status: 0 no finding at or above -fail-on (suppressed findings do not
count), 1 some finding at or above it, or a file that does not parse,
2 help, bad flags, or a file or suppression file that cannot be read.
(go run reports every non-zero status as 1: build the command to see 2.)`

// options is the command line.
type options struct {
	kind         fileKind
	keyMetadata  string
	format       string
	failOn       threshold
	suppressions string
	stdinName    string
	files        []string
}

// The kinds by their flag names.
var kinds = map[string]policy.Kind{
	"identity": policy.IdentityPolicy,
	"resource": policy.ResourcePolicy,
	"key":      policy.KeyPolicy,
	"trust":    policy.TrustPolicy,
	"boundary": policy.PermissionsBoundary,
	"session":  policy.SessionPolicy,
	"scp":      policy.SCP,
	"rcp":      policy.RCP,
}

const kindNames = "identity, resource, key, trust, boundary, session, scp, rcp or grants"

// kindGrants is the -kind of files of a KMS key's grants.
const kindGrants = "grants"

// fileKind is what the files are: policies of one kind, or a key's grants.
type fileKind struct {
	policy policy.Kind
	grants bool
}

// String returns the kind's name as the output shows it: the policy
// kind's name ("KeyPolicy"), or "KMSGrants".
func (k fileKind) String() string {
	if k.grants {
		return "KMSGrants"
	}
	return k.policy.String()
}

// MarshalText writes the kind as String does.
func (k fileKind) MarshalText() ([]byte, error) {
	if k.grants {
		return []byte(k.String()), nil
	}
	return k.policy.MarshalText()
}

// UnmarshalText reads a kind as MarshalText writes it.
func (k *fileKind) UnmarshalText(text []byte) error {
	if string(text) == (fileKind{grants: true}).String() {
		*k = fileKind{grants: true}
		return nil
	}
	*k = fileKind{}
	return k.policy.UnmarshalText(text)
}

// The output formats.
const (
	formatText  = "text"
	formatJSON  = "json"
	formatSARIF = "sarif"
)

// parseFlags reads the command line.
func parseFlags(args []string, stderr io.Writer) (*options, error) {
	o := &options{}
	var kind, failOn string
	fs := cli.NewFlagSet("lint", about, stderr)
	fs.StringVar(&kind, "kind", "", "what the files are: "+kindNames+" (required)")
	fs.StringVar(&o.format, "format", formatText, "output: text, json or sarif (SARIF 2.1.0, for code-scanning services)")
	fs.StringVar(&failOn, "fail-on", "error", "exit 1 when a finding is at least this severe: error, security-warning, warning, suggestion, or none")
	fs.StringVar(&o.suppressions, "suppressions", "", `JSON file of findings to suppress: {"suppressions": [{"code": …, "path": …, "file": …, "reason": …}]}`)
	fs.StringVar(&o.keyMetadata, "key-metadata", "", "with -kind grants: the key's metadata (aws kms describe-key output), to check the grants against its type and key store")
	fs.StringVar(&o.stdinName, "stdin-name", "stdin", `the file name to report for standard input ("-")`)
	if err := cli.Parse(fs, args); err != nil {
		return nil, err
	}
	pk, ok := kinds[kind]
	o.kind = fileKind{policy: pk, grants: kind == kindGrants}
	if !ok && !o.kind.grants {
		if kind == "" {
			return nil, cli.Usagef("-kind is required: %s", kindNames)
		}
		return nil, cli.Usagef("-kind %q: want %s", kind, kindNames)
	}
	switch o.format {
	case formatText, formatJSON, formatSARIF:
	default:
		return nil, cli.Usagef("-format %q: want text, json or sarif", o.format)
	}
	if o.keyMetadata != "" && !o.kind.grants {
		return nil, cli.Usagef("-key-metadata goes with -kind grants")
	}
	t, err := parseThreshold(failOn)
	if err != nil {
		return nil, err
	}
	o.failOn = t
	if fs.NArg() == 0 {
		return nil, cli.Usagef("no policy file given (name one or more, or - for standard input)")
	}
	o.files = fs.Args()
	return o, nil
}

// threshold is the least severe finding that fails the run; zero means
// none does.
type threshold policy.Severity

// parseThreshold reads -fail-on: a severity name in any case, with '-' or
// '_' between words, or "none".
func parseThreshold(s string) (threshold, error) {
	name := strings.ToUpper(strings.ReplaceAll(s, "-", "_"))
	if name == "NONE" {
		return 0, nil
	}
	var sev policy.Severity
	if err := sev.UnmarshalText([]byte(name)); err != nil {
		return 0, cli.Usagef("-fail-on %q: want error, security-warning, warning, suggestion or none", s)
	}
	return threshold(sev), nil
}

// String returns the threshold as JSON and text show it: "ERROR", or
// "none".
func (t threshold) String() string {
	if t == 0 {
		return "none"
	}
	return policy.Severity(t).String()
}

// reached reports whether a finding of severity s fails the run.
func (t threshold) reached(s policy.Severity) bool { return t != 0 && s <= policy.Severity(t) }
