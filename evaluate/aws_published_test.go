package evaluate_test

// Policies AWS publishes, with the outcome the page states for them. The
// documents are copied as published into testdata/published (SOURCES.md
// names the page of each); every case below quotes or paraphrases the
// page's sentence that decides it, and was written from the page, not from
// the engine. A published statement is wrapped into a 2012-10-17 document
// as it would sit in a key policy or IAM policy.

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cksiam/cksiam/evaluate"
	"github.com/cksiam/cksiam/policy"
)

// publishedDoc reads testdata/published/<name>: a whole policy document,
// one statement (or several, separated by commas) as the page shows it,
// which it wraps into a document, or a role as GetRole shows it, whose
// trust policy it returns.
func publishedDoc(t *testing.T, name string, extra ...string) *policy.Document {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", "published", name))
	require.NoError(t, err)
	// Pages write the account of an ARN as the placeholder "account-id":
	// the cases read account 111122223333 in its place.
	text := strings.ReplaceAll(strings.TrimSpace(string(data)), ":account-id:", ":"+acctA+":")
	if !strings.HasPrefix(text, "{") {
		// Statement members as the page shows them, without braces.
		text = "{" + strings.TrimSuffix(text, ",") + "}"
	}
	var top map[string]json.RawMessage
	if json.Unmarshal([]byte(text), &top) == nil && top["Role"] != nil {
		// A role as GetRole shows it: its trust policy.
		var role struct{ AssumeRolePolicyDocument json.RawMessage }
		require.NoError(t, json.Unmarshal(top["Role"], &role))
		return parseDoc(t, string(role.AssumeRolePolicyDocument))
	}
	if json.Unmarshal([]byte(text), &top) != nil || top["Statement"] == nil {
		text = `{"Version":"2012-10-17","Statement":[` + text + `]}`
	}
	if len(extra) > 0 {
		// Statements a case adds beside the published ones, such as an
		// Allow next to a published Deny.
		text = strings.TrimSuffix(strings.TrimSpace(text[:strings.LastIndex(text, "]")]), ",") + "," + strings.Join(extra, ",") + "]}"
	}
	return parseDoc(t, text)
}

// publishedCase is one request against published policies and the
// decision the page states.
type publishedCase struct {
	name string
	src  string // the page, with the anchor of the example
	p    func(t *testing.T) evaluate.Policies
	r    evaluate.Request
	want evaluate.Decision
}

func runPublished(t *testing.T, cases []publishedCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			require.NotEmpty(t, tc.src, "every case cites its page")
			evaluate.CheckDecision(t, tc.p(t), tc.r, tc.want, false, tc.src)
		})
	}
}

// keyPolicy is a published key-policy example as the key's policy.
func keyPolicy(name string, extra ...string) func(t *testing.T) evaluate.Policies {
	return func(t *testing.T) evaluate.Policies {
		return evaluate.Policies{Resource: publishedDoc(t, name, extra...)}
	}
}

// Principals and keys of the KMS developer guide's examples.
const (
	kmsKeyW2      = "arn:aws:kms:us-west-2:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
	kmsKeyAlice   = "arn:aws:kms:us-west-2:712816755609:key/1234abcd-12ab-34cd-56ef-1234567890ab"
	aliceOther    = "arn:aws:iam::712816755609:user/alice"
	exampleApp    = "arn:aws:sts::111122223333:assumed-role/RoleForExampleApp/app"
	exampleUser   = "arn:aws:iam::111122223333:user/ExampleUser"
	otherAcctUser = "arn:aws:iam::444455556666:user/ExampleUser"
	srcKMSEC      = srcKMSConds + "#conditions-kms-encryption-context"
	srcKMSECMany  = srcKMSConds + "#conditions-kms-encryption-context-many"
	srcKMSECCase  = srcKMSConds + "#conditions-kms-encryption-context-case"
	srcKMSECKeys  = srcKMSConds + "#conditions-kms-encryption-context-keys"
)

// ec is an encryption context of key/value pairs.
func ec(kv ...string) map[string]string {
	m := map[string]string{}
	for i := 0; i+1 < len(kv); i += 2 {
		m[kv[i]] = kv[i+1]
	}
	return m
}

// kmsReq is a request on kmsKeyW2.
func kmsReq(principal, action string, enc map[string]string, c evaluate.Context) evaluate.Request {
	return evaluate.Request{Principal: principal, Action: action, Resource: kmsKeyW2, EncryptionContext: enc, Context: c}
}

// allowAppGDK is an Allow beside the published Deny examples, so that the
// Deny is what decides.
const allowAppGDK = `{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:role/RoleForExampleApp"},"Action":"kms:GenerateDataKey","Resource":"*"}`

func TestPublishedKMSEncryptionContextExamples(t *testing.T) {
	runPublished(t, []publishedCase{
		// "allows principals who can assume the role to use the KMS key in a
		// GenerateDataKey request only when the encryption context in the
		// request includes the AppName:ExampleApp pair. Other encryption
		// context pairs are permitted."
		{name: "the AppName=ExampleApp pair allows GenerateDataKey", src: srcKMSEC, p: keyPolicy("kms/ec-require-appname.json"),
			r: kmsReq(exampleApp, "kms:GenerateDataKey", ec("AppName", "ExampleApp"), nil), want: evaluate.Allowed},
		{name: "other pairs beside AppName=ExampleApp are permitted", src: srcKMSEC, p: keyPolicy("kms/ec-require-appname.json"),
			r: kmsReq(exampleApp, "kms:GenerateDataKey", ec("AppName", "ExampleApp", "Stage", "Test"), nil), want: evaluate.Allowed},
		{name: "a request without the AppName pair is not allowed", src: srcKMSEC, p: keyPolicy("kms/ec-require-appname.json"),
			r: kmsReq(exampleApp, "kms:GenerateDataKey", ec("Stage", "Test"), nil), want: evaluate.ImplicitDeny},
		{name: "a request without encryption context is not allowed", src: srcKMSEC, p: keyPolicy("kms/ec-require-appname.json"),
			r: kmsReq(exampleApp, "kms:GenerateDataKey", nil, nil), want: evaluate.ImplicitDeny},
		// "The case sensitivity of the value is determined by the condition
		// operator, such as StringEquals."
		{name: "StringEquals compares the context value with its case", src: srcKMSEC, p: keyPolicy("kms/ec-require-appname.json"),
			r: kmsReq(exampleApp, "kms:GenerateDataKey", ec("AppName", "exampleapp"), nil), want: evaluate.ImplicitDeny},
		// "The key name is not case sensitive."
		{name: "the context key name matches in any case", src: srcKMSEC, p: keyPolicy("kms/ec-require-appname.json"),
			r: kmsReq(exampleApp, "kms:GenerateDataKey", ec("appname", "ExampleApp"), nil), want: evaluate.Allowed},
		// "To require an encryption context pair and forbid all other
		// encryption context pairs … However, if the request had no
		// encryption context, the kms:EncryptionContext:AppName condition
		// would fail."
		{name: "AppName=ExampleApp alone is allowed when other keys are forbidden", src: srcKMSEC, p: keyPolicy("kms/ec-require-appname-only.json"),
			r: evaluate.Request{Principal: aliceOther, Action: "kms:GenerateDataKey", Resource: kmsKeyAlice, EncryptionContext: ec("AppName", "ExampleApp")}, want: evaluate.Allowed},
		{name: "another pair beside AppName is forbidden", src: srcKMSEC, p: keyPolicy("kms/ec-require-appname-only.json"),
			r: evaluate.Request{Principal: aliceOther, Action: "kms:GenerateDataKey", Resource: kmsKeyAlice, EncryptionContext: ec("AppName", "ExampleApp", "Stage", "Test")}, want: evaluate.ImplicitDeny},
		{name: "no encryption context fails the AppName condition though ForAllValues holds", src: srcKMSEC, p: keyPolicy("kms/ec-require-appname-only.json"),
			r: evaluate.Request{Principal: aliceOther, Action: "kms:GenerateDataKey", Resource: kmsKeyAlice}, want: evaluate.ImplicitDeny},
		// "forbid the principal from using the KMS key if the encryption
		// context in the request includes a Stage=Restricted encryption
		// context pair. This condition allows a request with other
		// encryption context pairs, including … Stage=Test."
		{name: "the Deny applies to Stage=Restricted", src: srcKMSEC, p: keyPolicy("kms/ec-deny-stage-restricted.json", allowAppGDK),
			r: kmsReq(exampleApp, "kms:GenerateDataKey", ec("Stage", "Restricted"), nil), want: evaluate.ExplicitDeny},
		{name: "the Deny lets Stage=Test through", src: srcKMSEC, p: keyPolicy("kms/ec-deny-stage-restricted.json", allowAppGDK),
			r: kmsReq(exampleApp, "kms:GenerateDataKey", ec("Stage", "Test"), nil), want: evaluate.Allowed},
		// Two keys in one condition: AND. "Other encryption context pairs
		// are permitted, but not required."
		{name: "both required pairs allow Decrypt", src: srcKMSECMany, p: keyPolicy("kms/ec-two-pairs.json"),
			r: kmsReq(exampleApp, "kms:Decrypt", ec("Department", "IT", "Project", "Alpha", "Stage", "Test"), nil), want: evaluate.Allowed},
		{name: "one of the two required pairs is not enough", src: srcKMSECMany, p: keyPolicy("kms/ec-two-pairs.json"),
			r: kmsReq(exampleApp, "kms:Decrypt", ec("Department", "IT"), nil), want: evaluate.ImplicitDeny},
		// Separate statements: OR. "requires Department=IT or
		// Project=Alpha pairs, or both."
		{name: "Department=IT alone satisfies the OR", src: srcKMSECMany, p: keyPolicy("kms/ec-one-pair-or-another.json"),
			r: kmsReq(exampleApp, "kms:GenerateDataKey", ec("Department", "IT"), nil), want: evaluate.Allowed},
		{name: "Project=Alpha alone satisfies the OR", src: srcKMSECMany, p: keyPolicy("kms/ec-one-pair-or-another.json"),
			r: kmsReq(exampleApp, "kms:GenerateDataKey", ec("Project", "Alpha"), nil), want: evaluate.Allowed},
		{name: "neither pair fails the OR", src: srcKMSECMany, p: keyPolicy("kms/ec-one-pair-or-another.json"),
			r: kmsReq(exampleApp, "kms:GenerateDataKey", ec("Project", "Beta"), nil), want: evaluate.ImplicitDeny},
		// "require an encryption context with both Department=IT and
		// Project=Alpha pairs … allow only the Department and Project
		// encryption context keys."
		{name: "exactly the two pairs are allowed", src: srcKMSECMany, p: keyPolicy("kms/ec-two-pairs-only.json"),
			r: evaluate.Request{Principal: aliceOther, Action: "kms:GenerateDataKey", Resource: kmsKeyAlice, EncryptionContext: ec("Department", "IT", "Project", "Alpha")}, want: evaluate.Allowed},
		{name: "a third pair is forbidden", src: srcKMSECMany, p: keyPolicy("kms/ec-two-pairs-only.json"),
			r: evaluate.Request{Principal: aliceOther, Action: "kms:GenerateDataKey", Resource: kmsKeyAlice, EncryptionContext: ec("Department", "IT", "Project", "Alpha", "Stage", "Test")}, want: evaluate.ImplicitDeny},
		// "forbid … Stage=Restricted or Stage=Production … implicitly
		// connected by a OR."
		{name: "the Deny applies to Stage=Production", src: srcKMSECMany, p: keyPolicy("kms/ec-deny-two-stages.json", allowAppGDK),
			r: kmsReq(exampleApp, "kms:GenerateDataKey", ec("Stage", "Production"), nil), want: evaluate.ExplicitDeny},
		{name: "the Deny applies to Stage=Restricted too", src: srcKMSECMany, p: keyPolicy("kms/ec-deny-two-stages.json", allowAppGDK),
			r: kmsReq(exampleApp, "kms:GenerateDataKey", ec("Stage", "Restricted"), nil), want: evaluate.ExplicitDeny},
		{name: "the Deny lets another stage through", src: srcKMSECMany, p: keyPolicy("kms/ec-deny-two-stages.json", allowAppGDK),
			r: kmsReq(exampleApp, "kms:GenerateDataKey", ec("Stage", "Test"), nil), want: evaluate.Allowed},
		// "allows the operation when the encryption context includes an
		// Appname key, regardless of its capitalization. The StringEquals
		// condition requires that ExampleApp be capitalized as it is
		// specified."
		{name: "Appname matches APPNAME", src: srcKMSECCase, p: keyPolicy("kms/ec-key-name-case.json"),
			r: kmsReq(exampleApp, "kms:Decrypt", ec("APPNAME", "ExampleApp"), nil), want: evaluate.Allowed},
		{name: "Appname matches AppName", src: srcKMSECCase, p: keyPolicy("kms/ec-key-name-case.json"),
			r: kmsReq(exampleApp, "kms:Decrypt", ec("AppName", "ExampleApp"), nil), want: evaluate.Allowed},
		{name: "the value's case still counts", src: srcKMSECCase, p: keyPolicy("kms/ec-key-name-case.json"),
			r: kmsReq(exampleApp, "kms:Decrypt", ec("appname", "EXAMPLEAPP"), nil), want: evaluate.ImplicitDeny},
		// "To require a case-sensitive encryption context key, use the
		// kms:EncryptionContextKeys policy condition with a case-sensitive
		// condition operator, such as StringEquals."
		{name: "kms:EncryptionContextKeys with StringEquals takes the key's case", src: srcKMSECCase, p: keyPolicy("kms/ec-keys-case-sensitive.json"),
			r: kmsReq(exampleApp, "kms:GenerateDataKey", ec("appname", "x"), nil), want: evaluate.ImplicitDeny},
		{name: "kms:EncryptionContextKeys with StringEquals matches the exact key", src: srcKMSECCase, p: keyPolicy("kms/ec-keys-case-sensitive.json"),
			r: kmsReq(exampleApp, "kms:GenerateDataKey", ec("AppName", "x"), nil), want: evaluate.Allowed},
		// "both the encryption context key and the encryption context value
		// are case sensitive."
		{name: "key and value in their exact case are allowed", src: srcKMSECCase, p: keyPolicy("kms/ec-key-and-value-case-sensitive.json"),
			r: kmsReq(exampleApp, "kms:GenerateDataKey", ec("AppName", "ExampleApp"), nil), want: evaluate.Allowed},
		{name: "the key in another case is refused", src: srcKMSECCase, p: keyPolicy("kms/ec-key-and-value-case-sensitive.json"),
			r: kmsReq(exampleApp, "kms:GenerateDataKey", ec("appName", "ExampleApp"), nil), want: evaluate.ImplicitDeny},
		{name: "the value in another case is refused", src: srcKMSECCase, p: keyPolicy("kms/ec-key-and-value-case-sensitive.json"),
			r: kmsReq(exampleApp, "kms:GenerateDataKey", ec("AppName", "exampleApp"), nil), want: evaluate.ImplicitDeny},
		// "this key policy statement allows a GenerateDataKey request with
		// two encryption context pairs, AppName=Helper and Project=Alpha …
		// A request with only Project=Alpha or with no encryption context
		// would fail."
		{name: "AppName=Helper and Project=Alpha is allowed", src: srcKMSECKeys, p: keyPolicy("kms/ec-keys-any-appname.json"),
			r: kmsReq(exampleApp, "kms:GenerateDataKey", ec("AppName", "Helper", "Project", "Alpha"), nil), want: evaluate.Allowed},
		{name: "Project=Alpha alone fails", src: srcKMSECKeys, p: keyPolicy("kms/ec-keys-any-appname.json"),
			r: kmsReq(exampleApp, "kms:GenerateDataKey", ec("Project", "Alpha"), nil), want: evaluate.ImplicitDeny},
		{name: "no encryption context fails ForAnyValue", src: srcKMSECKeys, p: keyPolicy("kms/ec-keys-any-appname.json"),
			r: kmsReq(exampleApp, "kms:GenerateDataKey", nil, nil), want: evaluate.ImplicitDeny},
		{name: "GenerateDataKey* reaches GenerateDataKeyPair", src: srcKMSECKeys, p: keyPolicy("kms/ec-keys-any-appname.json"),
			r: kmsReq(exampleApp, "kms:GenerateDataKeyPair", ec("AppName", "Helper"), nil), want: evaluate.Allowed},
		// "allow access to a KMS key only when encryption context in the API
		// request is not null" ("Null": {"kms:EncryptionContextKeys": false},
		// a JSON boolean).
		{name: "any encryption context satisfies Null false", src: srcKMSECKeys, p: keyPolicy("kms/ec-keys-not-null.json"),
			r: kmsReq(exampleApp, "kms:Encrypt", ec("Any", "thing"), nil), want: evaluate.Allowed},
		{name: "no encryption context fails Null false", src: srcKMSECKeys, p: keyPolicy("kms/ec-keys-not-null.json"),
			r: kmsReq(exampleApp, "kms:Encrypt", nil, nil), want: evaluate.ImplicitDeny},
	})
}

