package roles

import (
	"errors"

	"github.com/cksiam/cksiam/policy"
)

// Source is where a role comes from: the sentence of the AWS KMS guide page
// "Controlling access to your custom key store" (GuidePage) that names it,
// the AWS page that defines it, and the sections of the project's
// reference, docs/aws-rules.md, that bring it up to date.
type Source struct {
	// Quote is the guide page's sentence the role implements, verbatim.
	Quote string
	// Page is the URL of the AWS documentation page that defines the role
	// in detail (GuidePage itself for the key store managers).
	Page string
	// Rules name the sections of docs/aws-rules.md behind the role, each
	// written "aws-rules <section>", e.g. "aws-rules E.4".
	Rules []string
}

// GuidePage is the AWS KMS developer guide page whose principals the roles
// are: "Controlling access to your custom key store", today titled "Control
// access to your AWS CloudHSM key store".
const GuidePage = "https://docs.aws.amazon.com/kms/latest/developerguide/authorize-key-store.html"

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

// Role is one principal the guide page names, as a typed value: who it is, where
// it comes from, and the least-privilege permission set it needs for the
// options it was built with.
type Role struct {
	// Name is the role's stable name, e.g. "KeyStoreManager"; also used as
	// the IAM policy and role name in the SDK inputs.
	Name string
	// Description says in one or two sentences what the principal does.
	Description string
	// Source is the guide page's sentence the role implements and the
	// AWS page that defines it.
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
	slr *ServiceLinkedRoleInfo
}

// ErrNilRole is the error of a method called on a nil *Role (a role
// constructor's error ignored): such a role generates nothing and
// verifies nothing.
var ErrNilRole = errors.New("roles: nil *Role (check the error of the call that built it)")

// ServiceLinked returns what AWS documents about the service-linked role,
// or nil when the role is not the service-linked role.
func (r *Role) ServiceLinked() *ServiceLinkedRoleInfo {
	if r == nil {
		return nil
	}
	return r.slr
}

// rules writes sections of docs/aws-rules.md as "aws-rules <section>".
func rules(sections ...string) []string {
	out := make([]string, len(sections))
	for i, s := range sections {
		out[i] = "aws-rules " + s
	}
	return out
}

// clone returns a copy of s that the caller may change.
func clone(s []string) []string { return append([]string(nil), s...) }
