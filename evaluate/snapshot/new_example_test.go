package snapshot_test

import (
	"fmt"
	"net/url"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	iamtypes "github.com/aws/aws-sdk-go-v2/service/iam/types"
	kmstypes "github.com/aws/aws-sdk-go-v2/service/kms/types"

	"github.com/cksiam/cksiam/evaluate/snapshot"
)

// An account built in Go from what the AWS SDK returns
// (GetAccountAuthorizationDetails with its URL-encoded documents,
// DescribeKey, GetKeyPolicy, ListGrants), then asked who can decrypt.
func ExampleNew() {
	inline := url.QueryEscape(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"kms:Decrypt","Resource":"*"}]}`)
	trust := url.QueryEscape(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}`)
	keyARN := "arn:aws:kms:us-west-2:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
	acct, err := snapshot.New(snapshot.Input{
		AuthorizationDetails: []*iam.GetAccountAuthorizationDetailsOutput{{
			RoleDetailList: []iamtypes.RoleDetail{{
				RoleName:                 aws.String("App"),
				RoleId:                   aws.String("AROAEXAMPLEAPP0000001"),
				Arn:                      aws.String("arn:aws:iam::111122223333:role/App"),
				Path:                     aws.String("/"),
				AssumeRolePolicyDocument: aws.String(trust),
				RolePolicyList:           []iamtypes.PolicyDetail{{PolicyName: aws.String("Decrypt"), PolicyDocument: aws.String(inline)}},
			}},
		}},
		Keys: []snapshot.KeyInput{{
			Metadata: &kmstypes.KeyMetadata{
				KeyId: aws.String("1234abcd-12ab-34cd-56ef-1234567890ab"), Arn: aws.String(keyARN),
				AWSAccountId: aws.String("111122223333"), KeyManager: kmstypes.KeyManagerTypeCustomer,
				Origin: kmstypes.OriginTypeAwsCloudhsm, KeySpec: kmstypes.KeySpecSymmetricDefault,
				KeyUsage: kmstypes.KeyUsageTypeEncryptDecrypt,
			},
			Policy: `{"Version":"2012-10-17","Statement":[{"Sid":"Enable IAM policies","Effect":"Allow",
			  "Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"kms:*","Resource":"*"}]}`,
			Grants: []kmstypes.GrantListEntry{}, // collected: the key has none
			Tags:   []kmstypes.Tag{},
		}},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	rep, err := acct.WhoCan(keyARN, []string{"kms:Decrypt"})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, row := range rep.Access {
		fmt.Println(row.Principal, row.Access, row.ViaString())
	}
	// Output:
	// arn:aws:iam::111122223333:role/App allowed arn:aws:iam::111122223333:role/App inline policy Decrypt Statement[0] + key policy Statement[0] (Enable IAM policies)
	// arn:aws:iam::111122223333:root allowed key policy Statement[0] (Enable IAM policies)
}
