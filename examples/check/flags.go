package main

import (
	"io"

	"github.com/cksiam/cksiam/internal/cli"
)

// about is the usage text above the flags.
const about = `Decides requests against policy files offline, the way AWS IAM would, and
says why. A policy file of "-" is read from standard input.

exit status: 0 every action allowed (or, with -expect, every answer as
expected), 1 some action denied (or not as expected), 2 help, bad flags or
input that cannot be read, parsed or decided. (go run reports every
non-zero status as 1: build the command to see 2.)`

// options is the command line as given.
type options struct {
	identity, scps, rcps                 cli.List
	resourcePolicy, boundary, session    string
	principal, resource, resourceAccount string
	actions, newActions, context         cli.List
	expect                               string
	json                                 bool
	looseDocuments                       bool

	// KMS grants and the facts requests on a key imply (grants.go).
	grants, keyMetadata, keyTags     string
	principalTags, encryptionContext cli.List
	grantID                          string
	grantBoundaries, accountGrantees string
	grantSourceArn                   string
}

// parseFlags reads the command line.
func parseFlags(args []string, stderr io.Writer) (*options, error) {
	var o options
	fs := cli.NewFlagSet("check", about, stderr)
	fs.Var(&o.identity, "identity", "identity-based policy file of the caller (repeatable)")
	fs.StringVar(&o.resourcePolicy, "resource-policy", "", "resource-based policy file: a KMS key policy, a role trust policy, a bucket policy…")
	fs.StringVar(&o.boundary, "boundary", "", "permissions boundary policy file")
	fs.StringVar(&o.session, "session-policy", "", "session policy file")
	fs.Var(&o.scps, "scp", "service control policy file, one per organization level, root first (repeatable)")
	fs.Var(&o.rcps, "rcp", "resource control policy file, one per organization level, root first (repeatable)")
	fs.StringVar(&o.principal, "principal", "", "caller: IAM user or role ARN, assumed-role session ARN, account, or service principal (required)")
	fs.Var(&o.actions, "action", "action, such as kms:Decrypt (repeatable: each is decided; at least one -action or -new-action is required)")
	fs.Var(&o.newActions, "new-action", "like -action, for an action newer than the embedded catalog, which would refuse it as unknown (repeatable)")
	fs.StringVar(&o.resource, "resource", "*", "resource ARN, or * for actions without a resource")
	fs.StringVar(&o.resourceAccount, "resource-account", "", "account that owns the resource when the ARN does not say")
	fs.Var(&o.context, "context", "condition key and value, key=value (repeatable; repeat a key for several values)")
	fs.StringVar(&o.grants, "grants", "", "the key's KMS grants: aws kms list-grants output, or Access Analyzer's key configuration (KmsKeyConfiguration, or create-access-preview configurations), whose key policy stands for -resource-policy")
	fs.StringVar(&o.keyMetadata, "key-metadata", "", "the key's metadata: aws kms describe-key output (gives kms:KeyOrigin, kms:KeySpec, kms:KeyUsage, kms:MultiRegion…)")
	fs.StringVar(&o.keyTags, "key-tags", "", "the key's tags: aws kms list-resource-tags output (gives aws:ResourceTag/<key>)")
	fs.Var(&o.principalTags, "principal-tag", "a tag of the caller, key=value (repeatable; gives aws:PrincipalTag/<key>)")
	fs.Var(&o.encryptionContext, "encryption-context", "a pair of the request's encryption context, key=value (repeatable; grant constraints and kms:EncryptionContext:<key> read it)")
	fs.StringVar(&o.grantID, "grant-id", "", "the grant a kms:RetireGrant request retires (its GrantId): the grant decides who may retire it")
	fs.StringVar(&o.grantBoundaries, "grant-boundaries", "", "whether a boundary or session policy limits a grant: like-resource-policy (default), always-limited or never-limited")
	fs.StringVar(&o.accountGrantees, "account-grantees", "", "what a grant to an account gives: delegates (default: as an account in a key policy), root-only or whole-account")
	fs.StringVar(&o.grantSourceArn, "grant-source-arn", "", "how a grant's SourceArn constraint reads: as-condition (default) or never-holds")
	fs.StringVar(&o.expect, "expect", "", "allowed or denied: exit 0 only when every action gets that answer, 1 otherwise")
	fs.BoolVar(&o.json, "json", false, "print the answer as one JSON object")
	fs.BoolVar(&o.looseDocuments, "loose-documents", false, "read a policy that breaks the policy grammar (such as an old AWS managed policy version with \"lambda:ListFunctions \") fail-closed, instead of refusing it: its unreadable Deny applies to every request, its unreadable Allow to none")
	if err := cli.Parse(fs, args); err != nil {
		return nil, err
	}
	if err := cli.NoArgs(fs); err != nil {
		return nil, err
	}
	if o.principal == "" || len(o.actions)+len(o.newActions) == 0 {
		return nil, cli.Usagef("-principal and -action are required")
	}
	switch o.expect {
	case "", expectAllowed, expectDenied:
	default:
		return nil, cli.Usagef("-expect %q: want allowed or denied", o.expect)
	}
	return &o, nil
}

// The values of -expect.
const (
	expectAllowed = "allowed"
	expectDenied  = "denied"
)
