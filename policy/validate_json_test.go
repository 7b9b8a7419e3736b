package policy

import (
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"
)

func TestValidateJSONReturnsTheParseError(t *testing.T) {
	got, err := ValidateJSON([]byte(`{"Version":"2012-10-17","Statement":[{"effect":"Allow","Action":"s3:*","Resource":"*"}]}`), IdentityPolicy)
	require.Error(t, err)
	require.Nil(t, got)
	var perr *Error
	require.True(t, errors.As(err, &perr), "the error is a *policy.Error: %v", err)
	require.Contains(t, perr.Path, "Statement[0]")
}

func TestValidateJSONFindsWhatValidateFinds(t *testing.T) {
	data := []byte(`{
    "Statement": {
        "Sid": "Allow all of KMS",
        "Effect": "Allow",
        "Action": "kms:*",
        "Resource": "*",
        "Condition": {"numericlessthan": {"kms:RotationPeriodInDays": "${aws:x}"}}
    }
}`)
	got, err := ValidateJSON(data, IdentityPolicy)
	require.NoError(t, err)
	d, err := Parse(data)
	require.NoError(t, err)
	require.Equal(t, Validate(d, IdentityPolicy), got)
	want := []Finding{
		f(SeverityWarning, CodeMissingVersion, ""),
		f(SeverityError, CodeInvalidSid, "Statement[0].Sid"),
		f(SeverityWarning, CodeNoncanonicalOperator, "Statement[0].Condition.numericlessthan"),
		f(SeverityError, CodeInvalidConditionValue, "Statement[0].Condition.numericlessthan.kms:RotationPeriodInDays[0]"),
		f(SeverityWarning, CodeVariableLiteral, "Statement[0].Condition.numericlessthan.kms:RotationPeriodInDays[0]"),
	}
	if diff := cmp.Diff(want, stripMessages(t, got)); diff != "" {
		t.Errorf("findings (-want +got):\n%s", diff)
	}
}

// bigDoc returns a key-policy-shaped document with n principal ARNs.
func bigDoc(n int) *Document {
	arns := make([]string, n)
	for i := range arns {
		arns[i] = "arn:aws:iam::111122223333:role/Role" + strconv.Itoa(100000+i)
	}
	return doc(Statement{Sid: "Use", Effect: Allow, Principal: AWSPrincipal(arns...), Action: List("kms:Decrypt"), Resource: List("*")})
}

func sizeFindings(fs []Finding) int {
	n := 0
	for _, f := range fs {
		if f.Code == CodePolicySizeExceeded {
			n++
		}
	}
	return n
}

func TestValidateJSONMeasuresTheSubmittedText(t *testing.T) {
	for _, tt := range []struct {
		name       string
		kind       Kind
		principals int
		// whether the compact form and the formatted form exceed the quota
		compactOver, formattedOver bool
	}{
		// 44 characters per ARN compact, about 17 more formatted: 640
		// ARNs are ~28 KB compact and ~39 KB formatted.
		{"a key policy counts whitespace as bytes", KeyPolicy, 640, false, true},
		{"an identity policy leaves whitespace out", IdentityPolicy, 120, false, false},
		{"an identity policy over its quota is over in both forms", IdentityPolicy, 140, true, true},
		{"an RCP counts whitespace", RCP, 100, false, true},
		{"an SCP counts whitespace", SCP, 100, false, true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var d *Document
			switch tt.kind {
			case KeyPolicy:
				d = bigDoc(tt.principals)
			case RCP:
				d = bigDocCondition(tt.principals, Everyone())
			default:
				d = bigDocCondition(tt.principals, nil)
			}
			compact, err := d.Compact()
			require.NoError(t, err)
			formatted, err := d.Format()
			require.NoError(t, err)
			require.Greater(t, len(formatted), len(compact))
			fromDoc := Validate(d, tt.kind)
			fromCompact, err := ValidateJSON(compact, tt.kind)
			require.NoError(t, err)
			fromFormatted, err := ValidateJSON(formatted, tt.kind)
			require.NoError(t, err)
			require.Equal(t, fromDoc, fromCompact, "Validate measures the compact JSON")
			require.Equal(t, tt.compactOver, sizeFindings(fromCompact) == 1, "compact: %d bytes", len(compact))
			require.Equal(t, tt.formattedOver, sizeFindings(fromFormatted) == 1, "formatted: %d bytes", len(formatted))
		})
	}
}

// bigDocCondition returns a Deny statement whose ArnNotEquals condition
// lists n role ARNs, with principal p (nil for identity-shaped policies).
func bigDocCondition(n int, p *Principal) *Document {
	arns := make([]string, n)
	for i := range arns {
		arns[i] = "arn:aws:iam::111122223333:role/Role" + strconv.Itoa(100000+i)
	}
	return doc(Statement{Effect: Deny, Principal: p, Action: List("s3:GetObject"), Resource: List("*"),
		Condition: NewCondition("ArnNotEquals", "aws:PrincipalArn", arns...)})
}

