package roles

import "strings"

// The ARN formats of the resource types the roles scope to, as the action
// catalog (the Service Authorization Reference) writes them (aws-rules E.1,
// F.2; IAM role format from aws-rules G.3).
const (
	KeyARNFormat     = "arn:${Partition}:kms:${Region}:${Account}:key/${KeyId}"
	AliasARNFormat   = "arn:${Partition}:kms:${Region}:${Account}:alias/${Alias}"
	ClusterARNFormat = "arn:${Partition}:cloudhsm:${Region}:${Account}:cluster/${CloudHsmClusterInstanceName}"
	BackupARNFormat  = "arn:${Partition}:cloudhsm:${Region}:${Account}:backup/${CloudHsmBackupInstanceName}"
	RoleARNFormat    = "arn:${Partition}:iam::${Account}:role/${RoleNameWithPath}"
)

// expandFormat turns an ARN format into the ARN patterns for o: partition,
// Region and account from o, IDs from o's ID lists (one ARN per ID) or "*"
// when the list is empty or the placeholder is unknown. names supplies
// fixed values for other placeholders (RoleNameWithPath).
func expandFormat(format string, o Options, names map[string]string) []string {
	out := []string{""}
	rest := format
	for {
		lit, name, after, ok := cutPlaceholder(rest)
		if !ok {
			break
		}
		rest = after
		vals := placeholderValues(name, o, names)
		next := make([]string, 0, len(out)*len(vals))
		for _, prefix := range out {
			for _, v := range vals {
				next = append(next, prefix+lit+v)
			}
		}
		out = next
	}
	for i := range out {
		out[i] += rest
	}
	return out
}

// cutPlaceholder splits an ARN format at its first placeholder "${name}":
// the literal text before it, the name and the text after it; ok is false
// when rest holds no complete placeholder.
func cutPlaceholder(rest string) (lit, name, after string, ok bool) {
	i := strings.Index(rest, "${")
	if i < 0 {
		return "", "", "", false
	}
	j := strings.IndexByte(rest[i:], '}')
	if j < 0 {
		return "", "", "", false
	}
	return rest[:i], rest[i+2 : i+j], rest[i+j+1:], true
}

// placeholderValues returns the values expandFormat puts for the
// placeholder name: o's partition, Region or account, o's IDs, a value of
// names, or "*" when there are none.
func placeholderValues(name string, o Options, names map[string]string) []string {
	if v, ok := placeholderValue(name, o, names); ok {
		return []string{v}
	}
	if ids := placeholderIDs(name, o); len(ids) > 0 {
		return ids
	}
	return []string{"*"}
}

// placeholderValue returns the one value of a placeholder that has one:
// the partition, Region or account of o, or a value of names. The catalog
// names the account ${Account} in most services, ${AccountId} in some
// (chime, datasync, sso) and ${…OwnerAccount} in others (kafka).
func placeholderValue(name string, o Options, names map[string]string) (string, bool) {
	switch name {
	case "Partition":
		return o.Partition, true
	case "Region":
		return o.Region, true
	case "Account", "AccountId":
		return o.Account, true
	case "KeyId", "ClusterId", "CloudHsmClusterInstanceName", "BackupId", "CloudHsmBackupInstanceName":
		return "", false
	}
	if strings.HasSuffix(name, "OwnerAccount") {
		return o.Account, true
	}
	v, ok := names[name]
	return v, ok
}

// placeholderIDs returns o's IDs for an ID placeholder, else nil.
func placeholderIDs(name string, o Options) []string {
	switch name {
	case "KeyId":
		return o.KeyIDs
	case "ClusterId", "CloudHsmClusterInstanceName":
		return o.ClusterIDs
	case "BackupId", "CloudHsmBackupInstanceName":
		return o.BackupIDs
	}
	return nil
}
