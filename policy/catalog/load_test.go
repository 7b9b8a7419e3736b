package catalog

import (
	"bytes"
	"compress/gzip"
	"errors"
	"testing"

	"github.com/stretchr/testify/require"
)

func gz(t testing.TB, text string) []byte {
	t.Helper()
	var b bytes.Buffer
	w := gzip.NewWriter(&b)
	_, err := w.Write([]byte(text))
	require.NoError(t, err)
	require.NoError(t, w.Close())
	return b.Bytes()
}

const tinyCatalog = "cksiam-catalog 1\nsource test 1.0\n" +
	"S kms\tAWS Key Management Service\n" +
	"K kms:CallerAccount\tString\n" +
	"K kms:EncryptionContext:${EncryptionContextKey}\tString\n" +
	"R key\tarn:${Partition}:kms:${Region}:${Account}:key/${KeyId}\t\n" +
	"A kms:CreateKey\tW\t\t0\n" +
	"A kms:Decrypt\tW\t0*:1\t0\n"

func TestLoadReadsTheCatalogFormat(t *testing.T) {
	c, err := Load(bytes.NewReader(gz(t, tinyCatalog)))
	require.NoError(t, err)
	require.Equal(t, "1.0", c.Version())
	require.Equal(t, []string{"kms:CreateKey", "kms:Decrypt"}, names(c.Actions()))
	a, ok := c.Action("KMS:DECRYPT")
	require.True(t, ok)
	require.Equal(t, "key*", summary(a))
	require.Equal(t, []string{"kms:EncryptionContext:${EncryptionContextKey}"}, keyList(a.Resources[0].ConditionKeys))
	require.True(t, a.SupportsConditionKey("kms:EncryptionContext:Dept"))
	require.Equal(t, []string{"kms:CallerAccount"}, keyList(a.ConditionKeys))
	k, ok := c.ConditionKey("kms:encryptioncontext:dept")
	require.True(t, ok)
	require.Equal(t, "kms:EncryptionContext:${EncryptionContextKey}", k.Name)
}

func TestLoadRejectsWhatIsNotACatalog(t *testing.T) {
	tests := []struct {
		name string
		data []byte
	}{
		{"text that is not gzip'd", []byte(tinyCatalog)},
		{"an empty file", gz(t, "")},
		{"another format", gz(t, "cksiam-catalog 2\nsource test 1.0\n")},
		{"no source line", gz(t, "cksiam-catalog 1\nS kms\tx\n")},
		{"no final newline", gz(t, tinyCatalog[:len(tinyCatalog)-1])},
		{"a record before any service", gz(t, "cksiam-catalog 1\nsource t 1\nA kms:X\tW\t\t\n")},
		{"an unknown record", gz(t, "cksiam-catalog 1\nsource t 1\nS kms\tx\nZ foo\n")},
		{"a key reference out of range", gz(t, "cksiam-catalog 1\nsource t 1\nS kms\tx\nA kms:X\tW\t\t3\n")},
		{"a resource reference out of range", gz(t, "cksiam-catalog 1\nsource t 1\nS kms\tx\nA kms:X\tW\t0*\t\n")},
		{"a key reference that is no number", gz(t, "cksiam-catalog 1\nsource t 1\nS kms\tx\nK kms:A\tString\nA kms:X\tW\t\t-1\n")},
		{"an action of another service", gz(t, "cksiam-catalog 1\nsource t 1\nS kms\tx\nA s3:X\tW\t\t\n")},
		{"an unknown access level", gz(t, "cksiam-catalog 1\nsource t 1\nS kms\tx\nA kms:X\tQ\t\t\n")},
		{"an action twice", gz(t, "cksiam-catalog 1\nsource t 1\nS kms\tx\nA kms:X\tW\t\t\nA kms:x\tW\t\t\n")},
		{"a service twice", gz(t, "cksiam-catalog 1\nsource t 1\nS kms\tx\nS KMS\tx\n")},
		{"a key after an action", gz(t, "cksiam-catalog 1\nsource t 1\nS kms\tx\nA kms:X\tW\t\t\nK kms:A\tString\n")},
		{"a record with too many fields", gz(t, "cksiam-catalog 1\nsource t 1\nS kms\tx\nR key\tarn:x\t\textra\n")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Load(bytes.NewReader(tt.data))
			require.Error(t, err)
			require.True(t, errors.Is(err, ErrFormat), err.Error())
		})
	}
}

// Loading never panics, whatever the text.
func FuzzLoad(f *testing.F) {
	f.Add(tinyCatalog)
	f.Add("cksiam-catalog 1\nsource t 1\nS kms\tx\nA kms:X\tW\t0*:0.1,2\t\n")
	f.Fuzz(func(t *testing.T, text string) {
		c, err := parse(text)
		if err != nil {
			return
		}
		for _, a := range c.Actions() {
			a.SupportsConditionKey("kms:CallerAccount")
			a.MayApplyTo("arn:aws:kms:us-east-1:111122223333:key/1")
			c.Expand(a.FullName())
		}
	})
}
