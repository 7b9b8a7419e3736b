package snapshot

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/require"
)

// The review of what the snapshot reads and decides against AWS's
// documentation: each case cites the page it follows.

// ssoRole is an IAM Identity Center role as get-account-authorization-details
// lists it: its path is /aws-reserved/sso.amazonaws.com/REGION/
// (https://docs.aws.amazon.com/singlesignon/latest/userguide/referencingpermissionsets.html).
const (
	ssoRoleARN  = "arn:aws:iam::111122223333:role/aws-reserved/sso.amazonaws.com/us-west-2/AWSReservedSSO_DBA_1234567890abcdef"
	ssoSession  = "arn:aws:sts::111122223333:assumed-role/AWSReservedSSO_DBA_1234567890abcdef/jane@example.com"
	ssoRoleGAAD = `{"RoleDetailList": [{"Path": "/aws-reserved/sso.amazonaws.com/us-west-2/", "RoleName": "AWSReservedSSO_DBA_1234567890abcdef",
	  "RoleId": "AROAEXAMPLESSO", "Arn": "` + ssoRoleARN + `",
	  "AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
	    "Principal": {"Federated": "arn:aws:iam::111122223333:saml-provider/AWSSSO_x_DO_NOT_DELETE"}, "Action": ["sts:AssumeRoleWithSAML", "sts:TagSession"]}]},
	  "RolePolicyList": [], "AttachedManagedPolicies": [], "Tags": []}]}`
)

func TestReviewSessionsCarryTheirRolesARNWithPath(t *testing.T) {
	// aws:PrincipalArn: "For IAM roles, the request context returns the ARN
	// of the role, not the ARN of the user that assumed the role"
	// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-principalarn);
	// a role's ARN holds its path, and IAM Identity Center's key policies
	// match its roles' sessions by it
	// (https://docs.aws.amazon.com/singlesignon/latest/userguide/baseline-KMS-key-policy.html).
	kp := `{"Version": "2012-10-17", "Statement": [
	  {"Sid": "DBAs", "Effect": "Allow", "Principal": "*", "Action": "kms:Decrypt", "Resource": "*",
	   "Condition": {"ArnLike": {"aws:PrincipalArn": "arn:aws:iam::111122223333:role/aws-reserved/sso.amazonaws.com/us-west-2/AWSReservedSSO_DBA_*"}}},
	  {"Sid": "Jane", "Effect": "Allow", "Principal": {"AWS": "` + ssoSession + `"}, "Action": "kms:Encrypt", "Resource": "*"}]}`
	rep := mini{gaad: ssoRoleGAAD, keyPolicy: kp}.whoCan(t, "kms:Decrypt", "kms:Encrypt")
	for _, p := range []string{ssoRoleARN, ssoSession} {
		t.Run(p+" may decrypt through the statement on its role's ARN", func(t *testing.T) {
			r, ok := row(rep, p, "kms:Decrypt")
			require.True(t, ok, "no row")
			require.Equal(t, Allowed, r.Access)
			require.Equal(t, "DBAs", r.Via[0].Sid)
		})
	}
}

