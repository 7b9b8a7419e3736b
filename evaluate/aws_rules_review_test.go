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
	srcEncapsulate = "https://docs.aws.amazon.com/kms/latest/APIReference/API_Encapsulate.html"
	srcDecapsulate = "https://docs.aws.amazon.com/kms/latest/APIReference/API_Decapsulate.html"
	srcIPOperators = srcOperators + "#Conditions_IPAddress"
	srcTrustUpdate = iamUG + "id_roles_update-role-trust-policy.html"
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
