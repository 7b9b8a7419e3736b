package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/cksiam/cksiam/evaluate/snapshot"
	"github.com/cksiam/cksiam/internal/cli"
	"github.com/cksiam/cksiam/policy/catalog"
)

// about is the usage text above the flags.
const about = `Answers "who can use or administer this KMS key?" over an account snapshot
saved with the AWS CLI: a table per action (or one JSON object with -json),
the other accounts the key trusts, and what the snapshot lacks.

exit status: 0 an answer, 2 help, bad flags or a bad snapshot (named with
the file and the JSON path).`

// run is the command: it returns the exit status.
func run(args []string, stdout, stderr io.Writer) int {
	fs := cli.NewFlagSet("whocan", about, stderr)
	var (
		dir, resource string
		actions       cli.List
		asJSON        bool
	)
	fs.StringVar(&dir, "snapshot", "", "snapshot directory (iam/, kms/, organizations/) as saved with the AWS CLI (required)")
	fs.StringVar(&resource, "resource", "", "ARN or key ID of the KMS key (required)")
	fs.Var(&actions, "action", "action to ask about, such as kms:Decrypt (repeatable; default: every kms action that takes a key)")
	fs.BoolVar(&asJSON, "json", false, "print one JSON object")
	if err := cli.Parse(fs, args); err != nil {
		return cli.Fail(stderr, "whocan", err)
	}
	if err := cli.NoArgs(fs); err != nil {
		return cli.Fail(stderr, "whocan", err)
	}
	if dir == "" || resource == "" {
		return cli.Fail(stderr, "whocan", cli.Usagef("-snapshot and -resource are required"))
	}
	// A mistyped action is refused with the catalog's did-you-mean before
	// the snapshot is read.
	for _, a := range actions {
		if _, err := catalog.Default().CheckAction(a); err != nil {
			if strings.ContainsAny(a, "*?") {
				return cli.Fail(stderr, "whocan", cli.Usagef("-action: %v: -action takes one action; leave it out to ask about every kms action that takes a key", err))
			}
			return cli.Fail(stderr, "whocan", cli.Usagef("-action: %v", err))
		}
	}
	acct, err := snapshot.Load(dir)
	if err != nil {
		return cli.Fail(stderr, "whocan", cli.Usagef("-snapshot: %v", err))
	}
	rep, err := acct.WhoCan(resource, actions)
	if err != nil {
		return cli.Fail(stderr, "whocan", cli.Usagef("%s", flagError(err)))
	}
	if asJSON {
		b, err := json.MarshalIndent(rep, "", "  ")
		if err != nil {
			return cli.Fail(stderr, "whocan", err)
		}
		fmt.Fprintf(stdout, "%s\n", b)
		return cli.ExitOK
	}
	printText(stdout, rep)
	return cli.ExitOK
}

// flagError says which flag a WhoCan error is about: WhoCan names its
// arguments "resource" and "actions[i]"; a user gave -resource and -action.
func flagError(err error) string {
	var ae *snapshot.ArgumentError
	if !errors.As(err, &ae) {
		return err.Error()
	}
	if ae.Argument == "actions" {
		return "-action " + ae.Value + ": " + ae.Reason
	}
	return "-" + ae.Argument + ": " + ae.Reason
}

// printText writes a table per action, then the other accounts and the
// completeness report.
func printText(w io.Writer, rep *snapshot.Report) {
	fmt.Fprintf(w, "Who can use %s\n", rep.Resource)
	byAction := map[string][]snapshot.Row{}
	for _, r := range rep.Access {
		byAction[r.Action] = append(byAction[r.Action], r)
	}
	var none []string
	for _, act := range rep.Actions {
		rows := byAction[act]
		if len(rows) == 0 {
			none = append(none, act)
			continue
		}
		fmt.Fprintf(w, "\n%s\n", act)
		tw := tabwriter.NewWriter(w, 2, 8, 2, ' ', 0)
		fmt.Fprintln(tw, "  PRINCIPAL\tACCESS\tVIA")
		for _, r := range rows {
			via := r.ViaString()
			if r.Access == snapshot.Unknown {
				via = r.Reason
			}
			switch {
			case len(r.Condition) > 0:
				if b, err := json.Marshal(r.Condition); err == nil {
					via += " when " + string(b)
				}
			case r.Access == snapshot.Conditional && r.Reason != "":
				via += ": " + r.Reason
			}
			fmt.Fprintf(tw, "  %s\t%s\t%s\n", r.Principal, r.Access, via)
		}
		tw.Flush()
	}
	if len(none) > 0 {
		fmt.Fprintf(w, "\nNo principal of the snapshot: %s\n", strings.Join(none, ", "))
	}
	if len(rep.ExternalAccounts) > 0 {
		fmt.Fprintln(w, "\nOther accounts the key trusts (subject to their own IAM policies and SCPs)")
		for _, e := range rep.ExternalAccounts {
			name := e.Account
			if name == "*" {
				name = "* (any other account)"
			}
			fmt.Fprintf(w, "  %s: %s\n", name, strings.Join(e.Actions, ", "))
		}
	}
	if len(rep.Incomplete) > 0 {
		fmt.Fprintln(w, "\nIncomplete")
		for _, g := range rep.Incomplete {
			fmt.Fprintf(w, "  %s %s: %s\n", g.Kind, g.Subject, g.Detail)
		}
	}
}
