package roles

import (
	"errors"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/cksiam/cksiam/policy"
)

// ErrNotIdentityPolicy is wrapped by the error an IAM SDK input returns for
// a role whose document is a key policy: a key policy is applied with KMS,
// not with IAM.
var ErrNotIdentityPolicy = errors.New("the role's document is a key policy, not an IAM identity policy: apply it with PutKeyPolicyInput (an existing key) or CreateKeyInput (a new key in a custom key store)")

// ErrServiceLinkedRole is wrapped by every *ServiceLinkedRoleError.
var ErrServiceLinkedRole = errors.New("roles: AWS owns the service-linked role")

// ServiceLinkedRoleError explains why an operation on the custom-key-store
// service-linked role is not possible, quoting the guide page.
type ServiceLinkedRoleError struct {
	// Op is the refused operation: "create", "rename", "edit policy" or
	// "delete".
	Op string
	// Quote is the guide page's sentence that says why.
	Quote string
}

// Error returns the refused operation and the guide page's reason.
func (e *ServiceLinkedRoleError) Error() string {
	return fmt.Sprintf("roles: cannot %s %s: %s", e.Op, CustomKeyStoresRoleName, e.Quote)
}

// Unwrap returns ErrServiceLinkedRole.
func (e *ServiceLinkedRoleError) Unwrap() error { return ErrServiceLinkedRole }

// documentJSON is the compact canonical JSON text of the role's document
// (policy.Document.Compact: no HTML escaping, so an encryption-context
// value such as "R&D" is sent as written, not as "R\u0026D").
func (r *Role) documentJSON() (string, error) {
	b, err := r.Document().Compact()
	if err != nil {
		return "", fmt.Errorf("roles: %s: %w", r.Name, err)
	}
	return string(b), nil
}

// sdkCheck refuses SDK inputs for the service-linked role (op) and for
// key policies.
func (r *Role) sdkCheck(op string) error {
	if r == nil {
		return ErrNilRole
	}
	if r.slr != nil {
		key := "edit"
		switch op {
		case "create":
			key = "create"
		case "delete":
			key = "delete"
		}
		return &ServiceLinkedRoleError{Op: op, Quote: r.slr.Quotes[key]}
	}
	if r.Kind != policy.IdentityPolicy {
		return fmt.Errorf("roles: %s: %w", r.Name, ErrNotIdentityPolicy)
	}
	return nil
}

// CreatePolicyInput returns the input of iam:CreatePolicy for a customer
// managed policy named after the role, holding its document.
func (r *Role) CreatePolicyInput() (*iam.CreatePolicyInput, error) {
	if err := r.sdkCheck("create a managed policy for"); err != nil {
		return nil, err
	}
	doc, err := r.documentJSON()
	if err != nil {
		return nil, err
	}
	return &iam.CreatePolicyInput{
		PolicyName:     aws.String(r.Name),
		PolicyDocument: aws.String(doc),
		Description:    aws.String(r.Description),
	}, nil
}

// CreateRoleInput returns the input of iam:CreateRole for an IAM role named
// after the role whose trust policy lets trusted call sts:AssumeRole
// (account IDs or IAM ARNs; default: the options' account). Attach the
// permissions with PutRolePolicyInput or CreatePolicyInput.
func (r *Role) CreateRoleInput(trusted ...string) (*iam.CreateRoleInput, error) {
	if err := r.sdkCheck("create"); err != nil {
		return nil, err
	}
	trust, err := r.TrustPolicy(trusted...)
	if err != nil {
		return nil, err
	}
	b, err := trust.Compact()
	if err != nil {
		return nil, fmt.Errorf("roles: %s trust policy: %w", r.Name, err)
	}
	return &iam.CreateRoleInput{
		RoleName:                 aws.String(r.Name),
		AssumeRolePolicyDocument: aws.String(string(b)),
		Description:              aws.String(r.Description),
	}, nil
}

