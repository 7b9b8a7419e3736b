package simulator_test

import "strings"

// AWS documentation pages and principals the cases of aws_rules_test.go
// cite; the same names as evaluate's decision-table tests.
const (
	srcSCPs = "https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps.html"

	rootB   = "arn:aws:iam::444455556666:root"
	userA   = "arn:aws:iam::111122223333:user/alice"
	slrA    = "arn:aws:iam::111122223333:role/aws-service-role/cks.kms.amazonaws.com/AWSServiceRoleForKeyManagementServiceCustomKeyStores"
	keyA    = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
	objA    = "arn:aws:s3:::bucket/object"
	targetA = "arn:aws:iam::111122223333:role/Deployer"

	allowAllDoc = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}`
)

var (
	allowS3     = pdoc(allowS("s3:*", "*"))
	allowKMS    = pdoc(allowS("kms:*", "*"))
	allowEC2    = pdoc(allowS("ec2:*", "*"))
	allowAssume = pdoc(allowS("sts:AssumeRole", "*"))
)

// pdoc is a 2012-10-17 policy of the given statements.
func pdoc(stmts ...string) string {
	return `{"Version":"2012-10-17","Statement":[` + strings.Join(stmts, ",") + `]}`
}

// stmt is a statement of the given JSON members.
func stmt(members ...string) string { return "{" + strings.Join(members, ",") + "}" }

func q(s string) string { return `"` + s + `"` }

// allowS and denyS are identity-style statements; more holds extra members
// such as cond(...).
func allowS(action, resource string, more ...string) string {
	return stmt(append([]string{`"Effect":"Allow"`, `"Action":` + q(action), `"Resource":` + q(resource)}, more...)...)
}

func denyS(action, resource string, more ...string) string {
	return stmt(append([]string{`"Effect":"Deny"`, `"Action":` + q(action), `"Resource":` + q(resource)}, more...)...)
}

// grantS is a resource-policy statement: effect, Principal (JSON), action,
// Resource "*".
func grantS(effect, principal, action string, more ...string) string {
	return stmt(append([]string{`"Effect":` + q(effect), `"Principal":` + principal, `"Action":` + q(action), `"Resource":"*"`}, more...)...)
}

func cond(object string) string { return `"Condition":` + object }

func awsP(ids ...string) string {
	return `{"AWS":["` + strings.Join(ids, `","`) + `"]}`
}
