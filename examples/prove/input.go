package main

import (
	"errors"
	"fmt"
	"strings"

	"github.com/cksiam/cksiam/evaluate"
	"github.com/cksiam/cksiam/evaluate/prove"
	"github.com/cksiam/cksiam/internal/cli"
	"github.com/cksiam/cksiam/policy"
	"github.com/cksiam/cksiam/policy/catalog"
)

// The checks of this file refuse a question whose answer would be true for
// the wrong reason: an action the catalog does not know ("kms:Decrpyt" is
// never granted, so "proved") or a resource pattern no request ARN can
// match ("arn:aws:KMS:*": the engine refuses such ARNs, so "proved").

// checkActions returns the -action patterns and -new-action names the
// question asks about. An -action without a wildcard must be an action the
// catalog knows (with the catalog's did-you-mean when it is not), and one
// with a wildcard must match at least one; -new-action names an action
// newer than the catalog, asked about as given.
func checkActions(actions, newActions []string) ([]string, error) {
	cat := catalog.Default()
	hint := fmt.Sprintf(" (the catalog is %s; name an action newer than it with -new-action)", cat.Source())
	out := make([]string, 0, len(actions)+len(newActions))
	for _, a := range actions {
		if a == "*" || !strings.ContainsAny(a, "*?") {
			if a == "*" {
				out = append(out, a)
				continue
			}
			if _, err := cat.CheckAction(a); err != nil {
				return nil, cli.Usagef("-action: %v%s", err, hint)
			}
		} else if err := prove.CheckActionPattern(a); err != nil {
			return nil, cli.Usagef("-action %q: %v", a, err)
		} else if len(cat.Expand(a)) == 0 {
			return nil, cli.Usagef("-action %q: matches no action the catalog knows%s", a, hint)
		}
		out = append(out, a)
	}
	for _, a := range newActions {
		if strings.ContainsAny(a, "*?") {
			return nil, cli.Usagef("-new-action %q: names one action, without wildcards", a)
		}
		if svc, name, ok := strings.Cut(a, ":"); !ok || svc == "" || name == "" {
			return nil, cli.Usagef("-new-action %q: want service:action", a)
		}
		out = append(out, a)
	}
	return out, nil
}

// checkResources refuses a -resource pattern that no request ARN the
// evaluator accepts can match (prove.CheckResourcePattern).
func checkResources(resources []string) error {
	for _, r := range resources {
		if r == "*" {
			continue
		}
		if err := prove.CheckResourcePattern(r); err != nil {
			return cli.Usagef("-resource %q: %v", r, err)
		}
	}
	return nil
}

// checkCompiles compiles doc the way the question frames it, so that a
// document the evaluator refuses is reported against its flag and file
// ("-new new.json Statement[1].Action[0]: …"), not by the library's path.
func checkCompiles(k prove.Kind, flagName, file string, doc *policy.Document) error {
	p := evaluate.Policies{Resource: doc}
	prefix := "Resource"
	if k == prove.Identity {
		p = evaluate.Policies{Identity: []*policy.Document{doc}}
		prefix = "Identity[0]"
	}
	_, err := evaluate.Compile(p)
	var ee *evaluate.Error
	if err == nil || !errors.As(err, &ee) {
		return err
	}
	where := flagName + " " + file
	if rest, ok := strings.CutPrefix(ee.Path, prefix); ok && (rest == "" || rest[0] == '.') {
		if rest != "" {
			where += " " + rest[1:]
		}
	} else if ee.Path != "" {
		where += " " + ee.Path
	}
	return cli.Usagef("%s: %s", where, ee.Reason)
}
