package main

import (
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
		if _, ok := cat.Action(a); !ok {
			return nil, cli.Usagef("-action %s: %s", a, unknownAction(cat, a))
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

// unknownAction says why the catalog does not know a, with a did-you-mean.
func unknownAction(cat *catalog.Catalog, a string) string {
	msg := fmt.Sprintf("the catalog (%s) knows no such action", cat.Source())
	prefix, _, ok := strings.Cut(a, ":")
	if !ok {
		msg = "an action is service:Name, such as kms:Decrypt"
	} else if svc, ok := cat.Service(prefix); !ok {
		msg = fmt.Sprintf("the catalog (%s) knows no service %q", cat.Source(), prefix)
		if s, ok := nearest(prefix, servicePrefixes(cat)); ok {
			msg += "; did you mean " + s + "?"
		}
	} else if s, ok := nearest(a, actionNames(svc)); ok {
		msg += "; did you mean " + s + "?"
	}
	return msg + " (if it is newer than the catalog, give it with -new-action)"
}

// contextNotes reports the -context keys the catalog does not know: they
// are passed to the policies as given, but a misspelt key is absent to
// every condition that tests the right spelling.
func contextNotes(ctx evaluate.Context) []string {
	cat := catalog.Default()
	var notes []string
	for k := range ctx {
		if _, ok := cat.ConditionKey(k); ok {
			continue
		}
		note := fmt.Sprintf("-context %s: the catalog (%s) knows no condition key of this name; it is passed as given", k, cat.Source())
		if s, ok := nearest(k, conditionKeyNames(cat, k)); ok {
			note = fmt.Sprintf("-context %s: the catalog (%s) knows no condition key of this name (did you mean %s?); it is passed as given", k, cat.Source(), s)
		}
		notes = append(notes, note)
	}
	sort.Strings(notes)
	return notes
}

func servicePrefixes(cat *catalog.Catalog) []string {
	var out []string
	for _, s := range cat.Services() {
		out = append(out, s.Prefix)
	}
	return out
}

func actionNames(svc *catalog.Service) []string {
	var out []string
	for _, a := range svc.Actions {
		out = append(out, a.FullName())
	}
	return out
}

// conditionKeyNames lists the global keys and the keys of the service the
// key names, as candidates for a did-you-mean.
func conditionKeyNames(cat *catalog.Catalog, key string) []string {
	var out []string
	for _, k := range cat.GlobalConditionKeys() {
		out = append(out, k.Name)
	}
	if prefix, _, ok := strings.Cut(key, ":"); ok {
		if svc, ok := cat.Service(prefix); ok {
			for _, k := range svc.ConditionKeys {
				out = append(out, k.Name)
			}
		}
	}
	return out
}

// nearest returns the candidate closest to target by edit distance,
// ignoring case, when it is near enough to be a likely typo (at most
// 1 + len(target)/4 edits); ties go to the candidate that sorts first.
func nearest(target string, candidates []string) (string, bool) {
	limit := 1 + len(target)/4
	best, bestDist := "", limit+1
	for _, c := range candidates {
		if d := editDistance(strings.ToLower(target), strings.ToLower(c)); d < bestDist || d == bestDist && c < best {
			best, bestDist = c, d
		}
	}
	return best, bestDist <= limit
}

// editDistance is the optimal string alignment distance: insertions,
// deletions, substitutions and swaps of neighbours.
func editDistance(a, b string) int {
	prev2, prev, cur := make([]int, len(b)+1), make([]int, len(b)+1), make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(b)]
}
