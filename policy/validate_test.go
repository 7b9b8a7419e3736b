package policy

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"
)

// Test helpers: documents built from struct literals.

const keyARN = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"

func doc(sts ...Statement) *Document {
	return &Document{Version: Version2012, Statement: sts}
}

func allow(action, resource string) Statement {
	return Statement{Effect: Allow, Action: List(action), Resource: List(resource)}
}

func deny(action, resource string) Statement {
	return Statement{Effect: Deny, Action: List(action), Resource: List(resource)}
}

func with(st Statement, edit func(*Statement)) Statement {
	edit(&st)
	return st
}

func withDoc(d *Document, edit func(*Document)) *Document {
	edit(d)
	return d
}

// f is a finding without its message; see stripMessages.
func f(sev Severity, code, path string) Finding {
	return Finding{Severity: sev, Code: code, Path: path}
}

// stripMessages checks that every finding has a one-line message and
// returns the findings without it, for comparison.
func stripMessages(t *testing.T, got []Finding) []Finding {
	t.Helper()
	if len(got) == 0 {
		return nil
	}
	out := make([]Finding, len(got))
	for i, g := range got {
		require.NotEmpty(t, g.Message, "finding %v has no message", g)
		require.NotContains(t, g.Message, "\n", "finding %v message is not one line", g)
		g.Message = ""
		out[i] = g
	}
	return out
}

type validateCase struct {
	name string
	kind Kind
	doc  *Document
	want []Finding
}

func runValidateCases(t *testing.T, tests []validateCase) {
	t.Helper()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := stripMessages(t, Validate(tt.doc, tt.kind))
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Validate findings (-want +got):\n%s", diff)
			}
		})
	}
}

func TestValidateDocumentFindings(t *testing.T) {
	runValidateCases(t, []validateCase{
		{"a kind outside the defined ones is an error", Kind(99),
			doc(allow("kms:Encrypt", keyARN)),
			[]Finding{f(SeverityError, CodeUnknownKind, "")}},
		{"the zero kind is an error", Kind(0),
			doc(allow("kms:Encrypt", keyARN)),
			[]Finding{f(SeverityError, CodeUnknownKind, "")}},
		{"a missing Version is a warning in an identity policy", IdentityPolicy,
			&Document{Statement: []Statement{allow("kms:Encrypt", keyARN)}},
			[]Finding{f(SeverityWarning, CodeMissingVersion, "")}},
		{"a missing Version is an error in a key policy", KeyPolicy,
			&Document{Statement: []Statement{with(allow("kms:Encrypt", "*"), func(s *Statement) {
				s.Principal = AWSPrincipal("arn:aws:iam::111122223333:root")
			})}},
			[]Finding{f(SeverityError, CodeMissingVersion, "")}},
		{"a missing Version is an error in an SCP", SCP,
			&Document{Statement: []Statement{deny("s3:*", "*")}},
			[]Finding{f(SeverityError, CodeMissingVersion, "")}},
		{"an unknown Version is an error", IdentityPolicy,
			withDoc(doc(allow("kms:Encrypt", keyARN)), func(d *Document) { d.Version = "2012-10-18" }),
			[]Finding{f(SeverityError, CodeUnknownVersion, "Version")}},
		{"Version 2008-10-17 is a warning in an identity policy", IdentityPolicy,
			withDoc(doc(allow("kms:Encrypt", keyARN)), func(d *Document) { d.Version = Version2008 }),
			[]Finding{f(SeverityWarning, CodeOldVersion, "Version")}},
		{"Version 2008-10-17 is an error in an RCP", RCP,
			withDoc(doc(with(deny("s3:*", "*"), func(s *Statement) { s.Principal = Everyone() })),
				func(d *Document) { d.Version = Version2008 }),
			[]Finding{f(SeverityError, CodeOldVersion, "Version")}},
		{"an Id in an identity policy is a warning", IdentityPolicy,
			withDoc(doc(allow("kms:Encrypt", keyARN)), func(d *Document) { d.ID = "my-policy" }),
			[]Finding{f(SeverityWarning, CodeIDNotAllowed, "Id")}},
		{"an Id in a session policy is a warning", SessionPolicy,
			withDoc(doc(allow("kms:Encrypt", keyARN)), func(d *Document) { d.ID = "my-policy" }),
			[]Finding{f(SeverityWarning, CodeIDNotAllowed, "Id")}},
		{"an Id in a key policy is fine", KeyPolicy,
			withDoc(doc(with(allow("kms:Encrypt", "*"), func(s *Statement) {
				s.Principal = AWSPrincipal("111122223333")
			})), func(d *Document) { d.ID = "key-default-1" }),
			nil},
		{"a document without statements is an error", IdentityPolicy,
			doc(),
			[]Finding{f(SeverityError, CodeMissingStatement, "Statement")}},
		{"characters outside the policy character set are errors", IdentityPolicy,
			withDoc(doc(Statement{Sid: "S\u0101", Effect: Deny, Action: List("kms:Encrypt"), Resource: List("arn:aws:s3:::b/\x00"),
				Principal: &Principal{Service: List("a\xffb")},
				Condition: NewCondition("StringEquals", "aws:PrincipalTag/t\u2028", "caf\u00e9", "\U0001F600")}),
				func(d *Document) { d.ID = "id\x01" }),
			[]Finding{
				f(SeverityError, CodeInvalidCharacter, "Id"),
				f(SeverityWarning, CodeIDNotAllowed, "Id"),
				f(SeverityError, CodeInvalidCharacter, "Statement[0].Sid"),
				f(SeverityError, CodeInvalidSid, "Statement[0].Sid"),
				f(SeverityError, CodePrincipalNotAllowed, "Statement[0].Principal"),
				f(SeverityError, CodeInvalidCharacter, "Statement[0].Principal.Service[0]"),
				f(SeverityError, CodeInvalidCharacter, "Statement[0].Resource[0]"),
				f(SeverityError, CodeInvalidCharacter, "Statement[0].Condition.StringEquals.aws:PrincipalTag/t\u2028"),
				f(SeverityError, CodeInvalidCharacter, "Statement[0].Condition.StringEquals.aws:PrincipalTag/t\u2028[1]"),
			}},
		{"a nil document is an error", IdentityPolicy,
			nil,
			[]Finding{f(SeverityError, CodeMissingStatement, "Statement")}},
	})
}

