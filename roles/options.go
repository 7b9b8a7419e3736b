package roles

import (
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/cksiam/cksiam/internal/arn"
	"github.com/cksiam/cksiam/policy"
)

// DefaultPartition is the ARN partition used when Options.Partition is
// empty: the commercial AWS partition.
const DefaultPartition = "aws"

// KeyOrigin is a value of the kms:KeyOrigin condition key: where a KMS key's
// material lives (aws-rules E.3).
type KeyOrigin string

// The kms:KeyOrigin values of keys in custom key stores (aws-rules E.3, E.6).
const (
	OriginCloudHSM         KeyOrigin = "AWS_CLOUDHSM"       // keys in an AWS CloudHSM key store
	OriginExternalKeyStore KeyOrigin = "EXTERNAL_KEY_STORE" // keys in an external key store
)

// Connectivity is how an external key store reaches its proxy
// (XksProxyConnectivity, aws-rules E.4).
type Connectivity string

// The two XKS proxy connectivity choices (aws-rules G.4).
const (
	PublicEndpoint     Connectivity = "PUBLIC_ENDPOINT"
	VPCEndpointService Connectivity = "VPC_ENDPOINT_SERVICE"
)

// Options are what is known about one account that turns the roles' templates
// into concrete least-privilege documents. Account is required, and Region
// for every role whose document names Regional resources: no role is ever
// written for an account or Region the caller did not choose. Other empty
// fields take the defaults documented on each field.
type Options struct {
	// Partition is the ARN partition; default "aws".
	Partition string
	// Account is the 12-digit account that owns the keys, clusters and
	// roles. Required: an empty Account is an *OptionError.
	Account string
	// Region is the Region of the keys and clusters, such as us-west-2.
	// Required by the roles whose documents name Regional resources
	// (ClusterAdmin, ClusterPowerUser, ClusterReadOnly, KeyManager,
	// KeyUser) and by Audit; the others accept an empty Region, and Verify
	// then makes its sample requests in us-east-1 (another Region's
	// near misses in eu-west-1).
	Region string

	// KeyIDs limits key-scoped permissions to these key IDs. Empty means
	// every key of Account in Region (key/*).
	KeyIDs []string
	// ClusterIDs limits cluster-scoped CloudHSM permissions to these
	// clusters (cluster-…). Empty means every cluster of Account in Region.
	ClusterIDs []string
	// BackupIDs limits backup-scoped CloudHSM permissions to these backups
	// (backup-…). Empty means every backup of Account in Region.
	BackupIDs []string

	// CallerAccount adds the condition kms:CallerAccount = Account to the
	// custom-key-store statements (aws-rules E.4: the only KMS condition key
	// those actions support).
	CallerAccount bool
	// KeyOrigins is the kms:KeyOrigin condition on CreateKey and on
	// key-scoped permissions, so that they apply only to keys in custom
	// key stores (aws-rules G.4). Default: AWS_CLOUDHSM.
	KeyOrigins []KeyOrigin
	// Connectivity is the external key store's proxy connectivity; with
	// VPCEndpointService the manager also gets ec2:DescribeVpcEndpointServices
	// (aws-rules G.4). Default: PublicEndpoint.
	Connectivity Connectivity
	// VPCAndClientInstance adds to the cluster admin and power user the
	// labelled, not AWS-published set of EC2 permissions for the guide page's
	// "create a VPC, subnets, and an EC2 instance" (aws-rules F.1, I.13).
	VPCAndClientInstance bool
	// ViaServices limits the key user's permissions to requests that AWS
	// services make on the user's behalf (kms:ViaService values such as
	// "ec2.us-west-2.amazonaws.com", aws-rules E.3).
	ViaServices []string
	// EncryptionContext requires these kms:EncryptionContext:<key> values on
	// the key user's cryptographic operations (aws-rules E.3).
	EncryptionContext map[string]string

	// KeyAdministrators are the principals named in the key policy's
	// administrators statement, all of Account (other accounts cannot call
	// the administration operations, aws-rules E.2). Default: the role
	// KeyManager in Account.
	KeyAdministrators []string
	// KeyUsers are the principals named in the key policy's users
	// statements, of any account of Partition. Default: the role KeyUser
	// in Account.
	KeyUsers []string
}

// OptionError reports an option that cannot be used.
type OptionError struct {
	Field  string // the Options field, e.g. "Account"
	Value  string // the offending value
	Reason string // why it cannot be used
}

// Error returns "roles: option Field "Value": Reason", or "roles: option
// Field: Reason" when Value is empty.
func (e *OptionError) Error() string {
	if e.Value == "" {
		return fmt.Sprintf("roles: option %s: %s", e.Field, e.Reason)
	}
	return fmt.Sprintf("roles: option %s %q: %s", e.Field, e.Value, e.Reason)
}

