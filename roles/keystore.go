package roles

import "github.com/cksiam/cksiam/policy"

// CustomKeyStoreActions returns the six kms actions of the custom key store
// API (aws-rules E.4), as the guide page lists them. They accept only "*"
// and support one KMS condition key, kms:CallerAccount. It returns a new
// slice on every call.
func CustomKeyStoreActions() []string { return clone(customKeyStoreActions) }

var customKeyStoreActions = []string{
	"kms:CreateCustomKeyStore",
	"kms:ConnectCustomKeyStore",
	"kms:DisconnectCustomKeyStore",
	"kms:UpdateCustomKeyStore",
	"kms:DeleteCustomKeyStore",
	"kms:DescribeCustomKeyStores",
}

// GuideKeyStoreManagerPermissions returns the guide page's list of the
// minimum permissions of custom key store managers, in the page's order,
// a new slice on every call.
func GuideKeyStoreManagerPermissions() []string { return clone(guideKeyStoreManagerPermissions) }

var guideKeyStoreManagerPermissions = []string{
	"cloudhsm:DescribeClusters",
	"kms:CreateCustomKeyStore",
	"kms:ConnectCustomKeyStore",
	"kms:DisconnectCustomKeyStore",
	"kms:UpdateCustomKeyStore",
	"kms:DeleteCustomKeyStore",
	"kms:DescribeCustomKeyStores",
	"iam:CreateServiceLinkedRole",
}

// KeyStoreManager is the principal who creates and manages an AWS CloudHSM
// key store: the guide page's eight permissions. iam:CreateServiceLinkedRole is
// scoped to the custom-key-store service-linked role's ARN and to the
// service cks.kms.amazonaws.com (aws-rules G.3); with Options.CallerAccount the
// kms actions also require kms:CallerAccount to be the options' account.
func KeyStoreManager(o Options) (*Role, error) {
	o, err := o.resolved(regionless)
	if err != nil {
		return nil, err
	}
	perms := compact([]Permission{
		{Sid: "ManageCustomKeyStores", Actions: CustomKeyStoreActions(), Resources: []string{"*"}, Condition: callerAccount(o)},
		{Sid: "DescribeCloudHSMClusters", Actions: []string{"cloudhsm:DescribeClusters"}, Resources: []string{"*"}},
		createSLR(o, CustomKeyStoresServicePrincipal, CustomKeyStoresRoleName),
	})
	return &Role{
		Name:        "KeyStoreManager",
		Description: "Creates, connects, disconnects, updates, deletes and describes AWS CloudHSM key stores; KMS creates its service-linked role on the first CreateCustomKeyStore.",
		Source: Source{
			Quote: "Principals who create and manage your custom key store require the following permission to use the custom key store API operations.",
			Page:  GuidePage,
			Rules: rules("E.4", "G.3"),
		},
		Kind:        policy.IdentityPolicy,
		Permissions: perms,
		Options:     o,
	}, nil
}

// ExternalKeyStoreManager is the principal who creates and manages an
// external key store: the six kms custom-key-store actions, plus
// ec2:DescribeVpcEndpointServices when the proxy is reached through a VPC
// endpoint service (aws-rules G.4). External key stores use no service-linked
// role. The permissions to build the VPC, subnets, load balancer and
// endpoint service themselves are not included: AWS publishes no list
// (aws-rules G.4, I.13).
func ExternalKeyStoreManager(o Options) (*Role, error) {
	o, err := o.resolved(regionless)
	if err != nil {
		return nil, err
	}
	perms := []Permission{
		{Sid: "ManageCustomKeyStores", Actions: CustomKeyStoreActions(), Resources: []string{"*"}, Condition: callerAccount(o)},
	}
	var caveat string
	if o.Connectivity == VPCEndpointService {
		perms = append(perms, Permission{Sid: "DescribeVpcEndpointServices", Actions: []string{"ec2:DescribeVpcEndpointServices"}, Resources: []string{"*"}})
		region := o.Region
		if region == "" {
			region = "<Region>"
		}
		caveat = "Building the VPC, subnets, load balancer and endpoint service, and allowing cks.kms." + region +
			".amazonaws.com on the endpoint service (ec2:ModifyVpcEndpointServicePermissions), are not included: AWS publishes no exact list (aws-rules G.4)."
	}
	return &Role{
		Name:        "ExternalKeyStoreManager",
		Description: "Creates and manages external key stores (XKS); with VPC endpoint service connectivity it also reads the endpoint service KMS connects to.",
		Source: Source{
			Quote: "Principals who create and manage your custom key store require the following permission to use the custom key store API operations.",
			Page:  "https://docs.aws.amazon.com/kms/latest/developerguide/authorize-xks-key-store.html",
			Rules: rules("E.4", "G.4"),
		},
		Kind:        policy.IdentityPolicy,
		Permissions: compact(perms),
		Caveat:      caveat,
		Options:     o,
	}, nil
}

// callerAccount is the optional kms:CallerAccount condition.
func callerAccount(o Options) policy.Condition {
	if !o.CallerAccount {
		return nil
	}
	return policy.NewCondition("StringEquals", "kms:CallerAccount", o.Account)
}

// createSLR lets the holder create one service-linked role: the role's ARN
// under /aws-service-role/<principal>/ and iam:AWSServiceName = principal
// (aws-rules G.3; F.4 for CloudHSM's own role).
func createSLR(o Options, principal, name string) Permission {
	return Permission{
		Sid:       "CreateServiceLinkedRole",
		Actions:   []string{"iam:CreateServiceLinkedRole"},
		Resources: narrowest("iam:CreateServiceLinkedRole", o, map[string]string{"RoleNameWithPath": "aws-service-role/" + principal + "/" + name}),
		Condition: policy.NewCondition("StringEquals", "iam:AWSServiceName", principal),
	}
}
