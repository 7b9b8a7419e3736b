package roles_test

import (
	"errors"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/cksiam/cksiam/evaluate"
	"github.com/cksiam/cksiam/policy"
	"github.com/cksiam/cksiam/roles"
)

// printDoc prints a document as compact canonical JSON.
func printDoc(d *policy.Document) {
	b, err := d.Compact()
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(string(b))
}

func ExampleKeyStoreManager() {
	r, err := roles.KeyStoreManager(roles.Options{Account: "123456789012", CallerAccount: true})
	if err != nil {
		panic(err)
	}
	printDoc(r.Document())
	// Output:
	// {"Version":"2012-10-17","Statement":[{"Sid":"ManageCustomKeyStores","Effect":"Allow","Action":["kms:ConnectCustomKeyStore","kms:CreateCustomKeyStore","kms:DeleteCustomKeyStore","kms:DescribeCustomKeyStores","kms:DisconnectCustomKeyStore","kms:UpdateCustomKeyStore"],"Resource":"*","Condition":{"StringEquals":{"kms:CallerAccount":"123456789012"}}},{"Sid":"DescribeCloudHSMClusters","Effect":"Allow","Action":"cloudhsm:DescribeClusters","Resource":"*"},{"Sid":"CreateServiceLinkedRole","Effect":"Allow","Action":"iam:CreateServiceLinkedRole","Resource":"arn:aws:iam::123456789012:role/aws-service-role/cks.kms.amazonaws.com/AWSServiceRoleForKeyManagementServiceCustomKeyStores","Condition":{"StringEquals":{"iam:AWSServiceName":"cks.kms.amazonaws.com"}}}]}
}

func ExampleExternalKeyStoreManager() {
	r, err := roles.ExternalKeyStoreManager(roles.Options{Account: "111122223333", Region: "us-west-2", Connectivity: roles.VPCEndpointService})
	if err != nil {
		panic(err)
	}
	printDoc(r.Document())
	// Output:
	// {"Version":"2012-10-17","Statement":[{"Sid":"ManageCustomKeyStores","Effect":"Allow","Action":["ec2:DescribeVpcEndpointServices","kms:ConnectCustomKeyStore","kms:CreateCustomKeyStore","kms:DeleteCustomKeyStore","kms:DescribeCustomKeyStores","kms:DisconnectCustomKeyStore","kms:UpdateCustomKeyStore"],"Resource":"*"}]}
}

func ExampleClusterAdmin() {
	r, err := roles.ClusterAdmin(roles.Options{Account: "111122223333", Region: "us-west-2", ClusterIDs: []string{"cluster-jxhlf7644ne"}, BackupIDs: []string{"backup-rtq2dwi2gq6"}})
	if err != nil {
		panic(err)
	}
	for _, st := range r.Document().Statement {
		fmt.Println(st.Sid, st.Resource.Values)
	}
	// Output:
	// CloudHSMOnAnyResource [*]
	// CloudHSMOnBackups [arn:aws:cloudhsm:us-west-2:111122223333:backup/backup-rtq2dwi2gq6]
	// CloudHSMOnBackupsAndClusters [arn:aws:cloudhsm:us-west-2:111122223333:backup/backup-rtq2dwi2gq6 arn:aws:cloudhsm:us-west-2:111122223333:cluster/cluster-jxhlf7644ne]
	// CloudHSMOnClusters [arn:aws:cloudhsm:us-west-2:111122223333:cluster/cluster-jxhlf7644ne]
	// CreateServiceLinkedRole [arn:aws:iam::111122223333:role/aws-service-role/cloudhsm.amazonaws.com/AWSServiceRoleForCloudHSM]
}