func TestPublishedKMSCallerAndServiceExamples(t *testing.T) {
	via := func(svc string) evaluate.Context { return ctx("kms:ViaService", svc) }
	runPublished(t, []publishedCase{
		// The EBS AWS managed key's statement: "effectively allow access to
		// all identities in AWS account 111122223333 … only allowing
		// requests that come through Amazon EBS."
		{name: "an identity of the account through EBS may decrypt", src: srcKMSConds + "#conditions-kms-caller-account", p: keyPolicy("kms/ebs-caller-account-via-service.json"),
			r: kmsReq(userA, "kms:Decrypt", nil, via("ec2.us-west-2.amazonaws.com")), want: evaluate.Allowed},
		{name: "the same identity calling KMS directly may not", src: srcKMSConds + "#conditions-kms-caller-account", p: keyPolicy("kms/ebs-caller-account-via-service.json"),
			r: kmsReq(userA, "kms:Decrypt", nil, nil), want: evaluate.ImplicitDeny},
		{name: "an identity of another account through EBS may not", src: srcKMSConds + "#conditions-kms-caller-account", p: keyPolicy("kms/ebs-caller-account-via-service.json"),
			r: kmsReq(otherAcctUser, "kms:Decrypt", nil, via("ec2.us-west-2.amazonaws.com")), want: evaluate.ImplicitDeny},
		{name: "EBS in another Region is another service name", src: srcKMSConds + "#conditions-kms-caller-account", p: keyPolicy("kms/ebs-caller-account-via-service.json"),
			r: kmsReq(userA, "kms:Decrypt", nil, via("ec2.us-east-1.amazonaws.com")), want: evaluate.ImplicitDeny},
		{name: "ReEncrypt* reaches ReEncryptFrom through EBS", src: srcKMSConds + "#conditions-kms-caller-account", p: keyPolicy("kms/ebs-caller-account-via-service.json"),
			r: kmsReq(userA, "kms:ReEncryptFrom", nil, via("ec2.us-west-2.amazonaws.com")), want: evaluate.Allowed},
		// "limits use of an KMS key to requests from specified AWS
		// services" (EC2 or RDS in us-west-2).
		{name: "a request through RDS is allowed", src: srcKMSConds + "#conditions-kms-via-service", p: keyPolicy("kms/via-service-ec2-rds.json"),
			r: kmsReq(exampleUser, "kms:GenerateDataKeyWithoutPlaintext", nil, via("rds.us-west-2.amazonaws.com")), want: evaluate.Allowed},
		{name: "a request through Lambda is not", src: srcKMSConds + "#conditions-kms-via-service", p: keyPolicy("kms/via-service-ec2-rds.json"),
			r: kmsReq(exampleUser, "kms:Decrypt", nil, via("lambda.us-west-2.amazonaws.com")), want: evaluate.ImplicitDeny},
		{name: "a direct request is not", src: srcKMSConds + "#conditions-kms-via-service", p: keyPolicy("kms/via-service-ec2-rds.json"),
			r: kmsReq(exampleUser, "kms:DescribeKey", nil, nil), want: evaluate.ImplicitDeny},
		// "prevent a customer managed key from being used for Encrypt
		// operations when the request comes from AWS Lambda on behalf of
		// ExampleUser."
		{name: "Encrypt through Lambda is denied", src: srcKMSConds + "#conditions-kms-via-service", p: keyPolicy("kms/via-service-deny-lambda.json", allowExampleUserKMS),
			r: kmsReq(exampleUser, "kms:Encrypt", nil, via("lambda.us-west-2.amazonaws.com")), want: evaluate.ExplicitDeny},
		{name: "Encrypt through another service is not denied", src: srcKMSConds + "#conditions-kms-via-service", p: keyPolicy("kms/via-service-deny-lambda.json", allowExampleUserKMS),
			r: kmsReq(exampleUser, "kms:Encrypt", nil, via("ec2.us-west-2.amazonaws.com")), want: evaluate.Allowed},
		{name: "Decrypt through Lambda is not denied", src: srcKMSConds + "#conditions-kms-via-service", p: keyPolicy("kms/via-service-deny-lambda.json", allowExampleUserKMS),
			r: kmsReq(exampleUser, "kms:Decrypt", nil, via("lambda.us-west-2.amazonaws.com")), want: evaluate.Allowed},
	})
}

// allowExampleUserKMS lets ExampleUser use the key, beside a published
// Deny.
const allowExampleUserKMS = `{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:user/ExampleUser"},"Action":"kms:*","Resource":"*"}`

