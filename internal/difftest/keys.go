package difftest

import "strings"

// keyType is the value type of a condition key.
type keyType uint8

const (
	tString keyType = iota
	tARN
	tIP
	tDate
	tNumeric
	tBool
	tBinary
	tMulti // multivalued string key (ArrayOfString)
)

// keySpec describes a condition key: its type, the values a request may
// carry, and extra values that only policies use (patterns, CIDRs, other
// spellings) so that conditions match about half of the time.
type keySpec struct {
	name     string
	typ      keyType
	values   []string // request values (multivalued keys draw subsets)
	extras   []string // policy-only values
	likeOnly []string // policy values that only make sense with Like operators
	vars     []string // policy values with policy variables (aws-rules A.8)
}

// globalKeys apply to every action. The principal-derived keys
// (aws:PrincipalArn, …) are in principalKeys.
var globalKeys = []keySpec{
	{name: "aws:PrincipalTag/team", typ: tString,
		values:   []string{"eng", "finance", "atlas", "eng*"},
		extras:   []string{"ENG", "Finance"},
		likeOnly: []string{"fin*", "*n*", "e?g", "eng${*}", "eng${?}"},
		vars:     []string{"${aws:PrincipalTag/project}", "${aws:PrincipalTag/project, 'eng'}", "eng${*}", "${aws:username}"}},
	{name: "aws:PrincipalTag/project", typ: tString,
		values: []string{"atlas", "phoenix"},
		extras: []string{"Atlas"}, likeOnly: []string{"ph*", "a?las"},
		vars: []string{"${aws:PrincipalTag/team}", "${aws:PrincipalTag/team, 'atlas'}"}},
	{name: "aws:RequestedRegion", typ: tString,
		values: []string{"us-east-1", "eu-west-1", "ap-south-1"},
		extras: []string{"US-EAST-1"}, likeOnly: []string{"us-*", "eu-west-?", "*-1"}},
	{name: "aws:PrincipalOrgID", typ: tString,
		values: []string{orgID, "o-zzzzzzzzzz"}, likeOnly: []string{"o-a1*"}},
	{name: "aws:SourceVpce", typ: tString,
		values: []string{"vpce-1a2b3c4d", "vpce-9f8e7d6c"}, likeOnly: []string{"vpce-1*"}},
	{name: "aws:SourceArn", typ: tARN,
		values: []string{
			"arn:aws:kms:us-east-1:" + accountA + ":key/1234abcd-12ab-34cd-56ef-1234567890ab",
			"arn:aws:cloudhsm:us-east-1:" + accountA + ":cluster/cluster-jxhlf7644ne",
			"arn:aws:iam::" + accountB + ":role/KeyAdmin",
		},
		likeOnly: []string{
			"arn:aws:kms:*:" + accountA + ":key/*",
			"arn:aws:cloudhsm:us-east-1:*:cluster/*",
			"arn:aws:iam::*:role/Key*",
			"arn:aws:*:*:" + accountA + ":*",
			"arn:aws:kms:us-east-?:" + accountA + ":key/*",
		},
		vars: []string{"arn:aws:iam::" + accountB + ":role/${aws:PrincipalTag/project}"}},
	{name: "aws:SourceIp", typ: tIP,
		values: []string{"203.0.113.5", "198.51.100.7", "10.1.2.3", "2001:db8:1234::5"},
		extras: []string{"203.0.113.0/24", "198.51.100.7/32", "10.0.0.0/8", "2001:db8:1234::/48", "203.0.113.5", "192.0.2.0/24", "2001:db8:ffff::/48"}},
	{name: "aws:CurrentTime", typ: tDate,
		values: []string{"2026-03-01T12:00:00Z", "2025-06-15T08:30:00Z", "2026-01-01T00:00:00Z"},
		extras: []string{"2026-01-01T00:00:00Z", "1767225600", "2025-12-31T23:59:59Z", "2026-03-01T12:00:00Z", "1750000000", "2026-03-01T12:00:00.000Z", "2026-03-01T13:00:00+01:00"}},
	{name: "aws:TokenIssueTime", typ: tDate,
		values: []string{"2026-02-28T23:00:00Z", "2026-03-01T11:30:00Z"},
		extras: []string{"2026-03-01T00:00:00Z", "1772323200", "2026-02-28T23:00:00Z"}},
	{name: "aws:MultiFactorAuthAge", typ: tNumeric,
		values: []string{"300", "3600", "86400"},
		extras: []string{"3600", "1800", "86400.5", "300"}},
	{name: "aws:SecureTransport", typ: tBool, values: []string{"true", "false"}},
	{name: "aws:MultiFactorAuthPresent", typ: tBool, values: []string{"true", "false"}},
	{name: "aws:ViaAWSService", typ: tBool, values: []string{"true", "false"}},
	{name: "aws:CalledVia", typ: tMulti,
		values:   []string{"cloudformation.amazonaws.com", "athena.amazonaws.com", "kms.amazonaws.com"},
		likeOnly: []string{"*.amazonaws.com", "cloud*"}},
	{name: "aws:TagKeys", typ: tMulti,
		values:   []string{"team", "project", "cost-center", "Owner"},
		extras:   []string{"OWNER", "Team"},
		likeOnly: []string{"cost-*", "t?am"}},
	{name: "aws:PrincipalTag/blob", typ: tBinary,
		values: []string{"QUJDRA==", "ZWtzLWRhdGE="}, extras: []string{"QUJDRA=="}},
}

