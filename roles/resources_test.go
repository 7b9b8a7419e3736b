package roles

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestNarrowestResourcesFollowTheAWSRules pins the resource each granted action
// is scoped to against aws-rules E.1, E.2, F.2 and G.3.
func TestNarrowestResourcesFollowTheAWSRules(t *testing.T) {
	o, err := Options{Account: "111122223333", Region: "us-west-2", KeyIDs: []string{"1234abcd-12ab-34cd-56ef-1234567890ab"}, ClusterIDs: []string{"cluster-jxhlf7644ne"}, BackupIDs: []string{"backup-rtq2dwi2gq6"}}.resolved(regional)
	if err != nil {
		t.Fatal(err)
	}
	const (
		key     = "arn:aws:kms:us-west-2:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
		alias   = "arn:aws:kms:us-west-2:111122223333:alias/*"
		cluster = "arn:aws:cloudhsm:us-west-2:111122223333:cluster/cluster-jxhlf7644ne"
		backup  = "arn:aws:cloudhsm:us-west-2:111122223333:backup/backup-rtq2dwi2gq6"
	)
	tests := []struct {
		name   string
		action string
		want   []string
	}{
		{"custom key store actions accept only *", "kms:CreateCustomKeyStore", []string{"*"}},
		{"describing custom key stores accepts only *", "kms:DescribeCustomKeyStores", []string{"*"}},
		{"CreateKey involves no key and accepts only *", "kms:CreateKey", []string{"*"}},
		{"ListKeys accepts only *", "kms:ListKeys", []string{"*"}},
		{"Decrypt takes the key ARN", "kms:Decrypt", []string{key}},
		{"action names compare case-insensitively", "KMS:decrypt", []string{key}},
		{"ReEncryptTo takes the key ARN", "kms:ReEncryptTo", []string{key}},
		{"CreateGrant takes the key ARN", "kms:CreateGrant", []string{key}},
		{"CreateAlias needs the alias and the key", "kms:CreateAlias", []string{alias, key}},
		{"DescribeClusters accepts only *", "cloudhsm:DescribeClusters", []string{"*"}},
		{"DescribeBackups accepts only *", "cloudhsm:DescribeBackups", []string{"*"}},
		{"DeleteHsm accepts only *", "cloudhsm:DeleteHsm", []string{"*"}},
		{"CreateCluster may name no backup, so it needs *", "cloudhsm:CreateCluster", []string{"*"}},
		{"CreateHsm takes the cluster", "cloudhsm:CreateHsm", []string{cluster}},
		{"InitializeCluster takes the cluster", "cloudhsm:InitializeCluster", []string{cluster}},
		{"RestoreBackup takes the backup", "cloudhsm:RestoreBackup", []string{backup}},
		{"ListTags takes a backup or a cluster", "cloudhsm:ListTags", []string{backup, cluster}},
		{"ec2 Describe actions accept only *", "ec2:DescribeVpcEndpointServices", []string{"*"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if d := cmp.Diff(tc.want, narrowest(tc.action, o, nil)); d != "" {
				t.Errorf("narrowest(%s) (-want +got):\n%s", tc.action, d)
			}
		})
	}
	t.Run("the custom-key-store service-linked role is created under its service path", func(t *testing.T) {
		p := createSLR(o, CustomKeyStoresServicePrincipal, CustomKeyStoresRoleName)
		want := []string{"arn:aws:iam::111122223333:role/aws-service-role/cks.kms.amazonaws.com/AWSServiceRoleForKeyManagementServiceCustomKeyStores"}
		if d := cmp.Diff(want, p.Resources); d != "" {
			t.Error(d)
		}
		if want[0] != CustomKeyStoresServiceLinkedRole().ARN("aws", "111122223333") {
			t.Error("ServiceLinkedRole.ARN disagrees with the CreateServiceLinkedRole scope")
		}
	})
	t.Run("without IDs the scope is every key of the account in the Region", func(t *testing.T) {
		o2, _ := Options{Account: "111122223333", Region: "us-west-2"}.resolved(regional)
		if d := cmp.Diff([]string{"arn:aws:kms:us-west-2:111122223333:key/*"}, narrowest("kms:Encrypt", o2, nil)); d != "" {
			t.Error(d)
		}
	})
	t.Run("several IDs give one ARN each, sorted", func(t *testing.T) {
		o2, _ := Options{Account: "111122223333", Region: "us-west-2", ClusterIDs: []string{"cluster-b", "cluster-a", "cluster-b"}}.resolved(regional)
		want := []string{"arn:aws:cloudhsm:us-west-2:111122223333:cluster/cluster-a", "arn:aws:cloudhsm:us-west-2:111122223333:cluster/cluster-b"}
		if d := cmp.Diff(want, narrowest("cloudhsm:CreateHsm", o2, nil)); d != "" {
			t.Error(d)
		}
	})
}
