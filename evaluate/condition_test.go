package evaluate

import (
	"testing"

	"github.com/cksiam/cksiam/policy"
	"github.com/stretchr/testify/require"
)

func TestStringOperators(t *testing.T) {
	runConditions(t, []condCase{
		{name: "StringEquals matches the exact value (aws-rules B.3)", cond: `{"StringEquals":{"aws:PrincipalTag/team":"blue"}}`, ctx: ctx("aws:PrincipalTag/team", "blue"), want: holds},
		{name: "StringEquals is case-sensitive in the value (aws-rules A.7)", cond: `{"StringEquals":{"aws:PrincipalTag/team":"blue"}}`, ctx: ctx("aws:PrincipalTag/team", "Blue"), want: fails},
		{name: "StringEquals treats an asterisk literally (aws-rules B.3)", cond: `{"StringEquals":{"aws:PrincipalTag/team":"bl*"}}`, ctx: ctx("aws:PrincipalTag/team", "blue"), want: fails},
		{name: "StringEquals matches a literal asterisk (aws-rules B.3)", cond: `{"StringEquals":{"aws:PrincipalTag/team":"bl*"}}`, ctx: ctx("aws:PrincipalTag/team", "bl*"), want: holds},
		{name: "StringEquals ORs several policy values (aws-rules B.1)", cond: `{"StringEquals":{"aws:PrincipalTag/team":["red","blue"]}}`, ctx: ctx("aws:PrincipalTag/team", "blue"), want: holds},
		{name: "StringEquals is false for a missing key (aws-rules B.2)", cond: `{"StringEquals":{"aws:PrincipalTag/team":"blue"}}`, ctx: nil, want: fails},
		{name: "StringNotEquals is true for a missing key (aws-rules B.2)", cond: `{"StringNotEquals":{"aws:PrincipalTag/team":"blue"}}`, ctx: nil, want: holds},
		{name: "StringNotEquals with several values is a NOR and fails when one matches (aws-rules B.1)", cond: `{"StringNotEquals":{"aws:PrincipalTag/team":["red","blue"]}}`, ctx: ctx("aws:PrincipalTag/team", "blue"), want: fails},
		{name: "StringNotEquals with several values holds when none matches (aws-rules B.1)", cond: `{"StringNotEquals":{"aws:PrincipalTag/team":["red","blue"]}}`, ctx: ctx("aws:PrincipalTag/team", "green"), want: holds},
		{name: "StringEqualsIgnoreCase ignores case (aws-rules B.3)", cond: `{"StringEqualsIgnoreCase":{"aws:PrincipalTag/team":"BLUE"}}`, ctx: ctx("aws:PrincipalTag/team", "blue"), want: holds},
		{name: "StringNotEqualsIgnoreCase fails for a value equal but for case (aws-rules B.3)", cond: `{"StringNotEqualsIgnoreCase":{"aws:PrincipalTag/team":"BLUE"}}`, ctx: ctx("aws:PrincipalTag/team", "blue"), want: fails},
		{name: "StringLike star matches any run (aws-rules B.3)", cond: `{"StringLike":{"aws:PrincipalTag/team":"bl*"}}`, ctx: ctx("aws:PrincipalTag/team", "blue"), want: holds},
		{name: "StringLike question mark matches exactly one character (aws-rules B.3)", cond: `{"StringLike":{"aws:PrincipalTag/team":"bl?e"}}`, ctx: ctx("aws:PrincipalTag/team", "blue"), want: holds},
		{name: "StringLike question mark does not match two characters (aws-rules B.3)", cond: `{"StringLike":{"aws:PrincipalTag/team":"b?e"}}`, ctx: ctx("aws:PrincipalTag/team", "blue"), want: fails},
		{name: "StringLike is case-sensitive (aws-rules B.3)", cond: `{"StringLike":{"aws:PrincipalTag/team":"BL*"}}`, ctx: ctx("aws:PrincipalTag/team", "blue"), want: fails},
		{name: "StringLike needs a wildcard for a partial match (aws-rules B.3)", cond: `{"StringLike":{"aws:PrincipalTag/team":"blu"}}`, ctx: ctx("aws:PrincipalTag/team", "blue"), want: fails},
		{name: "StringLike star crosses colons and slashes (aws-rules B.7 contrast)", cond: `{"StringLike":{"aws:SourceArn":"arn:aws:someservice:*:111122223333:finance/*"}}`, ctx: ctx("aws:SourceArn", "arn:aws:someservice:us-east-2:999999999999:store/abc:111122223333:finance/document.txt"), want: holds},
		{name: "StringNotLike is true for a missing key (aws-rules B.2)", cond: `{"StringNotLike":{"aws:PrincipalTag/team":"bl*"}}`, ctx: nil, want: holds},
		{name: "StringNotLike fails when the pattern matches (aws-rules B.3)", cond: `{"StringNotLike":{"aws:PrincipalTag/team":"bl*"}}`, ctx: ctx("aws:PrincipalTag/team", "blue"), want: fails},
		{name: "condition key names compare ignoring case (aws-rules A.7)", cond: `{"StringEquals":{"AWS:PrincipalTag/TEAM":"blue"}}`, ctx: ctx("aws:principaltag/team", "blue"), want: holds},
		{name: "the key part of kms:EncryptionContext is case-insensitive (aws-rules I)", cond: `{"StringEquals":{"kms:EncryptionContext:purpose":"backup"}}`, ctx: ctx("kms:EncryptionContext:Purpose", "backup"), want: holds},
		{name: "the value of kms:EncryptionContext stays case-sensitive under StringEquals (aws-rules E.3)", cond: `{"StringEquals":{"kms:EncryptionContext:purpose":"backup"}}`, ctx: ctx("kms:EncryptionContext:Purpose", "Backup"), want: fails},
		{name: "StringEqualsIfExists holds for a missing key (aws-rules B.8)", cond: `{"StringEqualsIfExists":{"aws:PrincipalTag/team":"blue"}}`, ctx: nil, want: holds},
		{name: "StringEqualsIfExists compares a present key normally (aws-rules B.8)", cond: `{"StringEqualsIfExists":{"aws:PrincipalTag/team":"blue"}}`, ctx: ctx("aws:PrincipalTag/team", "red"), want: fails},
		{name: "StringNotEqualsIfExists fails for a present matching key (aws-rules B.8)", cond: `{"StringNotEqualsIfExists":{"aws:PrincipalTag/team":"blue"}}`, ctx: ctx("aws:PrincipalTag/team", "blue"), want: fails},
		{name: "a key given with no values counts as missing (aws-rules B.2)", cond: `{"StringEquals":{"aws:PrincipalTag/team":"blue"}}`, ctx: Context{"aws:PrincipalTag/team": {}}, want: fails},
		{name: "a JSON number is compared as its text under StringEquals (aws-rules B.3)", cond: `{"StringEquals":{"aws:PrincipalTag/level":10}}`, ctx: ctx("aws:PrincipalTag/level", "10"), want: holds},
	})
}

