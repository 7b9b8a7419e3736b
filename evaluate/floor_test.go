package evaluate

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cksiam/cksiam/internal/account"
)

// The floor: guidePolicies (the KMS guide page's roles) decided by code written by
// hand for exactly those policies, with no compiled data at all. It does
// the work Decide does for them — the request checks (bounds, the action's
// characters, the principal's and the resource's ARN shapes, the context's
// keys) and the decision of aws-rules C for these statements — so that
// BenchmarkDecideGuideFloor against BenchmarkDecideGuide measures what the
// engine's generality costs. TestGuideFloorAgreesWithDecide keeps it
// honest: over a matrix of principals, actions, resources and contexts it
// gives Decide's decision, and an error exactly where Decide does.

const guideRole, guideAdminRole = "ExampleRole", "KMSAdminRole"

// floorDecideGuide decides r against guidePolicies; ok is false where Decide
// returns an error. It is written as one would by hand for these policies
// alone: byte loops against lower-case constants, no tables, no compiled
// data.
func floorDecideGuide(r *Request) (d Decision, ok bool) {
	if len(r.Action) > MaxActionLength || len(r.Principal) > MaxARNLength || len(r.Resource) > MaxARNLength || r.ResourceAccount != "" {
		return ImplicitDeny, false // ResourceAccount: not needed by the matrix below
	}
	var ctxCallerAccount, ctxServiceName []string
	if len(r.Context) > 0 {
		if ctxCallerAccount, ctxServiceName, ok = floorContext(r.Context); !ok {
			return ImplicitDeny, false
		}
	}

	// The action: service and name, checked character by character.
	colon := floorAction(r.Action)
	if colon < 0 {
		return ImplicitDeny, false
	}
	svc, name := r.Action[:colon], r.Action[colon+1:]
	isKMS := floorFold(svc, "kms")

	// The caller.
	var c caller
	if !floorCaller(&c, r.Principal) {
		return ImplicitDeny, false
	}

	// The resource: "*" or an AWS-shaped ARN.
	keyRequest, resAcct := false, c.acct
	if r.Resource != "*" {
		var p [6]string
		if !floorARN(&p, r.Resource) {
			return ImplicitDeny, false
		}
		if len(p[4]) == 12 {
			resAcct, _ = account.Key(p[4])
		}
		if p[2] == "kms" && isKMS {
			keyRequest = p[5][0] == 'k'
			if !keyRequest && !floorFold(name, "createalias") && !floorFold(name, "deletealias") && !floorFold(name, "updatealias") {
				return ImplicitDeny, false // an alias ARN for an action on keys
			}
		}
	}

	// The identity policies: one Deny, three Allows.
	keyUse := isKMS && floorKeyUse(name)
	if isKMS && floorFold(name, "schedulekeydeletion") {
		return ExplicitDeny, true
	}
	identity := c.kind == callerRoot
	switch {
	case keyUse:
		const keys = "arn:aws:kms:us-east-1:111122223333:key/"
		if len(r.Resource) > len(keys) && r.Resource[:len(keys)] == keys {
			if ctxCallerAccount == nil {
				identity = identity || c.account == guideAccount // kms:CallerAccount, implied
			}
			for _, x := range ctxCallerAccount {
				identity = identity || x == guideAccount
			}
		}
	case isKMS:
		identity = identity || floorKeyStoreAction(name)
	case floorFold(svc, "cloudhsm"):
		identity = identity || floorFold(name, "describeclusters")
	case floorFold(svc, "iam"):
		if floorFold(name, "createservicelinkedrole") && floorSLRResource(r.Resource) {
			for _, x := range ctxServiceName {
				identity = identity || x == "cks.kms.amazonaws.com"
			}
		}
	}

	// The key policy: the account principal (every kms action), and two
	// roles of that account.
	byAccount := isKMS && c.account == guideAccount
	byRole := false
	if isKMS && (c.kind == callerRole || c.kind == callerSession) && c.account == guideAccount {
		switch c.name {
		case guideAdminRole:
			byRole = floorAdminAction(name)
		case guideRole:
			// The grant statement's condition needs kms:GrantIsForAWSResource,
			// which no request of the matrix carries.
			byRole = keyUse
		}
	}

	// The decision: the SCP allows everything, so only the grant remains
	// (aws-rules C.2-C.4).
	if !c.hasIdentity() {
		return ImplicitDeny, true // the key policy names no service
	}
	if keyRequest && floorFold(name, "retiregrant") {
		// Retiring without a grant ID: through the key's account's IAM
		// policies only, which allow it to its root user alone.
		return floorOf(c.kind == callerRoot && c.acct == resAcct), true
	}
	if c.acct != resAcct {
		if keyRequest && !kmsCrossAccount(name) {
			return ImplicitDeny, true
		}
		return floorOf((byAccount || byRole) && identity), true
	}
	if byRole {
		return Allowed, true
	}
	if keyRequest && !byAccount {
		return ImplicitDeny, true
	}
	return floorOf(identity), true
}

