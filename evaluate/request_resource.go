package evaluate

import (
	"github.com/cksiam/cksiam/internal/arn"
	"github.com/cksiam/cksiam/internal/ascii"
	"strings"

	"github.com/cksiam/cksiam/internal/account"
)

// readResource checks that Request.Resource, an ARN, is written as AWS
// writes ARNs, and splits it into parts. The key-policy, trust-policy and
// cross-account rules recognise a request by its service and resource type,
// so an ARN those rules would not recognise in another spelling
// ("arn:aws:KMS:…", "…:KEY/k1", "arn:aws:IAM::…") is refused rather than
// decided by a weaker path: AWS ARNs have a lower-case partition, service
// and Region, an account part that is a 12-digit ID, "aws" or empty, and
// KMS and IAM resource types in lower case (ARN format,
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference-arns.html).
//
// A '*' or '?' in the resource part is a literal character: the request
// names one resource, whose name the policies' patterns match as they match
// any name. Wildcards elsewhere fail the checks of their part.
//
// It returns the account part's account.Key, 0 when the part is not an
// account ID.
func readResource(parts *[6]string, res string) (uint64, error) {
	var ok bool
	if *parts, ok = arn.Parse(res); !ok {
		return 0, requestError("Resource", "is not an ARN or \"*\": "+quote(res))
	}
	if !arn.KnownPartition(parts[1]) {
		return 0, requestError("Resource", "has partition "+quote(parts[1])+", which is not an AWS partition (aws, aws-cn, aws-us-gov, aws-iso…, in lower case): "+quote(res))
	}
	if !ascii.IsLowerName(parts[2]) {
		return 0, requestError("Resource", "has service "+quote(parts[2])+": a service prefix is lower-case letters, digits and '-': "+quote(res))
	}
	if parts[3] != "" && !ascii.IsLowerName(parts[3]) {
		return 0, requestError("Resource", "has Region "+quote(parts[3])+": a Region code is lower-case letters, digits and '-': "+quote(res))
	}
	var acct uint64
	if a := parts[4]; a != "" && a != "aws" {
		if acct, ok = account.Key(a); !ok {
			return 0, requestError("Resource", "has account "+quote(a)+": the account part is a 12-digit account ID, \"aws\" or empty: "+quote(res))
		}
	}
	switch parts[2] {
	case "kms":
		return acct, checkKMSResource(parts, res, acct)
	case "iam", "sts":
		t := parts[5]
		for i := 0; i < len(t); i++ {
			if t[i] == '/' || t[i] == ':' {
				t = t[:i]
				break
			}
		}
		if hasUpper(t) {
			return 0, requestError("Resource", "has resource type "+quote(t)+": IAM and STS resource types are lower case: "+quote(res))
		}
	}
	return acct, nil
}

// checkKMSResource refuses a KMS ARN that does not name one key or alias
// of one account in one Region: arn:PARTITION:kms:REGION:ACCOUNT:key/KEY_ID
// or …:alias/NAME. KMS keys and aliases are Regional resources of an
// account (KMS ARN formats,
// https://docs.aws.amazon.com/service-authorization/latest/reference/list_awskeymanagementservice.html#awskeymanagementservice-resources-for-iam-policies),
// so an ARN without a Region, an account or a name is no request AWS
// decides. acct is the account part's account.Key (readResource's), 0
// when it is none.
func checkKMSResource(parts *[6]string, res string, acct uint64) error {
	if parts[3] == "" {
		return requestError("Resource", "is a KMS ARN without a Region: KMS keys and aliases are Regional (arn:aws:kms:REGION:ACCOUNT:key/KEY_ID): "+quote(res))
	}
	if acct == 0 {
		return requestError("Resource", "is a KMS ARN without a 12-digit account ID: "+quote(res))
	}
	t := parts[5]
	switch {
	case strings.HasPrefix(t, "key/"):
		if len(t) == len("key/") {
			return requestError("Resource", "is a KMS key ARN without a key ID (key/KEY_ID): "+quote(res))
		}
	case strings.HasPrefix(t, "alias/"):
		if len(t) == len("alias/") {
			return requestError("Resource", "is a KMS alias ARN without an alias name (alias/NAME): "+quote(res))
		}
	default:
		return requestError("Resource", "is a KMS ARN that names neither a key (key/KEY_ID) nor an alias (alias/NAME): "+quote(res))
	}
	return nil
}

// checkAliasRequest refuses a kms request on an alias ARN for an action
// that does not act on aliases. An alias is the resource of CreateAlias,
// DeleteAlias and UpdateAlias only, authorized by IAM policies; every other
// operation that accepts an alias is authorized on the KMS key the alias
// points to, by its key policy (AWS KMS Developer Guide, "Controlling access
// to aliases",
// https://docs.aws.amazon.com/kms/latest/developerguide/alias-access.html).
// Deciding such a request on the alias would skip the key policy.
func checkAliasRequest(s *state, resType string) error {
	if !strings.HasPrefix(resType, "alias/") {
		return nil
	}
	for _, a := range [...]string{"CreateAlias", "DeleteAlias", "UpdateAlias"} {
		if ascii.EqualFold(s.actionName, a) {
			return nil
		}
	}
	return requestError("Resource", "is a KMS alias ARN, but "+s.action+" is authorized on the KMS key the alias points to: name the key ARN (arn:aws:kms:REGION:ACCOUNT:key/KEY_ID)")
}

// hasUpper reports whether s holds an upper-case ASCII letter.
func hasUpper(s string) bool {
	for i := 0; i < len(s); i++ {
		if 'A' <= s[i] && s[i] <= 'Z' {
			return true
		}
	}
	return false
}