func TestNumericOperators(t *testing.T) {
	runConditions(t, []condCase{
		{name: "NumericEquals compares decimals by value (aws-rules B.4)", cond: `{"NumericEquals":{"s3:max-keys":"10"}}`, ctx: ctx("s3:max-keys", "10.0"), want: holds},
		{name: "NumericEquals accepts a JSON number in the policy (aws-rules B.4)", cond: `{"NumericEquals":{"s3:max-keys":10}}`, ctx: ctx("s3:max-keys", "10"), want: holds},
		{name: "NumericLessThan compares fractions (aws-rules B.4)", cond: `{"NumericLessThan":{"s3:max-keys":"10"}}`, ctx: ctx("s3:max-keys", "9.99"), want: holds},
		{name: "NumericLessThan is false for an equal value (aws-rules B.4)", cond: `{"NumericLessThan":{"s3:max-keys":"10"}}`, ctx: ctx("s3:max-keys", "10"), want: fails},
		{name: "NumericLessThanEquals holds for an equal value (aws-rules B.4)", cond: `{"NumericLessThanEquals":{"s3:max-keys":"10"}}`, ctx: ctx("s3:max-keys", "10"), want: holds},
		{name: "NumericGreaterThan orders negative numbers (aws-rules B.4)", cond: `{"NumericGreaterThan":{"s3:max-keys":"-1"}}`, ctx: ctx("s3:max-keys", "-2"), want: fails},
		{name: "NumericGreaterThanEquals holds above the bound (aws-rules B.4)", cond: `{"NumericGreaterThanEquals":{"kms:ScheduleKeyDeletionPendingWindowInDays":"7"}}`, ctx: ctx("kms:ScheduleKeyDeletionPendingWindowInDays", "30"), want: holds},
		{name: "NumericNotEquals is true for a missing key (aws-rules B.2)", cond: `{"NumericNotEquals":{"s3:max-keys":"10"}}`, ctx: nil, want: holds},
		{name: "NumericNotEquals fails for an equal value (aws-rules B.4)", cond: `{"NumericNotEquals":{"s3:max-keys":"10"}}`, ctx: ctx("s3:max-keys", "10"), want: fails},
		{name: "NumericLessThan is false for a missing key (aws-rules B.2)", cond: `{"NumericLessThan":{"s3:max-keys":"10"}}`, ctx: nil, want: fails},
		{name: "numbers beyond float precision compare exactly (aws-rules B.4)", cond: `{"NumericLessThan":{"s3:max-keys":"12345678901234567891"}}`, ctx: ctx("s3:max-keys", "12345678901234567890"), want: holds},
		{name: "minus zero equals zero (aws-rules B.4)", cond: `{"NumericEquals":{"s3:max-keys":"0"}}`, ctx: ctx("s3:max-keys", "-0.000"), want: holds},
		{name: "an unreadable policy number makes the statement undecidable (aws-rules B.4, fail closed)", cond: `{"NumericEquals":{"s3:max-keys":"ten"}}`, ctx: ctx("s3:max-keys", "10"), want: undecided},
		{name: "an unreadable request number makes the statement undecidable (fail closed)", cond: `{"NumericEquals":{"s3:max-keys":"10"}}`, ctx: ctx("s3:max-keys", "ten"), want: undecided},
		{name: "wildcards are not numbers (aws-rules B.4)", cond: `{"NumericEquals":{"s3:max-keys":"1*"}}`, ctx: ctx("s3:max-keys", "10"), want: undecided},
	})
}