func TestValidateSidFindings(t *testing.T) {
	keyStmt := func(sid string) Statement {
		return with(allow("kms:Encrypt", "*"), func(s *Statement) {
			s.Sid = sid
			s.Principal = AWSPrincipal("arn:aws:iam::111122223333:root")
		})
	}
	runValidateCases(t, []validateCase{
		{"a Sid with a space is an error in an identity policy", IdentityPolicy,
			doc(with(allow("kms:Encrypt", keyARN), func(s *Statement) { s.Sid = "Allow use" })),
			[]Finding{f(SeverityError, CodeInvalidSid, "Statement[0].Sid")}},
		{"a Sid with a hyphen is an error in an SCP", SCP,
			doc(with(deny("s3:*", "*"), func(s *Statement) { s.Sid = "deny-s3" })),
			[]Finding{f(SeverityError, CodeInvalidSid, "Statement[0].Sid")}},
		{"a Sid with an underscore is an error in a trust policy", TrustPolicy,
			doc(Statement{Sid: "Trust_KMS", Effect: Allow, Principal: ServicePrincipal("cks.kms.amazonaws.com"), Action: List("sts:AssumeRole")}),
			[]Finding{f(SeverityError, CodeInvalidSid, "Statement[0].Sid")}},
		{"a Sid with spaces is fine in a key policy", KeyPolicy,
			doc(keyStmt("Allow access for Key Administrators")),
			nil},
		{"a Sid with a newline is an error in a key policy", KeyPolicy,
			doc(keyStmt("Allow\nuse")),
			[]Finding{f(SeverityError, CodeInvalidSid, "Statement[0].Sid")}},
		{"a duplicate Sid is an error in an identity policy", IdentityPolicy,
			doc(
				with(allow("kms:Encrypt", keyARN), func(s *Statement) { s.Sid = "Use" }),
				with(allow("kms:Decrypt", keyARN), func(s *Statement) { s.Sid = "Other" }),
				with(allow("kms:DescribeKey", keyARN), func(s *Statement) { s.Sid = "Use" }),
			),
			[]Finding{f(SeverityError, CodeDuplicateSid, "Statement[2].Sid")}},
		{"a duplicate Sid is a warning in a key policy", KeyPolicy,
			doc(keyStmt("Use"), keyStmt("Use")),
			[]Finding{f(SeverityWarning, CodeDuplicateSid, "Statement[1].Sid")}},
	})
}

func TestValidatePrincipalFindings(t *testing.T) {
	bucket := "arn:aws:s3:::amzn-s3-demo-bucket/*"
	runValidateCases(t, []validateCase{
		{"a Principal in an identity policy is an error", IdentityPolicy,
			doc(with(allow("kms:Encrypt", keyARN), func(s *Statement) { s.Principal = AWSPrincipal("111122223333") })),
			[]Finding{f(SeverityError, CodePrincipalNotAllowed, "Statement[0].Principal")}},
		{"a Principal in a permissions boundary is an error", PermissionsBoundary,
			doc(with(allow("kms:Encrypt", keyARN), func(s *Statement) { s.Principal = AWSPrincipal("111122223333") })),
			[]Finding{f(SeverityError, CodePrincipalNotAllowed, "Statement[0].Principal")}},
		{"a Principal in a session policy is an error", SessionPolicy,
			doc(with(allow("kms:Encrypt", keyARN), func(s *Statement) { s.Principal = AWSPrincipal("111122223333") })),
			[]Finding{f(SeverityError, CodePrincipalNotAllowed, "Statement[0].Principal")}},
		{"a Principal in an SCP is an error", SCP,
			doc(with(deny("s3:*", "*"), func(s *Statement) { s.Principal = Everyone() })),
			[]Finding{f(SeverityError, CodePrincipalNotAllowed, "Statement[0].Principal")}},
		{"a NotPrincipal in an identity policy is an error", IdentityPolicy,
			doc(with(deny("kms:Encrypt", keyARN), func(s *Statement) { s.NotPrincipal = AWSPrincipal("111122223333") })),
			[]Finding{f(SeverityError, CodeNotPrincipalNotAllowed, "Statement[0].NotPrincipal")}},
		{"a NotPrincipal in a trust policy is an error and leaves the Principal missing", TrustPolicy,
			doc(Statement{Effect: Deny, NotPrincipal: AWSPrincipal("111122223333"), Action: List("sts:AssumeRole")}),
			[]Finding{
				f(SeverityError, CodeMissingPrincipal, "Statement[0]"),
				f(SeverityError, CodeNotPrincipalNotAllowed, "Statement[0].NotPrincipal"),
			}},
		{"a NotPrincipal in a key policy is an error", KeyPolicy,
			doc(with(deny("kms:*", "*"), func(s *Statement) {
				s.Principal = Everyone()
				s.NotPrincipal = AWSPrincipal("arn:aws:iam::111122223333:root")
			})),
			[]Finding{
				f(SeverityError, CodeConflictingElements, "Statement[0].NotPrincipal"),
				f(SeverityError, CodeNotPrincipalNotAllowed, "Statement[0].NotPrincipal"),
			}},
		{"a NotPrincipal with Deny is fine in a resource policy", ResourcePolicy,
			doc(with(deny("s3:*", bucket), func(s *Statement) {
				s.NotPrincipal = AWSPrincipal("arn:aws:iam::111122223333:root", "arn:aws:iam::111122223333:user/Bob")
			})),
			nil},
		{"a NotPrincipal with Allow is a security warning", ResourcePolicy,
			doc(with(allow("s3:GetObject", bucket), func(s *Statement) { s.NotPrincipal = AWSPrincipal("111122223333") })),
			[]Finding{f(SeveritySecurityWarning, CodeNotPrincipalWithAllow, "Statement[0].NotPrincipal")}},
		{"a resource policy statement without a principal is an error", ResourcePolicy,
			doc(allow("s3:GetObject", bucket)),
			[]Finding{f(SeverityError, CodeMissingPrincipal, "Statement[0]")}},
		{"a key policy statement without a principal is an error", KeyPolicy,
			doc(allow("kms:Encrypt", "*")),
			[]Finding{f(SeverityError, CodeMissingPrincipal, "Statement[0]")}},
		{"a trust policy statement without a principal is an error", TrustPolicy,
			doc(Statement{Effect: Allow, Action: List("sts:AssumeRole")}),
			[]Finding{f(SeverityError, CodeMissingPrincipal, "Statement[0]")}},
		{"an RCP statement without a principal is an error", RCP,
			doc(deny("s3:*", "*")),
			[]Finding{f(SeverityError, CodeMissingPrincipal, "Statement[0]")}},
		{"an RCP principal other than the string * is an error", RCP,
			doc(with(deny("s3:*", "*"), func(s *Statement) { s.Principal = AWSPrincipal("*") })),
			[]Finding{f(SeverityError, CodeRCPPrincipalNotWildcard, "Statement[0].Principal")}},
		{"principal values with partial wildcards, bad accounts or foreign ARNs are errors; a deleted principal's unique ID is a warning", ResourcePolicy,
			doc(with(deny("s3:*", bucket), func(s *Statement) {
				s.Principal = &Principal{
					AWS: List("arn:aws:iam::*:root", "12345", "arn:aws:s3:::bucket", "arn:aws:iam::12345:role/x", "arn:aws:iam::111122223333:role/ok",
						"arn:aws:iam::111122223333:group/Admins", "AROA3XFRBF535PLBIFPI4", "arn:aws:sts::111122223333:assumed-role/R/s"),
					Service: List("*.amazonaws.com", "*"),
				}
			})),
			[]Finding{
				f(SeverityError, CodeInvalidPrincipal, "Statement[0].Principal.AWS[0]"),
				f(SeverityError, CodeInvalidPrincipal, "Statement[0].Principal.AWS[1]"),
				f(SeverityError, CodeInvalidPrincipal, "Statement[0].Principal.AWS[2]"),
				f(SeverityError, CodeInvalidPrincipal, "Statement[0].Principal.AWS[3]"),
				f(SeverityError, CodeInvalidPrincipal, "Statement[0].Principal.AWS[5]"),
				f(SeverityWarning, CodeDeletedPrincipal, "Statement[0].Principal.AWS[6]"),
				f(SeverityError, CodeInvalidPrincipal, "Statement[0].Principal.Service[0]"),
				f(SeverityError, CodeInvalidPrincipal, "Statement[0].Principal.Service[1]"),
			}},
		{"principal ARNs not written as AWS writes them name no one and are errors", ResourcePolicy,
			doc(with(deny("s3:*", bucket), func(s *Statement) {
				s.Principal = &Principal{AWS: List("arn:aws:iam::111122223333:Root", "arn:aws:iam::111122223333:ROLE/x", "arn:AWS:iam::111122223333:role/x",
					"arn:aws:sts::111122223333:Assumed-Role/R/s", "arn:aws:iam::111122223333:saml-provider/idp", "arn:aws:iam::111122223333:root")}
			})),
			[]Finding{
				f(SeverityError, CodeInvalidPrincipal, "Statement[0].Principal.AWS[0]"),
				f(SeverityError, CodeInvalidPrincipal, "Statement[0].Principal.AWS[1]"),
				f(SeverityError, CodeInvalidPrincipal, "Statement[0].Principal.AWS[2]"),
				f(SeverityError, CodeInvalidPrincipal, "Statement[0].Principal.AWS[3]"),
				f(SeverityError, CodeInvalidPrincipal, "Statement[0].Principal.AWS[4]"),
			}},
		{"a principal naming no one is an error", ResourcePolicy,
			doc(with(deny("s3:*", bucket), func(s *Statement) { s.Principal = &Principal{} })),
			[]Finding{f(SeverityError, CodeInvalidPrincipal, "Statement[0].Principal")}},
		{"a principal that is both * and a map is an error", ResourcePolicy,
			doc(with(deny("s3:*", bucket), func(s *Statement) { s.Principal = &Principal{Wildcard: true, AWS: List("111122223333")} })),
			[]Finding{f(SeverityError, CodeInvalidPrincipal, "Statement[0].Principal")}},
		{"a CloudFront origin access identity is a valid principal", ResourcePolicy,
			doc(with(allow("s3:GetObject", bucket), func(s *Statement) {
				s.Principal = AWSPrincipal("arn:aws:iam::cloudfront:user/CloudFront Origin Access Identity E2QWRUHAPOMQZL")
			})),
			nil},
		{"the principal * in a trust policy is a security warning", TrustPolicy,
			doc(Statement{Effect: Allow, Principal: Everyone(), Action: List("sts:AssumeRole"),
				Condition: NewCondition("StringEquals", "sts:ExternalId", "example")}),
			[]Finding{f(SeveritySecurityWarning, CodePublicPrincipal, "Statement[0].Principal")}},
		{"the principal AWS * without a condition in a resource policy is a security warning", ResourcePolicy,
			doc(with(allow("s3:GetObject", bucket), func(s *Statement) { s.Principal = AWSPrincipal("111122223333", "*") })),
			[]Finding{f(SeveritySecurityWarning, CodePublicPrincipal, "Statement[0].Principal.AWS[1]")}},
		{"the principal * with a condition in a key policy is fine", KeyPolicy,
			doc(with(allow("kms:Decrypt", "*"), func(s *Statement) {
				s.Principal = AWSPrincipal("*")
				s.Condition = NewCondition("StringEquals", "kms:CallerAccount", "111122223333")
			})),
			nil},
	})
}

