package evaluate_test

// A review of the grant, boundary and condition-value rules against AWS's
// pages. Like the tables of aws_rules_*_test.go, every case names the AWS
// page that decides it and was written from that page, not from the
// engine.

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cksiam/cksiam/evaluate"
)

// More AWS pages the review cases cite.
const (
	srcGrantDelete    = kmsDG + "grant-delete.html"
	srcMRKAuth        = kmsDG + "multi-region-keys-auth.html"
	srcKMSConditionEC = kmsDG + "conditions-kms.html#conditions-kms-encryption-context-case"
	srcEncapsulate    = "https://docs.aws.amazon.com/kms/latest/APIReference/API_Encapsulate.html"
	srcDecapsulate    = "https://docs.aws.amazon.com/kms/latest/APIReference/API_Decapsulate.html"
	srcIPOperators    = srcOperators + "#Conditions_IPAddress"
	srcTrustUpdate    = iamUG + "id_roles_update-role-trust-policy.html"
)

// reviewRule is a rule whose policies may include grants and facts.
type reviewRule struct {
	name          string
	src           string
	p             pset
	grants        []evaluate.Grant
	key           *evaluate.KeyFacts
	principalTags map[string]string
	r             evaluate.Request
	want          evaluate.Decision
	// wantDiag is a diagnostic code the Result must carry.
	wantDiag string
	// err: Compile or Evaluate must refuse the input with an error whose
	// text holds errWhere; the decision must not be Allowed.
	err      bool
	errWhere string
}

func checkReviewRule(t *testing.T, tc reviewRule) {
	t.Helper()
	require.NotEmpty(t, tc.src, "every case cites its source")
	p := tc.p.build(t)
	p.Grants, p.Key, p.PrincipalTags = tc.grants, tc.key, tc.principalTags
	ev, cerr := evaluate.Compile(p)
	if tc.err && cerr != nil {
		require.Contains(t, cerr.Error(), tc.errWhere, "source: %s", tc.src)
		return
	}
	require.NoError(t, cerr, "source: %s", tc.src)
	res, err := ev.Evaluate(tc.r)
	if tc.err {
		require.Error(t, err, "%s (%s)", tc.name, tc.src)
		require.Contains(t, err.Error(), tc.errWhere)
		require.NotEqual(t, evaluate.Allowed, res.Decision, "an error must never be Allowed")
		d, derr := ev.Decide(tc.r)
		require.Error(t, derr)
		require.NotEqual(t, evaluate.Allowed, d, "an error must never be Allowed")
		return
	}
	require.NoError(t, err, "source: %s", tc.src)
	require.Equal(t, tc.want, res.Decision, "source: %s\nreason: %s\ndiagnostics: %v", tc.src, res.Reason, res.Diagnostics)
	if tc.wantDiag != "" {
		var codes []string
		for _, d := range res.Diagnostics {
			codes = append(codes, d.Code)
		}
		require.Contains(t, codes, tc.wantDiag, "source: %s", tc.src)
	}
	d, err := ev.Decide(tc.r)
	require.NoError(t, err)
	require.Equal(t, tc.want, d, "Decide disagrees with Evaluate")
}

// mrkReplicaA is a replica, in another Region, of a multi-Region key whose
// grants name it by its key ID alone.
const mrkReplicaA = "arn:aws:kms:eu-west-1:111122223333:key/mrk-1234abcd12ab34cd56ef1234567890ab"

// keyPolicyDelegates is the default key policy: it allows the key's
// account, which delegates to IAM policies.
var keyPolicyDelegates = pdoc(grantS("Allow", awsP(rootA), "kms:*"))