func floorOf(allowed bool) Decision {
	if allowed {
		return Allowed
	}
	return ImplicitDeny
}

// floorFold reports whether s equals lower, a lower-case constant, ignoring
// ASCII case.
func floorFold(s, lower string) bool {
	if len(s) != len(lower) {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != lower[i] {
			return false
		}
	}
	return true
}

// floorPrefixFold reports whether s starts with lower ignoring ASCII case.
func floorPrefixFold(s, lower string) bool {
	return len(s) >= len(lower) && floorFold(s[:len(lower)], lower)
}

// floorKeyUse: kms:Encrypt, Decrypt, ReEncrypt*, GenerateDataKey*,
// DescribeKey.
func floorKeyUse(name string) bool {
	switch len(name) {
	case 7:
		return floorFold(name, "decrypt") || floorFold(name, "encrypt")
	case 11:
		if floorFold(name, "describekey") {
			return true
		}
	}
	return floorPrefixFold(name, "reencrypt") || floorPrefixFold(name, "generatedatakey")
}

func floorKeyStoreAction(name string) bool {
	return floorFold(name, "createcustomkeystore") || floorFold(name, "connectcustomkeystore") ||
		floorFold(name, "disconnectcustomkeystore") || floorFold(name, "updatecustomkeystore") ||
		floorFold(name, "deletecustomkeystore") || floorFold(name, "describecustomkeystores")
}

// floorAdminAction: the key administrators' statement.
func floorAdminAction(name string) bool {
	for _, p := range [...]string{"create", "describe", "enable", "list", "put", "update", "revoke", "disable", "get", "delete"} {
		if floorPrefixFold(name, p) {
			return true
		}
	}
	return floorFold(name, "tagresource") || floorFold(name, "untagresource") ||
		floorFold(name, "schedulekeydeletion") || floorFold(name, "cancelkeydeletion")
}

// floorSLRResource matches the service-linked role pattern of the identity
// policy, arn:aws:iam::*:role/aws-service-role/cks.kms.amazonaws.com/AWSServiceRoleForKeyManagementServiceCustomKeyStores*.
func floorSLRResource(r string) bool {
	const head, tail = "arn:aws:iam::", ":role/aws-service-role/cks.kms.amazonaws.com/AWSServiceRoleForKeyManagementServiceCustomKeyStores"
	return strings.HasPrefix(r, head) && strings.Contains(r[len(head):], tail)
}

// floorAction checks the action's characters and returns its colon, or -1.
func floorAction(a string) int {
	colon := strings.IndexByte(a, ':')
	if colon <= 0 || colon == len(a)-1 {
		return -1
	}
	for i := 0; i < colon; i++ {
		if !floorServiceChar[a[i]] {
			return -1
		}
	}
	for i := colon + 1; i < len(a); i++ {
		if !floorNameChar[a[i]] {
			return -1
		}
	}
	return colon
}

