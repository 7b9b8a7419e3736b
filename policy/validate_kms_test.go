package policy

import (
	"testing"

	"github.com/stretchr/testify/require"
)

// AWS KMS refuses to create or update a key policy that puts ForAllValues
// on kms:EncryptionContext:<key> or aws:RequestTag/<key>
// ("OverlyPermissiveCondition",
// https://docs.aws.amazon.com/kms/latest/developerguide/conditions-kms.html#set-operators).
func TestValidateKeyPolicyRefusesForAllValuesOnSingleValuedKMSKeys(t *testing.T) {
	keyPolicy := func(cond string) *Document {
		d, err := Parse([]byte(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow",` +
			`"Principal":{"AWS":"arn:aws:iam::111122223333:role/RoleForExampleApp"},` +
			`"Action":"kms:GenerateDataKey","Resource":"*","Condition":` + cond + `}]}`))
		require.NoError(t, err)
		return d
	}
	// The earlier example of the KMS page, which KMS now refuses.
	refused := keyPolicy(`{"ForAllValues:StringEquals":{"kms:EncryptionContext:Department":"IT"}}`)
	runValidateCases(t, []validateCase{
		{"ForAllValues on an encryption context key in a key policy is an error", KeyPolicy, refused,
			[]Finding{f(SeverityError, CodeOverlyPermissiveCondition, "Statement[0].Condition.ForAllValues:StringEquals.kms:EncryptionContext:Department")}},
		{"the key's prefix matches in any case", KeyPolicy,
			keyPolicy(`{"ForAllValues:StringLike":{"KMS:encryptioncontext:dept":"I*"}}`),
			[]Finding{f(SeverityError, CodeOverlyPermissiveCondition, "Statement[0].Condition.ForAllValues:StringLike.KMS:encryptioncontext:dept")}},
		{"ForAllValues on a request tag in a key policy is an error", KeyPolicy,
			keyPolicy(`{"ForAllValues:StringEquals":{"aws:RequestTag/Project":"Alpha"}}`),
			[]Finding{f(SeverityError, CodeOverlyPermissiveCondition, "Statement[0].Condition.ForAllValues:StringEquals.aws:RequestTag/Project")}},
		{"ForAllValues on kms:EncryptionContextKeys, a multivalued key, is fine", KeyPolicy,
			keyPolicy(`{"ForAllValues:StringEquals":{"kms:EncryptionContextKeys":"AppName"}}`), nil},
		{"ForAnyValue on an encryption context key is not what KMS refuses", KeyPolicy,
			keyPolicy(`{"ForAnyValue:StringEquals":{"kms:EncryptionContext:Department":"IT"}}`), nil},
	})
	// KMS refuses the key policy; an IAM policy is not KMS's to refuse.
	require.Empty(t, Validate(refused, ResourcePolicy))
}
