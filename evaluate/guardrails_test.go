package evaluate

import "testing"

func TestServiceLinkedRolesAndRCPScope(t *testing.T) {
	slr := "arn:aws:iam::111122223333:role/aws-service-role/cks.kms.amazonaws.com/AWSServiceRoleForKeyManagementServiceCustomKeyStores"
	slrSession := "arn:aws:sts::111122223333:assumed-role/AWSServiceRoleForKeyManagementServiceCustomKeyStores/kms"
	denyEC2SCP := levels(t, []string{allowAll, denyStmt("ec2:*", "*")})
	denyAllRCP := levels(t, []string{resPolicy("Deny", `"*"`, "*")})
	trust := doc(t, `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"cks.kms.amazonaws.com"},"Action":"sts:AssumeRole"}]}`)
	foreignKey := "arn:aws:kms:us-east-1:444455556666:key/0987dcba-09fe-87dc-65ba-ab0987654321"
	foreignKeyPolicy := doc(t, resPolicy("Allow", `{"AWS":"arn:aws:iam::111122223333:root"}`, "kms:*"))
	runDecisions(t, []decisionCase{
		{name: "SCPs do not affect a service-linked role (AWS Organizations, SCPs)", p: Policies{Identity: docs(t, allowStmt("ec2:*", "*")), SCPs: denyEC2SCP}, r: Request{Principal: slr, Action: "ec2:CreateNetworkInterface", Resource: "*"}, want: Allowed},
		{name: "SCPs do not affect a session of a service-linked role, known by its role name (AWS Organizations, SCPs)", p: Policies{Identity: docs(t, allowStmt("ec2:*", "*")), SCPs: denyEC2SCP}, r: Request{Principal: slrSession, Action: "ec2:CreateNetworkInterface", Resource: "*"}, want: Allowed},
		{name: "SCPs still restrict a role whose path merely contains the service-linked path after a colon (IAM paths may hold colons)", p: Policies{Identity: docs(t, allowStmt("ec2:*", "*")), SCPs: denyEC2SCP}, r: Request{Principal: "arn:aws:iam::111122223333:role/x:role/aws-service-role/Normal", Action: "ec2:CreateNetworkInterface", Resource: "*"}, want: ExplicitDeny},
		{name: "RCPs still govern a role whose path merely contains the service-linked path after a colon", p: Policies{Identity: docs(t, allowStmt("s3:*", "*")), RCPs: denyAllRCP}, r: Request{Principal: "arn:aws:iam::111122223333:role/team:role/aws-service-role/x", Action: "s3:GetObject", Resource: "arn:aws:s3:::bucket/object"}, want: ExplicitDeny},
		{name: "SCPs still restrict an ordinary role (aws-rules C.2)", p: Policies{Identity: docs(t, allowStmt("ec2:*", "*")), SCPs: denyEC2SCP}, r: Request{Principal: roleARN, Action: "ec2:CreateNetworkInterface", Resource: "*"}, want: ExplicitDeny},
		{name: "RCPs govern every service on the AWS list, such as EventBridge (AWS Organizations, RCPs)", p: Policies{Identity: docs(t, allowStmt("events:*", "*")), RCPs: denyAllRCP}, r: Request{Principal: alice, Action: "events:PutEvents", Resource: "arn:aws:events:us-east-1:111122223333:event-bus/default"}, want: ExplicitDeny},
		{name: "RCPs govern ECR Public (AWS Organizations, RCPs)", p: Policies{Identity: docs(t, allowAll), RCPs: denyAllRCP}, r: Request{Principal: alice, Action: "ecr-public:BatchCheckLayerAvailability", Resource: "arn:aws:ecr-public::111122223333:repository/app"}, want: ExplicitDeny},
		{name: "RCPs do not apply to calls made by a service-linked role (AWS Organizations, RCPs)", p: Policies{Identity: docs(t, allowStmt("s3:*", "*")), RCPs: denyAllRCP}, r: Request{Principal: slr, Action: "s3:GetObject", Resource: "arn:aws:s3:::bucket/object"}, want: Allowed},
		{name: "RCPs do not affect a service assuming its service-linked role (AWS Organizations, RCPs)", p: Policies{Resource: trust, RCPs: denyAllRCP}, r: Request{Principal: "cks.kms.amazonaws.com", Action: "sts:AssumeRole", Resource: slr}, want: Allowed},
		{name: "RCPs still govern assuming an ordinary role (AWS Organizations, RCPs)", p: Policies{Resource: doc(t, `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"cks.kms.amazonaws.com"},"Action":"sts:AssumeRole"}]}`), RCPs: denyAllRCP}, r: Request{Principal: "cks.kms.amazonaws.com", Action: "sts:AssumeRole", Resource: roleARN}, want: ExplicitDeny},
		{name: "RCPs apply only to resources an operation authorizes, not to Resource \"*\" (AWS Organizations, RCPs)", p: Policies{Identity: docs(t, allowStmt("kms:*", "*")), RCPs: levels(t, []string{resPolicy("Deny", `"*"`, "kms:*")})}, r: Request{Principal: alice, Action: "kms:CreateKey", Resource: "*"}, want: Allowed},
		{name: "a web identity provider that is an AWS host matches Federated (aws-rules A.4)", p: Policies{Resource: doc(t, `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Federated":"cognito-identity.amazonaws.com"},"Action":"sts:AssumeRoleWithWebIdentity"}]}`)}, r: Request{Principal: "cognito-identity.amazonaws.com", Action: "sts:AssumeRoleWithWebIdentity", Resource: "arn:aws:iam::111122223333:role/Deployer"}, want: Allowed},
		{name: "a Federated host does not match as a Service principal (aws-rules A.4)", p: Policies{Resource: doc(t, `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"cognito-identity.amazonaws.com"},"Action":"sts:AssumeRoleWithWebIdentity"}]}`)}, r: Request{Principal: "accounts.google.com", Action: "sts:AssumeRoleWithWebIdentity", Resource: "arn:aws:iam::111122223333:role/Deployer"}, want: ImplicitDeny},
		{name: "a KMS operation without cross-account use is refused on another account's key (aws-rules C.4, E.2)", p: Policies{Identity: docs(t, allowStmt("kms:*", "*")), Resource: foreignKeyPolicy}, r: Request{Principal: alice, Action: "kms:PutKeyPolicy", Resource: foreignKey}, want: ImplicitDeny},
		{name: "key deletion cannot be scheduled from another account (aws-rules C.4, E.2)", p: Policies{Identity: docs(t, allowStmt("kms:*", "*")), Resource: foreignKeyPolicy}, r: Request{Principal: alice, Action: "kms:ScheduleKeyDeletion", Resource: foreignKey}, want: ImplicitDeny},
		{name: "a cryptographic operation works on another account's key (aws-rules C.4, E.2)", p: Policies{Identity: docs(t, allowStmt("kms:*", "*")), Resource: foreignKeyPolicy}, r: Request{Principal: alice, Action: "kms:GenerateDataKeyWithoutPlaintext", Resource: foreignKey}, want: Allowed},
		{name: "an explicit Deny still wins on another account's key (aws-rules C.1)", p: Policies{Identity: docs(t, allowStmt("kms:*", "*"), denyStmt("kms:Put*", "*")), Resource: foreignKeyPolicy}, r: Request{Principal: alice, Action: "kms:PutKeyPolicy", Resource: foreignKey}, want: ExplicitDeny},
	})
}
