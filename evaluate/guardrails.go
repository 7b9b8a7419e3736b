package evaluate

import (
	"github.com/cksiam/cksiam/internal/ascii"
	"strings"
)

// slrPath starts the resource part of every service-linked role's ARN
// (aws-rules G.3).
const slrPath = "role/aws-service-role/"

// slrNamePrefix starts the name of AWS's service-linked roles. A role
// session ARN carries no path, so a session is recognised as one of a
// service-linked role by its role name.
const slrNamePrefix = "AWSServiceRoleFor"

// isServiceLinkedRole reports whether the caller is a service-linked role
// or a session of one. A role is one when its ARN's resource part (after
// the fifth colon) starts with role/aws-service-role/, that is when its
// path starts with /aws-service-role/ (IAM paths may hold colons, so the
// text appearing elsewhere in the ARN proves nothing). A session ARN
// carries no path, so a session is taken for one of a service-linked role
// when its role name starts with AWSServiceRoleFor, as AWS names them.
func (c *caller) isServiceLinkedRole() bool {
	switch c.kind {
	case callerRole:
		_, _, _, res, ok := principalParts(c.raw)
		return ok && strings.HasPrefix(res, slrPath)
	case callerSession:
		return strings.HasPrefix(c.name, slrNamePrefix)
	}
	return false
}

// scpsApply reports whether SCPs govern the caller, and if not why. SCPs
// restrict IAM users and roles of member accounts; they do not apply to
// service principals, and "SCPs do not affect any service-linked role"
// (AWS Organizations, SCPs page; aws-rules C.7).
func (s *state) scpsApply() (bool, string) {
	switch {
	case !s.caller.hasIdentity():
		return false, "SCPs do not apply to service principals"
	case s.caller.isServiceLinkedRole():
		return false, "SCPs do not affect service-linked roles (a session is taken for one when its role name starts with AWSServiceRoleFor)"
	}
	return true, ""
}

// rcpsApply reports whether RCPs govern the request, and if not why
// (AWS Organizations, RCPs page: supported services, and "Resources and
// entities not restricted by RCPs"; aws-rules C.4, C.7).
func (s *state) rcpsApply() (bool, string) {
	switch {
	case !rcpServices[s.actionService]:
		return false, "RCPs do not govern this action's service"
	case s.actionService == "kms" && ascii.EqualFold(s.actionName, "RetireGrant"):
		return false, "kms:RetireGrant is not effective in an RCP"
	case s.resource == "*":
		return false, "RCPs apply to the resources an operation authorizes, and this request names none"
	case s.caller.isServiceLinkedRole():
		return false, "RCPs do not apply to calls made by service-linked roles"
	case s.trustRequest && s.slrTarget && s.caller.kind == callerService:
		return false, "RCPs do not affect a service assuming its service-linked role"
	}
	return true, ""
}

// rcpServices are the service prefixes whose resources RCPs govern, from
// the AWS Organizations page "List of AWS services that support RCPs"
// (docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_rcps.html,
// as read in 2026-09). For other services RCPs have no effect.
var rcpServices = map[string]bool{
	"appstream": true, "dsql": true, "clouddirectory": true, "cloudfront": true, "cloudsearch": true,
	"logs": true, "networkmonitor": true, "cognito-identity": true, "cognito-idp": true, "comprehend": true,
	"comprehendmedical": true, "firehose": true, "dynamodb": true, "dax": true, "autoscaling": true,
	"ecr": true, "ecr-public": true, "gamelift": true, "inspector-scan": true, "kendra": true,
	"kinesisvideo": true, "memorydb": true, "aoss": true, "personalize": true, "polly": true,
	"s3": true, "swf": true, "sqs": true, "textract": true, "timestream-influxdb": true,
	"transcribe": true, "translate": true, "workspaces": true, "appconfig": true, "autoscaling-plans": true,
	"budgets": true, "servicediscovery": true, "cloudtrail-data": true, "codeartifact": true, "codebuild": true,
	"codecommit": true, "codepipeline": true, "compute-optimizer": true, "cost-optimization-hub": true, "events": true,
	"fms": true, "fis": true, "health": true, "rolesanywhere": true, "kms": true,
	"opensearch": true, "pricing": true, "pca-connector-ad": true, "resource-groups": true, "secretsmanager": true,
	"sts": true, "signin": true, "support": true, "transfer": true, "notifications": true,
	"wafv2": true, "xray": true,
}