func TestPublishedKMSGrantAndAliasExamples(t *testing.T) {
	createGrant := func(newGrant *evaluate.Grant, c evaluate.Context) evaluate.Request {
		return evaluate.Request{Principal: exampleUser, Action: "kms:CreateGrant", Resource: kmsKeyW2, NewGrant: newGrant, Context: c}
	}
	grant := func(grantee string, ops ...string) *evaluate.Grant {
		return &evaluate.Grant{KeyId: kmsKeyW2, GranteePrincipal: grantee, Operations: ops}
	}
	const limitedAdmin = "arn:aws:iam::111122223333:role/LimitedAdminRole"
	// The default key policy's first statement: the account's IAM
	// policies decide (aws-rules E.5), beside the IAM policy examples.
	defaultKey := `{"Version":"2012-10-17","Statement":[{"Sid":"Enable IAM User Permissions","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"kms:*","Resource":"*"}]}`
	iamPolicy := func(name string) func(t *testing.T) evaluate.Policies {
		return func(t *testing.T) evaluate.Policies {
			return evaluate.Policies{Identity: []*policy.Document{publishedDoc(t, name)}, Resource: parseDoc(t, defaultKey)}
		}
	}
	aliases := func(names ...string) evaluate.Context {
		return evaluate.Context{"kms:ResourceAliases": names}
	}
	runPublished(t, []publishedCase{
		// "Allows or denies permission for the CreateGrant … operations
		// only when an AWS services integrated with AWS KMS calls the
		// operation on the user's behalf. This policy condition doesn't
		// allow the user to call these grant operations directly."
		{name: "CreateGrant for an AWS resource is allowed", src: srcKMSConds + "#conditions-kms-grant-is-for-aws-resource", p: keyPolicy("kms/grant-is-for-aws-resource.json"),
			r: createGrant(grant(limitedAdmin, "Decrypt"), ctx("kms:GrantIsForAWSResource", "true")), want: evaluate.Allowed},
		{name: "CreateGrant called directly is not", src: srcKMSConds + "#conditions-kms-grant-is-for-aws-resource", p: keyPolicy("kms/grant-is-for-aws-resource.json"),
			r: createGrant(grant(limitedAdmin, "Decrypt"), nil), want: evaluate.ImplicitDeny},
		// "allow a user to create grants only when the grant operations are
		// Encrypt, ReEncryptTo, or both. If the grant includes any other
		// operations, the CreateGrant request fails."
		{name: "a grant of Encrypt and ReEncryptTo may be created", src: srcKMSConds + "#conditions-kms-grant-operations", p: keyPolicy("kms/grant-operations.json"),
			r: createGrant(grant(limitedAdmin, "Encrypt", "ReEncryptTo"), nil), want: evaluate.Allowed},
		{name: "a grant of Encrypt alone may be created", src: srcKMSConds + "#conditions-kms-grant-operations", p: keyPolicy("kms/grant-operations.json"),
			r: createGrant(grant(limitedAdmin, "Encrypt"), nil), want: evaluate.Allowed},
		{name: "a grant that adds Decrypt may not", src: srcKMSConds + "#conditions-kms-grant-operations", p: keyPolicy("kms/grant-operations.json"),
			r: createGrant(grant(limitedAdmin, "Encrypt", "Decrypt"), nil), want: evaluate.ImplicitDeny},
		// "allow a user to create grants … only when the grantee principal
		// in the CreateGrant request matches the principal specified".
		{name: "a grant to LimitedAdminRole may be created", src: srcKMSConds + "#conditions-kms-grantee-principal", p: keyPolicy("kms/grantee-principal.json"),
			r: createGrant(grant(limitedAdmin, "Decrypt"), nil), want: evaluate.Allowed},
		{name: "a grant to another role may not", src: srcKMSConds + "#conditions-kms-grantee-principal", p: keyPolicy("kms/grantee-principal.json"),
			r: createGrant(grant("arn:aws:iam::111122223333:role/Other", "Decrypt"), nil), want: evaluate.ImplicitDeny},
		// "permitted only when the value of the KeyId parameter in the
		// request is alias/finance-key or an alias ARN with that alias
		// name … If the request uses a different key identifier, it does
		// not satisfy the condition".
		{name: "GenerateDataKey naming alias/finance-key is allowed", src: srcKMSConds + "#conditions-kms-request-alias", p: keyPolicy("kms/request-alias.json"),
			r: kmsReq("arn:aws:sts::111122223333:assumed-role/developer/dev", "kms:GenerateDataKey", nil, ctx("kms:RequestAlias", "alias/finance-key")), want: evaluate.Allowed},
		{name: "GenerateDataKey naming the key by its ID is not", src: srcKMSConds + "#conditions-kms-request-alias", p: keyPolicy("kms/request-alias.json"),
			r: kmsReq("arn:aws:sts::111122223333:assumed-role/developer/dev", "kms:GenerateDataKey", nil, nil), want: evaluate.ImplicitDeny},
		// "a call to GenerateDataKey succeeds for any KMS key associated
		// with the finance-key alias, even if the request uses a key ID".
		{name: "a key with alias/finance-key among its aliases is allowed", src: srcKMSConds + "#conditions-kms-resource-aliases", p: iamPolicy("kms/resource-aliases-any.json"),
			r: kmsReq(userA, "kms:GenerateDataKey", nil, aliases("alias/other", "alias/finance-key")), want: evaluate.Allowed},
		{name: "a key without that alias is not", src: srcKMSConds + "#conditions-kms-resource-aliases", p: iamPolicy("kms/resource-aliases-any.json"),
			r: kmsReq(userA, "kms:GenerateDataKey", nil, aliases("alias/other")), want: evaluate.ImplicitDeny},
		{name: "a key with no alias is not", src: srcKMSConds + "#conditions-kms-resource-aliases", p: iamPolicy("kms/resource-aliases-any.json"),
			r: kmsReq(userA, "kms:GenerateDataKey", nil, nil), want: evaluate.ImplicitDeny},
		// "enable and disable KMS keys but only when all aliases of the KMS
		// keys include Test … Without the ForAnyValue condition, this policy
		// statement would have allowed the principal to use KMS keys that
		// had no aliases."
		{name: "a key whose aliases all include Test may be disabled", src: srcKMSConds + "#conditions-kms-resource-aliases", p: iamPolicy("kms/resource-aliases-all-test.json"),
			r: kmsReq(userA, "kms:DisableKey", nil, aliases("alias/Test1", "alias/myTestKey")), want: evaluate.Allowed},
		{name: "a key with one alias without Test may not", src: srcKMSConds + "#conditions-kms-resource-aliases", p: iamPolicy("kms/resource-aliases-all-test.json"),
			r: kmsReq(userA, "kms:DisableKey", nil, aliases("alias/Test1", "alias/prod")), want: evaluate.ImplicitDeny},
		{name: "a key with no alias may not", src: srcKMSConds + "#conditions-kms-resource-aliases", p: iamPolicy("kms/resource-aliases-all-test.json"),
			r: kmsReq(userA, "kms:EnableKey", nil, nil), want: evaluate.ImplicitDeny},
	})
}

func TestPublishedKMSKeyStoreExamples(t *testing.T) {
	const srcXKS = kmsDG + "authorize-xks-key-store.html#authorize-xks-users"
	defaultKey := `{"Version":"2012-10-17","Statement":[{"Sid":"Enable IAM User Permissions","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"kms:*","Resource":"*"}]}`
	onKeyFrom := func(origin string) func(t *testing.T) evaluate.Policies {
		return func(t *testing.T) evaluate.Policies {
			return evaluate.Policies{
				Identity: []*policy.Document{publishedDoc(t, "kms/xks-key-origin-iam.json")},
				Resource: parseDoc(t, defaultKey),
				Key:      &evaluate.KeyFacts{Arn: kmsKeyW2, Origin: origin},
			}
		}
	}
	runPublished(t, []publishedCase{
		// "the following IAM policy allows the identity to which it is
		// attached to call the specified operations on all KMS keys in the
		// account, provided that the KMS keys are in an external key store."
		{name: "Decrypt with a key in an external key store is allowed", src: srcXKS, p: onKeyFrom("EXTERNAL_KEY_STORE"),
			r: kmsReq(userA, "kms:Decrypt", nil, nil), want: evaluate.Allowed},
		{name: "GenerateDataKey* reaches GenerateDataKeyPairWithoutPlaintext", src: srcXKS, p: onKeyFrom("EXTERNAL_KEY_STORE"),
			r: kmsReq(userA, "kms:GenerateDataKeyPairWithoutPlaintext", nil, nil), want: evaluate.Allowed},
		{name: "Decrypt with a key in a CloudHSM key store is not", src: srcXKS, p: onKeyFrom("AWS_CLOUDHSM"),
			r: kmsReq(userA, "kms:Decrypt", nil, nil), want: evaluate.ImplicitDeny},
		{name: "Decrypt with a key of AWS KMS key material is not", src: srcXKS, p: onKeyFrom("AWS_KMS"),
			r: kmsReq(userA, "kms:Decrypt", nil, nil), want: evaluate.ImplicitDeny},
		{name: "an operation the policy does not list is not", src: srcXKS, p: onKeyFrom("EXTERNAL_KEY_STORE"),
			r: kmsReq(userA, "kms:ScheduleKeyDeletion", nil, nil), want: evaluate.ImplicitDeny},
	})
}

// identity is a published identity-policy example as the caller's only
// policy, with the given extra policies.
func identity(name string, more ...string) func(t *testing.T) evaluate.Policies {
	return func(t *testing.T) evaluate.Policies {
		p := evaluate.Policies{Identity: []*policy.Document{publishedDoc(t, name)}}
		for _, m := range more {
			p.Identity = append(p.Identity, parseDoc(t, m))
		}
		return p
	}
}