func TestDateOperators(t *testing.T) {
	runConditions(t, []condCase{
		{name: "DateLessThan compares ISO-8601 instants (aws-rules B.5)", cond: `{"DateLessThan":{"aws:CurrentTime":"2020-01-01T00:00:01Z"}}`, ctx: ctx("aws:CurrentTime", "2019-12-31T23:59:59Z"), want: holds},
		{name: "DateGreaterThan compares an epoch request value with an ISO policy value (aws-rules B.5)", cond: `{"DateGreaterThan":{"aws:EpochTime":"2020-01-01T00:00:00Z"}}`, ctx: ctx("aws:EpochTime", "1577836801"), want: holds},
		{name: "DateEquals reads epoch seconds in the policy (aws-rules B.5)", cond: `{"DateEquals":{"aws:CurrentTime":"1577836800"}}`, ctx: ctx("aws:CurrentTime", "2020-01-01T00:00:00Z"), want: holds},
		{name: "DateEquals honours fractional seconds (aws-rules B.5)", cond: `{"DateEquals":{"aws:CurrentTime":"2020-01-01T00:00:00.500Z"}}`, ctx: ctx("aws:CurrentTime", "2020-01-01T00:00:00Z"), want: fails},
		{name: "DateEquals honours zone offsets (aws-rules B.5)", cond: `{"DateEquals":{"aws:CurrentTime":"2020-01-01T02:00:00+02:00"}}`, ctx: ctx("aws:CurrentTime", "2020-01-01T00:00:00Z"), want: holds},
		{name: "a date without a time is midnight UTC (aws-rules B.5)", cond: `{"DateGreaterThanEquals":{"aws:CurrentTime":"2020-01-01"}}`, ctx: ctx("aws:CurrentTime", "2020-01-01T00:00:00Z"), want: holds},
		{name: "DateLessThanEquals holds for the same instant (aws-rules B.5)", cond: `{"DateLessThanEquals":{"aws:CurrentTime":"2020-01-01T00:00:00Z"}}`, ctx: ctx("aws:CurrentTime", "2020-01-01T00:00:00Z"), want: holds},
		{name: "DateNotEquals is true for a missing key (aws-rules B.2)", cond: `{"DateNotEquals":{"aws:CurrentTime":"2020-01-01T00:00:00Z"}}`, ctx: nil, want: holds},
		{name: "DateGreaterThan is false for a missing key (aws-rules B.2)", cond: `{"DateGreaterThan":{"aws:CurrentTime":"2020-01-01T00:00:00Z"}}`, ctx: nil, want: fails},
		{name: "an unreadable policy date makes the statement undecidable (fail closed)", cond: `{"DateLessThan":{"aws:CurrentTime":"tomorrow"}}`, ctx: ctx("aws:CurrentTime", "2020-01-01T00:00:00Z"), want: undecided},
		{name: "an unreadable request date makes the statement undecidable (fail closed)", cond: `{"DateLessThan":{"aws:CurrentTime":"2020-01-01T00:00:00Z"}}`, ctx: ctx("aws:CurrentTime", "yesterday"), want: undecided},
	})
}

