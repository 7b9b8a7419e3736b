package roles

import (
	"strings"

	"github.com/cksiam/cksiam/policy"
)

// caller is one principal a role's cases are made for.
type caller struct {
	arn   string // the request's principal
	named func(Permission) bool
}

// callers returns the principals whose permissions the role defines: the
// role's own session for identity policies, every principal a key policy
// names.
func (r *Role) callers() []caller {
	if r.Kind != policy.KeyPolicy {
		name := r.Name
		if r.slr != nil {
			name = r.slr.Name
		}
		return []caller{{arn: sessionARN(r.Options, name), named: func(Permission) bool { return true }}}
	}
	var out []caller
	seen := map[string]bool{}
	for _, p := range r.Permissions {
		if p.Principal == nil {
			continue
		}
		for _, id := range p.Principal.AWS.Values {
			if seen[id] {
				continue
			}
			seen[id] = true
			id := id
			out = append(out, caller{arn: principalRequestARN(r.Options.Partition, id), named: func(q Permission) bool {
				return q.Principal != nil && contains(q.Principal.AWS.Values, id)
			}})
		}
	}
	return out
}

// sessionARN is an assumed-role session of the IAM role name.
func sessionARN(o Options, name string) string {
	return "arn:" + o.Partition + ":sts::" + o.Account + ":assumed-role/" + name + "/verify"
}

// principalRequestARN turns a principal a key policy names into a caller:
// a role becomes a session of it, anything else calls as itself.
func principalRequestARN(partition, id string) string {
	if policy.IsAccountID(id) {
		return "arn:" + partition + ":iam::" + id + ":root"
	}
	a, err := policy.ParseARN(id)
	if err == nil && a.Service == "iam" && strings.HasPrefix(a.Resource, "role/") {
		name := a.Resource[strings.LastIndexByte(a.Resource, '/')+1:]
		return "arn:" + a.Partition + ":sts::" + a.Account + ":assumed-role/" + name + "/verify"
	}
	return id
}
