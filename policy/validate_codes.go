package policy

// The stable codes of the findings Validate reports. A code never changes
// meaning once published; the severity that goes with it may depend on the
// document kind (for example MISSING_VERSION is an error in a key policy and
// a warning in an identity policy). Each comment names the finding's path.
const (
	// CodeUnknownKind: the Kind passed to Validate is not one of the
	// defined kinds; only kind-independent checks ran. Path "".
	CodeUnknownKind = "UNKNOWN_KIND"
	// CodeMissingVersion: no Version element. Policy variables are then
	// literal text and newer features are unavailable (aws-rules A.2). An error
	// for key policies, SCPs and RCPs, which must say "2012-10-17". Path "".
	CodeMissingVersion = "MISSING_VERSION"
	// CodeUnknownVersion: Version is neither "2012-10-17" nor "2008-10-17".
	// Path "Version".
	CodeUnknownVersion = "UNKNOWN_VERSION"
	// CodeOldVersion: Version is "2008-10-17", which has no policy
	// variables. An error where "2012-10-17" is required (key policies,
	// SCPs, RCPs). Path "Version".
	CodeOldVersion = "OLD_VERSION"
	// CodeIDNotAllowed: an Id element in an identity-based policy
	// (identity policy, permissions boundary, session policy), where the
	// grammar says it must not appear (aws-rules A.1, A.3). Path "Id".
	CodeIDNotAllowed = "ID_NOT_ALLOWED"
	// CodeMissingStatement: the document has no statement. Path "Statement".
	CodeMissingStatement = "MISSING_STATEMENT"
	// CodeInvalidDocument: the document cannot be written as JSON (Compact
	// fails) for a reason no other finding names. Path from the writer's
	// error.
	CodeInvalidDocument = "INVALID_DOCUMENT"
	// CodePolicySizeExceeded: the document is larger than the quota of its
	// kind (aws-rules D; see Quota). Path "".
	CodePolicySizeExceeded = "POLICY_SIZE_EXCEEDED"

	// CodeInvalidSid: the Sid has characters the kind does not allow
	// (IAM and Organizations policies: ASCII letters and digits only; key
	// and resource policies: printable characters, spaces included —
	// aws-rules A.3). Path "Statement[i].Sid".
	CodeInvalidSid = "INVALID_SID"
	// CodeDuplicateSid: two statements share a Sid. IAM requires Sids to be
	// unique (aws-rules A.3). Path "Statement[i].Sid" of the later statement.
	CodeDuplicateSid = "DUPLICATE_SID"
	// CodeInvalidEffect: Effect is not exactly "Allow" or "Deny"
	// (aws-rules A.3); reported for documents built in Go. Path "Statement[i].Effect".
	CodeInvalidEffect = "INVALID_EFFECT"
	// CodeConflictingElements: a statement has both elements of a pair that
	// may not appear together (Principal/NotPrincipal, Action/NotAction,
	// Resource/NotResource — aws-rules A.1). Path of the second element.
	CodeConflictingElements = "CONFLICTING_ELEMENTS"

	// CodePrincipalNotAllowed: a Principal element in a kind that has none
	// (identity policy, permissions boundary, session policy, SCP —
	// aws-rules A.1). Path "Statement[i].Principal".
	CodePrincipalNotAllowed = "PRINCIPAL_NOT_ALLOWED"
	// CodeNotPrincipalNotAllowed: a NotPrincipal element in a kind that
	// refuses it (every kind but resource policies — aws-rules A.4, C.5; RCP
	// syntax). Path "Statement[i].NotPrincipal".
	CodeNotPrincipalNotAllowed = "NOT_PRINCIPAL_NOT_ALLOWED"
	// CodeMissingPrincipal: no Principal in a kind that requires one
	// (resource, key and trust policies, RCPs). Path "Statement[i]".
	CodeMissingPrincipal = "MISSING_PRINCIPAL"
	// CodeInvalidPrincipal: a principal value that is empty, mixes "*"
	// with typed principals, or has a partial wildcard or a malformed
	// account or ARN (aws-rules A.4). Path "Statement[i].Principal.AWS[j]" or
	// "Statement[i].Principal".
	CodeInvalidPrincipal = "INVALID_PRINCIPAL"
	// CodeDeletedPrincipal (warning): an AWS principal value that is the
	// unique ID of an IAM user or role (AIDA…, AROA…), which IAM shows in a
	// resource-based policy once the user or role is deleted. AWS keeps and
	// evaluates the document; the value matches no one (aws-rules A.4).
	// Path "Statement[i].Principal.AWS[j]".
	CodeDeletedPrincipal = "DELETED_PRINCIPAL"
	// CodeRCPPrincipalNotWildcard: an RCP statement whose Principal is not
	// the string "*", the only value RCPs accept (Organizations RCP
	// syntax). Path "Statement[i].Principal".
	CodeRCPPrincipalNotWildcard = "RCP_PRINCIPAL_NOT_WILDCARD"
	// CodeNotPrincipalWithAllow: NotPrincipal with Allow grants the
	// statement to everyone not listed, anonymous callers included
	// (aws-rules A.4, C.6). Security warning. Path "Statement[i].NotPrincipal".
	CodeNotPrincipalWithAllow = "NOT_PRINCIPAL_WITH_ALLOW"
	// CodePublicPrincipal: Allow to the principal "*" (everyone, anonymous
	// callers included). Always reported in trust policies (aws-rules A.4);
	// in resource and key policies only when the statement has no
	// Condition. Security warning. Path "Statement[i].Principal" or
	// "Statement[i].Principal.AWS[j]".
	CodePublicPrincipal = "PUBLIC_PRINCIPAL"

	// CodeMissingAction: neither Action nor NotAction. Path "Statement[i]".
	CodeMissingAction = "MISSING_ACTION"
	// CodeMalformedAction: an action that is not "*" or
	// "service-prefix:ActionName" (wildcards '*' and '?' allowed in the
	// name — aws-rules A.5). Path "Statement[i].Action[j]".
	CodeMalformedAction = "MALFORMED_ACTION"
	// CodeAllowWithNotAction: NotAction with Allow grants every other
	// action of every service (aws-rules A.5). Security warning. Path
	// "Statement[i].NotAction".
	CodeAllowWithNotAction = "ALLOW_WITH_NOT_ACTION"
	// CodeNotActionNotSupported: NotAction in an RCP (Organizations RCP
	// syntax: unsupported elements) or a key policy (KMS: a key-policy
	// statement has at most Sid, Effect, Principal, Action, Resource and
	// Condition). Path "Statement[i].NotAction".
	CodeNotActionNotSupported = "NOT_ACTION_NOT_SUPPORTED"
	// CodeAllowAllActions: Allow of the action "*" (every action of every
	// service) in an identity or resource policy. Security warning. Path
	// "Statement[i].Action[j]".
	CodeAllowAllActions = "ALLOW_ALL_ACTIONS"
	// CodeFullServiceAccess: Allow of "service:*" on the resource "*"
	// without a Condition in an identity policy, such as kms:* on every
	// key. Security warning. Path "Statement[i].Action[j]".
	CodeFullServiceAccess = "FULL_SERVICE_ACCESS"
	// CodeInvalidTrustAction: a trust-policy action that matches none of
	// sts:AssumeRole, sts:AssumeRoleWithSAML, sts:AssumeRoleWithWebIdentity,
	// sts:TagSession, sts:SetSourceIdentity, sts:SetContext (aws-rules A.1).
	// Path "Statement[i].Action[j]".
	CodeInvalidTrustAction = "INVALID_TRUST_ACTION"
	// CodeRCPAllow: an RCP statement with Allow; only the AWS-managed
	// RCPFullAWSAccess may allow (Organizations RCP syntax). Path
	// "Statement[i].Effect".
	CodeRCPAllow = "RCP_ALLOW"
	// CodeRCPActionWildcard: the action "*" in an RCP, which must name the
	// service (Organizations RCP syntax). Path "Statement[i].Action[j]".
	CodeRCPActionWildcard = "RCP_ACTION_WILDCARD"

	// CodeMissingResource: neither Resource nor NotResource. Allowed in
	// trust policies (aws-rules A.1); a warning in SCPs and resource policies,
	// where AWS documents examples without one (SCP syntax page; ECR and
	// SNS policies); an error elsewhere. Path "Statement[i]".
	CodeMissingResource = "MISSING_RESOURCE"
	// CodeResourceNotAllowed: Resource or NotResource in a role trust
	// policy, which IAM refuses ("Has prohibited field Resource"): the role
	// is the resource (aws-rules A.1). Path "Statement[i].Resource" or
	// "Statement[i].NotResource".
	CodeResourceNotAllowed = "RESOURCE_NOT_ALLOWED"
	// CodeAllowWithNotResource: NotResource with Allow grants every other
	// resource (aws-rules A.6). Security warning. Path "Statement[i].NotResource".
	CodeAllowWithNotResource = "ALLOW_WITH_NOT_RESOURCE"
	// CodeNotResourceNotSupported: NotResource in a key policy, whose
	// statements have only Resource (see CodeNotActionNotSupported). Path
	// "Statement[i].NotResource".
	CodeNotResourceNotSupported = "NOT_RESOURCE_NOT_SUPPORTED"
	// CodeMalformedARN: a Resource or NotResource value that is neither "*"
	// nor an ARN (pattern). Path "Statement[i].Resource[j]".
	CodeMalformedARN = "MALFORMED_ARN"
	// CodeIncompleteARNPattern: a Resource or NotResource value that starts
	// "arn:" and holds a *, but is not a complete ARN ("arn:aws:sqs:*").
	// A warning: AWS accepts such patterns (its own managed policies use
	// them), and * matching across colons makes them patterns over whole
	// ARNs. Path "Statement[i].Resource[j]".
	CodeIncompleteARNPattern = "INCOMPLETE_ARN_PATTERN"
	// CodeWildcardInService: a wildcard in the service part of a resource
	// ARN, which AWS does not allow (aws-rules A.6). Path
	// "Statement[i].Resource[j]".
	CodeWildcardInService = "WILDCARD_IN_SERVICE"
	// CodeKeyPolicyResource: a key-policy Resource other than "*"; in a key
	// policy "*" means "this key" (aws-rules C.4, E.1). Warning. Path
	// "Statement[i].Resource[j]".
	CodeKeyPolicyResource = "KEY_POLICY_RESOURCE"

	// CodeVariableLiteral: "${...}" in a document whose Version is not
	// 2012-10-17, where it is literal text, not a policy variable
	// (aws-rules A.2, A.8). A security warning in Deny statements (the deny silently
	// stops applying), a warning otherwise. Path of the value.
	CodeVariableLiteral = "POLICY_VARIABLE_LITERAL"
	// CodeVariableOutsideResourcePart: a policy variable in the partition,
	// service, region or account part of an ARN, where the IAM User Guide
	// says variables cannot go (aws-rules A.6). A warning: AWS's own managed
	// policies do it (AmazonTimestreamInfluxDBServiceRolePolicy), so AWS
	// stores and evaluates such documents. Path "Statement[i].Resource[j]".
	CodeVariableOutsideResourcePart = "POLICY_VARIABLE_OUTSIDE_RESOURCE_PART"
	// CodeMalformedVariable: a policy variable "${}" with an empty name,
	// or one whose name holds "${" ("${${aws:username}}"): it names no
	// condition key, so it never has a value and the value or Resource
	// holding it never matches (aws-rules A.8). Path of the value.
	CodeMalformedVariable = "MALFORMED_POLICY_VARIABLE"
	// CodeVariableNotSupported: a policy variable in the value of an
	// operator that does not take variables: Numeric, Date, Binary,
	// IpAddress, Null (an error); Bool (a warning — the AWS pages
	// disagree, aws-rules A.8). Path of the value.
	CodeVariableNotSupported = "POLICY_VARIABLE_NOT_SUPPORTED"

	// CodeUnknownOperator: a condition operator that is not one of
	// aws-rules B, as a document built in Go may have. Path
	// "Statement[i].Condition.Operator".
	CodeUnknownOperator = "UNKNOWN_OPERATOR"
	// CodeNoncanonicalOperator: an operator spelled in another case than
	// AWS documents it ("stringequals"); AWS does not document whether
	// operator names are case-sensitive (aws-rules A.7). Warning. Path
	// "Statement[i].Condition.operator".
	CodeNoncanonicalOperator = "NONCANONICAL_OPERATOR"
	// CodeDuplicateCondition: the same operator twice in one Condition, or
	// the same key twice under one operator (keys compare ignoring case,
	// aws-rules A.7). Path of the second occurrence.
	CodeDuplicateCondition = "DUPLICATE_CONDITION"
	// CodeEmptyCondition: a condition operator with no keys, a key with no
	// values, or an empty key name. Path of the element.
	CodeEmptyCondition = "EMPTY_CONDITION"
	// CodeInvalidConditionValue: a condition value that its operator cannot
	// read: Numeric (decimal), Date (ISO 8601 or epoch seconds), Bool and
	// Null ("true"/"false"), IpAddress (IPv4/IPv6 address or CIDR),
	// BinaryEquals (base64) — aws-rules B.4–B.9; exactly the values
	// ReadValue refuses. Path
	// "Statement[i].Condition.Operator.Key[k]".
	CodeInvalidConditionValue = "INVALID_CONDITION_VALUE"
	// CodeAmbiguousDate: a Date value of four digits ("2020") or of eight
	// digits forming a calendar date ("20200101"), which is both epoch
	// seconds and a calendar date (see package value). A warning: the
	// evaluator lets the condition hold only where both readings agree.
	// Path "Statement[i].Condition.Operator.Key[k]".
	CodeAmbiguousDate = "AMBIGUOUS_DATE"
	// CodeOverlyPermissiveCondition: in a key policy, ForAllValues: on
	// kms:EncryptionContext:<key> or aws:RequestTag/<key>, keys that carry
	// one value; AWS KMS refuses to create or update such a key policy
	// (OverlyPermissiveCondition). An error: see aws-rules E.3. Key
	// policies saved before KMS refused them still exist, so the evaluate
	// package still decides with them. Path
	// "Statement[i].Condition.Operator.Key".
	CodeOverlyPermissiveCondition = "OVERLY_PERMISSIVE_CONDITION"
)
