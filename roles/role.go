package roles

import (
	"github.com/cksiam/cksiam/policy"
)

// Source is where a role comes from: the sentence of the AWS KMS guide page
// "Controlling access to your custom key store" (the seed) or the AWS page
// that defines it, and the section of the project's AWS facts that brings it
// up to date.
type Source struct {
	// Quote is the sentence the role implements, verbatim.
	Quote string
	// Page is the AWS documentation page.
	Page string
	// Facts names the sections of the project's AWS facts, e.g. "E.4, G.3".
	Facts string
}

// Permission is one resource scope of a role's permission set: the actions
// it grants on the narrowest resources they accept, under a condition. Each
// Permission becomes one policy statement.
type Permission struct {
	// Sid is the statement ID; stable for a given role and options.
	Sid string
	// Principal is set only for key-policy statements (the principals the
	// statement names).
	Principal *policy.Principal
	// Actions are exact action names as AWS spells them ("kms:Decrypt").
	// Only the live service-linked-role policy carries AWS's own wildcard
	// (cloudhsm:Describe*, aws-rules G.2).
	Actions []string
	// Resources are the narrowest resources every action accepts: ARNs or
	// ARN patterns for the options' account and Region, or "*" for
	// wildcard-only actions and key-policy statements.
	Resources []string
	// Condition limits the grant further; nil for none.
	Condition policy.Condition
}

// Role is one principal the seed names, as a typed value: who it is, where
// it comes from, and the least-privilege permission set it needs for the
// options it was built with.
type Role struct {
	// Name is the role's stable name, e.g. "KeyStoreManager"; also used as
	// the IAM policy and role name in the SDK inputs.
	Name string
	// Description says in one or two sentences what the principal does.
	Description string
	// Source is the seed sentence or AWS page the role implements.
	Source Source
	// Kind is the kind of document Document returns: policy.IdentityPolicy
	// or policy.KeyPolicy.
	Kind policy.Kind
	// ID is the document's Id element (key policies only).
	ID string
	// Permissions is the permission set, one statement each, in order.
	Permissions []Permission
	// Caveat is non-empty when part of the permission set is the project's
	// composition rather than an AWS-published list; it says which part.
	Caveat string
	// Options are the resolved options the role was built with.
	Options Options

	// slr is set for the service-linked role, whose policy AWS owns.
	slr *ServiceLinkedRole
}

// ServiceLinked returns the service-linked role's typed facts, or nil when
// the role is not the service-linked role.
func (r *Role) ServiceLinked() *ServiceLinkedRole { return r.slr }
