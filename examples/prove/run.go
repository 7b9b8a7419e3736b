package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/cksiam/cksiam/evaluate/prove"
	"github.com/cksiam/cksiam/internal/cli"
	"github.com/cksiam/cksiam/policy"
)

// exitUnknown is the status of an Unknown answer.
const exitUnknown = 3

const usage = `usage:
  prove no-new-access      -kind identity|key|trust -old OLD.json -new NEW.json [-json]
  prove access-not-granted -kind identity|key|trust -policy P.json [-action A]... [-new-action A]... [-resource R]... [-json]
  prove no-external-access -kind key|trust -account 111122223333 -policy P.json [-json]
Exit status: 0 proved, 1 refuted, 3 unknown, 2 bad input.`

// run is the command: it returns the exit status.
func run(args []string, stdout, stderr io.Writer) int {
	return runWithStdin(args, os.Stdin, stdout, stderr)
}

// question is a parsed command line.
type question struct {
	sub                string
	kind               prove.Kind
	kindName           string // as -kind gives it: identity, key or trust
	oldFile, newFile   string // no-new-access
	policyFile         string // the other two
	actions, resources cli.List
	newActions         cli.List // access-not-granted: actions newer than the catalog
	account            string
	askedActions       []string // -action and -new-action, checked
	json               bool
	old, doc           *policy.Document
}

func runWithStdin(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	q, err := parse(args, stderr)
	if err != nil {
		return cli.Fail(stderr, "prove", err)
	}
	files := cli.NewFiles(stdin)
	read := func(flagName, name string) (*policy.Document, error) {
		data, err := files.Read(flagName, name)
		if err != nil {
			return nil, err
		}
		d, err := policy.Parse(data)
		if err != nil {
			return nil, cli.Usagef("%s %s: %v", flagName, name, err)
		}
		if err := checkCompiles(q.kind, flagName, name, d); err != nil {
			return nil, err
		}
		return d, nil
	}
	if q.sub == "no-new-access" {
		if q.old, err = read("-old", q.oldFile); err != nil {
			return cli.Fail(stderr, "prove", err)
		}
		if q.doc, err = read("-new", q.newFile); err != nil {
			return cli.Fail(stderr, "prove", err)
		}
	} else if q.doc, err = read("-policy", q.policyFile); err != nil {
		return cli.Fail(stderr, "prove", err)
	}
	var r prove.Result
	switch q.sub {
	case "no-new-access":
		r, err = prove.NoNewAccess(q.kind, q.old, q.doc)
	case "access-not-granted":
		r, err = prove.AccessNotGranted(q.kind, q.doc, q.askedActions, q.resources)
	case "no-external-access":
		r, err = prove.NoExternalAccess(q.kind, q.doc, q.account)
	}
	if err != nil {
		// The library's errors start with its name, which cli.Fail adds.
		return cli.Fail(stderr, "prove", cli.Usagef("%s", strings.TrimPrefix(err.Error(), "prove: ")))
	}
	if q.json {
		enc := json.NewEncoder(stdout)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		if err := enc.Encode(answerOf(r)); err != nil {
			return cli.Fail(stderr, "prove", err)
		}
	} else {
		writeText(stdout, q, r)
	}
	switch r.Verdict {
	case prove.Proved:
		return cli.ExitOK
	case prove.Refuted:
		return cli.ExitFail
	}
	return exitUnknown
}

func parse(args []string, stderr io.Writer) (*question, error) {
	if len(args) == 0 {
		fmt.Fprintln(stderr, usage)
		return nil, cli.Usagef("a subcommand is required")
	}
	q := &question{sub: args[0]}
	switch q.sub {
	case "no-new-access", "access-not-granted", "no-external-access":
	case "-h", "-help", "--help", "help":
		fmt.Fprintln(stderr, usage)
		return nil, fmt.Errorf("%w", flag.ErrHelp)
	default:
		fmt.Fprintln(stderr, usage)
		return nil, cli.Usagef("unknown subcommand %q", q.sub)
	}
	fs := cli.NewFlagSet("prove "+q.sub, usage, stderr)
	var kind string
	fs.StringVar(&kind, "kind", "", "what the document is: identity, key or trust (required)")
	fs.BoolVar(&q.json, "json", false, "print the answer as one JSON object")
	switch q.sub {
	case "no-new-access":
		fs.StringVar(&q.oldFile, "old", "", "the current policy file (required)")
		fs.StringVar(&q.newFile, "new", "", "the proposed policy file (required)")
	case "access-not-granted":
		fs.StringVar(&q.policyFile, "policy", "", "the policy file (required)")
		fs.Var(&q.actions, "action", "action pattern asked about, known to the catalog (repeatable; none: every action)")
		fs.Var(&q.newActions, "new-action", "like -action, for an action newer than the embedded catalog, which would refuse it as unknown (repeatable)")
		fs.Var(&q.resources, "resource", "resource pattern asked about (repeatable; none: every resource)")
	case "no-external-access":
		fs.StringVar(&q.policyFile, "policy", "", "the key or trust policy file (required)")
		fs.StringVar(&q.account, "account", "", "the account that owns the key or role (required)")
	}
	if err := cli.Parse(fs, args[1:]); err != nil {
		return nil, err
	}
	if err := cli.NoArgs(fs); err != nil {
		return nil, err
	}
	if kind == "" {
		return nil, cli.Usagef("-kind is required (identity, key or trust)")
	}
	k, err := prove.ParseKind(kind)
	if err != nil {
		return nil, cli.Usagef("-kind %q: want identity, key or trust", kind)
	}
	q.kind, q.kindName = k, kind
	switch q.sub {
	case "no-new-access":
		if q.oldFile == "" || q.newFile == "" {
			return nil, cli.Usagef("-old and -new are required")
		}
	case "access-not-granted":
		if q.policyFile == "" {
			return nil, cli.Usagef("-policy is required")
		}
		if q.askedActions, err = checkActions(q.actions, q.newActions); err != nil {
			return nil, err
		}
		if err := checkResources(q.resources); err != nil {
			return nil, err
		}
	case "no-external-access":
		if q.policyFile == "" || q.account == "" {
			return nil, cli.Usagef("-policy and -account are required")
		}
		if k == prove.Identity {
			return nil, cli.Usagef("-kind identity: no-external-access asks about a key or trust policy")
		}
	}
	return q, nil
}

// answer is the -json output.
type answer struct {
	Result  string   `json:"result"`
	Reason  string   `json:"reason"`
	Detail  string   `json:"detail"`
	Witness *witness `json:"witness,omitempty"`
}

type witness struct {
	Principal       string              `json:"principal"`
	Action          string              `json:"action"`
	Resource        string              `json:"resource"`
	ResourceAccount string              `json:"resourceAccount,omitempty"`
	Context         map[string][]string `json:"context"`
}

func answerOf(r prove.Result) answer {
	a := answer{Result: r.Verdict.String(), Reason: string(r.Reason), Detail: r.Detail}
	if r.Witness != nil {
		w := r.Witness
		ctx := map[string][]string{}
		for k, v := range w.Context {
			ctx[k] = append([]string{}, v...)
		}
		a.Witness = &witness{Principal: w.Principal, Action: w.Action, Resource: w.Resource, ResourceAccount: w.ResourceAccount, Context: ctx}
	}
	return a
}
