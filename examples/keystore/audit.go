package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/cksiam/cksiam/evaluate"
	"github.com/cksiam/cksiam/evaluate/snapshot"
	"github.com/cksiam/cksiam/internal/cli"
	"github.com/cksiam/cksiam/roles"
)

// runAudit prints the roles audit of the account snapshot c.snapshot.
func runAudit(c *config, stdout, stderr io.Writer) int {
	acct, err := snapshot.Load(c.snapshot)
	if err != nil {
		return cli.Fail(stderr, "keystore", cli.Usagef("-snapshot: %v", err))
	}
	o := c.opts
	if o.Region == "" {
		o.Region = snapshotRegion(acct)
	}
	var names []string
	if c.rolesGiven {
		names = c.names
	}
	rep, err := roles.AuditAccount(acct, o, names...)
	var oe *roles.OptionError
	if errors.As(err, &oe) && optionFlags[oe.Field] != "" {
		return cli.Fail(stderr, "keystore", cli.Usagef("%s: %s", optionFlags[oe.Field], optionMessage(oe)))
	}
	if err != nil {
		return cli.Fail(stderr, "keystore", err)
	}
	out := auditOutput(acct, rep)
	if c.json {
		enc := json.NewEncoder(stdout)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		if err := enc.Encode(out); err != nil {
			return cli.Fail(stderr, "keystore", err)
		}
		return cli.ExitOK
	}
	printAudit(stdout, out)
	return cli.ExitOK
}

// snapshotRegion is the Region of the snapshot's keys when they share one.
func snapshotRegion(a *snapshot.Account) string {
	region := ""
	for _, k := range a.Keys() {
		if region != "" && k.Region != region {
			return ""
		}
		region = k.Region
	}
	return region
}

// The audit as JSON.
type (
	auditJSON struct {
		Account string      `json:"account"`
		Region  string      `json:"region"`
		Roles   []roleAudit `json:"roles"`
	}
	roleAudit struct {
		Role     string       `json:"role"`
		Intended int          `json:"intended"`
		Holders  []holderJSON `json:"holders"`
		Partial  []holderJSON `json:"partial"`
		Skipped  string       `json:"skipped,omitempty"`
	}
	holderJSON struct {
		Principal  string       `json:"principal"`
		Held       int          `json:"held"`
		Holds      []string     `json:"holds"`
		Missing    []string     `json:"missing,omitempty"`
		Beyond     []beyondJSON `json:"beyond,omitempty"`
		Incomplete []string     `json:"incomplete,omitempty"`
	}
	beyondJSON struct {
		Policy    string        `json:"policy"`
		Statement int           `json:"statement"`
		Actions   []patternJSON `json:"actions"`
	}
	patternJSON struct {
		Pattern  string `json:"pattern"`
		Requests int    `json:"requests"`
	}
)

// auditOutput names each excess statement by the principal's document.
func auditOutput(a *snapshot.Account, rep *roles.AccountAudit) auditJSON {
	out := auditJSON{Account: rep.Account, Region: rep.Region, Roles: []roleAudit{}}
	for _, r := range rep.Roles {
		ra := roleAudit{Role: r.Role, Intended: r.Intended, Holders: []holderJSON{}, Partial: []holderJSON{}, Skipped: r.Skipped}
		for _, h := range r.Holders {
			ra.Holders = append(ra.Holders, holderOf(a, h))
		}
		for _, h := range r.Partial {
			ra.Partial = append(ra.Partial, holderOf(a, h))
		}
		out.Roles = append(out.Roles, ra)
	}
	return out
}

func holderOf(a *snapshot.Account, h roles.Holder) holderJSON {
	out := holderJSON{Principal: h.Principal, Held: h.Held, Holds: requests(h.Holds), Incomplete: h.Incomplete}
	p, _ := a.Principal(h.Principal)
	if h.Report == nil {
		return out
	}
	var missing []roles.Case
	for _, g := range h.Report.Missing {
		missing = append(missing, roles.Case{Action: g.Action, Resource: g.Resource})
	}
	out.Missing = requests(missing)
	for _, e := range h.Report.Excess {
		b := beyondJSON{Policy: docName(p, e.Statement.PolicyType, e.Statement.PolicyIndex), Statement: e.Statement.StatementIndex}
		for _, act := range e.Actions {
			pat := act.Pattern
			if pat == "" {
				pat = "NotAction"
			}
			b.Actions = append(b.Actions, patternJSON{Pattern: pat, Requests: len(act.Requests)})
		}
		out.Beyond = append(out.Beyond, b)
	}
	return out
}

// requests formats cases as sorted, distinct "action on resource".
func requests(cs []roles.Case) []string {
	seen := map[string]bool{}
	var out []string
	for _, c := range cs {
		if s := c.Action + " on " + c.Resource; !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	sort.Strings(out)
	return out
}

// actionsOf lists the distinct actions of "action on resource" entries.
func actionsOf(reqs []string) string {
	seen := map[string]bool{}
	var out []string
	for _, r := range reqs {
		a, _, _ := strings.Cut(r, " on ")
		if !seen[a] {
			seen[a] = true
			out = append(out, a)
		}
	}
	return strings.Join(out, ", ")
}

// docName names the audited principal's document a statement belongs to.
func docName(p *snapshot.Principal, t evaluate.PolicyType, i int) string {
	if p != nil && t == evaluate.TypeIdentity && i < len(p.Identity) {
		return p.Identity[i].Source
	}
	if t == "" {
		return "the root user's own access"
	}
	return fmt.Sprintf("%s[%d]", t, i)
}

// printAudit writes the audit for people.
func printAudit(w io.Writer, a auditJSON) {
	fmt.Fprintf(w, "Who holds the permissions of each principal of the custom key store guide\naccount %s, Region %s\n", a.Account, a.Region)
	for _, r := range a.Roles {
		fmt.Fprintf(w, "\n== %s ==\n", r.Role)
		if r.Skipped != "" {
			fmt.Fprintf(w, "  not audited: %s\n", r.Skipped)
			continue
		}
		if len(r.Holders) == 0 {
			fmt.Fprintf(w, "  nobody holds all %d of its requests\n", r.Intended)
		}
		for _, h := range r.Holders {
			fmt.Fprintf(w, "  holds all %d: %s\n", r.Intended, h.Principal)
			for _, b := range h.Beyond {
				var parts []string
				for _, p := range b.Actions {
					parts = append(parts, fmt.Sprintf("%s (%d requests)", p.Pattern, p.Requests))
				}
				fmt.Fprintf(w, "    beyond the role: %s Statement[%d]: %s\n", b.Policy, b.Statement, strings.Join(parts, ", "))
			}
			printIncomplete(w, h)
		}
		for _, h := range r.Partial {
			fmt.Fprintf(w, "  holds %d of %d: %s\n", h.Held, r.Intended, h.Principal)
			fmt.Fprintf(w, "    may: %s\n    lacks: %s\n", actionsOf(h.Holds), actionsOf(h.Missing))
			printIncomplete(w, h)
		}
	}
}

func printIncomplete(w io.Writer, h holderJSON) {
	if len(h.Incomplete) > 0 {
		fmt.Fprintf(w, "    not in the snapshot (audited without it): %s\n", strings.Join(h.Incomplete, ", "))
	}
}
