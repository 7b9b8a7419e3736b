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
		i := strings.Index(rest, "${")
		if i < 0 {
			break
		}
		j := strings.IndexByte(rest[i:], '}')
		if j < 0 {
			break
		}
		lit, name := rest[:i], rest[i+2:i+j]
		rest = rest[i+j+1:]
		var vals []string
		switch name {
		case "Partition":
			vals = []string{o.Partition}
		case "Region":
			vals = []string{o.Region}
		case "Account":
			vals = []string{o.Account}
		case "KeyId":
			vals = o.KeyIDs
		case "ClusterId", "CloudHsmClusterInstanceName":
			vals = o.ClusterIDs
		case "BackupId", "CloudHsmBackupInstanceName":
			vals = o.BackupIDs
		default:
			if v, ok := names[name]; ok {
				vals = []string{v}
			}
		}
		if len(vals) == 0 {
			vals = []string{"*"}
		}
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
