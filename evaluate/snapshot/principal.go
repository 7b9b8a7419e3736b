package snapshot

import (
	"strings"
)

// PrincipalKind is what sort of principal a Principal is.
type PrincipalKind string

// The kinds of principal a snapshot holds.
const (
	// User is an IAM user.
	User PrincipalKind = "user"
	// Role is an IAM role; it stands for every session of the role that
	// has no session policy.
	Role PrincipalKind = "role"
	// Session is an assumed-role session a key policy or a grant names by
	// its ARN; it has its role's policies.
	Session PrincipalKind = "session"
	// Root is the account root user.
	Root PrincipalKind = "root"
)

// Principal is an IAM principal of the snapshot's account with every
// policy that applies to it.
type Principal struct {
	// ARN is the principal's ARN.
	ARN string
	// Kind is user, role, session or root.
	Kind PrincipalKind
	// Name is the user or role name (for a session, its role's name).
	Name string
	// Path is the IAM path, such as "/" or "/aws-service-role/kms.amazonaws.com/".
	Path string
	// Identity holds the identity-based policies in a fixed order: inline
	// policies, attached managed policies (their default version), then,
	// for a user, each group's inline and attached policies in the order
	// of the user's GroupList.
	Identity []Document
	// Boundary is the permissions boundary, or nil.
	Boundary *Document
	// BoundaryARN is the ARN of the boundary policy attached, also when the
	// snapshot lacks it (Boundary nil, the ARN in Missing).
	BoundaryARN string
	// Tags are the principal's tags (aws:PrincipalTag/KEY): the user's or
	// the role's tags.
	Tags map[string]string
	// Groups are the user's group names.
	Groups []string
	// Missing lists what the principal's policies name that the snapshot
	// lacks: managed policy ARNs, a boundary policy ARN, or "group/NAME".
	// Answers about the principal are then Unknown, never decided as if
	// the policy were empty.
	Missing []string
	// ServiceLinked reports a service-linked role (path
	// /aws-service-role/…): SCPs do not apply to it (aws-rules C.7).
	ServiceLinked bool
}

// serviceLinkedPath is the path of every service-linked role.
const serviceLinkedPath = "/aws-service-role/"

func isServiceLinked(path string) bool { return strings.HasPrefix(path, serviceLinkedPath) }
