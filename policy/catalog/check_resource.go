package catalog

import (
	"fmt"
	"sort"
	"strings"

	"github.com/cksiam/cksiam/policy"
)

// checkResources reports Resource values that no resource type of the
// statement's actions can be. It says nothing when none of the actions
// takes a resource type: the wildcard-only finding covers that.
func (c *Catalog) checkResources(out []policy.Finding, doc *policy.Document, kind policy.Kind, i int, set *actionSet) []policy.Finding {
	st := &doc.Statement[i]
	if !st.Resource.Present() || !set.each(c, func(a *Action) bool { return !a.WildcardOnly() }) {
		return out
	}
	for k, r := range st.Resource.Values {
		if anyMatchesStar([]string{r}) {
			continue
		}
		pattern := r
		if kind == policy.ResourcePolicy {
			pattern = expandAPIGatewayShorthand(pattern)
		}
		if doc.VariablesEnabled() {
			// A policy variable stands for text not known until the
			// request; treat it as a wildcard.
			pattern = variablesAsWildcards(pattern)
		}
		p := compileResourcePattern(pattern)
		tried := make(map[*ResourceType]bool)
		if set.each(c, func(a *Action) bool {
			for _, ref := range a.Resources {
				if tried[ref.Type] {
					continue
				}
				tried[ref.Type] = true
				if ref.Type.overlaps(&p) {
					return true
				}
			}
			return false
		}) {
			continue
		}
		out = append(out, policy.Finding{
			Severity: policy.SeverityWarning, Code: CodeResourceMatchesNoType,
			Path: elemPath(i, "Resource", k),
			Message: fmt.Sprintf("%q is not an ARN of any resource type the statement's actions take (%s), so it matches nothing they act on",
				r, typeSummary(c, set)),
		})
	}
	return out
}

// expandAPIGatewayShorthand turns API Gateway's abbreviated resource
// "execute-api:/stage/GET/pets", which API Gateway resource policies accept
// and complete with the API's own ARN on save, into the ARN pattern it
// stands for, "arn:*:execute-api:*:*:*/stage/GET/pets" (API Gateway
// developer guide, "API Gateway resource policy examples"). Other values
// are returned unchanged.
func expandAPIGatewayShorthand(r string) string {
	const prefix = "execute-api:/"
	if !strings.HasPrefix(r, prefix) {
		return r
	}
	return "arn:*:execute-api:*:*:*" + r[len(prefix)-1:]
}

// typeSummary names up to four resource types of the set's actions.
func typeSummary(c *Catalog, set *actionSet) string {
	if set.all {
		return "any service"
	}
	names := make(map[string]bool)
	set.each(c, func(a *Action) bool {
		for _, r := range a.Resources {
			names[r.Type.String()] = true
		}
		return false
	})
	list := make([]string, 0, len(names))
	for n := range names {
		list = append(list, n)
	}
	sort.Strings(list)
	if len(list) > 4 {
		return strings.Join(list[:4], ", ") + fmt.Sprintf(" and %d more", len(list)-4)
	}
	return strings.Join(list, ", ")
}

// variablesAsWildcards replaces each ${…} with '*'. The escapes ${*},
// ${?} and ${$} stand for themselves (aws-rules A.8).
func variablesAsWildcards(s string) string {
	if !strings.Contains(s, "${") {
		return s
	}
	var b strings.Builder
	for {
		i := strings.Index(s, "${")
		if i < 0 {
			break
		}
		j := strings.IndexByte(s[i:], '}')
		if j < 0 {
			break
		}
		b.WriteString(s[:i])
		switch v := s[i+2 : i+j]; v {
		case "*", "?", "$":
			b.WriteString(v)
		default:
			b.WriteByte('*')
		}
		s = s[i+j+1:]
	}
	b.WriteString(s)
	return b.String()
}
