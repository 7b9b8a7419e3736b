package policy

import (
	"testing"

	"github.com/stretchr/testify/require"
)

func TestReadValueAcceptsWhatItsOperatorReads(t *testing.T) {
	for _, tt := range []struct {
		name string
		fam  OperatorFamily
		val  Value
		ok   bool
	}{
		{"an integer is a number", FamilyNumeric, Value{Text: "10"}, true},
		{"a JSON number is a number", FamilyNumeric, Value{Text: "10", Kind: NumberValue}, true},
		{"a negative decimal is a number", FamilyNumeric, Value{Text: "-2.5"}, true},
		{"an exponent is not a number", FamilyNumeric, Value{Text: "1e3", Kind: NumberValue}, false},
		{"a trailing dot is not a number", FamilyNumeric, Value{Text: "5."}, false},
		{"a leading dot is not a number", FamilyNumeric, Value{Text: ".5"}, false},
		{"a bool is not a number", FamilyNumeric, Value{Text: "true", Kind: BoolValue}, false},
		{"an empty string is not a number", FamilyNumeric, Value{Text: ""}, false},
		{"a year is a date (with two readings)", FamilyDate, Value{Text: "2020"}, true},
		{"a negative number is not a date", FamilyDate, Value{Text: "-1"}, false},
		{"epoch seconds with a fraction are not a date", FamilyDate, Value{Text: "1700000000.5"}, false},
		{"the ISO 8601 basic form with a time is not a date", FamilyDate, Value{Text: "20200101T000000Z"}, false},
		{"a plus sign is not a number", FamilyNumeric, Value{Text: "+5"}, false},
		{"an IPv4 CIDR with spaces is not an address", FamilyIP, Value{Text: " 10.0.0.0/8 "}, false},
		{"base64 with a line break is not binary", FamilyBinary, Value{Text: "QUJD\r\n\r\nQUJD"}, false},
		{"a JSON number is not binary even when its digits are base64", FamilyBinary, Value{Text: "1234", Kind: NumberValue}, false},
		{"JSON true is not binary even though its letters are base64", FamilyBinary, Value{Text: "true", Kind: BoolValue}, false},
		{"a year and month is a date", FamilyDate, Value{Text: "2020-02"}, true},
		{"a calendar date is a date", FamilyDate, Value{Text: "2020-02-29"}, true},
		{"a time to the minute with an offset is a date", FamilyDate, Value{Text: "2020-01-01T10:30+02:00"}, true},
		{"a time to the second in UTC is a date", FamilyDate, Value{Text: "2019-04-25T11:00:00Z"}, true},
		{"a time with fractions is a date", FamilyDate, Value{Text: "2019-04-25T11:00:00.123-05:00"}, true},
		{"epoch seconds are a date", FamilyDate, Value{Text: "1700000000"}, true},
		{"epoch seconds as a JSON number are a date", FamilyDate, Value{Text: "1700000000", Kind: NumberValue}, true},
		{"29 February of a common year is not a date", FamilyDate, Value{Text: "2021-02-29"}, false},
		{"month 13 is not a date", FamilyDate, Value{Text: "2020-13-01"}, false},
		{"hour 24 is not a date", FamilyDate, Value{Text: "2020-01-01T24:00:00Z"}, false},
		{"a time without a zone is not a date", FamilyDate, Value{Text: "2020-01-01T10:00:00"}, false},
		{"a fraction without digits is not a date", FamilyDate, Value{Text: "2020-01-01T10:00:00.Z"}, false},
		{"a lower-case z is not a zone", FamilyDate, Value{Text: "2020-01-01T10:00:00z"}, false},
		{"a one-digit hour is not a date", FamilyDate, Value{Text: "2020-01-01T1:00Z"}, false},
		{"a date with a space is not a date", FamilyDate, Value{Text: "2020-01-01 10:00:00Z"}, false},
		{"true is a Bool value", FamilyBool, Value{Text: "true"}, true},
		{"JSON false is a Bool value", FamilyBool, Value{Text: "false", Kind: BoolValue}, true},
		{"True is not a Bool value", FamilyBool, Value{Text: "True"}, false},
		{"1 is not a Bool value", FamilyBool, Value{Text: "1", Kind: NumberValue}, false},
		{"false is a Null value", FamilyNull, Value{Text: "false"}, true},
		{"yes is not a Null value", FamilyNull, Value{Text: "yes"}, false},
		{"an IPv4 CIDR is an address", FamilyIP, Value{Text: "203.0.113.0/24"}, true},
		{"an IPv4 address is an address", FamilyIP, Value{Text: "203.0.113.7"}, true},
		{"an IPv6 CIDR is an address", FamilyIP, Value{Text: "2001:DB8:1234:5678::/64"}, true},
		{"an IPv6 address is an address", FamilyIP, Value{Text: "2001:db8::1"}, true},
		{"an out-of-range octet is not an address", FamilyIP, Value{Text: "300.1.1.1"}, false},
		{"a prefix too long is not an address", FamilyIP, Value{Text: "10.0.0.0/33"}, false},
		{"a zoned address is not an address", FamilyIP, Value{Text: "fe80::1%eth0"}, false},
		{"a JSON number is not an address", FamilyIP, Value{Text: "10", Kind: NumberValue}, false},
		{"padded base64 is binary", FamilyBinary, Value{Text: "QmluYXJ5VmFsdWU="}, true},
		{"unpadded base64 is not binary", FamilyBinary, Value{Text: "QmluYXJ5VmFsdWU"}, false},
		{"empty text is not binary", FamilyBinary, Value{Text: ""}, false},
		{"anything is a string", FamilyString, Value{Text: "*?${x}"}, true},
		{"a JSON number is a string value", FamilyString, Value{Text: "-1.5e+3", Kind: NumberValue}, true},
		{"a number value that is not a JSON number is refused", FamilyString, Value{Text: "12abc", Kind: NumberValue}, false},
		{"a number value with a leading zero is refused", FamilyString, Value{Text: "012", Kind: NumberValue}, false},
		{"a boolean value that is not true or false is refused", FamilyString, Value{Text: "yes", Kind: BoolValue}, false},
		{"a value of unknown kind is refused", FamilyString, Value{Text: "x", Kind: ValueKind(9)}, false},
		{"an ARN pattern is an ARN operator value", FamilyARN, Value{Text: "arn:aws:kms:*:111122223333:key/*"}, true},
		{"a star is an ARN operator value", FamilyARN, Value{Text: "*"}, true},
		{"text without the six ARN parts is not an ARN operator value", FamilyARN, Value{Text: "not-an-arn"}, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ReadValue(tt.fam, tt.val)
			if tt.ok {
				require.NoError(t, err)
			} else {
				require.Error(t, err)
			}
		})
	}
}

func TestValidSid(t *testing.T) {
	for _, tt := range []struct {
		kind Kind
		sid  string
		want bool
	}{
		{IdentityPolicy, "AllowKMS2", true},
		{IdentityPolicy, "", true},
		{IdentityPolicy, "Allow KMS", false},
		{IdentityPolicy, "Allow-KMS", false},
		{IdentityPolicy, "Allowé", false},
		{RCP, "Deny_All", false},
		{KeyPolicy, "Allow access for Key Administrators", true},
		{KeyPolicy, "Allow (key) users: Alice & Bob, café", true},
		{KeyPolicy, "tab\there", false},
		{KeyPolicy, "del\x7f", false},
		{ResourcePolicy, "AWSCloudTrailAclCheck20150319", true},
		{ResourcePolicy, "Allow-Public-Read", true},
	} {
		require.Equal(t, tt.want, ValidSid(tt.kind, tt.sid), "%s %q", tt.kind, tt.sid)
	}
}
