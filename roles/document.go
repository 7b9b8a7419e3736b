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
// A nil *Role has no document (nil).
func (r *Role) Document() *policy.Document {
	if r == nil {
		return nil
	}
	d := &policy.Document{Version: policy.Version2012, ID: r.ID}
	for _, p := range r.Permissions {
		d.Statement = append(d.Statement, p.statement())
	}
	return d.Normalize()
}

// statement turns a Permission into an Allow statement.
func (p Permission) statement() policy.Statement {
	return policy.Statement{
		Sid:       p.Sid,
		Effect:    policy.Allow,
		Principal: p.Principal,
		Action:    policy.List(sortActions(p.Actions)...),
		Resource:  policy.List(sortedUnique(p.Resources)...),
		Condition: p.Condition,
	}
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
