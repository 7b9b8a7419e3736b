package evaluate_test

// An independent audit of the engine against AWS's documented rules. Every
// case names the AWS page (or the section of the project's facts file,
// shared/reference/iam-kms-facts.md, "facts X.n") that decides it. The
// cases are written from the documentation, not from the engine: where the
// engine and AWS disagree, the case sits in knownEngineBugs (run with
// CKSIAM_AUDIT_BUGS=1) until the engine is fixed.

import (
	"context"
	"math/rand/v2"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/iam/types"
	"github.com/stretchr/testify/require"

	"github.com/cksiam/cksiam/evaluate"
	"github.com/cksiam/cksiam/policy"
)

// AWS documentation pages the cases cite.
const (
	iamUG          = "https://docs.aws.amazon.com/IAM/latest/UserGuide/"
	srcOperators   = iamUG + "reference_policies_elements_condition_operators.html"
	srcCondition   = iamUG + "reference_policies_elements_condition.html"
	srcMultiKeys   = iamUG + "reference_policies_condition-single-vs-multi-valued-context-keys.html"
	srcMultiEx     = iamUG + "reference_policies_condition_examples-multi-valued-context-keys.html"
	srcLogic       = iamUG + "reference_policies_condition-logic-multiple-context-keys-or-values.html"
	srcVariables   = iamUG + "reference_policies_variables.html"
	srcVersion     = iamUG + "reference_policies_elements_version.html"
	srcAction      = iamUG + "reference_policies_elements_action.html"
	srcNotAction   = iamUG + "reference_policies_elements_notaction.html"
	srcResource    = iamUG + "reference_policies_elements_resource.html"
	srcNotResource = iamUG + "reference_policies_elements_notresource.html"
	srcPrincipal   = iamUG + "reference_policies_elements_principal.html"
	srcNotPrin     = iamUG + "reference_policies_elements_notprincipal.html"
	srcEvalLogic   = iamUG + "reference_policies_evaluation-logic.html"
	srcDenyAllow   = iamUG + "reference_policies_evaluation-logic_policy-eval-denyallow.html"
	srcCrossAcct   = iamUG + "reference_policies_evaluation-logic-cross-account.html"
	srcBoundaries  = iamUG + "access_policies_boundaries.html"
	srcRoleTerms   = iamUG + "id_roles_terms-and-concepts.html"
	srcGlobalKeys  = iamUG + "reference_policies_condition-keys.html"
	kmsDG          = "https://docs.aws.amazon.com/kms/latest/developerguide/"
	srcKeyPolicies = kmsDG + "key-policies.html"
	srcKeyDefault  = kmsDG + "key-policy-default.html"
	srcKMSCross    = kmsDG + "key-policy-modifying-external-accounts.html"
	srcKMSConds    = kmsDG + "conditions-kms.html"
	srcKMSRCP      = kmsDG + "resource-control-policies.html"
	orgsUG         = "https://docs.aws.amazon.com/organizations/latest/userguide/"
	srcSCPs        = orgsUG + "orgs_manage_policies_scps.html"
	srcSCPEval     = orgsUG + "orgs_manage_policies_scps_evaluation.html"
	srcRCPs        = orgsUG + "orgs_manage_policies_rcps.html"
	srcRCPEval     = orgsUG + "orgs_manage_policies_rcps_evaluation.html"
	srcContract    = "issue contract and package doc: fail closed, an error is never Allowed"
)

// Principals and resources of the cases. Account A (111122223333) owns the
// resources unless a case says otherwise; account B (444455556666) is
// another account.
const (
	acctA    = "111122223333"
	acctB    = "444455556666"
	rootA    = "arn:aws:iam::111122223333:root"
	rootB    = "arn:aws:iam::444455556666:root"
	userA    = "arn:aws:iam::111122223333:user/alice"
	user2A   = "arn:aws:iam::111122223333:user/bob"
	roleA    = "arn:aws:iam::111122223333:role/Admin"
	sessA    = "arn:aws:sts::111122223333:assumed-role/Admin/alice"
	sess2A   = "arn:aws:sts::111122223333:assumed-role/Admin/mallory"
	fedA     = "arn:aws:sts::111122223333:federated-user/carol"
	userB    = "arn:aws:iam::444455556666:user/bob"
	sessB    = "arn:aws:sts::444455556666:assumed-role/Ops/bob"
	slrA     = "arn:aws:iam::111122223333:role/aws-service-role/cks.kms.amazonaws.com/AWSServiceRoleForKeyManagementServiceCustomKeyStores"
	cksSvc   = "cks.kms.amazonaws.com"
	keyA     = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
	keyB     = "arn:aws:kms:us-east-1:444455556666:key/0987dcba-09fe-87dc-65ba-ab0987654321"
	objA     = "arn:aws:s3:::bucket/object"
	targetA  = "arn:aws:iam::111122223333:role/Deployer"
	targetB  = "arn:aws:iam::444455556666:role/Deployer"
	eventBus = "arn:aws:events:us-east-1:111122223333:event-bus/default"
)

// --- policy text builders ---------------------------------------------------

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

// trustS is a trust-policy statement (no Resource element, facts A.1).
func trustS(principal, action string, more ...string) string {
	return stmt(append([]string{`"Effect":"Allow"`, `"Principal":` + principal, `"Action":` + q(action)}, more...)...)
}

func cond(object string) string { return `"Condition":` + object }

func awsP(ids ...string) string {
	return `{"AWS":["` + strings.Join(ids, `","`) + `"]}`
}

func svcP(name string) string { return `{"Service":"` + name + `"}` }