func TestPublishedIAMExamplePolicies(t *testing.T) {
	const (
		ex      = iamUG + "reference_policies_examples_"
		bucket  = "arn:aws:s3:::bucket-name"
		instArn = "arn:aws:ec2:us-east-1:111122223333:instance/i-1234567890abcdef0"
	)
	req := func(principal, action, resource string, c evaluate.Context) evaluate.Request {
		return evaluate.Request{Principal: principal, Action: action, Resource: resource, Context: c}
	}
	tagged := func(tags map[string]string, name string) func(t *testing.T) evaluate.Policies {
		return func(t *testing.T) evaluate.Policies {
			p := identity(name)(t)
			p.PrincipalTags = tags
			return p
		}
	}
	trusted := func(name string) func(t *testing.T) evaluate.Policies {
		return func(t *testing.T) evaluate.Policies {
			p := identity(name)(t)
			p.Resource = parseDoc(t, `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"sts:AssumeRole"}]}`)
			return p
		}
	}
	runPublished(t, []publishedCase{
		// NotAction page: "allows users to access all of the Amazon S3
		// actions that can be performed on any S3 resource except for
		// deleting a bucket. This does not allow users to use the
		// ListAllMyBuckets S3 API operation, because that action requires
		// the "*" resource. This policy also does not allow actions in
		// other services".
		{name: "NotAction on S3 resources allows GetObject", src: srcNotAction, p: identity("iam/notaction-s3-except-deletebucket.json"),
			r: req(userA, "s3:GetObject", "arn:aws:s3:::bucket/key", nil), want: evaluate.Allowed},
		{name: "NotAction on S3 resources does not allow DeleteBucket", src: srcNotAction, p: identity("iam/notaction-s3-except-deletebucket.json"),
			r: req(userA, "s3:DeleteBucket", "arn:aws:s3:::bucket", nil), want: evaluate.ImplicitDeny},
		{name: "NotAction on S3 resources does not allow ListAllMyBuckets, whose resource is *", src: srcNotAction, p: identity("iam/notaction-s3-except-deletebucket.json"),
			r: req(userA, "s3:ListAllMyBuckets", "*", nil), want: evaluate.ImplicitDeny},
		{name: "NotAction on S3 resources does not allow another service's action", src: srcNotAction, p: identity("iam/notaction-s3-except-deletebucket.json"),
			r: req(userA, "iam:ListUsers", "*", nil), want: evaluate.ImplicitDeny},
		// "restricts access to actions that occur between April 1, 2020 and
		// June 30, 2020 (UTC), inclusive."
		{name: "a request on 1 April 2020 is allowed", src: ex + "aws-dates.html", p: identity("iam/aws-dates.json"),
			r: req(userA, "service-prefix:action-name", "*", ctx("aws:CurrentTime", "2020-04-01T00:00:01Z")), want: evaluate.Allowed},
		{name: "a request on 30 June 2020 is allowed", src: ex + "aws-dates.html", p: identity("iam/aws-dates.json"),
			r: req(userA, "service-prefix:action-name", "*", ctx("aws:CurrentTime", "2020-06-30T12:00:00Z")), want: evaluate.Allowed},
		{name: "a request on 1 July 2020 is not", src: ex + "aws-dates.html", p: identity("iam/aws-dates.json"),
			r: req(userA, "service-prefix:action-name", "*", ctx("aws:CurrentTime", "2020-07-01T00:00:00Z")), want: evaluate.ImplicitDeny},
		// "all AWS actions are denied when the source IP address is not in
		// the specified range AND when an AWS service does not make the
		// call … An AWS service can also make requests using the
		// principal's credentials."
		{name: "a request from inside the range is not denied", src: ex + "aws_deny-ip.html", p: identity("iam/aws_deny-ip.json", allowAllDoc),
			r: req(userA, "s3:GetObject", objA, ctx("aws:SourceIp", "203.0.113.9", "aws:ViaAWSService", "false")), want: evaluate.Allowed},
		{name: "a request from outside the range is denied", src: ex + "aws_deny-ip.html", p: identity("iam/aws_deny-ip.json", allowAllDoc),
			r: req(userA, "s3:GetObject", objA, ctx("aws:SourceIp", "198.51.100.9", "aws:ViaAWSService", "false")), want: evaluate.ExplicitDeny},
		{name: "a service calling with the principal's credentials is not denied", src: ex + "aws_deny-ip.html", p: identity("iam/aws_deny-ip.json", allowAllDoc),
			r: req(userA, "s3:GetObject", objA, ctx("aws:SourceIp", "athena.amazonaws.com", "aws:ViaAWSService", "true")), want: evaluate.Allowed},
		// "These actions are allowed only when the user is authenticated
		// using MFA … between July 1, 2017 and December 31, 2017".
		{name: "with MFA inside the dates the listed actions are allowed", src: ex + "aws_mfa-dates.html", p: identity("iam/aws_mfa-dates.json"),
			r: req(userA, "service-prefix-2:action-name-a", "*", ctx("aws:MultiFactorAuthPresent", "true", "aws:CurrentTime", "2017-09-01T00:00:00Z")), want: evaluate.Allowed},
		{name: "without MFA they are not", src: ex + "aws_mfa-dates.html", p: identity("iam/aws_mfa-dates.json"),
			r: req(userA, "service-prefix-1:anything", "*", ctx("aws:CurrentTime", "2017-09-01T00:00:00Z")), want: evaluate.ImplicitDeny},
		{name: "with MFA after the dates they are not", src: ex + "aws_mfa-dates.html", p: identity("iam/aws_mfa-dates.json"),
			r: req(userA, "service-prefix-1:anything", "*", ctx("aws:MultiFactorAuthPresent", "true", "aws:CurrentTime", "2018-01-01T00:00:00Z")), want: evaluate.ImplicitDeny},
		// "denies the StopInstances and TerminateInstances actions when the
		// MFA context is missing".
		{name: "StopInstances without MFA context is denied", src: ex + "ec2_require-mfa.html", p: identity("iam/ec2_require-mfa.json"),
			r: req(userA, "ec2:StopInstances", instArn, nil), want: evaluate.ExplicitDeny},
		{name: "StopInstances with MFA is allowed", src: ex + "ec2_require-mfa.html", p: identity("iam/ec2_require-mfa.json"),
			r: req(userA, "ec2:StopInstances", instArn, ctx("aws:MultiFactorAuthPresent", "true")), want: evaluate.Allowed},
		{name: "StartInstances without MFA is allowed", src: ex + "ec2_require-mfa.html", p: identity("iam/ec2_require-mfa.json"),
			r: req(userA, "ec2:StartInstances", instArn, nil), want: evaluate.Allowed},
		// "explicitly denies access to the Production bucket if the user has
		// not signed in using MFA within the last thirty minutes … returns
		// true if MFA is not present or if the age of the MFA is greater
		// than 30 minutes."
		{name: "a Production object without MFA is denied", src: ex + "s3_full-access-except-production.html", p: identity("iam/s3_full-access-except-production.json"),
			r: req(userA, "s3:GetObject", "arn:aws:s3:::Production/report", nil), want: evaluate.ExplicitDeny},
		{name: "a Production object with MFA of 31 minutes is denied", src: ex + "s3_full-access-except-production.html", p: identity("iam/s3_full-access-except-production.json"),
			r: req(userA, "s3:GetObject", "arn:aws:s3:::Production/report", ctx("aws:MultiFactorAuthAge", "1860")), want: evaluate.ExplicitDeny},
		{name: "a Production object with MFA of 10 minutes is allowed", src: ex + "s3_full-access-except-production.html", p: identity("iam/s3_full-access-except-production.json"),
			r: req(userA, "s3:GetObject", "arn:aws:s3:::Production/report", ctx("aws:MultiFactorAuthAge", "600")), want: evaluate.Allowed},
		{name: "another bucket's object without MFA is allowed", src: ex + "s3_full-access-except-production.html", p: identity("iam/s3_full-access-except-production.json"),
			r: req(userA, "s3:PutObject", "arn:aws:s3:::staging/report", nil), want: evaluate.Allowed},
		// "This policy grants permission to perform all Amazon S3 actions,
		// but deny access to every AWS service except Amazon S3 … any other
		// policies that grant permissions to other services are ignored and
		// access is denied."
		{name: "S3 on the bucket is allowed", src: ex + "s3_deny-except-bucket.html", p: identity("iam/s3_deny-except-bucket.json", allowAllDoc),
			r: req(userA, "s3:GetObject", bucket+"/key", nil), want: evaluate.Allowed},
		{name: "another service is denied though another policy allows it", src: ex + "s3_deny-except-bucket.html", p: identity("iam/s3_deny-except-bucket.json", allowAllDoc),
			r: req(userA, "ec2:StartInstances", instArn, nil), want: evaluate.ExplicitDeny},
		{name: "S3 on another bucket is not denied by the NotAction Deny", src: ex + "s3_deny-except-bucket.html", p: identity("iam/s3_deny-except-bucket.json", allowAllDoc),
			r: req(userA, "s3:GetObject", "arn:aws:s3:::other/key", nil), want: evaluate.Allowed},
		// "allows a principal to start or stop an Amazon EC2 instance when
		// the instance's resource tag and the principal's tag have the same
		// value for the tag key CostCenter" (action names in another case).
		{name: "matching CostCenter tags allow StartInstances", src: ex + "ec2-start-stop-match-tags.html", p: tagged(map[string]string{"CostCenter": "12345"}, "iam/ec2-start-stop-match-tags.json"),
			r: req(userA, "ec2:StartInstances", instArn, ctx("aws:ResourceTag/CostCenter", "12345")), want: evaluate.Allowed},
		{name: "different CostCenter tags do not", src: ex + "ec2-start-stop-match-tags.html", p: tagged(map[string]string{"CostCenter": "12345"}, "iam/ec2-start-stop-match-tags.json"),
			r: req(userA, "ec2:StopInstances", instArn, ctx("aws:ResourceTag/CostCenter", "99999")), want: evaluate.ImplicitDeny},
		{name: "a principal without the tag may not", src: ex + "ec2-start-stop-match-tags.html", p: identity("iam/ec2-start-stop-match-tags.json"),
			r: req(userA, "ec2:StopInstances", instArn, ctx("aws:ResourceTag/CostCenter", "12345")), want: evaluate.ImplicitDeny},
		// "allows an IAM user to start or stop EC2 instances, but only if
		// the instance tag Owner has the value of that user's user name".
		{name: "alice may stop an instance she owns", src: ex + "ec2_tag-owner.html", p: identity("iam/ec2_tag-owner.json"),
			r: req(userA, "ec2:StopInstances", instArn, ctx("aws:ResourceTag/Owner", "alice")), want: evaluate.Allowed},
		{name: "alice may not stop bob's instance", src: ex + "ec2_tag-owner.html", p: identity("iam/ec2_tag-owner.json"),
			r: req(userA, "ec2:StopInstances", instArn, ctx("aws:ResourceTag/Owner", "bob")), want: evaluate.ImplicitDeny},
		// "allows an IAM user to assume roles with the tag key-value pair
		// Project = ExampleCorpABC".
		// "If a role with this tag exists in the same account as the user,
		// then the user can assume that role" (its trust policy trusting
		// the account, aws-rules C.5).
		{name: "a role tagged Project=ExampleCorpABC may be assumed", src: ex + "iam-assume-tagged-role.html", p: trusted("iam/iam-assume-tagged-role.json"),
			r: req(userA, "sts:AssumeRole", targetA, ctx("iam:ResourceTag/Project", "ExampleCorpABC")), want: evaluate.Allowed},
		{name: "a role tagged for another project may not", src: ex + "iam-assume-tagged-role.html", p: trusted("iam/iam-assume-tagged-role.json"),
			r: req(userA, "sts:AssumeRole", targetA, ctx("iam:ResourceTag/Project", "Other")), want: evaluate.ImplicitDeny},
		// "denies access to any actions outside the Regions specified …
		// except for actions in the services specified using NotAction".
		{name: "EC2 in eu-west-1 is not denied", src: ex + "aws_deny-requested-region.html", p: identity("iam/aws_deny-requested-region.json", allowAllDoc),
			r: req(userA, "ec2:StartInstances", instArn, ctx("aws:RequestedRegion", "eu-west-1")), want: evaluate.Allowed},
		{name: "EC2 in us-east-1 is denied", src: ex + "aws_deny-requested-region.html", p: identity("iam/aws_deny-requested-region.json", allowAllDoc),
			r: req(userA, "ec2:StartInstances", instArn, ctx("aws:RequestedRegion", "us-east-1")), want: evaluate.ExplicitDeny},
		{name: "IAM in us-east-1 is not denied", src: ex + "aws_deny-requested-region.html", p: identity("iam/aws_deny-requested-region.json", allowAllDoc),
			r: req(userA, "iam:ListUsers", "*", ctx("aws:RequestedRegion", "us-east-1")), want: evaluate.Allowed},
	})
}

