package evaluate_test

// Condition operators against AWS's documented rules (see aws_rules_test.go).

import (
	"testing"

	"github.com/cksiam/cksiam/evaluate"
)

// --- condition operators -----------------------------------------------------

var conditionRules = []condRule{
	// Missing keys, every family (aws-rules B.2; operators page, "Important" box).
	{name: "StringEquals on a missing key is false", src: srcOperators + " (aws-rules B.2)", cond: `{"StringEquals":{"aws:PrincipalTag/team":"blue"}}`, want: isFalse},
	{name: "StringNotEquals on a missing key is true", src: srcOperators + " (aws-rules B.2)", cond: `{"StringNotEquals":{"aws:PrincipalTag/team":"blue"}}`, want: isTrue},
	{name: "StringLike on a missing key is false", src: srcOperators + " (aws-rules B.2)", cond: `{"StringLike":{"aws:PrincipalTag/team":"*"}}`, want: isFalse},
	{name: "StringNotLike on a missing key is true", src: srcOperators + " (aws-rules B.2)", cond: `{"StringNotLike":{"aws:PrincipalTag/team":"b*"}}`, want: isTrue},
	{name: "StringEqualsIgnoreCase on a missing key is false", src: srcOperators + " (aws-rules B.2)", cond: `{"StringEqualsIgnoreCase":{"aws:PrincipalTag/team":"blue"}}`, want: isFalse},
	{name: "StringNotEqualsIgnoreCase on a missing key is true", src: srcOperators + " (aws-rules B.2)", cond: `{"StringNotEqualsIgnoreCase":{"aws:PrincipalTag/team":"blue"}}`, want: isTrue},
	{name: "NumericLessThan on a missing key is false", src: srcOperators + " (aws-rules B.2)", cond: `{"NumericLessThan":{"s3:max-keys":"10"}}`, want: isFalse},
	{name: "NumericNotEquals on a missing key is true", src: srcOperators + " (aws-rules B.2)", cond: `{"NumericNotEquals":{"s3:max-keys":"10"}}`, want: isTrue},
	{name: "DateGreaterThan on a missing key is false", src: srcOperators + " (aws-rules B.2)", cond: `{"DateGreaterThan":{"aws:CurrentTime":"2020-01-01T00:00:00Z"}}`, want: isFalse},
	{name: "DateNotEquals on a missing key is true", src: srcOperators + " (aws-rules B.2)", cond: `{"DateNotEquals":{"aws:CurrentTime":"2020-01-01T00:00:00Z"}}`, want: isTrue},
	{name: "Bool on a missing key is false", src: srcOperators + " (aws-rules B.2)", cond: `{"Bool":{"aws:MultiFactorAuthPresent":"true"}}`, want: isFalse},
	{name: "BinaryEquals on a missing key is false", src: srcOperators + " (aws-rules B.2)", cond: `{"BinaryEquals":{"aws:ExampleBinary":"QmluYXJ5VmFsdWU="}}`, want: isFalse},
	{name: "IpAddress on a missing key is false", src: srcOperators + " (aws-rules B.2)", cond: `{"IpAddress":{"aws:SourceIp":"203.0.113.0/24"}}`, want: isFalse},
	{name: "NotIpAddress on a missing key is true", src: srcOperators + " (aws-rules B.2)", cond: `{"NotIpAddress":{"aws:SourceIp":"203.0.113.0/24"}}`, want: isTrue},
	{name: "ArnLike on a missing key is false", src: srcOperators + " (aws-rules B.2)", cond: `{"ArnLike":{"aws:SourceArn":"arn:aws:sns:*:*:topic"}}`, want: isFalse},
	{name: "ArnNotEquals on a missing key is true", src: srcOperators + " (aws-rules B.2)", cond: `{"ArnNotEquals":{"aws:SourceArn":"arn:aws:sns:us-east-1:111122223333:topic"}}`, want: isTrue},
	{name: "ArnNotLike on a missing key is true", src: srcOperators + " (aws-rules B.2)", cond: `{"ArnNotLike":{"aws:SourceArn":"arn:aws:sns:*:*:topic"}}`, want: isTrue},

	// ...IfExists (aws-rules B.8).
	{name: "StringEqualsIfExists on a missing key is true", src: srcOperators + "#Conditions_IfExists (aws-rules B.8)", cond: `{"StringEqualsIfExists":{"aws:PrincipalTag/team":"blue"}}`, want: isTrue},
	{name: "StringEqualsIfExists on a present key compares normally", src: srcOperators + "#Conditions_IfExists (aws-rules B.8)", cond: `{"StringEqualsIfExists":{"aws:PrincipalTag/team":"blue"}}`, ctx: ctx("aws:PrincipalTag/team", "red"), want: isFalse},
	{name: "NumericLessThanIfExists on a missing key is true", src: srcOperators + "#Conditions_IfExists (aws-rules B.8)", cond: `{"NumericLessThanIfExists":{"s3:max-keys":"10"}}`, want: isTrue},
	{name: "BoolIfExists on a missing key is true", src: srcOperators + "#Conditions_IfExists (aws-rules B.8)", cond: `{"BoolIfExists":{"aws:MultiFactorAuthPresent":"false"}}`, want: isTrue},
	{name: "a negated IfExists operator on a missing key is true, so a Deny with it applies", src: srcOperators + "#Conditions_IfExists (aws-rules B.2 warning)", cond: `{"StringNotEqualsIfExists":{"aws:PrincipalTag/team":"blue"}}`, want: isTrue},
	{name: "IpAddressIfExists on a present address outside the range is false", src: srcOperators + "#Conditions_IfExists (aws-rules B.8)", cond: `{"IpAddressIfExists":{"aws:SourceIp":"203.0.113.0/24"}}`, ctx: ctx("aws:SourceIp", "198.51.100.7"), want: isFalse},

	// Null (aws-rules B.9).
	{name: "Null true holds when the key is absent", src: srcOperators + "#Conditions_Null (aws-rules B.9)", cond: `{"Null":{"aws:TokenIssueTime":"true"}}`, want: isTrue},
	{name: "Null true fails when the key is present", src: srcOperators + "#Conditions_Null (aws-rules B.9)", cond: `{"Null":{"aws:TokenIssueTime":"true"}}`, ctx: ctx("aws:TokenIssueTime", "2024-01-01T00:00:00Z"), want: isFalse},
	{name: "Null false holds when the key is present", src: srcOperators + "#Conditions_Null (aws-rules B.9)", cond: `{"Null":{"aws:TokenIssueTime":"false"}}`, ctx: ctx("aws:TokenIssueTime", "2024-01-01T00:00:00Z"), want: isTrue},
	{name: "Null false fails when the key is absent", src: srcOperators + "#Conditions_Null (aws-rules B.9)", cond: `{"Null":{"aws:TokenIssueTime":"false"}}`, want: isFalse},
	{name: "Null takes the JSON boolean true", src: srcOperators + "#Conditions_Null (aws-rules B.6, B.9)", cond: `{"Null":{"aws:TokenIssueTime":true}}`, want: isTrue},
	{name: "a context key given with no values counts as absent for Null", src: "aws-rules H.3 (empty context values are ignored)", cond: `{"Null":{"aws:TokenIssueTime":"true"}}`, ctx: evaluate.Context{"aws:TokenIssueTime": {}}, want: isTrue},

	{name: "Null false fails on a key whose only value is empty", src: srcMultiEx + " (Null false guards against context keys with empty values); " + srcOperators + "#Conditions_Null (aws-rules B.9; audit finding AUDIT-9)", cond: `{"Null":{"aws:TagKeys":"false"}}`, ctx: ctx("aws:TagKeys", ""), want: isFalse},
	{name: "Null true holds on a key whose only value is empty", src: srcMultiEx + " (Null false guards against context keys with empty values); " + srcOperators + "#Conditions_Null (aws-rules B.9; audit finding AUDIT-9)", cond: `{"Null":{"aws:TagKeys":"true"}}`, ctx: ctx("aws:TagKeys", ""), want: isTrue},
	{name: "Null false stops ForAllValues from holding on a key whose only value is empty", src: srcMultiEx + " (Null false guards against context keys with empty values); " + srcOperators + "#Conditions_Null (aws-rules B.9; audit finding AUDIT-9)", cond: `{"ForAllValues:StringEquals":{"aws:TagKeys":"env"},"Null":{"aws:TagKeys":"false"}}`, ctx: ctx("aws:TagKeys", ""), want: isFalse},

	// Set operators (aws-rules B.10; multivalued-keys pages).
	{name: "ForAllValues on a missing key is true", src: srcMultiKeys + " (aws-rules B.10)", cond: `{"ForAllValues:StringEquals":{"aws:TagKeys":["env","team"]}}`, want: isTrue},
	{name: "ForAnyValue on a missing key is false", src: srcMultiKeys + " (aws-rules B.10)", cond: `{"ForAnyValue:StringEquals":{"aws:TagKeys":["env","team"]}}`, want: isFalse},
	{name: "ForAllValues on a key with an empty value list is true", src: srcMultiKeys + " (aws-rules B.10)", cond: `{"ForAllValues:StringEquals":{"aws:TagKeys":["env"]}}`, ctx: evaluate.Context{"aws:TagKeys": {}}, want: isTrue},
	{name: "ForAnyValue on a key with an empty value list is false", src: srcMultiKeys + " (aws-rules B.10)", cond: `{"ForAnyValue:StringEquals":{"aws:TagKeys":["env"]}}`, ctx: evaluate.Context{"aws:TagKeys": {}}, want: isFalse},
	{name: "ForAllValues holds when every request value is among the policy values", src: srcMultiKeys + " (aws-rules B.10)", cond: `{"ForAllValues:StringEquals":{"aws:TagKeys":["env","team","cost"]}}`, ctx: ctx("aws:TagKeys", "env", "aws:TagKeys", "team"), want: isTrue},
	{name: "ForAllValues fails when one request value is not among the policy values", src: srcMultiKeys + " (aws-rules B.10)", cond: `{"ForAllValues:StringEquals":{"aws:TagKeys":["env","team"]}}`, ctx: ctx("aws:TagKeys", "env", "aws:TagKeys", "owner"), want: isFalse},
	{name: "ForAnyValue holds when one request value is among the policy values", src: srcMultiKeys + " (aws-rules B.10)", cond: `{"ForAnyValue:StringEquals":{"aws:TagKeys":["env","team"]}}`, ctx: ctx("aws:TagKeys", "owner", "aws:TagKeys", "team"), want: isTrue},
	{name: "ForAnyValue fails when no request value is among the policy values", src: srcMultiKeys + " (aws-rules B.10)", cond: `{"ForAnyValue:StringEquals":{"aws:TagKeys":["env","team"]}}`, ctx: ctx("aws:TagKeys", "owner", "aws:TagKeys", "cost"), want: isFalse},
	{name: "ForAllValues:StringNotLike fails when the only tag key matches the pattern", src: srcMultiEx + " (Deny with ForAllValues table)", cond: `{"ForAllValues:StringNotLike":{"aws:TagKeys":"key1*"}}`, ctx: ctx("aws:TagKeys", "key1:legal"), want: isFalse},
	{name: "ForAllValues:StringNotLike fails when every tag key matches the pattern", src: srcMultiEx + " (Deny with ForAllValues table)", cond: `{"ForAllValues:StringNotLike":{"aws:TagKeys":"key1*"}}`, ctx: ctx("aws:TagKeys", "key1:hr", "aws:TagKeys", "key1:personnel"), want: isFalse},
	{name: "ForAllValues:StringNotLike holds when the tag key does not match the pattern", src: srcMultiEx + " (Deny with ForAllValues table)", cond: `{"ForAllValues:StringNotLike":{"aws:TagKeys":"key1*"}}`, ctx: ctx("aws:TagKeys", "key2:audit"), want: isTrue},
	{name: "ForAllValues:StringNotLike holds when aws:TagKeys is absent", src: srcMultiEx + " (Deny with ForAllValues table)", cond: `{"ForAllValues:StringNotLike":{"aws:TagKeys":"key1*"}}`, want: isTrue},
	{name: "ForAllValues:StringNotLike fails when one of two tag keys matches", src: srcMultiEx + " (aws-rules B.10: every request value must satisfy the negated operator)", cond: `{"ForAllValues:StringNotLike":{"aws:TagKeys":"key1*"}}`, ctx: ctx("aws:TagKeys", "key2:audit", "aws:TagKeys", "key1:legal"), want: isFalse},
	{name: "ForAnyValue:StringNotEquals holds when one request value differs from every policy value", src: srcMultiKeys + " (aws-rules B.10)", cond: `{"ForAnyValue:StringNotEquals":{"aws:TagKeys":["env"]}}`, ctx: ctx("aws:TagKeys", "env", "aws:TagKeys", "team"), want: isTrue},
	{name: "ForAnyValue:StringNotEquals fails when every request value equals a policy value", src: srcMultiKeys + " (aws-rules B.10)", cond: `{"ForAnyValue:StringNotEquals":{"aws:TagKeys":["env","team"]}}`, ctx: ctx("aws:TagKeys", "env", "aws:TagKeys", "team"), want: isFalse},
	{name: "ForAnyValue:StringNotEquals on a missing key is false", src: srcMultiKeys + " (aws-rules B.2 table: ForAnyValue is false on a missing key)", cond: `{"ForAnyValue:StringNotEquals":{"aws:TagKeys":["env"]}}`, want: isFalse},
	{name: "ForAllValues:StringLike matches request values against wildcard policy values", src: srcMultiKeys + " (aws-rules B.10)", cond: `{"ForAllValues:StringLike":{"aws:TagKeys":"Created*"}}`, ctx: ctx("aws:TagKeys", "CreatedBy", "aws:TagKeys", "CreatedAt"), want: isTrue},
	{name: "ForAnyValue:NumericGreaterThan compares each request value as a number", src: srcMultiKeys + " (aws-rules B.4, B.10)", cond: `{"ForAnyValue:NumericGreaterThan":{"ec2:Attribute/Count":"5"}}`, ctx: ctx("ec2:Attribute/Count", "3", "ec2:Attribute/Count", "7.5"), want: isTrue},

	// Several values and keys (aws-rules B.1).
	{name: "several values of one key under a positive operator are ORed", src: srcLogic + " (aws-rules B.1)", cond: `{"StringEquals":{"aws:PrincipalTag/team":["red","blue"]}}`, ctx: ctx("aws:PrincipalTag/team", "blue"), want: isTrue},
	{name: "StringNotEquals with several values is a NOR: a request value equal to one of them fails", src: srcLogic + "#reference_policies_multiple-conditions-negated-matching-eval (aws-rules B.1)", cond: `{"StringNotEquals":{"aws:PrincipalTag/team":["red","blue"]}}`, ctx: ctx("aws:PrincipalTag/team", "blue"), want: isFalse},
	{name: "StringNotEquals with several values holds when the request value equals none of them", src: srcLogic + "#reference_policies_multiple-conditions-negated-matching-eval (aws-rules B.1)", cond: `{"StringNotEquals":{"aws:PrincipalTag/team":["red","blue"]}}`, ctx: ctx("aws:PrincipalTag/team", "green"), want: isTrue},
	{name: "NotIpAddress with several ranges fails when the address is in any of them", src: srcLogic + "#reference_policies_multiple-conditions-negated-matching-eval (aws-rules B.1)", cond: `{"NotIpAddress":{"aws:SourceIp":["10.0.0.0/8","192.168.0.0/16"]}}`, ctx: ctx("aws:SourceIp", "192.168.4.4"), want: isFalse},
	{name: "NotIpAddress with several ranges holds when the address is in none of them", src: srcLogic + "#reference_policies_multiple-conditions-negated-matching-eval (aws-rules B.1)", cond: `{"NotIpAddress":{"aws:SourceIp":["10.0.0.0/8","192.168.0.0/16"]}}`, ctx: ctx("aws:SourceIp", "203.0.113.9"), want: isTrue},
	{name: "ArnNotLike with several patterns fails when the ARN matches one", src: srcLogic + "#reference_policies_multiple-conditions-negated-matching-eval (aws-rules B.1)", cond: `{"ArnNotLike":{"aws:PrincipalArn":["arn:aws:iam::*:role/Ops*","arn:aws:iam::*:user/alice"]}}`, want: isFalse},
	{name: "two keys under one operator are ANDed", src: srcLogic + " (aws-rules B.1)", cond: `{"StringEquals":{"aws:PrincipalTag/team":"blue","aws:PrincipalTag/env":"prod"}}`, ctx: ctx("aws:PrincipalTag/team", "blue", "aws:PrincipalTag/env", "dev"), want: isFalse},
	{name: "two operators are ANDed", src: srcLogic + " (aws-rules B.1)", cond: `{"StringEquals":{"aws:PrincipalTag/team":"blue"},"IpAddress":{"aws:SourceIp":"203.0.113.0/24"}}`, ctx: ctx("aws:PrincipalTag/team", "blue", "aws:SourceIp", "203.0.113.5"), want: isTrue},

	// String operators (aws-rules B.3).
	{name: "StringEquals is case-sensitive", src: srcCondition + " (aws-rules B.3)", cond: `{"StringEquals":{"aws:PrincipalTag/team":"Blue"}}`, ctx: ctx("aws:PrincipalTag/team", "blue"), want: isFalse},
	{name: "StringEqualsIgnoreCase ignores case", src: srcCondition + " (aws-rules B.3)", cond: `{"StringEqualsIgnoreCase":{"aws:PrincipalTag/team":"BLUE"}}`, ctx: ctx("aws:PrincipalTag/team", "blue"), want: isTrue},
	{name: "StringEquals treats an asterisk literally", src: srcOperators + "#Conditions_String (aws-rules B.3)", cond: `{"StringEquals":{"aws:PrincipalTag/team":"*"}}`, ctx: ctx("aws:PrincipalTag/team", "blue"), want: isFalse},
	{name: "StringLike question mark matches exactly one character", src: srcOperators + "#Conditions_String (aws-rules B.3)", cond: `{"StringLike":{"aws:PrincipalTag/team":"bl?e"}}`, ctx: ctx("aws:PrincipalTag/team", "bluue"), want: isFalse},
	{name: "StringLike asterisk matches any run of characters", src: srcOperators + "#Conditions_String (aws-rules B.3)", cond: `{"StringLike":{"s3:prefix":"home/*/docs"}}`, ctx: ctx("s3:prefix", "home/alice/x/docs"), want: isTrue},
	{name: "StringLike is case-sensitive", src: srcOperators + "#Conditions_String (aws-rules B.3)", cond: `{"StringLike":{"s3:prefix":"Home/*"}}`, ctx: ctx("s3:prefix", "home/alice"), want: isFalse},
	{name: "context key names match without regard to case", src: srcCondition + " (aws-rules A.7)", cond: `{"IpAddress":{"aws:SourceIp":"203.0.113.0/24"}}`, ctx: ctx("AWS:SOURCEIP", "203.0.113.5"), want: isTrue},
	{name: "the tag-key part of a key name matches without regard to case", src: srcCondition + " (aws-rules A.7)", cond: `{"StringEquals":{"aws:PrincipalTag/Team":"blue"}}`, ctx: ctx("aws:principaltag/team", "blue"), want: isTrue},
	{name: "the context-key part of kms:EncryptionContext matches without regard to case", src: srcKMSConds + " (aws-rules A.7, E.3)", cond: `{"StringEquals":{"kms:EncryptionContext:Department":"IT"}}`, ctx: ctx("kms:encryptioncontext:department", "IT"), want: isTrue},

	// Numeric (aws-rules B.4).
	{name: "NumericLessThan compares decimals", src: srcOperators + "#Conditions_Numeric (aws-rules B.4)", cond: `{"NumericLessThan":{"s3:max-keys":"10"}}`, ctx: ctx("s3:max-keys", "9.5"), want: isTrue},
	{name: "NumericEquals compares values, not text", src: srcOperators + "#Conditions_Numeric (aws-rules B.4)", cond: `{"NumericEquals":{"s3:max-keys":"10.0"}}`, ctx: ctx("s3:max-keys", "10"), want: isTrue},
	{name: "NumericEquals takes a JSON number", src: srcOperators + "#Conditions_Numeric (aws-rules B.4)", cond: `{"NumericEquals":{"s3:max-keys":10}}`, ctx: ctx("s3:max-keys", "10"), want: isTrue},
	{name: "NumericGreaterThan orders negative numbers", src: srcOperators + "#Conditions_Numeric (aws-rules B.4)", cond: `{"NumericGreaterThan":{"s3:max-keys":"-5"}}`, ctx: ctx("s3:max-keys", "-3"), want: isTrue},
	{name: "NumericGreaterThan is false for a smaller negative number", src: srcOperators + "#Conditions_Numeric (aws-rules B.4)", cond: `{"NumericGreaterThan":{"s3:max-keys":"-5"}}`, ctx: ctx("s3:max-keys", "-7.25"), want: isFalse},
	{name: "NumericLessThanEquals holds on equal decimals written differently", src: srcOperators + "#Conditions_Numeric (aws-rules B.4)", cond: `{"NumericLessThanEquals":{"s3:max-keys":"0.10"}}`, ctx: ctx("s3:max-keys", "0.1"), want: isTrue},
	{name: "NumericNotEquals with several values is a NOR", src: srcLogic + " (aws-rules B.1, B.4)", cond: `{"NumericNotEquals":{"s3:max-keys":["1","2"]}}`, ctx: ctx("s3:max-keys", "2"), want: isFalse},

	// Date (aws-rules B.5).
	{name: "DateGreaterThan compares ISO-8601 instants", src: srcOperators + "#Conditions_Date (aws-rules B.5)", cond: `{"DateGreaterThan":{"aws:CurrentTime":"2020-01-01T00:00:00Z"}}`, ctx: ctx("aws:CurrentTime", "2021-06-01T12:00:00Z"), want: isTrue},
	{name: "DateEquals compares an epoch-seconds policy value with an ISO-8601 request value", src: srcOperators + "#Conditions_Date (aws-rules B.5)", cond: `{"DateEquals":{"aws:CurrentTime":"1577836800"}}`, ctx: ctx("aws:CurrentTime", "2020-01-01T00:00:00Z"), want: isTrue},
	{name: "DateLessThan honours a zone offset", src: srcOperators + "#Conditions_Date (aws-rules B.5)", cond: `{"DateLessThan":{"aws:CurrentTime":"2020-01-01T00:00:00+01:00"}}`, ctx: ctx("aws:CurrentTime", "2019-12-31T23:30:00Z"), want: isFalse},
	{name: "DateLessThan is true just before an offset instant", src: srcOperators + "#Conditions_Date (aws-rules B.5)", cond: `{"DateLessThan":{"aws:CurrentTime":"2020-01-01T00:00:00+01:00"}}`, ctx: ctx("aws:CurrentTime", "2019-12-31T22:59:59Z"), want: isTrue},
	{name: "DateGreaterThan compares fractional seconds", src: srcOperators + "#Conditions_Date (aws-rules B.5)", cond: `{"DateGreaterThan":{"aws:CurrentTime":"2020-01-01T00:00:00Z"}}`, ctx: ctx("aws:CurrentTime", "2020-01-01T00:00:00.500Z"), want: isTrue},
	{name: "DateLessThan compares epoch-seconds request values with ISO-8601 policy values", src: srcOperators + "#Conditions_Date (aws-rules B.5)", cond: `{"DateLessThan":{"aws:EpochTime":"2020-01-01T00:00:00Z"}}`, ctx: ctx("aws:EpochTime", "1577836799"), want: isTrue},
	{name: "DateEquals reads a date without a time as midnight UTC", src: srcOperators + "#Conditions_Date (W3C ISO-8601 profile, complete date; aws-rules B.5)", cond: `{"DateEquals":{"aws:CurrentTime":"2020-01-01"}}`, ctx: ctx("aws:CurrentTime", "2020-01-01T00:00:00Z"), want: isTrue},
	{name: "DateLessThanIfExists on a missing key is true", src: srcOperators + "#Conditions_IfExists (aws-rules B.8)", cond: `{"DateLessThanIfExists":{"aws:CurrentTime":"2020-01-01T00:00:00Z"}}`, want: isTrue},

	// Bool, Binary (aws-rules B.6).
	{name: "Bool takes the JSON boolean true", src: srcOperators + "#Conditions_Boolean (aws-rules B.6)", cond: `{"Bool":{"aws:SecureTransport":true}}`, ctx: ctx("aws:SecureTransport", "true"), want: isTrue},
	{name: "Bool with true fails on a false request value", src: srcOperators + "#Conditions_Boolean (aws-rules B.6)", cond: `{"Bool":{"aws:SecureTransport":"true"}}`, ctx: ctx("aws:SecureTransport", "false"), want: isFalse},
	{name: "Bool with the JSON boolean false holds on a false request value", src: srcOperators + "#Conditions_Boolean (aws-rules B.6)", cond: `{"Bool":{"aws:SecureTransport":false}}`, ctx: ctx("aws:SecureTransport", "false"), want: isTrue},
	{name: "BinaryEquals compares the base64 text", src: srcOperators + "#Conditions_BinaryEquals (aws-rules B.6)", cond: `{"BinaryEquals":{"aws:ExampleBinary":"QmluYXJ5VmFsdWU="}}`, ctx: ctx("aws:ExampleBinary", "QmluYXJ5VmFsdWU="), want: isTrue},

	// IP (aws-rules B.6).
	{name: "IpAddress holds for an address in the CIDR", src: srcOperators + "#Conditions_IPAddress (aws-rules B.6)", cond: `{"IpAddress":{"aws:SourceIp":"203.0.113.0/24"}}`, ctx: ctx("aws:SourceIp", "203.0.113.7"), want: isTrue},
	{name: "IpAddress fails for an address outside the CIDR", src: srcOperators + "#Conditions_IPAddress (aws-rules B.6)", cond: `{"IpAddress":{"aws:SourceIp":"203.0.113.0/24"}}`, ctx: ctx("aws:SourceIp", "203.0.114.7"), want: isFalse},
	{name: "an IPv4 address without a prefix is a /32", src: srcOperators + "#Conditions_IPAddress (aws-rules B.6)", cond: `{"IpAddress":{"aws:SourceIp":"203.0.113.7"}}`, ctx: ctx("aws:SourceIp", "203.0.113.8"), want: isFalse},
	{name: "IpAddress matches IPv6 ranges whatever the hex case", src: srcOperators + "#Conditions_IPAddress (aws-rules B.6)", cond: `{"IpAddress":{"aws:SourceIp":"2001:DB8:1234:5678::/64"}}`, ctx: ctx("aws:SourceIp", "2001:db8:1234:5678::1"), want: isTrue},
	{name: "IpAddress fails for an IPv6 address outside the range", src: srcOperators + "#Conditions_IPAddress (aws-rules B.6)", cond: `{"IpAddress":{"aws:SourceIp":"2001:DB8:1234:5678::/64"}}`, ctx: ctx("aws:SourceIp", "2001:db8:1234:5679::1"), want: isFalse},
	{name: "an IPv4 range does not hold an IPv6 address", src: srcOperators + "#Conditions_IPAddress (aws-rules B.6)", cond: `{"IpAddress":{"aws:SourceIp":"0.0.0.0/0"}}`, ctx: ctx("aws:SourceIp", "2001:db8::1"), want: isFalse},

	// ARN operators (aws-rules B.7).
	{name: "StringLike lets a wildcard cross colons in an ARN value", src: srcOperators + "#Conditions_ARN (aws-rules B.7 example)", cond: `{"StringLike":{"aws:SourceArn":"arn:aws:someservice:*:111122223333:finance/*"}}`, ctx: ctx("aws:SourceArn", "arn:aws:someservice:us-east-2:999999999999:store/abc:111122223333:finance/document.txt"), want: isTrue},
	{name: "ArnLike matches the six ARN parts separately, so a wildcard does not cross a colon", src: srcOperators + "#Conditions_ARN (aws-rules B.7 example)", cond: `{"ArnLike":{"aws:SourceArn":"arn:aws:someservice:*:111122223333:finance/*"}}`, ctx: ctx("aws:SourceArn", "arn:aws:someservice:us-east-2:999999999999:store/abc:111122223333:finance/document.txt"), want: isFalse},
	{name: "ArnLike lets a wildcard cross slashes inside the resource part", src: srcOperators + "#Conditions_ARN (aws-rules B.7)", cond: `{"ArnLike":{"aws:SourceArn":"arn:aws:iam::*:role/*"}}`, ctx: ctx("aws:SourceArn", "arn:aws:iam::111122223333:role/team/Deployer"), want: isTrue},
	{name: "ArnEquals honours wildcards like ArnLike", src: srcOperators + "#Conditions_ARN (aws-rules B.7)", cond: `{"ArnEquals":{"aws:SourceArn":"arn:aws:sns:*:111122223333:topic-?"}}`, ctx: ctx("aws:SourceArn", "arn:aws:sns:us-east-1:111122223333:topic-a"), want: isTrue},
	{name: "ArnLike keeps the colons after the fifth inside the resource part", src: srcOperators + "#Conditions_ARN (aws-rules B.7)", cond: `{"ArnLike":{"aws:SourceArn":"arn:aws:logs:*:*:log-group:app:*"}}`, ctx: ctx("aws:SourceArn", "arn:aws:logs:us-east-1:111122223333:log-group:app:log-stream:s1"), want: isTrue},
	{name: "ArnLike is case-sensitive", src: srcOperators + "#Conditions_ARN (aws-rules B.7)", cond: `{"ArnLike":{"aws:SourceArn":"arn:aws:iam::111122223333:role/admin"}}`, ctx: ctx("aws:SourceArn", "arn:aws:iam::111122223333:role/Admin"), want: isFalse},

	// Policy variables in conditions (aws-rules A.8).
	{name: "a condition value substitutes aws:username", src: srcVariables + " (aws-rules A.8)", cond: `{"StringEquals":{"s3:prefix":"home/${aws:username}"}}`, ctx: ctx("s3:prefix", "home/alice"), want: isTrue},
	{name: "a variable's key name matches without regard to case", src: srcVariables + " (aws-rules A.8)", cond: `{"StringEquals":{"s3:prefix":"home/${AWS:UserName}"}}`, ctx: ctx("s3:prefix", "home/alice"), want: isTrue},
	{name: "StringLike with a variable keeps the wildcards around it", src: srcVariables + " (aws-rules A.8)", cond: `{"StringLike":{"s3:prefix":"home/${aws:username}/*"}}`, ctx: ctx("s3:prefix", "home/alice/docs/a"), want: isTrue},
	{name: "a variable with no value makes StringEquals false", src: srcVariables + " (aws-rules A.8)", cond: `{"StringEquals":{"s3:prefix":"home/${aws:username}"}}`, ctx: ctx("s3:prefix", "home/"), caller: sessA, want: isFalse},
	{name: "a variable with no value makes StringNotEquals true", src: srcVariables + " (aws-rules A.8)", cond: `{"StringNotEquals":{"s3:prefix":"home/${aws:username}"}}`, ctx: ctx("s3:prefix", "home/"), caller: sessA, want: isTrue},
	{name: "a variable's default applies when the key is absent", src: srcVariables + " (aws-rules A.8)", cond: `{"StringEquals":{"s3:prefix":"${aws:PrincipalTag/team, 'company-wide'}"}}`, ctx: ctx("s3:prefix", "company-wide"), want: isTrue},
	{name: "a variable's default is not used when the key has a value", src: srcVariables + " (aws-rules A.8)", cond: `{"StringEquals":{"s3:prefix":"${aws:PrincipalTag/team, 'company-wide'}"}}`, ctx: ctx("s3:prefix", "company-wide", "aws:PrincipalTag/team", "blue"), want: isFalse},
	{name: "the escape ${*} is a literal asterisk in StringLike", src: srcVariables + " (aws-rules A.8)", cond: `{"StringLike":{"s3:prefix":"a${*}b"}}`, ctx: ctx("s3:prefix", "axb"), want: isFalse},
	{name: "the escape ${*} matches a literal asterisk", src: srcVariables + " (aws-rules A.8)", cond: `{"StringLike":{"s3:prefix":"a${*}b"}}`, ctx: ctx("s3:prefix", "a*b"), want: isTrue},
	{name: "the escape ${?} is a literal question mark in StringLike", src: srcVariables + " (aws-rules A.8)", cond: `{"StringLike":{"s3:prefix":"a${?}b"}}`, ctx: ctx("s3:prefix", "axb"), want: isFalse},
	{name: "the escape ${*} stands for a literal asterisk in StringEquals too", src: srcVariables + "#policy-vars-specialchars (aws-rules A.8)", cond: `{"StringEquals":{"s3:prefix":"a${*}b"}}`, ctx: ctx("s3:prefix", "a*b"), want: isTrue},
	{name: "the escape ${$} is a literal dollar sign", src: srcVariables + " (aws-rules A.8)", cond: `{"StringEquals":{"s3:prefix":"${$}HOME"}}`, ctx: ctx("s3:prefix", "$HOME"), want: isTrue},
	{name: "a multivalued key cannot be a variable, so the value holding it matches nothing", src: srcMultiKeys + " (aws-rules A.8)", cond: `{"StringEquals":{"s3:prefix":"${aws:TagKeys}"}}`, ctx: ctx("s3:prefix", "env", "aws:TagKeys", "env", "aws:TagKeys", "team"), want: isFalse},
	{name: "ArnEquals substitutes variables", src: srcOperators + "#Conditions_ARN (aws-rules A.8, B.7)", cond: `{"ArnEquals":{"aws:SourceArn":"arn:aws:iam::111122223333:user/${aws:username}"}}`, ctx: ctx("aws:SourceArn", userA), want: isTrue},
	{name: "under Version 2008-10-17 a variable is literal text", src: srcVersion + " (aws-rules A.2)", version: "2008-10-17", cond: `{"StringEquals":{"s3:prefix":"home/${aws:username}"}}`, ctx: ctx("s3:prefix", "home/alice"), want: isFalse},
	{name: "under Version 2008-10-17 the literal text of a variable matches itself", src: srcVersion + " (aws-rules A.2)", version: "2008-10-17", cond: `{"StringEquals":{"s3:prefix":"home/${aws:username}"}}`, ctx: ctx("s3:prefix", "home/${aws:username}"), want: isTrue},

	// Implied context keys (global condition keys page).
	{name: "aws:PrincipalArn of a role session is the role ARN", src: srcGlobalKeys + "#condition-keys-principalarn", caller: sessA, cond: `{"ArnEquals":{"aws:PrincipalArn":"arn:aws:iam::111122223333:role/Admin"}}`, want: isTrue},
	{name: "aws:PrincipalArn of a role session is not the session ARN", src: srcGlobalKeys + "#condition-keys-principalarn", caller: sessA, cond: `{"StringEquals":{"aws:PrincipalArn":"arn:aws:sts::111122223333:assumed-role/Admin/alice"}}`, want: isFalse},
	{name: "aws:PrincipalArn of an IAM user is the user ARN", src: srcGlobalKeys + "#condition-keys-principalarn", cond: `{"ArnEquals":{"aws:PrincipalArn":"arn:aws:iam::111122223333:user/alice"}}`, want: isTrue},
	{name: "aws:PrincipalAccount is the caller's account", src: srcGlobalKeys + "#condition-keys-principalaccount", caller: sessA, cond: `{"StringEquals":{"aws:PrincipalAccount":"111122223333"}}`, want: isTrue},
	{name: "aws:username is the IAM user's name", src: srcGlobalKeys + "#condition-keys-username", cond: `{"StringEquals":{"aws:username":"alice"}}`, want: isTrue},
	{name: "aws:username of a user with a path is its friendly name", src: srcGlobalKeys + "#condition-keys-username", caller: "arn:aws:iam::111122223333:user/ops/carol", cond: `{"StringEquals":{"aws:username":"carol"}}`, want: isTrue},
	{name: "aws:PrincipalArn of a user with a path keeps the path", src: srcGlobalKeys + "#condition-keys-principalarn", caller: "arn:aws:iam::111122223333:user/ops/carol", cond: `{"ArnLike":{"aws:PrincipalArn":"arn:aws:iam::111122223333:user/ops/*"}}`, want: isTrue},
	{name: "aws:username is absent for a role session", src: srcGlobalKeys + "#condition-keys-username", caller: sessA, cond: `{"Null":{"aws:username":"true"}}`, want: isTrue},
	{name: "aws:PrincipalType of an IAM user is User", src: srcGlobalKeys + "#condition-keys-principaltype", cond: `{"StringEquals":{"aws:PrincipalType":"User"}}`, want: isTrue},
	{name: "aws:PrincipalType of a role session is AssumedRole", src: srcGlobalKeys + "#condition-keys-principaltype", caller: sessA, cond: `{"StringEquals":{"aws:PrincipalType":"AssumedRole"}}`, want: isTrue},
	{name: "aws:PrincipalIsAWSService is false for an IAM user", src: srcGlobalKeys + "#condition-keys-principalisawsservice", cond: `{"Bool":{"aws:PrincipalIsAWSService":"false"}}`, want: isTrue},
	{name: "kms:CallerAccount is the caller's account for a kms action", src: srcKMSConds + "#conditions-kms-caller-account (aws-rules E.3)", action: "kms:ListKeys", cond: `{"StringEquals":{"kms:CallerAccount":"111122223333"}}`, want: isTrue},
	{name: "kms:CallerAccount is absent for a non-kms action", src: srcKMSConds + "#conditions-kms-caller-account (aws-rules E.3)", cond: `{"Null":{"kms:CallerAccount":"true"}}`, want: isTrue},
	{name: "kms:ViaService is not implied: a request that names none lacks it", src: srcKMSConds + "#conditions-kms-via-service (aws-rules E.3)", action: "kms:ListKeys", cond: `{"StringLike":{"kms:ViaService":"*.amazonaws.com"}}`, want: isFalse},
	{name: "a key the caller lists with no values does not hide the value the request implies", src: srcGlobalKeys + "#condition-keys-username; aws-rules H.3 (empty context values are ignored; audit finding AUDIT-11)", ctx: evaluate.Context{"aws:username": {}}, cond: `{"StringEquals":{"aws:username":"alice"}}`, want: isTrue},
	{name: "a caller-supplied aws:PrincipalArn wins over the implied one", src: "issue contract: a value the caller gave always wins (" + srcGlobalKeys + ")", caller: sessA, ctx: ctx("aws:PrincipalArn", "arn:aws:iam::111122223333:role/team/Admin"), cond: `{"ArnEquals":{"aws:PrincipalArn":"arn:aws:iam::111122223333:role/team/Admin"}}`, want: isTrue},
	{name: "a caller-supplied aws:PrincipalArn replaces the implied one", src: "issue contract: a value the caller gave always wins (" + srcGlobalKeys + ")", caller: sessA, ctx: ctx("aws:PrincipalArn", "arn:aws:iam::111122223333:role/team/Admin"), cond: `{"ArnEquals":{"aws:PrincipalArn":"arn:aws:iam::111122223333:role/Admin"}}`, want: isFalse},
	{name: "a caller-supplied key in other case wins over the implied one", src: "issue contract: a value the caller gave always wins (" + srcCondition + ", aws-rules A.7)", ctx: ctx("AWS:USERNAME", "bob"), cond: `{"StringEquals":{"aws:username":"alice"}}`, want: isFalse},
	{name: "a caller-supplied kms:CallerAccount wins over the implied one", src: "issue contract: a value the caller gave always wins (" + srcKMSConds + ")", action: "kms:ListKeys", ctx: ctx("kms:CallerAccount", "999999999999"), cond: `{"StringEquals":{"kms:CallerAccount":"111122223333"}}`, want: isFalse},

	// Fail closed on values that cannot be read (issue contract).
	{name: "a numeric condition on an unreadable request value cannot allow and makes a Deny apply", src: srcContract, cond: `{"NumericLessThan":{"s3:max-keys":"10"}}`, ctx: ctx("s3:max-keys", "ten"), want: failClose},
	{name: "an unreadable numeric policy value cannot allow and makes a Deny apply", src: srcContract, cond: `{"NumericLessThan":{"s3:max-keys":"ten"}}`, ctx: ctx("s3:max-keys", "5"), want: failClose},
	{name: "an unreadable date request value cannot allow and makes a Deny apply", src: srcContract, cond: `{"DateLessThan":{"aws:CurrentTime":"2030-01-01T00:00:00Z"}}`, ctx: ctx("aws:CurrentTime", "yesterday"), want: failClose},
	{name: "an unreadable CIDR in a policy cannot allow and makes a Deny apply", src: srcContract, cond: `{"IpAddress":{"aws:SourceIp":"203.0.113.0/33"}}`, ctx: ctx("aws:SourceIp", "203.0.113.1"), want: failClose},
	{name: "an unreadable request address under NotIpAddress cannot allow and makes a Deny apply", src: srcContract, cond: `{"NotIpAddress":{"aws:SourceIp":"203.0.113.0/24"}}`, ctx: ctx("aws:SourceIp", "not-an-ip"), want: failClose},
	{name: "an unreadable Bool request value cannot allow and makes a Deny apply", src: srcContract, cond: `{"Bool":{"aws:SecureTransport":"true"}}`, ctx: ctx("aws:SecureTransport", "yes"), want: failClose},
}

func TestAWSRulesConditions(t *testing.T) {
	for _, c := range conditionRules {
		t.Run(c.name, func(t *testing.T) { checkCond(t, c) })
	}
}
