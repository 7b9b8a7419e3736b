package roles

import (
	"strconv"
	"strings"

	"github.com/cksiam/cksiam/policy"
)

// sampleRegion is the Region of Verify's sample requests for a role built
// without a Region (its document names no Regional resource).
const sampleRegion = "us-east-1"

// nearMisses are the values the verification matrix puts in place of the
// role's own to make requests the role must deny. Each is derived from the
// options so that it can never be one the role grants: another account is
// never the options' account nor one a key policy names, another ID is
// never a chosen ID, a wrong condition value is never an accepted one.
type nearMisses struct {
	// otherAccount owns the other-account resources and is the wrong
	// kms:CallerAccount.
	otherAccount string
	// strangerAccount is the account of a principal no key policy names.
	strangerAccount string
	// otherRegion holds the other-Region resources.
	otherRegion string
	// ids are the chosen key, cluster and backup IDs.
	ids map[string]bool
	// noPolicyRole names a role of the account that no statement names.
	noPolicyRole string
}

// nearMissesFor derives the near-miss values for o (o.Region set).
func nearMissesFor(o Options) nearMisses {
	used := map[string]bool{o.Account: true}
	named := map[string]bool{}
	for _, p := range append(append([]string(nil), o.KeyAdministrators...), o.KeyUsers...) {
		if policy.IsAccountID(p) {
			used[p] = true
			continue
		}
		if a, err := policy.ParseARN(p); err == nil {
			used[a.Account] = true
			named[roleNameOf(a.Resource)] = true
		}
	}
	n := nearMisses{ids: map[string]bool{}}
	n.otherAccount = nextAccount(o.Account, used)
	used[n.otherAccount] = true
	n.strangerAccount = nextAccount(n.otherAccount, used)
	n.otherRegion = "us-east-1"
	if o.Region == n.otherRegion {
		n.otherRegion = "eu-west-1"
	}
	for _, list := range [][]string{o.KeyIDs, o.ClusterIDs, o.BackupIDs} {
		for _, id := range list {
			n.ids[id] = true
		}
	}
	n.noPolicyRole = "NoIAMPolicy"
	for named[n.noPolicyRole] {
		n.noPolicyRole = "Not" + n.noPolicyRole
	}
	return n
}

// nextAccount returns the first 12-digit account after account (wrapping
// after 999999999999) that is not in used.
func nextAccount(account string, used map[string]bool) string {
	n, _ := strconv.ParseUint(account, 10, 64)
	for {
		n = (n + 1) % 1_000_000_000_000
		s := strconv.FormatUint(n, 10)
		s = strings.Repeat("0", 12-len(s)) + s
		if !used[s] {
			return s
		}
	}
}

// otherID returns an ID that is not one of the chosen IDs, made from id.
func (n nearMisses) otherID(id string) string {
	out := "not-" + id
	for n.ids[out] {
		out = "not-" + out
	}
	return out
}

// otherValue returns a condition value that is none of values.
func otherValue(values []policy.Value) string {
	out := "other-value"
	for hasValue(values, out) {
		out = "not-" + out
	}
	return out
}

func hasValue(values []policy.Value, s string) bool {
	for _, v := range values {
		if v.Text == s {
			return true
		}
	}
	return false
}

// roleNameOf returns the role name of an IAM role or assumed-role
// resource ("role/path/Name", "assumed-role/Name/session"), or "".
func roleNameOf(resource string) string {
	switch {
	case strings.HasPrefix(resource, "role/"):
		return resource[strings.LastIndexByte(resource, '/')+1:]
	case strings.HasPrefix(resource, "assumed-role/"):
		name, _, _ := strings.Cut(strings.TrimPrefix(resource, "assumed-role/"), "/")
		return name
	}
	return ""
}