func TestValidateActionFindings(t *testing.T) {
	runValidateCases(t, []validateCase{
		{"a statement without Action or NotAction is an error", IdentityPolicy,
			doc(Statement{Effect: Allow, Resource: List(keyARN)}),
			[]Finding{f(SeverityError, CodeMissingAction, "Statement[0]")}},
		{"Action with NotAction is an error", IdentityPolicy,
			doc(with(deny("kms:Encrypt", keyARN), func(s *Statement) { s.NotAction = List("kms:Decrypt") })),
			[]Finding{f(SeverityError, CodeConflictingElements, "Statement[0].NotAction")}},
		{"actions not of the form service:Action are errors", IdentityPolicy,
			doc(Statement{Effect: Deny, Resource: List("*"),
				Action: List("kms-Encrypt", "kms:", ":Encrypt", "k*s:Encrypt", "kms:Re_Encrypt", "", "kms:Re?ncrypt*", "KMS:encrypt")}),
			[]Finding{
				f(SeverityError, CodeMalformedAction, "Statement[0].Action[0]"),
				f(SeverityError, CodeMalformedAction, "Statement[0].Action[1]"),
				f(SeverityError, CodeMalformedAction, "Statement[0].Action[2]"),
				f(SeverityError, CodeMalformedAction, "Statement[0].Action[3]"),
				f(SeverityError, CodeMalformedAction, "Statement[0].Action[4]"),
				f(SeverityError, CodeMalformedAction, "Statement[0].Action[5]"),
			}},
		{"a hyphen in an action name is well-formed (vpc-lattice:AssociateViaAWSService-EventsAndStates, EventBridge user guide)", IdentityPolicy,
			doc(Statement{Effect: Allow, Resource: List("*"),
				Action: List("vpc-lattice:AssociateViaAWSService-EventsAndStates", "vpc-lattice:AssociateViaAWSService-*")}),
			nil},
		{"a malformed NotAction is an error", IdentityPolicy,
			doc(Statement{Effect: Deny, Resource: List("*"), NotAction: List("iam:*", "iam Get")}),
			[]Finding{f(SeverityError, CodeMalformedAction, "Statement[0].NotAction[1]")}},
		{"NotAction with Allow is a security warning", IdentityPolicy,
			doc(Statement{Effect: Allow, NotAction: List("iam:*"), Resource: List(keyARN)}),
			[]Finding{f(SeveritySecurityWarning, CodeAllowWithNotAction, "Statement[0].NotAction")}},
		{"NotAction in an RCP is an error", RCP,
			doc(Statement{Effect: Deny, Principal: Everyone(), NotAction: List("s3:GetObject"), Resource: List("*")}),
			[]Finding{f(SeverityError, CodeNotActionNotSupported, "Statement[0].NotAction")}},
		{"NotAction in a key policy is an error", KeyPolicy,
			doc(Statement{Effect: Deny, Principal: AWSPrincipal("111122223333"), NotAction: List("kms:Decrypt"), Resource: List("*")}),
			[]Finding{f(SeverityError, CodeNotActionNotSupported, "Statement[0].NotAction")}},
		{"Allow of every action is a security warning in an identity policy", IdentityPolicy,
			doc(allow("*", "arn:aws:s3:::amzn-s3-demo-bucket")),
			[]Finding{f(SeveritySecurityWarning, CodeAllowAllActions, "Statement[0].Action[0]")}},
		{"Allow of every action is fine in an SCP, which grants nothing", SCP,
			doc(allow("*", "*")),
			nil},
		{"Allow of kms:* on * in an identity policy is a security warning", IdentityPolicy,
			doc(allow("kms:*", "*")),
			[]Finding{f(SeveritySecurityWarning, CodeFullServiceAccess, "Statement[0].Action[0]")}},
		{"Allow of kms:* on * with a condition is not flagged", IdentityPolicy,
			doc(with(allow("kms:*", "*"), func(s *Statement) {
				s.Condition = NewCondition("StringEquals", "aws:ResourceTag/team", "blue")
			})),
			nil},
		{"Allow of kms:* on one key is not flagged", IdentityPolicy,
			doc(allow("kms:*", keyARN)),
			nil},
		{"trust policy actions outside sts:AssumeRole* and session actions are errors", TrustPolicy,
			doc(Statement{Effect: Allow, Principal: ServicePrincipal("cks.kms.amazonaws.com"),
				Action: List("sts:AssumeRole", "sts:AssumeRole*", "sts:*", "STS:tagsession", "sts:SetSourceIdentity", "s3:GetObject", "sts:GetCallerIdentity")}),
			[]Finding{
				f(SeverityError, CodeInvalidTrustAction, "Statement[0].Action[5]"),
				f(SeverityError, CodeInvalidTrustAction, "Statement[0].Action[6]"),
			}},
		{"an RCP statement with Allow is an error", RCP,
			doc(with(allow("s3:*", "*"), func(s *Statement) { s.Principal = Everyone() })),
			[]Finding{f(SeverityError, CodeRCPAllow, "Statement[0].Effect")}},
		{"the action * in an RCP is an error", RCP,
			doc(with(deny("*", "*"), func(s *Statement) { s.Principal = Everyone() })),
			[]Finding{f(SeverityError, CodeRCPActionWildcard, "Statement[0].Action[0]")}},
		{"an Effect other than Allow or Deny is an error", IdentityPolicy,
			doc(Statement{Effect: "allow", Action: List("kms:Encrypt"), Resource: List(keyARN)}),
			[]Finding{f(SeverityError, CodeInvalidEffect, "Statement[0].Effect")}},
	})
}