// An earlier version of the KMS page showed ForAllValues with
// kms:EncryptionContext:<key>; KMS now refuses to save such a key policy
// (policy.CodeOverlyPermissiveCondition, a finding of Validate for the
// KeyPolicy kind; Compile checks resource policies by the grammar they all
// share) but the ones saved before still decide: "a policy condition with the Allow effect, the ForAllValues set
// operator, and the "kms:EncryptionContext:Department": "IT" condition key
// does not limit the encryption context to the "Department=IT" pair. It
// allows requests with no encryption context and requests with unspecified
// encryption context pairs, such as Stage=Restricted."
func TestPublishedKMSOldForAllValuesKeyPolicyStillDecides(t *testing.T) {
	const old = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:role/RoleForExampleApp"},` +
		`"Action":"kms:Decrypt","Resource":"*","Condition":{"ForAllValues:StringEquals":{"kms:EncryptionContext:Department":"IT"}}}]}`
	p := func(t *testing.T) evaluate.Policies { return evaluate.Policies{Resource: parseDoc(t, old)} }
	runPublished(t, []publishedCase{
		{name: "Department=IT is allowed", src: srcKMSECMany, p: p, r: kmsReq(exampleApp, "kms:Decrypt", ec("Department", "IT"), nil), want: evaluate.Allowed},
		{name: "no encryption context is allowed", src: srcKMSECMany, p: p, r: kmsReq(exampleApp, "kms:Decrypt", nil, nil), want: evaluate.Allowed},
		{name: "Stage=Restricted alone is allowed", src: srcKMSECMany, p: p, r: kmsReq(exampleApp, "kms:Decrypt", ec("Stage", "Restricted"), nil), want: evaluate.Allowed},
		{name: "Department=HR is not", src: srcKMSECMany, p: p, r: kmsReq(exampleApp, "kms:Decrypt", ec("Department", "HR"), nil), want: evaluate.ImplicitDeny},
	})
}

func TestPublishedIAMVariableExamples(t *testing.T) {
	const (
		ex     = iamUG + "reference_policies_examples_"
		bucket = "arn:aws:s3:::bucket-name"
		table  = "arn:aws:dynamodb:us-east-1:111122223333:table/MyTable"
		webSub = "us-east-1:12345678-1234-1234-1234-123456789012"
	)
	req := func(principal, action, resource string, c evaluate.Context) evaluate.Request {
		return evaluate.Request{Principal: principal, Action: action, Resource: resource, Context: c}
	}
	webSession := "arn:aws:sts::111122223333:assumed-role/CognitoRole/web"
	runPublished(t, []publishedCase{
		// The home-directory policy lets the user list the bucket's root and
		// home/ and their own folder, and use the objects in their folder;
		// the empty string is one of the s3:prefix values.
		{name: "listing the bucket root (prefix \"\") is allowed", src: ex + "s3_home-directory-console.html", p: identity("iam/s3_home-directory-console.json"),
			r: req(userA, "s3:ListBucket", bucket, ctx("s3:prefix", "")), want: evaluate.Allowed},
		{name: "listing home/ is allowed", src: ex + "s3_home-directory-console.html", p: identity("iam/s3_home-directory-console.json"),
			r: req(userA, "s3:ListBucket", bucket, ctx("s3:prefix", "home/")), want: evaluate.Allowed},
		{name: "listing one's own folder is allowed", src: ex + "s3_home-directory-console.html", p: identity("iam/s3_home-directory-console.json"),
			r: req(userA, "s3:ListBucket", bucket, ctx("s3:prefix", "home/alice/photos")), want: evaluate.Allowed},
		{name: "listing another user's folder is not", src: ex + "s3_home-directory-console.html", p: identity("iam/s3_home-directory-console.json"),
			r: req(userA, "s3:ListBucket", bucket, ctx("s3:prefix", "home/bob/")), want: evaluate.ImplicitDeny},
		{name: "reading an object in one's own folder is allowed", src: ex + "s3_home-directory-console.html", p: identity("iam/s3_home-directory-console.json"),
			r: req(userA, "s3:GetObject", bucket+"/home/alice/a.txt", nil), want: evaluate.Allowed},
		{name: "reading another user's object is not", src: ex + "s3_home-directory-console.html", p: identity("iam/s3_home-directory-console.json"),
			r: req(userA, "s3:GetObject", bucket+"/home/bob/a.txt", nil), want: evaluate.ImplicitDeny},
		// "when the user is not signed in with MFA … they can perform only
		// the listed actions … a user accessing an API with long-term
		// credentials … is denied access", and the user manages only their
		// own credentials.
		{name: "without MFA a user may still see their own user", src: ex + "aws_my-sec-creds-self-manage.html", p: identity("iam/aws_my-sec-creds-self-manage.json"),
			r: req(userA, "iam:GetUser", userA, nil), want: evaluate.Allowed},
		{name: "without MFA a user may not change their password", src: ex + "aws_my-sec-creds-self-manage.html", p: identity("iam/aws_my-sec-creds-self-manage.json"),
			r: req(userA, "iam:ChangePassword", userA, ctx("aws:MultiFactorAuthPresent", "false")), want: evaluate.ExplicitDeny},
		{name: "without MFA context a user may not create access keys", src: ex + "aws_my-sec-creds-self-manage.html", p: identity("iam/aws_my-sec-creds-self-manage.json"),
			r: req(userA, "iam:CreateAccessKey", userA, nil), want: evaluate.ExplicitDeny},
		{name: "with MFA a user may create their own access keys", src: ex + "aws_my-sec-creds-self-manage.html", p: identity("iam/aws_my-sec-creds-self-manage.json"),
			r: req(userA, "iam:CreateAccessKey", userA, ctx("aws:MultiFactorAuthPresent", "true")), want: evaluate.Allowed},
		{name: "with MFA a user may not create another user's access keys", src: ex + "aws_my-sec-creds-self-manage.html", p: identity("iam/aws_my-sec-creds-self-manage.json"),
			r: req(userA, "iam:CreateAccessKey", user2A, ctx("aws:MultiFactorAuthPresent", "true")), want: evaluate.ImplicitDeny},
		// Items whose partition key is the caller's Amazon Cognito identity
		// (${cognito-identity.amazonaws.com:sub}).
		{name: "the caller's own items are allowed", src: ex + "dynamodb_items.html", p: identity("iam/dynamodb_items.json"),
			r: req(webSession, "dynamodb:GetItem", table, ctx("cognito-identity.amazonaws.com:sub", webSub, "dynamodb:LeadingKeys", webSub)), want: evaluate.Allowed},
		{name: "another identity's items are not", src: ex + "dynamodb_items.html", p: identity("iam/dynamodb_items.json"),
			r: req(webSession, "dynamodb:GetItem", table, ctx("cognito-identity.amazonaws.com:sub", webSub, "dynamodb:LeadingKeys", "us-east-1:other")), want: evaluate.ImplicitDeny},
		// "the condition requires an encryption context of "user": "bob" for
		// "bob" and "user": "alice" for "alice."" The role's sessions carry
		// no aws:username of their own (aws-rules A.8), so the cases give it.
		{name: "bob with user=bob may decrypt", src: srcKMSConds + "#conditions-kms-encryption-context-variables", p: keyPolicy("kms/ec-username-variable.json"),
			r: kmsReq("arn:aws:sts::111122223333:assumed-role/TestTeam/bob", "kms:Decrypt", ec("user", "bob"), ctx("aws:username", "bob")), want: evaluate.Allowed},
		{name: "bob with user=alice may not", src: srcKMSConds + "#conditions-kms-encryption-context-variables", p: keyPolicy("kms/ec-username-variable.json"),
			r: kmsReq("arn:aws:sts::111122223333:assumed-role/TestTeam/bob", "kms:Decrypt", ec("user", "alice"), ctx("aws:username", "bob")), want: evaluate.ImplicitDeny},
		// "the condition requires an encryption context where the key is
		// sub and the value uniquely identifies a user logged into an Amazon
		// Cognito user pool."
		{name: "a Cognito identity with its own sub may decrypt", src: srcKMSConds + "#conditions-kms-encryption-context-variables", p: keyPolicy("kms/ec-cognito-sub-variable.json"),
			r: kmsReq("arn:aws:sts::111122223333:assumed-role/TestTeam/web", "kms:Decrypt", ec("sub", webSub), ctx("cognito-identity.amazonaws.com:sub", webSub)), want: evaluate.Allowed},
		{name: "a Cognito identity with another sub may not", src: srcKMSConds + "#conditions-kms-encryption-context-variables", p: keyPolicy("kms/ec-cognito-sub-variable.json"),
			r: kmsReq("arn:aws:sts::111122223333:assumed-role/TestTeam/web", "kms:Decrypt", ec("sub", "us-east-1:other"), ctx("cognito-identity.amazonaws.com:sub", webSub)), want: evaluate.ImplicitDeny},
		// "allow a user to create a KMS key only when AWS KMS creates the key
		// material", and use keys only in a CloudHSM key store.
		{name: "ExampleUser may decrypt with a key in a CloudHSM key store", src: srcKMSConds + "#conditions-kms-key-origin", p: keyOrigin("AWS_CLOUDHSM"),
			r: kmsReq(exampleUser, "kms:Decrypt", nil, nil), want: evaluate.Allowed},
		{name: "ExampleUser may not decrypt with a key of AWS KMS key material", src: srcKMSConds + "#conditions-kms-key-origin", p: keyOrigin("AWS_KMS"),
			r: kmsReq(exampleUser, "kms:Decrypt", nil, nil), want: evaluate.ImplicitDeny},
	})
}

// keyOrigin is the KeyOrigin key-policy example on a key of that origin.
func keyOrigin(origin string) func(t *testing.T) evaluate.Policies {
	return func(t *testing.T) evaluate.Policies {
		p := keyPolicy("kms/key-origin-create-key.json")(t)
		p.Key = &evaluate.KeyFacts{Arn: kmsKeyW2, Origin: origin}
		return p
	}
}

// Every published example here compiles: AWS accepts them all.
func TestPublishedExamplesCompile(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "published", "*", "*.json"))
	require.NoError(t, err)
	require.GreaterOrEqual(t, len(files), 30)
	for _, f := range files {
		name, err := filepath.Rel(filepath.Join("testdata", "published"), f)
		require.NoError(t, err)
		t.Run(name, func(t *testing.T) {
			d := publishedDoc(t, filepath.ToSlash(name))
			p := evaluate.Policies{Identity: []*policy.Document{d}}
			if len(d.Statement) > 0 && (d.Statement[0].Principal != nil) {
				p = evaluate.Policies{Resource: d}
			}
			_, err := evaluate.Compile(p)
			require.NoError(t, err)
		})
	}
}

