package catalog

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"

	"github.com/cksiam/cksiam/policy"
)

const keyARN = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"

// allow and deny build one-statement documents.
func allow(actions []string, resources []string, cond policy.Condition) *policy.Document {
	return doc(policy.Statement{Effect: policy.Allow, Action: policy.List(actions...), Resource: policy.List(resources...), Condition: cond})
}

func deny(actions []string, resources []string, cond policy.Condition) *policy.Document {
	return doc(policy.Statement{Effect: policy.Deny, Action: policy.List(actions...), Resource: policy.List(resources...), Condition: cond})
}

func doc(st ...policy.Statement) *policy.Document {
	return &policy.Document{Version: policy.Version2012, Statement: st}
}

func acts(a ...string) []string { return a }

// finding is what a test pins of a policy.Finding; hint must occur in the
// message.
type finding struct {
	Severity policy.Severity
	Code     string
	Path     string
	Hint     string
}

func TestCheckReportsWhatTheCatalogKnowsIsWrong(t *testing.T) {
	err, warn, sec := policy.SeverityError, policy.SeverityWarning, policy.SeveritySecurityWarning
	tests := []struct {
		name string
		doc  *policy.Document
		want []finding
	}{
		{"a known action on its resource type raises nothing",
			allow(acts("kms:Decrypt"), acts(keyARN), nil), nil},
		{"an action is found ignoring case",
			allow(acts("KMS:decrypt"), acts(keyARN), nil), nil},
		{"an action whose name has a hyphen is found, also by a wildcard",
			allow(acts("vpc-lattice:AssociateViaAWSService-EventsAndStates", "vpc-lattice:AssociateViaAWSService-*"), acts("*"), nil), nil},
		{"an unknown service prefix is an error with a suggestion",
			allow(acts("kmss:Decrypt"), acts(keyARN), nil),
			[]finding{{err, CodeUnknownService, "Statement[0].Action[0]", `did you mean "kms:Decrypt"?`}}},
		{"an unknown action is an error with a suggestion",
			allow(acts("kms:Decrpyt"), acts(keyARN), nil),
			[]finding{{err, CodeUnknownAction, "Statement[0].Action[0]", `did you mean "kms:Decrypt"?`}}},
		{"an action far from every name gets no suggestion",
			allow(acts("kms:Launch"), acts("*"), nil),
			[]finding{{err, CodeUnknownAction, "Statement[0].Action[0]", "is not an action of kms (AWS Key Management Service)"}}},
		{"an unknown action in an array is reported at its index",
			allow(acts("kms:Decrypt", "kms:DescribeCustomKeyStore"), acts("*"), nil),
			[]finding{{err, CodeUnknownAction, "Statement[0].Action[1]", `did you mean "kms:DescribeCustomKeyStores"?`}}},
		{"a name without a service prefix is left to policy.Validate",
			allow(acts("Decrypt"), acts("*"), nil), nil},
		{"a wildcard in the service prefix is left to policy.Validate",
			allow(acts("km?:Decrypt"), acts("*"), nil), nil},
		{"a wildcard matching nothing is an error",
			allow(acts("kms:*Bucket*"), acts("*"), nil),
			[]finding{{err, CodeActionMatchesNothing, "Statement[0].Action[0]", "matches no action"}}},
		{"a wildcard with an unknown service is an unknown service",
			allow(acts("kmz:*"), acts("*"), nil),
			[]finding{{err, CodeUnknownService, "Statement[0].Action[0]", `did you mean "kms:*"?`}}},
		{"a typo in NotAction is reported too",
			doc(policy.Statement{Effect: policy.Deny, NotAction: policy.List("kms:Decrypt", "kms:Encrpt"), Resource: policy.List("*")}),
			[]finding{{err, CodeUnknownAction, "Statement[0].NotAction[1]", `did you mean "kms:Encrypt"?`}}},
		{"an Allow of a custom key store action on a key ARN is an error",
			allow(acts("kms:CreateCustomKeyStore"), acts(keyARN), nil),
			[]finding{{err, CodeWildcardOnlyActionWithARN, "Statement[0].Action[0]", `kms:CreateCustomKeyStore accepts only "Resource": "*"`}}},
		{"a wildcard of only wildcard-only actions scoped to an ARN is an error",
			allow(acts("kms:*CustomKeyStore*"), acts(keyARN), nil),
			[]finding{{err, CodeWildcardOnlyActionWithARN, "Statement[0].Action[0]", `every action "kms:*CustomKeyStore*" matches (6)`}}},
		{"only the wildcard-only action of a list is reported",
			allow(acts("kms:CreateKey", "kms:Decrypt"), acts(keyARN), nil),
			[]finding{{err, CodeWildcardOnlyActionWithARN, "Statement[0].Action[0]", "kms:CreateKey"}}},
		{"a wildcard that also matches scoped actions is fine",
			allow(acts("kms:*"), acts(keyARN), nil), nil},
		{"a wildcard-only action with a star resource is fine",
			allow(acts("kms:CreateKey"), acts(keyARN, "*"), nil), nil},
		{"an ARN pattern is not the star a wildcard-only action needs",
			allow(acts("kms:ListKeys"), acts("arn:aws:kms:*"), nil),
			[]finding{{err, CodeWildcardOnlyActionWithARN, "Statement[0].Action[0]", "kms:ListKeys"}}},
		{"a Deny of a wildcard-only action on an ARN is not reported",
			deny(acts("kms:CreateKey"), acts(keyARN), nil), nil},
		{"an alias pattern for key actions is a resource of no type",
			allow(acts("kms:Decrypt"), acts("arn:aws:kms:*:111122223333:alias/*"), nil),
			[]finding{{warn, CodeResourceMatchesNoType, "Statement[0].Resource[0]", "(kms:key)"}}},
		{"an alias pattern is fine when an alias action is there",
			allow(acts("kms:Decrypt", "kms:CreateAlias"), acts("arn:aws:kms:*:111122223333:alias/*", keyARN), nil), nil},
		{"another service's ARN is reported at its index",
			allow(acts("kms:Decrypt"), acts(keyARN, "arn:aws:s3:::amzn-s3-demo-bucket"), nil),
			[]finding{{warn, CodeResourceMatchesNoType, "Statement[0].Resource[1]", "amzn-s3-demo-bucket"}}},
		{"a policy variable in a resource stands for any name",
			allow(acts("iam:GetUser"), acts("arn:aws:iam::111122223333:user/${aws:username}"), nil), nil},
		{"every action may name any resource of a real type",
			allow(acts("*"), acts("arn:aws:s3:::amzn-s3-demo-bucket/*"), nil), nil},
		{"every action names no resource of a service that does not exist",
			allow(acts("*"), acts("arn:aws:nosuchservice:us-east-1:111122223333:thing/1"), nil),
			[]finding{{warn, CodeResourceMatchesNoType, "Statement[0].Resource[0]", "any service"}}},
		{"a resource pattern longer than any ARN is not analysed",
			allow(acts("*"), acts("arn:aws:"+strings.Repeat("*a", 60000)), nil), nil},
		{"a service key no action of the statement supports is a warning",
			allow(acts("kms:ListKeys"), acts("*"), policy.NewCondition("StringEquals", "kms:CallerAccount", "111122223333")),
			[]finding{{warn, CodeUnsupportedConditionKey, "Statement[0].Condition.StringEquals.kms:CallerAccount", "no action of the statement supports"}}},
		{"a key one action of the statement supports is fine",
			allow(acts("kms:ListKeys", "kms:ListAliases", "kms:DescribeKey"), acts("*"), policy.NewCondition("StringEquals", "kms:CallerAccount", "111122223333")), nil},
		{"a resource type's own key is supported by its actions",
			allow(acts("kms:Decrypt"), acts("*"), policy.NewCondition("StringEquals", "kms:KeyOrigin", "AWS_CLOUDHSM")), nil},
		{"an encryption context key fills the template",
			allow(acts("kms:Decrypt"), acts("*"), policy.NewCondition("StringEquals", "kms:EncryptionContext:Department", "IT")), nil},
		{"a global key is fine with every action",
			allow(acts("kms:ListKeys"), acts("*"), policy.NewCondition("IpAddress", "aws:SourceIp", "203.0.113.0/24")), nil},
		{"a tag key fills the global template",
			allow(acts("kms:ListKeys"), acts("*"), policy.NewCondition("StringEquals", "aws:PrincipalTag/team", "crypto")), nil},
		{"an aws key that is not global is a warning with a suggestion",
			allow(acts("kms:ListKeys"), acts("*"), policy.NewCondition("IpAddress", "aws:SourceIpp", "203.0.113.0/24")),
			[]finding{{warn, CodeUnknownGlobalConditionKey, "Statement[0].Condition.IpAddress.aws:SourceIpp", "did you mean aws:SourceIp?"}}},
		{"a service key that does not exist is a warning with a suggestion",
			allow(acts("kms:Decrypt"), acts("*"), policy.NewCondition("StringEquals", "kms:CallerAcount", "111122223333")),
			[]finding{{warn, CodeUnsupportedConditionKey, "Statement[0].Condition.StringEquals.kms:CallerAcount", "did you mean kms:CallerAccount?"}}},
		{"an identity provider key the reference does not list is left alone",
			allow(acts("sts:AssumeRoleWithWebIdentity"), acts("*"), policy.NewCondition("StringLike", "token.actions.githubusercontent.com:sub", "repo:org/*")), nil},
		{"a numeric operator on a string key is a warning",
			allow(acts("kms:Decrypt"), acts("*"), policy.NewCondition("NumericEquals", "kms:CallerAccount", "111122223333")),
			[]finding{{warn, CodeOperatorTypeMismatch, "Statement[0].Condition.NumericEquals.kms:CallerAccount", "of type String"}}},
		{"a string operator on a boolean key is a warning",
			allow(acts("kms:PutKeyPolicy"), acts("*"), policy.NewCondition("StringEquals", "kms:BypassPolicyLockoutSafetyCheck", "true")),
			[]finding{{warn, CodeOperatorTypeMismatch, "Statement[0].Condition.StringEquals.kms:BypassPolicyLockoutSafetyCheck", "of type Bool"}}},
		{"a date operator on aws:EpochTime is fine and so is a numeric one",
			allow(acts("kms:ListKeys"), acts("*"), policy.NewCondition("DateLessThan", "aws:EpochTime", "1700000000").
				With("NumericLessThan", "aws:EpochTime", "1700000000")), nil},
		{"string operators fit ARN keys",
			allow(acts("kms:ListKeys"), acts("*"), policy.NewCondition("StringLike", "aws:PrincipalArn", "arn:aws:iam::*:role/x").
				With("ArnLike", "aws:SourceArn", "arn:aws:s3:::b")), nil},
		{"the Null operator fits every key",
			allow(acts("kms:Decrypt"), acts("*"), policy.NewCondition("Null", "kms:EncryptionContextKeys", "false")), nil},
		{"a set operator on a single-valued key is a warning",
			allow(acts("kms:Decrypt"), acts("*"), policy.NewCondition("ForAnyValue:StringEquals", "kms:CallerAccount", "111122223333")),
			[]finding{{warn, CodeSetOperatorOnSingleValuedKey, "Statement[0].Condition.ForAnyValue:StringEquals.kms:CallerAccount", "single value"}}},
		{"a plain operator on a multivalued key is a warning",
			allow(acts("kms:Decrypt"), acts("*"), policy.NewCondition("StringEquals", "kms:EncryptionContextKeys", "Department")),
			[]finding{{warn, CodePlainOperatorOnMultivaluedKey, "Statement[0].Condition.StringEquals.kms:EncryptionContextKeys", "ForAnyValue:StringEquals"}}},
		{"ForAllValues in an Allow without a Null guard is a security warning",
			allow(acts("kms:TagResource"), acts("*"), policy.NewCondition("ForAllValues:StringEquals", "aws:TagKeys", "team")),
			[]finding{{sec, CodeForAllValuesWithoutNullGuard, "Statement[0].Condition.ForAllValues:StringEquals.aws:TagKeys", `"Null": {"aws:TagKeys": "false"}`}}},
		{"ForAllValues with a Null guard is fine",
			allow(acts("kms:TagResource"), acts("*"), policy.NewCondition("ForAllValues:StringEquals", "aws:TagKeys", "team").
				WithBool("Null", "AWS:TagKeys", false)), nil},
		{"ForAllValues in a Deny is fine",
			deny(acts("kms:TagResource"), acts("*"), policy.NewCondition("ForAllValues:StringEquals", "aws:TagKeys", "team")), nil},
		{"ForAllValues on an encryption context key is reported twice",
			allow(acts("kms:Decrypt"), acts("*"), policy.NewCondition("ForAllValues:StringEquals", "kms:EncryptionContext:Department", "IT")),
			[]finding{
				{warn, CodeSetOperatorOnSingleValuedKey, "Statement[0].Condition.ForAllValues:StringEquals.kms:EncryptionContext:Department", "single value"},
				{sec, CodeForAllValuesWithoutNullGuard, "Statement[0].Condition.ForAllValues:StringEquals.kms:EncryptionContext:Department", "no kms:EncryptionContext:Department at all"},
			}},
		{"a NotAction statement checks keys but not their support",
			doc(policy.Statement{Effect: policy.Deny, NotAction: policy.List("kms:ListKeys"), Resource: policy.List("*"),
				Condition: policy.NewCondition("NumericEquals", "kms:CallerAccount", "1")}),
			[]finding{{warn, CodeOperatorTypeMismatch, "Statement[0].Condition.NumericEquals.kms:CallerAccount", "Numeric"}}},
		{"an operator that does not parse is left to the grammar",
			allow(acts("kms:Decrypt"), acts("*"), policy.NewCondition("StringEqualz", "kms:CallerAccount", "1")), nil},
		{"findings name the statement they are in",
			doc(policy.Statement{Effect: policy.Allow, Action: policy.List("kms:Decrypt"), Resource: policy.List(keyARN)},
				policy.Statement{Effect: policy.Allow, Action: policy.List("kms:Decryptt"), Resource: policy.List(keyARN)}),
			[]finding{{err, CodeUnknownAction, "Statement[1].Action[0]", `did you mean "kms:Decrypt"?`}}},
		{"the default key policy raises nothing",
			doc(policy.Statement{Sid: "Enable IAM User Permissions", Effect: policy.Allow,
				Principal: &policy.Principal{}, Action: policy.List("kms:*"), Resource: policy.List("*")}), nil},
		{"a trust policy without Resource raises nothing",
			doc(policy.Statement{Effect: policy.Allow, Principal: &policy.Principal{}, Action: policy.List("sts:AssumeRole"),
				Condition: policy.NewCondition("StringEquals", "sts:ExternalId", "x")}), nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Default().Check(tt.doc, policy.IdentityPolicy)
			var pinned []finding
			for i, f := range got {
				h := ""
				if i < len(tt.want) {
					h = tt.want[i].Hint
					require.Contains(t, f.Message, h, f.String())
				}
				pinned = append(pinned, finding{f.Severity, f.Code, f.Path, h})
			}
			require.Empty(t, cmp.Diff(tt.want, pinned))
		})
	}
}

