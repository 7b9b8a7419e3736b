package roles

import (
	"sort"
	"strings"

	"github.com/cksiam/cksiam/policy"
)

// handFormats is the resource table of the actions the roles grant: for
// each action (lower case), the ARN formats of every resource type it
// accepts. An action that is absent accepts only "*" (facts E.1: the six
// custom-key-store actions, CreateKey, the List actions; facts F.2: the
// cloudhsm Describe actions and DeleteHsm; every ec2 Describe action).
//
// cloudhsm:CreateCluster names a backup only when it restores one, so a
// plain CreateCluster request carries no resource and needs "*" (facts
// F.2: "backup (optional)").
var handFormats = map[string][]string{
	"iam:createservicelinkedrole": {RoleARNFormat},

	"kms:createalias": {AliasARNFormat, KeyARNFormat},
	"kms:deletealias": {AliasARNFormat, KeyARNFormat},
	"kms:updatealias": {AliasARNFormat, KeyARNFormat},

	"cloudhsm:copybackuptoregion":     {BackupARNFormat},
	"cloudhsm:createhsm":              {ClusterARNFormat},
	"cloudhsm:deletebackup":           {BackupARNFormat},
	"cloudhsm:deletecluster":          {ClusterARNFormat},
	"cloudhsm:deleteresourcepolicy":   {BackupARNFormat},
	"cloudhsm:getresourcepolicy":      {BackupARNFormat},
	"cloudhsm:initializecluster":      {ClusterARNFormat},
	"cloudhsm:listtags":               {BackupARNFormat, ClusterARNFormat},
	"cloudhsm:modifybackupattributes": {BackupARNFormat},
	"cloudhsm:modifycluster":          {ClusterARNFormat},
	"cloudhsm:putresourcepolicy":      {BackupARNFormat},
	"cloudhsm:restorebackup":          {BackupARNFormat},
	"cloudhsm:tagresource":            {BackupARNFormat, ClusterARNFormat},
	"cloudhsm:untagresource":          {BackupARNFormat, ClusterARNFormat},
}

// kmsWildcardOnly are the kms actions that involve no key (facts E.1).
var kmsWildcardOnly = map[string]bool{
	"kms:createkey": true, "kms:generaterandom": true, "kms:listaliases": true,
	"kms:listkeys": true, "kms:listretirablegrants": true,
	"kms:createcustomkeystore": true, "kms:connectcustomkeystore": true,
	"kms:disconnectcustomkeystore": true, "kms:updatecustomkeystore": true,
	"kms:deletecustomkeystore": true, "kms:describecustomkeystores": true,
}

// resourceFormats returns the ARN formats of the resource types action
// accepts; nil means the action accepts only "*".
func resourceFormats(action string) []string {
	a := strings.ToLower(action)
	if f, ok := handFormats[a]; ok {
		return f
	}
	if strings.HasPrefix(a, "kms:") && !kmsWildcardOnly[a] {
		return []string{KeyARNFormat} // every other kms action takes a key (facts E.2)
	}
	return nil
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
	return sortedUnique(out)
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

// scopeSuffix names a resource scope for a Sid: "OnAnyResource", or "On"
// and the resource types, e.g. "OnAliasesAndKeys".
func scopeSuffix(res []string) string {
	var types []string
	seen := map[string]bool{}
	for _, r := range res {
		t := "AnyResource"
		if i := strings.LastIndexByte(r, ':'); i >= 0 && r != "*" {
			t = r[i+1:]
			if j := strings.IndexByte(t, '/'); j >= 0 {
				t = t[:j]
			}
			t = strings.ToUpper(t[:1]) + t[1:] + "s"
		}
		if !seen[t] {
			seen[t] = true
			types = append(types, t)
		}
	}
	sort.Strings(types)
	return "On" + strings.Join(types, "And")
}

// sortActions returns actions de-duplicated case-insensitively and sorted
// by their lower-case form, keeping the first spelling.
func sortActions(actions []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, a := range actions {
		k := strings.ToLower(a)
		if !seen[k] {
			seen[k] = true
			out = append(out, a)
		}
	}
	sort.Slice(out, func(i, j int) bool { return strings.ToLower(out[i]) < strings.ToLower(out[j]) })
	return out
}
