package evaluate

import "testing"

// allowsAll lets Decide skip a set's statements; it must hold only for sets
// that allow every request and deny none.
func TestAllowsAllOnlyForUnconditionalAllowEverything(t *testing.T) {
	for _, tc := range []struct {
		stmts string
		want  bool
	}{
		{`{"Effect":"Allow","Action":"*","Resource":"*"}`, true}, // FullAWSAccess
		{`{"Effect":"Allow","Action":"*:*","Resource":"*"}`, true},
		{`{"Effect":"Allow","Action":["kms:*","*"],"Resource":["*","arn:aws:s3:::b"]}`, true},
		{`{"Effect":"Allow","Action":"*","Resource":"*"},{"Effect":"Deny","Action":"kms:Decrypt","Resource":"*"}`, false},
		{`{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"Bool":{"aws:SecureTransport":"true"}}}`, false},
		{`{"Effect":"Allow","Action":"*","Resource":"arn:aws:s3:::b"}`, false},
		{`{"Effect":"Allow","Action":"*","Resource":["arn:aws:s3:::b","*"]}`, false}, // not first: the slow path decides
		{`{"Effect":"Allow","Action":"*","NotResource":"*"}`, false},
		{`{"Effect":"Allow","NotAction":"*","Resource":"*"}`, false},
		{`{"Effect":"Allow","Action":"kms:*","Resource":"*"}`, false},
		{`{"Effect":"Allow","Action":"*?","Resource":"*"}`, false},
	} {
		ev, err := Compile(Policies{Identity: docs(t, `{"Version":"2012-10-17","Statement":[`+tc.stmts+`]}`)})
		if err != nil {
			t.Fatal(err)
		}
		if got := ev.identity.allowsAll; got != tc.want {
			t.Errorf("%s: allowsAll = %v, want %v", tc.stmts, got, tc.want)
		}
	}
}
