package roles

import (
	"slices"
	"sort"
	"strings"

	"github.com/cksiam/cksiam/policy"
	"github.com/cksiam/cksiam/policy/catalog"
)

// alwaysNamesResource are actions whose resource types are all optional in
// the catalog yet whose every request names one of them: listing the tags
// of a CloudHSM cluster or backup (aws-rules F.2, "backup, cluster"); tagging
// actions likewise always name what they tag. Any other action without a
// required resource type may be called without a resource
// (cloudhsm:CreateCluster names a backup only when restoring one), so it
// needs "*".
var alwaysNamesResource = map[string]bool{
	"cloudhsm:listtags": true, "cloudhsm:tagresource": true, "cloudhsm:untagresource": true,
}

// resourceFormats returns the ARN formats of every resource type action
// accepts, from the action catalog; nil means the action accepts only "*"
// (wildcard-only, unknown, or callable without any resource).
func resourceFormats(action string) []string {
	a, ok := catalog.Default().Action(action)
	if !ok || a.WildcardOnly() {
		return nil
	}
	if len(a.ARNFormats(true)) == 0 && a.Level != catalog.Tagging && !alwaysNamesResource[strings.ToLower(a.FullName())] {
		return nil
	}
	return a.ARNFormats(false)
}

// narrowest returns the narrowest resources action accepts for o, sorted:
// "*" for a wildcard-only action, else the ARN patterns of each resource
// type it accepts. names fills placeholders other than the IDs in o.
func narrowest(action string, o Options, names map[string]string) []string {
	formats := resourceFormats(action)
	if len(formats) == 0 {
		return []string{"*"}
	}
	var out []string
	for _, f := range formats {
		out = append(out, expandFormat(f, o, names)...)
	}
	return collapse(sortedUnique(out))
}

// collapse replaces more than three ARN patterns of one partition, service,
// Region and account with the single pattern arn:…:<account>:* — the same
// scope for the account and Region, written once (ec2:CreateTags takes
// over a hundred resource types). Only patterns that cover a whole
// resource type ("network-interface/*") are collapsed: one that names a
// chosen ID (cluster/cluster-a) stays as written, since the account-wide
// pattern would also cover every other cluster and backup.
func collapse(res []string) []string {
	groups := map[string][]string{}
	var order []string
	for _, r := range res {
		a, err := policy.ParseARN(r)
		if err != nil || !wholeType(a.Resource) {
			order = append(order, r)
			continue
		}
		k := "arn:" + a.Partition + ":" + a.Service + ":" + a.Region + ":" + a.Account + ":"
		if _, ok := groups[k]; !ok {
			order = append(order, k)
		}
		groups[k] = append(groups[k], r)
	}
	var out []string
	for _, k := range order {
		g, ok := groups[k]
		switch {
		case !ok:
			out = append(out, k)
		case len(g) > 3:
			out = append(out, k+"*")
		default:
			out = append(out, g...)
		}
	}
	return sortedUnique(out)
}

// wholeType reports whether an ARN's resource part is "<type>/*" or
// "<type>:*": every resource of one type, no chosen ID.
func wholeType(resource string) bool {
	i := strings.IndexAny(resource, "/:")
	if i <= 0 || resource[i+1:] != "*" {
		return false
	}
	for j := 0; j < i; j++ {
		c := resource[j]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_') {
			return false
		}
	}
	return true
}

// scoped groups actions by their narrowest resources into one Permission
// per resource scope, each under cond. Sids are sid followed by a suffix
// naming the scope ("" for "*" when it is the only scope), so they are
// stable. Groups come in the order of their first action after sorting.
func scoped(o Options, sid string, names map[string]string, cond policy.Condition, actions ...string) []Permission {
	actions = sortActions(actions)
	var perms []Permission
	index := map[string]int{}
	for _, a := range actions {
		res := narrowest(a, o, names)
		k := strings.Join(res, "\n")
		i, ok := index[k]
		if !ok {
			i = len(perms)
			index[k] = i
			perms = append(perms, Permission{Resources: res, Condition: cond})
		}
		perms[i].Actions = append(perms[i].Actions, a)
	}
	sort.SliceStable(perms, func(i, j int) bool {
		return scopeRank(perms[i].Resources) < scopeRank(perms[j].Resources)
	})
	for i := range perms {
		perms[i].Sid = sid
		if len(perms) > 1 {
			perms[i].Sid += scopeSuffix(perms[i].Resources)
		}
	}
	return perms
}

// scopeRank orders scopes: "*" first, then by the ARN text.
func scopeRank(res []string) string {
	if len(res) == 1 && res[0] == "*" {
		return ""
	}
	return strings.Join(res, "\n")
}

// scopeSuffix names a resource scope for a Sid (letters only, as IAM
// requires): "OnAnyResource", or "On" and the resource types, e.g.
// "OnAliasesAndKeys", "OnNetworkInterfacesAndSubnets".
func scopeSuffix(res []string) string {
	var types []string
	seen := map[string]bool{}
	for _, r := range res {
		t := "AnyResource"
		if a, err := policy.ParseARN(r); err == nil {
			t = a.Resource
			if j := strings.IndexAny(t, "/:"); j >= 0 {
				t = t[:j]
			}
			t = camel(t) + "s"
			if t == "s" || strings.Contains(t, "*") {
				t = "All" + camel(a.Service) + "Resources"
			}
		}
		if !seen[t] {
			seen[t] = true
			types = append(types, t)
		}
	}
	sort.Strings(types)
	return "On" + strings.Join(types, "And")
}

// camel turns "network-interface" into "NetworkInterface", dropping any
// character that is not a letter or digit.
func camel(s string) string {
	var b strings.Builder
	up := true
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z':
			if up {
				c -= 'a' - 'A'
			}
			b.WriteByte(c)
			up = false
		case c >= 'A' && c <= 'Z' || c >= '0' && c <= '9':
			b.WriteByte(c)
			up = false
		default:
			up = true
		}
	}
	return b.String()
}

// sortActions returns actions de-duplicated case-insensitively and sorted
// by their lower-case form, keeping the first spelling.
func sortActions(actions []string) []string {
	type keyed struct{ lower, name string }
	seen := map[string]bool{}
	var ks []keyed
	for _, a := range actions {
		k := strings.ToLower(a)
		if !seen[k] {
			seen[k] = true
			ks = append(ks, keyed{k, a})
		}
	}
	if len(ks) == 0 {
		return nil
	}
	// The lower-case forms are distinct, so any sort gives one order.
	slices.SortFunc(ks, func(x, y keyed) int { return strings.Compare(x.lower, y.lower) })
	out := make([]string, len(ks))
	for i, k := range ks {
		out[i] = k.name
	}
	return out
}
