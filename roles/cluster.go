package roles

import (
	"strings"

	"github.com/cksiam/cksiam/policy"
)

// CloudHSMActions returns the 18 actions of the AWS CloudHSM v2 API
// (aws-rules F.2), a new slice on every call.
func CloudHSMActions() []string { return clone(cloudHSMActions) }

var cloudHSMActions = []string{
	"cloudhsm:CopyBackupToRegion", "cloudhsm:CreateCluster", "cloudhsm:CreateHsm",
	"cloudhsm:DeleteBackup", "cloudhsm:DeleteCluster", "cloudhsm:DeleteHsm",
	"cloudhsm:DeleteResourcePolicy", "cloudhsm:DescribeBackups", "cloudhsm:DescribeClusters",
	"cloudhsm:GetResourcePolicy", "cloudhsm:InitializeCluster", "cloudhsm:ListTags",
	"cloudhsm:ModifyBackupAttributes", "cloudhsm:ModifyCluster", "cloudhsm:PutResourcePolicy",
	"cloudhsm:RestoreBackup", "cloudhsm:TagResource", "cloudhsm:UntagResource",
}

// ClusterPowerUserCloudHSMActions returns the cloudhsm actions of AWS's
// power user policy: everything but delete (aws-rules F.1). It returns a
// new slice on every call.
func ClusterPowerUserCloudHSMActions() []string { return clone(clusterPowerUserCloudHSMActions) }

var clusterPowerUserCloudHSMActions = []string{
	"cloudhsm:DescribeClusters", "cloudhsm:DescribeBackups", "cloudhsm:CreateCluster",
	"cloudhsm:CreateHsm", "cloudhsm:RestoreBackup", "cloudhsm:CopyBackupToRegion",
	"cloudhsm:InitializeCluster", "cloudhsm:ListTags", "cloudhsm:TagResource",
	"cloudhsm:UntagResource",
}

// ClusterReadOnlyActions returns the actions of AWS's read-only CloudHSM
// policy (aws-rules F.1), a new slice on every call.
func ClusterReadOnlyActions() []string { return clone(clusterReadOnlyActions) }

var clusterReadOnlyActions = []string{"cloudhsm:DescribeClusters", "cloudhsm:DescribeBackups", "cloudhsm:ListTags"}

// ClusterEC2Actions returns the ec2 actions of AWS's admin and power user
// CloudHSM policies: CloudHSM creates and removes the cluster's network
// interfaces and security group with the caller's permissions (aws-rules
// F.1). It returns a new slice on every call.
func ClusterEC2Actions() []string { return clone(clusterEC2Actions) }

var clusterEC2Actions = []string{
	"ec2:CreateNetworkInterface", "ec2:DescribeNetworkInterfaces",
	"ec2:DescribeNetworkInterfaceAttribute", "ec2:DetachNetworkInterface",
	"ec2:DeleteNetworkInterface", "ec2:CreateSecurityGroup",
	"ec2:AuthorizeSecurityGroupIngress", "ec2:AuthorizeSecurityGroupEgress",
	"ec2:RevokeSecurityGroupEgress", "ec2:DescribeSecurityGroups",
	"ec2:DeleteSecurityGroup", "ec2:CreateTags", "ec2:DescribeVpcs",
	"ec2:DescribeSubnets",
}

// VPCAndClientInstanceActions returns this project's choice of EC2 actions
// for the guide page's "create or use a virtual private cloud, create
// subnets, and create an Amazon EC2 instance" (the cluster's client). AWS
// publishes no such list (aws-rules F.1, I.13): it is not an AWS
// policy, it is only added with Options.VPCAndClientInstance, and its
// statement's Sid says so. It returns a new slice on every call.
func VPCAndClientInstanceActions() []string { return clone(vpcAndClientInstanceActions) }

var vpcAndClientInstanceActions = []string{
	"ec2:CreateVpc", "ec2:ModifyVpcAttribute", "ec2:CreateSubnet",
	"ec2:DescribeAvailabilityZones", "ec2:CreateInternetGateway",
	"ec2:AttachInternetGateway", "ec2:CreateRouteTable", "ec2:CreateRoute",
	"ec2:AssociateRouteTable", "ec2:DescribeRouteTables", "ec2:RunInstances",
	"ec2:DescribeInstances", "ec2:DescribeImages", "ec2:CreateKeyPair",
	"ec2:DescribeKeyPairs",
}

