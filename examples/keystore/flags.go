package main

import (
	"io"
	"slices"
	"strings"

	"github.com/cksiam/cksiam/internal/cli"
	"github.com/cksiam/cksiam/roles"
)

// about is the usage text above the flags.
const about = `Prints, for every principal of the AWS KMS guide page "Controlling access
to your custom key store", its least-privilege policy and its verification
through the offline evaluator (with -json too).

With -snapshot DIR it audits an account snapshot instead: for each role,
the principals that hold all of its permissions (and what they hold beyond
them) and those that hold part of them.

exit status: 0 every role verified (or the audit ran), 1 a verification
failed, 2 help, bad flags or a bad snapshot. (go run reports every non-zero status as 1: build the command to see 2.)`

// config is what the command line asks for.
type config struct {
	opts  roles.Options
	names []string
	json  bool
	// snapshot is the account snapshot to audit (-snapshot), or "".
	snapshot string
	// rolesGiven: -role was given.
	rolesGiven bool
}

// optionFlags names the flag behind each roles.Options field, so that an
// option error names what the user typed.
var optionFlags = map[string]string{
	"Account": "-account", "Region": "-region", "Partition": "-partition",
	"KeyIDs": "-key-id", "ClusterIDs": "-cluster-id", "BackupIDs": "-backup-id",
	"KeyOrigins": "-key-origin", "Connectivity": "-vpc-endpoint-service",
	"ViaServices": "-via-service", "EncryptionContext": "-encryption-context",
	"KeyAdministrators": "-key-admin", "KeyUsers": "-key-user", "role": "-role",
}

// parseFlags reads the command line into a config.
func parseFlags(args []string, stderr io.Writer) (*config, error) {
	fs := cli.NewFlagSet("keystore", about, stderr)
	var (
		c                                  config
		keyIDs, clusters, backups, origins cli.List
		via, ec, admins, users, onlyRoles  cli.List
		vpcEndpoint                        bool
	)
	fs.StringVar(&c.opts.Account, "account", "", "12-digit account that owns the keys, clusters and roles (required; AWS's documentation examples use 111122223333)")
	fs.StringVar(&c.opts.Region, "region", "", "Region of the keys and clusters, such as us-west-2 (required by the cluster, key manager and key user roles)")
	fs.StringVar(&c.opts.Partition, "partition", roles.DefaultPartition, "ARN partition: aws, aws-cn for the China Regions (cn-…), aws-us-gov for AWS GovCloud (US) (us-gov-…), …")
	fs.Var(&keyIDs, "key-id", "limit key permissions to this KMS key ID (repeatable; default: every key of the account in the Region)")
	fs.Var(&clusters, "cluster-id", "limit cluster permissions to this CloudHSM cluster ID (repeatable)")
	fs.Var(&backups, "backup-id", "limit backup permissions to this CloudHSM backup ID (repeatable)")
	fs.BoolVar(&c.opts.CallerAccount, "caller-account", false, "require kms:CallerAccount = -account on the custom key store actions")
	fs.Var(&origins, "key-origin", "kms:KeyOrigin of the managed and used keys: AWS_CLOUDHSM or EXTERNAL_KEY_STORE (repeatable; default AWS_CLOUDHSM)")
	fs.BoolVar(&vpcEndpoint, "vpc-endpoint-service", false, "the external key store proxy uses VPC endpoint service connectivity")
	fs.BoolVar(&c.opts.VPCAndClientInstance, "vpc-and-client-instance", false, "add the labelled, not AWS-published EC2 set for creating the VPC, subnets and client instance")
	fs.Var(&via, "via-service", "limit key use to requests made through this service, e.g. ec2.us-west-2.amazonaws.com (repeatable)")
	fs.Var(&ec, "encryption-context", "require this encryption context pair key=value on key use (repeatable)")
	fs.Var(&admins, "key-admin", "principal named as key administrator in the console key policy, which is then printed too (repeatable)")
	fs.Var(&users, "key-user", "principal named as key user in the console key policy, which is then printed too (repeatable)")
	fs.Var(&onlyRoles, "role", "print only this role (repeatable): "+strings.Join(roles.Names(), ", ")+" or ConsoleKeyPolicy")
	fs.StringVar(&c.snapshot, "snapshot", "", "audit an account snapshot (the directory examples/whocan reads): which principals hold each role's permissions, and what beyond them; -account then defaults to the snapshot's")
	fs.BoolVar(&c.json, "json", false, `print one JSON object {"verified": …, "roles": [{"name": …, "policy": {…}, "verification": {…}}, …]}`)
	if err := cli.Parse(fs, args); err != nil {
		return nil, err
	}
	if err := cli.NoArgs(fs); err != nil {
		return nil, err
	}
	c.opts.KeyIDs, c.opts.ClusterIDs, c.opts.BackupIDs = keyIDs, clusters, backups
	for _, o := range origins {
		c.opts.KeyOrigins = append(c.opts.KeyOrigins, roles.KeyOrigin(o))
	}
	if vpcEndpoint {
		c.opts.Connectivity = roles.VPCEndpointService
	}
	c.opts.ViaServices, c.opts.KeyAdministrators, c.opts.KeyUsers = via, admins, users
	folded := map[string]string{}
	for _, kv := range ec {
		k, v, ok := strings.Cut(kv, "=")
		if !ok {
			return nil, cli.Usagef("-encryption-context %q: want key=value", kv)
		}
		// Conditions read encryption-context keys ignoring case: a key
		// given twice would keep one value and drop the other unseen.
		if prev, dup := folded[strings.ToLower(k)]; dup {
			return nil, cli.Usagef("-encryption-context: key %q is given twice (as %q and %q); give each key once", k, prev, k)
		}
		folded[strings.ToLower(k)] = k
		if c.opts.EncryptionContext == nil {
			c.opts.EncryptionContext = map[string]string{}
		}
		c.opts.EncryptionContext[k] = v
	}
	for i, n := range onlyRoles {
		// Each role once: twice would print it (and list it in -json)
		// twice.
		if j := slices.Index(onlyRoles[:i], n); j >= 0 {
			return nil, cli.Usagef("-role %s is given twice: name each role once", n)
		}
	}
	c.names, c.rolesGiven = onlyRoles, len(onlyRoles) > 0
	if c.snapshot != "" {
		if len(admins)+len(users) > 0 {
			// Only the console key policy names them, and an audit
			// does not audit key policies.
			return nil, cli.Usagef("-key-admin and -key-user name the console key policy's principals, which -snapshot does not audit: leave them out (examples/whocan answers who may use a key)")
		}
		return &c, nil // the account comes from the snapshot
	}
	if len(c.names) == 0 {
		c.names = roles.Names()
		if len(admins)+len(users) > 0 {
			// Only the console key policy names them; without it the
			// flags would change nothing that is printed.
			c.names = append(roles.Names(), "ConsoleKeyPolicy")
		}
	}
	if c.opts.Account == "" {
		return nil, cli.Usagef("-account is required: the 12-digit account that owns the keys, clusters and roles")
	}
	return &c, nil
}
