package evaluate

import (
	"testing"

	"github.com/stretchr/testify/require"
)

// Values that the engine and Validate once read differently. Each case
// failed before condition values had one reader (package policy/value):
// the engine read what Validate calls invalid, or refused what it calls
// valid, or read an ambiguous date in the permissive direction.
func TestConditionValuesHaveOneReading(t *testing.T) {
	runConditions(t, []condCase{
		{name: "an Allow after the year 2020 does not grant in 2019, though epoch second 2020 is long past",
			cond: `{"DateGreaterThan":{"aws:CurrentTime":"2020"}}`, ctx: ctx("aws:CurrentTime", "2019-06-01T00:00:00Z"), want: undecided},
		{name: "a Deny before the year 2020 applies in 2019, though epoch second 2020 is long past",
			cond: `{"DateLessThan":{"aws:CurrentTime":"2020"}}`, ctx: ctx("aws:CurrentTime", "2019-06-01T00:00:00Z"), want: undecided},
		{name: "an ambiguous year decides where both of its readings agree",
			cond: `{"DateGreaterThan":{"aws:CurrentTime":"2020"}}`, ctx: ctx("aws:CurrentTime", "2025-06-01T00:00:00Z"), want: holds},
		{name: "an ambiguous year is false where both of its readings are",
			cond: `{"DateLessThan":{"aws:CurrentTime":"2020"}}`, ctx: ctx("aws:CurrentTime", "2025-06-01T00:00:00Z"), want: fails},
		{name: "eight digits forming a calendar date are read both ways",
			cond: `{"DateGreaterThan":{"aws:CurrentTime":"20200101"}}`, ctx: ctx("aws:CurrentTime", "2019-06-01T00:00:00Z"), want: undecided},
		{name: "an ambiguous request date decides only where its readings agree",
			cond: `{"DateGreaterThan":{"aws:EpochTime":"1970-01-01T01:00:00Z"}}`, ctx: ctx("aws:EpochTime", "2020"), want: undecided},
		{name: "a year and month is a date (W3C YYYY-MM)",
			cond: `{"DateLessThan":{"aws:CurrentTime":"2030-01"}}`, ctx: ctx("aws:CurrentTime", "2029-12-31T00:00:00Z"), want: holds},
		{name: "dates compare exactly beyond nanoseconds",
			cond: `{"DateLessThan":{"aws:CurrentTime":"2020-01-01T00:00:00.0000000001Z"}}`, ctx: ctx("aws:CurrentTime", "2020-01-01T00:00:00Z"), want: holds},
		{name: "a negative epoch is not a date",
			cond: `{"DateGreaterThan":{"aws:CurrentTime":"-1"}}`, ctx: ctx("aws:CurrentTime", "2020-01-01T00:00:00Z"), want: undecided},
		{name: "the ISO 8601 basic form with a time is not a W3C date",
			cond: `{"DateEquals":{"aws:CurrentTime":"20200101T000000Z"}}`, ctx: ctx("aws:CurrentTime", "2020-01-01T00:00:00Z"), want: undecided},
		{name: "a time without a zone is not a W3C date",
			cond: `{"DateEquals":{"aws:CurrentTime":"2020-01-01T00:00:00"}}`, ctx: ctx("aws:CurrentTime", "2020-01-01T00:00:00Z"), want: undecided},
		{name: "upper-case TRUE is not a Bool value",
			cond: `{"Bool":{"aws:SecureTransport":"TRUE"}}`, ctx: ctx("aws:SecureTransport", "true"), want: undecided},
		{name: "a plus sign is not part of a number",
			cond: `{"NumericEquals":{"s3:max-keys":"+5"}}`, ctx: ctx("s3:max-keys", "5"), want: undecided},
		{name: "a fraction without an integer part is not a number",
			cond: `{"NumericEquals":{"s3:max-keys":".5"}}`, ctx: ctx("s3:max-keys", "0.5"), want: undecided},
		{name: "a CIDR with spaces is not an IpAddress value",
			cond: `{"IpAddress":{"aws:SourceIp":" 10.0.0.0/8 "}}`, ctx: ctx("aws:SourceIp", "10.1.2.3"), want: undecided},
		{name: "an address with a zone is not an IpAddress value",
			cond: `{"IpAddress":{"aws:SourceIp":"fe80::1%eth0"}}`, ctx: ctx("aws:SourceIp", "fe80::1"), want: undecided},
		{name: "a request address with a zone is not read",
			cond: `{"IpAddress":{"aws:SourceIp":"fe80::/10"}}`, ctx: ctx("aws:SourceIp", "fe80::1%eth0"), want: undecided},
		{name: "base64 with line breaks is not a BinaryEquals value",
			cond: `{"BinaryEquals":{"s3:x":"QUJD\r\n\r\nQUJD"}}`, ctx: ctx("s3:x", "QUJD\r\n\r\nQUJD"), want: undecided},
	})
}

