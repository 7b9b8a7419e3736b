package roles

import (
	"errors"
	"fmt"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/kms"
	kmstypes "github.com/aws/aws-sdk-go-v2/service/kms/types"
	"github.com/cksiam/cksiam/policy"
)

// ErrNotKeyPolicy is wrapped by the error a KMS SDK input returns for a
// role whose document is an IAM identity policy.
var ErrNotKeyPolicy = errors.New("the role's document is an IAM identity policy, not a key policy: apply it with CreatePolicyInput, PutRolePolicyInput or CreateRoleInput")

// KeyPolicyName is the only key policy name KMS accepts (PutKeyPolicy's
// PolicyName).
const KeyPolicyName = "default"

// PutKeyPolicyInput returns the input of kms:PutKeyPolicy that sets the
// role's key policy (DefaultKeyPolicy, ConsoleKeyPolicy) on an existing key.
// keyID is the key ID or key ARN; an alias is refused, as PutKeyPolicy
// does. The policy safety check is left on: the document must let the
// caller change it again, which the key policies' "Enable IAM policies"
// statement does for a caller whose IAM policies allow it.
func (r *Role) PutKeyPolicyInput(keyID string) (*kms.PutKeyPolicyInput, error) {
	if err := r.kmsCheck(); err != nil {
		return nil, err
	}
	if msg := checkKeyID(keyID); msg != "" {
		return nil, &OptionError{Field: "keyID", Value: keyID, Reason: msg}
	}
	doc, err := r.documentJSON()
	if err != nil {
		return nil, err
	}
	return &kms.PutKeyPolicyInput{
		KeyId:      aws.String(keyID),
		Policy:     aws.String(doc),
		PolicyName: aws.String(KeyPolicyName),
	}, nil
}

// NewKey describes the KMS key CreateKeyInput creates in a custom key
// store.
type NewKey struct {
	// CustomKeyStoreID is the custom key store that holds the key, such as
	// "cks-1234567890abcdef0". Required.
	CustomKeyStoreID string
	// Origin is where the key material lives: OriginCloudHSM or
	// OriginExternalKeyStore. Empty means the role's only
	// Options.KeyOrigins value; with two it must be chosen.
	Origin KeyOrigin
	// XksKeyID is the ID of the external key in the external key manager.
	// Required for OriginExternalKeyStore, refused for OriginCloudHSM.
	XksKeyID string
	// Description is the key's description; empty for none.
	Description string
}

// CreateKeyInput returns the input of kms:CreateKey for a symmetric
// encryption key in a custom key store, with the role's key policy: keys in
// custom key stores are SYMMETRIC_DEFAULT keys for ENCRYPT_DECRYPT only
// (aws-rules E.6), with the store's origin (aws-rules E.3).
func (r *Role) CreateKeyInput(k NewKey) (*kms.CreateKeyInput, error) {
	if err := r.kmsCheck(); err != nil {
		return nil, err
	}
	if k.CustomKeyStoreID == "" || strings.ContainsAny(k.CustomKeyStoreID, " \t\n\r*?/:") || len(k.CustomKeyStoreID) > 64 {
		return nil, &OptionError{Field: "CustomKeyStoreID", Value: k.CustomKeyStoreID, Reason: "want the custom key store's ID, such as cks-1234567890abcdef0"}
	}
	origin := k.Origin
	if origin == "" {
		if len(r.Options.KeyOrigins) != 1 {
			return nil, &OptionError{Field: "Origin", Reason: "required: the options allow keys of both AWS_CLOUDHSM and EXTERNAL_KEY_STORE origin"}
		}
		origin = r.Options.KeyOrigins[0]
	}
	switch {
	case origin != OriginCloudHSM && origin != OriginExternalKeyStore:
		return nil, &OptionError{Field: "Origin", Value: string(origin), Reason: "want AWS_CLOUDHSM or EXTERNAL_KEY_STORE (a key in a custom key store)"}
	case origin == OriginExternalKeyStore && k.XksKeyID == "":
		return nil, &OptionError{Field: "XksKeyID", Reason: "required for a key in an external key store: the ID of its external key"}
	case origin == OriginCloudHSM && k.XksKeyID != "":
		return nil, &OptionError{Field: "XksKeyID", Value: k.XksKeyID, Reason: "only keys in an external key store have an external key"}
	case !policyText(k.Description):
		return nil, &OptionError{Field: "Description", Value: k.Description, Reason: "want text in the policy character set"}
	}
	doc, err := r.documentJSON()
	if err != nil {
		return nil, err
	}
	in := &kms.CreateKeyInput{
		CustomKeyStoreId: aws.String(k.CustomKeyStoreID),
		Origin:           kmstypes.OriginType(origin),
		KeySpec:          kmstypes.KeySpecSymmetricDefault,
		KeyUsage:         kmstypes.KeyUsageTypeEncryptDecrypt,
		Policy:           aws.String(doc),
	}
	if k.XksKeyID != "" {
		in.XksKeyId = aws.String(k.XksKeyID)
	}
	if k.Description != "" {
		in.Description = aws.String(k.Description)
	}
	return in, nil
}

// kmsCheck refuses KMS inputs for roles whose document is not a key
// policy.
func (r *Role) kmsCheck() error {
	if r == nil {
		return ErrNilRole
	}
	if r.Kind != policy.KeyPolicy {
		return fmt.Errorf("roles: %s: %w", r.Name, ErrNotKeyPolicy)
	}
	return nil
}

// checkKeyID accepts a key ID or a key ARN (PutKeyPolicy's KeyId).
func checkKeyID(id string) string {
	const want = "want a key ID such as 1234abcd-12ab-34cd-56ef-1234567890ab or a key ARN"
	if strings.HasPrefix(id, "arn:") {
		a, err := policy.ParseARN(id)
		if err != nil || a.Service != "kms" || !strings.HasPrefix(a.Resource, "key/") || !isToken(strings.TrimPrefix(a.Resource, "key/"), true) {
			return want + " (an alias ARN is not accepted)"
		}
		return ""
	}
	if strings.HasPrefix(id, "alias/") {
		return want + " (PutKeyPolicy does not accept an alias)"
	}
	if !isToken(id, true) {
		return want
	}
	return ""
}