// CloudHSM's own service-linked role, which CreateCluster creates when the
// caller may (aws-rules F.4).
const (
	CloudHSMServicePrincipal = "cloudhsm.amazonaws.com"
	CloudHSMRoleName         = "AWSServiceRoleForCloudHSM"
)

const vpcCaveat = "The VPCAndClientInstanceNotAWSPublished statement is this project's choice for the guide page's \"create a VPC, subnets, and an EC2 instance\"; AWS publishes no exact list (aws-rules F.1)."

// ClusterAdmin is AWS's CloudHSM administrator tier: every CloudHSM action,
// including deleting clusters, HSMs and backups (aws-rules F.1), with the
// cluster- and backup-scoped actions limited to the options' clusters and
// backups.
func ClusterAdmin(o Options) (*Role, error) {
	return clusterRole(o, "ClusterAdmin",
		"Creates, initializes, modifies and deletes the AWS CloudHSM cluster of a key store, its HSMs and backups.",
		CloudHSMActions(), true)
}

// ClusterPowerUser is AWS's CloudHSM power-user tier: like ClusterAdmin but
// without any delete or resource-policy action (aws-rules F.1).
func ClusterPowerUser(o Options) (*Role, error) {
	return clusterRole(o, "ClusterPowerUser",
		"Creates and initializes AWS CloudHSM clusters and HSMs, restores and copies backups, and tags them; cannot delete clusters, HSMs or backups.",
		ClusterPowerUserCloudHSMActions(), true)
}

// ClusterReadOnly is AWS's CloudHSM read-only tier (aws-rules F.1).
func ClusterReadOnly(o Options) (*Role, error) {
	return clusterRole(o, "ClusterReadOnly",
		"Reads AWS CloudHSM clusters, backups and their tags.",
		ClusterReadOnlyActions(), false)
}

func clusterRole(o Options, name, desc string, cloudhsm []string, writer bool) (*Role, error) {
	o, err := o.resolved(regional)
	if err != nil {
		return nil, err
	}
	perms := scoped(o, "CloudHSM", nil, nil, cloudhsm...)
	var caveat string
	if writer {
		// On "*" as AWS publishes them: CloudHSM makes these calls for the
		// network interfaces and security group it manages for the HSMs,
		// and AWS documents neither those resources' owners nor a scope
		// (aws-rules F.1), so an ARN scope could break cluster creation.
		perms = append(perms, Permission{Sid: "CloudHSMNetworkInterfaces", Actions: ClusterEC2Actions(), Resources: []string{"*"}})
		perms = append(perms, createSLR(o, CloudHSMServicePrincipal, CloudHSMRoleName))
	}
	perms = compact(perms)
	if writer && o.VPCAndClientInstance {
		// Kept as its own statement, never merged, so the label stays.
		perms = append(perms, Permission{Sid: "VPCAndClientInstanceNotAWSPublished", Actions: sortActions(VPCAndClientInstanceActions()), Resources: []string{"*"}})
		caveat = vpcCaveat
	}
	return &Role{
		Name:        name,
		Description: desc,
		Source: Source{
			Quote: "Principals who create and manage the AWS CloudHSM cluster that is associated with your custom key store need permission to create and initialize an AWS CloudHSM cluster.",
			Page:  "https://docs.aws.amazon.com/cloudhsm/latest/userguide/identity-access-management.html",
			Rules: rules("F.1", "F.2"),
		},
		Kind:        policy.IdentityPolicy,
		Permissions: perms,
		Caveat:      caveat,
		Options:     o,
	}, nil
}

// starByDesign reports whether action is granted on "*" on purpose although
// the catalog lets it be scoped: the ec2 actions of AWS's CloudHSM policies,
// which CloudHSM uses on network interfaces and a security group whose scope
// AWS does not document, and the labelled VPC and client instance set
// (aws-rules F.1).
func starByDesign(action string) bool {
	for _, list := range [][]string{clusterEC2Actions, vpcAndClientInstanceActions} {
		for _, a := range list {
			if strings.EqualFold(a, action) {
				return true
			}
		}
	}
	return false
}