// The characters of service prefixes and of action names.
var floorServiceChar, floorNameChar = func() (svc, name [256]bool) {
	for c := 0; c < 256; c++ {
		ok := 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-'
		svc[c], name[c] = ok, ok || c == '_'
	}
	return svc, name
}()

// floorCaller reads the principal forms the matrix uses: account IDs,
// iam user, role and root ARNs, sts assumed-role ARNs and service
// principals.
func floorCaller(c *caller, p string) bool {
	c.raw, c.partition = p, "aws"
	if k, ok := account.Key(p); ok {
		c.kind, c.account, c.acct = callerRoot, p, k
		return true
	}
	if len(p) < 27 || p[:8] != "arn:aws:" {
		if len(p) > 14 && p[len(p)-14:] == ".amazonaws.com" && !strings.ContainsAny(p, " /:*?") {
			c.kind = callerService
			return true
		}
		return false
	}
	if p[11] != ':' || p[12] != ':' || p[25] != ':' {
		return false
	}
	k, ok := account.Key(p[13:25])
	if !ok {
		return false
	}
	c.account, c.acct = p[13:25], k
	res := p[26:]
	if strings.IndexByte(res, '*') >= 0 || strings.IndexByte(res, '?') >= 0 {
		return false
	}
	switch p[8:11] {
	case "iam":
		switch {
		case res == "root":
			c.kind = callerRoot
			return true
		case strings.HasPrefix(res, "user/"):
			c.kind, c.name = callerUser, lastSegment(res)
		case strings.HasPrefix(res, "role/"):
			c.kind, c.name = callerRole, lastSegment(res)
		default:
			return false
		}
	case "sts":
		const ar = "assumed-role/"
		if len(res) <= len(ar) || res[:len(ar)] != ar {
			return false
		}
		rest := res[len(ar):]
		i := strings.IndexByte(rest, '/')
		if i <= 0 || i == len(rest)-1 {
			return false
		}
		c.kind, c.name, c.session = callerSession, rest[:i], rest[i+1:]
	default:
		return false
	}
	return c.name != ""
}

// floorARN splits and checks a resource ARN as readResource does.
func floorARN(p *[6]string, s string) bool {
	if len(s) < 8 || s[:4] != "arn:" {
		return false
	}
	rest, start := s[4:], 4
	for i := 1; i < 5; i++ {
		j := strings.IndexByte(rest, ':')
		if j < 0 {
			return false
		}
		p[i], rest, start = rest[:j], rest[j+1:], start+j+1
	}
	p[5] = rest
	if rest == "" || !floorLowerName(p[2]) || p[3] != "" && !floorLowerName(p[3]) {
		return false
	}
	switch p[1] {
	case "aws", "aws-cn", "aws-us-gov", "aws-iso", "aws-iso-b", "aws-iso-e", "aws-iso-f", "aws-eusc":
	default:
		return false
	}
	switch a := p[4]; {
	case a == "", a == "aws":
	default:
		if _, ok := account.Key(a); !ok {
			return false
		}
	}
	switch p[2] {
	case "kms":
		return strings.HasPrefix(rest, "key/") || strings.HasPrefix(rest, "alias/")
	case "iam", "sts":
		for i := 0; i < len(rest) && rest[i] != '/' && rest[i] != ':'; i++ {
			if 'A' <= rest[i] && rest[i] <= 'Z' {
				return false
			}
		}
	}
	return true
}

func floorLowerName(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '-') {
			return false
		}
	}
	return s != ""
}

// floorContext checks the context's keys as readContext does and returns
// the two keys guidePolicies test.
func floorContext(ctx Context) (callerAccount, serviceName []string, ok bool) {
	for k, v := range ctx {
		if k == "" || len(k) > MaxContextKeyLength {
			return nil, nil, false
		}
		for k2 := range ctx {
			if k2 != k && strings.EqualFold(k, k2) {
				return nil, nil, false
			}
		}
		switch {
		case floorFold(k, "kms:calleraccount"):
			callerAccount = v
		case floorFold(k, "iam:awsservicename"):
			serviceName = v
		}
	}
	return callerAccount, serviceName, true
}

