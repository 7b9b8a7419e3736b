package roles

import "github.com/cksiam/cksiam/policy"

// The Ids and Sids AWS gives the default and console key policies
// (aws-rules E.5).
const (
	DefaultKeyPolicyID = "key-default-1"
	ConsoleKeyPolicyID = "key-consolepolicy-3"

	SidEnableIAMPolicies = "Enable IAM policies"
	SidKeyAdministrators = "Allow access for Key Administrators"
	SidKeyUse            = "Allow use of the key"
	SidKeyGrants         = "Allow attachment of persistent resources"
)

// DefaultKeyPolicy is the key policy CreateKey gives a key when none is
// supplied: the account principal may do everything with the key, which
// delegates access to the account's IAM policies (aws-rules C.4, E.5). The
// guide page says keys in a custom key store get the same default key
// policy.
func DefaultKeyPolicy(o Options) (*Role, error) {
	o, err := o.resolved(regionless)
	if err != nil {
		return nil, err
	}
	return &Role{
		Name:        "DefaultKeyPolicy",
		Description: "The default key policy of a KMS key in a custom key store: lets the account's IAM policies control access to the key.",
		Source: Source{
			Quote: "The default key policy for CMKs in a custom key store is identical to the default key policy for CMKs in AWS KMS.",
			Page:  "https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html",
			Rules: rules("C.4", "E.5"),
		},
		Kind:        policy.KeyPolicy,
		ID:          DefaultKeyPolicyID,
		Permissions: []Permission{enableIAM(o)},
		Options:     o,
	}, nil
}

// ConsoleKeyPolicy is the key policy the KMS console writes for a symmetric
// key with key administrators and key users (aws-rules E.5): the default
// statement, the administrators statement (KeyAdminActions — the console's
// wildcards expanded to what keys in custom key stores support), the users'
// direct-use statement and their grants statement for AWS resources. The
// principals come from Options.KeyAdministrators and Options.KeyUsers.
func ConsoleKeyPolicy(o Options) (*Role, error) {
	o, err := o.resolved(regionless)
	if err != nil {
		return nil, err
	}
	return &Role{
		Name:        "ConsoleKeyPolicy",
		Description: "The key policy the KMS console writes for a key with administrators and users.",
		Source: Source{
			Quote: "You can provide these permissions in an IAM or key policy.",
			Page:  "https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html",
			Rules: rules("E.5", "E.6"),
		},
		Kind:        policy.KeyPolicy,
		ID:          ConsoleKeyPolicyID,
		Permissions: append([]Permission{enableIAM(o), keyAdministrators(o)}, keyUsers(o)...),
		Options:     o,
	}, nil
}

func keyAdministrators(o Options) Permission {
	admins := policy.AWSPrincipal(o.KeyAdministrators...)
	admins.AWS.Array = true
	return Permission{Sid: SidKeyAdministrators, Principal: admins, Actions: KeyAdminActions(), Resources: []string{"*"}}
}

func keyUsers(o Options) []Permission {
	users := policy.AWSPrincipal(o.KeyUsers...)
	users.AWS.Array = true
	use := append(KeyUserCryptoActions(), "kms:DescribeKey")
	return []Permission{
		{Sid: SidKeyUse, Principal: users, Actions: use, Resources: []string{"*"}},
		{Sid: SidKeyGrants, Principal: users, Actions: KeyUserGrantActions(), Resources: []string{"*"},
			Condition: policy.Condition(nil).WithBool("Bool", "kms:GrantIsForAWSResource", true)},
	}
}

// enableIAM is the default key policy's only statement (aws-rules E.5).
func enableIAM(o Options) Permission {
	return Permission{
		Sid:       SidEnableIAMPolicies,
		Principal: policy.AWSPrincipal(o.accountRoot()),
		Actions:   []string{"kms:*"},
		Resources: []string{"*"},
	}
}