func TestValidateResourceFindings(t *testing.T) {
	runValidateCases(t, []validateCase{
		{"a statement without Resource is an error in an identity policy", IdentityPolicy,
			doc(Statement{Effect: Allow, Action: List("kms:Encrypt")}),
			[]Finding{f(SeverityError, CodeMissingResource, "Statement[0]")}},
		{"a statement without Resource is a warning in an SCP", SCP,
			doc(Statement{Effect: Allow, Action: List("s3:*")}),
			[]Finding{f(SeverityWarning, CodeMissingResource, "Statement[0]")}},
		{"a statement without Resource is a warning in a resource policy", ResourcePolicy,
			doc(Statement{Effect: Allow, Principal: AWSPrincipal("111122223333"), Action: List("ecr:BatchGetImage")}),
			[]Finding{f(SeverityWarning, CodeMissingResource, "Statement[0]")}},
		{"a statement without Resource is an error in a key policy", KeyPolicy,
			doc(Statement{Effect: Allow, Principal: AWSPrincipal("111122223333"), Action: List("kms:Encrypt")}),
			[]Finding{f(SeverityError, CodeMissingResource, "Statement[0]")}},
		{"a statement without Resource is fine in a trust policy", TrustPolicy,
			doc(Statement{Effect: Allow, Principal: ServicePrincipal("cks.kms.amazonaws.com"), Action: List("sts:AssumeRole")}),
			nil},
		{"Resource in a trust policy is an error (IAM: Has prohibited field Resource)", TrustPolicy,
			doc(Statement{Effect: Allow, Principal: ServicePrincipal("ec2.amazonaws.com"), Action: List("sts:AssumeRole"), Resource: List("*")}),
			[]Finding{f(SeverityError, CodeResourceNotAllowed, "Statement[0].Resource")}},
		{"NotResource in a trust policy is an error too", TrustPolicy,
			doc(Statement{Effect: Deny, Principal: AWSPrincipal("111122223333"), Action: List("sts:AssumeRole"), NotResource: List("*")}),
			[]Finding{f(SeverityError, CodeResourceNotAllowed, "Statement[0].NotResource")}},
		{"Resource with NotResource is an error", IdentityPolicy,
			doc(with(deny("kms:Encrypt", keyARN), func(s *Statement) { s.NotResource = List(keyARN) })),
			[]Finding{f(SeverityError, CodeConflictingElements, "Statement[0].NotResource")}},
		{"NotResource with Allow is a security warning", IdentityPolicy,
			doc(Statement{Effect: Allow, Action: List("s3:GetObject"), NotResource: List("arn:aws:s3:::secret/*")}),
			[]Finding{f(SeveritySecurityWarning, CodeAllowWithNotResource, "Statement[0].NotResource")}},
		{"values that are not ARNs are errors", IdentityPolicy,
			doc(Statement{Effect: Deny, Action: List("s3:*"),
				Resource: List("amzn-s3-demo-bucket", "arn:aws:s3", "arn::s3:::b", "**", "arn:aws:s3:::amzn-s3-demo-bucket/*")}),
			[]Finding{
				f(SeverityError, CodeMalformedARN, "Statement[0].Resource[0]"),
				f(SeverityError, CodeMalformedARN, "Statement[0].Resource[1]"),
				f(SeverityError, CodeMalformedARN, "Statement[0].Resource[2]"),
				f(SeverityError, CodeMalformedARN, "Statement[0].Resource[3]"),
			}},
		{"NotResource in a key policy is an error", KeyPolicy,
			doc(Statement{Effect: Deny, Principal: AWSPrincipal("111122223333"), Action: List("kms:Decrypt"), NotResource: List("*")}),
			[]Finding{f(SeverityError, CodeNotResourceNotSupported, "Statement[0].NotResource")}},
		{"values are indexed whether written as a bare string or an array", IdentityPolicy,
			doc(Statement{Effect: Deny, Action: Strings{Values: []string{"s3*"}, Array: true}, Resource: List("bucket"),
				Condition: Condition{{Operator: "Bool", Entries: []ConditionEntry{{Key: "aws:SecureTransport", Values: StringValues("no"), Array: true}}}}}),
			[]Finding{
				f(SeverityError, CodeMalformedAction, "Statement[0].Action[0]"),
				f(SeverityError, CodeMalformedARN, "Statement[0].Resource[0]"),
				f(SeverityError, CodeInvalidConditionValue, "Statement[0].Condition.Bool.aws:SecureTransport[0]"),
			}},
		{"API Gateway's execute-api:/ shorthand is fine in a resource policy (apigateway-resource-policies-examples)", ResourcePolicy,
			doc(Statement{Effect: Allow, Principal: AWSPrincipal("arn:aws:iam::111122223333:role/developer"), Action: List("execute-api:Invoke"),
				Resource: List("execute-api:/stage/GET/pets", "execute-api:/*")}),
			nil},
		{"the execute-api:/ shorthand is not an ARN in an identity policy", IdentityPolicy,
			doc(Statement{Effect: Allow, Action: List("execute-api:Invoke"), Resource: List("execute-api:/*")}),
			[]Finding{f(SeverityError, CodeMalformedARN, "Statement[0].Resource[0]")}},
		{"an incomplete ARN with a wildcard is a warning, as AWS's own managed policies use them", IdentityPolicy,
			doc(Statement{Effect: Allow, Action: List("sqs:*", "rds:*", "organizations:*"),
				Resource: List("arn:aws:sqs:*", "arn:aws:rds:*", "arn:aws:organizations::*:")}),
			[]Finding{
				f(SeverityWarning, CodeIncompleteARNPattern, "Statement[0].Resource[0]"),
				f(SeverityWarning, CodeIncompleteARNPattern, "Statement[0].Resource[1]"),
				f(SeverityWarning, CodeIncompleteARNPattern, "Statement[0].Resource[2]"),
			}},
		{"a malformed NotResource is an error", IdentityPolicy,
			doc(Statement{Effect: Deny, Action: List("s3:*"), NotResource: List("bucket")}),
			[]Finding{f(SeverityError, CodeMalformedARN, "Statement[0].NotResource[0]")}},
		{"a wildcard in the service part of an ARN is an error", IdentityPolicy,
			doc(Statement{Effect: Deny, Action: List("kms:*"),
				Resource: List("arn:aws:*:us-east-1:111122223333:key/x", "arn:aws:k?s:*:*:key/*", "arn:*:kms:*:*:key/*")}),
			[]Finding{
				f(SeverityError, CodeWildcardInService, "Statement[0].Resource[0]"),
				f(SeverityError, CodeWildcardInService, "Statement[0].Resource[1]"),
			}},
		{"a key policy Resource other than * is a warning", KeyPolicy,
			doc(with(allow("kms:Encrypt", keyARN), func(s *Statement) { s.Principal = AWSPrincipal("111122223333") })),
			[]Finding{f(SeverityWarning, CodeKeyPolicyResource, "Statement[0].Resource[0]")}},
		{"a policy variable in the account part of an ARN is a warning, as AWS's own managed policies use one", IdentityPolicy,
			doc(allow("kms:Encrypt", "arn:aws:kms:us-east-1:${aws:PrincipalAccount}:key/*")),
			[]Finding{f(SeverityWarning, CodeVariableOutsideResourcePart, "Statement[0].Resource[0]")}},
		{"a policy variable in the partition of an ARN is a warning", IdentityPolicy,
			doc(allow("s3:GetObject", "arn:${aws:Partition}:s3:::bucket/*")),
			[]Finding{f(SeverityWarning, CodeVariableOutsideResourcePart, "Statement[0].Resource[0]")}},
		{"an empty or nested policy variable is an error", IdentityPolicy,
			doc(allow("s3:GetObject", "arn:aws:s3:::bucket/${}/*"), allow("s3:GetObject", "arn:aws:s3:::bucket/${${aws:username}}/*"),
				with(allow("s3:GetObject", "*"), func(s *Statement) {
					s.Condition = NewCondition("StringLike", "s3:prefix", "home/${ }/*").With("StringEquals", "aws:username", "${${aws:username}}")
				})),
			[]Finding{
				f(SeverityError, CodeMalformedVariable, "Statement[0].Resource[0]"),
				f(SeverityError, CodeMalformedVariable, "Statement[1].Resource[0]"),
				f(SeverityError, CodeMalformedVariable, "Statement[2].Condition.StringLike.s3:prefix[0]"),
				f(SeverityError, CodeMalformedVariable, "Statement[2].Condition.StringEquals.aws:username[0]"),
			}},
		{"a policy variable in the resource part of an ARN is fine", IdentityPolicy,
			doc(allow("s3:GetObject", "arn:aws:s3:::bucket/home/${aws:username}/*")),
			nil},
		{"a variable without Version in an Allow is a warning", IdentityPolicy,
			&Document{Statement: []Statement{allow("s3:GetObject", "arn:aws:s3:::bucket/home/${aws:username}/*")}},
			[]Finding{
				f(SeverityWarning, CodeMissingVersion, ""),
				f(SeverityWarning, CodeVariableLiteral, "Statement[0].Resource[0]"),
			}},
		{"a variable under 2008-10-17 in a Deny is a security warning", IdentityPolicy,
			&Document{Version: Version2008, Statement: []Statement{deny("s3:DeleteObject", "arn:aws:s3:::bucket/home/${aws:username}/*")}},
			[]Finding{
				f(SeverityWarning, CodeOldVersion, "Version"),
				f(SeveritySecurityWarning, CodeVariableLiteral, "Statement[0].Resource[0]"),
			}},
	})
}