// aws:PrincipalArn of a role session "returns the ARN of the role" (IAM
// global condition keys page), and a role's ARN holds its path: IAM
// Identity Center's roles are
// arn:aws:iam::ACCOUNT:role/aws-reserved/sso.amazonaws.com/REGION/AWSReservedSSO_…
// (the permission sets page). A session ARN does not show the path, so for
// a role whose name says it has one the engine cannot tell what AWS
// compares: the statement never allows on it and a Deny applies (aws-rules
// I.17). Before, a Deny aimed at the Identity Center roles by their path
// did not apply to their sessions: a false allow.
func TestPrincipalArnOfASessionWhoseRoleHasAPathByName(t *testing.T) {
	const (
		srcSSO     = "https://docs.aws.amazon.com/singlesignon/latest/userguide/referencingpermissionsets.html"
		ssoSession = "arn:aws:sts::111122223333:assumed-role/AWSReservedSSO_DatabaseAdministrator_1234567890abcdef/alice"
		ssoRole    = "arn:aws:iam::111122223333:role/aws-reserved/sso.amazonaws.com/eu-west-2/AWSReservedSSO_DatabaseAdministrator_1234567890abcdef"
		denySSO    = `{"Effect":"Deny","Action":"s3:*","Resource":"*","Condition":{"ArnLike":{"aws:PrincipalArn":"arn:aws:iam::*:role/aws-reserved/sso.amazonaws.com/*"}}}`
		allowSSO   = `{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"ArnLike":{"aws:PrincipalArn":"arn:aws:iam::*:role/aws-reserved/sso.amazonaws.com/*"}}}`
	)
	get := func(principal string, c evaluate.Context) evaluate.Request {
		return evaluate.Request{Principal: principal, Action: "s3:GetObject", Resource: objA, Context: c}
	}
	ids := func(stmts ...string) func(t *testing.T) evaluate.Policies {
		return func(t *testing.T) evaluate.Policies {
			return evaluate.Policies{Identity: []*policy.Document{parseDoc(t, pdoc(stmts...))}}
		}
	}
	allowS3 := `{"Effect":"Allow","Action":"s3:*","Resource":"*"}`
	runPublished(t, []publishedCase{
		{name: "a Deny on the Identity Center roles' path applies to their session", src: srcSSO, p: ids(allowS3, denySSO),
			r: get(ssoSession, nil), want: evaluate.ExplicitDeny},
		{name: "it applies to the role itself", src: srcSSO, p: ids(allowS3, denySSO),
			r: get(ssoRole, nil), want: evaluate.ExplicitDeny},
		{name: "an Allow on that path does not allow the session when the path is not given", src: srcSSO, p: ids(allowSSO),
			r: get(ssoSession, nil), want: evaluate.ImplicitDeny},
		{name: "given in the request context, the role ARN with its path decides", src: srcSSO, p: ids(allowSSO),
			r: get(ssoSession, ctx("aws:PrincipalArn", ssoRole)), want: evaluate.Allowed},
		{name: "a session of a role named without such a prefix keeps the pathless reading", src: srcGlobalKeys + "#condition-keys-principalarn", p: ids(allowS3, denySSO),
			r: get(sessA, nil), want: evaluate.Allowed},
	})
	res := evaluate.CheckDecision(t, ids(allowS3, denySSO)(t), get(ssoSession, nil), evaluate.ExplicitDeny, false, srcSSO)
	var codes []string
	for _, d := range res.Diagnostics {
		codes = append(codes, d.Code)
	}
	require.Contains(t, codes, evaluate.DiagPrincipalArnPathUnknown)
}

func TestPublishedKMSTroubleshootingExamples(t *testing.T) {
	const (
		src      = kmsDG + "policy-evaluation.html"
		key2     = "arn:aws:kms:us-west-2:444455556666:key/1234abcd-12ab-34cd-56ef-1234567890ab"
		bob1     = "arn:aws:iam::111122223333:user/bob"
		engineer = "arn:aws:sts::111122223333:assumed-role/Engineering/bob"
	)
	onKey2 := func(withIAM bool) func(t *testing.T) evaluate.Policies {
		return func(t *testing.T) evaluate.Policies {
			p := evaluate.Policies{Resource: publishedDoc(t, "kms/troubleshoot-key-policy-acct-2.json")}
			if withIAM {
				p.Identity = []*policy.Document{publishedDoc(t, "kms/troubleshoot-engineering-iam.json")}
			}
			return p
		}
	}
	runPublished(t, []publishedCase{
		// Example 1: "Alice is denied access to the KMS key because there is
		// no key policy, IAM policy, or grant that gives her the required
		// permissions."
		{name: "alice without an IAM policy is denied her account's key", src: src + "#example-no-iam", p: keyPolicy("kms/troubleshoot-default-key-policy.json"),
			r: evaluate.Request{Principal: userA, Action: "kms:Decrypt", Resource: keyA}, want: evaluate.ImplicitDeny},
		// Example 2: Bob, through the Engineering role, "is allowed to use a
		// KMS key in account 2 … in cryptographic operations".
		{name: "the Engineering session may decrypt with account 2's key", src: src + "#example-cross-acct", p: onKey2(true),
			r: evaluate.Request{Principal: engineer, Action: "kms:Decrypt", Resource: key2}, want: evaluate.Allowed},
		{name: "it may generate data keys", src: src + "#example-cross-acct", p: onKey2(true),
			r: evaluate.Request{Principal: engineer, Action: "kms:GenerateDataKeyWithoutPlaintext", Resource: key2}, want: evaluate.Allowed},
		// "no one in account 1 can use the KMS key in account 2 until
		// account 1 defines IAM policies that give the principals access".
		{name: "without account 1's IAM policy it may not", src: src + "#example-cross-acct", p: onKey2(false),
			r: evaluate.Request{Principal: engineer, Action: "kms:Decrypt", Resource: key2}, want: evaluate.ImplicitDeny},
		// "account 1 can only give its principals permission to perform the
		// actions that the key policy gave to the account".
		{name: "an action the key policy does not give account 1 is denied", src: src + "#example-cross-acct", p: onKey2(true),
			r: evaluate.Request{Principal: engineer, Action: "kms:GenerateDataKeyPair", Resource: key2}, want: evaluate.ImplicitDeny},
		// "The AssumeRolePolicyDocument in the role allows Bob to assume the
		// Engineering role."
		{name: "bob may assume the Engineering role", src: src + "#example-cross-acct",
			p: func(t *testing.T) evaluate.Policies {
				return evaluate.Policies{Resource: publishedDoc(t, "kms/troubleshoot-engineering-role.json")}
			},
			r: evaluate.Request{Principal: bob1, Action: "sts:AssumeRole", Resource: "arn:aws:iam::111122223333:role/Engineering"}, want: evaluate.Allowed},
		{name: "alice may not", src: src + "#example-cross-acct",
			p: func(t *testing.T) evaluate.Policies {
				return evaluate.Policies{Resource: publishedDoc(t, "kms/troubleshoot-engineering-role.json")}
			},
			r: evaluate.Request{Principal: userA, Action: "sts:AssumeRole", Resource: "arn:aws:iam::111122223333:role/Engineering"}, want: evaluate.ImplicitDeny},
	})
}