func TestBoolBinaryAndIPOperators(t *testing.T) {
	runConditions(t, []condCase{
		{name: "Bool matches the string true (aws-rules B.6)", cond: `{"Bool":{"aws:SecureTransport":"true"}}`, ctx: ctx("aws:SecureTransport", "true"), want: holds},
		{name: "Bool matches a JSON boolean (aws-rules B.6)", cond: `{"Bool":{"kms:GrantIsForAWSResource":true}}`, ctx: ctx("kms:GrantIsForAWSResource", "true"), want: holds},
		{name: "Bool reads true and false in lower case only, so a request's True is undecidable (aws-rules B.6, fail closed)", cond: `{"Bool":{"aws:SecureTransport":"true"}}`, ctx: ctx("aws:SecureTransport", "True"), want: undecided},
		{name: "Bool false does not match true (aws-rules B.6)", cond: `{"Bool":{"aws:SecureTransport":false}}`, ctx: ctx("aws:SecureTransport", "true"), want: fails},
		{name: "Bool is false for a missing key (aws-rules B.2)", cond: `{"Bool":{"aws:SecureTransport":"false"}}`, ctx: nil, want: fails},
		{name: "BoolIfExists is true for a missing key (aws-rules B.8)", cond: `{"BoolIfExists":{"aws:MultiFactorAuthPresent":"true"}}`, ctx: nil, want: holds},
		{name: "a request value that is no boolean is undecidable (fail closed)", cond: `{"Bool":{"aws:SecureTransport":"true"}}`, ctx: ctx("aws:SecureTransport", "yes"), want: undecided},
		{name: "a policy value that is no boolean is undecidable (fail closed)", cond: `{"Bool":{"aws:SecureTransport":"yes"}}`, ctx: ctx("aws:SecureTransport", "true"), want: undecided},
		{name: "BinaryEquals compares the base64 text (aws-rules B.6)", cond: `{"BinaryEquals":{"s3:x":"QmluYXJ5VmFsdWU="}}`, ctx: ctx("s3:x", "QmluYXJ5VmFsdWU="), want: holds},
		{name: "BinaryEquals fails for other text (aws-rules B.6)", cond: `{"BinaryEquals":{"s3:x":"QmluYXJ5VmFsdWU="}}`, ctx: ctx("s3:x", "T3RoZXI="), want: fails},
		{name: "BinaryEquals refuses a policy value that is not base64 (fail closed)", cond: `{"BinaryEquals":{"s3:x":"not base64!"}}`, ctx: ctx("s3:x", "not base64!"), want: undecided},
		{name: "IpAddress matches an address inside an IPv4 CIDR (aws-rules B.6)", cond: `{"IpAddress":{"aws:SourceIp":"203.0.113.0/24"}}`, ctx: ctx("aws:SourceIp", "203.0.113.7"), want: holds},
		{name: "IpAddress fails for an address outside the CIDR (aws-rules B.6)", cond: `{"IpAddress":{"aws:SourceIp":"203.0.113.0/24"}}`, ctx: ctx("aws:SourceIp", "203.0.114.7"), want: fails},
		{name: "IpAddress matches inside an IPv6 CIDR (aws-rules B.6)", cond: `{"IpAddress":{"aws:SourceIp":"2001:DB8:1234:5678::/64"}}`, ctx: ctx("aws:SourceIp", "2001:db8:1234:5678::9"), want: holds},
		{name: "an address without a prefix is a single host (aws-rules B.6)", cond: `{"IpAddress":{"aws:SourceIp":"203.0.113.7"}}`, ctx: ctx("aws:SourceIp", "203.0.113.8"), want: fails},
		{name: "an IPv4 address is not in an IPv6 CIDR (aws-rules B.6)", cond: `{"IpAddress":{"aws:SourceIp":"2001:DB8::/32"}}`, ctx: ctx("aws:SourceIp", "203.0.113.7"), want: fails},
		{name: "a CIDR with host bits set still covers its network (aws-rules B.6)", cond: `{"IpAddress":{"aws:SourceIp":"203.0.113.9/24"}}`, ctx: ctx("aws:SourceIp", "203.0.113.200"), want: holds},
		{name: "NotIpAddress fails inside the range (aws-rules B.6)", cond: `{"NotIpAddress":{"aws:SourceIp":"203.0.113.0/24"}}`, ctx: ctx("aws:SourceIp", "203.0.113.7"), want: fails},
		{name: "NotIpAddress is true for a missing key (aws-rules B.2)", cond: `{"NotIpAddress":{"aws:SourceIp":"203.0.113.0/24"}}`, ctx: nil, want: holds},
		{name: "NotIpAddress with several ranges is a NOR (aws-rules B.1)", cond: `{"NotIpAddress":{"aws:SourceIp":["10.0.0.0/8","203.0.113.0/24"]}}`, ctx: ctx("aws:SourceIp", "203.0.113.7"), want: fails},
		{name: "IpAddress is false for a missing key (aws-rules B.2)", cond: `{"IpAddress":{"aws:SourceIp":"203.0.113.0/24"}}`, ctx: nil, want: fails},
		{name: "an unreadable CIDR is undecidable (fail closed)", cond: `{"IpAddress":{"aws:SourceIp":"203.0.113.0/33"}}`, ctx: ctx("aws:SourceIp", "203.0.113.7"), want: undecided},
		{name: "an unreadable request address is undecidable (fail closed)", cond: `{"IpAddress":{"aws:SourceIp":"203.0.113.0/24"}}`, ctx: ctx("aws:SourceIp", "somewhere"), want: undecided},
	})
}

