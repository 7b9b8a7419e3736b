package main

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/cksiam/cksiam/evaluate"
	"github.com/cksiam/cksiam/evaluate/prove"
	"github.com/cksiam/cksiam/internal/arn"
	"github.com/cksiam/cksiam/policy"
	"github.com/cksiam/cksiam/policy/catalog"
)

// writeText explains the answer in a line or two and, when refuted, shows
// the counterexample as examples/check command lines that reproduce it.
func writeText(w io.Writer, q *question, r prove.Result) {
	switch r.Verdict {
	case prove.Proved:
		switch q.sub {
		case "no-new-access":
			fmt.Fprintf(w, "proved: %s allows no request that %s does not (%s policy).\n", q.newFile, q.oldFile, q.kindName)
		case "access-not-granted":
			fmt.Fprintf(w, "proved: %s allows no request for %s on %s (%s policy).\n", q.policyFile, orEvery(q.askedActions, "action"), orEvery(q.resources, "resource"), q.kindName)
		case "no-external-access":
			fmt.Fprintf(w, "proved: %s lets no principal outside account %s in (%s policy).\n", q.policyFile, q.account, q.kindName)
		}
		return
	case prove.Unknown:
		fmt.Fprintf(w, "unknown (%s): %s.\n", r.Reason, r.Detail)
		return
	}
	wr := r.Witness
	switch q.sub {
	case "no-new-access":
		fmt.Fprintf(w, "refuted: %s allows a request that %s does not:\n", q.newFile, q.oldFile)
	case "access-not-granted":
		fmt.Fprintf(w, "refuted: %s allows a request for %s on %s:\n", q.policyFile, orEvery(q.askedActions, "action"), orEvery(q.resources, "resource"))
	case "no-external-access":
		fmt.Fprintf(w, "refuted: %s lets a principal outside account %s in:\n", q.policyFile, q.account)
	}
	fmt.Fprintf(w, "  %s calls %s on %s%s\n", wr.Principal, wr.Action, wr.Resource, contextText(wr.Context))
	fmt.Fprintln(w, "reproduce it with examples/check:")
	// Both lines frame the request the same way, so that they differ only
	// in the document: the old document's denial is then its own, not the
	// frame's (a key request without the key policy is always denied).
	framed := needsFrame(q.kind, q.doc, *wr)
	fmt.Fprintln(w, "  "+checkLine(q.kind, fileOf(q), *wr, framed, "allowed"))
	if q.sub == "no-new-access" {
		fmt.Fprintln(w, "  "+checkLine(q.kind, q.oldFile, *wr, framed, "denied"))
	}
}

func fileOf(q *question) string {
	if q.sub == "no-new-access" {
		return q.newFile
	}
	return q.policyFile
}

func orEvery(l []string, what string) string {
	if len(l) == 0 {
		return "any " + what
	}
	return strings.Join(l, ", ")
}

func contextText(c evaluate.Context) string {
	if len(c) == 0 {
		return ""
	}
	keys := make([]string, 0, len(c))
	for k := range c {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var parts []string
	for _, k := range keys {
		parts = append(parts, k+"="+strings.Join(c[k], ","))
	}
	return " with " + strings.Join(parts, ", ")
}

// allowAll is the identity policy a key or trust question gives the
// caller, and trusting the account the resource policy an identity
// question gives every resource: the command line passes them on standard
// input when the request needs them.
const allowAll = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}`

func trusting(principal string) string {
	acct, part := "", "aws"
	if fields, ok := arn.Parse(principal); ok {
		part, acct = fields[arn.Partition], fields[arn.Account]
	}
	return `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:` + part + `:iam::` + acct +
		`:root"},"Action":"*","Resource":"*"}]}`
}

// frame returns the policy the question gives the request besides the
// document, as JSON: for an identity question a resource policy that
// trusts the caller's account, for a key or trust question an identity
// policy that allows everything.
func frame(k prove.Kind, principal string) string {
	if k == prove.Identity {
		return trusting(principal)
	}
	return allowAll
}

// needsFrame reports whether doc decides r differently with the question's
// frame than alone, so that the command lines must pass the frame.
func needsFrame(k prove.Kind, doc *policy.Document, r evaluate.Request) bool {
	alone := evaluate.Policies{Resource: doc}
	if k == prove.Identity {
		alone = evaluate.Policies{Identity: []*policy.Document{doc}}
	}
	framed := alone
	d, err := policy.Parse([]byte(frame(k, r.Principal)))
	if err != nil {
		return true
	}
	if k == prove.Identity {
		framed.Resource = d
	} else {
		framed.Identity = []*policy.Document{d}
	}
	return decision(alone, r) != decision(framed, r)
}

// checkLine is an examples/check command line that decides r against the
// document in file the way the question frames it, expecting expect. The
// part of the frame that is not a file (the caller's identity policy that
// allows everything, the resource policy that trusts the caller's account)
// is piped in on standard input when framed is set.
func checkLine(k prove.Kind, file string, r evaluate.Request, framed bool, expect string) string {
	var args []string
	stdin := ""
	if framed {
		stdin = frame(k, r.Principal)
	}
	switch k {
	case prove.Identity:
		args = append(args, "-identity", file)
		if framed {
			args = append(args, "-resource-policy", "-")
		}
	default:
		if framed {
			args = append(args, "-identity", "-")
		}
		args = append(args, "-resource-policy", file)
	}
	args = append(args, "-principal", r.Principal)
	if _, known := catalog.Default().Action(r.Action); known {
		args = append(args, "-action", r.Action)
	} else {
		args = append(args, "-new-action", r.Action)
	}
	args = append(args, "-resource", r.Resource)
	if r.ResourceAccount != "" {
		args = append(args, "-resource-account", r.ResourceAccount)
	}
	keys := make([]string, 0, len(r.Context))
	for k := range r.Context {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		for _, v := range r.Context[k] {
			args = append(args, "-context", k+"="+v)
		}
	}
	args = append(args, "-expect", expect)
	line := "go run ./examples/check"
	for _, a := range args {
		line += " " + shellQuote(a)
	}
	if stdin != "" {
		line = "echo " + shellQuote(stdin) + " | " + line
	}
	return line
}

func decision(p evaluate.Policies, r evaluate.Request) evaluate.Decision {
	res, err := evaluate.Evaluate(p, r)
	if err != nil {
		return ""
	}
	return res.Decision
}

// shellQuote quotes s for a POSIX shell when it holds anything but plain
// characters.
func shellQuote(s string) string {
	plain := s != ""
	for _, c := range s {
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || strings.ContainsRune("_./:=@,+-%", c)) {
			plain = false
			break
		}
	}
	if plain {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