func TestAWSRulesReviewGrants(t *testing.T) {
	fromB := evaluate.Grant{KeyId: keyA, GrantId: "from-b", GranteePrincipal: userB, IssuingAccount: rootB, Operations: []string{"Decrypt"}}
	mrkGrant := evaluate.Grant{KeyId: "mrk-1234abcd12ab34cd56ef1234567890ab", GrantId: "mrk", GranteePrincipal: userA, Operations: []string{"Decrypt"}}
	iamRetire := pdoc(allowS("kms:RetireGrant", keyA))
	for _, tc := range []reviewRule{
		{name: "the key's account delegates kms:RetireGrant through IAM even for a grant another account created",
			src: srcGrantDelete + ` ("The AWS account that owns the KMS key can delegate the kms:RetireGrant permission to an IAM user in the account")`,
			p:   pset{resource: keyPolicyDelegates, id: []string{iamRetire}}, grants: []evaluate.Grant{fromB},
			r:    evaluate.Request{Principal: userA, Action: "kms:RetireGrant", Resource: keyA, GrantId: "from-b"},
			want: evaluate.Allowed},
		{name: "a user of the key's account without an IAM policy still cannot retire that grant",
			src: srcGrantDelete + ` ("The kms:RetireGrant permission alone does not allow principals to retire a grant")`,
			p:   pset{resource: keyPolicyDelegates}, grants: []evaluate.Grant{fromB},
			r:    evaluate.Request{Principal: userA, Action: "kms:RetireGrant", Resource: keyA, GrantId: "from-b"},
			want: evaluate.ImplicitDeny},
		{name: "a grant on a multi-Region key never allows a related key in another Region",
			src: srcMRKAuth + ` ("you cannot use a single grant to allow permissions to multiple KMS keys, even if they are related multi-Region keys")`,
			p:   pset{resource: keyPolicyDelegates}, grants: []evaluate.Grant{mrkGrant},
			r:   evaluate.Request{Principal: userA, Action: "kms:Decrypt", Resource: mrkReplicaA},
			err: true, errWhere: "Grants[0].KeyId"},
	} {
		t.Run(tc.name, func(t *testing.T) { checkReviewRule(t, tc) })
	}
}

func TestAWSRulesReviewAmbiguousCase(t *testing.T) {
	// The key policy allows alice, and denies Decrypt unless the
	// encryption context's "dept" is "IT".
	keyPolicy := pdoc(grantS("Allow", awsP(userA), "kms:*"),
		grantS("Deny", `"*"`, "kms:Decrypt", cond(`{"StringNotEquals":{"kms:EncryptionContext:dept":"IT"}}`)))
	tagPolicy := pdoc(grantS("Allow", awsP(userA), "kms:*"),
		grantS("Deny", `"*"`, "kms:Decrypt", cond(`{"StringNotEquals":{"aws:ResourceTag/env":"dev"}}`)))
	decrypt := func(ec map[string]string) evaluate.Request {
		return evaluate.Request{Principal: userA, Action: "kms:Decrypt", Resource: keyA, EncryptionContext: ec}
	}
	for _, tc := range []reviewRule{
		{name: "an encryption context with keys that differ only in case is refused, not read by a guess",
			src: srcKMSConditionEC + ` ("the condition key ... is not case sensitive. A policy that uses this condition does not check the case of either element of the condition key")`,
			p:   pset{resource: keyPolicy}, r: decrypt(map[string]string{"dept": "IT", "DEPT": "HR"}),
			err: true, errWhere: "EncryptionContext"},
		{name: "an encryption context whose keys differ in more than case is read",
			src: srcKMSConditionEC,
			p:   pset{resource: keyPolicy}, r: decrypt(map[string]string{"Dept": "IT", "team": "HR"}), want: evaluate.Allowed},
		{name: "key tags whose keys differ only in case are refused, not read by a guess",
			src: srcGlobalKeys + `#condition-keys-resourcetag ("Tag keys and values are not case-sensitive")`,
			p:   pset{resource: tagPolicy}, key: &evaluate.KeyFacts{Tags: map[string]string{"env": "dev", "Env": "prod"}},
			r: decrypt(nil), err: true, errWhere: "Key.Tags"},
		{name: "principal tags whose keys differ only in case are refused, not read by a guess",
			src: srcGlobalKeys + `#condition-keys-principaltag`,
			p:   pset{resource: tagPolicy}, principalTags: map[string]string{"team": "a", "TEAM": "b"},
			r: decrypt(nil), err: true, errWhere: "PrincipalTags"},
	} {
		t.Run(tc.name, func(t *testing.T) { checkReviewRule(t, tc) })
	}
}