func TestReviewTruncatedAuthorizationDetailsAreRefused(t *testing.T) {
	// IsTruncated: "A flag that indicates whether there are more items to
	// return" (https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetAccountAuthorizationDetails.html);
	// the CLI with --max-items prints NextToken when more items follow
	// (https://docs.aws.amazon.com/cli/latest/userguide/cli-usage-pagination.html).
	// A dump without its last page lacks users, roles or policies, which
	// would silently drop their access.
	tests := []struct {
		name, page, path string
	}{
		{"a single page that says more items follow", `{"RoleDetailList": [], "Policies": [], "IsTruncated": true, "Marker": "m1"}`, "IsTruncated"},
		{"CLI output cut by --max-items", `{"RoleDetailList": [], "Policies": [], "NextToken": "eyJNYXJrZXIiOiBudWxsfQ=="}`, "NextToken"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			fsys := mini{gaad: tc.page}.fs()
			_, err := LoadFS(fsys)
			require.Error(t, err)
			var e *Error
			require.True(t, errors.As(err, &e))
			require.Equal(t, "iam/authorization-details.json", e.File)
			require.Equal(t, tc.path, e.Path)
			require.ErrorIs(t, err, ErrMalformed)
		})
	}
	t.Run("pages of one dump, the last not truncated, load", func(t *testing.T) {
		fsys := mini{gaad: `{"RoleDetailList": [], "IsTruncated": true, "Marker": "m1"}`}.fs()
		fsys["iam/authorization-details-2.json"] = fsys["iam/authorization-details.json"]
		fsys["iam/authorization-details-3.json"] = mini{gaad: ssoRoleGAAD}.fs()["iam/authorization-details.json"]
		_, err := LoadFS(fsys)
		require.NoError(t, err)
	})
}

func TestReviewGranteesTheSnapshotDoesNotListHaveAccess(t *testing.T) {
	// "To find out who or what has access to use the KMS key, look for the
	// GranteePrincipal element … the EC2 infrastructure role has permission
	// to use the KMS key"; "For grants created with GranteeServicePrincipal,
	// look for the GranteeServicePrincipal field"
	// (https://docs.aws.amazon.com/kms/latest/developerguide/determining-access-grants.html).
	// "when the grantee principal in the grant is an AWS service, the
	// GranteePrincipal field contains the service principal"
	// (https://docs.aws.amazon.com/kms/latest/developerguide/grant-view.html).
	const (
		ec2Infra = "arn:aws:sts::111122223333:assumed-role/aws:ec2-infrastructure/i-5d476fab"
		rds      = "rds.us-west-2.amazonaws.com"
		lambda   = "lambda.amazonaws.com"
	)
	grants := `[
	  {"KeyId": "` + reviewKeyARN + `", "GrantId": "ebs", "GranteePrincipal": "` + ec2Infra + `",
	   "IssuingAccount": "arn:aws:iam::111122223333:root", "Operations": ["Decrypt"],
	   "Constraints": {"EncryptionContextSubset": {"aws:ebs:id": "vol-5cccfb4e"}}},
	  {"KeyId": "` + reviewKeyARN + `", "GrantId": "rds", "GranteePrincipal": "` + rds + `",
	   "IssuingAccount": "arn:aws:iam::111122223333:root", "Operations": ["Decrypt", "GenerateDataKey"]},
	  {"KeyId": "` + reviewKeyARN + `", "GrantId": "lambda", "GranteeServicePrincipal": "` + lambda + `",
	   "IssuingAccount": "arn:aws:iam::111122223333:root", "Operations": ["Encrypt"]}]`
	rep := mini{gaad: ssoRoleGAAD, grants: grants}.whoCan(t, "kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey")
	tests := []struct {
		name, principal, action string
		want                    Access
		grant                   string
	}{
		{"the EC2 infrastructure session may decrypt with the volume's encryption context", ec2Infra, "kms:Decrypt", Conditional, "ebs"},
		{"a service named in GranteePrincipal may use its operations", rds, "kms:GenerateDataKey", Allowed, "rds"},
		{"a service named in GranteePrincipal may decrypt", rds, "kms:Decrypt", Allowed, "rds"},
		{"a service named in GranteeServicePrincipal may use its operation", lambda, "kms:Encrypt", Allowed, "lambda"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r, ok := row(rep, tc.principal, tc.action)
			require.True(t, ok, "no row")
			require.Equal(t, tc.want, r.Access)
			require.Equal(t, []Source{{Policy: "grant", Statement: -1, GrantID: tc.grant}}, r.Via)
		})
	}
	t.Run("a grantee gets no row for an operation its grant does not allow", func(t *testing.T) {
		_, ok := row(rep, lambda, "kms:Decrypt")
		require.False(t, ok)
	})
	t.Run("the EC2 infrastructure session is not reported as a principal the snapshot lacks", func(t *testing.T) {
		require.False(t, hasGap(rep, GapPrincipalNotFound, ec2Infra))
		require.False(t, hasGap(rep, GapGranteeNotIAM, rds))
	})
}