func ExampleClusterPowerUser() {
	r, err := roles.ClusterPowerUser(roles.Options{Account: "111122223333", Region: "us-west-2"})
	if err != nil {
		panic(err)
	}
	for _, st := range r.Document().Statement {
		fmt.Println(st.Sid, len(st.Action.Values), "actions on", st.Resource.Values)
	}
	// Output:
	// CloudHSMOnAnyResource 17 actions on [*]
	// CloudHSMOnBackups 2 actions on [arn:aws:cloudhsm:us-west-2:111122223333:backup/*]
	// CloudHSMOnBackupsAndClusters 3 actions on [arn:aws:cloudhsm:us-west-2:111122223333:backup/* arn:aws:cloudhsm:us-west-2:111122223333:cluster/*]
	// CloudHSMOnClusters 2 actions on [arn:aws:cloudhsm:us-west-2:111122223333:cluster/*]
	// CreateServiceLinkedRole 1 actions on [arn:aws:iam::111122223333:role/aws-service-role/cloudhsm.amazonaws.com/AWSServiceRoleForCloudHSM]
}

func ExampleClusterReadOnly() {
	r, err := roles.ClusterReadOnly(roles.Options{Account: "111122223333", Region: "us-west-2"})
	if err != nil {
		panic(err)
	}
	printDoc(r.Document())
	// Output:
	// {"Version":"2012-10-17","Statement":[{"Sid":"CloudHSMOnAnyResource","Effect":"Allow","Action":["cloudhsm:DescribeBackups","cloudhsm:DescribeClusters"],"Resource":"*"},{"Sid":"CloudHSMOnBackupsAndClusters","Effect":"Allow","Action":"cloudhsm:ListTags","Resource":["arn:aws:cloudhsm:us-west-2:111122223333:backup/*","arn:aws:cloudhsm:us-west-2:111122223333:cluster/*"]}]}
}

func ExampleKeyManager() {
	r, err := roles.KeyManager(roles.Options{Account: "111122223333", Region: "us-west-2", KeyOrigins: []roles.KeyOrigin{roles.OriginExternalKeyStore}})
	if err != nil {
		panic(err)
	}
	for _, st := range r.Document().Statement {
		fmt.Println(st.Sid, st.Resource.Values)
		if len(st.Condition) > 0 {
			b, _ := st.Condition.MarshalJSON()
			fmt.Println("  ", string(b))
		}
	}
	// Output:
	// CreateKeysInCustomKeyStores [*]
	//    {"StringEquals":{"kms:KeyOrigin":"EXTERNAL_KEY_STORE"}}
	// ManageKeys [arn:aws:kms:us-west-2:111122223333:key/*]
	//    {"StringEquals":{"kms:KeyOrigin":"EXTERNAL_KEY_STORE"}}
	// ManageAliases [arn:aws:kms:us-west-2:111122223333:alias/*]
}

func ExampleKeyUser() {
	r, err := roles.KeyUser(roles.Options{Account: "111122223333", Region: "us-west-2",
		KeyIDs:            []string{"1234abcd-12ab-34cd-56ef-1234567890ab"},
		ViaServices:       []string{"ec2.us-west-2.amazonaws.com"},
		EncryptionContext: map[string]string{"Department": "IT"},
	})
	if err != nil {
		panic(err)
	}
	printDoc(r.Document())
	// Output:
	// {"Version":"2012-10-17","Statement":[{"Sid":"UseKeys","Effect":"Allow","Action":["kms:Decrypt","kms:Encrypt","kms:GenerateDataKey","kms:GenerateDataKeyWithoutPlaintext","kms:ReEncryptFrom","kms:ReEncryptTo"],"Resource":"arn:aws:kms:us-west-2:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab","Condition":{"StringEquals":{"kms:EncryptionContext:Department":"IT","kms:KeyOrigin":"AWS_CLOUDHSM","kms:ViaService":"ec2.us-west-2.amazonaws.com"}}},{"Sid":"DescribeKeys","Effect":"Allow","Action":"kms:DescribeKey","Resource":"arn:aws:kms:us-west-2:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab","Condition":{"StringEquals":{"kms:KeyOrigin":"AWS_CLOUDHSM","kms:ViaService":"ec2.us-west-2.amazonaws.com"}}},{"Sid":"GrantsForAWSResources","Effect":"Allow","Action":["kms:CreateGrant","kms:ListGrants","kms:RevokeGrant"],"Resource":"arn:aws:kms:us-west-2:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab","Condition":{"Bool":{"kms:GrantIsForAWSResource":true},"StringEquals":{"kms:KeyOrigin":"AWS_CLOUDHSM","kms:ViaService":"ec2.us-west-2.amazonaws.com"}}}]}
}

