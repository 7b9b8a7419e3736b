package difftest

// The world the generator draws from: two accounts of one organization, the
// principals around a KMS custom key store, and real actions with the
// resource types the Service Authorization Reference gives them.

const (
	accountA = "111111111111" // the caller's usual account
	accountB = "222222222222" // another member account of the organization
	orgID    = "o-a1b2c3d4e5"
	regionA  = "us-east-1"
	regionB  = "eu-west-1"
	cksSLR   = "AWSServiceRoleForKeyManagementServiceCustomKeyStores"
	cksSvc   = "cks.kms.amazonaws.com"
)

// principalKind says what sort of caller a principal is.
type principalKind string

const (
	kindUser    principalKind = "user"
	kindSession principalKind = "session"
	kindRoot    principalKind = "root"
	kindService principalKind = "service"
)

// principal is a caller the generator can put in a request.
type principal struct {
	kind    principalKind
	arn     string // the request principal
	account string // empty for a service principal
	name    string // user name, or role name for a session
	roleARN string // sessions: the role the session belongs to
	path    bool   // the user or role has a path
}

// chain returns the identity levels of p from the account down: the account
// root ARN, then the user or role ARN, then the session ARN (aws-rules I).
func (p principal) chain() []string {
	switch p.kind {
	case kindUser:
		return []string{rootARN(p.account), p.arn}
	case kindSession:
		return []string{rootARN(p.account), p.roleARN, p.arn}
	case kindRoot:
		return []string{p.arn}
	}
	return nil
}

func rootARN(account string) string { return "arn:aws:iam::" + account + ":root" }

var principals = []principal{
	{kind: kindUser, arn: "arn:aws:iam::" + accountA + ":user/alice", account: accountA, name: "alice"},
	{kind: kindUser, arn: "arn:aws:iam::" + accountA + ":user/ops/bob", account: accountA, name: "bob", path: true},
	{kind: kindUser, arn: "arn:aws:iam::" + accountB + ":user/carol", account: accountB, name: "carol"},
	{kind: kindSession, arn: "arn:aws:sts::" + accountA + ":assumed-role/KeyAdmin/alice-session", account: accountA, name: "KeyAdmin", roleARN: "arn:aws:iam::" + accountA + ":role/KeyAdmin"},
	{kind: kindSession, arn: "arn:aws:sts::" + accountA + ":assumed-role/KMSAdminRole/ci", account: accountA, name: "KMSAdminRole", roleARN: "arn:aws:iam::" + accountA + ":role/admins/KMSAdminRole", path: true},
	{kind: kindSession, arn: "arn:aws:sts::" + accountB + ":assumed-role/CrossAccountKeyUser/app", account: accountB, name: "CrossAccountKeyUser", roleARN: "arn:aws:iam::" + accountB + ":role/CrossAccountKeyUser"},
	{kind: kindRoot, arn: rootARN(accountA), account: accountA},
	{kind: kindService, arn: cksSvc},
	{kind: kindService, arn: "cloudhsm.amazonaws.com"},
}

// resKind is the resource type an action is authorized against.
type resKind string

const (
	resNone    resKind = "*" // no resource-level permissions
	resKey     resKind = "key"
	resCluster resKind = "cluster"
	resBackup  resKind = "backup"
	resSG      resKind = "security-group"
	resENI     resKind = "network-interface"
	resRole    resKind = "role"
	resSLR     resKind = "slr"
	resUser    resKind = "user"
)

// action is a real AWS action with its resource type and the service
// condition keys the Service Authorization Reference lists for it.
type action struct {
	name         string
	res          resKind
	keys         []string // service-specific condition keys
	crossAccount bool     // usable on a resource of another account (aws-rules C.4)
}

var (
	kmsBase   = []string{"kms:CallerAccount", "kms:ViaService"}
	kmsCrypto = []string{"kms:CallerAccount", "kms:ViaService", "kms:EncryptionAlgorithm", "kms:EncryptionContextKeys", "kms:EncryptionContext:"}
	kmsStore  = []string{"kms:CallerAccount"}
)

