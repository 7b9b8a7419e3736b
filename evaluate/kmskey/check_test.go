package kmskey_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"

	"github.com/cksiam/cksiam/evaluate"
	"github.com/cksiam/cksiam/evaluate/kmskey"
	"github.com/cksiam/cksiam/policy"
)

const hsmKey = "arn:aws:kms:us-west-2:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"

func hsmFacts(t *testing.T) *evaluate.KeyFacts {
	t.Helper()
	meta, err := kmskey.ReadKeyMetadata(read(t, "describe-key-cloudhsm.json"))
	require.NoError(t, err)
	return kmskey.Facts(meta, nil)
}

func TestCheckGrantsReportsEveryProblemOfACloudHSMKeysGrants(t *testing.T) {
	entries, err := kmskey.ReadGrants(read(t, "list-grants-cloudhsm-key.json"))
	require.NoError(t, err)
	got := kmskey.CheckGrants(kmskey.Grants(entries), hsmFacts(t))
	type short struct {
		Severity policy.Severity
		Code     string
		Path     string
	}
	var gotShort []short
	for _, f := range got {
		require.NotEmpty(t, f.Message)
		gotShort = append(gotShort, short{f.Severity, f.Code, f.Path})
	}
	want := []short{
		{policy.SeverityWarning, kmskey.CodeOperationNotInKeyStore, "Grants[0].Operations[2]"},
		{policy.SeverityWarning, kmskey.CodeOperationNotInKeyStore, "Grants[1].Operations[0]"},
		{policy.SeveritySecurityWarning, kmskey.CodeDuplicate, "Grants[1]"},
		{policy.SeverityError, kmskey.CodeGranteeInvalid, "Grants[2].GranteePrincipal"},
		{policy.SeverityError, kmskey.CodeOperationUnsupported, "Grants[2].Operations[0]"},
		{policy.SeverityWarning, kmskey.CodeConstraintNoEffect, "Grants[2].Constraints"},
	}
	if d := cmp.Diff(want, gotShort); d != "" {
		t.Fatalf("findings (-want +got):\n%s", d)
	}
}

