package policy_test

import (
	"encoding/json"
	"errors"
	"fmt"

	"github.com/cksiam/cksiam/policy"
)

func ExampleParse() {
	doc, err := policy.Parse([]byte(`{
    "Version": "2012-10-17",
    "Statement": [{
        "Effect": "Allow",
        "Principal": {"Service": "cks.kms.amazonaws.com"},
        "Action": "sts:AssumeRole"
    }]
}`))
	if err != nil {
		fmt.Println(err)
		return
	}
	st := doc.Statement[0]
	fmt.Println(doc.Version, st.Effect, st.Principal.Service.Values, st.Action.Values)
	// Output: 2012-10-17 Allow [cks.kms.amazonaws.com] [sts:AssumeRole]
}

func ExampleError() {
	_, err := policy.Parse([]byte(`{"Version":"2012-10-17","Statement":[{
		"Effect":"Allow","Action":"kms:Decrypt","Resource":"*",
		"Condition":{"StringEqulas":{"kms:CallerAccount":"111122223333"}}}]}`))
	var perr *policy.Error
	if errors.As(err, &perr) {
		fmt.Println(perr.Path)
		fmt.Println(perr.Reason)
	}
	// Output:
	// Statement[0].Condition.StringEqulas
	// unknown condition operator "StringEqulas"
}

func ExampleDocument_Format() {
	doc, err := policy.Parse([]byte(`{"Statement":{"Resource":"*","Action":"dynamodb:*","Effect":"Allow"},"Version":"2012-10-17"}`))
	if err != nil {
		fmt.Println(err)
		return
	}
	out, err := doc.Format()
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Print(string(out))
	// Output:
	// {
	//     "Version": "2012-10-17",
	//     "Statement": {
	//         "Effect": "Allow",
	//         "Action": "dynamodb:*",
	//         "Resource": "*"
	//     }
	// }
}

func ExampleDocument_Compact() {
	doc, err := policy.Parse([]byte(`{
    "Version": "2012-10-17",
    "Statement": [{"Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": "arn:aws:s3:::b/*",
        "Condition": {"Bool": {"aws:SecureTransport": false}}}]
}`))
	if err != nil {
		fmt.Println(err)
		return
	}
	out, _ := doc.Compact()
	fmt.Println(string(out))
	// Output: {"Version":"2012-10-17","Statement":[{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"arn:aws:s3:::b/*","Condition":{"Bool":{"aws:SecureTransport":false}}}]}
}

// Building the least-privilege policy for a custom key store manager
// (aws-rules E.4, G.3) with struct literals.
func ExampleNewDocument() {
	doc := policy.NewDocument(
		policy.Statement{
			Sid:    "ManageCustomKeyStores",
			Effect: policy.Allow,
			Action: policy.List(
				"kms:CreateCustomKeyStore", "kms:ConnectCustomKeyStore", "kms:DisconnectCustomKeyStore",
				"kms:UpdateCustomKeyStore", "kms:DeleteCustomKeyStore", "kms:DescribeCustomKeyStores",
				"cloudhsm:DescribeClusters",
			),
			Resource: policy.List("*"),
		},
		policy.Statement{
			Sid:       "CreateTheServiceLinkedRole",
			Effect:    policy.Allow,
			Action:    policy.List("iam:CreateServiceLinkedRole"),
			Resource:  policy.List("arn:aws:iam::*:role/aws-service-role/cks.kms.amazonaws.com/AWSServiceRoleForKeyManagementServiceCustomKeyStores*"),
			Condition: policy.NewCondition("StringLike", "iam:AWSServiceName", "cks.kms.amazonaws.com"),
		},
	)
	out, err := doc.Normalize().Format()
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Print(string(out))
	// Output:
	// {
	//     "Version": "2012-10-17",
	//     "Statement": [
	//         {
	//             "Sid": "ManageCustomKeyStores",
	//             "Effect": "Allow",
	//             "Action": [
	//                 "cloudhsm:DescribeClusters",
	//                 "kms:ConnectCustomKeyStore",
	//                 "kms:CreateCustomKeyStore",
	//                 "kms:DeleteCustomKeyStore",
	//                 "kms:DescribeCustomKeyStores",
	//                 "kms:DisconnectCustomKeyStore",
	//                 "kms:UpdateCustomKeyStore"
	//             ],
	//             "Resource": "*"
	//         },
	//         {
	//             "Sid": "CreateTheServiceLinkedRole",
	//             "Effect": "Allow",
	//             "Action": "iam:CreateServiceLinkedRole",
	//             "Resource": "arn:aws:iam::*:role/aws-service-role/cks.kms.amazonaws.com/AWSServiceRoleForKeyManagementServiceCustomKeyStores*",
	//             "Condition": {
	//                 "StringLike": {
	//                     "iam:AWSServiceName": "cks.kms.amazonaws.com"
	//                 }
	//             }
	//         }
	//     ]
	// }
}

func ExampleDocument_Normalize() {
	doc, err := policy.Parse([]byte(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow",
		"Action":["kms:Encrypt","kms:Decrypt","KMS:encrypt"],
		"Resource":["arn:aws:kms:us-east-1:111122223333:key/b","arn:aws:kms:us-east-1:111122223333:key/a"]}]}`))
	if err != nil {
		fmt.Println(err)
		return
	}
	st := doc.Normalize().Statement[0]
	fmt.Println(st.Action.Values)
	fmt.Println(st.Resource.Values)
	// Output:
	// [kms:Decrypt kms:Encrypt]
	// [arn:aws:kms:us-east-1:111122223333:key/a arn:aws:kms:us-east-1:111122223333:key/b]
}

// A Document inside a larger JSON value is read as strictly as by Parse.
func ExampleDocument_UnmarshalJSON() {
	var role struct {
		RoleName                 string
		AssumeRolePolicyDocument policy.Document
	}
	err := json.Unmarshal([]byte(`{
		"RoleName": "KeyStoreAdmin",
		"AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": [
			{"Effect": "Allow", "Principal": {"aws": "111122223333"}, "Action": "sts:AssumeRole"}]}
	}`), &role)
	fmt.Println(err)
	// Output: policy: Statement[0].Principal.aws: unknown principal type; names are case-sensitive, did you mean "AWS"?
}