func TestCheckOfNoDocumentFindsNothing(t *testing.T) {
	require.Empty(t, Default().Check(nil, policy.KeyPolicy))
	require.Empty(t, Default().Check(&policy.Document{}, policy.KeyPolicy))
}

// The catalog is a policy.Checker.
var _ policy.Checker = (*Catalog)(nil)

var allCodes = map[string]bool{
	CodeUnknownService: true, CodeUnknownAction: true, CodeActionMatchesNothing: true,
	CodeWildcardOnlyActionWithARN: true, CodeResourceMatchesNoType: true, CodeUnsupportedConditionKey: true,
	CodeUnknownGlobalConditionKey: true, CodeOperatorTypeMismatch: true, CodeSetOperatorOnSingleValuedKey: true,
	CodePlainOperatorOnMultivaluedKey: true, CodeForAllValuesWithoutNullGuard: true,
}

// Check never panics, and every finding has a known code and a path.
func FuzzCheck(f *testing.F) {
	f.Add("kms:Decrypt", keyARN, "StringEquals", "kms:EncryptionContext:x", "v")
	f.Add("kms:*CustomKeyStore*", "arn:aws:kms:*", "ForAllValues:StringLike", "aws:TagKeys", "*")
	f.Add("*", "arn:aws:s3:::b/${aws:username}", "NumericEquals", "aws:ResourceTag/", "1")
	f.Fuzz(func(t *testing.T, action, resource, operator, key, value string) {
		c := Default()
		st := policy.Statement{Effect: policy.Allow, Action: policy.List(action, action+"*"), Resource: policy.List(resource),
			Condition: policy.NewCondition(operator, key, value)}
		not := st
		not.Action, not.NotAction, not.Effect = policy.Strings{}, policy.List(action), policy.Deny
		for _, f := range c.Check(doc(st, not), policy.IdentityPolicy) {
			if !allCodes[f.Code] || f.Path == "" || f.Message == "" {
				t.Fatalf("bad finding %v", f)
			}
		}
		c.Expand(action)
		for _, rt := range []string{"key", "alias"} {
			kms, _ := c.Service("kms")
			typ, _ := kms.ResourceType(rt)
			typ.Matches(resource)
			typ.Overlaps(resource)
		}
		c.ConditionKey(key)
		// The look-ups a front end makes with what a user typed.
		if a, err := c.CheckAction(action); err == nil {
			a.MayApplyTo(resource)
			a.SupportsConditionKey(key)
			a.ARNFormats(true)
		} else if a != nil {
			t.Fatalf("CheckAction(%q) returned an action and an error", action)
		}
		if _, err := c.CheckConditionKey(key); err == nil {
			if _, ok := c.ConditionKey(key); !ok {
				t.Fatalf("CheckConditionKey accepts %q, which ConditionKey does not find", key)
			}
		}
		for _, rt := range c.ResourceTypesOf(resource) {
			if !rt.Matches(resource) {
				t.Fatalf("ResourceTypesOf(%q) lists %s, which does not match it", resource, rt)
			}
		}
	})
}

