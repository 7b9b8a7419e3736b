package simulator

import (
	"errors"
	"strings"
	"unicode/utf8"

	"github.com/aws/aws-sdk-go-v2/service/iam/types"

	"github.com/cksiam/cksiam/policy"
	"github.com/cksiam/cksiam/policy/catalog"
)

// parseSource parses one submitted policy, checking the API's length limit
// (aws-rules H.1), and keeps its statements' positions for MatchedStatements.
func parseSource(text, id string, typ types.PolicySourceType) (source, error) {
	if n := utf8.RuneCountInString(text); n < 1 || n > maxPolicyChars {
		return source{}, invalidInput("%s: a policy must have 1 to %d characters, got %d", id, maxPolicyChars, n)
	}
	doc, spans, err := policy.ParseWithSpans([]byte(text))
	if err != nil {
		return source{}, invalidInput("%s: %s", id, err.Error())
	}
	return source{doc: doc, id: id, typ: typ, spans: spans, starts: reportedStarts(text, spans)}, nil
}

// reportedStarts are the StartPositions the IAM policy simulator reports
// for a policy's statements: where its JSON reader stood before reading
// each statement. Published outputs pin this down (aws-rules H.2):
//   - a lone statement object ("Statement":{...}) starts just after its
//     '{' (the AWS CLI example: '{' at column 37, reported Column 38);
//   - the first statement of an array starts just after the '[' (a
//     recorded response: "Statement":[{ with '{' at column 41 reported
//     Column 41, and at column 38 reported Column 38);
//   - a later one starts where the one before it ended, just after its '}'
//     (the same response: EndPosition Column 248, next StartPosition 248).
//
// EndPosition is just after the statement's '}' in every case.
func reportedStarts(text string, spans []policy.Span) []policy.Position {
	out := make([]policy.Position, len(spans))
	for i, sp := range spans {
		j := sp.Start.Offset - 1
		for j >= 0 && (text[j] == ' ' || text[j] == '\t' || text[j] == '\n' || text[j] == '\r') {
			j--
		}
		switch {
		case j >= 0 && text[j] == ',' && i > 0:
			out[i] = spans[i-1].End
		case j >= 0 && text[j] == '[':
			out[i] = positionAfter(text, j, sp.Start)
		default:
			out[i] = policy.Position{Offset: sp.Start.Offset + 1, Line: sp.Start.Line, Column: sp.Start.Column + 1}
		}
	}
	return out
}

// positionAfter is the position just after the ASCII character at byte
// offset j, found from the later position ref.
func positionAfter(text string, j int, ref policy.Position) policy.Position {
	line := ref.Line - strings.Count(text[j:ref.Offset], "\n")
	lineStart := strings.LastIndexByte(text[:j], '\n') + 1
	return policy.Position{Offset: j + 1, Line: line, Column: utf8.RuneCountInString(text[lineStart:j]) + 2}
}

// checkCaller accepts the caller types SimulateCustomPolicy accepts: IAM
// users, groups and roles — not sessions, federated users or services
// (aws-rules H.1). A group caller is simulated as a user of that account.
func (sim *simulation) checkCaller(arn string) error {
	if arn == "" {
		return nil
	}
	a, err := policy.ParseARN(arn)
	if err != nil || a.Service != "iam" || !policy.IsAccountID(a.Account) {
		return invalidInput("CallerArn: %q is not an IAM user, group or role ARN", arn)
	}
	switch {
	case lastSegment(a.Resource) == "":
		return invalidInput("CallerArn: %q names no user, group or role", arn)
	case sim.resource != nil && !strings.HasPrefix(a.Resource, "user/"):
		// With a resource policy AWS takes only a user as the caller:
		// "Invalid caller - Caller must be an IAM user in this context"
		// (AWS's error, quoted in a 2025 write-up that also reports
		// SimulateCustomPolicy refusing a role caller with a
		// ResourcePolicy; the API reference formerly said "You can
		// specify only the ARN of an IAM user").
		return invalidInput("CallerArn: %q: invalid caller - caller must be an IAM user when ResourcePolicy is given", arn)
	case strings.HasPrefix(a.Resource, "user/"), strings.HasPrefix(a.Resource, "role/"):
		sim.caller = arn
	case strings.HasPrefix(a.Resource, "group/"):
		sim.caller = "arn:" + a.Partition + ":iam::" + a.Account + ":user/" + lastSegment(a.Resource)
	default:
		return invalidInput("CallerArn: %q is not an IAM user, group or role ARN; sessions, federated users and services cannot be simulated callers", arn)
	}
	return nil
}