var actions = []action{
	{"kms:Decrypt", resKey, kmsCrypto, true},
	{"kms:Encrypt", resKey, kmsCrypto, true},
	{"kms:GenerateDataKey", resKey, kmsCrypto, true},
	{"kms:GenerateDataKeyWithoutPlaintext", resKey, kmsCrypto, true},
	{"kms:ReEncryptFrom", resKey, kmsCrypto, true},
	{"kms:DescribeKey", resKey, kmsBase, true},
	{"kms:CreateGrant", resKey, []string{"kms:CallerAccount", "kms:ViaService", "kms:GrantIsForAWSResource", "kms:GrantOperations"}, true},
	{"kms:ListGrants", resKey, kmsBase, true},
	{"kms:ScheduleKeyDeletion", resKey, kmsBase, false},
	{"kms:PutKeyPolicy", resKey, kmsBase, false},
	{"kms:GetKeyPolicy", resKey, kmsBase, false},
	{"kms:DisableKey", resKey, kmsBase, false},
	{"kms:CreateKey", resNone, []string{"kms:CallerAccount", "kms:ViaService"}, false},
	{"kms:ListKeys", resNone, nil, false}, // SAR lists no condition keys for it
	{"kms:CreateCustomKeyStore", resNone, kmsStore, false},
	{"kms:ConnectCustomKeyStore", resNone, kmsStore, false},
	{"kms:DisconnectCustomKeyStore", resNone, kmsStore, false},
	{"kms:UpdateCustomKeyStore", resNone, kmsStore, false},
	{"kms:DeleteCustomKeyStore", resNone, kmsStore, false},
	{"kms:DescribeCustomKeyStores", resNone, kmsStore, false},
	{"cloudhsm:DescribeClusters", resNone, nil, false},
	{"cloudhsm:DescribeBackups", resNone, nil, false},
	{"cloudhsm:CreateHsm", resCluster, nil, false},
	{"cloudhsm:DeleteCluster", resCluster, nil, false},
	{"cloudhsm:InitializeCluster", resCluster, nil, false},
	{"cloudhsm:ModifyCluster", resCluster, nil, false},
	{"cloudhsm:DeleteBackup", resBackup, nil, false},
	{"cloudhsm:RestoreBackup", resBackup, nil, false},
	{"ec2:DescribeVpcs", resNone, nil, false},
	{"ec2:DescribeSecurityGroups", resNone, nil, false},
	{"ec2:DescribeNetworkInterfaces", resNone, nil, false},
	{"ec2:DescribeNetworkAcls", resNone, nil, false},
	{"ec2:AuthorizeSecurityGroupIngress", resSG, nil, false},
	{"ec2:RevokeSecurityGroupEgress", resSG, nil, false},
	{"ec2:DeleteSecurityGroup", resSG, nil, false},
	{"ec2:DeleteNetworkInterface", resENI, nil, false},
	{"iam:CreateServiceLinkedRole", resSLR, []string{"iam:AWSServiceName"}, false},
	{"iam:GetRole", resRole, nil, false},
	{"iam:PassRole", resRole, []string{"iam:PassedToService"}, false},
	{"iam:DeleteRole", resRole, nil, false},
	{"iam:GetUser", resUser, nil, false},
	{"iam:CreateAccessKey", resUser, nil, false},
	{"iam:ListRoles", resNone, nil, false},
	{"sts:AssumeRole", resRole, []string{"sts:ExternalId", "sts:RoleSessionName"}, true},
	{"sts:TagSession", resRole, nil, true},
}

// service returns the service prefix of an action name.
func service(name string) string {
	for i := 0; i < len(name); i++ {
		if name[i] == ':' {
			return name[:i]
		}
	}
	return name
}

// resourceARNs returns the concrete ARNs of kind k owned by account.
func resourceARNs(k resKind, account string) []string {
	region := regionA
	if account == accountB {
		region = regionB
	}
	switch k {
	case resKey:
		return []string{
			"arn:aws:kms:" + region + ":" + account + ":key/1234abcd-12ab-34cd-56ef-1234567890ab",
			"arn:aws:kms:" + region + ":" + account + ":key/mrk-0f1e2d3c4b5a69788796a5b4c3d2e1f0",
		}
	case resCluster:
		return []string{"arn:aws:cloudhsm:" + region + ":" + account + ":cluster/cluster-jxhlf7644ne"}
	case resBackup:
		return []string{"arn:aws:cloudhsm:" + region + ":" + account + ":backup/backup-rtq2dwi2gq6"}
	case resSG:
		return []string{"arn:aws:ec2:" + region + ":" + account + ":security-group/sg-0123456789abcdef0"}
	case resENI:
		return []string{"arn:aws:ec2:" + region + ":" + account + ":network-interface/eni-0a1b2c3d4e5f60718"}
	case resRole:
		return []string{
			"arn:aws:iam::" + account + ":role/KeyAdmin",
			"arn:aws:iam::" + account + ":role/CrossAccountKeyUser",
		}
	case resSLR:
		return []string{"arn:aws:iam::" + account + ":role/aws-service-role/" + cksSvc + "/" + cksSLR}
	case resUser:
		return []string{
			"arn:aws:iam::" + account + ":user/alice",
			"arn:aws:iam::" + account + ":user/ops/bob",
		}
	}
	return []string{"*"}
}
