package main

import (
	"regexp"
	"strings"

	"github.com/cksiam/cksiam/evaluate"
)

// The library names documents and request fields by their Go paths
// ("Identity[0]", "Policies.Resource", "Request.Action"); a user of the
// command gave flags. These functions say the same in flags.

// requestFlags maps the request fields to their flags.
var requestFlags = []struct{ field, flag string }{
	{"Request.Principal", "-principal"},
	{"Request.Action", "-action"},
	{"Request.ResourceAccount", "-resource-account"},
	{"Request.Resource", "-resource"},
	{"Request.Context", "-context"},
	{"Request.EncryptionContext", "-encryption-context"},
	{"Request.GrantId", "-grant-id"},
}

// policyFlags maps the fields of Policies to their flags.
var policyFlags = []struct{ field, flag string }{
	{"Policies.Identity", "-identity"},
	{"Policies.Resource", "-resource-policy"},
	{"Policies.Boundary", "-boundary"},
	{"Policies.Session", "-session-policy"},
	{"Policies.SCPs", "-scp"},
	{"Policies.RCPs", "-rcp"},
	{"Policies.Grants", "-grants"},
	{"Policies.Key", "-key-metadata"},
	{"Policies.PrincipalTags", "-principal-tag"},
}

// optionFlags maps the engine's options, as its messages name them, to
// their flags.
var optionFlags = []struct{ option, flag string }{
	{"option GrantBoundaries", "-grant-boundaries"},
	{"option AccountGrantees", "-account-grantees"},
	{"option GrantSourceArn", "-grant-source-arn"},
}

// flagPath rewrites a library path into the command's terms:
// "Identity[1].Statement[0].Action[2]" becomes "-identity b.json
// Statement[0].Action[2]", "Request.Action" becomes "-action".
func (in *input) flagPath(path string) string {
	if p, ok := in.grantPath(path); ok {
		return p
	}
	if rest, ok := strings.CutPrefix(path, "Key"); ok && in.keyMetadata.Flag != "" && (rest == "" || rest[0] == '.') {
		return in.keyMetadata.String() + " KeyMetadata" + rest
	}
	for _, r := range requestFlags {
		rest, ok := strings.CutPrefix(path, r.field)
		switch {
		case !ok:
		case rest == "", rest[0] == '[':
			return r.flag + rest
		case rest[0] == '.':
			return r.flag + " " + rest[1:]
		}
	}
	for _, p := range policyFlags {
		if path == p.field {
			return p.flag
		}
	}
	doc, rest, _ := strings.Cut(path, ".")
	if src, ok := in.sources[doc]; ok {
		if rest == "" {
			return src.String()
		}
		return src.String() + " " + rest
	}
	return path
}

// statementRef finds the statements a library message names by their
// location in Policies ("the Allow at Identity[0].Statement[0] needs …").
var statementRef = regexp.MustCompile(`(^|[^A-Za-z.])((?:Identity\[\d+\]|Resource|Boundary|Session|SCPs\[\d+\]\[\d+\]|RCPs\[\d+\]\[\d+\])\.Statement\[\d+\])`)

// flagText rewrites what a library message says in Go terms into the
// command's: statements by their flag and file ("-identity a.json
// Statement[0]"), fields by their flag ("give the key policy as
// -resource-policy").
func (in *input) flagText(msg string) string {
	msg = statementRef.ReplaceAllStringFunc(msg, func(m string) string {
		sub := statementRef.FindStringSubmatch(m)
		return sub[1] + in.flagPath(sub[2])
	})
	return flagText(msg)
}

// flagText rewrites the Go field names a library message may hold
// ("give the key policy as Policies.Resource") into flags.
func flagText(msg string) string {
	for _, p := range policyFlags {
		msg = strings.ReplaceAll(msg, p.field, p.flag)
	}
	for _, r := range requestFlags {
		msg = strings.ReplaceAll(msg, r.field, r.flag)
	}
	for _, o := range optionFlags {
		msg = strings.ReplaceAll(msg, o.option, o.flag)
	}
	return msg
}

// typeFlags maps the policy types of verdicts to their flags.
var typeFlags = map[evaluate.PolicyType]string{
	evaluate.TypeIdentity: "-identity",
	evaluate.TypeResource: "-resource-policy",
	evaluate.TypeBoundary: "-boundary",
	evaluate.TypeSession:  "-session-policy",
	evaluate.TypeSCP:      "-scp",
	evaluate.TypeRCP:      "-rcp",
}