func TestValidateConditionFindings(t *testing.T) {
	cond := func(c Condition) *Document {
		return doc(with(deny("kms:Decrypt", keyARN), func(s *Statement) { s.Condition = c }))
	}
	runValidateCases(t, []validateCase{
		{"an unknown operator is an error", IdentityPolicy,
			cond(NewCondition("StringEqulas", "aws:PrincipalTag/team", "blue")),
			[]Finding{f(SeverityError, CodeUnknownOperator, "Statement[0].Condition.StringEqulas")}},
		{"Null with IfExists is an unknown operator", IdentityPolicy,
			cond(NewCondition("NullIfExists", "aws:TokenIssueTime", "true")),
			[]Finding{f(SeverityError, CodeUnknownOperator, "Statement[0].Condition.NullIfExists")}},
		{"an operator in another case is a warning", IdentityPolicy,
			cond(NewCondition("forallvalues:stringequalsifexists", "aws:TagKeys", "team")),
			[]Finding{f(SeverityWarning, CodeNoncanonicalOperator, "Statement[0].Condition.forallvalues:stringequalsifexists")}},
		{"the same operator twice is an error", IdentityPolicy,
			cond(Condition{
				{Operator: "StringEquals", Entries: []ConditionEntry{{Key: "aws:PrincipalTag/a", Values: StringValues("x")}}},
				{Operator: "Bool", Entries: []ConditionEntry{{Key: "aws:SecureTransport", Values: StringValues("false")}}},
				{Operator: "stringEquals", Entries: []ConditionEntry{{Key: "aws:PrincipalTag/b", Values: StringValues("y")}}},
			}),
			[]Finding{
				f(SeverityError, CodeDuplicateCondition, "Statement[0].Condition.stringEquals"),
				f(SeverityWarning, CodeNoncanonicalOperator, "Statement[0].Condition.stringEquals"),
			}},
		{"the same key twice under one operator is an error", IdentityPolicy,
			cond(Condition{{Operator: "StringEquals", Entries: []ConditionEntry{
				{Key: "aws:SourceVpc", Values: StringValues("vpc-1")},
				{Key: "AWS:SourceVPC", Values: StringValues("vpc-2")},
			}}}),
			[]Finding{f(SeverityError, CodeDuplicateCondition, "Statement[0].Condition.StringEquals.AWS:SourceVPC")}},
		{"an operator without keys and a key without values are errors", IdentityPolicy,
			cond(Condition{
				{Operator: "StringEquals"},
				{Operator: "StringLike", Entries: []ConditionEntry{{Key: "aws:PrincipalTag/a"}, {Key: "", Values: StringValues("x")}}},
			}),
			[]Finding{
				f(SeverityError, CodeEmptyCondition, "Statement[0].Condition.StringEquals"),
				f(SeverityError, CodeEmptyCondition, "Statement[0].Condition.StringLike.aws:PrincipalTag/a"),
				f(SeverityError, CodeEmptyCondition, "Statement[0].Condition.StringLike."),
			}},
		{"values their operator cannot read are errors", IdentityPolicy,
			cond(Condition{}.
				With("NumericLessThan", "kms:RotationPeriodInDays", "ten", "90", "1e3", "-2.5").
				With("DateGreaterThan", "aws:CurrentTime", "yesterday", "2020-02-30", "2020-01-01T00:00:00Z", "1700000000").
				WithValues("Bool", "aws:SecureTransport", Value{Text: "yes"}, Value{Text: "true", Kind: BoolValue}, Value{Text: "1", Kind: NumberValue}).
				With("IpAddress", "aws:SourceIp", "300.1.1.1/8", "203.0.113.0/24", "2001:DB8:1234:5678::/64", "10.0.0.1").
				With("BinaryEquals", "aws:x", "!!notbase64", "QmluYXJ5VmFsdWU=").
				With("Null", "aws:TokenIssueTime", "maybe").
				With("ArnLike", "aws:SourceArn", "key/*", "arn:aws:kms:*:111122223333:key/*")),
			[]Finding{
				f(SeverityError, CodeInvalidConditionValue, "Statement[0].Condition.NumericLessThan.kms:RotationPeriodInDays[0]"),
				f(SeverityError, CodeInvalidConditionValue, "Statement[0].Condition.NumericLessThan.kms:RotationPeriodInDays[2]"),
				f(SeverityError, CodeInvalidConditionValue, "Statement[0].Condition.DateGreaterThan.aws:CurrentTime[0]"),
				f(SeverityError, CodeInvalidConditionValue, "Statement[0].Condition.DateGreaterThan.aws:CurrentTime[1]"),
				f(SeverityError, CodeInvalidConditionValue, "Statement[0].Condition.Bool.aws:SecureTransport[0]"),
				f(SeverityError, CodeInvalidConditionValue, "Statement[0].Condition.Bool.aws:SecureTransport[2]"),
				f(SeverityError, CodeInvalidConditionValue, "Statement[0].Condition.IpAddress.aws:SourceIp[0]"),
				f(SeverityError, CodeInvalidConditionValue, "Statement[0].Condition.BinaryEquals.aws:x[0]"),
				f(SeverityError, CodeInvalidConditionValue, "Statement[0].Condition.Null.aws:TokenIssueTime[0]"),
				f(SeverityError, CodeInvalidConditionValue, "Statement[0].Condition.ArnLike.aws:SourceArn[0]"),
			}},
		{"a date that is both a year and epoch seconds is a warning", IdentityPolicy,
			cond(Condition{}.
				With("DateGreaterThan", "aws:CurrentTime", "2020", "20200101", "20201301", "2020-01-01T00:00:00Z", "1700000000")),
			[]Finding{
				f(SeverityWarning, CodeAmbiguousDate, "Statement[0].Condition.DateGreaterThan.aws:CurrentTime[0]"),
				f(SeverityWarning, CodeAmbiguousDate, "Statement[0].Condition.DateGreaterThan.aws:CurrentTime[1]"),
			}},
		{"policy variables with operators that do not take them are errors", IdentityPolicy,
			cond(Condition{}.
				With("StringEquals", "aws:PrincipalTag/team", "${aws:ResourceTag/team}").
				With("ArnLike", "aws:SourceArn", "arn:aws:s3:::${aws:username}").
				With("NumericEquals", "kms:RotationPeriodInDays", "${aws:PrincipalTag/days}").
				With("IpAddress", "aws:SourceIp", "${aws:PrincipalTag/ip}").
				With("Bool", "aws:SecureTransport", "${aws:PrincipalTag/tls}")),
			[]Finding{
				f(SeverityError, CodeVariableNotSupported, "Statement[0].Condition.NumericEquals.kms:RotationPeriodInDays[0]"),
				f(SeverityError, CodeVariableNotSupported, "Statement[0].Condition.IpAddress.aws:SourceIp[0]"),
				f(SeverityWarning, CodeVariableNotSupported, "Statement[0].Condition.Bool.aws:SecureTransport[0]"),
			}},
		{"a condition variable without Version is literal", IdentityPolicy,
			withDoc(cond(NewCondition("StringEquals", "aws:PrincipalTag/team", "${aws:ResourceTag/team}")),
				func(d *Document) { d.Version = "" }),
			[]Finding{
				f(SeverityWarning, CodeMissingVersion, ""),
				f(SeveritySecurityWarning, CodeVariableLiteral, "Statement[0].Condition.StringEquals.aws:PrincipalTag/team[0]"),
			}},
		{"a condition key containing a dot is placed by its statement", IdentityPolicy,
			cond(NewCondition("NumericEquals", "aws:ResourceTag/app.version", "one")),
			[]Finding{f(SeverityError, CodeInvalidConditionValue, "Statement[0].Condition.NumericEquals.aws:ResourceTag/app.version[0]")}},
	})
}