func ExampleCustomKeyStoresServiceLinkedRole() {
	s := roles.CustomKeyStoresServiceLinkedRole()
	fmt.Println(s.ARN("aws", "111122223333"))
	printDoc(s.TrustPolicy())
	printDoc(s.Policy(roles.PolicyV2))
	fmt.Println("description editable:", s.Lifecycle.DescriptionEditable, "deletable:", s.Lifecycle.Deletable)

	in := s.UpdateRoleDescriptionInput("Used by AWS KMS custom key stores")
	fmt.Println(aws.ToString(in.RoleName))

	_, err := s.DeleteRoleInput()
	var se *roles.ServiceLinkedRoleError
	fmt.Println(errors.As(err, &se), se.Op)
	// Output:
	// arn:aws:iam::111122223333:role/aws-service-role/cks.kms.amazonaws.com/AWSServiceRoleForKeyManagementServiceCustomKeyStores
	// {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"cks.kms.amazonaws.com"},"Action":"sts:AssumeRole"}]}
	// {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["cloudhsm:Describe*","ec2:CreateNetworkInterface","ec2:AuthorizeSecurityGroupIngress","ec2:CreateSecurityGroup","ec2:DescribeSecurityGroups","ec2:RevokeSecurityGroupEgress","ec2:DeleteSecurityGroup","ec2:DescribeVpcs","ec2:DescribeNetworkAcls","ec2:DescribeNetworkInterfaces"],"Resource":"*"}]}
	// description editable: true deletable: false
	// AWSServiceRoleForKeyManagementServiceCustomKeyStores
	// true delete
}

func ExampleDefaultKeyPolicy() {
	r, err := roles.DefaultKeyPolicy(roles.Options{Account: "123456789012"})
	if err != nil {
		panic(err)
	}
	printDoc(r.Document())
	// Output:
	// {"Version":"2012-10-17","Id":"key-default-1","Statement":[{"Sid":"Enable IAM policies","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:root"},"Action":"kms:*","Resource":"*"}]}
}

func ExampleConsoleKeyPolicy() {
	r, err := roles.ConsoleKeyPolicy(roles.Options{Account: "111122223333", Region: "us-west-2",
		KeyAdministrators: []string{"arn:aws:iam::111122223333:role/KMSAdminRole"},
		KeyUsers:          []string{"arn:aws:iam::111122223333:role/ExampleRole"},
	})
	if err != nil {
		panic(err)
	}
	for _, st := range r.Document().Statement {
		fmt.Printf("%s: %v, %d actions\n", st.Sid, st.Principal.AWS.Values, len(st.Action.Values))
	}
	// Output:
	// Enable IAM policies: [arn:aws:iam::111122223333:root], 1 actions
	// Allow access for Key Administrators: [arn:aws:iam::111122223333:role/KMSAdminRole], 19 actions
	// Allow use of the key: [arn:aws:iam::111122223333:role/ExampleRole], 7 actions
	// Allow attachment of persistent resources: [arn:aws:iam::111122223333:role/ExampleRole], 3 actions
}

func ExampleRole_Verify() {
	r, err := roles.KeyStoreManager(roles.Options{Account: "111122223333", Region: "us-west-2"})
	if err != nil {
		panic(err)
	}
	v := r.Verify()
	fmt.Println(v.Summary.OK())
	fmt.Println(v.Summary)
	// Output:
	// true
	// 8/8 intended allowed, 262/262 near misses denied (fail-condition 2, other-account 2, other-action 256, other-id 2), 2/2 claims proved for every request
}

