package roles

import (
	"reflect"

	"github.com/cksiam/cksiam/policy"
)

// Document returns the role's least-privilege policy document: Version
// 2012-10-17, one statement per Permission in order, in canonical form
// (policy.Document.Normalize: actions sorted case-insensitively, resources
// and condition keys sorted), so the same options always give the same
// document.
func (r *Role) Document() *policy.Document {
	d := &policy.Document{Version: policy.Version2012, ID: r.ID}
	for _, p := range r.Permissions {
		d.Statement = append(d.Statement, p.statement())
	}
	return arrays(d.Normalize())
}

// arrays marks every element with several values as a JSON array, the form
// Parse gives them, so that a generated document equals its own round trip.
func arrays(d *policy.Document) *policy.Document {
	for i := range d.Statement {
		st := &d.Statement[i]
		for _, p := range []*policy.Principal{st.Principal, st.NotPrincipal} {
			if p == nil {
				continue
			}
			for _, s := range []*policy.Strings{&p.AWS, &p.Service, &p.Federated, &p.CanonicalUser} {
				s.Array = s.Array || len(s.Values) > 1
			}
		}
		for j := range st.Condition {
			for k := range st.Condition[j].Entries {
				e := &st.Condition[j].Entries[k]
				e.Array = e.Array || len(e.Values) > 1
			}
		}
	}
	return d
}

// statement turns a Permission into an Allow statement.
func (p Permission) statement() policy.Statement {
	return policy.Statement{
		Sid:       p.Sid,
		Effect:    policy.Allow,
		Principal: p.Principal,
		Action:    list(sortActions(p.Actions)),
		Resource:  list(sortedUnique(p.Resources)),
		Condition: p.Condition,
	}
}

// list makes a Strings element: a bare string for one value, an array
// for several.
func list(v []string) policy.Strings {
	return policy.Strings{Values: v, Array: len(v) > 1}
}

// compact merges permissions that name the same principal, resources and
// condition into the first of them, so that each resource scope is one
// statement. The first permission's Sid is kept.
func compact(perms []Permission) []Permission {
	var out []Permission
next:
	for _, p := range perms {
		for i := range out {
			q := &out[i]
			if reflect.DeepEqual(q.Principal, p.Principal) &&
				reflect.DeepEqual(sortedUnique(q.Resources), sortedUnique(p.Resources)) &&
				reflect.DeepEqual(q.Condition, p.Condition) {
				q.Actions = sortActions(append(q.Actions, p.Actions...))
				continue next
			}
		}
		p.Actions = sortActions(p.Actions)
		p.Resources = sortedUnique(p.Resources)
		out = append(out, p)
	}
	return out
}