// Through policy.Validate the catalog's findings join the grammar's, in
// document order.
func TestValidateWithTheCatalogAddsItsFindings(t *testing.T) {
	d, err := policy.Parse([]byte(`{"Version":"2012-10-17","Statement":[
	  {"Effect":"Allow","Action":["kms:CreateCustomKeyStore","kms:Decrpyt","Decrypt","kms:Encrypt"],
	   "Resource":"arn:aws:kms:us-east-1:111122223333:alias/*",
	   "Condition":{"ForAllValues:StringEquals":{"aws:TagKeys":["team"]}}}]}`))
	require.NoError(t, err)
	got := policy.Validate(d, policy.IdentityPolicy, policy.WithChecker(Default()))
	var codes []string
	for _, f := range got {
		codes = append(codes, f.Path+" "+f.Code)
	}
	require.Empty(t, cmp.Diff([]string{
		"Statement[0].Action[0] " + CodeWildcardOnlyActionWithARN,
		"Statement[0].Action[1] " + CodeUnknownAction,
		"Statement[0].Action[2] " + policy.CodeMalformedAction,
		"Statement[0].Resource[0] " + CodeResourceMatchesNoType,
		"Statement[0].Condition.ForAllValues:StringEquals.aws:TagKeys " + CodeForAllValuesWithoutNullGuard,
	}, codes))
	// Without the checker only the grammar's finding is left.
	grammar := policy.Validate(d, policy.IdentityPolicy)
	require.Len(t, grammar, 1)
	require.Equal(t, policy.CodeMalformedAction, grammar[0].Code)
}

