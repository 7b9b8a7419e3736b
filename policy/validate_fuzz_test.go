package policy

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// FuzzValidateStatement builds one-statement documents from arbitrary
// strings: Validate must not panic, and its output must be sorted and free
// of duplicates (running it twice gives the same result).
func FuzzValidateStatement(f *testing.F) {
	f.Add(uint8(1), "2012-10-17", "Sid1", "Allow", "kms:Encrypt", keyARN, "StringEquals", "aws:PrincipalTag/team", "blue", "111122223333")
	f.Add(uint8(3), "", "Enable IAM policies", "Allow", "kms:*", "*", "Bool", "kms:GrantIsForAWSResource", "true", "arn:aws:iam::111122223333:root")
	f.Add(uint8(4), "2008-10-17", "x y", "Deny", "sts:AssumeRole*", "", "DateLessThan", "aws:CurrentTime", "${aws:x}", "*")
	f.Add(uint8(8), "2012-10-17", "", "Deny", "*", "arn:${aws:p}:s3:::b", "ForAllValues:NumericEquals", "a.b[0]", "1e3", "arn:aws:iam::*:root")
	f.Add(uint8(0), "x", "\x00", "allow", ":", "arn:aws:*:::", "nullifexists", "", "", "")
	f.Fuzz(func(t *testing.T, kind uint8, version, sid, effect, action, resource, op, key, value, principal string) {
		st := Statement{Sid: sid, Effect: Effect(effect), Action: List(action), Condition: NewCondition(op, key, value)}
		if resource != "" {
			st.Resource = List(resource)
		}
		if principal != "" {
			st.Principal = AWSPrincipal(principal)
			st.NotPrincipal = &Principal{Service: List(principal)}
		}
		d := &Document{Version: version, ID: sid, Statement: []Statement{st, st}}
		got := Validate(d, Kind(kind%10))
		again := Validate(d, Kind(kind%10))
		if !slices.Equal(got, again) {
			t.Fatalf("Validate is not deterministic:\n%v\n%v", got, again)
		}
		for i := 1; i < len(got); i++ {
			if got[i] == got[i-1] {
				t.Fatalf("duplicate finding %v", got[i])
			}
		}
		for _, g := range got {
			if g.Code == "" || g.Message == "" || !g.Severity.valid() {
				t.Fatalf("incomplete finding %#v", g)
			}
		}
		if errs, want := ValidateErrors(d, Kind(kind%10)), errorsOf(got); !slices.Equal(errs, want) {
			t.Fatalf("ValidateErrors gives\n%v\nValidate's errors are\n%v", errs, want)
		}
	})
}

// errorsOf returns the error findings of fs, in order.
func errorsOf(fs []Finding) []Finding {
	var out []Finding
	for _, f := range fs {
		if f.Severity == SeverityError {
			out = append(out, f)
		}
	}
	return out
}

// FuzzPathKey: placing any path string in any document never panics.
func FuzzPathKey(f *testing.F) {
	f.Add("Statement[1].Condition.StringEquals.aws:SourceIp[0]")
	f.Add("Statement[0].Principal.AWS[3]")
	f.Add("Statement[")
	f.Add("Statement[99999999999999999999].Sid")
	f.Add("Statement[-1]")
	f.Add("Statement[0].Condition..[")
	d := doc(with(allow("kms:Encrypt", keyARN), func(s *Statement) {
		s.Condition = NewCondition("StringEquals", "aws:SourceIp", "x")
	}))
	f.Fuzz(func(t *testing.T, path string) {
		pathKey(d, path)
		pathKey(nil, path)
	})
}

// valid reports whether s is one of the four severities.
func (s Severity) valid() bool { return s >= SeverityError && s <= SeveritySuggestion }

// FuzzValidateJSON: for any text Parse accepts, ValidateJSON does not
// panic, is deterministic, and finds what Validate finds on the parsed
// document apart from the size quota (measured on different text).
func FuzzValidateJSON(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("testdata", "*.json"))
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data, uint8(len(data)%9))
	}
	f.Add([]byte(`{"Statement":{"Sid":"a b","Effect":"Allow","NotAction":"x","Resource":"${a}","Condition":{"numericequals":{"k":["${v}",true,1e3]}}}}`), uint8(1))
	f.Fuzz(func(t *testing.T, data []byte, kind uint8) {
		k := Kind(kind % 10)
		got, err := ValidateJSON(data, k)
		d, perr := Parse(data)
		if (err == nil) != (perr == nil) {
			t.Fatalf("ValidateJSON error %v, Parse error %v", err, perr)
		}
		if err != nil {
			if got != nil {
				t.Fatalf("findings with a parse error: %v", got)
			}
			return
		}
		again, _ := ValidateJSON(data, k)
		if !slices.Equal(got, again) {
			t.Fatalf("ValidateJSON is not deterministic:\n%v\n%v", got, again)
		}
		noSize := func(fs []Finding) []Finding {
			return slices.DeleteFunc(slices.Clone(fs), func(f Finding) bool { return f.Code == CodePolicySizeExceeded })
		}
		if a, b := noSize(got), noSize(Validate(d, k)); !slices.Equal(a, b) {
			t.Fatalf("ValidateJSON and Validate disagree:\n%v\n%v", a, b)
		}
	})
}