func (sim *simulation) checkOwner(owner string) error {
	if owner == "" {
		return nil
	}
	a, err := policy.ParseARN(owner)
	if err != nil || a.Service != "iam" || a.Resource != "root" || !policy.IsAccountID(a.Account) {
		return invalidInput("ResourceOwner: %q must be an account ARN such as arn:aws:iam::111122223333:root", owner)
	}
	sim.owner = a.Account
	return nil
}

func (sim *simulation) checkResources(arns []string) error {
	if len(arns) == 0 {
		sim.resources, sim.defaultResource = []string{"*"}, true
		return nil
	}
	for i, r := range arns {
		if n := utf8.RuneCountInString(r); n < 1 || n > maxResourceChars {
			return invalidInput("ResourceArns.%d: a resource must have 1 to %d characters", i+1, maxResourceChars)
		}
		if r != "*" {
			if _, err := policy.ParseARN(r); err != nil {
				return invalidInput("ResourceArns.%d: %q is not an ARN", i+1, r)
			}
		}
	}
	sim.resources = arns
	return nil
}

// checkActions refuses action names that are not one action, and, unless
// newer, names the service catalog does not know, with the action it
// probably meant.
func checkActions(names []string, newer bool) error {
	if len(names) == 0 {
		return invalidInput("ActionNames: at least one action is required")
	}
	for i, a := range names {
		if n := utf8.RuneCountInString(a); n < minActionNameChars || n > maxActionNameChars {
			return invalidInput("ActionNames.%d: an action name must have %d to %d characters", i+1, minActionNameChars, maxActionNameChars)
		}
		if strings.ContainsAny(a, "*?") {
			return invalidInput("ActionNames.%d: %q: wildcards are not allowed in simulated action names", i+1, a)
		}
		_, err := catalog.Default().CheckAction(a)
		var ae *catalog.ActionError
		switch {
		case err == nil:
		case !errors.As(err, &ae) || errors.Is(ae.Err, catalog.ErrNotOneAction):
			return invalidInput("ActionNames.%d: %q is not of the form service:Action", i+1, a)
		case !newer:
			return invalidInput("ActionNames.%d: %s (for an action newer than the catalog, use the ActionsNewerThanCatalog option)", i+1, err.Error())
		}
	}
	return nil
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// ec2ScenarioResources are the EC2 resource types each
// ResourceHandlingOption requires in ResourceArns: "By specifying the type
// of simulation to run, you enable the policy simulator to enforce the
// presence of the required resources" (SimulateCustomPolicy API reference,
// ResourceHandlingOption; aws-rules H.1).
var ec2ScenarioResources = map[string][]string{
	"EC2-VPC-InstanceStore":        {"instance", "image", "security-group", "network-interface"},
	"EC2-VPC-InstanceStore-Subnet": {"instance", "image", "security-group", "network-interface", "subnet"},
	"EC2-VPC-EBS":                  {"instance", "image", "security-group", "network-interface", "volume"},
	"EC2-VPC-EBS-Subnet":           {"instance", "image", "security-group", "network-interface", "subnet", "volume"},
}

// checkScenario refuses a ResourceHandlingOption whose required EC2
// resources are not all among the resources.
func checkScenario(option string, resources []string) error {
	have := map[string]bool{}
	for _, r := range resources {
		if a, err := policy.ParseARN(r); err == nil && a.Service == "ec2" {
			typ, _, _ := strings.Cut(a.Resource, "/")
			have[typ] = true
		}
	}
	for _, typ := range ec2ScenarioResources[option] {
		if !have[typ] {
			return invalidInput("ResourceHandlingOption: %s requires an ec2 %s ARN in ResourceArns (it needs %s)", option, typ, strings.Join(ec2ScenarioResources[option], ", "))
		}
	}
	return nil
}

// lastSegment is what follows the last '/' of an IAM resource path.
func lastSegment(s string) string {
	return s[strings.LastIndexByte(s, '/')+1:]
}