// The real documents in testdata, validated as the kind each one is. The
// findings listed are the only ones: every other document is clean.
func TestValidateJSONRealDocuments(t *testing.T) {
	for _, tt := range []struct {
		file string
		kind Kind
		want []Finding
	}{
		{"cloudhsm-admin-policy.json", IdentityPolicy,
			[]Finding{f(SeveritySecurityWarning, CodeFullServiceAccess, "Statement[0].Action[0]")}},
		{"cloudhsm-power-user-policy.json", IdentityPolicy, nil},
		{"cloudhsm-read-only-policy.json", IdentityPolicy, nil},
		{"ecr-repository-policy.json", ResourcePolicy,
			[]Finding{f(SeverityWarning, CodeMissingResource, "Statement[0]")}},
		{"identity-custom-key-store-manager.json", IdentityPolicy, nil},
		{"identity-every-operator.json", IdentityPolicy, nil},
		{"identity-no-version-literal-variables.json", IdentityPolicy, []Finding{
			f(SeverityWarning, CodeMissingVersion, ""),
			f(SeverityWarning, CodeVariableLiteral, "Statement[0].Resource[0]"),
		}},
		{"identity-policy-variables.json", IdentityPolicy, nil},
		{"identity-single-statement-object.json", IdentityPolicy,
			[]Finding{f(SeveritySecurityWarning, CodeFullServiceAccess, "Statement[0].Action[0]")}},
		{"kms-console-key-policy.json", KeyPolicy, nil},
		{"kms-custom-key-store-slr-policy-v1.json", IdentityPolicy, nil},
		{"kms-custom-key-store-slr-policy-v2.json", IdentityPolicy, nil},
		{"kms-custom-key-store-slr-policy-v2.json", PermissionsBoundary, nil},
		{"kms-custom-key-store-slr-policy-v2.json", SessionPolicy, nil},
		{"kms-default-key-policy.json", KeyPolicy, nil},
		{"kms-key-policy-via-service.json", KeyPolicy, nil},
		{"permissions-boundary-developer.json", PermissionsBoundary, nil},
		{"rcp-data-perimeter.json", RCP, nil},
		{"rcp-enforce-secure-transport.json", RCP, nil},
		{"s3-bucket-canonical-user.json", ResourcePolicy, nil},
		{"s3-bucket-cloudfront-oac.json", ResourcePolicy, nil},
		{"s3-bucket-deny-insecure-transport.json", ResourcePolicy, nil},
		{"s3-bucket-ip-and-referer.json", ResourcePolicy, nil},
		{"s3-bucket-notprincipal-deny.json", ResourcePolicy, nil},
		{"s3-bucket-vpc-endpoint-only.json", ResourcePolicy, nil},
		{"scp-deny-outside-regions.json", SCP, nil},
		{"scp-protect-organization.json", SCP, nil},
		{"scp-require-kms-tags.json", SCP, nil},
		{"session-policy-read-one-prefix.json", SessionPolicy, nil},
		{"sns-topic-policy-latin1-and-html-characters.json", ResourcePolicy, nil},
		{"sqs-queue-policy-version-2008.json", ResourcePolicy,
			[]Finding{f(SeverityWarning, CodeOldVersion, "Version")}},
		{"trust-policy-cognito.json", TrustPolicy, nil},
		{"trust-policy-cross-account-mfa.json", TrustPolicy, nil},
		{"trust-policy-custom-key-store-slr.json", TrustPolicy, nil},
		{"trust-policy-ec2.json", TrustPolicy, nil},
		{"trust-policy-oidc-github.json", TrustPolicy, nil},
		{"trust-policy-saml.json", TrustPolicy, nil},
	} {
		t.Run(tt.file+" as "+tt.kind.describe(), func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join("testdata", tt.file))
			require.NoError(t, err)
			got, err := ValidateJSON(data, tt.kind)
			require.NoError(t, err)
			if diff := cmp.Diff(tt.want, stripMessages(t, got)); diff != "" {
				t.Errorf("findings (-want +got):\n%s", diff)
			}
		})
	}
}

// Every real document breaks its rules when used as the wrong kind: a
// trust policy is no identity policy, a key policy is no SCP.
func TestValidateJSONWrongKind(t *testing.T) {
	for _, tt := range []struct {
		file string
		kind Kind
		code string
	}{
		{"trust-policy-ec2.json", IdentityPolicy, CodePrincipalNotAllowed},
		{"kms-default-key-policy.json", SCP, CodePrincipalNotAllowed},
		{"kms-custom-key-store-slr-policy-v2.json", KeyPolicy, CodeMissingPrincipal},
		{"s3-bucket-notprincipal-deny.json", KeyPolicy, CodeNotPrincipalNotAllowed},
		{"cloudhsm-read-only-policy.json", TrustPolicy, CodeInvalidTrustAction},
		{"scp-deny-outside-regions.json", RCP, CodeMissingPrincipal},
	} {
		t.Run(tt.file+" as "+tt.kind.describe(), func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join("testdata", tt.file))
			require.NoError(t, err)
			got, err := ValidateJSON(data, tt.kind)
			require.NoError(t, err)
			codes := make([]string, len(got))
			for i, g := range got {
				codes[i] = g.Code
			}
			require.Contains(t, codes, tt.code)
		})
	}
}

func TestValidateSkipsTheQuotaForAnUnwritableDocument(t *testing.T) {
	d := doc(allow("kms:Encrypt", "arn:aws:s3:::b/\u2603"))
	got := stripMessages(t, Validate(d, IdentityPolicy, WithQuota(Quota{Name: "tiny", Limit: 1})))
	require.Equal(t, []Finding{f(SeverityError, CodeInvalidCharacter, "Statement[0].Resource[0]")}, got)
}

func TestCompactFailureWithoutOtherErrorsIsAFinding(t *testing.T) {
	// Validate's own checks explain every way Compact can fail; should
	// one be missed, the failure itself is reported, never a clean result.
	v := &validator{doc: doc(allow("kms:Encrypt", "arn:aws:s3:::b/\u2603")), kind: IdentityPolicy}
	require.Nil(t, v.compact())
	require.Len(t, v.findings, 1)
	require.Equal(t, SeverityError, v.findings[0].Severity)
	require.Equal(t, CodeInvalidDocument, v.findings[0].Code)
	require.Equal(t, "Statement[0].Resource", v.findings[0].Path, "the writer names the bare string")
}
