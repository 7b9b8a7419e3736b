package roles

import (
	"github.com/cksiam/cksiam/policy"
)

// The custom-key-store service-linked role's fixed names (aws-rules G.1).
const (
	CustomKeyStoresRoleName         = "AWSServiceRoleForKeyManagementServiceCustomKeyStores"
	CustomKeyStoresServicePrincipal = "cks.kms.amazonaws.com"
	CustomKeyStoresRolePath         = "/aws-service-role/cks.kms.amazonaws.com/"
	CustomKeyStoresPolicyName       = "AWSKeyManagementServiceCustomKeyStoresServiceRolePolicy"
)

// PolicyVersion names a version of the service-linked role's managed
// policy (aws-rules G.2).
type PolicyVersion string

// The versions of AWSKeyManagementServiceCustomKeyStoresServiceRolePolicy.
const (
	PolicyV1 PolicyVersion = "v1" // created 2018-11-14
	PolicyV2 PolicyVersion = "v2" // 2023-11-10, the current default version
)

// GuideServiceLinkedRolePermissions returns the guide page's list of the
// permissions the service-linked role's policy grants, in the page's
// order, a new slice on every call. The live policy differs: it has always
// said cloudhsm:Describe*, and v2 added three ec2 Describe actions
// (aws-rules G.2).
func GuideServiceLinkedRolePermissions() []string { return clone(guideServiceLinkedRolePermissions) }

var guideServiceLinkedRolePermissions = []string{
	"cloudhsm:DescribeClusters",
	"ec2:AuthorizeSecurityGroupIngress",
	"ec2:CreateNetworkInterface",
	"ec2:CreateSecurityGroup",
	"ec2:DeleteSecurityGroup",
	"ec2:DescribeSecurityGroups",
	"ec2:RevokeSecurityGroupEgress",
}

// policyV1Actions and policyV2Actions are the live policy's Action lists in
// AWS's order (aws-rules G.2).
var (
	policyV1Actions = []string{
		"cloudhsm:Describe*",
		"ec2:CreateNetworkInterface",
		"ec2:AuthorizeSecurityGroupIngress",
		"ec2:CreateSecurityGroup",
		"ec2:DescribeSecurityGroups",
		"ec2:RevokeSecurityGroupEgress",
		"ec2:DeleteSecurityGroup",
	}
	policyV2Actions = append(append([]string(nil), policyV1Actions...),
		"ec2:DescribeVpcs", "ec2:DescribeNetworkAcls", "ec2:DescribeNetworkInterfaces")
)

// Lifecycle is what can and cannot happen to the service-linked role
// (GuidePage; aws-rules G.3).
type Lifecycle struct {
	// CreatedAutomatically: KMS creates the role when a custom key store is
	// created, if the role does not exist yet.
	CreatedAutomatically bool
	// CreatableDirectly: whether you can create or re-create it yourself.
	CreatableDirectly bool
	// NameEditable, PolicyEditable, DescriptionEditable: what IAM lets you
	// change.
	NameEditable, PolicyEditable, DescriptionEditable bool
	// Deletable: whether there is a procedure to delete it; KMS never
	// deletes it.
	Deletable bool
	// AssumedOnlyWithActiveKeyStores: KMS does not assume the role or use
	// its permissions unless there are active custom key stores.
	AssumedOnlyWithActiveKeyStores bool
	// Regions says where the role is supported.
	Regions string
}

// ServiceLinkedRoleInfo is what AWS documents about
// AWSServiceRoleForKeyManagementServiceCustomKeyStores: the role AWS KMS
// assumes to view your CloudHSM clusters and to connect a custom key store
// to its cluster (GuidePage; aws-rules G). ServiceLinkedRole gives the same
// role as a Role.
type ServiceLinkedRoleInfo struct {
	// Name, Path and ServicePrincipal identify the role; only the service
	// principal may assume it.
	Name, Path, ServicePrincipal string
	// PolicyName is the AWS managed policy attached to it.
	PolicyName string
	// GuidePermissions are the permissions the guide page says the policy
	// grants (GuideServiceLinkedRolePermissions); Policy gives the live
	// versions.
	GuidePermissions []string
	// NotPermitted says what KMS may not do with the role.
	NotPermitted []string
	// Lifecycle is what can and cannot happen to the role.
	Lifecycle Lifecycle
	// Quotes are the guide page's sentences behind the lifecycle, by topic:
	// "create", "edit", "delete", "regions", "trust".
	Quotes map[string]string
}

