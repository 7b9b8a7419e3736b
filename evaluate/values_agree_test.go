package evaluate

import (
	"testing"

	"github.com/cksiam/cksiam/policy"
	"github.com/cksiam/cksiam/policy/value"
	"github.com/stretchr/testify/require"
)

// operatorOf names one operator per family, and a key it tests.
var operatorOf = []struct {
	fam policy.OperatorFamily
	op  string
	key string
}{
	{policy.FamilyString, "StringLike", "aws:PrincipalTag/team"},
	{policy.FamilyNumeric, "NumericLessThan", "s3:max-keys"},
	{policy.FamilyDate, "DateGreaterThan", "aws:CurrentTime"},
	{policy.FamilyBool, "Bool", "aws:SecureTransport"},
	{policy.FamilyBinary, "BinaryEquals", "s3:x"},
	{policy.FamilyIP, "IpAddress", "aws:SourceIp"},
	{policy.FamilyARN, "ArnLike", "aws:SourceArn"},
	{policy.FamilyNull, "Null", "aws:TokenIssueTime"},
}

// verdicts returns, for one value under one operator, whether Validate
// reports it as unreadable (an INVALID_CONDITION_VALUE or
// POLICY_VARIABLE_NOT_SUPPORTED finding at its path) or as an ambiguous
// date, and whether the engine cannot read it or reads it with two
// readings.
func verdicts(t testing.TB, version, op, key string, v policy.Value) (validateBad, validateAmbiguous, engineBad, engineAmbiguous bool) {
	doc := &policy.Document{Version: version, Statement: []policy.Statement{{
		Effect:    policy.Allow,
		Action:    policy.List("s3:GetObject"),
		Resource:  policy.List("*"),
		Condition: policy.Condition(nil).WithValues(op, key, v),
	}}}
	path := "Statement[0].Condition." + op + "." + key + "[0]"
	for _, f := range policy.Validate(doc, policy.IdentityPolicy) {
		if f.Path != path {
			continue
		}
		switch f.Code {
		case policy.CodeInvalidConditionValue, policy.CodeVariableNotSupported:
			validateBad = true
		case policy.CodeAmbiguousDate:
			validateAmbiguous = true
		}
	}
	parsed, err := policy.ParseOperator(op)
	require.NoError(t, err)
	ce := compileEntry(parsed, op, doc.Statement[0].Condition[0].Entries[0], doc.VariablesEnabled(), nil, nil)
	engineBad = ce.bad != ""
	engineAmbiguous = !engineBad && parsed.Base.Family() == policy.FamilyDate && ce.values[0].date.Ambiguous()
	return
}

func requireOneVerdict(t testing.TB, version string, v policy.Value) {
	for _, o := range operatorOf {
		vb, va, eb, ea := verdicts(t, version, o.op, o.key, v)
		require.Equal(t, vb, eb, "%s %q (JSON kind %d, Version %q): Validate reports it unreadable: %v; the engine cannot read it: %v", o.op, v.Text, v.Kind, version, vb, eb)
		require.Equal(t, va, ea, "%s %q: Validate reports it ambiguous: %v; the engine reads it two ways: %v", o.op, v.Text, va, ea)
	}
}

// agreementSeeds are values near every edge of every reader.
var agreementSeeds = []string{
	"", " ", "10", "-10", "+5", ".5", "5.", "1e3", "007", "-0", "1.50", "ten",
	"2020", "20200101", "20201301", "2030-01", "2020-02-29", "2021-02-29", "2020-01-01T00:00:00Z",
	"2020-01-01T00:00Z", "2020-01-01T00:00:00.123456789012+05:30", "2020-01-01T00:00:00", "2020-01-01t00:00:00z",
	"20200101T000000Z", "-1", "1700000000", "1700000000.5", "9999999999999999999", "2020-01-01T24:00:00Z",
	"true", "false", "TRUE", "True", "1", "yes",
	"QmluYXJ5VmFsdWU=", "QmluYXJ5VmFsdWU", "QUJD\r\n\r\nQUJD", "1234",
	"10.0.0.0/8", " 10.0.0.0/8 ", "10.0.0.1", "fe80::1%eth0", "fe80::/10", "::ffff:10.0.0.0/104", "10.0.0.0/33", "010.0.0.1",
	"*", "arn:aws:kms:*:111122223333:key/*", "key/*", "arn:aws:s3:::b", "a:b:c:d:e", "${aws:username}", "arn:aws:s3:::${aws:username}/*", "${}",
}

func TestValidateAndTheEngineReadEveryValueAlike(t *testing.T) {
	for _, s := range agreementSeeds {
		for _, version := range []string{policy.Version2012, policy.Version2008} {
			t.Run("the verdicts on "+s+" under "+version+" agree", func(t *testing.T) {
				requireOneVerdict(t, version, policy.Value{Text: s})
			})
		}
	}
	for _, v := range []policy.Value{
		{Text: "10", Kind: policy.NumberValue},
		{Text: "1234", Kind: policy.NumberValue},
		{Text: "1e3", Kind: policy.NumberValue},
		{Text: "012", Kind: policy.NumberValue},
		{Text: "2020", Kind: policy.NumberValue},
		{Text: "true", Kind: policy.BoolValue},
		{Text: "yes", Kind: policy.BoolValue},
		{Text: "x", Kind: policy.ValueKind(9)},
	} {
		t.Run("the verdicts on JSON kind "+string(rune('0'+v.Kind))+" "+v.Text+" agree", func(t *testing.T) {
			requireOneVerdict(t, policy.Version2012, v)
		})
	}
}

// FuzzValidateAndTheEngineReadEveryValueAlike: for any text and JSON kind,
// Validate reports a value exactly when the engine cannot read it, per
// operator family, and warns of an ambiguous date exactly when the engine
// reads it two ways.
func FuzzValidateAndTheEngineReadEveryValueAlike(f *testing.F) {
	for _, s := range agreementSeeds {
		f.Add(s, uint8(0), true)
	}
	f.Add("10", uint8(policy.NumberValue), true)
	f.Add("true", uint8(policy.BoolValue), false)
	f.Fuzz(func(t *testing.T, s string, kind uint8, vars bool) {
		version := policy.Version2012
		if !vars {
			version = policy.Version2008
		}
		requireOneVerdict(t, version, policy.Value{Text: s, Kind: policy.ValueKind(kind % 4)})
		requireTextReading(t, policy.Value{Text: s, Kind: policy.ValueKind(kind % 4)})
	})
}

func TestReadsAsTextIsReadValuesTextReading(t *testing.T) {
	for _, s := range append(agreementSeeds, "", "x", "${aws:username}", "10", "true", "2020-01-01") {
		for kind := range policy.ValueKind(4) {
			requireTextReading(t, policy.Value{Text: s, Kind: kind})
		}
	}
}

// requireTextReading holds readsAsText, the engine's shortcut past
// policy.ReadValue, to ReadValue itself for every operator family: where
// it says a value is read as its text, ReadValue reads it so, without
// error.
func requireTextReading(t *testing.T, v policy.Value) {
	t.Helper()
	for fam := policy.OperatorFamily(0); fam <= policy.FamilyNull+1; fam++ {
		if !readsAsText(fam, v) {
			continue
		}
		got, err := policy.ReadValue(fam, v)
		require.NoError(t, err, "%v %#v", fam, v)
		require.Equal(t, value.Typed{Kind: value.TextKind, Text: v.Text}, got, "%v %#v", fam, v)
	}
}
