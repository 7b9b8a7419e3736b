package policy

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestSizeUnitMeasure(t *testing.T) {
	for _, tt := range []struct {
		name string
		unit SizeUnit
		text string
		want int
	}{
		{"non-whitespace leaves out whitespace between tokens", NonWhitespaceCharacters, "{ \"a\" :\n\t\"b\" }\r\n", 9},
		{"non-whitespace keeps whitespace inside strings", NonWhitespaceCharacters, `{"a":"b c"}`, 11},
		{"non-whitespace is not fooled by an escaped quote", NonWhitespaceCharacters, `{"a":"x\" y"}`, 13},
		{"non-whitespace is not fooled by an escaped backslash", NonWhitespaceCharacters, `["\\", " "]`, 10},
		{"non-whitespace counts a Latin-1 letter once", NonWhitespaceCharacters, `"é"`, 3},
		{"characters count whitespace", Characters, "{ \"a\" : 1 }", 11},
		{"characters count a Latin-1 letter once", Characters, `"é"`, 3},
		{"bytes count a Latin-1 letter twice", Bytes, `"é"`, 4},
		{"bytes count whitespace", Bytes, "{ }", 3},
	} {
		t.Run(tt.name, func(t *testing.T) {
			require.Equal(t, tt.want, tt.unit.Measure([]byte(tt.text)))
		})
	}
}

// sizedDoc returns an identity-shaped document whose canonical JSON is
// exactly size characters long (ASCII only, so characters = bytes).
func sizedDoc(t *testing.T, size int, principal bool) *Document {
	t.Helper()
	st := allow("kms:Encrypt", "*")
	if principal {
		st.Principal = AWSPrincipal("111122223333")
	}
	st.Sid = "A"
	d := doc(st)
	base := len(compactJSON(t, d))
	require.LessOrEqual(t, base, size)
	d.Statement[0].Sid = strings.Repeat("A", size-base+1)
	require.Len(t, compactJSON(t, d), size)
	return d
}

func TestValidateSizeQuota(t *testing.T) {
	codes := func(fs []Finding) []string {
		var out []string
		for _, f := range fs {
			if f.Code == CodePolicySizeExceeded {
				require.Equal(t, SeverityError, f.Severity)
				require.Equal(t, "", f.Path)
				out = append(out, f.Code)
			}
		}
		return out
	}
	exceeded := []string{CodePolicySizeExceeded}
	for _, tt := range []struct {
		name      string
		kind      Kind
		size      int
		principal bool
		opts      []ValidateOption
		want      []string
	}{
		{"a managed policy of exactly 6,144 characters fits", IdentityPolicy, 6144, false, nil, nil},
		{"a managed policy of 6,145 characters is too large", IdentityPolicy, 6145, false, nil, exceeded},
		{"a permissions boundary has the managed policy quota", PermissionsBoundary, 6145, false, nil, exceeded},
		{"an inline role policy may be larger with its quota", IdentityPolicy, 10240, false, []ValidateOption{WithQuota(QuotaRoleInline)}, nil},
		{"an inline user policy has a smaller quota", IdentityPolicy, 2049, false, []ValidateOption{WithQuota(QuotaUserInline)}, exceeded},
		{"a trust policy of 2,049 characters exceeds the default quota", TrustPolicy, 2049, true, nil, exceeded},
		{"a raised trust policy quota is honoured", TrustPolicy, 4096, true,
			[]ValidateOption{WithQuota(Quota{Name: "raised trust policy", Limit: 4096, Unit: NonWhitespaceCharacters})}, nil},
		{"a session policy of 2,049 characters is too large", SessionPolicy, 2049, false, nil, exceeded},
		{"an SCP of 5,121 characters is too large", SCP, 5121, false, nil, exceeded},
		{"an RCP of 5,121 characters is too large", RCP, 5121, true, nil, exceeded},
		{"a key policy of 32,768 bytes fits", KeyPolicy, 32768, true, nil, nil},
		{"a key policy of 32,769 bytes is too large", KeyPolicy, 32769, true, nil, exceeded},
		{"a resource policy has no default quota", ResourcePolicy, 40000, true, nil, nil},
		{"a zero quota turns the check off", IdentityPolicy, 7000, false, []ValidateOption{WithQuota(Quota{})}, nil},
		{"a quota without a unit counts non-whitespace characters", IdentityPolicy, 201, false,
			[]ValidateOption{WithQuota(Quota{Name: "custom", Limit: 200})}, exceeded},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got := Validate(sizedDoc(t, tt.size, tt.principal), tt.kind, tt.opts...)
			require.Equal(t, tt.want, codes(got))
		})
	}
}

func TestDefaultQuota(t *testing.T) {
	for kind, want := range map[Kind]int{
		IdentityPolicy: 6144, PermissionsBoundary: 6144, TrustPolicy: 2048, SessionPolicy: 2048,
		SCP: 5120, RCP: 5120, KeyPolicy: 32768,
	} {
		q, ok := DefaultQuota(kind)
		require.True(t, ok, kind.String())
		require.Equal(t, want, q.Limit, kind.String())
	}
	_, ok := DefaultQuota(ResourcePolicy)
	require.False(t, ok)
	require.Equal(t, Bytes, QuotaKeyPolicy.Unit, "KMS counts bytes (aws-rules D)")
	require.Equal(t, Characters, QuotaRCP.Unit, "RCPs count whitespace (aws-rules D)")
	require.Equal(t, Characters, QuotaSCP.Unit, "SCPs count whitespace (Organizations SCP syntax)")
	require.Equal(t, NonWhitespaceCharacters, QuotaManagedPolicy.Unit, "IAM leaves whitespace out (aws-rules D)")
}

func compactJSON(t testing.TB, d *Document) []byte {
	t.Helper()
	b, err := d.Compact()
	require.NoError(t, err)
	return b
}

func TestQuotaMessageNamesTheUnit(t *testing.T) {
	got := Validate(sizedDoc(t, 201, false), IdentityPolicy, WithQuota(Quota{Name: "custom", Limit: 200}))
	require.Len(t, got, 1)
	require.Equal(t, "the document has 201 non-whitespace characters; the custom quota is 200", got[0].Message)
	got = Validate(sizedDoc(t, 2100, true), KeyPolicy, WithQuota(Quota{Name: "tiny key policy", Limit: 2000, Unit: Bytes}))
	require.Len(t, got, 1)
	require.Equal(t, "the document has 2100 bytes; the tiny key policy quota is 2000", got[0].Message)
}