func TestAWSRulesReviewCrossAccountKMS(t *testing.T) {
	keyPolicyB := pdoc(grantS("Allow", awsP(rootA), "kms:*"), grantS("Allow", awsP(rootB), "kms:*"))
	for _, action := range []string{"kms:Encapsulate", "kms:Decapsulate"} {
		src := srcEncapsulate + ` ("Cross-account use: Yes")`
		if action == "kms:Decapsulate" {
			src = srcDecapsulate + ` ("To specify a KMS key in a different AWS account, you must use the key ARN or alias ARN")`
		}
		checkOne := func(name string, id []string, want evaluate.Decision) {
			t.Run(name, func(t *testing.T) {
				checkReviewRule(t, reviewRule{name: name, src: src, p: pset{resource: keyPolicyB, id: id},
					r: evaluate.Request{Principal: userB, Action: action, Resource: keyA}, want: want})
			})
		}
		checkOne(action+" works across accounts when the key policy and the caller's IAM policy allow it", []string{pdoc(allowS(action, keyA))}, evaluate.Allowed)
		checkOne(action+" across accounts still needs the caller's IAM policy", nil, evaluate.ImplicitDeny)
	}
}

func TestAWSRulesReviewBareIPv6(t *testing.T) {
	// "If you specify an IP address without the associated routing prefix,
	// IAM uses the default prefix value of /32": for 2001:db8::1 that is
	// 2001:db8::/32; a reading of /128 is the project's. The engine must
	// decide only where both readings agree.
	src := srcIPOperators + ` ("If you specify an IP address without the associated routing prefix, IAM uses the default prefix value of /32")`
	from := func(ip string) evaluate.Context { return ctx("aws:SourceIp", ip) }
	for _, c := range []condRule{
		{name: "a bare IPv6 value matches its own address under both readings", src: src,
			cond: `{"IpAddress":{"aws:SourceIp":"2001:db8::1"}}`, ctx: from("2001:db8::1"), want: isTrue},
		{name: "a bare IPv6 value does not match an address outside its /32", src: src,
			cond: `{"IpAddress":{"aws:SourceIp":"2001:db8::1"}}`, ctx: from("2001:db9::1"), want: isFalse},
		{name: "a bare IPv6 value cannot decide an address in its /32 but not the address itself", src: src,
			cond: `{"IpAddress":{"aws:SourceIp":"2001:db8::1"}}`, ctx: from("2001:db8:ffff::5"), want: failClose},
		{name: "NotIpAddress with a bare IPv6 value cannot decide such an address either", src: src,
			cond: `{"NotIpAddress":{"aws:SourceIp":"2001:db8::1"}}`, ctx: from("2001:db8:ffff::5"), want: failClose},
		{name: "a bare IPv4 value is one address", src: src,
			cond: `{"IpAddress":{"aws:SourceIp":"203.0.113.5"}}`, ctx: from("203.0.113.6"), want: isFalse},
		{name: "an IPv6 block with its prefix is read as written", src: src,
			cond: `{"IpAddress":{"aws:SourceIp":"2001:db8::1/128"}}`, ctx: from("2001:db8:ffff::5"), want: isFalse},
	} {
		t.Run(c.name, func(t *testing.T) { checkCond(t, c) })
	}
}

func TestAWSRulesReviewReadingsAreVisible(t *testing.T) {
	boundaryS3 := pdoc(allowS("s3:*", "*"))
	keyNamesUser := pdoc(grantS("Allow", awsP(userA), "kms:Decrypt"))
	trustNamesSession := pdoc(trustS(awsP(sessA), "sts:AssumeRole"))
	for _, tc := range []reviewRule{
		{name: "a key policy naming a user allows it past its boundary, and says it took that reading",
			src:  srcBoundaries + ` (resource-based policies naming a user ARN are not limited by the boundary; no KMS page says whether key policies follow it, aws-rules I.11)`,
			p:    pset{resource: keyNamesUser, boundary: boundaryS3},
			r:    evaluate.Request{Principal: userA, Action: "kms:Decrypt", Resource: keyA},
			want: evaluate.Allowed, wantDiag: evaluate.DiagDirectGrantReading},
		{name: "a trust policy naming a role session allows it past its boundary, and says it took that reading",
			src:  srcTrustUpdate + ` (documents the boundary rule for IAM users only; ` + srcBoundaries + ` says session ARNs are not limited)`,
			p:    pset{resource: trustNamesSession, boundary: boundaryS3},
			r:    evaluate.Request{Principal: sessA, Action: "sts:AssumeRole", Resource: targetA},
			want: evaluate.Allowed, wantDiag: evaluate.DiagDirectGrantReading},
	} {
		t.Run(tc.name, func(t *testing.T) { checkReviewRule(t, tc) })
	}
}
