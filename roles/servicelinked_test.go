package roles

import (
	"errors"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/cksiam/cksiam/evaluate"
	"github.com/cksiam/cksiam/policy"
	"github.com/stretchr/testify/require"
)

func TestServiceLinkedRoleRefusesWhatTheGuidePageForbids(t *testing.T) {
	s := CustomKeyStoresServiceLinkedRole()
	r, err := ServiceLinkedRole(Options{Account: "111122223333", Region: "us-west-2"})
	require.NoError(t, err)
	tests := []struct {
		name  string
		call  func() error
		op    string
		quote string
	}{
		{"creating it directly is refused", func() error { _, err := s.CreateRoleInput(); return err }, "create", "You cannot create or re-create this service-linked role directly."},
		{"renaming it is refused", func() error { _, err := s.RenameRoleInput("x"); return err }, "rename", "You cannot edit the role name or the policy statements"},
		{"editing its policy is refused", func() error { _, err := s.PutRolePolicyInput(); return err }, "edit the policy of", "You cannot edit the role name or the policy statements"},
		{"deleting it is refused", func() error { _, err := s.DeleteRoleInput(); return err }, "delete", "there is currently no procedure for deleting"},
		{"the role value refuses CreateRole", func() error { _, err := r.CreateRoleInput(); return err }, "create", "You cannot create or re-create"},
		{"the role value refuses CreatePolicy", func() error { _, err := r.CreatePolicyInput(); return err }, "create a managed policy for", "You cannot edit the role name or the policy statements"},
		{"the role value refuses PutRolePolicy", func() error { _, err := r.PutRolePolicyInput("x"); return err }, "edit the policy of", "You cannot edit the role name or the policy statements"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.call()
			var se *ServiceLinkedRoleError
			require.True(t, errors.As(err, &se), "got %v", err)
			require.ErrorIs(t, err, ErrServiceLinkedRole)
			require.Equal(t, tc.op, se.Op)
			require.Contains(t, se.Quote, tc.quote)
			require.Contains(t, err.Error(), CustomKeyStoresRoleName)
		})
	}
	t.Run("its description is the one thing that can be edited", func(t *testing.T) {
		require.True(t, s.Lifecycle.DescriptionEditable)
		require.False(t, s.Lifecycle.NameEditable || s.Lifecycle.PolicyEditable || s.Lifecycle.Deletable || s.Lifecycle.CreatableDirectly)
		in := s.UpdateRoleDescriptionInput("custom key stores")
		require.Equal(t, CustomKeyStoresRoleName, aws.ToString(in.RoleName))
		require.Equal(t, "custom key stores", aws.ToString(in.Description))
	})
	t.Run("its identity follows aws-rules G.1", func(t *testing.T) {
		require.Equal(t, "arn:aws:iam::111122223333:role/aws-service-role/cks.kms.amazonaws.com/AWSServiceRoleForKeyManagementServiceCustomKeyStores", s.ARN("", "111122223333"))
		require.Equal(t, "arn:aws:iam::aws:policy/aws-service-role/AWSKeyManagementServiceCustomKeyStoresServiceRolePolicy", s.PolicyARN(""))
		trust := s.TrustPolicy()
		require.Len(t, trust.Statement, 1)
		require.Equal(t, []string{"cks.kms.amazonaws.com"}, trust.Statement[0].Principal.Service.Values)
		require.Equal(t, []string{"sts:AssumeRole"}, trust.Statement[0].Action.Values)
		require.Len(t, s.NotPermitted, 3)
		require.Nil(t, s.Policy("v3"))
	})
	t.Run("a key policy has no IAM SDK input", func(t *testing.T) {
		d, err := DefaultKeyPolicy(Options{Account: "111122223333", Region: "us-west-2"})
		require.NoError(t, err)
		_, err = d.CreatePolicyInput()
		require.ErrorIs(t, err, ErrNotIdentityPolicy)
	})
}

func TestServiceLinkedRoleCannotManageClustersHSMsOrBackups(t *testing.T) {
	r, err := ServiceLinkedRole(Options{Account: "111122223333", Region: "us-west-2"})
	require.NoError(t, err)
	p := evaluate.Policies{Identity: []*policy.Document{r.Document()}}
	caller := "arn:aws:sts::111122223333:assumed-role/" + CustomKeyStoresRoleName + "/kms"
	for _, a := range []string{
		"cloudhsm:CreateCluster", "cloudhsm:DeleteCluster", "cloudhsm:ModifyCluster", "cloudhsm:InitializeCluster",
		"cloudhsm:CreateHsm", "cloudhsm:DeleteHsm",
		"cloudhsm:DeleteBackup", "cloudhsm:RestoreBackup", "cloudhsm:CopyBackupToRegion", "cloudhsm:ModifyBackupAttributes",
	} {
		t.Run("the live policy does not allow "+a, func(t *testing.T) {
			res, err := evaluate.Evaluate(p, evaluate.Request{Principal: caller, Action: a, Resource: "*"})
			require.NoError(t, err)
			require.Equal(t, evaluate.ImplicitDeny, res.Decision)
		})
	}
	for _, a := range []string{"cloudhsm:DescribeClusters", "cloudhsm:DescribeBackups", "ec2:CreateNetworkInterface", "ec2:DescribeVpcs"} {
		t.Run("the live policy allows "+a, func(t *testing.T) {
			res, err := evaluate.Evaluate(p, evaluate.Request{Principal: caller, Action: a, Resource: "*"})
			require.NoError(t, err)
			require.Equal(t, evaluate.Allowed, res.Decision)
		})
	}
}