// serviceKeys are the service-specific keys named by action.keys.
var serviceKeys = map[string]keySpec{
	"kms:CallerAccount": {name: "kms:CallerAccount", typ: tString,
		values: []string{accountA, accountB}, likeOnly: []string{"1111*"}, vars: []string{"${aws:PrincipalAccount}"}},
	"kms:ViaService": {name: "kms:ViaService", typ: tString,
		values:   []string{"ec2.us-east-1.amazonaws.com", "rds.us-east-1.amazonaws.com", "cloudhsm.eu-west-1.amazonaws.com"},
		likeOnly: []string{"ec2.*.amazonaws.com", "*.us-east-1.amazonaws.com"}},
	"kms:EncryptionAlgorithm": {name: "kms:EncryptionAlgorithm", typ: tString,
		values: []string{"SYMMETRIC_DEFAULT", "RSAES_OAEP_SHA_256"}, likeOnly: []string{"RSAES_*"}},
	"kms:EncryptionContextKeys": {name: "kms:EncryptionContextKeys", typ: tMulti,
		values: []string{"Department", "Project", "aws:ebs:id"}, likeOnly: []string{"aws:*", "Dep*"}},
	"kms:EncryptionContext:": {name: "kms:EncryptionContext:Department", typ: tString,
		values: []string{"finance", "eng"}, likeOnly: []string{"fin*"}},
	"kms:GrantIsForAWSResource": {name: "kms:GrantIsForAWSResource", typ: tBool, values: []string{"true", "false"}},
	"kms:GrantOperations": {name: "kms:GrantOperations", typ: tMulti,
		values: []string{"Decrypt", "Encrypt", "GenerateDataKey", "RetireGrant"}, likeOnly: []string{"Generate*"}},
	"iam:AWSServiceName": {name: "iam:AWSServiceName", typ: tString,
		values: []string{cksSvc, "cloudhsm.amazonaws.com"}, likeOnly: []string{"*.kms.amazonaws.com"}},
	"iam:PassedToService": {name: "iam:PassedToService", typ: tString,
		values: []string{"ec2.amazonaws.com", "kms.amazonaws.com"}, likeOnly: []string{"ec2.*"}},
	"sts:ExternalId": {name: "sts:ExternalId", typ: tString,
		values: []string{"ext-123", "ext-456"}, likeOnly: []string{"ext-4*"}},
	"sts:RoleSessionName": {name: "sts:RoleSessionName", typ: tString,
		values: []string{"alice", "ci", "app"}, extras: []string{"ALICE"},
		likeOnly: []string{"a*"}, vars: []string{"${aws:username}", "${aws:PrincipalTag/project, 'ci'}"}},
}

// principalKeys are the keys the request implies from its principal. The
// generator always puts them in the context (the oracle does not derive
// them), so conditions on them test matching, not derivation.
func principalKeys(p principal) []keySpec {
	var arns, accts, names []string
	for _, q := range principals {
		if q.kind == kindService {
			continue
		}
		accts = appendUnique(accts, q.account)
		switch q.kind {
		case kindUser:
			arns = append(arns, q.arn)
			names = append(names, q.name)
		case kindSession:
			arns = append(arns, q.roleARN)
		case kindRoot:
			arns = append(arns, q.arn)
		}
	}
	if p.kind == kindService {
		return nil
	}
	ks := []keySpec{
		{name: "aws:PrincipalArn", typ: tARN, values: arns,
			likeOnly: []string{"arn:aws:iam::" + accountA + ":*", "arn:aws:iam::*:role/*", "arn:aws:iam::*:user/*", "arn:aws:iam::" + accountA + ":role/admins/*"},
			vars:     []string{"arn:aws:iam::" + accountA + ":user/${aws:username}", "arn:aws:iam::" + accountA + ":role/${aws:PrincipalTag/project}"}},
		{name: "aws:PrincipalAccount", typ: tString, values: accts, likeOnly: []string{"2222*"}},
		{name: "aws:PrincipalType", typ: tString, values: []string{"User", "AssumedRole", "Account"}, extras: []string{"user"}},
	}
	if p.kind == kindUser {
		ks = append(ks, keySpec{name: "aws:username", typ: tString, values: names, extras: []string{"Alice"}, likeOnly: []string{"a*", "?ob"}})
	}
	return ks
}

// principalContext returns the values of the principal-derived keys for p.
func principalContext(p principal, act action) map[string][]string {
	ctx := map[string][]string{}
	switch p.kind {
	case kindService:
		ctx["aws:PrincipalServiceName"] = []string{p.arn}
		return ctx
	case kindUser:
		ctx["aws:PrincipalArn"] = []string{p.arn}
		ctx["aws:PrincipalType"] = []string{"User"}
		ctx["aws:username"] = []string{p.name}
	case kindSession:
		ctx["aws:PrincipalArn"] = []string{p.roleARN}
		ctx["aws:PrincipalType"] = []string{"AssumedRole"}
	case kindRoot:
		ctx["aws:PrincipalArn"] = []string{p.arn}
		ctx["aws:PrincipalType"] = []string{"Account"}
	}
	ctx["aws:PrincipalAccount"] = []string{p.account}
	for _, k := range act.keys {
		if k == "kms:CallerAccount" {
			ctx[k] = []string{p.account}
		}
	}
	return ctx
}

func appendUnique(list []string, s string) []string {
	for _, x := range list {
		if x == s {
			return list
		}
	}
	return append(list, s)
}

// isEncryptionContextKey reports whether key is kms:EncryptionContext:<key>
// (not kms:EncryptionContextKeys).
func isEncryptionContextKey(key string) bool {
	return strings.HasPrefix(strings.ToLower(key), "kms:encryptioncontext:")
}