// Reading request values for Numeric, Date, IpAddress and Bool conditions
// happens on Decide's hot path, ambiguous dates included: no allocation.
func TestDecideReadsTypedValuesWithoutAllocating(t *testing.T) {
	doc := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"kms:Decrypt","Resource":"*","Condition":{
		"NumericLessThan":{"s3:max-keys":"10"},
		"DateGreaterThan":{"aws:CurrentTime":["2020","2019-01-01T00:00:00Z"]},
		"IpAddress":{"aws:SourceIp":["10.0.0.0/8","2001:db8::/32"]},
		"Bool":{"aws:SecureTransport":"true"}}}]}`
	ev, err := Compile(Policies{Identity: docs(t, doc)})
	require.NoError(t, err)
	r := Request{Principal: alice, Action: "kms:Decrypt", Resource: "*", Context: Context{
		"s3:max-keys":         {"9.5"},
		"aws:CurrentTime":     {"2019-06-01T00:00:00.25Z"},
		"aws:SourceIp":        {"10.1.2.3"},
		"aws:SecureTransport": {"true"},
	}}
	d, err := ev.Decide(r)
	require.NoError(t, err)
	require.Equal(t, Allowed, d, "the second date decides where the ambiguous first cannot")
	require.Zero(t, testing.AllocsPerRun(100, func() { _, _ = ev.Decide(r) }))
}

// AWS's own AmazonTimestreamInfluxDBServiceRolePolicy (default version v2)
// allows kms actions on "arn:*:kms:*:${aws:PrincipalAccount}:key/*": a
// variable outside the resource part of the ARN, where the IAM User Guide
// says variables cannot go. AWS stores and applies that policy, so the
// engine substitutes the variable; read literally, a Deny holding it would
// never apply.
func TestAVariableOutsideTheResourcePartIsSubstituted(t *testing.T) {
	for _, tt := range []struct {
		name     string
		effect   string
		resource string
		want     Decision
	}{
		{"an Allow on the caller's own account applies", "Allow", "arn:aws:sqs:us-east-1:111122223333:q", Allowed},
		{"an Allow names no other account", "Allow", "arn:aws:sqs:us-east-1:111122223333:other", ImplicitDeny},
		{"a Deny on the caller's own account applies", "Deny", "arn:aws:sqs:us-east-1:111122223333:q", ExplicitDeny},
	} {
		t.Run(tt.name, func(t *testing.T) {
			stmt := `{"Effect":"` + tt.effect + `","Action":"sqs:SendMessage","Resource":"arn:*:sqs:*:${aws:PrincipalAccount}:q"}`
			doc := `{"Version":"2012-10-17","Statement":[` + stmt + `]}`
			if tt.effect == "Deny" {
				doc = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"},` + stmt + `]}`
			}
			p := Policies{Identity: docs(t, doc)}
			res, err := Evaluate(p, Request{Principal: alice, Action: "sqs:SendMessage", Resource: tt.resource})
			require.NoError(t, err)
			require.Equal(t, tt.want, res.Decision, "%s: %v", res.Reason, res.Diagnostics)
		})
	}
}