func TestCheckGrantsFindsEachProblem(t *testing.T) {
	user := "arn:aws:iam::111122223333:user/alice"
	symmetric := &evaluate.KeyFacts{Arn: hsmKey, Origin: "AWS_KMS", KeySpec: "SYMMETRIC_DEFAULT", KeyUsage: "ENCRYPT_DECRYPT"}
	external := &evaluate.KeyFacts{Arn: hsmKey, Origin: "EXTERNAL_KEY_STORE", KeySpec: "SYMMETRIC_DEFAULT", KeyUsage: "ENCRYPT_DECRYPT"}
	rsa := &evaluate.KeyFacts{Arn: hsmKey, KeySpec: "RSA_2048", KeyUsage: "ENCRYPT_DECRYPT"}
	signing := &evaluate.KeyFacts{Arn: hsmKey, KeySpec: "ECC_NIST_P256", KeyUsage: "SIGN_VERIFY"}
	hmac := &evaluate.KeyFacts{Arn: hsmKey, KeySpec: "HMAC_256", KeyUsage: "GENERATE_VERIFY_MAC"}
	grant := func(ops ...string) evaluate.Grant {
		return evaluate.Grant{KeyId: hsmKey, GrantId: "g", GranteePrincipal: user, IssuingAccount: "111122223333", Operations: ops}
	}
	with := func(g evaluate.Grant, f func(*evaluate.Grant)) evaluate.Grant { f(&g); return g }
	ec := &evaluate.GrantConstraints{EncryptionContextEquals: map[string]string{"a": "1"}}
	for _, c := range []struct {
		name   string
		grants []evaluate.Grant
		key    *evaluate.KeyFacts
		want   []string // "CODE PATH"
	}{
		{"a grant the key serves is clean", []evaluate.Grant{grant("Decrypt", "Encrypt", "CreateGrant", "RetireGrant", "DescribeKey")}, symmetric, nil},
		{"signing on a symmetric key is unsupported", []evaluate.Grant{grant("Decrypt", "Sign")}, symmetric, []string{"GRANT_OPERATION_UNSUPPORTED Grants[0].Operations[1]"}},
		{"GenerateMac and VerifyMac on a symmetric key are unsupported", []evaluate.Grant{grant("GenerateMac", "VerifyMac")}, symmetric,
			[]string{"GRANT_OPERATION_UNSUPPORTED Grants[0].Operations[0]", "GRANT_OPERATION_UNSUPPORTED Grants[0].Operations[1]"}},
		{"data keys on an asymmetric key are unsupported", []evaluate.Grant{grant("Decrypt", "GenerateDataKey", "GenerateDataKeyPairWithoutPlaintext")}, rsa,
			[]string{"GRANT_OPERATION_UNSUPPORTED Grants[0].Operations[1]", "GRANT_OPERATION_UNSUPPORTED Grants[0].Operations[2]"}},
		{"encryption on a signing key is unsupported", []evaluate.Grant{grant("Sign", "Verify", "GetPublicKey", "Encrypt")}, signing, []string{"GRANT_OPERATION_UNSUPPORTED Grants[0].Operations[3]"}},
		{"GetPublicKey on an HMAC key is unsupported", []evaluate.Grant{grant("GenerateMac", "GetPublicKey")}, hmac, []string{"GRANT_OPERATION_UNSUPPORTED Grants[0].Operations[1]"}},
		{"data key pairs on a symmetric key outside a key store are fine", []evaluate.Grant{grant("GenerateDataKeyPair")}, symmetric, nil},
		{"data key pairs in an external key store give nothing", []evaluate.Grant{grant("GenerateDataKeyPairWithoutPlaintext")}, external, []string{"GRANT_OPERATION_NOT_IN_KEY_STORE Grants[0].Operations[0]"}},
		{"without metadata, operations no key supports together", []evaluate.Grant{grant("Sign", "GenerateDataKey")}, nil, []string{"GRANT_OPERATIONS_INCOMPATIBLE Grants[0].Operations"}},
		{"without metadata, operations one key type supports", []evaluate.Grant{grant("Sign", "Verify", "DescribeKey")}, nil, nil},
		{"an unknown operation", []evaluate.Grant{grant("ReEncrypt")}, symmetric, []string{"GRANT_UNKNOWN_OPERATION Grants[0].Operations[0]"}},
		{"no operations", []evaluate.Grant{grant()}, symmetric, []string{"GRANT_NO_OPERATIONS Grants[0].Operations"}},
		{"a grant to an IAM group", []evaluate.Grant{with(grant("Decrypt"), func(g *evaluate.Grant) { g.GranteePrincipal = "arn:aws:iam::111122223333:group/devs" })}, symmetric,
			[]string{"GRANT_GRANTEE_INVALID Grants[0].GranteePrincipal"}},
		{"a grant to an organization", []evaluate.Grant{with(grant("Decrypt"), func(g *evaluate.Grant) { g.GranteePrincipal = "o-a1b2c3d4e5" })}, symmetric,
			[]string{"GRANT_GRANTEE_INVALID Grants[0].GranteePrincipal"}},
		{"a grant to everyone", []evaluate.Grant{with(grant("Decrypt"), func(g *evaluate.Grant) { g.GranteePrincipal = "*" })}, symmetric,
			[]string{"GRANT_GRANTEE_INVALID Grants[0].GranteePrincipal"}},
		{"a grant to a bucket", []evaluate.Grant{with(grant("Decrypt"), func(g *evaluate.Grant) { g.GranteePrincipal = "arn:aws:s3:::bucket" })}, symmetric,
			[]string{"GRANT_GRANTEE_INVALID Grants[0].GranteePrincipal"}},
		{"a grant to nobody", []evaluate.Grant{with(grant("Decrypt"), func(g *evaluate.Grant) { g.GranteePrincipal = "" })}, symmetric,
			[]string{"GRANT_GRANTEE_INVALID Grants[0].GranteePrincipal"}},
		{"grants to an account, a role, a session, a federated user and a service are valid", []evaluate.Grant{
			with(grant("Decrypt"), func(g *evaluate.Grant) { g.GranteePrincipal = "444455556666" }),
			with(grant("Decrypt"), func(g *evaluate.Grant) { g.GranteePrincipal = "arn:aws:iam::444455556666:root" }),
			with(grant("Decrypt"), func(g *evaluate.Grant) { g.GranteePrincipal = "arn:aws:iam::444455556666:role/path/R" }),
			with(grant("Decrypt"), func(g *evaluate.Grant) { g.GranteePrincipal = "arn:aws:sts::444455556666:assumed-role/R/s" }),
			with(grant("Decrypt"), func(g *evaluate.Grant) { g.GranteePrincipal = "arn:aws:sts::444455556666:federated-user/bob" }),
			with(grant("Decrypt"), func(g *evaluate.Grant) { g.GranteePrincipal = "dynamodb.us-west-2.amazonaws.com" }),
		}, symmetric, nil},
		{"an internal grantee form is unrecognized", []evaluate.Grant{with(grant("Decrypt"), func(g *evaluate.Grant) { g.GranteePrincipal = "111122223333:aws:ec2-infrastructure:i-81e2f56c" })}, symmetric,
			[]string{"GRANT_GRANTEE_UNRECOGNIZED Grants[0].GranteePrincipal"}},
		{"a retiring IAM group", []evaluate.Grant{with(grant("Decrypt"), func(g *evaluate.Grant) { g.RetiringPrincipal = "arn:aws:iam::111122223333:group/admins" })}, symmetric,
			[]string{"GRANT_RETIRING_PRINCIPAL_INVALID Grants[0].RetiringPrincipal"}},
		{"a service grantee without SourceArn or retiring principal", []evaluate.Grant{with(grant("Decrypt"), func(g *evaluate.Grant) {
			g.GranteePrincipal, g.GranteeServicePrincipal = "", "s3.amazonaws.com"
		})}, symmetric, []string{"GRANT_SERVICE_GRANTEE_INCOMPLETE Grants[0].GranteeServicePrincipal", "GRANT_SERVICE_GRANTEE_INCOMPLETE Grants[0].GranteeServicePrincipal"}},
		{"a constraint on operations without an encryption context", []evaluate.Grant{with(grant("DescribeKey", "RetireGrant"), func(g *evaluate.Grant) { g.Constraints = ec })}, symmetric,
			[]string{"GRANT_CONSTRAINT_NO_EFFECT Grants[0].Constraints"}},
		{"a constraint on CreateGrant limits the grants it creates", []evaluate.Grant{with(grant("CreateGrant"), func(g *evaluate.Grant) { g.Constraints = ec })}, symmetric, nil},
		{"a constraint on an asymmetric key", []evaluate.Grant{with(grant("Decrypt"), func(g *evaluate.Grant) { g.Constraints = ec })}, rsa,
			[]string{"GRANT_CONSTRAINT_UNSUPPORTED Grants[0].Constraints"}},
		{"both constraint types", []evaluate.Grant{with(grant("Decrypt"), func(g *evaluate.Grant) {
			g.Constraints = &evaluate.GrantConstraints{EncryptionContextEquals: map[string]string{"a": "1"}, EncryptionContextSubset: map[string]string{"b": "2"}}
		})}, symmetric, []string{"GRANT_CONSTRAINTS_CONFLICT Grants[0].Constraints"}},
		{"nine encryption-context pairs", []evaluate.Grant{with(grant("Decrypt"), func(g *evaluate.Grant) {
			g.Constraints = &evaluate.GrantConstraints{EncryptionContextSubset: map[string]string{"1": "", "2": "", "3": "", "4": "", "5": "", "6": "", "7": "", "8": "", "9": ""}}
		})}, symmetric, []string{"GRANT_CONSTRAINT_TOO_LARGE Grants[0].Constraints.EncryptionContextSubset"}},
		{"a grant on another key", []evaluate.Grant{with(grant("Decrypt"), func(g *evaluate.Grant) { g.KeyId = "arn:aws:kms:us-west-2:111122223333:key/other" })}, symmetric,
			[]string{"GRANT_OTHER_KEY Grants[0].KeyId"}},
		{"a grant naming the key by its ID is on it", []evaluate.Grant{with(grant("Decrypt"), func(g *evaluate.Grant) { g.KeyId = "1234abcd-12ab-34cd-56ef-1234567890ab" })}, symmetric, nil},
		{"a duplicate, with operations in another order", []evaluate.Grant{
			with(grant("Decrypt", "Encrypt"), func(g *evaluate.Grant) { g.GrantId = "a" }),
			with(grant("Encrypt", "Decrypt"), func(g *evaluate.Grant) { g.GrantId = "b" }),
		}, symmetric, []string{"GRANT_DUPLICATE Grants[1]"}},
		{"grants differing in name are not duplicates", []evaluate.Grant{
			with(grant("Decrypt"), func(g *evaluate.Grant) { g.GrantId, g.Name = "a", "one" }),
			with(grant("Decrypt"), func(g *evaluate.Grant) { g.GrantId, g.Name = "b", "two" }),
		}, symmetric, nil},
		{"grants differing in a constraint value are not duplicates", []evaluate.Grant{
			with(grant("Decrypt"), func(g *evaluate.Grant) { g.GrantId, g.Constraints = "a", ec }),
			with(grant("Decrypt"), func(g *evaluate.Grant) {
				g.GrantId, g.Constraints = "b", &evaluate.GrantConstraints{EncryptionContextEquals: map[string]string{"a": "2"}}
			}),
		}, symmetric, nil},
		{"grants differing in constraint type are not duplicates", []evaluate.Grant{
			with(grant("Decrypt"), func(g *evaluate.Grant) { g.GrantId, g.Constraints = "a", ec }),
			with(grant("Decrypt"), func(g *evaluate.Grant) {
				g.GrantId, g.Constraints = "b", &evaluate.GrantConstraints{EncryptionContextSubset: map[string]string{"a": "1"}}
			}),
		}, symmetric, nil},
		{"grants to one service principal may stand for different grantees", []evaluate.Grant{
			with(grant("Decrypt"), func(g *evaluate.Grant) { g.GrantId, g.GranteePrincipal = "a", "dynamodb.us-west-2.amazonaws.com" }),
			with(grant("Decrypt"), func(g *evaluate.Grant) { g.GrantId, g.GranteePrincipal = "b", "dynamodb.us-west-2.amazonaws.com" }),
		}, symmetric, nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			var got []string
			for _, f := range kmskey.CheckGrants(c.grants, c.key) {
				got = append(got, f.Code+" "+f.Path)
			}
			require.Equal(t, c.want, got)
		})
	}
}