func ExampleRole_Audit() {
	r, err := roles.KeyStoreManager(roles.Options{Account: "111122223333", Region: "us-west-2"})
	if err != nil {
		panic(err)
	}
	existing, err := policy.Parse([]byte(`{"Version":"2012-10-17","Statement":[
	  {"Sid":"Stores","Effect":"Allow","Action":["kms:*CustomKeyStore*","cloudhsm:DescribeClusters"],"Resource":"*"},
	  {"Sid":"Everything","Effect":"Allow","Action":["s3:*"],"Resource":"*"}]}`))
	if err != nil {
		panic(err)
	}
	rep, err := r.Audit(evaluate.Policies{Identity: []*policy.Document{existing}}, "arn:aws:iam::111122223333:user/alice")
	if err != nil {
		panic(err)
	}
	for _, g := range rep.Missing {
		fmt.Println("missing:", g.Action, "on", g.Resource)
	}
	for _, g := range rep.Excess {
		for _, a := range g.Actions {
			fmt.Printf("excess: statement %s, Action %q: %d requests, first %s\n", g.Statement.Sid, a.Pattern, len(a.Requests), a.Requests[0].Action)
		}
	}
	// Output:
	// missing: iam:CreateServiceLinkedRole on arn:aws:iam::111122223333:role/aws-service-role/cks.kms.amazonaws.com/AWSServiceRoleForKeyManagementServiceCustomKeyStores
	// excess: statement Everything, Action "s3:*": 180 requests, first s3:AbortMultipartUpload
}

func ExampleRole_CreatePolicyInput() {
	r, err := roles.ClusterReadOnly(roles.Options{Account: "111122223333", Region: "us-west-2"})
	if err != nil {
		panic(err)
	}
	in, err := r.CreatePolicyInput()
	if err != nil {
		panic(err)
	}
	fmt.Println(aws.ToString(in.PolicyName))
	fmt.Println(aws.ToString(in.PolicyDocument))
	// Output:
	// ClusterReadOnly
	// {"Version":"2012-10-17","Statement":[{"Sid":"CloudHSMOnAnyResource","Effect":"Allow","Action":["cloudhsm:DescribeBackups","cloudhsm:DescribeClusters"],"Resource":"*"},{"Sid":"CloudHSMOnBackupsAndClusters","Effect":"Allow","Action":"cloudhsm:ListTags","Resource":["arn:aws:cloudhsm:us-west-2:111122223333:backup/*","arn:aws:cloudhsm:us-west-2:111122223333:cluster/*"]}]}
}

func ExampleAll() {
	rs, err := roles.All(roles.Options{Account: "123456789012", Region: "eu-west-1"})
	if err != nil {
		panic(err)
	}
	for _, r := range rs {
		fmt.Println(r.Name, r.Kind, len(r.Document().Statement))
	}
	// Output:
	// KeyStoreManager IdentityPolicy 2
	// ExternalKeyStoreManager IdentityPolicy 1
	// ClusterAdmin IdentityPolicy 5
	// ClusterPowerUser IdentityPolicy 5
	// ClusterReadOnly IdentityPolicy 2
	// KeyManager IdentityPolicy 3
	// KeyUser IdentityPolicy 2
	// ServiceLinkedRole IdentityPolicy 1
	// DefaultKeyPolicy KeyPolicy 1
}

func ExampleRole_PutKeyPolicyInput() {
	r, err := roles.ConsoleKeyPolicy(roles.Options{Account: "111122223333",
		KeyAdministrators: []string{"arn:aws:iam::111122223333:role/KMSAdminRole"},
		KeyUsers:          []string{"arn:aws:iam::111122223333:role/ExampleRole"}})
	if err != nil {
		panic(err)
	}
	in, err := r.PutKeyPolicyInput("1234abcd-12ab-34cd-56ef-1234567890ab")
	if err != nil {
		panic(err)
	}
	fmt.Println(aws.ToString(in.KeyId), aws.ToString(in.PolicyName), len(aws.ToString(in.Policy)) > 0)
	if _, err := r.CreatePolicyInput(); errors.Is(err, roles.ErrNotIdentityPolicy) {
		fmt.Println(err)
	}
	// Output:
	// 1234abcd-12ab-34cd-56ef-1234567890ab default true
	// roles: ConsoleKeyPolicy: the role's document is a key policy, not an IAM identity policy: apply it with PutKeyPolicyInput (an existing key) or CreateKeyInput (a new key in a custom key store)
}