const allowAllDoc = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}`

// --- cases ------------------------------------------------------------------

// pset names the policies of a case as JSON text.
type pset struct {
	id         []string
	boundary   string
	session    string
	resource   string
	scps, rcps [][]string
}

func parseDoc(t *testing.T, text string) *policy.Document {
	t.Helper()
	d, err := policy.Parse([]byte(text))
	require.NoError(t, err, "test policy does not parse:\n%s", text)
	return d
}

func (ps pset) build(t *testing.T) evaluate.Policies {
	t.Helper()
	var p evaluate.Policies
	for _, s := range ps.id {
		p.Identity = append(p.Identity, parseDoc(t, s))
	}
	if ps.boundary != "" {
		p.Boundary = parseDoc(t, ps.boundary)
	}
	if ps.session != "" {
		p.Session = parseDoc(t, ps.session)
	}
	if ps.resource != "" {
		p.Resource = parseDoc(t, ps.resource)
	}
	levels := func(lv [][]string) [][]*policy.Document {
		out := make([][]*policy.Document, len(lv))
		for i, texts := range lv {
			out[i] = []*policy.Document{}
			for _, s := range texts {
				out[i] = append(out[i], parseDoc(t, s))
			}
		}
		return out
	}
	p.SCPs, p.RCPs = levels(ps.scps), levels(ps.rcps)
	return p
}

// rule is one request, the policies that take part, and AWS's answer.
type rule struct {
	name string // a sentence saying the rule
	src  string // the AWS page or facts section that decides it
	p    pset
	r    evaluate.Request
	want evaluate.Decision
	// err: the request or the policies are invalid; Evaluate, Compile or
	// Decide must report an error and the decision must not be Allowed.
	err bool
}

func checkRule(t *testing.T, tc rule) {
	t.Helper()
	p := tc.p.build(t)
	res, err := evaluate.Evaluate(p, tc.r)
	if tc.err {
		require.Error(t, err, "%s (%s)", tc.name, tc.src)
		require.NotEqual(t, evaluate.Allowed, res.Decision, "an error must never be Allowed")
		if ev, cerr := evaluate.Compile(p); cerr == nil {
			d, derr := ev.Decide(tc.r)
			require.Error(t, derr)
			require.NotEqual(t, evaluate.Allowed, d, "an error must never be Allowed")
		}
		return
	}
	require.NoError(t, err, "source: %s", tc.src)
	require.Equal(t, tc.want, res.Decision, "source: %s\nreason: %s\ndiagnostics: %v", tc.src, res.Reason, res.Diagnostics)
	ev, err := evaluate.Compile(p)
	require.NoError(t, err)
	d, err := ev.Decide(tc.r)
	require.NoError(t, err)
	require.Equal(t, tc.want, d, "Decide disagrees with Evaluate")
}

// condWant is the truth of a Condition element for a request.
type condWant int

const (
	isTrue    condWant = iota + 1 // the condition holds
	isFalse                       // the condition does not hold
	failClose                     // the condition cannot be evaluated: an Allow does not apply, a Deny does
)

// condRule is one Condition element against one request context. It is
// checked twice: as the condition of the only Allow (Allowed iff it holds)
// and as the condition of a Deny next to an Allow of everything
// (ExplicitDeny iff it holds or cannot be evaluated).
type condRule struct {
	name    string
	src     string
	cond    string // the JSON object of the Condition element
	ctx     evaluate.Context
	want    condWant
	version string // Version of the policies; "" means 2012-10-17
	caller  string // Request.Principal; "" means userA
	action  string // "" means s3:GetObject
}

func (c condRule) request() evaluate.Request {
	r := evaluate.Request{Principal: c.caller, Action: c.action, Resource: objA, Context: c.ctx}
	if r.Principal == "" {
		r.Principal = userA
	}
	if r.Action == "" {
		r.Action = "s3:GetObject"
	} else {
		r.Resource = "*"
	}
	return r
}

func (c condRule) doc(effect string) string {
	v := c.version
	if v == "" {
		v = "2012-10-17"
	}
	return `{"Version":"` + v + `","Statement":[{"Effect":"` + effect + `","Action":"*","Resource":"*","Condition":` + c.cond + `}]}`
}

func checkCond(t *testing.T, c condRule) {
	t.Helper()
	allowWant := evaluate.ImplicitDeny
	if c.want == isTrue {
		allowWant = evaluate.Allowed
	}
	checkRule(t, rule{name: c.name, src: c.src, p: pset{id: []string{c.doc("Allow")}}, r: c.request(), want: allowWant})
	denyWant := evaluate.ExplicitDeny
	if c.want == isFalse {
		denyWant = evaluate.Allowed
	}
	checkRule(t, rule{name: c.name, src: c.src, p: pset{id: []string{allowAllDoc, c.doc("Deny")}}, r: c.request(), want: denyWant})
}

func ctx(kv ...string) evaluate.Context {
	c := evaluate.Context{}
	for i := 0; i+1 < len(kv); i += 2 {
		c[kv[i]] = append(c[kv[i]], kv[i+1])
	}
	return c
}

// --- condition operators -----------------------------------------------------

var conditionRules = []condRule{
	// Missing keys, every family (facts B.2; operators page, "Important" box).
	{name: "StringEquals on a missing key is false", src: srcOperators + " (facts B.2)", cond: `{"StringEquals":{"aws:PrincipalTag/team":"blue"}}`, want: isFalse},
	{name: "StringNotEquals on a missing key is true", src: srcOperators + " (facts B.2)", cond: `{"StringNotEquals":{"aws:PrincipalTag/team":"blue"}}`, want: isTrue},
	{name: "StringLike on a missing key is false", src: srcOperators + " (facts B.2)", cond: `{"StringLike":{"aws:PrincipalTag/team":"*"}}`, want: isFalse},
	{name: "StringNotLike on a missing key is true", src: srcOperators + " (facts B.2)", cond: `{"StringNotLike":{"aws:PrincipalTag/team":"b*"}}`, want: isTrue},
	{name: "StringEqualsIgnoreCase on a missing key is false", src: srcOperators + " (facts B.2)", cond: `{"StringEqualsIgnoreCase":{"aws:PrincipalTag/team":"blue"}}`, want: isFalse},
	{name: "StringNotEqualsIgnoreCase on a missing key is true", src: srcOperators + " (facts B.2)", cond: `{"StringNotEqualsIgnoreCase":{"aws:PrincipalTag/team":"blue"}}`, want: isTrue},
	{name: "NumericLessThan on a missing key is false", src: srcOperators + " (facts B.2)", cond: `{"NumericLessThan":{"s3:max-keys":"10"}}`, want: isFalse},
	{name: "NumericNotEquals on a missing key is true", src: srcOperators + " (facts B.2)", cond: `{"NumericNotEquals":{"s3:max-keys":"10"}}`, want: isTrue},
	{name: "DateGreaterThan on a missing key is false", src: srcOperators + " (facts B.2)", cond: `{"DateGreaterThan":{"aws:CurrentTime":"2020-01-01T00:00:00Z"}}`, want: isFalse},
	{name: "DateNotEquals on a missing key is true", src: srcOperators + " (facts B.2)", cond: `{"DateNotEquals":{"aws:CurrentTime":"2020-01-01T00:00:00Z"}}`, want: isTrue},
	{name: "Bool on a missing key is false", src: srcOperators + " (facts B.2)", cond: `{"Bool":{"aws:MultiFactorAuthPresent":"true"}}`, want: isFalse},
	{name: "BinaryEquals on a missing key is false", src: srcOperators + " (facts B.2)", cond: `{"BinaryEquals":{"aws:ExampleBinary":"QmluYXJ5VmFsdWU="}}`, want: isFalse},
	{name: "IpAddress on a missing key is false", src: srcOperators + " (facts B.2)", cond: `{"IpAddress":{"aws:SourceIp":"203.0.113.0/24"}}`, want: isFalse},
	{name: "NotIpAddress on a missing key is true", src: srcOperators + " (facts B.2)", cond: `{"NotIpAddress":{"aws:SourceIp":"203.0.113.0/24"}}`, want: isTrue},
	{name: "ArnLike on a missing key is false", src: srcOperators + " (facts B.2)", cond: `{"ArnLike":{"aws:SourceArn":"arn:aws:sns:*:*:topic"}}`, want: isFalse},
	{name: "ArnNotEquals on a missing key is true", src: srcOperators + " (facts B.2)", cond: `{"ArnNotEquals":{"aws:SourceArn":"arn:aws:sns:us-east-1:111122223333:topic"}}`, want: isTrue},
	{name: "ArnNotLike on a missing key is true", src: srcOperators + " (facts B.2)", cond: `{"ArnNotLike":{"aws:SourceArn":"arn:aws:sns:*:*:topic"}}`, want: isTrue},

	// ...IfExists (facts B.8).
	{name: "StringEqualsIfExists on a missing key is true", src: srcOperators + "#Conditions_IfExists (facts B.8)", cond: `{"StringEqualsIfExists":{"aws:PrincipalTag/team":"blue"}}`, want: isTrue},
	{name: "StringEqualsIfExists on a present key compares normally", src: srcOperators + "#Conditions_IfExists (facts B.8)", cond: `{"StringEqualsIfExists":{"aws:PrincipalTag/team":"blue"}}`, ctx: ctx("aws:PrincipalTag/team", "red"), want: isFalse},
	{name: "NumericLessThanIfExists on a missing key is true", src: srcOperators + "#Conditions_IfExists (facts B.8)", cond: `{"NumericLessThanIfExists":{"s3:max-keys":"10"}}`, want: isTrue},
	{name: "BoolIfExists on a missing key is true", src: srcOperators + "#Conditions_IfExists (facts B.8)", cond: `{"BoolIfExists":{"aws:MultiFactorAuthPresent":"false"}}`, want: isTrue},
	{name: "a negated IfExists operator on a missing key is true, so a Deny with it applies", src: srcOperators + "#Conditions_IfExists (facts B.2 warning)", cond: `{"StringNotEqualsIfExists":{"aws:PrincipalTag/team":"blue"}}`, want: isTrue},
	{name: "IpAddressIfExists on a present address outside the range is false", src: srcOperators + "#Conditions_IfExists (facts B.8)", cond: `{"IpAddressIfExists":{"aws:SourceIp":"203.0.113.0/24"}}`, ctx: ctx("aws:SourceIp", "198.51.100.7"), want: isFalse},

	// Null (facts B.9).
	{name: "Null true holds when the key is absent", src: srcOperators + "#Conditions_Null (facts B.9)", cond: `{"Null":{"aws:TokenIssueTime":"true"}}`, want: isTrue},
	{name: "Null true fails when the key is present", src: srcOperators + "#Conditions_Null (facts B.9)", cond: `{"Null":{"aws:TokenIssueTime":"true"}}`, ctx: ctx("aws:TokenIssueTime", "2024-01-01T00:00:00Z"), want: isFalse},
	{name: "Null false holds when the key is present", src: srcOperators + "#Conditions_Null (facts B.9)", cond: `{"Null":{"aws:TokenIssueTime":"false"}}`, ctx: ctx("aws:TokenIssueTime", "2024-01-01T00:00:00Z"), want: isTrue},
	{name: "Null false fails when the key is absent", src: srcOperators + "#Conditions_Null (facts B.9)", cond: `{"Null":{"aws:TokenIssueTime":"false"}}`, want: isFalse},
	{name: "Null takes the JSON boolean true", src: srcOperators + "#Conditions_Null (facts B.6, B.9)", cond: `{"Null":{"aws:TokenIssueTime":true}}`, want: isTrue},
	{name: "a context key given with no values counts as absent for Null", src: "facts H.3 (empty context values are ignored)", cond: `{"Null":{"aws:TokenIssueTime":"true"}}`, ctx: evaluate.Context{"aws:TokenIssueTime": {}}, want: isTrue},

	// Set operators (facts B.10; multivalued-keys pages).
	{name: "ForAllValues on a missing key is true", src: srcMultiKeys + " (facts B.10)", cond: `{"ForAllValues:StringEquals":{"aws:TagKeys":["env","team"]}}`, want: isTrue},
	{name: "ForAnyValue on a missing key is false", src: srcMultiKeys + " (facts B.10)", cond: `{"ForAnyValue:StringEquals":{"aws:TagKeys":["env","team"]}}`, want: isFalse},
	{name: "ForAllValues on a key with an empty value list is true", src: srcMultiKeys + " (facts B.10)", cond: `{"ForAllValues:StringEquals":{"aws:TagKeys":["env"]}}`, ctx: evaluate.Context{"aws:TagKeys": {}}, want: isTrue},
	{name: "ForAnyValue on a key with an empty value list is false", src: srcMultiKeys + " (facts B.10)", cond: `{"ForAnyValue:StringEquals":{"aws:TagKeys":["env"]}}`, ctx: evaluate.Context{"aws:TagKeys": {}}, want: isFalse},
	{name: "ForAllValues holds when every request value is among the policy values", src: srcMultiKeys + " (facts B.10)", cond: `{"ForAllValues:StringEquals":{"aws:TagKeys":["env","team","cost"]}}`, ctx: ctx("aws:TagKeys", "env", "aws:TagKeys", "team"), want: isTrue},
	{name: "ForAllValues fails when one request value is not among the policy values", src: srcMultiKeys + " (facts B.10)", cond: `{"ForAllValues:StringEquals":{"aws:TagKeys":["env","team"]}}`, ctx: ctx("aws:TagKeys", "env", "aws:TagKeys", "owner"), want: isFalse},
	{name: "ForAnyValue holds when one request value is among the policy values", src: srcMultiKeys + " (facts B.10)", cond: `{"ForAnyValue:StringEquals":{"aws:TagKeys":["env","team"]}}`, ctx: ctx("aws:TagKeys", "owner", "aws:TagKeys", "team"), want: isTrue},
	{name: "ForAnyValue fails when no request value is among the policy values", src: srcMultiKeys + " (facts B.10)", cond: `{"ForAnyValue:StringEquals":{"aws:TagKeys":["env","team"]}}`, ctx: ctx("aws:TagKeys", "owner", "aws:TagKeys", "cost"), want: isFalse},
	{name: "ForAllValues:StringNotLike fails when the only tag key matches the pattern", src: srcMultiEx + " (Deny with ForAllValues table)", cond: `{"ForAllValues:StringNotLike":{"aws:TagKeys":"key1*"}}`, ctx: ctx("aws:TagKeys", "key1:legal"), want: isFalse},
	{name: "ForAllValues:StringNotLike fails when every tag key matches the pattern", src: srcMultiEx + " (Deny with ForAllValues table)", cond: `{"ForAllValues:StringNotLike":{"aws:TagKeys":"key1*"}}`, ctx: ctx("aws:TagKeys", "key1:hr", "aws:TagKeys", "key1:personnel"), want: isFalse},
	{name: "ForAllValues:StringNotLike holds when the tag key does not match the pattern", src: srcMultiEx + " (Deny with ForAllValues table)", cond: `{"ForAllValues:StringNotLike":{"aws:TagKeys":"key1*"}}`, ctx: ctx("aws:TagKeys", "key2:audit"), want: isTrue},
	{name: "ForAllValues:StringNotLike holds when aws:TagKeys is absent", src: srcMultiEx + " (Deny with ForAllValues table)", cond: `{"ForAllValues:StringNotLike":{"aws:TagKeys":"key1*"}}`, want: isTrue},
	{name: "ForAllValues:StringNotLike fails when one of two tag keys matches", src: srcMultiEx + " (facts B.10: every request value must satisfy the negated operator)", cond: `{"ForAllValues:StringNotLike":{"aws:TagKeys":"key1*"}}`, ctx: ctx("aws:TagKeys", "key2:audit", "aws:TagKeys", "key1:legal"), want: isFalse},
	{name: "ForAnyValue:StringNotEquals holds when one request value differs from every policy value", src: srcMultiKeys + " (facts B.10)", cond: `{"ForAnyValue:StringNotEquals":{"aws:TagKeys":["env"]}}`, ctx: ctx("aws:TagKeys", "env", "aws:TagKeys", "team"), want: isTrue},
	{name: "ForAnyValue:StringNotEquals fails when every request value equals a policy value", src: srcMultiKeys + " (facts B.10)", cond: `{"ForAnyValue:StringNotEquals":{"aws:TagKeys":["env","team"]}}`, ctx: ctx("aws:TagKeys", "env", "aws:TagKeys", "team"), want: isFalse},
	{name: "ForAnyValue:StringNotEquals on a missing key is false", src: srcMultiKeys + " (facts B.2 table: ForAnyValue is false on a missing key)", cond: `{"ForAnyValue:StringNotEquals":{"aws:TagKeys":["env"]}}`, want: isFalse},
	{name: "ForAllValues:StringLike matches request values against wildcard policy values", src: srcMultiKeys + " (facts B.10)", cond: `{"ForAllValues:StringLike":{"aws:TagKeys":"Created*"}}`, ctx: ctx("aws:TagKeys", "CreatedBy", "aws:TagKeys", "CreatedAt"), want: isTrue},
	{name: "ForAnyValue:NumericGreaterThan compares each request value as a number", src: srcMultiKeys + " (facts B.4, B.10)", cond: `{"ForAnyValue:NumericGreaterThan":{"ec2:Attribute/Count":"5"}}`, ctx: ctx("ec2:Attribute/Count", "3", "ec2:Attribute/Count", "7.5"), want: isTrue},

	// Several values and keys (facts B.1).
	{name: "several values of one key under a positive operator are ORed", src: srcLogic + " (facts B.1)", cond: `{"StringEquals":{"aws:PrincipalTag/team":["red","blue"]}}`, ctx: ctx("aws:PrincipalTag/team", "blue"), want: isTrue},
	{name: "StringNotEquals with several values is a NOR: a request value equal to one of them fails", src: srcLogic + "#reference_policies_multiple-conditions-negated-matching-eval (facts B.1)", cond: `{"StringNotEquals":{"aws:PrincipalTag/team":["red","blue"]}}`, ctx: ctx("aws:PrincipalTag/team", "blue"), want: isFalse},
	{name: "StringNotEquals with several values holds when the request value equals none of them", src: srcLogic + "#reference_policies_multiple-conditions-negated-matching-eval (facts B.1)", cond: `{"StringNotEquals":{"aws:PrincipalTag/team":["red","blue"]}}`, ctx: ctx("aws:PrincipalTag/team", "green"), want: isTrue},
	{name: "NotIpAddress with several ranges fails when the address is in any of them", src: srcLogic + "#reference_policies_multiple-conditions-negated-matching-eval (facts B.1)", cond: `{"NotIpAddress":{"aws:SourceIp":["10.0.0.0/8","192.168.0.0/16"]}}`, ctx: ctx("aws:SourceIp", "192.168.4.4"), want: isFalse},
	{name: "NotIpAddress with several ranges holds when the address is in none of them", src: srcLogic + "#reference_policies_multiple-conditions-negated-matching-eval (facts B.1)", cond: `{"NotIpAddress":{"aws:SourceIp":["10.0.0.0/8","192.168.0.0/16"]}}`, ctx: ctx("aws:SourceIp", "203.0.113.9"), want: isTrue},
	{name: "ArnNotLike with several patterns fails when the ARN matches one", src: srcLogic + "#reference_policies_multiple-conditions-negated-matching-eval (facts B.1)", cond: `{"ArnNotLike":{"aws:PrincipalArn":["arn:aws:iam::*:role/Ops*","arn:aws:iam::*:user/alice"]}}`, want: isFalse},
	{name: "two keys under one operator are ANDed", src: srcLogic + " (facts B.1)", cond: `{"StringEquals":{"aws:PrincipalTag/team":"blue","aws:PrincipalTag/env":"prod"}}`, ctx: ctx("aws:PrincipalTag/team", "blue", "aws:PrincipalTag/env", "dev"), want: isFalse},
	{name: "two operators are ANDed", src: srcLogic + " (facts B.1)", cond: `{"StringEquals":{"aws:PrincipalTag/team":"blue"},"IpAddress":{"aws:SourceIp":"203.0.113.0/24"}}`, ctx: ctx("aws:PrincipalTag/team", "blue", "aws:SourceIp", "203.0.113.5"), want: isTrue},

	// String operators (facts B.3).
	{name: "StringEquals is case-sensitive", src: srcCondition + " (facts B.3)", cond: `{"StringEquals":{"aws:PrincipalTag/team":"Blue"}}`, ctx: ctx("aws:PrincipalTag/team", "blue"), want: isFalse},
	{name: "StringEqualsIgnoreCase ignores case", src: srcCondition + " (facts B.3)", cond: `{"StringEqualsIgnoreCase":{"aws:PrincipalTag/team":"BLUE"}}`, ctx: ctx("aws:PrincipalTag/team", "blue"), want: isTrue},
	{name: "StringEquals treats an asterisk literally", src: srcOperators + "#Conditions_String (facts B.3)", cond: `{"StringEquals":{"aws:PrincipalTag/team":"*"}}`, ctx: ctx("aws:PrincipalTag/team", "blue"), want: isFalse},
	{name: "StringLike question mark matches exactly one character", src: srcOperators + "#Conditions_String (facts B.3)", cond: `{"StringLike":{"aws:PrincipalTag/team":"bl?e"}}`, ctx: ctx("aws:PrincipalTag/team", "bluue"), want: isFalse},
	{name: "StringLike asterisk matches any run of characters", src: srcOperators + "#Conditions_String (facts B.3)", cond: `{"StringLike":{"s3:prefix":"home/*/docs"}}`, ctx: ctx("s3:prefix", "home/alice/x/docs"), want: isTrue},
	{name: "StringLike is case-sensitive", src: srcOperators + "#Conditions_String (facts B.3)", cond: `{"StringLike":{"s3:prefix":"Home/*"}}`, ctx: ctx("s3:prefix", "home/alice"), want: isFalse},
	{name: "context key names match without regard to case", src: srcCondition + " (facts A.7)", cond: `{"IpAddress":{"aws:SourceIp":"203.0.113.0/24"}}`, ctx: ctx("AWS:SOURCEIP", "203.0.113.5"), want: isTrue},
	{name: "the tag-key part of a key name matches without regard to case", src: srcCondition + " (facts A.7)", cond: `{"StringEquals":{"aws:PrincipalTag/Team":"blue"}}`, ctx: ctx("aws:principaltag/team", "blue"), want: isTrue},
	{name: "the context-key part of kms:EncryptionContext matches without regard to case", src: srcKMSConds + " (facts A.7, E.3)", cond: `{"StringEquals":{"kms:EncryptionContext:Department":"IT"}}`, ctx: ctx("kms:encryptioncontext:department", "IT"), want: isTrue},

	// Numeric (facts B.4).
	{name: "NumericLessThan compares decimals", src: srcOperators + "#Conditions_Numeric (facts B.4)", cond: `{"NumericLessThan":{"s3:max-keys":"10"}}`, ctx: ctx("s3:max-keys", "9.5"), want: isTrue},
	{name: "NumericEquals compares values, not text", src: srcOperators + "#Conditions_Numeric (facts B.4)", cond: `{"NumericEquals":{"s3:max-keys":"10.0"}}`, ctx: ctx("s3:max-keys", "10"), want: isTrue},
	{name: "NumericEquals takes a JSON number", src: srcOperators + "#Conditions_Numeric (facts B.4)", cond: `{"NumericEquals":{"s3:max-keys":10}}`, ctx: ctx("s3:max-keys", "10"), want: isTrue},
	{name: "NumericGreaterThan orders negative numbers", src: srcOperators + "#Conditions_Numeric (facts B.4)", cond: `{"NumericGreaterThan":{"s3:max-keys":"-5"}}`, ctx: ctx("s3:max-keys", "-3"), want: isTrue},
	{name: "NumericGreaterThan is false for a smaller negative number", src: srcOperators + "#Conditions_Numeric (facts B.4)", cond: `{"NumericGreaterThan":{"s3:max-keys":"-5"}}`, ctx: ctx("s3:max-keys", "-7.25"), want: isFalse},
	{name: "NumericLessThanEquals holds on equal decimals written differently", src: srcOperators + "#Conditions_Numeric (facts B.4)", cond: `{"NumericLessThanEquals":{"s3:max-keys":"0.10"}}`, ctx: ctx("s3:max-keys", "0.1"), want: isTrue},
	{name: "NumericNotEquals with several values is a NOR", src: srcLogic + " (facts B.1, B.4)", cond: `{"NumericNotEquals":{"s3:max-keys":["1","2"]}}`, ctx: ctx("s3:max-keys", "2"), want: isFalse},

	// Date (facts B.5).
	{name: "DateGreaterThan compares ISO-8601 instants", src: srcOperators + "#Conditions_Date (facts B.5)", cond: `{"DateGreaterThan":{"aws:CurrentTime":"2020-01-01T00:00:00Z"}}`, ctx: ctx("aws:CurrentTime", "2021-06-01T12:00:00Z"), want: isTrue},
	{name: "DateEquals compares an epoch-seconds policy value with an ISO-8601 request value", src: srcOperators + "#Conditions_Date (facts B.5)", cond: `{"DateEquals":{"aws:CurrentTime":"1577836800"}}`, ctx: ctx("aws:CurrentTime", "2020-01-01T00:00:00Z"), want: isTrue},
	{name: "DateLessThan honours a zone offset", src: srcOperators + "#Conditions_Date (facts B.5)", cond: `{"DateLessThan":{"aws:CurrentTime":"2020-01-01T00:00:00+01:00"}}`, ctx: ctx("aws:CurrentTime", "2019-12-31T23:30:00Z"), want: isFalse},
	{name: "DateLessThan is true just before an offset instant", src: srcOperators + "#Conditions_Date (facts B.5)", cond: `{"DateLessThan":{"aws:CurrentTime":"2020-01-01T00:00:00+01:00"}}`, ctx: ctx("aws:CurrentTime", "2019-12-31T22:59:59Z"), want: isTrue},
	{name: "DateGreaterThan compares fractional seconds", src: srcOperators + "#Conditions_Date (facts B.5)", cond: `{"DateGreaterThan":{"aws:CurrentTime":"2020-01-01T00:00:00Z"}}`, ctx: ctx("aws:CurrentTime", "2020-01-01T00:00:00.500Z"), want: isTrue},
	{name: "DateLessThan compares epoch-seconds request values with ISO-8601 policy values", src: srcOperators + "#Conditions_Date (facts B.5)", cond: `{"DateLessThan":{"aws:EpochTime":"2020-01-01T00:00:00Z"}}`, ctx: ctx("aws:EpochTime", "1577836799"), want: isTrue},
	{name: "DateEquals reads a date without a time as midnight UTC", src: srcOperators + "#Conditions_Date (W3C ISO-8601 profile, complete date; facts B.5)", cond: `{"DateEquals":{"aws:CurrentTime":"2020-01-01"}}`, ctx: ctx("aws:CurrentTime", "2020-01-01T00:00:00Z"), want: isTrue},
	{name: "DateLessThanIfExists on a missing key is true", src: srcOperators + "#Conditions_IfExists (facts B.8)", cond: `{"DateLessThanIfExists":{"aws:CurrentTime":"2020-01-01T00:00:00Z"}}`, want: isTrue},

	// Bool, Binary (facts B.6).
	{name: "Bool takes the JSON boolean true", src: srcOperators + "#Conditions_Boolean (facts B.6)", cond: `{"Bool":{"aws:SecureTransport":true}}`, ctx: ctx("aws:SecureTransport", "true"), want: isTrue},
	{name: "Bool with true fails on a false request value", src: srcOperators + "#Conditions_Boolean (facts B.6)", cond: `{"Bool":{"aws:SecureTransport":"true"}}`, ctx: ctx("aws:SecureTransport", "false"), want: isFalse},
	{name: "Bool with the JSON boolean false holds on a false request value", src: srcOperators + "#Conditions_Boolean (facts B.6)", cond: `{"Bool":{"aws:SecureTransport":false}}`, ctx: ctx("aws:SecureTransport", "false"), want: isTrue},
	{name: "BinaryEquals compares the base64 text", src: srcOperators + "#Conditions_BinaryEquals (facts B.6)", cond: `{"BinaryEquals":{"aws:ExampleBinary":"QmluYXJ5VmFsdWU="}}`, ctx: ctx("aws:ExampleBinary", "QmluYXJ5VmFsdWU="), want: isTrue},

	// IP (facts B.6).
	{name: "IpAddress holds for an address in the CIDR", src: srcOperators + "#Conditions_IPAddress (facts B.6)", cond: `{"IpAddress":{"aws:SourceIp":"203.0.113.0/24"}}`, ctx: ctx("aws:SourceIp", "203.0.113.7"), want: isTrue},
	{name: "IpAddress fails for an address outside the CIDR", src: srcOperators + "#Conditions_IPAddress (facts B.6)", cond: `{"IpAddress":{"aws:SourceIp":"203.0.113.0/24"}}`, ctx: ctx("aws:SourceIp", "203.0.114.7"), want: isFalse},
	{name: "an IPv4 address without a prefix is a /32", src: srcOperators + "#Conditions_IPAddress (facts B.6)", cond: `{"IpAddress":{"aws:SourceIp":"203.0.113.7"}}`, ctx: ctx("aws:SourceIp", "203.0.113.8"), want: isFalse},
	{name: "IpAddress matches IPv6 ranges whatever the hex case", src: srcOperators + "#Conditions_IPAddress (facts B.6)", cond: `{"IpAddress":{"aws:SourceIp":"2001:DB8:1234:5678::/64"}}`, ctx: ctx("aws:SourceIp", "2001:db8:1234:5678::1"), want: isTrue},
	{name: "IpAddress fails for an IPv6 address outside the range", src: srcOperators + "#Conditions_IPAddress (facts B.6)", cond: `{"IpAddress":{"aws:SourceIp":"2001:DB8:1234:5678::/64"}}`, ctx: ctx("aws:SourceIp", "2001:db8:1234:5679::1"), want: isFalse},
	{name: "an IPv4 range does not hold an IPv6 address", src: srcOperators + "#Conditions_IPAddress (facts B.6)", cond: `{"IpAddress":{"aws:SourceIp":"0.0.0.0/0"}}`, ctx: ctx("aws:SourceIp", "2001:db8::1"), want: isFalse},

	// ARN operators (facts B.7).
	{name: "StringLike lets a wildcard cross colons in an ARN value", src: srcOperators + "#Conditions_ARN (facts B.7 example)", cond: `{"StringLike":{"aws:SourceArn":"arn:aws:someservice:*:111122223333:finance/*"}}`, ctx: ctx("aws:SourceArn", "arn:aws:someservice:us-east-2:999999999999:store/abc:111122223333:finance/document.txt"), want: isTrue},
	{name: "ArnLike matches the six ARN parts separately, so a wildcard does not cross a colon", src: srcOperators + "#Conditions_ARN (facts B.7 example)", cond: `{"ArnLike":{"aws:SourceArn":"arn:aws:someservice:*:111122223333:finance/*"}}`, ctx: ctx("aws:SourceArn", "arn:aws:someservice:us-east-2:999999999999:store/abc:111122223333:finance/document.txt"), want: isFalse},
	{name: "ArnLike lets a wildcard cross slashes inside the resource part", src: srcOperators + "#Conditions_ARN (facts B.7)", cond: `{"ArnLike":{"aws:SourceArn":"arn:aws:iam::*:role/*"}}`, ctx: ctx("aws:SourceArn", "arn:aws:iam::111122223333:role/team/Deployer"), want: isTrue},
	{name: "ArnEquals honours wildcards like ArnLike", src: srcOperators + "#Conditions_ARN (facts B.7)", cond: `{"ArnEquals":{"aws:SourceArn":"arn:aws:sns:*:111122223333:topic-?"}}`, ctx: ctx("aws:SourceArn", "arn:aws:sns:us-east-1:111122223333:topic-a"), want: isTrue},
	{name: "ArnLike keeps the colons after the fifth inside the resource part", src: srcOperators + "#Conditions_ARN (facts B.7)", cond: `{"ArnLike":{"aws:SourceArn":"arn:aws:logs:*:*:log-group:app:*"}}`, ctx: ctx("aws:SourceArn", "arn:aws:logs:us-east-1:111122223333:log-group:app:log-stream:s1"), want: isTrue},
	{name: "ArnLike is case-sensitive", src: srcOperators + "#Conditions_ARN (facts B.7)", cond: `{"ArnLike":{"aws:SourceArn":"arn:aws:iam::111122223333:role/admin"}}`, ctx: ctx("aws:SourceArn", "arn:aws:iam::111122223333:role/Admin"), want: isFalse},

	// Policy variables in conditions (facts A.8).
	{name: "a condition value substitutes aws:username", src: srcVariables + " (facts A.8)", cond: `{"StringEquals":{"s3:prefix":"home/${aws:username}"}}`, ctx: ctx("s3:prefix", "home/alice"), want: isTrue},
	{name: "a variable's key name matches without regard to case", src: srcVariables + " (facts A.8)", cond: `{"StringEquals":{"s3:prefix":"home/${AWS:UserName}"}}`, ctx: ctx("s3:prefix", "home/alice"), want: isTrue},
	{name: "StringLike with a variable keeps the wildcards around it", src: srcVariables + " (facts A.8)", cond: `{"StringLike":{"s3:prefix":"home/${aws:username}/*"}}`, ctx: ctx("s3:prefix", "home/alice/docs/a"), want: isTrue},
	{name: "a variable with no value makes StringEquals false", src: srcVariables + " (facts A.8)", cond: `{"StringEquals":{"s3:prefix":"home/${aws:username}"}}`, ctx: ctx("s3:prefix", "home/"), caller: sessA, want: isFalse},
	{name: "a variable with no value makes StringNotEquals true", src: srcVariables + " (facts A.8)", cond: `{"StringNotEquals":{"s3:prefix":"home/${aws:username}"}}`, ctx: ctx("s3:prefix", "home/"), caller: sessA, want: isTrue},
	{name: "a variable's default applies when the key is absent", src: srcVariables + " (facts A.8)", cond: `{"StringEquals":{"s3:prefix":"${aws:PrincipalTag/team, 'company-wide'}"}}`, ctx: ctx("s3:prefix", "company-wide"), want: isTrue},
	{name: "a variable's default is not used when the key has a value", src: srcVariables + " (facts A.8)", cond: `{"StringEquals":{"s3:prefix":"${aws:PrincipalTag/team, 'company-wide'}"}}`, ctx: ctx("s3:prefix", "company-wide", "aws:PrincipalTag/team", "blue"), want: isFalse},
	{name: "the escape ${*} is a literal asterisk in StringLike", src: srcVariables + " (facts A.8)", cond: `{"StringLike":{"s3:prefix":"a${*}b"}}`, ctx: ctx("s3:prefix", "axb"), want: isFalse},
	{name: "the escape ${*} matches a literal asterisk", src: srcVariables + " (facts A.8)", cond: `{"StringLike":{"s3:prefix":"a${*}b"}}`, ctx: ctx("s3:prefix", "a*b"), want: isTrue},
	{name: "the escape ${?} is a literal question mark in StringLike", src: srcVariables + " (facts A.8)", cond: `{"StringLike":{"s3:prefix":"a${?}b"}}`, ctx: ctx("s3:prefix", "axb"), want: isFalse},
	{name: "the escape ${*} stands for a literal asterisk in StringEquals too", src: srcVariables + "#policy-vars-specialchars (facts A.8)", cond: `{"StringEquals":{"s3:prefix":"a${*}b"}}`, ctx: ctx("s3:prefix", "a*b"), want: isTrue},
	{name: "the escape ${$} is a literal dollar sign", src: srcVariables + " (facts A.8)", cond: `{"StringEquals":{"s3:prefix":"${$}HOME"}}`, ctx: ctx("s3:prefix", "$HOME"), want: isTrue},
	{name: "a multivalued key cannot be a variable, so the value holding it matches nothing", src: srcMultiKeys + " (facts A.8)", cond: `{"StringEquals":{"s3:prefix":"${aws:TagKeys}"}}`, ctx: ctx("s3:prefix", "env", "aws:TagKeys", "env", "aws:TagKeys", "team"), want: isFalse},
	{name: "ArnEquals substitutes variables", src: srcOperators + "#Conditions_ARN (facts A.8, B.7)", cond: `{"ArnEquals":{"aws:SourceArn":"arn:aws:iam::111122223333:user/${aws:username}"}}`, ctx: ctx("aws:SourceArn", userA), want: isTrue},
	{name: "under Version 2008-10-17 a variable is literal text", src: srcVersion + " (facts A.2)", version: "2008-10-17", cond: `{"StringEquals":{"s3:prefix":"home/${aws:username}"}}`, ctx: ctx("s3:prefix", "home/alice"), want: isFalse},
	{name: "under Version 2008-10-17 the literal text of a variable matches itself", src: srcVersion + " (facts A.2)", version: "2008-10-17", cond: `{"StringEquals":{"s3:prefix":"home/${aws:username}"}}`, ctx: ctx("s3:prefix", "home/${aws:username}"), want: isTrue},

	// Implied context keys (global condition keys page).
	{name: "aws:PrincipalArn of a role session is the role ARN", src: srcGlobalKeys + "#condition-keys-principalarn", caller: sessA, cond: `{"ArnEquals":{"aws:PrincipalArn":"arn:aws:iam::111122223333:role/Admin"}}`, want: isTrue},
	{name: "aws:PrincipalArn of a role session is not the session ARN", src: srcGlobalKeys + "#condition-keys-principalarn", caller: sessA, cond: `{"StringEquals":{"aws:PrincipalArn":"arn:aws:sts::111122223333:assumed-role/Admin/alice"}}`, want: isFalse},
	{name: "aws:PrincipalArn of an IAM user is the user ARN", src: srcGlobalKeys + "#condition-keys-principalarn", cond: `{"ArnEquals":{"aws:PrincipalArn":"arn:aws:iam::111122223333:user/alice"}}`, want: isTrue},
	{name: "aws:PrincipalAccount is the caller's account", src: srcGlobalKeys + "#condition-keys-principalaccount", caller: sessA, cond: `{"StringEquals":{"aws:PrincipalAccount":"111122223333"}}`, want: isTrue},
	{name: "aws:username is the IAM user's name", src: srcGlobalKeys + "#condition-keys-username", cond: `{"StringEquals":{"aws:username":"alice"}}`, want: isTrue},
	{name: "aws:username of a user with a path is its friendly name", src: srcGlobalKeys + "#condition-keys-username", caller: "arn:aws:iam::111122223333:user/ops/carol", cond: `{"StringEquals":{"aws:username":"carol"}}`, want: isTrue},
	{name: "aws:PrincipalArn of a user with a path keeps the path", src: srcGlobalKeys + "#condition-keys-principalarn", caller: "arn:aws:iam::111122223333:user/ops/carol", cond: `{"ArnLike":{"aws:PrincipalArn":"arn:aws:iam::111122223333:user/ops/*"}}`, want: isTrue},
	{name: "aws:username is absent for a role session", src: srcGlobalKeys + "#condition-keys-username", caller: sessA, cond: `{"Null":{"aws:username":"true"}}`, want: isTrue},
	{name: "aws:PrincipalType of an IAM user is User", src: srcGlobalKeys + "#condition-keys-principaltype", cond: `{"StringEquals":{"aws:PrincipalType":"User"}}`, want: isTrue},
	{name: "aws:PrincipalType of a role session is AssumedRole", src: srcGlobalKeys + "#condition-keys-principaltype", caller: sessA, cond: `{"StringEquals":{"aws:PrincipalType":"AssumedRole"}}`, want: isTrue},
	{name: "aws:PrincipalIsAWSService is false for an IAM user", src: srcGlobalKeys + "#condition-keys-principalisawsservice", cond: `{"Bool":{"aws:PrincipalIsAWSService":"false"}}`, want: isTrue},
	{name: "kms:CallerAccount is the caller's account for a kms action", src: srcKMSConds + "#conditions-kms-caller-account (facts E.3)", action: "kms:ListKeys", cond: `{"StringEquals":{"kms:CallerAccount":"111122223333"}}`, want: isTrue},
	{name: "kms:CallerAccount is absent for a non-kms action", src: srcKMSConds + "#conditions-kms-caller-account (facts E.3)", cond: `{"Null":{"kms:CallerAccount":"true"}}`, want: isTrue},
	{name: "kms:ViaService is not implied: a request that names none lacks it", src: srcKMSConds + "#conditions-kms-via-service (facts E.3)", action: "kms:ListKeys", cond: `{"StringLike":{"kms:ViaService":"*.amazonaws.com"}}`, want: isFalse},
	{name: "a caller-supplied aws:PrincipalArn wins over the implied one", src: "issue contract: a value the caller gave always wins (" + srcGlobalKeys + ")", caller: sessA, ctx: ctx("aws:PrincipalArn", "arn:aws:iam::111122223333:role/team/Admin"), cond: `{"ArnEquals":{"aws:PrincipalArn":"arn:aws:iam::111122223333:role/team/Admin"}}`, want: isTrue},
	{name: "a caller-supplied aws:PrincipalArn replaces the implied one", src: "issue contract: a value the caller gave always wins (" + srcGlobalKeys + ")", caller: sessA, ctx: ctx("aws:PrincipalArn", "arn:aws:iam::111122223333:role/team/Admin"), cond: `{"ArnEquals":{"aws:PrincipalArn":"arn:aws:iam::111122223333:role/Admin"}}`, want: isFalse},
	{name: "a caller-supplied key in other case wins over the implied one", src: "issue contract: a value the caller gave always wins (" + srcCondition + ", facts A.7)", ctx: ctx("AWS:USERNAME", "bob"), cond: `{"StringEquals":{"aws:username":"alice"}}`, want: isFalse},
	{name: "a caller-supplied kms:CallerAccount wins over the implied one", src: "issue contract: a value the caller gave always wins (" + srcKMSConds + ")", action: "kms:ListKeys", ctx: ctx("kms:CallerAccount", "999999999999"), cond: `{"StringEquals":{"kms:CallerAccount":"111122223333"}}`, want: isFalse},

	// Fail closed on values that cannot be read (issue contract).
	{name: "a numeric condition on an unreadable request value cannot allow and makes a Deny apply", src: srcContract, cond: `{"NumericLessThan":{"s3:max-keys":"10"}}`, ctx: ctx("s3:max-keys", "ten"), want: failClose},
	{name: "an unreadable numeric policy value cannot allow and makes a Deny apply", src: srcContract, cond: `{"NumericLessThan":{"s3:max-keys":"ten"}}`, ctx: ctx("s3:max-keys", "5"), want: failClose},
	{name: "an unreadable date request value cannot allow and makes a Deny apply", src: srcContract, cond: `{"DateLessThan":{"aws:CurrentTime":"2030-01-01T00:00:00Z"}}`, ctx: ctx("aws:CurrentTime", "yesterday"), want: failClose},
	{name: "an unreadable CIDR in a policy cannot allow and makes a Deny apply", src: srcContract, cond: `{"IpAddress":{"aws:SourceIp":"203.0.113.0/33"}}`, ctx: ctx("aws:SourceIp", "203.0.113.1"), want: failClose},
	{name: "an unreadable request address under NotIpAddress cannot allow and makes a Deny apply", src: srcContract, cond: `{"NotIpAddress":{"aws:SourceIp":"203.0.113.0/24"}}`, ctx: ctx("aws:SourceIp", "not-an-ip"), want: failClose},
	{name: "an unreadable Bool request value cannot allow and makes a Deny apply", src: srcContract, cond: `{"Bool":{"aws:SecureTransport":"true"}}`, ctx: ctx("aws:SecureTransport", "yes"), want: failClose},
}

func TestAWSRulesConditions(t *testing.T) {
	for _, c := range conditionRules {
		t.Run(c.name, func(t *testing.T) { checkCond(t, c) })
	}
}

// --- actions, resources, variables in Resource ------------------------------

func matchRules() []rule {
	onlyID := func(stmts ...string) pset { return pset{id: []string{pdoc(stmts...)}} }
	get := func(resource string) evaluate.Request {
		return evaluate.Request{Principal: userA, Action: "s3:GetObject", Resource: resource}
	}
	act := func(action string) evaluate.Request {
		return evaluate.Request{Principal: userA, Action: action, Resource: "*"}
	}
	return []rule{
		{name: "a question mark in an action matches exactly one character", src: srcAction + " (facts I)", p: onlyID(allowS("kms:?ecrypt", "*")), r: act("kms:Decrypt"), want: evaluate.Allowed},
		{name: "a question mark in an action does not match zero characters", src: srcAction + " (facts I)", p: onlyID(allowS("kms:Decrypt?", "*")), r: act("kms:Decrypt"), want: evaluate.ImplicitDeny},
		{name: "action names match without regard to case", src: srcAction + " (facts A.5)", p: onlyID(allowS("KMS:decrypt", "*")), r: act("kms:Decrypt"), want: evaluate.Allowed},
		{name: "a request action in other case matches the policy action", src: srcAction + " (facts A.5)", p: onlyID(allowS("iam:ListAccessKeys", "*")), r: act("IAM:listaccesskeys"), want: evaluate.Allowed},
		{name: "an asterisk in an action matches any run of characters", src: srcAction + " (facts A.5)", p: onlyID(allowS("kms:*crypt", "*")), r: act("kms:ReEncrypt"), want: evaluate.Allowed},
		{name: "an action of another service does not match", src: srcAction + " (facts A.5)", p: onlyID(allowS("kms:*", "*")), r: act("cloudhsm:DescribeClusters"), want: evaluate.ImplicitDeny},
		{name: "Allow with NotAction grants every other action", src: srcNotAction + " (facts A.5)", p: onlyID(stmt(`"Effect":"Allow"`, `"NotAction":"iam:*"`, `"Resource":"*"`)), r: act("kms:ListKeys"), want: evaluate.Allowed},
		{name: "Allow with NotAction does not grant a listed action", src: srcNotAction + " (facts A.5)", p: onlyID(stmt(`"Effect":"Allow"`, `"NotAction":"iam:*"`, `"Resource":"*"`)), r: act("iam:CreateUser"), want: evaluate.ImplicitDeny},
		{name: "Deny with NotAction denies every other action", src: srcNotAction + " (facts A.5)", p: onlyID(allowS("*", "*"), stmt(`"Effect":"Deny"`, `"NotAction":["kms:*","cloudhsm:*"]`, `"Resource":"*"`)), r: act("ec2:CreateVpc"), want: evaluate.ExplicitDeny},
		{name: "Deny with NotAction leaves a listed action to the Allow", src: srcNotAction + " (facts A.5)", p: onlyID(allowS("*", "*"), stmt(`"Effect":"Deny"`, `"NotAction":["kms:*","cloudhsm:*"]`, `"Resource":"*"`)), r: act("cloudhsm:DescribeClusters"), want: evaluate.Allowed},

		{name: "resource matching is case-sensitive", src: srcResource + " (facts A.6, I)", p: onlyID(allowS("s3:GetObject", "arn:aws:s3:::Bucket/*")), r: get("arn:aws:s3:::bucket/x"), want: evaluate.ImplicitDeny},
		{name: "a resource asterisk crosses slashes", src: srcResource + " (facts A.6 example)", p: onlyID(allowS("s3:GetObject", "arn:aws:s3:::BUCKET/*/test/*")), r: get("arn:aws:s3:::BUCKET/1/2/test/3/object.jpg"), want: evaluate.Allowed},
		{name: "a resource pattern's literal segments still have to match", src: srcResource + " (facts A.6 example)", p: onlyID(allowS("s3:GetObject", "arn:aws:s3:::BUCKET/*/test/*")), r: get("arn:aws:s3:::BUCKET/1-test/object.jpg"), want: evaluate.ImplicitDeny},
		{name: "a resource asterisk at the end of a segment crosses colons", src: srcResource + " (facts A.6, I)", p: onlyID(allowS("sqs:SendMessage", "arn:aws:sqs:*")), r: evaluate.Request{Principal: userA, Action: "sqs:SendMessage", Resource: "arn:aws:sqs:us-east-1:111122223333:jobs"}, want: evaluate.Allowed},
		{name: "a resource question mark matches exactly one character", src: srcResource + " (facts A.6)", p: onlyID(allowS("s3:GetObject", "arn:aws:s3:::bucket/obj?ct")), r: get(objA), want: evaluate.Allowed},
		{name: "a resource pattern must match the whole ARN", src: srcResource + " (facts A.6, I)", p: onlyID(allowS("s3:GetObject", "arn:aws:s3:::bucket")), r: get(objA), want: evaluate.ImplicitDeny},
		{name: "Allow with NotResource grants every other resource", src: srcNotResource + " (facts A.6)", p: onlyID(stmt(`"Effect":"Allow"`, `"Action":"s3:GetObject"`, `"NotResource":"arn:aws:s3:::secret/*"`)), r: get(objA), want: evaluate.Allowed},
		{name: "Allow with NotResource does not grant a listed resource", src: srcNotResource + " (facts A.6)", p: onlyID(stmt(`"Effect":"Allow"`, `"Action":"s3:GetObject"`, `"NotResource":"arn:aws:s3:::bucket/*"`)), r: get(objA), want: evaluate.ImplicitDeny},
		{name: "Allow with a NotResource list excludes a resource matching any entry", src: srcNotResource + " (facts A.6)", p: onlyID(stmt(`"Effect":"Allow"`, `"Action":"s3:GetObject"`, `"NotResource":["arn:aws:s3:::secret/*","arn:aws:s3:::bucket/obj*"]`)), r: get(objA), want: evaluate.ImplicitDeny},
		{name: "Deny with NotResource denies every other resource", src: srcNotResource + " (facts A.6)", p: onlyID(allowS("s3:*", "*"), stmt(`"Effect":"Deny"`, `"Action":"s3:*"`, `"NotResource":"arn:aws:s3:::safe/*"`)), r: get(objA), want: evaluate.ExplicitDeny},
		{name: "Deny with NotResource leaves a listed resource to the Allow", src: srcNotResource + " (facts A.6)", p: onlyID(allowS("s3:*", "*"), stmt(`"Effect":"Deny"`, `"Action":"s3:*"`, `"NotResource":"arn:aws:s3:::bucket/*"`)), r: get(objA), want: evaluate.Allowed},
		{name: "a Resource \"*\" statement covers an action that takes no resource", src: srcResource + " (facts A.6)", p: onlyID(allowS("kms:CreateCustomKeyStore", "*")), r: act("kms:CreateCustomKeyStore"), want: evaluate.Allowed},

		{name: "aws:username in Resource lets a user reach its own prefix", src: srcVariables + " (facts A.8)", p: onlyID(allowS("s3:GetObject", "arn:aws:s3:::bucket/home/${aws:username}/*")), r: get("arn:aws:s3:::bucket/home/alice/a.txt"), want: evaluate.Allowed},
		{name: "aws:username in Resource keeps a user out of another user's prefix", src: srcVariables + " (facts A.8)", p: onlyID(allowS("s3:GetObject", "arn:aws:s3:::bucket/home/${aws:username}/*")), r: get("arn:aws:s3:::bucket/home/bob/a.txt"), want: evaluate.ImplicitDeny},
		{name: "an unresolved variable in Resource matches no resource", src: srcVariables + " (facts A.8)", p: onlyID(allowS("s3:GetObject", "arn:aws:s3:::bucket/home/${aws:username}/*")), r: evaluate.Request{Principal: sessA, Action: "s3:GetObject", Resource: "arn:aws:s3:::bucket/home//a.txt"}, want: evaluate.ImplicitDeny},
		{name: "a variable's default fills Resource when the key is absent", src: srcVariables + " (facts A.8)", p: onlyID(allowS("s3:GetObject", "arn:aws:s3:::bucket/${aws:PrincipalTag/team, 'shared'}/*")), r: get("arn:aws:s3:::bucket/shared/a.txt"), want: evaluate.Allowed},
		{name: "a variable's value is literal in Resource, its wildcard characters do not widen the match", src: srcVariables + " (facts A.8)", p: onlyID(allowS("s3:GetObject", "arn:aws:s3:::bucket/${aws:PrincipalTag/team}")), r: evaluate.Request{Principal: userA, Action: "s3:GetObject", Resource: objA, Context: ctx("aws:PrincipalTag/team", "o*")}, want: evaluate.ImplicitDeny},
		{name: "an unresolved variable in a Deny's Resource matches no resource, so the Deny does not apply", src: srcVariables + " (facts A.8)", p: onlyID(allowS("s3:*", "*"), denyS("s3:GetObject", "arn:aws:s3:::bucket/${aws:username}*")), r: evaluate.Request{Principal: sessA, Action: "s3:GetObject", Resource: objA}, want: evaluate.Allowed},
		{name: "under Version 2008-10-17 a variable in Resource is literal text", src: srcVersion + " (facts A.2)", p: pset{id: []string{`{"Version":"2008-10-17","Statement":[` + allowS("s3:GetObject", "arn:aws:s3:::bucket/home/${aws:username}/*") + `]}`}}, r: get("arn:aws:s3:::bucket/home/alice/a.txt"), want: evaluate.ImplicitDeny},
		{name: "without a Version a variable in Resource is literal text that matches itself", src: srcVersion + " (facts A.2)", p: pset{id: []string{`{"Statement":[` + allowS("s3:GetObject", "arn:aws:s3:::bucket/home/${aws:username}/*") + `]}`}}, r: get("arn:aws:s3:::bucket/home/${aws:username}/a.txt"), want: evaluate.Allowed},
	}
}

func TestAWSRulesActionsResources(t *testing.T) {
	for _, tc := range matchRules() {
		t.Run(tc.name, func(t *testing.T) { checkRule(t, tc) })
	}
}

// --- evaluation logic -------------------------------------------------------

var (
	allowS3       = pdoc(allowS("s3:*", "*"))
	allowKMS      = pdoc(allowS("kms:*", "*"))
	allowEC2      = pdoc(allowS("ec2:*", "*"))
	allowAssume   = pdoc(allowS("sts:AssumeRole", "*"))
	enableIAMKeyA = pdoc(grantS("Allow", awsP(rootA), "kms:*"))
)

func logicRules() []rule {
	getObj := func(principal string) evaluate.Request {
		return evaluate.Request{Principal: principal, Action: "s3:GetObject", Resource: objA, ResourceAccount: acctA}
	}
	decrypt := func(principal, key string) evaluate.Request {
		return evaluate.Request{Principal: principal, Action: "kms:Decrypt", Resource: key}
	}
	assume := func(principal, role string) evaluate.Request {
		return evaluate.Request{Principal: principal, Action: "sts:AssumeRole", Resource: role}
	}
	bucket := func(effect, principal string) string { return pdoc(grantS(effect, principal, "s3:GetObject")) }
	notPrin := func(listed ...string) string {
		return pdoc(grantS("Allow", awsP(rootA), "s3:*"),
			stmt(`"Effect":"Deny"`, `"NotPrincipal":`+awsP(listed...), `"Action":"s3:*"`, `"Resource":"*"`))
	}
	denyAllRCP := [][]string{{pdoc(grantS("Deny", `"*"`, "*"))}}
	I, D, A := evaluate.ImplicitDeny, evaluate.ExplicitDeny, evaluate.Allowed
	return []rule{
		// Core precedence.
		{name: "nothing allowing means an implicit deny", src: srcEvalLogic + " (facts C.1)", r: getObj(userA), want: I},
		{name: "an explicit Deny in an identity policy beats its Allow", src: srcDenyAllow + " (facts C.1)", p: pset{id: []string{allowS3, pdoc(denyS("s3:GetObject", "*"))}}, r: getObj(userA), want: D},
		{name: "an explicit Deny in a resource policy beats a resource-policy Allow naming the user", src: srcDenyAllow + " (facts C.1)", p: pset{resource: pdoc(grantS("Allow", awsP(userA), "s3:*"), grantS("Deny", `"*"`, "s3:GetObject"))}, r: getObj(userA), want: D},
		{name: "an explicit Deny in a session policy beats everything", src: srcDenyAllow + " (facts C.2)", p: pset{id: []string{allowS3}, session: pdoc(allowS("*", "*"), denyS("s3:GetObject", "*"))}, r: getObj(sessA), want: D},

		// Same account, resource-policy grants by principal type (facts C.2 table).
		{name: "a bucket policy naming the IAM user grants without an identity policy", src: srcEvalLogic + " (facts C.2 table)", p: pset{resource: bucket("Allow", awsP(userA))}, r: getObj(userA), want: A},
		{name: "a bucket policy naming the IAM user is not limited by the user's permissions boundary", src: srcBoundaries + " (facts C.2 table)", p: pset{resource: bucket("Allow", awsP(userA)), boundary: allowEC2}, r: getObj(userA), want: A},
		{name: "a bucket policy naming the role grants its session without an identity policy", src: srcEvalLogic + " (facts C.2 table)", p: pset{resource: bucket("Allow", awsP(roleA))}, r: getObj(sessA), want: A},
		{name: "a bucket policy naming a role with a path grants its session", src: srcPrincipal + " (facts C.2 table)", p: pset{resource: bucket("Allow", awsP("arn:aws:iam::111122223333:role/team/Admin"))}, r: getObj(sessA), want: A},
		{name: "a bucket policy naming the role is limited by the session policy", src: srcBoundaries + " (facts C.2 table)", p: pset{resource: bucket("Allow", awsP(roleA)), session: allowEC2}, r: getObj(sessA), want: I},
		{name: "a bucket policy naming the role is limited by the permissions boundary", src: srcBoundaries + " (facts C.2 table)", p: pset{resource: bucket("Allow", awsP(roleA)), boundary: allowEC2}, r: getObj(sessA), want: I},
		{name: "a bucket policy naming the session is not limited by the session policy", src: srcBoundaries + " (facts C.2 table)", p: pset{resource: bucket("Allow", awsP(sessA)), session: allowEC2}, r: getObj(sessA), want: A},
		{name: "a bucket policy naming the session is not limited by the permissions boundary", src: srcBoundaries + " (facts C.2 table)", p: pset{resource: bucket("Allow", awsP(sessA)), boundary: allowEC2}, r: getObj(sessA), want: A},
		{name: "a bucket policy naming another session of the same role does not grant", src: srcPrincipal + " (facts A.4)", p: pset{resource: bucket("Allow", awsP(sess2A))}, r: getObj(sessA), want: I},
		{name: "a bucket policy naming the account delegates to identity policies, which allow nothing here", src: srcPrincipal + " (facts A.4)", p: pset{resource: bucket("Allow", awsP(acctA))}, r: getObj(userA), want: I},
		{name: "a bucket policy naming the account with an identity policy allowing grants", src: srcPrincipal + " (facts A.4, C.2)", p: pset{resource: bucket("Allow", awsP(rootA)), id: []string{allowS3}}, r: getObj(userA), want: A},
		{name: "a same-account identity policy grants without any resource policy", src: srcEvalLogic + " (facts C.2)", p: pset{id: []string{allowS3}}, r: getObj(userA), want: A},
		{name: "a same-account identity policy grants when the bucket policy does not name the caller", src: srcEvalLogic + " (facts C.2: identity or resource policy is enough)", p: pset{resource: bucket("Allow", awsP(user2A)), id: []string{allowS3}}, r: getObj(userA), want: A},
		{name: "a same-account identity grant is limited by the permissions boundary", src: srcBoundaries + " (facts C.2)", p: pset{id: []string{allowS3}, boundary: allowEC2}, r: getObj(userA), want: I},
		{name: "a role session without a session policy keeps its role's permissions", src: srcEvalLogic + " (facts C.2 step 7)", p: pset{id: []string{allowS3}}, r: getObj(sessA), want: A},
		{name: "a federated-user session without a session policy has no identity permissions", src: srcEvalLogic + " (facts C.2 step 7)", p: pset{id: []string{allowS3}}, r: getObj(fedA), want: I},
		{name: "a bucket policy naming the federated-user session grants it directly", src: srcEvalLogic + " (facts C.2 table)", p: pset{resource: bucket("Allow", awsP(fedA))}, r: getObj(fedA), want: A},

		// Cross-account (facts C.3).
		{name: "cross-account: a bucket policy naming the foreign user is not enough without its identity policy", src: srcCrossAcct + " (facts C.3)", p: pset{resource: bucket("Allow", awsP(userB))}, r: getObj(userB), want: I},
		{name: "cross-account: the bucket policy and the foreign identity policy together grant", src: srcCrossAcct + " (facts C.3)", p: pset{resource: bucket("Allow", awsP(userB)), id: []string{allowS3}}, r: getObj(userB), want: A},
		{name: "cross-account: a bucket policy naming the foreign account and its identity policy grant", src: srcCrossAcct + " (facts C.3)", p: pset{resource: bucket("Allow", awsP(acctB)), id: []string{allowS3}}, r: getObj(sessB), want: A},
		{name: "cross-account: a bucket policy with Principal \"*\" and the foreign identity policy grant", src: srcCrossAcct + " (facts A.4, C.3)", p: pset{resource: bucket("Allow", `"*"`), id: []string{allowS3}}, r: getObj(userB), want: A},
		{name: "cross-account: Principal {\"AWS\":\"*\"} is the same as \"*\"", src: srcPrincipal + " (facts A.4)", p: pset{resource: bucket("Allow", `{"AWS":"*"}`), id: []string{allowS3}}, r: getObj(sessB), want: A},
		{name: "cross-account: an identity policy alone does not grant", src: srcCrossAcct + " (facts C.3)", p: pset{id: []string{allowS3}}, r: getObj(userB), want: I},
		{name: "cross-account: a bucket policy naming a third account does not grant", src: srcCrossAcct + " (facts C.3)", p: pset{resource: bucket("Allow", awsP("999999999999")), id: []string{allowS3}}, r: getObj(userB), want: I},
		{name: "cross-account: the caller's permissions boundary still limits", src: srcCrossAcct + " (facts C.3)", p: pset{resource: bucket("Allow", awsP(userB)), id: []string{allowS3}, boundary: allowEC2}, r: getObj(userB), want: I},

		// KMS key policies (facts C.4).
		{name: "a key policy allowing the account lets an identity policy grant", src: srcKeyDefault + " (facts C.4)", p: pset{resource: enableIAMKeyA, id: []string{allowKMS}}, r: decrypt(userA, keyA), want: A},
		{name: "a key policy naming the account by its bare ID delegates like the root ARN", src: srcPrincipal + " (facts A.4)", p: pset{resource: pdoc(grantS("Allow", `{"AWS":"111122223333"}`, "kms:*")), id: []string{allowKMS}}, r: decrypt(userA, keyA), want: A},
		{name: "a key policy allowing the account does not grant on its own", src: srcKeyDefault + " (facts C.4)", p: pset{resource: enableIAMKeyA}, r: decrypt(userA, keyA), want: I},
		{name: "a key policy that does not allow the account makes identity policies ineffective", src: srcKeyPolicies + " (facts C.4)", p: pset{resource: pdoc(grantS("Allow", awsP(user2A), "kms:*")), id: []string{allowKMS}}, r: decrypt(userA, keyA), want: I},
		{name: "a key policy naming the user grants without an identity policy", src: srcKeyPolicies + " (facts C.4)", p: pset{resource: pdoc(grantS("Allow", awsP(userA), "kms:Decrypt"))}, r: decrypt(userA, keyA), want: A},
		{name: "a key policy naming the role grants its session without an identity policy", src: srcKeyPolicies + " (facts C.4)", p: pset{resource: pdoc(grantS("Allow", awsP(roleA), "kms:Decrypt"))}, r: decrypt(sessA, keyA), want: A},
		{name: "a key policy naming the role is limited by the session policy", src: srcBoundaries + " (facts C.2 table, C.4)", p: pset{resource: pdoc(grantS("Allow", awsP(roleA), "kms:Decrypt")), session: allowEC2}, r: decrypt(sessA, keyA), want: I},
		{name: "a key request without a key policy is never allowed by IAM policies", src: srcKeyPolicies + " (facts C.4, I)", p: pset{id: []string{allowKMS}}, r: decrypt(userA, keyA), want: I},
		{name: "an IAM Deny still applies to a key the key policy grants", src: srcKeyPolicies + " (facts C.4)", p: pset{resource: pdoc(grantS("Allow", awsP(userA), "kms:*")), id: []string{pdoc(denyS("kms:Decrypt", "*"))}}, r: decrypt(userA, keyA), want: D},
		{name: "a key policy Principal \"*\" limited by kms:CallerAccount grants callers of that account", src: srcKMSConds + "#conditions-kms-caller-account (facts E.3)", p: pset{resource: pdoc(grantS("Allow", `{"AWS":"*"}`, "kms:Decrypt", cond(`{"StringEquals":{"kms:CallerAccount":"111122223333"}}`)))}, r: decrypt(userA, keyA), want: A},
		{name: "a key policy Principal \"*\" limited by kms:CallerAccount does not grant another account", src: srcKMSConds + "#conditions-kms-caller-account (facts E.3)", p: pset{resource: pdoc(grantS("Allow", `{"AWS":"*"}`, "kms:Decrypt", cond(`{"StringEquals":{"kms:CallerAccount":"111122223333"}}`))), id: []string{allowKMS}}, r: decrypt(userB, keyA), want: I},
		{name: "a key policy limited by kms:ViaService does not grant a direct call", src: srcKMSConds + "#conditions-kms-via-service (facts E.3)", p: pset{resource: pdoc(grantS("Allow", awsP(userA), "kms:Decrypt", cond(`{"StringEquals":{"kms:ViaService":"ec2.us-east-1.amazonaws.com"}}`)))}, r: decrypt(userA, keyA), want: I},
		{name: "a key policy limited by kms:ViaService grants a call through that service", src: srcKMSConds + "#conditions-kms-via-service (facts E.3)", p: pset{resource: pdoc(grantS("Allow", awsP(userA), "kms:Decrypt", cond(`{"StringEquals":{"kms:ViaService":"ec2.us-east-1.amazonaws.com"}}`)))}, r: evaluate.Request{Principal: userA, Action: "kms:Decrypt", Resource: keyA, Context: ctx("kms:ViaService", "ec2.us-east-1.amazonaws.com")}, want: A},
		{name: "cross-account key use needs the key policy and the caller's identity policy", src: srcKMSCross + " (facts C.4)", p: pset{resource: pdoc(grantS("Allow", awsP(rootA), "kms:Decrypt")), id: []string{allowKMS}}, r: decrypt(userA, keyB), want: A},
		{name: "cross-account key use without the caller's identity policy is denied", src: srcKMSCross + " (facts C.4)", p: pset{resource: pdoc(grantS("Allow", awsP(userA), "kms:Decrypt"))}, r: decrypt(userA, keyB), want: I},
		{name: "kms:CreateKey names no key, so an identity policy alone grants it", src: srcKeyPolicies + " (facts C.4, E.1)", p: pset{id: []string{allowKMS}}, r: evaluate.Request{Principal: userA, Action: "kms:CreateKey", Resource: "*"}, want: A},

		// Role trust policies (facts C.5).
		{name: "a trust policy naming a service principal lets the service assume the role", src: srcRoleTerms + " (facts C.5, G.1)", p: pset{resource: pdoc(trustS(svcP(cksSvc), "sts:AssumeRole"))}, r: assume(cksSvc, slrA), want: A},
		{name: "principal types in one Principal element are ORed", src: srcPrincipal + " (facts A.4)", p: pset{resource: pdoc(trustS(`{"AWS":"`+userA+`","Service":"`+cksSvc+`"}`, "sts:AssumeRole"))}, r: assume(cksSvc, slrA), want: A},
		{name: "service principals are case-sensitive", src: "https://docs.aws.amazon.com/IAM/latest/UserGuide/using-service-linked-roles.html (facts G.3)", p: pset{resource: pdoc(trustS(svcP("CKS.kms.amazonaws.com"), "sts:AssumeRole"))}, r: assume(cksSvc, slrA), want: I},
		{name: "a trust policy naming the caller's role grants its session in the same account", src: srcRoleTerms + " (facts C.5)", p: pset{resource: pdoc(trustS(awsP(roleA), "sts:AssumeRole"))}, r: assume(sessA, targetA), want: A},
		{name: "a trust policy naming the account needs an identity policy allowing sts:AssumeRole", src: srcRoleTerms + " (facts C.5)", p: pset{resource: pdoc(trustS(awsP(rootA), "sts:AssumeRole"))}, r: assume(userA, targetA), want: I},
		{name: "a trust policy naming the account with an identity policy allowing sts:AssumeRole grants", src: srcRoleTerms + " (facts C.5)", p: pset{resource: pdoc(trustS(awsP(rootA), "sts:AssumeRole")), id: []string{allowAssume}}, r: assume(userA, targetA), want: A},
		{name: "a trust policy that names neither the caller nor its account denies even with an identity Allow", src: srcRoleTerms + " (facts C.5)", p: pset{resource: pdoc(trustS(awsP(user2A), "sts:AssumeRole")), id: []string{allowAssume}}, r: assume(userA, targetA), want: I},
		{name: "assuming a role without its trust policy is not allowed", src: srcRoleTerms + " (facts C.5)", p: pset{id: []string{allowAssume}}, r: assume(userA, targetA), want: I},
		{name: "cross-account role assumption needs the trust policy and the caller's identity policy", src: srcRoleTerms + " (facts C.5)", p: pset{resource: pdoc(trustS(awsP(acctA), "sts:AssumeRole")), id: []string{allowAssume}}, r: assume(userA, targetB), want: A},
		{name: "cross-account role assumption without the caller's identity policy is denied", src: srcRoleTerms + " (facts C.5)", p: pset{resource: pdoc(trustS(awsP(userA), "sts:AssumeRole"))}, r: assume(userA, targetB), want: I},
		{name: "the account root user cannot assume a role", src: iamUG + "id_roles_use_switch-role-console.html (facts C.5)", p: pset{resource: pdoc(trustS(awsP(rootA), "sts:AssumeRole"))}, r: assume(rootA, targetA), want: I},

		{name: "a trust policy requiring sts:ExternalId denies a request without it", src: iamUG + "id_roles_create_for-user_externalid.html (facts B.2)", p: pset{resource: pdoc(trustS(awsP(acctB), "sts:AssumeRole", cond(`{"StringEquals":{"sts:ExternalId":"x-123"}}`))), id: []string{allowAssume}}, r: assume(userB, targetA), want: I},
		{name: "a trust policy requiring sts:ExternalId grants a request carrying it", src: iamUG + "id_roles_create_for-user_externalid.html", p: pset{resource: pdoc(trustS(awsP(acctB), "sts:AssumeRole", cond(`{"StringEquals":{"sts:ExternalId":"x-123"}}`))), id: []string{allowAssume}}, r: evaluate.Request{Principal: userB, Action: "sts:AssumeRole", Resource: targetA, Context: ctx("sts:ExternalId", "x-123")}, want: A},
		{name: "a trust policy naming the caller's role is limited by the caller's permissions boundary", src: srcBoundaries + " (facts C.2 table, C.5)", p: pset{resource: pdoc(trustS(awsP(roleA), "sts:AssumeRole")), boundary: allowEC2}, r: assume(sessA, targetA), want: I},
		{name: "a trust policy naming the IAM user is not limited by the user's permissions boundary", src: srcBoundaries + " (facts C.2 table, C.5)", p: pset{resource: pdoc(trustS(awsP(userA), "sts:AssumeRole")), boundary: allowEC2}, r: assume(userA, targetA), want: A},

		// Service principals.
		{name: "a bucket policy naming a service principal grants the service", src: srcPrincipal + " (facts A.4)", p: pset{resource: bucket("Allow", svcP("cloudtrail.amazonaws.com"))}, r: getObj("cloudtrail.amazonaws.com"), want: A},
		{name: "identity policies never grant to a service principal", src: srcPrincipal + " (facts A.4)", p: pset{id: []string{allowS3}}, r: getObj("cloudtrail.amazonaws.com"), want: I},
		{name: "a resource-policy Deny applies to a service principal", src: srcDenyAllow + " (facts C.1)", p: pset{resource: pdoc(grantS("Allow", svcP("cloudtrail.amazonaws.com"), "s3:*"), grantS("Deny", svcP("cloudtrail.amazonaws.com"), "s3:GetObject"))}, r: getObj("cloudtrail.amazonaws.com"), want: D},

		// SCPs (facts C.2, C.7).
		{name: "an SCP level with no policy allows nothing", src: srcSCPEval + " (facts C.2)", p: pset{id: []string{allowS3}, scps: [][]string{{allowAllDoc}, {}}}, r: getObj(userA), want: I},
		{name: "an SCP Deny at one level denies", src: srcSCPEval + " (facts C.2)", p: pset{id: []string{allowS3}, scps: [][]string{{allowAllDoc}, {allowAllDoc, pdoc(denyS("s3:*", "*"))}}}, r: getObj(userA), want: D},
		{name: "an SCP level holding only Deny statements allows nothing", src: srcSCPEval + " (facts C.2)", p: pset{id: []string{allowS3}, scps: [][]string{{allowAllDoc}, {pdoc(denyS("ec2:*", "*"))}}}, r: getObj(userA), want: I},
		{name: "an action must be allowed at every SCP level", src: srcSCPEval + " (facts C.2)", p: pset{id: []string{allowS3}, scps: [][]string{{allowAllDoc}, {allowKMS}, {allowAllDoc}}}, r: getObj(userA), want: I},
		{name: "SCPs never grant", src: srcSCPs + " (facts C.2)", p: pset{scps: [][]string{{allowAllDoc}}}, r: getObj(userA), want: I},
		{name: "SCPs limit the account root user", src: srcSCPs + " (facts C.1)", p: pset{scps: [][]string{{allowKMS}}}, r: evaluate.Request{Principal: rootA, Action: "s3:GetObject", Resource: objA, ResourceAccount: acctA}, want: I},
		{name: "the caller's SCPs apply to its cross-account requests", src: srcCrossAcct + " (facts C.3)", p: pset{resource: bucket("Allow", awsP(userB)), id: []string{allowS3}, scps: [][]string{{allowAllDoc, pdoc(denyS("s3:GetObject", "*"))}}}, r: getObj(userB), want: D},
		{name: "SCPs do not apply to service principals", src: srcSCPs + " (facts C.7)", p: pset{resource: bucket("Allow", svcP("cloudtrail.amazonaws.com")), scps: [][]string{{pdoc(denyS("*", "*"))}}}, r: getObj("cloudtrail.amazonaws.com"), want: A},

		// RCPs (facts C.2, C.7).
		{name: "an RCP Deny denies a kms request", src: srcRCPEval + " (facts C.2)", p: pset{resource: enableIAMKeyA, id: []string{allowKMS}, rcps: [][]string{{pdoc(grantS("Deny", `"*"`, "kms:Decrypt"))}}}, r: decrypt(userA, keyA), want: D},
		{name: "an RCP level without an applicable Deny passes: RCPFullAWSAccess is implied", src: srcRCPEval + " (facts C.2)", p: pset{resource: enableIAMKeyA, id: []string{allowKMS}, rcps: [][]string{{pdoc(grantS("Deny", `"*"`, "kms:ScheduleKeyDeletion"))}, {}}}, r: decrypt(userA, keyA), want: A},
		{name: "RCPs never grant", src: srcRCPs + " (facts C.2)", p: pset{rcps: [][]string{{pdoc(grantS("Allow", `"*"`, "*"))}}}, r: getObj(userA), want: I},
		{name: "RCPs do not govern a service outside their list", src: srcRCPs + "#rcp-supported-services (facts C.7)", p: pset{id: []string{allowEC2}, rcps: [][]string{{pdoc(grantS("Deny", `"*"`, "*"))}}}, r: evaluate.Request{Principal: userA, Action: "ec2:CreateVpc", Resource: "arn:aws:ec2:us-east-1:111122223333:vpc/vpc-1"}, want: A},
		{name: "an RCP Deny applies to cross-account callers of the resource's account", src: srcRCPs + "#rcp-effects-on-permissions", p: pset{resource: bucket("Allow", awsP(userB)), id: []string{allowS3}, rcps: [][]string{{pdoc(grantS("Deny", `"*"`, "s3:*", cond(`{"StringNotEqualsIfExists":{"aws:PrincipalAccount":"111122223333"}}`)))}}}, r: getObj(userB), want: D},
		{name: "an RCP Deny applies to AWS service principals", src: srcKMSRCP + " (confused-deputy RCP example)", p: pset{resource: bucket("Allow", svcP("cloudtrail.amazonaws.com")), rcps: [][]string{{pdoc(grantS("Deny", `"*"`, "s3:*", cond(`{"Bool":{"aws:PrincipalIsAWSService":"true"}}`)))}}}, r: getObj("cloudtrail.amazonaws.com"), want: D},
		{name: "RCPs do not impact kms:RetireGrant, even under kms:*", src: srcRCPs + "#actions-not-restricted-by-rcps; " + srcKMSRCP, p: pset{resource: enableIAMKeyA, id: []string{allowKMS}, rcps: [][]string{{pdoc(grantS("Deny", `"*"`, "kms:*"))}}}, r: evaluate.Request{Principal: userA, Action: "kms:RetireGrant", Resource: keyA}, want: A},

		// NotPrincipal with Deny (facts A.4, I).
		{name: "Deny with NotPrincipal exempts a user listed with its account", src: srcNotPrin + " (facts I)", p: pset{resource: notPrin(rootA, userA), id: []string{allowS3}}, r: getObj(userA), want: A},
		{name: "Deny with NotPrincipal denies a user that is not listed", src: srcNotPrin + " (facts I)", p: pset{resource: notPrin(rootA, userA), id: []string{allowS3}}, r: getObj(user2A), want: D},
		{name: "Deny with NotPrincipal denies a listed user whose account is not listed", src: srcNotPrin + " (facts I)", p: pset{resource: notPrin(userA), id: []string{allowS3}}, r: getObj(userA), want: D},
		{name: "Deny with NotPrincipal exempts a session listed with its role and account", src: srcNotPrin + " (facts I)", p: pset{resource: notPrin(rootA, roleA, sessA), id: []string{allowS3}}, r: getObj(sessA), want: A},
		{name: "Deny with NotPrincipal denies a listed session whose role is not listed", src: srcNotPrin + " (facts I)", p: pset{resource: notPrin(rootA, sessA), id: []string{allowS3}}, r: getObj(sessA), want: D},
		{name: "Deny with NotPrincipal exempts a role listed with its account", src: srcNotPrin + " (facts I)", p: pset{resource: notPrin(rootA, roleA), id: []string{allowS3}}, r: getObj(roleA), want: A},
		{name: "Deny with NotPrincipal denies a listed role whose account is not listed", src: srcNotPrin + " (facts I)", p: pset{resource: notPrin(roleA), id: []string{allowS3}}, r: getObj(roleA), want: D},
		{name: "Deny with NotPrincipal exempts a service principal it lists", src: srcNotPrin + " (facts A.4)", p: pset{resource: pdoc(grantS("Allow", svcP("cloudtrail.amazonaws.com"), "s3:*"), stmt(`"Effect":"Deny"`, `"NotPrincipal":`+svcP("cloudtrail.amazonaws.com"), `"Action":"s3:*"`, `"Resource":"*"`))}, r: getObj("cloudtrail.amazonaws.com"), want: A},
		{name: "Deny with NotPrincipal denies a fully listed user that has a permissions boundary", src: srcNotPrin + " (key points; " + srcBoundaries + ")", p: pset{resource: notPrin(rootA, userA), id: []string{allowS3}, boundary: allowS3}, r: getObj(userA), want: D},
		{name: "Deny with NotPrincipal denies a fully listed session that has a permissions boundary", src: srcNotPrin + " (key points; " + srcBoundaries + ")", p: pset{resource: notPrin(rootA, roleA, sessA), id: []string{allowS3}, boundary: allowS3}, r: getObj(sessA), want: D},
		{name: "Allow with NotPrincipal does not grant a listed principal", src: srcNotPrin + " (facts C.6)", p: pset{resource: pdoc(stmt(`"Effect":"Allow"`, `"NotPrincipal":`+awsP(user2A), `"Action":"s3:GetObject"`, `"Resource":"*"`))}, r: getObj(user2A), want: I},

		// Deny statements naming a parent identity (facts A.4).
		{name: "a resource-policy Deny naming the account applies to its users", src: srcPrincipal + " (facts A.4: the account principal stands for every principal of the account)", p: pset{resource: pdoc(grantS("Allow", awsP(userA), "s3:*"), grantS("Deny", awsP(acctA), "s3:GetObject"))}, r: getObj(userA), want: D},
		{name: "a resource-policy Deny naming the role applies to its sessions", src: srcPrincipal + " (facts A.4)", p: pset{resource: pdoc(grantS("Allow", awsP(sessA), "s3:*"), grantS("Deny", awsP(roleA), "s3:GetObject"))}, r: getObj(sessA), want: D},
		{name: "a resource-policy grant to the user does not bypass the SCPs", src: srcSCPs + " (facts C.2)", p: pset{resource: bucket("Allow", awsP(userA)), scps: [][]string{{allowKMS}}}, r: getObj(userA), want: I},
		{name: "a resource-policy grant to the user does not bypass an explicit Deny in the boundary", src: srcDenyAllow + " (facts C.1)", p: pset{resource: bucket("Allow", awsP(userA)), boundary: pdoc(allowS("*", "*"), denyS("s3:*", "*"))}, r: getObj(userA), want: D},
		{name: "a resource-policy statement whose Resource does not match grants nothing", src: srcResource + " (facts A.6)", p: pset{resource: pdoc(stmt(`"Effect":"Allow"`, `"Principal":`+awsP(userA), `"Action":"s3:GetObject"`, `"Resource":"arn:aws:s3:::other/*"`))}, r: getObj(userA), want: I},
		{name: "a trust policy naming a web identity provider lets its users assume the role", src: srcPrincipal + "#principal-federated-web-identity (facts A.4)", p: pset{resource: pdoc(trustS(`{"Federated":"accounts.google.com"}`, "sts:AssumeRoleWithWebIdentity"))}, r: evaluate.Request{Principal: "accounts.google.com", Action: "sts:AssumeRoleWithWebIdentity", Resource: targetA}, want: A},
		{name: "a trust policy naming a SAML provider lets its users assume the role", src: srcPrincipal + "#principal-saml (facts A.4)", p: pset{resource: pdoc(trustS(`{"Federated":"arn:aws:iam::111122223333:saml-provider/idp"}`, "sts:AssumeRoleWithSAML"))}, r: evaluate.Request{Principal: "arn:aws:iam::111122223333:saml-provider/idp", Action: "sts:AssumeRoleWithSAML", Resource: targetA}, want: A},
		{name: "a trust policy allowing only sts:AssumeRole does not allow sts:TagSession", src: iamUG + "id_session-tags.html (facts A.1 table)", p: pset{resource: pdoc(trustS(awsP(roleA), "sts:AssumeRole"))}, r: evaluate.Request{Principal: sessA, Action: "sts:TagSession", Resource: targetA}, want: I},
		{name: "a trust policy naming the caller's session is not limited by its session policy", src: srcBoundaries + " (facts C.2 table, C.5)", p: pset{resource: pdoc(trustS(awsP(sessA), "sts:AssumeRole")), session: allowEC2}, r: assume(sessA, targetA), want: A},
		{name: "aws:PrincipalIsAWSService and aws:PrincipalServiceName describe a service principal", src: srcGlobalKeys + "#condition-keys-principalisawsservice", p: pset{resource: pdoc(grantS("Allow", svcP("cloudtrail.amazonaws.com"), "s3:*", cond(`{"Bool":{"aws:PrincipalIsAWSService":"true"},"StringEquals":{"aws:PrincipalServiceName":"cloudtrail.amazonaws.com"}}`)))}, r: getObj("cloudtrail.amazonaws.com"), want: A},
		{name: "aws:PrincipalAccount is absent for a service principal", src: srcGlobalKeys + "#condition-keys-principalaccount", p: pset{resource: pdoc(grantS("Allow", svcP("cloudtrail.amazonaws.com"), "s3:*", cond(`{"Null":{"aws:PrincipalAccount":"true"}}`)))}, r: getObj("cloudtrail.amazonaws.com"), want: A},
		{name: "aws:PrincipalArn of a federated user is its federated-user ARN", src: srcGlobalKeys + "#condition-keys-principalarn", p: pset{id: []string{pdoc(allowS("*", "*", cond(`{"StringEquals":{"aws:PrincipalArn":"arn:aws:sts::111122223333:federated-user/carol","aws:PrincipalType":"FederatedUser"}}`)))}, session: allowAllDoc}, r: getObj(fedA), want: A},
		{name: "aws:PrincipalArn of the root user is the account's root ARN", src: srcGlobalKeys + "#condition-keys-principalarn", p: pset{scps: [][]string{{pdoc(allowS("*", "*", cond(`{"StringEquals":{"aws:PrincipalArn":"arn:aws:iam::111122223333:root","aws:PrincipalType":"Account"}}`)))}}}, r: evaluate.Request{Principal: acctA, Action: "s3:GetObject", Resource: objA}, want: A},

		// Organizations exceptions and KMS cross-account limits (audit
		// findings AUDIT-1 to AUDIT-7, fixed in the engine).
		{name: "SCPs do not restrict a service-linked role, even by an explicit Deny", src: srcSCPs + " (\"SCPs do not affect any service-linked role\"; facts C.7)", p: pset{id: []string{allowEC2}, scps: [][]string{{allowAllDoc, pdoc(denyS("ec2:*", "*"))}}}, r: evaluate.Request{Principal: slrA, Action: "ec2:CreateNetworkInterface", Resource: "*"}, want: A},
		{name: "an SCP level that does not allow the action does not restrict a service-linked role", src: srcSCPs + " (facts C.7)", p: pset{id: []string{allowEC2}, scps: [][]string{{allowKMS}}}, r: evaluate.Request{Principal: slrA, Action: "ec2:CreateNetworkInterface", Resource: "*"}, want: A},
		{name: "RCPs govern every service on the Organizations list, such as EventBridge", src: srcRCPs + "#rcp-supported-services", p: pset{id: []string{pdoc(allowS("events:*", "*"))}, rcps: denyAllRCP}, r: evaluate.Request{Principal: userA, Action: "events:PutEvents", Resource: eventBus}, want: evaluate.ExplicitDeny},
		{name: "RCPs govern Amazon ECR Public", src: srcRCPs + "#rcp-supported-services", p: pset{id: []string{pdoc(allowS("ecr-public:*", "*"))}, rcps: denyAllRCP}, r: evaluate.Request{Principal: userA, Action: "ecr-public:BatchCheckLayerAvailability", Resource: "arn:aws:ecr-public::111122223333:repository/app"}, want: evaluate.ExplicitDeny},
		{name: "RCPs do not apply to calls made by a service-linked role", src: srcRCPs + "#rcp-effects-on-permissions (\"RCPs do not apply to calls made by service-linked roles\")", p: pset{id: []string{allowS3}, rcps: denyAllRCP}, r: getObj(slrA), want: A},
		{name: "RCPs do not impact a service assuming its service-linked role", src: srcRCPs + "#actions-not-restricted-by-rcps (\"the service-linked role's trust policy is also not impacted by RCPs\")", p: pset{resource: pdoc(trustS(svcP(cksSvc), "sts:AssumeRole")), rcps: denyAllRCP}, r: evaluate.Request{Principal: cksSvc, Action: "sts:AssumeRole", Resource: slrA}, want: A},
		{name: "RCPs apply only to the resources an action authorizes, so not to an action without a resource", src: srcRCPs + "#rcp-effects-on-permissions (\"RCPs apply to the resources that are authorized as part of an operation request\")", p: pset{id: []string{allowKMS}, rcps: [][]string{{pdoc(grantS("Deny", `"*"`, "kms:*"))}}}, r: evaluate.Request{Principal: userA, Action: "kms:CreateKey", Resource: "*"}, want: A},
		{name: "a trust policy naming the Cognito identity provider lets its web identities assume the role", src: srcPrincipal + "#principal-federated-web-identity (facts A.4: \"Federated\": \"cognito-identity.amazonaws.com\")", p: pset{resource: pdoc(trustS(`{"Federated":"cognito-identity.amazonaws.com"}`, "sts:AssumeRoleWithWebIdentity"))}, r: evaluate.Request{Principal: "cognito-identity.amazonaws.com", Action: "sts:AssumeRoleWithWebIdentity", Resource: targetA}, want: A},
		{name: "a kms operation without cross-account use cannot be performed on another account's key", src: "https://docs.aws.amazon.com/kms/latest/APIReference/API_PutKeyPolicy.html (\"Cross-account use: No\"; facts C.4, E.2)", p: pset{resource: pdoc(grantS("Allow", awsP(rootA), "kms:*")), id: []string{allowKMS}}, r: evaluate.Request{Principal: userA, Action: "kms:PutKeyPolicy", Resource: keyB}, want: evaluate.ImplicitDeny},
		{name: "kms:ScheduleKeyDeletion cannot be performed on another account's key", src: "KMS API reference, ScheduleKeyDeletion (\"Cross-account use: No\"; facts C.4, E.2)", p: pset{resource: pdoc(grantS("Allow", awsP(rootA), "kms:*")), id: []string{allowKMS}}, r: evaluate.Request{Principal: userA, Action: "kms:ScheduleKeyDeletion", Resource: keyB}, want: evaluate.ImplicitDeny},

		// Root user.
		{name: "the account root user has full access to its own account's resources", src: srcEvalLogic + " (facts C.1)", r: evaluate.Request{Principal: rootA, Action: "s3:GetObject", Resource: objA, ResourceAccount: acctA}, want: A},
		{name: "the account root user is allowed by a key policy that allows its account", src: srcKeyDefault + " (facts C.1, C.4)", p: pset{resource: enableIAMKeyA}, r: decrypt(rootA, keyA), want: A},
		{name: "the account root user needs a key policy allowing its account", src: srcKeyPolicies + " (facts C.4)", p: pset{resource: pdoc(grantS("Allow", awsP(userA), "kms:*"))}, r: decrypt(rootA, keyA), want: I},
	}
}

func TestAWSRulesEvaluationLogic(t *testing.T) {
	for _, tc := range logicRules() {
		t.Run(tc.name, func(t *testing.T) { checkRule(t, tc) })
	}
}

// --- errors are never Allowed ------------------------------------------------

func errorRules() []rule {
	all := pset{id: []string{allowAllDoc}}
	req := func(principal, action, resource, resourceAccount string) evaluate.Request {
		return evaluate.Request{Principal: principal, Action: action, Resource: resource, ResourceAccount: resourceAccount}
	}
	return []rule{
		{name: "an empty principal is an error", src: srcContract, p: all, r: req("", "s3:GetObject", objA, ""), err: true},
		{name: "a group ARN is not a principal a request can come from", src: srcPrincipal + " (facts A.4: groups are never principals)", p: all, r: req("arn:aws:iam::111122223333:group/devs", "s3:GetObject", objA, ""), err: true},
		{name: "a wildcard in the request action is an error", src: "facts H.1 (ActionNames: wildcards not allowed)", p: all, r: req(userA, "s3:Get*", objA, ""), err: true},
		{name: "an action without a service prefix is an error", src: "facts A.5 (service-prefix:ActionName)", p: all, r: req(userA, "GetObject", objA, ""), err: true},
		{name: "a resource that is neither an ARN nor \"*\" is an error", src: srcContract, p: all, r: req(userA, "s3:GetObject", "bucket/object", ""), err: true},
		{name: "a wildcard in the request resource is an error", src: srcContract, p: all, r: req(userA, "s3:GetObject", "arn:aws:s3:::bucket/*", ""), err: true},
		{name: "a resource account that is not an account is an error", src: srcContract, p: all, r: req(userA, "s3:GetObject", objA, "12345"), err: true},
		{name: "a resource account contradicting the resource ARN is an error", src: srcContract, p: all, r: req(userA, "kms:Decrypt", keyA, acctB), err: true},
		{name: "a Principal in an identity policy is refused", src: srcPrincipal + " (facts A.1 table)", p: pset{id: []string{pdoc(grantS("Allow", `"*"`, "s3:*"))}}, r: req(userA, "s3:GetObject", objA, ""), err: true},
		{name: "a resource policy statement without a principal is refused", src: "facts A.1 table (Principal required in resource policies)", p: pset{resource: pdoc(allowS("s3:*", "*"))}, r: req(userA, "s3:GetObject", objA, ""), err: true},
	}
}

func TestAWSRulesErrorsAreNeverAllowed(t *testing.T) {
	for _, tc := range errorRules() {
		t.Run(tc.name, func(t *testing.T) { checkRule(t, tc) })
	}
}

func TestAWSRulesNilEvaluatorIsAnErrorNotAnAllow(t *testing.T) {
	var ev *evaluate.Evaluator
	d, err := ev.Decide(evaluate.Request{Principal: userA, Action: "s3:GetObject", Resource: objA})
	require.Error(t, err, srcContract)
	require.Equal(t, evaluate.ImplicitDeny, d)
	res, err := ev.Evaluate(evaluate.Request{Principal: userA, Action: "s3:GetObject", Resource: objA})
	require.Error(t, err, srcContract)
	require.Equal(t, evaluate.ImplicitDeny, res.Decision)
}

func TestAWSRulesNilPolicyDocumentIsAnErrorNotAnAllow(t *testing.T) {
	p := evaluate.Policies{Identity: []*policy.Document{parseDoc(t, allowAllDoc), nil}}
	res, err := evaluate.Evaluate(p, evaluate.Request{Principal: userA, Action: "s3:GetObject", Resource: objA})
	require.Error(t, err, srcContract)
	require.Equal(t, evaluate.ImplicitDeny, res.Decision)
}

// --- known engine bugs ------------------------------------------------------

// knownEngineBugs are cases where the engine's answer differs from AWS's,
// each written up as an AUDIT-n finding for the engine's owner. They are
// not run by default so that the suite stays green; CKSIAM_AUDIT_BUGS=1 runs
// them (each is expected to fail until fixed, then moves to the tables
// above).
func knownEngineBugs() []rule {
	emptyTags := func(c string) rule {
		return rule{p: pset{id: []string{pdoc(allowS("*", "*", cond(c)))}}, r: evaluate.Request{Principal: userA, Action: "s3:GetObject", Resource: objA, Context: evaluate.Context{"aws:TagKeys": {""}}}}
	}
	with := func(r rule, name, src string, want evaluate.Decision) rule {
		r.name, r.src, r.want = name, src, want
		return r
	}
	const nullSrc = srcMultiEx + " (\"You can prevent missing context keys or context keys with empty values from evaluating to true by including a Null condition operator ... with a value of false to check if the context key in the request exists and its value is not null\"); " + srcOperators + "#Conditions_Null; facts B.9"
	return []rule{
		with(emptyTags(`{"ForAllValues:StringEquals":{"aws:TagKeys":"env"},"Null":{"aws:TagKeys":"false"}}`),
			"AUDIT-9: Null false stops ForAllValues from holding on a key whose only value is empty", nullSrc, evaluate.ImplicitDeny),
		with(emptyTags(`{"Null":{"aws:TagKeys":"false"}}`),
			"AUDIT-9: Null false fails on a key whose only value is empty", nullSrc, evaluate.ImplicitDeny),
		with(emptyTags(`{"Null":{"aws:TagKeys":"true"}}`),
			"AUDIT-9: Null true holds on a key whose only value is empty", nullSrc, evaluate.Allowed),
		{name: "AUDIT-10: aws:userid of a federated user is ACCOUNT:caller-specified-name", src: "https://repost.aws/knowledge-center/iam-policy-variables-federated (\"The value for the aws:userid variable must be ACCOUNTNUMBER:caller-specified-name\"); " + srcVariables + " (principal key values table); STS API FederatedUser (\"123456789012:Bob\")",
			p: pset{id: []string{pdoc(allowS("s3:GetObject", "arn:aws:s3:::bucket/${aws:userid}/*"))}, session: allowAllDoc},
			r: evaluate.Request{Principal: fedA, Action: "s3:GetObject", Resource: "arn:aws:s3:::bucket/111122223333:carol/a.txt"}, want: evaluate.Allowed},
	}
}

func TestAWSRulesKnownEngineBugs(t *testing.T) {
	if os.Getenv("CKSIAM_AUDIT_BUGS") != "1" {
		t.Skip("known engine bugs: set CKSIAM_AUDIT_BUGS=1 to run them")
	}
	if len(knownEngineBugs()) == 0 {
		t.Skip("no known engine bugs")
	}
	for _, tc := range knownEngineBugs() {
		t.Run(tc.name, func(t *testing.T) { checkRule(t, tc) })
	}
}

// simRule is a SimulateCustomPolicy input and the decision the IAM policy
// simulator gives for it.
type simRule struct {
	name string
	src  string
	in   iam.SimulateCustomPolicyInput
	want evaluate.Decision
}

// simulatorRules (audit finding AUDIT-8, fixed): without a ResourcePolicy, the IAM policy simulator
// decides from the identity-based policies and the inputs given ("The IAM
// policy simulator evaluates statements in the identity-based policy and the
// inputs that you provide during simulation", SimulateCustomPolicy API
// reference); it cannot even be given a role's trust policy ("ResourcePolicy
// ... not supported for IAM roles", facts H.1).
func simulatorRules() []simRule {
	const apiRef = "https://docs.aws.amazon.com/IAM/latest/APIReference/API_SimulateCustomPolicy.html"
	return []simRule{
		{name: "the simulator allows kms:Decrypt on a key ARN when the identity policy allows it and no resource policy is given", src: apiRef + " (facts H.1, H.3)",
			in:   iam.SimulateCustomPolicyInput{PolicyInputList: []string{allowKMS}, ActionNames: []string{"kms:Decrypt"}, ResourceArns: []string{keyA}},
			want: evaluate.Allowed},
		{name: "the simulator allows sts:AssumeRole on a role ARN when the identity policy allows it", src: apiRef + " (ResourcePolicy is not supported for IAM roles; facts H.1)",
			in:   iam.SimulateCustomPolicyInput{PolicyInputList: []string{allowAssume}, ActionNames: []string{"sts:AssumeRole"}, ResourceArns: []string{targetA}},
			want: evaluate.Allowed},
		{name: "the simulator lets a ResourcePolicy naming the CallerArn user grant in the same account", src: apiRef + " (facts C.2 table, H.1)",
			in:   iam.SimulateCustomPolicyInput{PolicyInputList: []string{allowEC2}, ResourcePolicy: aws.String(pdoc(grantS("Allow", awsP(userA), "s3:GetObject"))), CallerArn: aws.String(userA), ActionNames: []string{"s3:GetObject"}, ResourceArns: []string{objA}},
			want: evaluate.Allowed},
		{name: "the simulator needs the caller's identity Allow when ResourceOwner is another account", src: apiRef + " (ResourceOwner; facts C.3, H.1)",
			in:   iam.SimulateCustomPolicyInput{PolicyInputList: []string{allowEC2}, ResourcePolicy: aws.String(pdoc(grantS("Allow", awsP(userA), "s3:GetObject"))), CallerArn: aws.String(userA), ResourceOwner: aws.String(rootB), ActionNames: []string{"s3:GetObject"}, ResourceArns: []string{objA}},
			want: evaluate.ImplicitDeny},
		{name: "the simulator allows a cross-account request both the ResourcePolicy and the identity policy allow", src: apiRef + " (ResourceOwner; facts C.3, H.1)",
			in:   iam.SimulateCustomPolicyInput{PolicyInputList: []string{allowS3}, ResourcePolicy: aws.String(pdoc(grantS("Allow", awsP(userA), "s3:GetObject"))), CallerArn: aws.String(userA), ResourceOwner: aws.String(rootB), ActionNames: []string{"s3:GetObject"}, ResourceArns: []string{objA}},
			want: evaluate.Allowed},
		{name: "the simulator applies an SCP Deny from OrderedOrganizationPolicyInputList", src: apiRef + " (facts H.1)",
			in:   iam.SimulateCustomPolicyInput{PolicyInputList: []string{allowS3}, OrderedOrganizationPolicyInputList: []types.OrderedOrganizationPolicyType{{ServiceControlPolicyInputList: []string{allowAllDoc, pdoc(denyS("s3:GetObject", "*"))}}}, ActionNames: []string{"s3:GetObject"}},
			want: evaluate.ExplicitDeny},
		{name: "the simulator limits the identity policy by the permissions boundary", src: apiRef + " (facts C.2, H.1)",
			in:   iam.SimulateCustomPolicyInput{PolicyInputList: []string{allowS3}, PermissionsBoundaryPolicyInputList: []string{allowEC2}, ActionNames: []string{"s3:GetObject"}},
			want: evaluate.ImplicitDeny},
		{name: "the simulator's decision for an action is the most restrictive across its resources", src: apiRef + " (facts H.2)",
			in:   iam.SimulateCustomPolicyInput{PolicyInputList: []string{allowS3, pdoc(denyS("s3:GetObject", "arn:aws:s3:::secret/*"))}, ActionNames: []string{"s3:GetObject"}, ResourceArns: []string{objA, "arn:aws:s3:::secret/x"}},
			want: evaluate.ExplicitDeny},
		{name: "the simulator reads an ip ContextEntry for IpAddress", src: apiRef + " (ContextEntries; facts H.1)",
			in:   iam.SimulateCustomPolicyInput{PolicyInputList: []string{pdoc(allowS("s3:*", "*", cond(`{"IpAddress":{"aws:SourceIp":"203.0.113.0/24"}}`)))}, ActionNames: []string{"s3:GetObject"}, ContextEntries: []types.ContextEntry{{ContextKeyName: aws.String("aws:SourceIp"), ContextKeyType: types.ContextKeyTypeEnumIp, ContextKeyValues: []string{"203.0.113.5"}}}},
			want: evaluate.Allowed},
		{name: "the simulator reads a date ContextEntry as in the CLI example", src: "AWS CLI simulate-custom-policy example (facts H.1, CLI-EX)",
			in:   iam.SimulateCustomPolicyInput{PolicyInputList: []string{`{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"dynamodb:*","Resource":"*","Condition":{"DateGreaterThan":{"aws:CurrentTime":"2018-08-16T12:00:00Z"}}}}`}, ActionNames: []string{"dynamodb:CreateBackup"}, ContextEntries: []types.ContextEntry{{ContextKeyName: aws.String("aws:CurrentTime"), ContextKeyType: types.ContextKeyTypeEnumDate, ContextKeyValues: []string{"2019-04-25T11:00:00Z"}}}},
			want: evaluate.Allowed},
	}
}

func TestAWSRulesSimulator(t *testing.T) {
	for _, tc := range simulatorRules() {
		t.Run(tc.name, func(t *testing.T) {
			out, err := evaluate.NewSimulator().SimulateCustomPolicy(context.Background(), &tc.in)
			require.NoError(t, err)
			require.Len(t, out.EvaluationResults, 1)
			r := out.EvaluationResults[0]
			require.Equal(t, string(tc.want), string(r.EvalDecision), "%s: %s (%s)", aws.ToString(r.EvalActionName), tc.name, tc.src)
		})
	}
}

// --- generated matching cases against a regexp reference --------------------

// globRegexp is the reference reading of an Action or Resource pattern
// (facts A.5, A.6, I): '*' any run, '?' one character, whole string; fold
// ignores case (actions).
func globRegexp(pattern string, fold bool) *regexp.Regexp {
	var b strings.Builder
	if fold {
		b.WriteString("(?is)")
	} else {
		b.WriteString("(?s)")
	}
	b.WriteString("^")
	for _, r := range pattern {
		switch r {
		case '*':
			b.WriteString(".*")
		case '?':
			b.WriteString(".")
		default:
			b.WriteString(regexp.QuoteMeta(string(r)))
		}
	}
	b.WriteString("$")
	return regexp.MustCompile(b.String())
}

// TestAWSRulesGeneratedMatching checks, for generated policies of 1, 20 and
// 70 Allow statements (so the engine's small, indexed and memoised paths all
// run), that a request is Allowed exactly when some statement's Action and
// Resource patterns match it under the documented wildcard rules: actions
// ignore case, resources do not, '*' and '?' anywhere (facts A.5, A.6, I).
func TestAWSRulesGeneratedMatching(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 11))
	services := []string{"kms", "cloudhsm", "ec2", "iam", "sts", "s3"}
	names := []string{"Decrypt", "Encrypt", "GetKeyPolicy", "DescribeClusters", "CreateVpc", "AssumeRole", "GetObject", "ListKeys", "CreateKey", "PutKeyPolicy"}
	objects := []string{"a/b.txt", "a/b/c.txt", "A/b.txt", "ab", "x:y/z", "key/1", ""}
	wild := func(s string) string {
		// Replace a random run with '*' or a random character with '?'.
		if s == "" || rng.IntN(4) == 0 {
			return s + "*"
		}
		i := rng.IntN(len(s))
		switch rng.IntN(4) {
		case 0:
			return s[:i] + "*"
		case 1:
			return "*" + s[i:]
		case 2:
			j := i + rng.IntN(len(s)-i+1)
			return s[:i] + "*" + s[j:]
		}
		return s[:i] + "?" + s[i+1:]
	}
	recase := func(s string) string {
		b := []byte(s)
		for i := range b {
			if rng.IntN(3) == 0 {
				b[i] ^= 0x20 * byte(boolInt(b[i] >= 'a' && b[i] <= 'z' || b[i] >= 'A' && b[i] <= 'Z'))
			}
		}
		return string(b)
	}
	type pat struct{ action, resource string }
	for _, size := range []int{1, 20, 70} {
		for round := 0; round < 40; round++ {
			pats := make([]pat, size)
			stmts := make([]string, size)
			for i := range pats {
				a := services[rng.IntN(len(services))] + ":" + names[rng.IntN(len(names))]
				if rng.IntN(2) == 0 {
					a = wild(a)
				}
				r := "arn:aws:s3:::bucket/" + objects[rng.IntN(len(objects))]
				if rng.IntN(2) == 0 {
					r = wild(r)
				}
				if rng.IntN(3) == 0 {
					a = recase(a)
				}
				pats[i] = pat{a, r}
				stmts[i] = allowS(a, r)
			}
			p := pset{id: []string{pdoc(stmts...)}}.build(t)
			ev, err := evaluate.Compile(p)
			require.NoError(t, err)
			for q := 0; q < 25; q++ {
				action := recase(services[rng.IntN(len(services))] + ":" + names[rng.IntN(len(names))])
				resource := "arn:aws:s3:::bucket/" + objects[rng.IntN(len(objects))]
				if strings.HasSuffix(resource, "/") {
					resource += "o"
				}
				want := evaluate.ImplicitDeny
				for _, pt := range pats {
					if globRegexp(pt.action, true).MatchString(action) && globRegexp(pt.resource, false).MatchString(resource) {
						want = evaluate.Allowed
						break
					}
				}
				d, err := ev.Decide(evaluate.Request{Principal: userA, Action: action, Resource: resource})
				require.NoError(t, err)
				require.Equal(t, want, d, "size %d round %d: %s on %s against %v", size, round, action, resource, pats)
			}
		}
	}
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}
