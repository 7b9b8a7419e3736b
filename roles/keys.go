package roles

import (
	"sort"

	"github.com/cksiam/cksiam/policy"
)

// KeyAdminActions returns the key-scoped actions of a key administrator of
// a key in a custom key store: AWS's console administrator statement
// (aws-rules E.5: kms:Create*, Describe*, Enable*, List*, Put*, Update*,
// Revoke*, Disable*, Get*, Delete*, TagResource, UntagResource,
// ScheduleKeyDeletion, CancelKeyDeletion) expanded to the actions that act
// on a key, without the features keys in custom key stores do not have
// (aws-rules E.6: rotation, imported key material, multi-Region keys,
// asymmetric public keys). It returns a new slice on every call.
func KeyAdminActions() []string { return clone(keyAdminActions) }

var keyAdminActions = []string{
	"kms:CancelKeyDeletion", "kms:CreateAlias", "kms:CreateGrant", "kms:DeleteAlias",
	"kms:DescribeKey", "kms:DisableKey", "kms:EnableKey", "kms:GetKeyLastUsage",
	"kms:GetKeyPolicy", "kms:ListGrants", "kms:ListKeyPolicies", "kms:ListResourceTags",
	"kms:PutKeyPolicy", "kms:RevokeGrant", "kms:ScheduleKeyDeletion", "kms:TagResource",
	"kms:UntagResource", "kms:UpdateAlias", "kms:UpdateKeyDescription",
}

// AliasActions returns the actions that need permission on the alias as
// well as on the key (aws-rules E.2 notes), a new slice on every call.
func AliasActions() []string { return clone(aliasActions) }

var aliasActions = []string{"kms:CreateAlias", "kms:DeleteAlias", "kms:UpdateAlias"}

// KeyUserCryptoActions returns the cryptographic operations keys in a
// custom key store support: symmetric encryption only, no data key pairs,
// no HMAC, no signing (aws-rules E.6). ReEncrypt needs both ReEncryptFrom
// and ReEncryptTo. It returns a new slice on every call.
func KeyUserCryptoActions() []string { return clone(keyUserCryptoActions) }

var keyUserCryptoActions = []string{
	"kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey",
	"kms:GenerateDataKeyWithoutPlaintext", "kms:ReEncryptFrom", "kms:ReEncryptTo",
}

// KeyUserGrantActions returns the actions that let integrated AWS services
// create grants for the key user's resources (aws-rules E.5, "Allow
// attachment of persistent resources"), a new slice on every call.
func KeyUserGrantActions() []string { return clone(keyUserGrantActions) }

var keyUserGrantActions = []string{"kms:CreateGrant", "kms:ListGrants", "kms:RevokeGrant"}

// KeyManager is the principal who creates and manages KMS keys in a custom
// key store. The guide page says it needs the same permissions as for any KMS key
// (kms:CreateKey and key management); as an IAM policy CreateKey is limited
// to keys whose kms:KeyOrigin is a custom key store (Options.KeyOrigins,
// aws-rules G.4), and the key-scoped actions to the options' keys with the same
// condition. ConsoleKeyPolicy gives the key-scoped permissions as the key
// policy's administrators statement.
func KeyManager(o Options) (*Role, error) {
	o, err := o.resolved(regional)
	if err != nil {
		return nil, err
	}
	origin := keyOrigin(o)
	perms := []Permission{
		{Sid: "CreateKeysInCustomKeyStores", Actions: []string{"kms:CreateKey"}, Resources: []string{"*"}, Condition: origin},
		{Sid: "ManageKeys", Actions: KeyAdminActions(), Resources: expandFormat(KeyARNFormat, o, nil), Condition: origin},
		// The alias half of the alias operations; the key half is in
		// ManageKeys, under the key-origin condition (aws-rules E.2 notes).
		{Sid: "ManageAliases", Actions: AliasActions(), Resources: expandFormat(AliasARNFormat, o, nil)},
	}
	return &Role{
		Name:        "KeyManager",
		Description: "Creates KMS keys in custom key stores and administers them: aliases, key policy, grants, tags, enabling, disabling and scheduling deletion.",
		Source: Source{
			Quote: "Principals who create and manage customer master keys (CMKs) in your custom key store require the same permissions as those who create and manage any CMK in AWS KMS.",
			Page:  "https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html",
			Rules: rules("E.1", "E.5", "E.6", "G.4"),
		},
		Kind:        policy.IdentityPolicy,
		Permissions: perms,
		Options:     o,
	}, nil
}

// KeyUser is the principal who uses KMS keys in a custom key store for
// cryptographic operations, and lets integrated AWS services use them for
// its resources through grants (kms:GrantIsForAWSResource). Options add
// kms:ViaService and encryption-context conditions.
func KeyUser(o Options) (*Role, error) {
	o, err := o.resolved(regional)
	if err != nil {
		return nil, err
	}
	keys := expandFormat(KeyARNFormat, o, nil)
	base := keyOrigin(o)
	if len(o.ViaServices) > 0 {
		base = base.With("StringEquals", "kms:ViaService", o.ViaServices...)
	}
	perms := []Permission{
		{Sid: "UseKeys", Actions: KeyUserCryptoActions(), Resources: keys, Condition: withEncryptionContext(base, o)},
		// DescribeKey takes no encryption context, so it cannot share a
		// statement that requires one (aws-rules E.2, E.3).
		{Sid: "DescribeKeys", Actions: []string{"kms:DescribeKey"}, Resources: keys, Condition: base},
		{Sid: "GrantsForAWSResources", Actions: KeyUserGrantActions(), Resources: keys, Condition: base.WithBool("Bool", "kms:GrantIsForAWSResource", true)},
	}
	return &Role{
		Name:        "KeyUser",
		Description: "Encrypts, decrypts, re-encrypts and generates data keys with symmetric KMS keys in a custom key store, and lets AWS services create grants for its resources.",
		Source: Source{
			Quote: "Principals who use the CMKs in your custom key store for cryptographic operations need permission to perform the cryptographic operation with the CMK, such as kms:Decrypt.",
			Page:  "https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html",
			Rules: rules("E.3", "E.5", "E.6"),
		},
		Kind:        policy.IdentityPolicy,
		Permissions: compact(perms),
		Options:     o,
	}, nil
}

// keyOrigin is kms:KeyOrigin in the options' custom-key-store origins.
func keyOrigin(o Options) policy.Condition {
	vals := make([]string, len(o.KeyOrigins))
	for i, k := range o.KeyOrigins {
		vals[i] = string(k)
	}
	return policy.NewCondition("StringEquals", "kms:KeyOrigin", sortedUnique(vals)...)
}

// withEncryptionContext adds one kms:EncryptionContext:<key> test per
// context pair, in key order.
func withEncryptionContext(c policy.Condition, o Options) policy.Condition {
	keys := make([]string, 0, len(o.EncryptionContext))
	for k := range o.EncryptionContext {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		c = c.With("StringEquals", "kms:EncryptionContext:"+k, o.EncryptionContext[k])
	}
	return c
}
