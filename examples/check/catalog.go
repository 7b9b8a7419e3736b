package main

import (
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/cksiam/cksiam/evaluate"
	"github.com/cksiam/cksiam/internal/cli"
	"github.com/cksiam/cksiam/policy/catalog"
)

// checkActions returns the actions to decide, sorted ignoring case, each
// once. An -action the catalog does not know is refused with the nearest
// action it knows: a typo such as kms:Decrpyt would otherwise be decided,
// and a policy allowing kms:* would answer allowed for it. -new-action
// names an action newer than the catalog, decided without that check.
func checkActions(actions, newActions []string) ([]string, error) {
	cat := catalog.Default()
	seen := map[string]string{}
	var out []string
	add := func(flag, a string) error {
		if strings.ContainsAny(a, "*?") {
			return cli.Usagef("%s %s: a request names one action, without wildcards", flag, a)
		}
		key := strings.ToLower(a)
		if prev, ok := seen[key]; ok {
			return cli.Usagef("%s %s: the action is given twice (%s and %s)", flag, a, prev, a)
		}
		seen[key] = a
		out = append(out, a)
		return nil
	}
	for _, a := range actions {
		if err := add("-action", a); err != nil {
			return nil, err
		}
		if _, err := cat.CheckAction(a); err != nil {
			hint := ""
			if !errors.Is(err, catalog.ErrNotOneAction) {
				hint = fmt.Sprintf(" (the catalog is %s; give an action newer than it with -new-action)", cat.Source())
			}
			return nil, cli.Usagef("-action: %v%s", err, hint)
		}
	}
	for _, a := range newActions {
		if err := add("-new-action", a); err != nil {
			return nil, err
		}
	}
	sort.Slice(out, func(i, j int) bool {
		li, lj := strings.ToLower(out[i]), strings.ToLower(out[j])
		return li < lj || li == lj && out[i] < out[j]
	})
	return out, nil
}

// contextNotes reports the -context keys the catalog does not know. They
// are passed to the policies as given (keys of identity providers are not
// in the catalog), but a misspelt key is absent to every condition that
// tests the right spelling, so the user is told.
func contextNotes(ctx evaluate.Context) []string {
	cat := catalog.Default()
	var notes []string
	for k := range ctx {
		if _, err := cat.CheckConditionKey(k); err != nil {
			notes = append(notes, fmt.Sprintf("-context %s: %v (the catalog is %s); it is passed as given", k, err, cat.Source()))
		}
	}
	sort.Strings(notes)
	return notes
}