func TestArnAndNullOperators(t *testing.T) {
	const docARN = "arn:aws:someservice:us-east-2:999999999999:store/abc:111122223333:finance/document.txt"
	runConditions(t, []condCase{
		{name: "ArnLike matches part by part so a wildcard never crosses a colon (aws-rules B.7)", cond: `{"ArnLike":{"aws:SourceArn":"arn:aws:someservice:*:111122223333:finance/*"}}`, ctx: ctx("aws:SourceArn", docARN), want: fails},
		{name: "ArnLike allows a wildcard within the region part (aws-rules B.7)", cond: `{"ArnLike":{"aws:SourceArn":"arn:aws:kms:*:111122223333:key/*"}}`, ctx: ctx("aws:SourceArn", keyARN), want: holds},
		{name: "ArnLike lets the resource part keep its colons (aws-rules B.7)", cond: `{"ArnLike":{"aws:SourceArn":"arn:aws:lambda:us-east-1:111122223333:function:f*"}}`, ctx: ctx("aws:SourceArn", "arn:aws:lambda:us-east-1:111122223333:function:fn:1"), want: holds},
		{name: "ArnEquals behaves like ArnLike, wildcards included (aws-rules B.7)", cond: `{"ArnEquals":{"aws:SourceArn":"arn:aws:kms:us-east-1:111122223333:key/*"}}`, ctx: ctx("aws:SourceArn", keyARN), want: holds},
		{name: "ArnLike is case-sensitive (aws-rules B.7)", cond: `{"ArnLike":{"aws:SourceArn":"arn:aws:kms:us-east-1:111122223333:KEY/*"}}`, ctx: ctx("aws:SourceArn", keyARN), want: fails},
		{name: "ArnNotLike is true for a missing key (aws-rules B.2)", cond: `{"ArnNotLike":{"aws:SourceArn":"arn:aws:kms:*:*:key/*"}}`, ctx: nil, want: holds},
		{name: "ArnNotEquals fails when the ARN matches (aws-rules B.7)", cond: `{"ArnNotEquals":{"aws:SourceArn":"arn:aws:kms:*:*:key/*"}}`, ctx: ctx("aws:SourceArn", keyARN), want: fails},
		{name: "ArnLike does not match a value that is not an ARN (aws-rules B.7)", cond: `{"ArnLike":{"aws:SourceArn":"arn:aws:kms:*:*:key/*"}}`, ctx: ctx("aws:SourceArn", "key/1234"), want: fails},
		{name: "ArnLike with a single star matches any ARN (aws-rules B.7)", cond: `{"ArnLike":{"aws:SourceArn":"*"}}`, ctx: ctx("aws:SourceArn", keyARN), want: holds},
		{name: "an ArnLike pattern that is not an ARN is undecidable (fail closed)", cond: `{"ArnLike":{"aws:SourceArn":"key/*"}}`, ctx: ctx("aws:SourceArn", keyARN), want: undecided},
		{name: "Null true holds for an absent key (aws-rules B.9)", cond: `{"Null":{"aws:TokenIssueTime":"true"}}`, ctx: nil, want: holds},
		{name: "Null true fails for a present key (aws-rules B.9)", cond: `{"Null":{"aws:TokenIssueTime":"true"}}`, ctx: ctx("aws:TokenIssueTime", "2020-01-01T00:00:00Z"), want: fails},
		{name: "Null false holds for a present key (aws-rules B.9)", cond: `{"Null":{"aws:TokenIssueTime":false}}`, ctx: ctx("aws:TokenIssueTime", "2020-01-01T00:00:00Z"), want: holds},
		{name: "Null false fails for an absent key (aws-rules B.9)", cond: `{"Null":{"aws:TokenIssueTime":"false"}}`, ctx: nil, want: fails},
		{name: "Null false fails for a key whose only value is empty, the documented guard (aws-rules B.9, B.10)", cond: `{"Null":{"aws:TagKeys":"false"}}`, ctx: ctx("aws:TagKeys", ""), want: fails},
		{name: "Null true holds for a key whose only value is empty (aws-rules B.9)", cond: `{"Null":{"aws:TagKeys":"true"}}`, ctx: ctx("aws:TagKeys", ""), want: holds},
		{name: "ForAllValues with a Null false guard does not hold for an empty tag set (aws-rules B.10)", cond: `{"ForAllValues:StringEquals":{"aws:TagKeys":"env"},"Null":{"aws:TagKeys":"false"}}`, ctx: ctx("aws:TagKeys", ""), want: fails},
		{name: "Null with a value other than true or false is undecidable (fail closed)", cond: `{"Null":{"aws:TokenIssueTime":"maybe"}}`, ctx: nil, want: undecided},
	})
}