func TestGuideFloorAgreesWithDecide(t *testing.T) {
	ev, err := Compile(guidePolicies(t))
	require.NoError(t, err)
	principals := []string{
		"arn:aws:sts::111122223333:assumed-role/ExampleRole/app",
		"arn:aws:sts::111122223333:assumed-role/KMSAdminRole/ops",
		"arn:aws:sts::111122223333:assumed-role/Other/x",
		"arn:aws:iam::111122223333:role/ExampleRole",
		"arn:aws:iam::111122223333:role/path/KMSAdminRole",
		"arn:aws:iam::111122223333:user/alice",
		"arn:aws:iam::111122223333:root",
		"111122223333",
		"arn:aws:sts::444455556666:assumed-role/ExampleRole/app",
		"arn:aws:iam::444455556666:user/alice",
		"cks.kms.amazonaws.com",
		"arn:aws:iam::111122223333:group/admins",
		"arn:aws:sts::111122223333:assumed-role/ExampleRole",
	}
	actions := []string{
		"kms:Decrypt", "KMS:decrypt", "kms:Encrypt", "kms:ReEncryptFrom", "kms:GenerateDataKeyPair", "kms:DescribeKey",
		"kms:ScheduleKeyDeletion", "kms:CancelKeyDeletion", "kms:CreateKey", "kms:PutKeyPolicy", "kms:GetKeyPolicy",
		"kms:CreateCustomKeyStore", "kms:DescribeCustomKeyStores", "kms:CreateGrant", "kms:RetireGrant", "kms:Sign",
		"kms:CreateAlias", "cloudhsm:DescribeClusters", "cloudhsm:CreateCluster", "iam:CreateServiceLinkedRole",
		"s3:GetObject", "kms:De*", "kms:", "Decrypt",
	}
	resources := []string{
		guidePageKey, "arn:aws:kms:us-east-1:444455556666:key/1234abcd-12ab-34cd-56ef-1234567890ab",
		"arn:aws:kms:eu-west-1:111122223333:key/k", "arn:aws:kms:us-east-1:111122223333:alias/app", "*",
		"arn:aws:iam::111122223333:role/aws-service-role/cks.kms.amazonaws.com/AWSServiceRoleForKeyManagementServiceCustomKeyStores",
		"arn:aws:s3:::bucket/object", "arn:aws:KMS:us-east-1:111122223333:key/k", "not-an-arn",
	}
	contexts := []Context{nil,
		{"kms:CallerAccount": {"444455556666"}},
		{"KMS:calleraccount": {"111122223333"}},
		{"iam:AWSServiceName": {"cks.kms.amazonaws.com"}},
		{"aws:a": {"x"}, "AWS:A": {"y"}},
	}
	n := 0
	for _, p := range principals {
		for _, a := range actions {
			for _, res := range resources {
				for _, c := range contexts {
					r := Request{Principal: p, Action: a, Resource: res, Context: c}
					want, err := ev.Decide(r)
					got, ok := floorDecideGuide(&r)
					require.Equal(t, err == nil, ok, "%+v: Decide error %v", r, err)
					if ok {
						require.Equal(t, want, got, "%+v", r)
						n++
					}
				}
			}
		}
	}
	require.Greater(t, n, 1000, "the matrix decides too few requests")
}

// BenchmarkDecideGuideFloor is BenchmarkDecideGuide's request decided by
// floorDecideGuide: the cost of the same decision without the engine's
// generality.
func BenchmarkDecideGuideFloor(b *testing.B) {
	req := Request{Principal: "arn:aws:sts::111122223333:assumed-role/ExampleRole/app", Action: "kms:Decrypt", Resource: guidePageKey}
	if d, ok := floorDecideGuide(&req); !ok || d != Allowed {
		b.Fatalf("guide request: %v %v", d, ok)
	}
	b.ReportAllocs()
	for b.Loop() {
		if d, _ := floorDecideGuide(&req); d != Allowed {
			b.Fatal(d)
		}
	}
}
