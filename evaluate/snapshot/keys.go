package snapshot

import (
	"strings"

	"github.com/cksiam/cksiam/internal/ascii"
	"github.com/cksiam/cksiam/internal/glob"
	"github.com/cksiam/cksiam/policy"
)

// impliedKeys are the context keys the engine fills from the request
// itself (evaluate package, "Implied context"), or that a caller of the
// kind never has: the snapshot fixes them.
var impliedKeys = map[string]bool{
	"aws:principalarn":          true,
	"aws:principalaccount":      true,
	"aws:principaltype":         true,
	"aws:username":              true, // users have it, other callers never do
	"kms:calleraccount":         true,
	"aws:principalisawsservice": true,
	"aws:principalservicename":  true,
	"aws:resourceaccount":       true,
}

// docKeys lists the condition keys a document tests and the keys its
// policy variables name, lower-cased.
func docKeys(d *policy.Document) []string {
	seen := map[string]bool{}
	var out []string
	add := func(k string) {
		k = ascii.ToLower(k)
		if !seen[k] {
			seen[k] = true
			out = append(out, k)
		}
	}
	vars := func(s string) { varsIn(s, add) }
	for _, st := range d.Statement {
		for _, r := range st.Resource.Values {
			vars(r)
		}
		for _, r := range st.NotResource.Values {
			vars(r)
		}
		for _, b := range st.Condition {
			for _, e := range b.Entries {
				add(e.Key)
				for _, v := range e.Values {
					vars(v.Text)
				}
			}
		}
	}
	return out
}

// keyCache remembers docKeys per document: principals share managed
// policies, the key policy and the SCPs.
type keyCache map[*policy.Document][]string

func (c keyCache) of(d *policy.Document) []string {
	if d == nil {
		return nil
	}
	if ks, ok := c[d]; ok {
		return ks
	}
	ks := docKeys(d)
	c[d] = ks
	return ks
}

// varsIn calls add with the key of each policy variable in s
// ("${aws:username}", "${aws:PrincipalTag/team, 'none'}"), not the
// escapes ${*}, ${?} and ${$}.
func varsIn(s string, add func(string)) {
	for {
		i := strings.Index(s, "${")
		if i < 0 {
			return
		}
		s = s[i+2:]
		j := strings.IndexByte(s, '}')
		if j < 0 {
			return
		}
		name := s[:j]
		// ${key, 'default'}: the key is before the comma.
		if c := strings.IndexByte(name, ','); c >= 0 {
			name = name[:c]
		}
		name = strings.TrimSpace(name)
		if name != "*" && name != "?" && name != "$" {
			add(name)
		}
		s = s[j+1:]
	}
}

// stmtKeys are the lower-cased condition keys and policy-variable keys of
// one statement.
func stmtKeys(st *policy.Statement) (conds, vars []string) {
	addVar := func(k string) { vars = append(vars, ascii.ToLower(k)) }
	for _, r := range st.Resource.Values {
		varsIn(r, addVar)
	}
	for _, r := range st.NotResource.Values {
		varsIn(r, addVar)
	}
	for _, b := range st.Condition {
		for _, e := range b.Entries {
			conds = append(conds, ascii.ToLower(e.Key))
			for _, v := range e.Values {
				varsIn(v.Text, addVar)
			}
		}
	}
	return conds, vars
}

// actionDoc keys freeForAction's cache.
type actionDoc struct {
	doc          *policy.Document
	action       string
	tagsKnown    bool
	anyPrincipal bool
	orgKnown     bool
}

// freeForAction reports whether a statement of docs that may match action
// tests a key the snapshot leaves free for s (or uses one as a policy
// variable); when none does, the decision on action does not depend on
// them.
func (w *whoCan) freeForAction(docs []*policy.Document, action string, s subject) bool {
	for _, d := range docs {
		k := actionDoc{d, action, s.tags != nil, s.anyPrincipal, s.orgKnown}
		free, ok := w.actionFree[k]
		if !ok {
			free = w.docFreeForAction(d, action, s)
			w.actionFree[k] = free
		}
		if free {
			return true
		}
	}
	return false
}

func (w *whoCan) docFreeForAction(d *policy.Document, action string, s subject) bool {
	for i := range d.Statement {
		st := &d.Statement[i]
		if !mayMatchAction(st, action) {
			continue
		}
		conds, vars := stmtKeys(st)
		for _, c := range append(conds, vars...) {
			if !w.fixed(c, s) {
				return true
			}
		}
	}
	return false
}

// mayMatchAction reports whether a statement's Action or NotAction element
// lets it apply to action (names compare without case, aws-rules A.5).
func mayMatchAction(st *policy.Statement, action string) bool {
	if st.NotAction.Present() {
		for _, p := range st.NotAction.Values {
			if glob.MatchFold(p, action) {
				return false
			}
		}
		return true
	}
	for _, p := range st.Action.Values {
		if glob.MatchFold(p, action) {
			return true
		}
	}
	return !st.Action.Present() // no element: be safe
}