func TestReviewPrincipalsTheKeyPolicyNamesHaveAccessEvenIfTheSnapshotLacksThem(t *testing.T) {
	// "The IAM users, IAM roles, and AWS accounts in the Principal elements
	// are those that have access to this KMS key"
	// (https://docs.aws.amazon.com/kms/latest/developerguide/determining-access-key-policy.html).
	// A deleted principal shows in a key policy as its unique ID, not its
	// ARN (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html#principal-roles),
	// so an ARN the snapshot lacks is a principal the snapshot missed: its
	// own policies, which could deny, are unknown.
	const (
		ghost     = "arn:aws:iam::111122223333:user/not-in-the-dump"
		ghostRole = "arn:aws:iam::111122223333:role/GhostRole"
	)
	kp := `{"Version": "2012-10-17", "Statement": [
	  {"Sid": "Ghost", "Effect": "Allow", "Principal": {"AWS": ["` + ghost + `", "` + ghostRole + `"]}, "Action": "kms:Decrypt", "Resource": "*"}]}`
	grants := `[{"KeyId": "` + reviewKeyARN + `", "GrantId": "g", "GranteePrincipal": "arn:aws:sts::111122223333:assumed-role/GhostRole/s1",
	   "IssuingAccount": "arn:aws:iam::111122223333:root", "Operations": ["Encrypt"]}]`
	rep := mini{gaad: ssoRoleGAAD, keyPolicy: kp, grants: grants}.whoCan(t, "kms:Decrypt", "kms:Encrypt")
	for _, tc := range []struct{ principal, action, via string }{
		{ghost, "kms:Decrypt", "key policy Statement[0] (Ghost)"},
		{ghostRole, "kms:Decrypt", "key policy Statement[0] (Ghost)"},
		{"arn:aws:sts::111122223333:assumed-role/GhostRole/s1", "kms:Encrypt", "grant g"},
	} {
		t.Run(tc.principal+" is listed as unknown, not left out", func(t *testing.T) {
			r, ok := row(rep, tc.principal, tc.action)
			require.True(t, ok, "no row")
			require.Equal(t, Unknown, r.Access)
			require.Equal(t, tc.via, r.ViaString())
			require.Contains(t, r.Reason, "not in the snapshot")
		})
	}
	require.True(t, hasGap(rep, GapPrincipalNotFound, ghost))
}

// orgFile is describe-organization output for organization o-exampleorgid.
func orgFile(management string) string {
	return `{"Organization": {"Id": "o-exampleorgid", "Arn": "arn:aws:organizations::` + management + `:organization/o-exampleorgid",
	  "FeatureSet": "ALL", "MasterAccountArn": "arn:aws:organizations::` + management + `:account/o-exampleorgid/` + management + `",
	  "MasterAccountId": "` + management + `", "MasterAccountEmail": "admin@example.com"}}`
}

const userGAAD = `{"UserDetailList": [{"Path": "/", "UserName": "alice", "UserId": "AIDAALICE", "Arn": "arn:aws:iam::111122223333:user/alice",
  "UserPolicyList": [{"PolicyName": "kms", "PolicyDocument": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "kms:*", "Resource": "*"}]}}],
  "GroupList": [], "AttachedManagedPolicies": [], "Tags": []}]}`

