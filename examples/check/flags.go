package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/cksiam/cksiam/evaluate"
	"github.com/cksiam/cksiam/policy"
)

// list is a repeatable string flag.
type list []string

func (l *list) String() string     { return strings.Join(*l, ",") }
func (l *list) Set(v string) error { *l = append(*l, v); return nil }

// input is the parsed command line: the policies with the files they came
// from, and the request.
type input struct {
	policies evaluate.Policies
	files    map[string]string // document path in Policies ("Identity[0]") -> file
	request  evaluate.Request
	json     bool
}

// errUsage marks bad input (exit status 2).
var errUsage = errors.New("bad input")

func usageErr(format string, args ...any) error {
	return fmt.Errorf("%w: "+format, append([]any{errUsage}, args...)...)
}

// parseInput reads flags and policy files.
func parseInput(args []string, stderr io.Writer) (*input, error) {
	fs := flag.NewFlagSet("check", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var (
		in                                input
		identity, scps, ctx               list
		resourcePolicy, boundary, session string
	)
	fs.Var(&identity, "identity", "identity-based policy file of the caller (repeatable)")
	fs.StringVar(&resourcePolicy, "resource-policy", "", "resource-based policy file: a KMS key policy, a role trust policy, a bucket policy…")
	fs.StringVar(&boundary, "boundary", "", "permissions boundary policy file")
	fs.StringVar(&session, "session-policy", "", "session policy file")
	fs.Var(&scps, "scp", "service control policy file, one per organization level, root first (repeatable)")
	fs.StringVar(&in.request.Principal, "principal", "", "caller: IAM user or role ARN, assumed-role session ARN, account, or service principal (required)")
	fs.StringVar(&in.request.Action, "action", "", "action, such as kms:Decrypt (required)")
	fs.StringVar(&in.request.Resource, "resource", "*", "resource ARN, or * for actions without a resource")
	fs.StringVar(&in.request.ResourceAccount, "resource-account", "", "account that owns the resource when the ARN does not say")
	fs.Var(&ctx, "context", "condition key and value, key=value (repeatable; repeat a key for several values)")
	fs.BoolVar(&in.json, "json", false, "print the answer as one JSON object")
	if err := fs.Parse(args); err != nil {
		return nil, err
	}
	if fs.NArg() > 0 {
		return nil, usageErr("unexpected argument %q", fs.Arg(0))
	}
	if in.request.Principal == "" || in.request.Action == "" {
		return nil, usageErr("-principal and -action are required")
	}
	in.files = map[string]string{}
	for i, f := range identity {
		d, err := load(f)
		if err != nil {
			return nil, err
		}
		in.policies.Identity = append(in.policies.Identity, d)
		in.files[fmt.Sprintf("Identity[%d]", i)] = f
	}
	for _, one := range []struct {
		file, path string
		dst        **policy.Document
	}{
		{resourcePolicy, "Resource", &in.policies.Resource},
		{boundary, "Boundary", &in.policies.Boundary},
		{session, "Session", &in.policies.Session},
	} {
		if one.file == "" {
			continue
		}
		d, err := load(one.file)
		if err != nil {
			return nil, err
		}
		*one.dst = d
		in.files[one.path] = one.file
	}
	for i, f := range scps {
		d, err := load(f)
		if err != nil {
			return nil, err
		}
		in.policies.SCPs = append(in.policies.SCPs, []*policy.Document{d})
		in.files[fmt.Sprintf("SCPs[%d][0]", i)] = f
	}
	for _, kv := range ctx {
		k, v, ok := strings.Cut(kv, "=")
		if !ok || k == "" {
			return nil, usageErr("-context %q: want key=value", kv)
		}
		if in.request.Context == nil {
			in.request.Context = evaluate.Context{}
		}
		in.request.Context[k] = append(in.request.Context[k], v)
	}
	return &in, nil
}

// load reads and parses one policy file.
func load(file string) (*policy.Document, error) {
	b, err := os.ReadFile(file)
	if err != nil {
		return nil, usageErr("%v", err)
	}
	d, err := policy.Parse(b)
	if err != nil {
		return nil, usageErr("%s: %v", file, err)
	}
	return d, nil
}