// The real documents of aws-rules E.5, F.1 and G.2 are clean for their kinds.
func TestValidateRealDocumentsAreClean(t *testing.T) {
	const acct = "arn:aws:iam::111122223333:root"
	defaultKeyPolicy := &Document{Version: Version2012, ID: "key-default-1", Statement: []Statement{{
		Sid: "Enable IAM policies", Effect: Allow, Principal: AWSPrincipal(acct), Action: List("kms:*"), Resource: List("*"),
	}}}
	consoleKeyPolicy := &Document{Version: Version2012, ID: "key-consolepolicy-3", Statement: []Statement{
		{Sid: "Enable IAM User Permissions", Effect: Allow, Principal: AWSPrincipal(acct), Action: List("kms:*"), Resource: List("*")},
		{Sid: "Allow access for Key Administrators", Effect: Allow,
			Principal: &Principal{AWS: Strings{Values: []string{"arn:aws:iam::111122223333:role/KMSAdminRole"}, Array: true}},
			Action: List("kms:Create*", "kms:Describe*", "kms:Enable*", "kms:List*", "kms:Put*", "kms:Update*", "kms:Revoke*",
				"kms:Disable*", "kms:Get*", "kms:Delete*", "kms:TagResource", "kms:UntagResource", "kms:ScheduleKeyDeletion", "kms:CancelKeyDeletion"),
			Resource: List("*")},
		{Sid: "Allow use of the key", Effect: Allow,
			Principal: AWSPrincipal("arn:aws:iam::111122223333:role/ExampleRole", "arn:aws:iam::444455556666:root"),
			Action:    List("kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"),
			Resource:  List("*")},
		{Sid: "Allow attachment of persistent resources", Effect: Allow,
			Principal: &Principal{AWS: Strings{Values: []string{"arn:aws:iam::111122223333:role/ExampleRole"}, Array: true}},
			Action:    List("kms:CreateGrant", "kms:ListGrants", "kms:RevokeGrant"),
			Resource:  List("*"),
			Condition: Condition(nil).WithBool("Bool", "kms:GrantIsForAWSResource", true)},
	}}
	ec2 := []string{"ec2:CreateNetworkInterface", "ec2:DescribeNetworkInterfaces",
		"ec2:DescribeNetworkInterfaceAttribute", "ec2:DetachNetworkInterface",
		"ec2:DeleteNetworkInterface", "ec2:CreateSecurityGroup",
		"ec2:AuthorizeSecurityGroupIngress", "ec2:AuthorizeSecurityGroupEgress",
		"ec2:RevokeSecurityGroupEgress", "ec2:DescribeSecurityGroups",
		"ec2:DeleteSecurityGroup", "ec2:CreateTags", "ec2:DescribeVpcs",
		"ec2:DescribeSubnets", "iam:CreateServiceLinkedRole"}
	hsmPowerUser := &Document{Version: Version2012, StatementObject: true, Statement: []Statement{{
		Effect: Allow, Resource: List("*"),
		Action: List(append([]string{"cloudhsm:DescribeClusters", "cloudhsm:DescribeBackups", "cloudhsm:CreateCluster",
			"cloudhsm:CreateHsm", "cloudhsm:RestoreBackup", "cloudhsm:CopyBackupToRegion", "cloudhsm:InitializeCluster",
			"cloudhsm:ListTags", "cloudhsm:TagResource", "cloudhsm:UntagResource"}, ec2...)...),
	}}}
	hsmReadOnly := &Document{Version: Version2012, StatementObject: true, Statement: []Statement{{
		Effect: Allow, Resource: List("*"),
		Action: List("cloudhsm:DescribeClusters", "cloudhsm:DescribeBackups", "cloudhsm:ListTags"),
	}}}
	cksRolePolicy := &Document{Version: Version2012, Statement: []Statement{{
		Effect: Allow, Resource: List("*"),
		Action: List("cloudhsm:Describe*", "ec2:CreateNetworkInterface", "ec2:AuthorizeSecurityGroupIngress",
			"ec2:CreateSecurityGroup", "ec2:DescribeSecurityGroups", "ec2:RevokeSecurityGroupEgress",
			"ec2:DeleteSecurityGroup", "ec2:DescribeVpcs", "ec2:DescribeNetworkAcls", "ec2:DescribeNetworkInterfaces"),
	}}}
	cksCreator := doc(Statement{
		Effect:    Allow,
		Action:    List("iam:CreateServiceLinkedRole"),
		Resource:  List("arn:aws:iam::*:role/aws-service-role/cks.kms.amazonaws.com/AWSServiceRoleForKeyManagementServiceCustomKeyStores*"),
		Condition: NewCondition("StringLike", "iam:AWSServiceName", "cks.kms.amazonaws.com"),
	})
	cksTrust := doc(Statement{Effect: Allow, Principal: ServicePrincipal("cks.kms.amazonaws.com"), Action: List("sts:AssumeRole")})
	scp := doc(Statement{Sid: "DenyAllOutsideEU", Effect: Deny,
		NotAction: List("cloudfront:*", "iam:*", "route53:*", "support:*"), Resource: List("*"),
		Condition: NewCondition("StringNotEquals", "aws:RequestedRegion", "eu-central-1", "eu-west-1")})
	rcp := doc(Statement{Effect: Deny, Principal: Everyone(), Action: List("s3:*"), Resource: List("*"),
		Condition: NewCondition("BoolIfExists", "aws:SecureTransport", "false")})
	bucketPolicy := doc(Statement{Sid: "DenyInsecureTransport", Effect: Deny, Principal: Everyone(), Action: List("s3:*"),
		Resource:  List("arn:aws:s3:::amzn-s3-demo-bucket", "arn:aws:s3:::amzn-s3-demo-bucket/*"),
		Condition: NewCondition("Bool", "aws:SecureTransport", "false")})

	for _, tt := range []struct {
		name string
		kind Kind
		doc  *Document
	}{
		{"the default key policy (aws-rules E.5)", KeyPolicy, defaultKeyPolicy},
		{"the console default key policy (aws-rules E.5)", KeyPolicy, consoleKeyPolicy},
		{"the CloudHSM power-user policy (aws-rules F.1)", IdentityPolicy, hsmPowerUser},
		{"the CloudHSM read-only policy (aws-rules F.1)", IdentityPolicy, hsmReadOnly},
		{"the custom key store role policy v2 (aws-rules G.2)", IdentityPolicy, cksRolePolicy},
		{"the custom key store role policy as a permissions boundary", PermissionsBoundary, cksRolePolicy},
		{"the custom key store role policy as a session policy", SessionPolicy, cksRolePolicy},
		{"the custom key store creator statement (aws-rules G.3)", IdentityPolicy, cksCreator},
		{"the custom key store role trust policy (aws-rules G.1)", TrustPolicy, cksTrust},
		{"an SCP denying everything outside the EU", SCP, scp},
		{"an RCP denying insecure transport", RCP, rcp},
		{"a bucket policy denying insecure transport", ResourcePolicy, bucketPolicy},
	} {
		t.Run(tt.name+" has no findings", func(t *testing.T) {
			require.Empty(t, Validate(tt.doc, tt.kind))
		})
	}

	// The CloudHSM admin policy of aws-rules F.1 grants cloudhsm:* on every
	// resource: that is its purpose, and Validate says so.
	t.Run("the CloudHSM admin policy (aws-rules F.1) has one full-service-access warning", func(t *testing.T) {
		admin := &Document{Version: Version2012, StatementObject: true, Statement: []Statement{{
			Effect: Allow, Resource: List("*"), Action: List(append([]string{"cloudhsm:*"}, ec2...)...),
		}}}
		got := stripMessages(t, Validate(admin, IdentityPolicy))
		require.Equal(t, []Finding{f(SeveritySecurityWarning, CodeFullServiceAccess, "Statement[0].Action[0]")}, got)
	})
}