func TestReviewTheManagementAccountIsOutsideSCPsAndRCPs(t *testing.T) {
	// "SCPs don't affect users or roles in the management account"
	// (https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps.html);
	// "RCPs don't affect resources in the management account"
	// (https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_rcps.html).
	denyAll := `{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": "*", "Resource": "*"}]}`
	t.Run("SCP levels saved for the management account are refused, naming the folder", func(t *testing.T) {
		fsys := mini{gaad: userGAAD, files: map[string]string{
			"organizations/describe-organization.json": orgFile("111122223333"),
			"organizations/scp/0-root/deny.json":       denyAll,
		}}.fs()
		_, err := LoadFS(fsys)
		var e *Error
		require.True(t, errors.As(err, &e), "got %v", err)
		require.Equal(t, "organizations/scp", e.File)
		require.Contains(t, e.Reason, "management account")
	})
	t.Run("without SCP levels, the management account's report does not call its guardrails missing", func(t *testing.T) {
		rep := mini{gaad: userGAAD, files: map[string]string{"organizations/describe-organization.json": orgFile("111122223333")}}.whoCan(t, "kms:Decrypt")
		require.False(t, hasGap(rep, GapOrganizationNotLoaded, "SCPs"))
		require.False(t, hasGap(rep, GapOrganizationNotLoaded, "RCPs"))
		require.Equal(t, Allowed, access(rep, "arn:aws:iam::111122223333:user/alice", "kms:Decrypt"))
	})
	t.Run("a member account's SCP levels apply", func(t *testing.T) {
		rep := mini{gaad: userGAAD, files: map[string]string{
			"organizations/describe-organization.json": orgFile("999988887777"),
			"organizations/scp/0-root/deny.json":       denyAll,
		}}.whoCan(t, "kms:Decrypt")
		require.Equal(t, Access(""), access(rep, "arn:aws:iam::111122223333:user/alice", "kms:Decrypt"))
	})
}

func TestReviewTheOrganizationFixesPrincipalOrgID(t *testing.T) {
	// The KMS guide's RCP keeps out principals of other organizations with
	// aws:PrincipalOrgID (https://docs.aws.amazon.com/kms/latest/developerguide/resource-control-policies.html);
	// the key is "included in the request context only if the principal is
	// a member of an organization" and aws:ResourceOrgID likewise for the
	// resource's account
	// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-principalorgid).
	// describe-organization, run in the account, names its organization
	// (https://docs.aws.amazon.com/organizations/latest/APIReference/API_DescribeOrganization.html).
	rcp := `{"Version": "2012-10-17", "Statement": [{"Sid": "RCPEnforceIdentityPerimeter", "Effect": "Deny", "Principal": "*", "Action": "kms:*", "Resource": "*",
	  "Condition": {"StringNotEqualsIfExists": {"aws:PrincipalOrgID": "o-exampleorgid"}, "Bool": {"aws:PrincipalIsAWSService": "false"}}}]}`
	scp := `{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"},
	  {"Effect": "Deny", "Action": "kms:Decrypt", "Resource": "*", "Condition": {"StringNotEquals": {"aws:ResourceOrgID": "o-exampleorgid"}}}]}`
	files := map[string]string{"organizations/rcp/0-root/perimeter.json": rcp, "organizations/scp/0-root/full.json": scp}
	t.Run("without the organization the perimeter leaves the account's own user conditional", func(t *testing.T) {
		rep := mini{gaad: userGAAD, files: files}.whoCan(t, "kms:Decrypt")
		require.Equal(t, Conditional, access(rep, "arn:aws:iam::111122223333:user/alice", "kms:Decrypt"))
	})
	t.Run("with it, the account's own user is inside the perimeter, and the key inside the organization", func(t *testing.T) {
		withOrg := map[string]string{"organizations/describe-organization.json": orgFile("999988887777")}
		for k, v := range files {
			withOrg[k] = v
		}
		rep := mini{gaad: userGAAD, files: withOrg}.whoCan(t, "kms:Decrypt")
		r, ok := row(rep, "arn:aws:iam::111122223333:user/alice", "kms:Decrypt")
		require.True(t, ok)
		require.Equal(t, Allowed, r.Access, r.Reason)
	})
}
