package roles

import (
	"sort"
	"strings"

	"github.com/cksiam/cksiam/evaluate"
	"github.com/cksiam/cksiam/internal/glob"
	"github.com/cksiam/cksiam/policy"
)

// excessGroups collects an audit's excess requests by the statement of
// the audited policies p that allows them.
type excessGroups struct {
	p      evaluate.Policies
	byStmt map[evaluate.StatementRef][]Excess
}

// add records e under each Allow statement of the audited policies among
// refs (the statements that applied to the request).
func (g *excessGroups) add(e Excess, refs []evaluate.StatementRef) {
	if g.byStmt == nil {
		g.byStmt = map[evaluate.StatementRef][]Excess{}
	}
	allows := g.passed(refs, policy.Allow)
	if len(allows) == 0 {
		g.byStmt[evaluate.StatementRef{}] = append(g.byStmt[evaluate.StatementRef{}], e)
		return
	}
	for _, ref := range allows {
		g.byStmt[ref] = append(g.byStmt[ref], e)
	}
}

// passed keeps the statements of effect that belong to the policies the
// caller passed: a key policy the audit supplied itself is not reported.
func (g *excessGroups) passed(refs []evaluate.StatementRef, effect policy.Effect) []evaluate.StatementRef {
	var out []evaluate.StatementRef
	for _, ref := range refs {
		if ref.Effect == effect && g.statement(ref) != nil {
			out = append(out, ref)
		}
	}
	return out
}

// statement returns the audited statement ref names, or nil when it is
// not in the policies the caller passed.
func (g *excessGroups) statement(ref evaluate.StatementRef) *policy.Statement {
	st, _ := g.p.Statement(ref)
	return st
}

// report returns the groups: statements in the order of the audited
// policies, each statement's Action entries in its order, requests sorted.
func (g *excessGroups) report() []ExcessGrant {
	refs := make([]evaluate.StatementRef, 0, len(g.byStmt))
	for ref := range g.byStmt {
		refs = append(refs, ref)
	}
	sort.Slice(refs, func(i, j int) bool { return refLess(refs[i], refs[j]) })
	out := make([]ExcessGrant, 0, len(refs))
	for _, ref := range refs {
		out = append(out, ExcessGrant{Statement: ref, Actions: byEntry(g.statement(ref), g.byStmt[ref])})
	}
	return out
}

// byEntry groups requests by the first Action entry of st that matches
// their action (names compare case-insensitively, aws-rules A.5); a
// NotAction statement, or no statement, is one group with an empty
// Pattern.
func byEntry(st *policy.Statement, reqs []Excess) []ExcessAction {
	var patterns []string
	if st != nil {
		patterns = st.Action.Values
	}
	groups := make([]ExcessAction, len(patterns)+1)
	for i, pat := range patterns {
		groups[i].Pattern = pat
	}
	for _, e := range reqs {
		i := len(patterns) // NotAction or no statement
		for j, pat := range patterns {
			if glob.MatchFold(pat, e.Action) {
				i = j
				break
			}
		}
		groups[i].Requests = append(groups[i].Requests, e)
	}
	var out []ExcessAction
	for _, grp := range groups {
		if len(grp.Requests) == 0 {
			continue
		}
		sort.SliceStable(grp.Requests, func(i, j int) bool { return excessLess(grp.Requests[i], grp.Requests[j]) })
		out = append(out, grp)
	}
	return out
}

// typeOrder is the order of policy types in a report.
var typeOrder = map[evaluate.PolicyType]int{
	evaluate.TypeIdentity: 1, evaluate.TypeResource: 2, evaluate.TypeBoundary: 3,
	evaluate.TypeSession: 4, evaluate.TypeSCP: 5, evaluate.TypeRCP: 6,
}

func refLess(a, b evaluate.StatementRef) bool {
	if x, y := typeOrder[a.PolicyType], typeOrder[b.PolicyType]; x != y {
		return x < y
	}
	if a.Level != b.Level {
		return a.Level < b.Level
	}
	if a.PolicyIndex != b.PolicyIndex {
		return a.PolicyIndex < b.PolicyIndex
	}
	return a.StatementIndex < b.StatementIndex
}

func excessLess(a, b Excess) bool {
	if x, y := strings.ToLower(a.Action), strings.ToLower(b.Action); x != y {
		return x < y
	}
	if a.Kind != b.Kind {
		return a.Kind < b.Kind
	}
	if a.Resource != b.Resource {
		return a.Resource < b.Resource
	}
	if a.Principal != b.Principal {
		return a.Principal < b.Principal
	}
	return contextKey(a.Context) < contextKey(b.Context)
}

// contextKey writes a request context as one sortable string.
func contextKey(c map[string][]string) string {
	keys := make([]string, 0, len(c))
	for k := range c {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var b strings.Builder
	for _, k := range keys {
		b.WriteString(k)
		b.WriteByte('=')
		b.WriteString(strings.Join(c[k], ","))
		b.WriteByte(';')
	}
	return b.String()
}
