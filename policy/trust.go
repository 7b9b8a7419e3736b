package policy

import "github.com/cksiam/cksiam/internal/ascii"

// trustActions are the actions a role trust policy can allow: the
// AssumeRole family, sts:TagSession (session tags), sts:SetSourceIdentity
// (aws-rules A.1 table) and sts:SetContext (IAM Identity Center trusted identity
// propagation). The validator checks trust policies against them and the
// engine recognises a request its trust policy decides by them.
var trustActions = [...]string{
	"sts:AssumeRole",
	"sts:AssumeRoleWithSAML",
	"sts:AssumeRoleWithWebIdentity",
	"sts:SetContext",
	"sts:SetSourceIdentity",
	"sts:TagSession",
}

// TrustActions returns the actions a role trust policy can allow, sorted:
// the sts:AssumeRole family, sts:TagSession, sts:SetSourceIdentity and
// sts:SetContext (aws-rules A.1 table, C.5).
func TrustActions() []string { return append([]string(nil), trustActions[:]...) }

// IsTrustAction reports whether action, one action such as
// "sts:AssumeRole" in any ASCII case, is one of TrustActions: a request
// for it on a role is decided by the role's trust policy.
func IsTrustAction(action string) bool {
	for _, a := range trustActions {
		if ascii.EqualFold(action, a) {
			return true
		}
	}
	return false
}
