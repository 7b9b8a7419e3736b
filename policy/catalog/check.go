package catalog

import (
	"fmt"
	"strings"

	"github.com/cksiam/cksiam/internal/glob"
	"github.com/cksiam/cksiam/policy"
)

// Check reports what the catalog finds wrong with doc: unknown services
// and actions, wildcards that match nothing, wildcard-only actions scoped
// to ARNs, Resource ARNs of no type the statement's actions take, and
// condition keys that no action supports or that the operator does not
// fit (see the Code… constants). Findings come in document order. It
// implements policy.Checker:
//
//	policy.Validate(doc, kind, policy.WithChecker(catalog.Default()))
//
// Check looks only at what the catalog knows; the grammar and the rules
// of each kind are policy.Validate's.
func (c *Catalog) Check(doc *policy.Document, kind policy.Kind) []policy.Finding {
	c = c.orEmpty()
	if doc == nil {
		return nil
	}
	var out []policy.Finding
	for i := range doc.Statement {
		out = c.checkStatement(out, doc, kind, i)
	}
	return out
}

// actionSet is what a statement's Action element grants.
type actionSet struct {
	all     bool      // "*" is among the patterns
	actions []*Action // the union of the patterns' matches when !all
}

func (s *actionSet) empty() bool { return !s.all && len(s.actions) == 0 }

// each calls f for every action of the set until f returns true.
func (s *actionSet) each(c *Catalog, f func(*Action) bool) bool {
	list := s.actions
	if s.all {
		list = c.actions
	}
	for _, a := range list {
		if f(a) {
			return true
		}
	}
	return false
}

func (c *Catalog) checkStatement(out []policy.Finding, doc *policy.Document, kind policy.Kind, i int) []policy.Finding {
	st := &doc.Statement[i]
	elem, list := "Action", st.Action
	if !list.Present() {
		elem, list = "NotAction", st.NotAction
	}
	// An Allow whose Resource names no "*" cannot grant an action that
	// accepts only "*" (aws-rules E.1, A.6).
	scoped := st.Effect == policy.Allow && st.Resource.Present() && !anyMatchesStar(st.Resource.Values)

	var set actionSet
	seen := make(map[*Action]bool)
	for j, pat := range list.Values {
		path := elemPath(i, elem, j)
		matched, f := c.resolve(pat, path)
		if f != nil {
			out = append(out, *f)
		}
		if len(matched) == 0 {
			continue
		}
		if elem == "Action" && scoped && allWildcardOnly(matched) {
			out = append(out, wildcardOnlyFinding(pat, path, matched))
		}
		if glob.Compile(pat, true).MatchesAll() {
			set.all = true
			continue
		}
		for _, a := range matched {
			if !seen[a] {
				seen[a] = true
				set.actions = append(set.actions, a)
			}
		}
	}
	// NotAction grants everything else, which the checks below cannot
	// reason about; an Action element whose entries are all unknown has
	// already been reported.
	if elem != "Action" || set.empty() {
		out = c.checkConditions(out, doc, i, nil)
		return out
	}
	out = c.checkResources(out, doc, kind, i, &set)
	return c.checkConditions(out, doc, i, &set)
}

// resolve finds the actions an Action entry names, or the finding that
// says why it names none.
func (c *Catalog) resolve(pat, path string) ([]*Action, *policy.Finding) {
	if pat == "*" {
		return c.actions, nil
	}
	prefix, name, hasColon := strings.Cut(pat, ":")
	wild := hasWildcard(pat)
	if hasColon && !hasWildcard(prefix) {
		s, ok := c.Service(prefix)
		if !ok {
			msg := fmt.Sprintf("%q names service prefix %q, which does not exist", pat, prefix)
			if sug, ok := closest(prefix, c.servicePrefixes()); ok {
				msg += fmt.Sprintf("; did you mean %q?", sug+":"+name)
			}
			return nil, &policy.Finding{Severity: policy.SeverityError, Code: CodeUnknownService, Path: path, Message: msg}
		}
		if !wild {
			if a, ok := s.Action(name); ok {
				return []*Action{a}, nil
			}
			msg := fmt.Sprintf("%q is not an action of %s (%s)", pat, s.Prefix, s.Name)
			if sug, ok := closest(name, actionNames(s)); ok {
				msg += fmt.Sprintf("; did you mean %q?", s.Prefix+":"+sug)
			}
			return nil, &policy.Finding{Severity: policy.SeverityError, Code: CodeUnknownAction, Path: path, Message: msg}
		}
	}
	if !hasColon || prefix == "" || name == "" || hasWildcard(prefix) {
		// Not of the form service:Action: policy.Validate reports it.
		return nil, nil
	}
	matched := c.Expand(pat)
	if len(matched) == 0 {
		return nil, &policy.Finding{Severity: policy.SeverityError, Code: CodeActionMatchesNothing, Path: path,
			Message: fmt.Sprintf("%q matches no action, so it grants or denies nothing", pat)}
	}
	return matched, nil
}

func wildcardOnlyFinding(pat, path string, matched []*Action) policy.Finding {
	what := fmt.Sprintf("%s accepts", matched[0].full)
	if len(matched) > 1 || hasWildcard(pat) {
		what = fmt.Sprintf("every action %q matches (%d) accepts", pat, len(matched))
	}
	return policy.Finding{Severity: policy.SeverityError, Code: CodeWildcardOnlyActionWithARN, Path: path,
		Message: what + ` only "Resource": "*", but this Allow names only ARNs, so it never grants it; add "*" to Resource or move the action to a statement with "Resource": "*"`}
}

func allWildcardOnly(actions []*Action) bool {
	for _, a := range actions {
		if !a.WildcardOnly() {
			return false
		}
	}
	return len(actions) > 0
}

// anyMatchesStar reports whether some Resource value matches the request
// resource "*" that a wildcard-only action is authorized against.
func anyMatchesStar(values []string) bool {
	for _, v := range values {
		if glob.Match(v, "*") {
			return true
		}
	}
	return false
}

// elemPath names the j-th value of a string-or-list element. Like
// policy.Validate it always gives the index, also for a bare string.
func elemPath(i int, elem string, j int) string {
	return fmt.Sprintf("Statement[%d].%s[%d]", i, elem, j)
}

func (c *Catalog) servicePrefixes() func(func(string) bool) {
	return func(yield func(string) bool) {
		for _, s := range c.services {
			if !yield(s.Prefix) {
				return
			}
		}
	}
}

func actionNames(s *Service) func(func(string) bool) {
	return func(yield func(string) bool) {
		for _, a := range s.Actions {
			if !yield(a.Name) {
				return
			}
		}
	}
}