// A well-formed least-privilege policy for the custom key store role of
// the KMS guide page passes the grammar and the catalog without a finding.
func TestValidateWithTheCatalogPassesTheCustomKeyStoreManagerPolicy(t *testing.T) {
	d, err := policy.Parse([]byte(`{"Version":"2012-10-17","Statement":[
	  {"Effect":"Allow","Action":["kms:*CustomKeyStore*","cloudhsm:DescribeClusters"],"Resource":"*"},
	  {"Effect":"Allow","Action":"iam:CreateServiceLinkedRole",
	   "Resource":"arn:aws:iam::*:role/aws-service-role/cks.kms.amazonaws.com/AWSServiceRoleForKeyManagementServiceCustomKeyStores*",
	   "Condition":{"StringLike":{"iam:AWSServiceName":"cks.kms.amazonaws.com"}}}]}`))
	require.NoError(t, err)
	require.Empty(t, policy.Validate(d, policy.IdentityPolicy, policy.WithChecker(Default())))
}

// API Gateway resource policies may name the API with the abbreviated
// "execute-api:/stage/method/path" form, which API Gateway completes to the
// API's ARN on save (API Gateway developer guide, "API Gateway resource
// policy examples"). The checker reads it as that ARN in a resource policy,
// and a variable after the prefix still stands for any text.
func TestCheckReadsTheAPIGatewayShorthandInResourcePolicies(t *testing.T) {
	d, err := policy.Parse([]byte(`{"Version":"2012-10-17","Statement":[
	  {"Effect":"Allow","Principal":"*","Action":"execute-api:Invoke",
	   "Resource":["execute-api:/stage/GET/pets","execute-api:/*","execute-api:/${aws:PrincipalTag/stage}/GET/*"]}]}`))
	require.NoError(t, err)
	require.Empty(t, Default().Check(d, policy.ResourcePolicy))

	// Anywhere else it is not an ARN, so it names no resource type.
	got := Default().Check(d, policy.IdentityPolicy)
	var paths []string
	for _, f := range got {
		require.Equal(t, CodeResourceMatchesNoType, f.Code, f.String())
		paths = append(paths, f.Path)
	}
	require.Equal(t, []string{"Statement[0].Resource[0]", "Statement[0].Resource[1]", "Statement[0].Resource[2]"}, paths)
}