// Whether a role's document names Regional resources, so that
// Options.Region is required to build it.
const (
	regionless = false
	regional   = true
)

// resolved returns o with defaults filled in and lists sorted, or an
// *OptionError for a missing Account (or Region, when needRegion is set) or
// a value that would make a broken or over-broad policy.
func (o Options) resolved(needRegion bool) (Options, error) {
	r := o
	if r.Partition == "" {
		r.Partition = DefaultPartition
	}
	if r.Account == "" {
		return r, &OptionError{"Account", "", "required: the 12-digit account that owns the keys, clusters and roles"}
	}
	if r.Connectivity == "" {
		r.Connectivity = PublicEndpoint
	}
	if len(r.KeyOrigins) == 0 {
		r.KeyOrigins = []KeyOrigin{OriginCloudHSM}
	}
	if !arn.KnownPartition(r.Partition) {
		return r, &OptionError{"Partition", r.Partition, "want an AWS partition as ARNs write it: aws, aws-cn, aws-us-gov, aws-iso, aws-iso-b, aws-iso-e, aws-iso-f or aws-eusc"}
	}
	if !policy.IsAccountID(r.Account) {
		return r, &OptionError{"Account", r.Account, "want a 12-digit account ID"}
	}
	if r.Region == "" && needRegion {
		return r, &OptionError{"Region", "", "required by this role, whose document names Regional resources: a Region code such as us-west-2"}
	}
	if r.Region != "" && !isRegion(r.Region) {
		return r, &OptionError{"Region", r.Region, "want a Region code such as us-west-2"}
	}
	if r.Region != "" {
		if p := regionPartition(r.Region); p != r.Partition && (p != "aws" || r.Partition == "aws-cn" || r.Partition == "aws-us-gov") {
			return r, &OptionError{"Region", r.Region, "is not a Region of partition " + r.Partition + ": the China Regions (cn-…) are in aws-cn and the AWS GovCloud (US) Regions (us-gov-…) in aws-us-gov, and ARNs of the one never match requests in the other"}
		}
	}
	if r.Connectivity != PublicEndpoint && r.Connectivity != VPCEndpointService {
		return r, &OptionError{"Connectivity", string(r.Connectivity), "want PUBLIC_ENDPOINT or VPC_ENDPOINT_SERVICE"}
	}
	for _, k := range r.KeyOrigins {
		if k != OriginCloudHSM && k != OriginExternalKeyStore {
			return r, &OptionError{"KeyOrigins", string(k), "want AWS_CLOUDHSM or EXTERNAL_KEY_STORE (keys in custom key stores)"}
		}
	}
	for _, f := range []struct {
		name string
		ids  *[]string
	}{{"KeyIDs", &r.KeyIDs}, {"ClusterIDs", &r.ClusterIDs}, {"BackupIDs", &r.BackupIDs}} {
		for _, id := range *f.ids {
			if !isToken(id, true) {
				return r, &OptionError{f.name, id, "want an ID of letters, digits and hyphens (no wildcards)"}
			}
		}
		*f.ids = sortedUnique(*f.ids)
	}
	for _, v := range r.ViaServices {
		if !isViaService(v) {
			return r, &OptionError{"ViaServices", v, "want <service>.<region>.amazonaws.com, such as ec2.us-west-2.amazonaws.com (aws-rules E.3)"}
		}
	}
	r.ViaServices = sortedUnique(r.ViaServices)
	for k, v := range r.EncryptionContext {
		if k == "" || strings.ContainsAny(k, "*?") || !policyText(k) {
			return r, &OptionError{"EncryptionContext", k, "want a non-empty context key without wildcards, in the policy character set"}
		}
		if !policyText(v) {
			return r, &OptionError{"EncryptionContext", v, "want a value in the policy character set (tab, LF, CR, U+0020–U+00FF; aws-rules A.1)"}
		}
	}
	if len(r.KeyAdministrators) == 0 {
		r.KeyAdministrators = []string{r.roleARN("KeyManager")}
	}
	if len(r.KeyUsers) == 0 {
		r.KeyUsers = []string{r.roleARN("KeyUser")}
	}
	for _, f := range []struct {
		name string
		list *[]string
	}{{"KeyAdministrators", &r.KeyAdministrators}, {"KeyUsers", &r.KeyUsers}} {
		for _, p := range *f.list {
			if err := checkPrincipal(p); err != "" {
				return r, &OptionError{f.name, p, err}
			}
			partition, acct := r.Partition, p
			if a, err := policy.ParseARN(p); err == nil {
				partition, acct = a.Partition, a.Account
			}
			if partition != r.Partition {
				return r, &OptionError{f.name, p, "is in partition " + partition + ", the key's ARNs in " + r.Partition +
					": a principal of another partition never calls on the key"}
			}
			if f.name == "KeyAdministrators" && acct != r.Account {
				// The console key policy would name it, and its
				// verification would fail on every administration action.
				return r, &OptionError{f.name, p, "is of account " + acct + ", not the key's account " + r.Account +
					": AWS KMS lets other accounts call only the cryptographic operations, CreateGrant, DescribeKey, GetKeyRotationStatus, " +
					"GetPublicKey, ListGrants, RetireGrant and RevokeGrant, none of the key administration operations (aws-rules E.2); " +
					"name an administrator of account " + r.Account + ", or give the other account key use as a key user"}
			}
		}
		*f.list = sortedUnique(*f.list)
	}
	return r, nil
}