// CustomKeyStoresServiceLinkedRole returns what AWS documents about the
// custom-key-store service-linked role.
func CustomKeyStoresServiceLinkedRole() *ServiceLinkedRoleInfo {
	return &ServiceLinkedRoleInfo{
		Name:             CustomKeyStoresRoleName,
		Path:             CustomKeyStoresRolePath,
		ServicePrincipal: CustomKeyStoresServicePrincipal,
		PolicyName:       CustomKeyStoresPolicyName,
		GuidePermissions: GuideServiceLinkedRolePermissions(),
		NotPermitted: []string{
			"create, manage, or delete your AWS CloudHSM clusters",
			"create, manage, or delete your AWS CloudHSM HSMs",
			"create, manage, or delete your AWS CloudHSM backups",
		},
		Lifecycle: Lifecycle{
			CreatedAutomatically:           true,
			CreatableDirectly:              false,
			NameEditable:                   false,
			PolicyEditable:                 false,
			DescriptionEditable:            true,
			Deletable:                      false,
			AssumedOnlyWithActiveKeyStores: true,
			Regions:                        "all AWS Regions where AWS KMS and AWS CloudHSM are available",
		},
		Quotes: map[string]string{
			"create":  "AWS KMS automatically creates the AWSServiceRoleForKeyManagementServiceCustomKeyStores service-linked role in your AWS account when you create a custom key store, if the role does not already exist. You cannot create or re-create this service-linked role directly.",
			"edit":    "You cannot edit the role name or the policy statements in the AWSServiceRoleForKeyManagementServiceCustomKeyStores service-linked role, but you can edit role description.",
			"delete":  "AWS KMS does not delete the AWSServiceRoleForKeyManagementServiceCustomKeyStores service-linked role from your AWS account. [...] However, there is currently no procedure for deleting the AWSServiceRoleForKeyManagementServiceCustomKeyStores service-linked role.",
			"regions": "Like the custom key stores feature, the AWSServiceRoleForKeyManagementServiceCustomKeyStores role is supported in all AWS Regions where AWS KMS and AWS CloudHSM are available.",
			"trust":   "Because the AWSServiceRoleForKeyManagementServiceCustomKeyStores service-linked role trusts only cks.kms.amazonaws.com, only AWS KMS can assume this service-linked role.",
		},
	}
}

// ARN returns the role's ARN in account (partition "aws" when empty).
func (s *ServiceLinkedRoleInfo) ARN(partition, account string) string {
	if s == nil {
		return ""
	}
	if partition == "" {
		partition = DefaultPartition
	}
	return "arn:" + partition + ":iam::" + account + ":role" + s.Path + s.Name
}

// PolicyARN returns the managed policy's ARN (partition "aws" when empty).
func (s *ServiceLinkedRoleInfo) PolicyARN(partition string) string {
	if s == nil {
		return ""
	}
	if partition == "" {
		partition = DefaultPartition
	}
	return "arn:" + partition + ":iam::aws:policy/aws-service-role/" + s.PolicyName
}

// TrustPolicy returns the role's trust policy: only the service principal
// may call sts:AssumeRole. AWS documents whom it trusts, not the JSON; this
// is the standard service-linked role shape (aws-rules G.1, I.14).
func (s *ServiceLinkedRoleInfo) TrustPolicy() *policy.Document {
	if s == nil {
		return nil
	}
	return &policy.Document{Version: policy.Version2012, Statement: []policy.Statement{{
		Effect:    policy.Allow,
		Principal: policy.ServicePrincipal(s.ServicePrincipal),
		Action:    policy.List("sts:AssumeRole"),
	}}}
}

// Policy returns the managed policy's document at version v exactly as AWS
// publishes it (action order included), or nil for an unknown version.
func (s *ServiceLinkedRoleInfo) Policy(v PolicyVersion) *policy.Document {
	var actions []string
	switch v {
	case PolicyV1:
		actions = policyV1Actions
	case PolicyV2:
		actions = policyV2Actions
	default:
		return nil
	}
	return &policy.Document{Version: policy.Version2012, Statement: []policy.Statement{{
		Effect:   policy.Allow,
		Action:   policy.List(clone(actions)...),
		Resource: policy.List("*"),
	}}}
}

// ServiceLinkedRole returns the service-linked role as a Role whose
// permission set is the live policy (v2, the version attached today) with
// actions sorted. Its SDK inputs other than the description update return
// *ServiceLinkedRoleError: AWS owns the role.
func ServiceLinkedRole(o Options) (*Role, error) {
	o, err := o.resolved(regionless)
	if err != nil {
		return nil, err
	}
	s := CustomKeyStoresServiceLinkedRole()
	return &Role{
		Name:        "ServiceLinkedRole",
		Description: "The role AWS KMS assumes to view your CloudHSM clusters and to create the network interface and security group that connect a custom key store to its cluster.",
		Source: Source{
			Quote: "For custom key stores, AWS KMS creates the AWSServiceRoleForKeyManagementServiceCustomKeyStores service-linked role with the AWSKeyManagementServiceCustomKeyStoresServiceRolePolicy policy.",
			Page:  "https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AWSKeyManagementServiceCustomKeyStoresServiceRolePolicy.html",
			Rules: rules("G.1", "G.2", "G.3"),
		},
		Kind:        policy.IdentityPolicy,
		Permissions: []Permission{{Actions: sortActions(policyV2Actions), Resources: []string{"*"}}},
		Caveat:      "AWS owns this policy (version v2); the guide page's older list says cloudhsm:DescribeClusters instead of cloudhsm:Describe* and lacks ec2:DescribeVpcs, ec2:DescribeNetworkAcls and ec2:DescribeNetworkInterfaces (aws-rules G.2).",
		Options:     o,
		slr:         s,
	}, nil
}
