package policy_test

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cksiam/cksiam/policy"
)

// maxMessage is more than any message about one element needs; a message
// that quotes a whole 64 KiB value is far above it.
const maxMessage = 512

// Go-built documents can hold values of any size and any bytes. Writing or
// validating one reports the first problem once, quoting a bounded part of
// the value, in time linear in the document (writing used to rebuild the
// message for every bad byte, quadratic in the value).
func TestHugeInvalidValuesGiveBoundedErrors(t *testing.T) {
	const n = 16 << 10
	invalid := "arn:aws:s3:::b/" + strings.Repeat("\xff", n)
	docs := []struct {
		name string
		doc  *policy.Document
	}{
		{"a resource of invalid UTF-8", policy.NewDocument(policy.Statement{Effect: policy.Allow, Action: policy.List("s3:GetObject"), Resource: policy.List(invalid)})},
		{"an action of invalid UTF-8", policy.NewDocument(policy.Statement{Effect: policy.Allow, Action: policy.List("s3:" + strings.Repeat("\xfe", n)), Resource: policy.List("*")})},
		{"a huge number value", policy.NewDocument(policy.Statement{Effect: policy.Allow, Action: policy.List("s3:ListBucket"), Resource: policy.List("*"),
			Condition: policy.Condition(nil).WithValues("NumericLessThan", "s3:max-keys", policy.Value{Text: strings.Repeat("9x", n), Kind: policy.NumberValue})})},
		{"a huge condition key of invalid UTF-8", policy.NewDocument(policy.Statement{Effect: policy.Allow, Action: policy.List("s3:ListBucket"), Resource: policy.List("*"),
			Condition: policy.Condition(nil).WithValues("StringEquals", "aws:"+strings.Repeat("\xff", n), policy.Value{Text: "v"})})},
	}
	for _, d := range docs {
		t.Run("writing "+d.name+" fails with a short error", func(t *testing.T) {
			for name, write := range map[string]func() ([]byte, error){
				"Compact": d.doc.Compact, "Format": d.doc.Format,
				"json.Marshal": func() ([]byte, error) { return json.Marshal(d.doc) },
			} {
				_, err := write()
				require.Error(t, err, name)
				var perr *policy.Error
				require.True(t, errors.As(err, &perr), "%s: %v", name, err)
				require.LessOrEqual(t, len(err.Error()), maxMessage, "%s: %.200s…", name, err)
			}
		})
		t.Run("validating "+d.name+" gives short findings", func(t *testing.T) {
			findings := policy.Validate(d.doc, policy.IdentityPolicy)
			require.NotEmpty(t, findings)
			for _, f := range findings {
				require.LessOrEqual(t, len(f.Message), maxMessage, "%s at %.100s: %.200s…", f.Code, f.Path, f.Message)
			}
		})
	}
}

func TestInvalidUTF8ErrorNamesWhereInALongValue(t *testing.T) {
	long := strings.Repeat("a", 100) + "\xff" + strings.Repeat("b", 100)
	_, err := policy.NewDocument(policy.Statement{Effect: policy.Allow, Action: policy.List("s3:*"), Resource: policy.List(long)}).Compact()
	var perr *policy.Error
	require.True(t, errors.As(err, &perr), "%v", err)
	require.Equal(t, "Statement[0].Resource", perr.Path)
	require.Equal(t, `invalid UTF-8 in …"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\xffbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"… (byte 100 of 201)`, perr.Reason)
}