func TestPublishedSCPExamples(t *testing.T) {
	const (
		ex      = orgsUG + "orgs_manage_policies_scps_examples_general.html"
		instArn = "arn:aws:ec2:us-east-1:111122223333:instance/i-1234567890abcdef0"
		bypass  = "arn:aws:sts::111122223333:assumed-role/Role1AllowedToBypassThisSCP/ops"
		admin   = "arn:aws:sts::111122223333:assumed-role/name-of-admin-role-to-allow/ops"
		denied  = "arn:aws:iam::111122223333:role/name-of-role-to-deny"
		fullAWS = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}`
		sessOps = "arn:aws:sts::111122223333:assumed-role/Ops/bob"
	)
	// The example SCP beside FullAWSAccess at the account's level, and an
	// identity policy allowing everything: the SCP is what decides.
	scp := func(name string) func(t *testing.T) evaluate.Policies {
		return func(t *testing.T) evaluate.Policies {
			return evaluate.Policies{
				Identity: []*policy.Document{parseDoc(t, allowAllDoc)},
				SCPs:     [][]*policy.Document{{parseDoc(t, fullAWS), publishedDoc(t, name)}},
			}
		}
	}
	req := func(principal, action, resource string, c evaluate.Context) evaluate.Request {
		return evaluate.Request{Principal: principal, Action: action, Resource: resource, Context: c}
	}
	region := func(r string) evaluate.Context { return ctx("aws:RequestedRegion", r) }
	runPublished(t, []publishedCase{
		// "denies access to any operations outside of the specified Regions
		// … It provides exemptions for operations in approved global
		// services … how to exempt requests made by either of two specified
		// administrator roles."
		{name: "EC2 in us-east-1 is denied", src: ex + "#example-scp-deny-region", p: scp("scp/deny-region-with-exempt-roles.json"),
			r: req(sessOps, "ec2:StartInstances", instArn, region("us-east-1")), want: evaluate.ExplicitDeny},
		{name: "EC2 in eu-west-1 is not", src: ex + "#example-scp-deny-region", p: scp("scp/deny-region-with-exempt-roles.json"),
			r: req(sessOps, "ec2:StartInstances", instArn, region("eu-west-1")), want: evaluate.Allowed},
		{name: "a global service in us-east-1 is exempt", src: ex + "#example-scp-deny-region", p: scp("scp/deny-region-with-exempt-roles.json"),
			r: req(sessOps, "iam:ListUsers", "*", region("us-east-1")), want: evaluate.Allowed},
		{name: "a listed action of an otherwise regional service is exempt", src: ex + "#example-scp-deny-region", p: scp("scp/deny-region-with-exempt-roles.json"),
			r: req(sessOps, "ec2:DescribeRegions", "*", region("us-east-1")), want: evaluate.Allowed},
		{name: "a session of an exempt role is not denied in us-east-1", src: ex + "#example-scp-deny-region", p: scp("scp/deny-region-with-exempt-roles.json"),
			r: req(bypass, "ec2:StartInstances", instArn, region("us-east-1")), want: evaluate.Allowed},
		// "prevents IAM users and roles in affected accounts from making
		// changes to a common administrative IAM role … except for
		// administrators using a specified role."
		{name: "another role may not change the protected role", src: ex + "#example-scp-restricts-with-exception", p: scp("scp/deny-role-changes-except-admin.json"),
			r: req(sessOps, "iam:DeleteRole", denied, nil), want: evaluate.ExplicitDeny},
		{name: "the admin role may", src: ex + "#example-scp-restricts-with-exception", p: scp("scp/deny-role-changes-except-admin.json"),
			r: req(admin, "iam:DeleteRole", denied, nil), want: evaluate.Allowed},
		{name: "another role may change other roles", src: ex + "#example-scp-restricts-with-exception", p: scp("scp/deny-role-changes-except-admin.json"),
			r: req(sessOps, "iam:DeleteRole", "arn:aws:iam::111122223333:role/other", nil), want: evaluate.Allowed},
		// "require that multi-factor authentication (MFA) is enabled before
		// an IAM user or role can perform an action … to stop an Amazon EC2
		// instance."
		{name: "StopInstances without MFA is denied", src: ex + "#example-scp-mfa", p: scp("scp/require-mfa-stop-terminate.json"),
			r: req(userA, "ec2:StopInstances", instArn, nil), want: evaluate.ExplicitDeny},
		{name: "StopInstances with MFA is not", src: ex + "#example-scp-mfa", p: scp("scp/require-mfa-stop-terminate.json"),
			r: req(userA, "ec2:StopInstances", instArn, ctx("aws:MultiFactorAuthPresent", "true")), want: evaluate.Allowed},
		// "restricts all access to the specified actions for the root user in
		// a member account".
		{name: "the root user may not use EC2", src: ex + "#example-scp-root-user", p: scp("scp/deny-ec2-for-root.json"),
			r: req(rootA, "ec2:StartInstances", instArn, nil), want: evaluate.ExplicitDeny},
		{name: "an IAM user may", src: ex + "#example-scp-root-user", p: scp("scp/deny-ec2-for-root.json"),
			r: req(userA, "ec2:StartInstances", instArn, nil), want: evaluate.Allowed},
		// "blocks use of the LeaveOrganization API operation so that
		// administrators of member accounts can't remove their accounts".
		{name: "LeaveOrganization is denied even to the root user", src: ex + "#example-scp-leave-org", p: scp("scp/deny-leave-organization.json"),
			r: req(rootA, "organizations:LeaveOrganization", "*", nil), want: evaluate.ExplicitDeny},
	})
}

// "If an IAM identity is deleted after you update your bucket policy, the
// bucket policy will show a unique identifier in the principal element
// instead of an ARN. These unique IDs are never reused, so you can safely
// remove principals with unique identifiers from all of your policy
// statements" (S3); for a trust policy "The policy no longer applies, even
// if you recreate the role because the new role has a new principal ID"
// (IAM). Such documents are what AWS returns and still evaluates: Compile
// takes them (policy.Validate warns, DELETED_PRINCIPAL) and the ID names
// no one. Before, Compile refused the whole document.
func TestPoliciesNamingADeletedPrincipalStillDecide(t *testing.T) {
	const (
		srcS3   = "https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-bucket-user-policy-specifying-principal-intro.html"
		srcIAM  = srcPrincipal + "#principal-roles"
		stale   = "AROADBQP57FF2AEXAMPLE"
		newSess = "arn:aws:sts::111122223333:assumed-role/Deployer/ci"
	)
	trust := pdoc(trustS(`{"AWS":"`+stale+`"}`, "sts:AssumeRole"))
	keyPol := pdoc(grantS("Allow", `{"AWS":"arn:aws:iam::111122223333:root"}`, "kms:*"), grantS("Allow", `{"AWS":["`+stale+`"]}`, "kms:Decrypt"))
	bucketPol := pdoc(stmt(`"Effect":"Deny"`, `"Principal":{"AWS":"`+stale+`"}`, `"Action":"s3:*"`, `"Resource":"arn:aws:s3:::bucket/*"`))
	withRes := func(res string, id ...string) func(t *testing.T) evaluate.Policies {
		return func(t *testing.T) evaluate.Policies {
			p := evaluate.Policies{Resource: parseDoc(t, res)}
			for _, d := range id {
				p.Identity = append(p.Identity, parseDoc(t, d))
			}
			return p
		}
	}
	runPublished(t, []publishedCase{
		{name: "a role recreated with the same name cannot assume through the stale ID", src: srcIAM, p: withRes(trust, allowAllDoc),
			r: evaluate.Request{Principal: newSess, Action: "sts:AssumeRole", Resource: targetA}, want: evaluate.ImplicitDeny},
		{name: "a key policy holding a stale ID still delegates to IAM policies", src: srcIAM, p: withRes(keyPol, allowAllDoc),
			r: evaluate.Request{Principal: userA, Action: "kms:Decrypt", Resource: keyA}, want: evaluate.Allowed},
		{name: "its stale statement grants the recreated role's session nothing", src: srcIAM, p: withRes(keyPol),
			r: evaluate.Request{Principal: "arn:aws:sts::111122223333:assumed-role/Deployer/ci", Action: "kms:Decrypt", Resource: keyA}, want: evaluate.ImplicitDeny},
		{name: "a bucket policy Deny naming only a stale ID denies no one", src: srcS3, p: withRes(bucketPol, allowAllDoc),
			r: evaluate.Request{Principal: userA, Action: "s3:GetObject", Resource: objA}, want: evaluate.Allowed},
	})
}

func TestPublishedTrustAndBucketPolicyExamples(t *testing.T) {
	const (
		srcDeputy = iamUG + "confused-deputy.html#cross-service-confused-deputy-prevention-sts"
		s3ex      = "https://docs.aws.amazon.com/AmazonS3/latest/userguide/example-bucket-policies.html"
		object    = "arn:aws:s3:::DOC-EXAMPLE-BUCKET/report.csv"
		incident  = "arn:aws:ssm-incidents:us-east-1:111122223333:incident-record/myresponseplan/1a2b3c"
	)
	// The published resource policy, with identity policies allowing
	// everything where the case says so.
	resource := func(name string, identity ...string) func(t *testing.T) evaluate.Policies {
		return func(t *testing.T) evaluate.Policies {
			p := evaluate.Policies{Resource: publishedDoc(t, name)}
			for _, d := range identity {
				p.Identity = append(p.Identity, parseDoc(t, d))
			}
			return p
		}
	}
	get := func(principal string, c evaluate.Context) evaluate.Request {
		return evaluate.Request{Principal: principal, Action: "s3:GetObject", Resource: object, ResourceAccount: acctA, Context: c}
	}
	assume := func(c evaluate.Context) evaluate.Request {
		return evaluate.Request{Principal: "ssm-incidents.amazonaws.com", Action: "sts:AssumeRole", Resource: targetA, Context: c}
	}
	runPublished(t, []publishedCase{
		// "Only incident records that are created from the response plan
		// resource myresponseplan are able to use this role."
		{name: "Incident Manager acting for myresponseplan may assume the role", src: srcDeputy, p: resource("iam/confused-deputy-ssm-incidents-trust.json"),
			r: assume(ctx("aws:SourceArn", incident)), want: evaluate.Allowed},
		{name: "acting for another response plan it may not", src: srcDeputy, p: resource("iam/confused-deputy-ssm-incidents-trust.json"),
			r: assume(ctx("aws:SourceArn", "arn:aws:ssm-incidents:us-east-1:111122223333:incident-record/otherplan/1a2b3c")), want: evaluate.ImplicitDeny},
		{name: "acting for another account's record it may not", src: srcDeputy, p: resource("iam/confused-deputy-ssm-incidents-trust.json"),
			r: assume(ctx("aws:SourceArn", "arn:aws:ssm-incidents:us-east-1:444455556666:incident-record/myresponseplan/1a2b3c")), want: evaluate.ImplicitDeny},
		{name: "without aws:SourceArn it may not", src: srcDeputy, p: resource("iam/confused-deputy-ssm-incidents-trust.json"),
			r: assume(nil), want: evaluate.ImplicitDeny},
		// "the principal account is now required to be in your organization
		// to obtain access … it prevents all principals from outside of the
		// specified organization from accessing the S3 bucket."
		{name: "a principal of another account in the organization may read", src: s3ex + "#example-bucket-policies-global-condition-keys-2", p: resource("s3/allow-only-organization.json", allowAllDoc),
			r: get(userB, ctx("aws:PrincipalOrgID", "o-aa111bb222")), want: evaluate.Allowed},
		{name: "a principal outside the organization may not", src: s3ex + "#example-bucket-policies-global-condition-keys-2", p: resource("s3/allow-only-organization.json", allowAllDoc),
			r: get(userB, ctx("aws:PrincipalOrgID", "o-bb222cc333")), want: evaluate.ImplicitDeny},
		// "denies all users from performing any Amazon S3 operations on
		// objects in the specified buckets unless the request originates
		// from the specified range of IP addresses."
		{name: "a request from inside the range is not denied", src: s3ex + "#example-bucket-policies-IP-1", p: resource("s3/restrict-ip.json", allowAllDoc),
			r: get(userA, ctx("aws:SourceIp", "192.0.2.10")), want: evaluate.Allowed},
		{name: "a request from outside the range is denied", src: s3ex + "#example-bucket-policies-IP-1", p: resource("s3/restrict-ip.json", allowAllDoc),
			r: get(userA, ctx("aws:SourceIp", "203.0.113.10")), want: evaluate.ExplicitDeny},
		// "only allow encrypted connections while restricting HTTP requests
		// from accessing your bucket".
		{name: "an HTTP request is denied", src: s3ex + "#example-bucket-policies-use-case-HTTP-HTTPS-1", p: resource("s3/https-only.json", allowAllDoc),
			r: get(userA, ctx("aws:SecureTransport", "false")), want: evaluate.ExplicitDeny},
		{name: "an HTTPS request is not", src: s3ex + "#example-bucket-policies-use-case-HTTP-HTTPS-1", p: resource("s3/https-only.json", allowAllDoc),
			r: get(userA, ctx("aws:SecureTransport", "true")), want: evaluate.Allowed},
	})
}

func TestPublishedKMSTagExamples(t *testing.T) {
	const (
		src     = kmsDG + "tag-authorization.html"
		keySG   = "arn:aws:kms:ap-southeast-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
		keyOreg = "arn:aws:kms:us-west-2:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
	)
	defaultKey := `{"Version":"2012-10-17","Statement":[{"Sid":"Enable IAM User Permissions","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"kms:*","Resource":"*"}]}`
	tagged := func(name, keyArn string, tags map[string]string) func(t *testing.T) evaluate.Policies {
		return func(t *testing.T) evaluate.Policies {
			return evaluate.Policies{
				Identity: []*policy.Document{publishedDoc(t, name)},
				Resource: parseDoc(t, defaultKey),
				Key:      &evaluate.KeyFacts{Arn: keyArn, Tags: tags},
			}
		}
	}
	alpha := map[string]string{"Project": "Alpha"}
	on := func(key, action string) evaluate.Request {
		return evaluate.Request{Principal: sessA, Action: action, Resource: key}
	}
	runPublished(t, []publishedCase{
		// "allows the principals to call the GenerateDataKeyWithoutPlaintext
		// and Decrypt operations only on KMS keys in your account that are
		// the Asia Pacific (Singapore) Region and have a "Project"="Alpha"
		// tag."
		{name: "Decrypt with a Singapore key tagged Project=Alpha is allowed", src: src, p: tagged("kms/tag-project-alpha-iam.json", keySG, alpha),
			r: on(keySG, "kms:Decrypt"), want: evaluate.Allowed},
		{name: "a Singapore key tagged Project=Beta is not", src: src, p: tagged("kms/tag-project-alpha-iam.json", keySG, map[string]string{"Project": "Beta"}),
			r: on(keySG, "kms:Decrypt"), want: evaluate.ImplicitDeny},
		{name: "an Oregon key tagged Project=Alpha is not", src: src, p: tagged("kms/tag-project-alpha-iam.json", keyOreg, alpha),
			r: on(keyOreg, "kms:Decrypt"), want: evaluate.ImplicitDeny},
		{name: "Encrypt is not among the operations", src: src, p: tagged("kms/tag-project-alpha-iam.json", keySG, alpha),
			r: on(keySG, "kms:Encrypt"), want: evaluate.ImplicitDeny},
		// "allows the principals to use any KMS key in the account for
		// certain cryptographic operations. But it prohibits … KMS keys with
		// a "Type"="Reserved" tag or no "Type" tag."
		{name: "a key tagged Type=General may be used", src: src, p: tagged("kms/tag-deny-reserved-or-untagged-iam.json", keyOreg, map[string]string{"Type": "General"}),
			r: on(keyOreg, "kms:GenerateDataKeyPair"), want: evaluate.Allowed},
		{name: "a key tagged Type=Reserved may not", src: src, p: tagged("kms/tag-deny-reserved-or-untagged-iam.json", keyOreg, map[string]string{"Type": "Reserved"}),
			r: on(keyOreg, "kms:Decrypt"), want: evaluate.ExplicitDeny},
		{name: "a key without a Type tag may not", src: src, p: tagged("kms/tag-deny-reserved-or-untagged-iam.json", keyOreg, map[string]string{"Project": "Alpha"}),
			r: on(keyOreg, "kms:ReEncryptTo"), want: evaluate.ExplicitDeny},
		{name: "a key without tags may not", src: src, p: tagged("kms/tag-deny-reserved-or-untagged-iam.json", keyOreg, map[string]string{}),
			r: on(keyOreg, "kms:Encrypt"), want: evaluate.ExplicitDeny},
	})
}

func TestPublishedGetFederationTokenExamples(t *testing.T) {
	const (
		src   = iamUG + "id_credentials_temp_control-access_getfederationtoken.html"
		carol = "arn:aws:sts::111122223333:federated-user/Carol"
		app   = "arn:aws:s3:::productionapp"
	)
	// The federated user's identity policies are token-app's; the session
	// policy is the one passed to GetFederationToken, if any.
	fed := func(session bool) func(t *testing.T) evaluate.Policies {
		return func(t *testing.T) evaluate.Policies {
			p := evaluate.Policies{Identity: []*policy.Document{publishedDoc(t, "iam/getfederationtoken-token-app.json")}}
			if session {
				p.Session = publishedDoc(t, "iam/getfederationtoken-session-policy.json")
			}
			return p
		}
	}
	withBucket := func(t *testing.T) evaluate.Policies {
		p := fed(false)(t)
		p.Resource = publishedDoc(t, "iam/getfederationtoken-bucket-carol.json")
		return p
	}
	req := func(action, resource string) evaluate.Request {
		return evaluate.Request{Principal: carol, Action: action, Resource: resource, ResourceAccount: acctA}
	}
	runPublished(t, []publishedCase{
		// "The resulting federated user has permission to list the contents
		// of the Amazon S3 bucket named productionapp. The user can't
		// perform the Amazon S3 GetObject, PutObject, and DeleteObject
		// actions … could not perform actions in Amazon SNS, Amazon SQS,
		// Amazon DynamoDB, or in any S3 bucket except productionapp."
		{name: "with the session policy the federated user may list productionapp", src: src + "#permissions-get-federation-token-example-passed-policy", p: fed(true),
			r: req("s3:ListBucket", app), want: evaluate.Allowed},
		{name: "it may not get an object, which token-app may not", src: src + "#permissions-get-federation-token-example-passed-policy", p: fed(true),
			r: req("s3:GetObject", app+"/data.csv"), want: evaluate.ImplicitDeny},
		{name: "it may not list another bucket", src: src + "#permissions-get-federation-token-example-passed-policy", p: fed(true),
			r: req("s3:ListBucket", "arn:aws:s3:::other"), want: evaluate.ImplicitDeny},
		{name: "it may not receive SQS messages, which token-app may", src: src + "#permissions-get-federation-token-example-passed-policy", p: fed(true),
			r: req("sqs:ReceiveMessage", "arn:aws:sqs:us-east-1:111122223333:queue"), want: evaluate.ImplicitDeny},
		// "If this IAM user calls GetFederationToken and does not pass a
		// policy as a parameter of the API call, the resulting federated
		// user has no effective permissions."
		{name: "without a session policy it may not list productionapp", src: src + "#permissions-get-federation-token-example-iam-user", p: fed(false),
			r: req("s3:ListBucket", app), want: evaluate.ImplicitDeny},
		// "the federated user named Carol has permission to perform the
		// s3:GetObject, s3:PutObject, and s3:DeleteObject actions on the
		// bucket named productionapp. This is true even when no session
		// policy is passed".
		{name: "a bucket policy naming Carol lets her get objects without a session policy", src: src + "#permissions-get-federation-token-resource-based-policy", p: withBucket,
			r: req("s3:GetObject", app+"/data.csv"), want: evaluate.Allowed},
		{name: "it does not let her list the bucket", src: src + "#permissions-get-federation-token-resource-based-policy", p: withBucket,
			r: req("s3:ListBucket", app), want: evaluate.ImplicitDeny},
	})
}

func TestPublishedPermissionsBoundaryExamples(t *testing.T) {
	const (
		src    = iamUG + "access_policies_boundaries.html"
		shirl  = "arn:aws:iam::123456789012:user/ShirleyRodriguez"
		zhang  = "arn:aws:iam::123456789012:user/Zhang"
		nikhil = "arn:aws:iam::123456789012:user/Nikhil"
		xcb    = "arn:aws:iam::123456789012:policy/XCompanyBoundaries"
		secret = "arn:aws:secretsmanager:us-east-1:123456789012:secret:app-AbCdEf"
	)
	bounded := func(boundary string, resource string, identity ...string) func(t *testing.T) evaluate.Policies {
		return func(t *testing.T) evaluate.Policies {
			p := evaluate.Policies{Boundary: publishedDoc(t, boundary)}
			for _, name := range identity {
				p.Identity = append(p.Identity, publishedDoc(t, name))
			}
			if resource != "" {
				p.Resource = parseDoc(t, resource)
			}
			return p
		}
	}
	// Nikhil's permissions policies, IAMFullAccess and
	// AmazonS3ReadOnlyAccess, by their statements that matter here.
	nikhilPolicies := func(resource string) func(t *testing.T) evaluate.Policies {
		return func(t *testing.T) evaluate.Policies {
			p := bounded("boundary/xcompany-boundaries.json", resource)(t)
			p.Identity = []*policy.Document{
				parseDoc(t, pdoc(allowS("iam:*", "*"))),
				parseDoc(t, pdoc(stmt(`"Effect":"Allow"`, `"Action":["s3:Get*","s3:List*"]`, `"Resource":"*"`))),
			}
			return p
		}
	}
	req := func(principal, action, resource string, c evaluate.Context) evaluate.Request {
		return evaluate.Request{Principal: principal, Action: action, Resource: resource, ResourceAccount: "123456789012", Context: c}
	}
	newUser := "arn:aws:iam::123456789012:user/Nikhil"
	withBoundary := ctx("iam:PermissionsBoundary", xcb)
	logsBucket := pdoc(stmt(`"Effect":"Allow"`, `"Principal":{"AWS":"`+nikhil+`"}`, `"Action":"s3:PutObject"`, `"Resource":"arn:aws:s3:::logs/*"`))
	secretPolicy := pdoc(stmt(`"Effect":"Allow"`, `"Principal":{"AWS":"`+nikhil+`"}`, `"Action":"secretsmanager:GetSecretValue"`, `"Resource":"*"`))
	runPublished(t, []publishedCase{
		// "If you attach this permissions policy to the ShirleyRodriguez
		// user, and Shirley tries to create a user, the operation fails."
		{name: "Shirley may not create a user though her policy allows it", src: src, p: bounded("boundary/shirley-s3-cloudwatch-ec2.json", "", "iam/shirley-create-user.json"),
			r: req(shirl, "iam:CreateUser", "arn:aws:iam::123456789012:user/new", nil), want: evaluate.ImplicitDeny},
		// Zhang "creates a user … skips the Set permissions boundary
		// section … The operation fails and access is denied." With
		// XCompanyBoundaries chosen, "The user is created."
		{name: "Zhang may not create a user without the XCompanyBoundaries boundary", src: src + "#access_policies_boundaries-delegate", p: bounded("boundary/delegated-user-boundary.json", "", "iam/delegated-user-permissions.json"),
			r: req(zhang, "iam:CreateUser", newUser, nil), want: evaluate.ImplicitDeny},
		{name: "Zhang may create it with that boundary", src: src + "#access_policies_boundaries-delegate", p: bounded("boundary/delegated-user-boundary.json", "", "iam/delegated-user-permissions.json"),
			r: req(zhang, "iam:CreateUser", newUser, withBoundary), want: evaluate.Allowed},
		// "his permissions boundary does not allow any Amazon S3 action, so
		// he cannot perform any S3 operations, regardless of his permissions
		// policy."
		{name: "Zhang may not list ZhangBucket", src: src + "#access_policies_boundaries-delegate", p: bounded("boundary/delegated-user-boundary.json", "", "iam/delegated-user-permissions.json"),
			r: req(zhang, "s3:ListBucket", "arn:aws:s3:::ZhangBucket", nil), want: evaluate.ImplicitDeny},
		// "His permissions boundary allows all actions in CloudWatch, so his
		// effective CloudWatch permissions are limited only by his
		// permissions policy."
		{name: "Zhang may list CloudWatch dashboards", src: src + "#access_policies_boundaries-delegate", p: bounded("boundary/delegated-user-boundary.json", "", "iam/delegated-user-permissions.json"),
			r: req(zhang, "cloudwatch:ListDashboards", "*", nil), want: evaluate.Allowed},
		{name: "Zhang may not delete a dashboard", src: src + "#access_policies_boundaries-delegate", p: bounded("boundary/delegated-user-boundary.json", "", "iam/delegated-user-permissions.json"),
			r: req(zhang, "cloudwatch:DeleteDashboards", "*", nil), want: evaluate.ImplicitDeny},
		// "The NoBoundaryUserDelete statement denies Zhang access to delete
		// the permissions boundary for himself or other users."
		{name: "Zhang may not delete a user's permissions boundary", src: src + "#access_policies_boundaries-delegate", p: bounded("boundary/delegated-user-boundary.json", "", "iam/delegated-user-permissions.json"),
			r: req(zhang, "iam:DeleteUserPermissionsBoundary", newUser, nil), want: evaluate.ExplicitDeny},
		// Nikhil "can change his own password in IAM but can't create
		// another user or edit his policies. Nikhil has read-only access to
		// Amazon S3."
		{name: "Nikhil may change his own password", src: src + "#access_policies_boundaries-delegate", p: nikhilPolicies(""),
			r: req(nikhil, "iam:ChangePassword", nikhil, nil), want: evaluate.Allowed},
		{name: "Nikhil may not create another user", src: src + "#access_policies_boundaries-delegate", p: nikhilPolicies(""),
			r: req(nikhil, "iam:CreateUser", "arn:aws:iam::123456789012:user/other", nil), want: evaluate.ImplicitDeny},
		{name: "Nikhil may not edit his policies", src: src + "#access_policies_boundaries-delegate", p: nikhilPolicies(""),
			r: req(nikhil, "iam:PutUserPolicy", nikhil, nil), want: evaluate.ImplicitDeny},
		{name: "Nikhil may read S3", src: src + "#access_policies_boundaries-delegate", p: nikhilPolicies(""),
			r: req(nikhil, "s3:GetObject", "arn:aws:s3:::data/report.csv", nil), want: evaluate.Allowed},
		{name: "Nikhil may not write S3", src: src + "#access_policies_boundaries-delegate", p: nikhilPolicies(""),
			r: req(nikhil, "s3:PutObject", "arn:aws:s3:::data/report.csv", nil), want: evaluate.ImplicitDeny},
		// "If someone adds a resource-based policy to the logs bucket that
		// allows Nikhil to put an object in the bucket, he still cannot
		// access the bucket … However, if a resource-based policy attached
		// to a Secrets Manager secret allows Nikhil to perform the
		// secretsmanager:GetSecretValue action, then Nikhil can retrieve …
		// implicit denies in permissions boundaries do not limit
		// resource-based policies."
		{name: "a logs bucket policy allowing Nikhil does not overcome the boundary's Deny", src: src + "#access_policies_boundaries-delegate", p: nikhilPolicies(logsBucket),
			r: req(nikhil, "s3:PutObject", "arn:aws:s3:::logs/entry", nil), want: evaluate.ExplicitDeny},
		{name: "a secret's policy naming Nikhil lets him get the secret", src: src + "#access_policies_boundaries-delegate", p: nikhilPolicies(secretPolicy),
			r: req(nikhil, "secretsmanager:GetSecretValue", secret, nil), want: evaluate.Allowed},
	})
}