// roleARN is the ARN of an IAM role named name in the options' account.
func (o Options) roleARN(name string) string {
	return "arn:" + o.Partition + ":iam::" + o.Account + ":role/" + name
}

// accountRoot is the account principal arn:…:iam::<account>:root.
func (o Options) accountRoot() string {
	return "arn:" + o.Partition + ":iam::" + o.Account + ":root"
}

// checkPrincipal accepts an account ID or an IAM user, role or account ARN;
// a wildcard principal would hand the key to everyone (aws-rules A.4).
func checkPrincipal(p string) string {
	if policy.IsAccountID(p) {
		return ""
	}
	a, err := policy.ParseARN(p)
	if err != nil || strings.ContainsAny(p, "*?") || !policyText(p) {
		return "want an account ID or an IAM user, role or account ARN without wildcards"
	}
	if a.Service != "iam" && a.Service != "sts" || !policy.IsAccountID(a.Account) {
		return "want an IAM principal ARN (arn:aws:iam::<account>:…)"
	}
	return ""
}

// policyText reports whether s uses only characters a policy document may
// hold: tab, LF, CR and U+0020–U+00FF (aws-rules A.1).
func policyText(s string) bool {
	if !utf8.ValidString(s) {
		return false
	}
	for _, r := range s {
		if r != '\t' && r != '\n' && r != '\r' && (r < 0x20 || r > 0xFF) {
			return false
		}
	}
	return true
}

// isViaService accepts a kms:ViaService value: <service>.<region>.amazonaws.com
// (aws-rules E.3), e.g. ec2.us-west-2.amazonaws.com. A value without the Region
// (ec2.amazonaws.com) never matches a request, so it is refused rather than
// written into a policy that silently denies everything.
func isViaService(v string) bool {
	parts := strings.Split(v, ".")
	if len(parts) != 4 || parts[2] != "amazonaws" || parts[3] != "com" || !isRegion(parts[1]) || parts[0] == "" {
		return false
	}
	for i := 0; i < len(parts[0]); i++ {
		c := parts[0][i]
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-') {
			return false
		}
	}
	return true
}

// isRegion accepts codes like us-west-2, eu-central-1, us-gov-east-1.
// regionPartition returns the partition of a Region code as far as its
// prefix tells: aws-cn for the China Regions (cn-…), aws-us-gov for AWS
// GovCloud (US) (us-gov-…), and aws otherwise — the isolated partitions'
// Regions are not told apart, so for them "aws" means "not China or
// GovCloud" (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference-arns.html;
// the China Regions cn-north-1 and cn-northwest-1 in arn:aws-cn ARNs:
// https://docs.amazonaws.cn/en_us/aws/latest/userguide/ARNs.html).
func regionPartition(region string) string {
	switch {
	case strings.HasPrefix(region, "cn-"):
		return "aws-cn"
	case strings.HasPrefix(region, "us-gov-"):
		return "aws-us-gov"
	}
	return "aws"
}

func isRegion(s string) bool {
	parts := strings.Split(s, "-")
	if len(parts) < 3 {
		return false
	}
	last := parts[len(parts)-1]
	for i := 0; i < len(last); i++ {
		if last[i] < '0' || last[i] > '9' {
			return false
		}
	}
	for _, p := range parts[:len(parts)-1] {
		if !isToken(p, false) || strings.Contains(p, "-") {
			return false
		}
	}
	return last != ""
}

// isToken reports whether s is non-empty and made of lower-case letters and
// hyphens, plus digits and upper-case letters when ids is set.
func isToken(s string, ids bool) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z', c == '-':
		case ids && (c >= '0' && c <= '9' || c >= 'A' && c <= 'Z'):
		default:
			return false
		}
	}
	return true
}

func sortedUnique(in []string) []string {
	if len(in) == 0 {
		return nil
	}
	out := append([]string(nil), in...)
	sort.Strings(out)
	n := 1
	for i := 1; i < len(out); i++ {
		if out[i] != out[n-1] {
			out[n] = out[i]
			n++
		}
	}
	return out[:n]
}