// TrustPolicy returns a role trust policy that lets trusted principals
// (account IDs or IAM ARNs; default: the options' account root) call
// sts:AssumeRole. Naming the account delegates to its IAM policies, which
// must also allow sts:AssumeRole on the role (aws-rules C.5).
func (r *Role) TrustPolicy(trusted ...string) (*policy.Document, error) {
	if r == nil {
		return nil, ErrNilRole
	}
	if len(trusted) == 0 {
		trusted = []string{r.Options.accountRoot()}
	}
	for _, p := range trusted {
		if msg := checkPrincipal(p); msg != "" {
			return nil, &OptionError{Field: "trusted", Value: p, Reason: msg}
		}
	}
	return &policy.Document{Version: policy.Version2012, Statement: []policy.Statement{{
		Sid:       "AssumeRole",
		Effect:    policy.Allow,
		Principal: policy.AWSPrincipal(sortedUnique(trusted)...),
		Action:    policy.List("sts:AssumeRole"),
	}}}, nil
}

// PutRolePolicyInput returns the input of iam:PutRolePolicy that embeds
// the role's document as an inline policy (named after the role) in the
// IAM role roleName.
func (r *Role) PutRolePolicyInput(roleName string) (*iam.PutRolePolicyInput, error) {
	if err := r.sdkCheck("edit the policy of"); err != nil {
		return nil, err
	}
	if roleName == "" {
		return nil, &OptionError{Field: "roleName", Reason: "want the name of an IAM role"}
	}
	doc, err := r.documentJSON()
	if err != nil {
		return nil, err
	}
	return &iam.PutRolePolicyInput{
		RoleName:       aws.String(roleName),
		PolicyName:     aws.String(r.Name),
		PolicyDocument: aws.String(doc),
	}, nil
}

// UpdateRoleDescriptionInput returns the input of iam:UpdateRoleDescription
// for the service-linked role: its description is the one thing you may
// edit (GuidePage).
func (s *ServiceLinkedRoleInfo) UpdateRoleDescriptionInput(description string) *iam.UpdateRoleDescriptionInput {
	if s == nil {
		return nil
	}
	return &iam.UpdateRoleDescriptionInput{RoleName: aws.String(s.Name), Description: aws.String(description)}
}

// refuse is the error of an operation the role does not allow; a nil s
// is no service-linked role at all (Role.ServiceLinked of another role).
func (s *ServiceLinkedRoleInfo) refuse(op, quote string) error {
	if s == nil {
		return errNilServiceLinked
	}
	return &ServiceLinkedRoleError{Op: op, Quote: s.Quotes[quote]}
}

// errNilServiceLinked is the error of a nil *ServiceLinkedRoleInfo.
var errNilServiceLinked = fmt.Errorf("roles: %w: the *ServiceLinkedRoleInfo is nil (Role.ServiceLinked of a role that is not one)", ErrServiceLinkedRole)

// CreateRoleInput always fails: KMS creates the role itself.
func (s *ServiceLinkedRoleInfo) CreateRoleInput() (*iam.CreateServiceLinkedRoleInput, error) {
	return nil, s.refuse("create", "create")
}

// RenameRoleInput always fails: the role name is not editable.
func (s *ServiceLinkedRoleInfo) RenameRoleInput(newName string) (*iam.UpdateRoleInput, error) {
	return nil, s.refuse("rename", "edit")
}

// PutRolePolicyInput always fails: the policy statements are not editable.
func (s *ServiceLinkedRoleInfo) PutRolePolicyInput() (*iam.PutRolePolicyInput, error) {
	return nil, s.refuse("edit the policy of", "edit")
}

// DeleteRoleInput always fails: there is no procedure to delete the role.
func (s *ServiceLinkedRoleInfo) DeleteRoleInput() (*iam.DeleteServiceLinkedRoleInput, error) {
	return nil, s.refuse("delete", "delete")
}