// checkerFunc adapts a function to Checker.
type checkerFunc func(*Document, Kind) []Finding

func (c checkerFunc) Check(d *Document, k Kind) []Finding { return c(d, k) }

func TestValidateMergesCheckerFindings(t *testing.T) {
	d := doc(
		allow("kms:Encrypt", keyARN),
		with(allow("kms:Decrypt", keyARN), func(s *Statement) { s.Sid = "bad sid" }),
	)
	var gotKind Kind
	var gotDoc *Document
	catalog := checkerFunc(func(d *Document, k Kind) []Finding {
		gotDoc, gotKind = d, k
		return []Finding{
			{Severity: SeverityWarning, Code: "UNKNOWN_ACTION", Path: "Statement[1].Action[0]", Message: "kms:Decrypt is fine really"},
			{Severity: SeverityError, Code: "UNKNOWN_ACTION", Path: "Statement[0].Action[0]", Message: "not an action"},
			{Severity: SeveritySuggestion, Code: "A_SUGGESTION", Path: "", Message: "whole document"},
			// A duplicate of a built-in finding is dropped.
			{Severity: SeverityError, Code: CodeInvalidSid, Path: "Statement[1].Sid",
				Message: `Sid "bad sid" is not valid: an identity policy allows only ASCII letters and digits in a Sid`},
		}
	})
	second := checkerFunc(func(*Document, Kind) []Finding {
		return []Finding{{Severity: SeverityError, Code: "WRONG_RESOURCE_TYPE", Path: "Statement[1].Action[0]", Message: "m"}}
	})
	got := Validate(d, IdentityPolicy, WithChecker(catalog), WithChecker(second), WithChecker(nil), nil)
	require.Same(t, d, gotDoc, "the checker sees the document")
	require.Equal(t, IdentityPolicy, gotKind, "the checker sees the kind")
	want := []Finding{
		f(SeveritySuggestion, "A_SUGGESTION", ""),
		f(SeverityError, "UNKNOWN_ACTION", "Statement[0].Action[0]"),
		f(SeverityError, CodeInvalidSid, "Statement[1].Sid"),
		f(SeverityError, "WRONG_RESOURCE_TYPE", "Statement[1].Action[0]"),
		f(SeverityWarning, "UNKNOWN_ACTION", "Statement[1].Action[0]"),
	}
	if diff := cmp.Diff(want, stripMessages(t, got)); diff != "" {
		t.Errorf("merged findings (-want +got):\n%s", diff)
	}
}

