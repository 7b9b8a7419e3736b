package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/cksiam/cksiam/internal/cli"
	"github.com/cksiam/cksiam/roles"
)

// run is the command: it returns the exit status.
func run(args []string, stdout, stderr io.Writer) int {
	c, err := parseFlags(args, stderr)
	if err != nil {
		return cli.Fail(stderr, "keystore", err)
	}
	if c.snapshot != "" {
		return runAudit(c, stdout, stderr)
	}
	var rs []*roles.Role
	for _, n := range c.names {
		r, err := roles.ByName(n, c.opts)
		var oe *roles.OptionError
		if errors.As(err, &oe) && optionFlags[oe.Field] != "" {
			return cli.Fail(stderr, "keystore", cli.Usagef("%s: %s (role %s)", optionFlags[oe.Field], optionMessage(oe), n))
		}
		if err != nil {
			return cli.Fail(stderr, "keystore", err)
		}
		rs = append(rs, r)
	}
	if c.json {
		return printJSON(rs, stdout, stderr)
	}
	return printText(rs, stdout, stderr)
}

// optionMessage is the option error's reason, with the value when there is
// one.
func optionMessage(e *roles.OptionError) string {
	if e.Value == "" {
		return e.Reason
	}
	return fmt.Sprintf("%q: %s", e.Value, e.Reason)
}

// verify runs a role's verification; tests replace it to see how a failed
// verification is reported.
var verify = (*roles.Role).Verify

// printJSON writes {"verified": …, "roles": [{"name": …, "policy": {…},
// "verification": {…}}, …]}, verifying every role as the text mode does.
func printJSON(rs []*roles.Role, stdout, stderr io.Writer) int {
	out := jsonOutput{Verified: true, Roles: []jsonRole{}}
	for _, r := range rs {
		b, err := r.Document().Compact()
		if err != nil {
			return cli.Fail(stderr, "keystore", err)
		}
		v := makeVerification(verify(r))
		out.Verified = out.Verified && v.OK
		out.Roles = append(out.Roles, jsonRole{Name: r.Name, Policy: b, Verification: v})
	}
	enc := json.NewEncoder(stdout)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(out); err != nil {
		return cli.Fail(stderr, "keystore", err)
	}
	if !out.Verified {
		return cli.ExitFail
	}
	return cli.ExitOK
}

// printText writes each role, its policy and its verification summary.
func printText(rs []*roles.Role, stdout, stderr io.Writer) int {
	status := 0
	o := rs[0].Options
	region := o.Region
	if region == "" {
		region = "(none)"
	}
	fmt.Fprintf(stdout, "Least-privilege policies for AWS KMS custom key stores\naccount %s, Region %s, partition %s\n", o.Account, region, o.Partition)
	for _, r := range rs {
		doc, err := r.Document().Format()
		if err != nil {
			return cli.Fail(stderr, "keystore", err)
		}
		fmt.Fprintf(stdout, "\n== %s (%s) ==\n%s\n", r.Name, r.Kind, r.Description)
		fmt.Fprintf(stdout, "Source: %q\n        %s (%s)\n", r.Source.Quote, r.Source.Page, strings.Join(r.Source.Rules, ", "))
		if r.Caveat != "" {
			fmt.Fprintf(stdout, "Note:   %s\n", r.Caveat)
		}
		fmt.Fprintf(stdout, "%s", indent(string(doc)))
		if s := r.ServiceLinked(); s != nil {
			printServiceLinked(stdout, s, o)
		}
		v := verify(r)
		mark := "ok"
		if !v.Summary.OK() {
			mark, status = "FAILED", cli.ExitFail
		}
		fmt.Fprintf(stdout, "Verified %s: %s\n", mark, v.Summary)
		for i, f := range v.Failures {
			if i == 10 {
				fmt.Fprintf(stdout, "  … and %d more\n", len(v.Failures)-10)
				break
			}
			fmt.Fprintf(stdout, "  %s: %s %s on %s: got %s, want allow=%v\n", f.Case.Kind, f.Case.Principal, f.Case.Action, f.Case.Resource, f.Decision, f.Case.Allow)
		}
	}
	return status
}

// indent prefixes every line with two spaces.
func indent(s string) string {
	lines := strings.SplitAfter(s, "\n")
	var b strings.Builder
	for _, l := range lines {
		if l != "" {
			b.WriteString("  " + l)
		}
	}
	return b.String()
}

// printServiceLinked writes the service-linked role's identity and
// lifecycle.
func printServiceLinked(w io.Writer, s *roles.ServiceLinkedRoleInfo, o roles.Options) {
	l := s.Lifecycle
	fmt.Fprintf(w, "Role ARN:   %s\nTrusts:     %s only\nPolicy ARN: %s\n", s.ARN(o.Partition, o.Account), s.ServicePrincipal, s.PolicyARN(o.Partition))
	fmt.Fprintf(w, "Lifecycle:  created automatically with the first custom key store: %v; creatable directly: %v; name editable: %v; policy editable: %v; description editable: %v; deletable: %v\n",
		l.CreatedAutomatically, l.CreatableDirectly, l.NameEditable, l.PolicyEditable, l.DescriptionEditable, l.Deletable)
	fmt.Fprintf(w, "Regions:    %s\nKMS may not: %s\n", l.Regions, strings.Join(s.NotPermitted, "; "))
}