func TestSetOperatorsAndCombination(t *testing.T) {
	tags := func(v ...string) Context { return Context{"aws:TagKeys": v} }
	runConditions(t, []condCase{
		{name: "ForAllValues holds when every request value is listed (aws-rules B.10)", cond: `{"ForAllValues:StringEquals":{"aws:TagKeys":["env","team","cost"]}}`, ctx: tags("env", "team"), want: holds},
		{name: "ForAllValues fails when one request value is not listed (aws-rules B.10)", cond: `{"ForAllValues:StringEquals":{"aws:TagKeys":["env","team"]}}`, ctx: tags("env", "owner"), want: fails},
		{name: "ForAllValues holds for a missing key (aws-rules B.2)", cond: `{"ForAllValues:StringEquals":{"aws:TagKeys":["env"]}}`, ctx: nil, want: holds},
		{name: "ForAllValues holds for an empty set (aws-rules B.10)", cond: `{"ForAllValues:StringEquals":{"aws:TagKeys":["env"]}}`, ctx: tags(), want: holds},
		{name: "ForAllValues holds for a set that resolves to the empty string (aws-rules B.9, B.10)", cond: `{"ForAllValues:StringEquals":{"aws:TagKeys":["env"]}}`, ctx: tags(""), want: holds},
		{name: "ForAnyValue fails for a set that resolves to the empty string (aws-rules B.10)", cond: `{"ForAnyValue:StringNotEquals":{"aws:TagKeys":["env"]}}`, ctx: tags(""), want: fails},
		{name: "ForAnyValue holds when one request value is listed (aws-rules B.10)", cond: `{"ForAnyValue:StringEquals":{"aws:TagKeys":["env"]}}`, ctx: tags("owner", "env"), want: holds},
		{name: "ForAnyValue fails when no request value is listed (aws-rules B.10)", cond: `{"ForAnyValue:StringEquals":{"aws:TagKeys":["env"]}}`, ctx: tags("owner"), want: fails},
		{name: "ForAnyValue fails for a missing key (aws-rules B.2)", cond: `{"ForAnyValue:StringEquals":{"aws:TagKeys":["env"]}}`, ctx: nil, want: fails},
		{name: "ForAllValues StringNotLike fails when a request value matches (aws-rules B.10 example)", cond: `{"ForAllValues:StringNotLike":{"aws:TagKeys":"key1*"}}`, ctx: tags("key1:legal"), want: fails},
		{name: "ForAllValues StringNotLike holds when no request value matches (aws-rules B.10 example)", cond: `{"ForAllValues:StringNotLike":{"aws:TagKeys":"key1*"}}`, ctx: tags("key2:audit"), want: holds},
		{name: "ForAllValues StringNotLike holds for a missing key (aws-rules B.10 example)", cond: `{"ForAllValues:StringNotLike":{"aws:TagKeys":"key1*"}}`, ctx: nil, want: holds},
		{name: "ForAnyValue StringNotEquals holds when some request value is unlisted (aws-rules B.10)", cond: `{"ForAnyValue:StringNotEquals":{"aws:TagKeys":["env"]}}`, ctx: tags("env", "owner"), want: holds},
		{name: "ForAnyValue StringEqualsIfExists holds for a missing key (aws-rules B.8)", cond: `{"ForAnyValue:StringEqualsIfExists":{"aws:TagKeys":["env"]}}`, ctx: nil, want: holds},
		{name: "ForAnyValue NumericLessThan reads every request value as a number (aws-rules B.10)", cond: `{"ForAnyValue:NumericLessThan":{"s3:x":"5"}}`, ctx: Context{"s3:x": {"9", "3"}}, want: holds},
		{name: "a positive operator on a multivalued key holds when any value matches (package doc reading, aws-rules B.10)", cond: `{"StringEquals":{"aws:TagKeys":"env"}}`, ctx: tags("owner", "env"), want: holds},
		{name: "a negated operator on a multivalued key fails when any value matches (package doc reading, aws-rules B.1 NOR)", cond: `{"StringNotEquals":{"aws:TagKeys":"env"}}`, ctx: tags("owner", "env"), want: fails},
		{name: "keys under one operator AND together (aws-rules B.1)", cond: `{"StringEquals":{"aws:PrincipalTag/team":"blue","aws:PrincipalTag/env":"prod"}}`, ctx: ctx("aws:PrincipalTag/team", "blue", "aws:PrincipalTag/env", "dev"), want: fails},
		{name: "keys under one operator that all match hold (aws-rules B.1)", cond: `{"StringEquals":{"aws:PrincipalTag/team":"blue","aws:PrincipalTag/env":"prod"}}`, ctx: ctx("aws:PrincipalTag/team", "blue", "aws:PrincipalTag/env", "prod"), want: holds},
		{name: "operators AND together (aws-rules B.1)", cond: `{"StringEquals":{"aws:PrincipalTag/team":"blue"},"IpAddress":{"aws:SourceIp":"10.0.0.0/8"}}`, ctx: ctx("aws:PrincipalTag/team", "blue", "aws:SourceIp", "192.0.2.1"), want: fails},
		{name: "a false condition outweighs an undecidable one (aws-rules B.1)", cond: `{"StringEquals":{"aws:PrincipalTag/team":"blue"},"NumericEquals":{"s3:max-keys":"ten"}}`, ctx: ctx("aws:PrincipalTag/team", "red"), want: fails},
		{name: "an undecidable condition with true ones stays undecidable (fail closed)", cond: `{"StringEquals":{"aws:PrincipalTag/team":"blue"},"NumericEquals":{"s3:max-keys":"ten"}}`, ctx: ctx("aws:PrincipalTag/team", "blue", "s3:max-keys", "1"), want: undecided},
		{name: "operator names are read ignoring case (aws-rules A.7, unverified point 3)", cond: `{"stringequals":{"aws:PrincipalTag/team":"blue"}}`, ctx: ctx("aws:PrincipalTag/team", "blue"), want: holds},
	})
}

