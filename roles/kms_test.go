package roles

import (
	"errors"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	kmstypes "github.com/aws/aws-sdk-go-v2/service/kms/types"
	"github.com/cksiam/cksiam/policy"
	"github.com/google/go-cmp/cmp"
	"github.com/stretchr/testify/require"
)

func TestKeyPoliciesMeetKMSWhereTheyAreApplied(t *testing.T) {
	const keyID = "1234abcd-12ab-34cd-56ef-1234567890ab"
	for _, build := range []func(Options) (*Role, error){DefaultKeyPolicy, ConsoleKeyPolicy} {
		r, err := build(fullOptions)
		require.NoError(t, err)
		t.Run(r.Name+" gives a PutKeyPolicy input holding its document", func(t *testing.T) {
			in, err := r.PutKeyPolicyInput(keyID)
			require.NoError(t, err)
			require.Equal(t, keyID, aws.ToString(in.KeyId))
			require.Equal(t, "default", aws.ToString(in.PolicyName))
			require.False(t, in.BypassPolicyLockoutSafetyCheck, "the lockout safety check stays on")
			doc, err := policy.Parse([]byte(aws.ToString(in.Policy)))
			require.NoError(t, err)
			if d := cmp.Diff(r.Document(), doc); d != "" {
				t.Errorf("PutKeyPolicy policy (-role +input):\n%s", d)
			}
			arn := "arn:aws:kms:eu-central-1:123456789012:key/" + keyID
			in, err = r.PutKeyPolicyInput(arn)
			require.NoError(t, err)
			require.Equal(t, arn, aws.ToString(in.KeyId))
		})
		t.Run(r.Name+" gives a CreateKey input for a symmetric key in a custom key store", func(t *testing.T) {
			in, err := r.CreateKeyInput(NewKey{CustomKeyStoreID: "cks-1234567890abcdef0", Origin: OriginCloudHSM, Description: "orders"})
			require.NoError(t, err)
			require.Equal(t, "cks-1234567890abcdef0", aws.ToString(in.CustomKeyStoreId))
			require.Equal(t, kmstypes.OriginTypeAwsCloudhsm, in.Origin)
			require.Equal(t, kmstypes.KeySpecSymmetricDefault, in.KeySpec)
			require.Equal(t, kmstypes.KeyUsageTypeEncryptDecrypt, in.KeyUsage)
			require.Nil(t, in.XksKeyId)
			require.Equal(t, "orders", aws.ToString(in.Description))
			doc, err := policy.Parse([]byte(aws.ToString(in.Policy)))
			require.NoError(t, err)
			if d := cmp.Diff(r.Document(), doc); d != "" {
				t.Errorf("CreateKey policy (-role +input):\n%s", d)
			}
			in, err = r.CreateKeyInput(NewKey{CustomKeyStoreID: "cks-1234567890abcdef0", Origin: OriginExternalKeyStore, XksKeyID: "bb8562717f809024"})
			require.NoError(t, err)
			require.Equal(t, kmstypes.OriginTypeExternalKeyStore, in.Origin)
			require.Equal(t, "bb8562717f809024", aws.ToString(in.XksKeyId))
		})
	}

	t.Run("the origin defaults to the options' only key origin", func(t *testing.T) {
		r, err := DefaultKeyPolicy(Options{Account: "111122223333", KeyOrigins: []KeyOrigin{OriginExternalKeyStore}})
		require.NoError(t, err)
		in, err := r.CreateKeyInput(NewKey{CustomKeyStoreID: "cks-1", XksKeyID: "x1"})
		require.NoError(t, err)
		require.Equal(t, kmstypes.OriginTypeExternalKeyStore, in.Origin)
	})

	r, err := ConsoleKeyPolicy(fullOptions)
	require.NoError(t, err)
	for _, tc := range []struct {
		name  string
		call  func() error
		field string
	}{
		{"an alias is not a key for PutKeyPolicy", func() error { _, err := r.PutKeyPolicyInput("alias/orders"); return err }, "keyID"},
		{"an alias ARN is not a key for PutKeyPolicy", func() error {
			_, err := r.PutKeyPolicyInput("arn:aws:kms:us-west-2:111122223333:alias/orders")
			return err
		}, "keyID"},
		{"an empty key ID is refused", func() error { _, err := r.PutKeyPolicyInput(""); return err }, "keyID"},
		{"a key needs its custom key store", func() error { _, err := r.CreateKeyInput(NewKey{Origin: OriginCloudHSM}); return err }, "CustomKeyStoreID"},
		{"two allowed origins need a choice", func() error { _, err := r.CreateKeyInput(NewKey{CustomKeyStoreID: "cks-1"}); return err }, "Origin"},
		{"AWS_KMS is not a custom key store origin", func() error {
			_, err := r.CreateKeyInput(NewKey{CustomKeyStoreID: "cks-1", Origin: "AWS_KMS"})
			return err
		}, "Origin"},
		{"an external key store key needs its external key", func() error {
			_, err := r.CreateKeyInput(NewKey{CustomKeyStoreID: "cks-1", Origin: OriginExternalKeyStore})
			return err
		}, "XksKeyID"},
		{"a CloudHSM key store key has no external key", func() error {
			_, err := r.CreateKeyInput(NewKey{CustomKeyStoreID: "cks-1", Origin: OriginCloudHSM, XksKeyID: "x"})
			return err
		}, "XksKeyID"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var oe *OptionError
			err := tc.call()
			require.True(t, errors.As(err, &oe), "got %v", err)
			require.Equal(t, tc.field, oe.Field)
		})
	}
}

func TestSDKInputsOfTheWrongServiceSayWhatToCallInstead(t *testing.T) {
	kp, err := ConsoleKeyPolicy(exampleOptions)
	require.NoError(t, err)
	t.Run("a key policy asked for an IAM input points to the KMS inputs", func(t *testing.T) {
		_, err := kp.CreatePolicyInput()
		require.ErrorIs(t, err, ErrNotIdentityPolicy)
		require.EqualError(t, err, "roles: ConsoleKeyPolicy: the role's document is a key policy, not an IAM identity policy: apply it with PutKeyPolicyInput (an existing key) or CreateKeyInput (a new key in a custom key store)")
		_, err = kp.PutRolePolicyInput("App")
		require.ErrorIs(t, err, ErrNotIdentityPolicy)
	})
	t.Run("an identity policy asked for a KMS input points to the IAM inputs", func(t *testing.T) {
		for _, n := range []string{"KeyUser", "ServiceLinkedRole"} {
			r, err := ByName(n, exampleOptions)
			require.NoError(t, err)
			_, err = r.PutKeyPolicyInput("1234abcd-12ab-34cd-56ef-1234567890ab")
			require.ErrorIs(t, err, ErrNotKeyPolicy)
			require.Contains(t, err.Error(), "apply it with CreatePolicyInput, PutRolePolicyInput or CreateRoleInput")
			_, err = r.CreateKeyInput(NewKey{CustomKeyStoreID: "cks-1", Origin: OriginCloudHSM})
			require.ErrorIs(t, err, ErrNotKeyPolicy)
		}
	})
}