func TestValidateSortsInDocumentOrder(t *testing.T) {
	sts := make([]Statement, 12)
	for i := range sts {
		sts[i] = allow("kms:Encrypt", keyARN)
	}
	sts[10].Sid = "bad sid"
	sts[2].Sid = "bad-sid"
	sts[9].Resource = List("bucket")
	sts[1].Condition = Condition{
		{Operator: "StringEquals", Entries: []ConditionEntry{{Key: "z", Values: StringValues("${aws:username}")}}},
		{Operator: "NumericLessThan", Entries: []ConditionEntry{{Key: "b", Values: StringValues("x")}, {Key: "a", Values: StringValues("1", "y")}}},
		{Operator: "DateEquals", Entries: []ConditionEntry{{Key: "k", Values: StringValues("never")}}},
	}
	d := &Document{ID: "x", Statement: sts}
	got := stripMessages(t, Validate(d, IdentityPolicy))
	want := []Finding{
		f(SeverityWarning, CodeMissingVersion, ""),
		f(SeverityWarning, CodeIDNotAllowed, "Id"),
		f(SeverityWarning, CodeVariableLiteral, "Statement[1].Condition.StringEquals.z[0]"),
		f(SeverityError, CodeInvalidConditionValue, "Statement[1].Condition.NumericLessThan.b[0]"),
		f(SeverityError, CodeInvalidConditionValue, "Statement[1].Condition.NumericLessThan.a[1]"),
		f(SeverityError, CodeInvalidConditionValue, "Statement[1].Condition.DateEquals.k[0]"),
		f(SeverityError, CodeInvalidSid, "Statement[2].Sid"),
		f(SeverityError, CodeMalformedARN, "Statement[9].Resource[0]"),
		f(SeverityError, CodeInvalidSid, "Statement[10].Sid"),
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("order (-want +got):\n%s", diff)
	}
}

func TestValidateIsDeterministic(t *testing.T) {
	d := doc(
		Statement{Sid: "a b", Effect: Allow, NotAction: List("x"), NotResource: List("y"), Principal: Everyone(),
			Condition: NewCondition("numericequals", "k", "${v}")},
		Statement{Sid: "a b", Effect: "maybe"},
	)
	first := Validate(d, IdentityPolicy)
	require.NotEmpty(t, first)
	for range 20 {
		require.Equal(t, first, Validate(d, IdentityPolicy))
	}
	for i := 1; i < len(first); i++ {
		require.NotEqual(t, first[i-1], first[i], "duplicates are removed")
	}
}

func TestValidateDoesNotModifyTheDocument(t *testing.T) {
	d := doc(with(allow("kms:*", "*"), func(s *Statement) {
		s.Condition = NewCondition("stringequals", "aws:PrincipalTag/team", "blue")
	}))
	before := compactJSON(t, d)
	Validate(d, IdentityPolicy)
	require.Equal(t, string(before), string(compactJSON(t, d)))
}

func TestFindingPathsNameTheElement(t *testing.T) {
	// Every path Validate produces is placed in the document (no unplaced
	// component), so sorting never falls back to string order for them.
	d := doc(
		Statement{Sid: "x y", Effect: "bad", Principal: &Principal{AWS: List("*", "1")}, NotPrincipal: AWSPrincipal("2"),
			Action: List("*", "bad"), NotAction: List("bad"), Resource: List("bad"), NotResource: List("bad"),
			Condition: Condition{}.With("Unknown", "k", "v").With("NumericEquals", "a.b[0]", "x")},
	)
	for _, kind := range []Kind{IdentityPolicy, ResourcePolicy, KeyPolicy, TrustPolicy, PermissionsBoundary, SessionPolicy, SCP, RCP} {
		for _, got := range Validate(d, kind) {
			for _, c := range pathKey(d, got.Path) {
				require.NotEqual(t, unplaced, c, "%s: path %q is not placed", kind, got.Path)
			}
			require.False(t, strings.HasSuffix(got.Path, "."), "path %q", got.Path)
		}
	}
}