// The plainEq shortcut of condEntry.eval must decide as the general path
// does, for every operator it is taken for and every shape of request
// value.
func TestPlainStringEqualsShortcutAgreesWithGeneralPath(t *testing.T) {
	contexts := []Context{
		nil,
		{},
		{"aws:SourceVpc": nil},
		{"aws:SourceVpc": {}},
		{"aws:SourceVpc": {""}},
		{"aws:SourceVpc": {"vpc-1"}},
		{"aws:SourceVpc": {"VPC-1"}},
		{"aws:SourceVpc": {"vpc-2"}},
		{"aws:SourceVpc": {"vpc-2", "vpc-1"}},
		{"AWS:SOURCEVPC": {"vpc-1"}},
		{"aws:SourceVpc": {"vpc-3", ""}},
	}
	taken := 0
	for _, opText := range []string{"StringEquals", "StringNotEquals", "StringEqualsIfExists", "ForAnyValue:StringEquals", "StringLike", "StringEqualsIgnoreCase"} {
		op, err := policy.ParseOperator(opText)
		require.NoError(t, err)
		for _, vals := range [][]string{{"vpc-1"}, {"vpc-1", "vpc-2"}, {""}, {"vpc-*"}} {
			var pv []policy.Value
			for _, v := range vals {
				pv = append(pv, policy.Value{Text: v})
			}
			ce := compileEntry(op, opText, policy.ConditionEntry{Key: "aws:SourceVpc", Values: pv}, true, nil, nil)
			general := ce
			general.plainEq = false
			if ce.plainEq {
				taken++
			}
			for _, ctx := range contexts {
				s := state{ctx: ctx}
				g := state{ctx: ctx}
				require.Equal(t, general.eval(&g), ce.eval(&s), "%s %q on %v", opText, vals, ctx)
			}
		}
	}
	require.Equal(t, 8, taken, "the shortcut applies to StringEquals and StringNotEquals only")
}
