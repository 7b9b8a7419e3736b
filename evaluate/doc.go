// Package evaluate decides AWS requests offline the way AWS IAM does: given
// the policies that take part (identity policies, a resource policy such as
// a KMS key policy or a role trust policy, a permissions boundary, a session
// policy, SCPs and RCPs per organization level) and a request (principal,
// action, resource, condition context), it answers allowed, explicitDeny or
// implicitDeny, and explains why.
//
// It exists so that tests, tooling and reviews can prove who may do what
// without calling AWS: the answer must be the one AWS would give, so the
// engine follows the documented evaluation logic (explicit deny wins; every
// SCP level must allow; RCPs restrict; resource and identity policies grant,
// limited by the boundary and the session policy) and fails closed on
// anything it cannot evaluate.
//
// The one-line check:
//
//	res, err := evaluate.Evaluate(evaluate.Policies{Identity: []*policy.Document{doc}},
//		evaluate.Request{
//			Principal: "arn:aws:iam::111122223333:user/alice",
//			Action:    "kms:CreateCustomKeyStore",
//			Resource:  "*",
//		})
//	// res.Decision == evaluate.Allowed; res.Statements names the statement.
//
// Evaluate checks every document as Compile does, but compiles only the
// statements whose Action or NotAction matches the request's action: its
// Result is the compiled path's, at a fraction of the cost of compiling
// everything for one decision.
//
// The compiled path, for many requests against the same policies:
//
//	ev, err := evaluate.Compile(policies) // once; safe for concurrent use
//	d, err := ev.Decide(req)              // nanoseconds, no allocation
//	res, err := ev.Evaluate(req)          // the same decision, explained
//	err = ev.Explain(req, &x)             // explained into x, reused from request to request
//
// # Readings the engine takes
//
// A request names one resource. A '*' or '?' in Request.Resource (other
// than the Resource "*" of actions without a resource) is a literal
// character of its name: the policies' patterns match it as they match any
// name, so "Resource": "arn:aws:s3:::bucket/*" matches the request
// arn:aws:s3:::bucket/* and "arn:aws:s3:::bucket/abc" does not. Evaluate
// says so in a LITERAL_WILDCARD_RESOURCE diagnostic.
//
// A resource ARN must be written as AWS writes ARNs: a known partition,
// service and Region in lower case, an account part that is a 12-digit ID,
// "aws" or empty, and KMS and IAM resource types in lower case. Other
// spellings are refused (Request.Resource), never decided by a weaker path
// than the key-policy, trust-policy and cross-account rules their canonical
// form meets. A KMS alias ARN is a resource only of CreateAlias,
// DeleteAlias and UpdateAlias; other kms operations are authorized on the
// key the alias points to, so a request naming an alias for them is
// refused: name the key ARN.
//
// Key and trust policies are recognised from the request: when the action
// is a kms action and the resource is a KMS key ARN
// (arn:aws:kms:…:key/…), Policies.Resource is that key's key policy; when
// the action is sts:AssumeRole* (or sts:TagSession, sts:SetSourceIdentity,
// sts:SetContext) and the resource is an IAM role ARN, Policies.Resource is
// that role's trust policy. Such a policy does not trust its account
// implicitly: identity policies count only when it allows the caller's
// account principal, and naming the caller grants directly (aws-rules C.4,
// C.5). A key request without a key policy, or a role assumption without a
// trust policy, is implicitDeny with a diagnostic.
//
// In the same account a resource-policy Allow that names the caller's
// session, user, or everyone ("*") grants on its own; one that names the
// caller's role is still limited by the boundary and the session policy;
// one that names the account delegates to the identity policies. Across
// accounts both the resource policy and the caller's identity policies must
// allow (aws-rules C.2, C.3).
//
// Trust policies are the exception for IAM users: a trust policy that names
// a user (or everyone) lets the user assume the role only when the user's
// permissions boundary, if any, allows the action ("If a permissions
// boundary is set for the user, then it must allow the sts:AssumeRole
// action", https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_update-role-trust-policy.html).
// No KMS page makes such an exception for key policies, so a key policy
// that names a user grants it whatever its boundary says, as the IAM User
// Guide says of resource-based policies that name a user
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html,
// https://docs.aws.amazon.com/kms/latest/developerguide/key-policies.html);
// so does a trust policy that names a role session. Where such a reading
// let a request past a boundary or session policy that does not allow it,
// Evaluate says so in a DIRECT_GRANT_READING diagnostic.
//
// A Deny with NotPrincipal exempts the caller only when every level of its
// identity is listed (account, user; or account, role, session), and never
// exempts an IAM user or role session that has a permissions boundary (as
// the IAM User Guide says of NotPrincipal). An Allow with NotPrincipal
// excludes a caller when any level is listed.
//
// Compile checks every document against the policy grammar with
// policy.Validate (the grammar all resource policies share for
// Policies.Resource, whose kind depends on the request) and refuses one
// that breaks it, with an error naming the element: a malformed action or
// resource, a principal with a partial wildcard, an unknown Version… would
// otherwise match nothing, and a Deny that matches nothing fails open. The
// size quotas and the RCP rules that only RCPFullAWSAccess escapes are
// limits on what customers may create, not on what AWS reads, so they are
// not checked; neither is the catalog (an action newer than the catalog is
// valid). Resource values such as "arn:aws:sqs:*", which the IAM User Guide
// documents and AWS managed policies use, are read as patterns.
// CheckPolicies runs Compile's checks alone: Compile's error, or nil,
// without building an evaluator. The option
// LooseDocuments reads documents that break the grammar fail-closed
// instead, with an UNREADABLE_STATEMENT diagnostic: an unreadable Action,
// NotAction, Resource or NotResource value is read as "*" where that makes
// a Deny apply more or an Allow apply less, and as matching nothing where
// that does; any other unreadable statement applies to every request as a
// Deny and never applies as an Allow.
//
// A condition entry whose value cannot be read for its operator (a bad
// number, date, CIDR, ARN pattern, boolean or base64 — by policy.Validate
// or by the operator's reader — or an unreadable request value) is neither
// true nor false. The statement's conditions are then: false when another
// entry of the statement is certainly false (the entries AND together, so
// no reading of the unreadable one could make them hold), and undecidable
// otherwise. An undecidable Allow does not apply; an undecidable Deny does
// (fail closed). A diagnostic says so either way. Values are read by
// policy.ReadValue (package policy/value), the reader Validate uses, so a
// value Validate accepts is one the engine reads. An all-digit date that
// is both a year and epoch seconds ("2020") decides a condition only where
// both readings agree; elsewhere it is undecidable in the same way
// (diagnostic AMBIGUOUS_DATE). So does an IPv6 address written without a
// prefix length, which is one address or, by the operators page's default
// prefix /32, a block (diagnostic AMBIGUOUS_IP).
//
// A request's condition keys ignore ASCII case, as AWS's key names do; a
// request whose Context holds two keys that differ only in case
// ("aws:sourcevpc" and "AWS:SOURCEVPC") says two things about one key and
// is refused with an error naming both (Context.Check says the same
// beforehand). Request fields are bounded by AWS's own limits (an action
// of MaxActionLength characters, ARNs of MaxARNLength, context keys and
// values of MaxContextKeyLength and MaxContextValueLength).
//
// A request that names a multivalued key without ForAllValues/ForAnyValue
// matches a positive operator when any of its values matches, and a negated
// operator when none does.
//
// Implied context: when the request's Context lacks them, aws:PrincipalArn
// (for a role session the role ARN arn:aws:iam::ACCOUNT:role/NAME, without
// path; for a session of a role whose name says it has a path,
// AWSReservedSSO_… or AWSServiceRoleFor…, a condition on aws:PrincipalArn
// cannot be decided unless Context gives it: diagnostic
// PRINCIPAL_ARN_PATH_UNKNOWN), aws:PrincipalAccount, aws:PrincipalType, aws:username (IAM users),
// aws:userid (root user only), aws:PrincipalIsAWSService,
// aws:PrincipalServiceName (service principals), aws:ResourceAccount and,
// for kms actions, kms:CallerAccount are filled in. Time keys
// (aws:CurrentTime, aws:EpochTime) are not: pass them for a reproducible
// answer.
//
// SCPs do not apply to service principals nor to service-linked roles (a
// role whose ARN path is /aws-service-role/; a role session, whose ARN has
// no path, when its role name starts with AWSServiceRoleFor). RCPs govern
// only the services on AWS's list of services that support them, only
// requests that name a resource (not "*"), never kms:RetireGrant, never
// calls made by service-linked roles, and never a service assuming its
// service-linked role.
//
// KMS grants (Policies.Grants) are a third way to allow, beside key and
// IAM policies (docs.aws.amazon.com/kms/latest/developerguide/grants.html):
// a grant on the requested key whose grantee is the caller and whose
// operations include the action allows it, with no key-policy delegation
// and no IAM policy, also across accounts; any Deny, the SCPs and the RCPs
// still apply, and the key policy must be given (its Deny statements
// apply). A grant to a role covers the role's sessions; one to a session,
// that session. EncryptionContextEquals and EncryptionContextSubset
// compare keys without regard to case and values with it, and apply only
// to operations that take an encryption context (not DescribeKey,
// RetireGrant, Sign…) (docs.aws.amazon.com/kms/latest/APIReference/API_GrantConstraints.html).
// CreateGrant allowed only by a grant creates only grants within it
// (Request.NewGrant: its operations, equally strict or stricter
// constraints; create-grant-overview.html#grant-creategrant). Who may
// call kms:RetireGrant is decided by the grant named in Request.GrantId —
// its retiring principal, its grantee when it allows RetireGrant, its
// issuing account and the account that owns the key, and the principals
// those accounts' IAM policies allow —
// and an Allow of kms:RetireGrant in a key policy has no effect
// (grant-delete.html). Result.GrantId names the grant that allowed.
//
// Where AWS's documents are silent on grants the engine reads them as
// follows, each an Option, and a Result carries a diagnostic when the
// reading decided:
//   - a permissions boundary or session policy that does not allow the
//     action limits a grant as it limits a key-policy statement naming the
//     grantee: a grant to a role is limited, one to a user or session is
//     not (GrantBoundaries; DiagGrantBoundaryReading);
//   - a grant to an account ("arn:aws:iam::444455556666:root") is read as
//     that account in a key policy: its root user may use it, its other
//     principals when their IAM policies allow the operation on the key
//     (AccountGrantees; DiagGrantAccountGrantee; the developer guide shows
//     such grants, determining-access-grants.html, without saying);
//   - the SourceArn constraint holds when the request's aws:SourceArn
//     equals it, for every operation but RetireGrant, as the API reference
//     describes it (GrantSourceArn; DiagGrantSourceArn); a parent grant's
//     SourceArn must be kept by the grants it lets its grantee create;
//   - a grant carrying both EncryptionContextEquals and
//     EncryptionContextSubset is refused by Compile, as Access Analyzer's
//     grant configuration allows only one;
//   - kms:RetireGrant without Request.GrantId is decided only as the key's
//     account delegating kms:RetireGrant through IAM policies
//     (DiagRetireGrantUnnamed).
//
// Facts about the key and the caller are given once, in Policies: Key
// (DescribeKey, ListResourceTags) implies kms:KeyOrigin, kms:KeySpec,
// kms:KeyUsage, kms:MultiRegion, kms:MultiRegionKeyType and
// aws:ResourceTag/<key> for requests on that key; PrincipalTags implies
// aws:PrincipalTag/<key>; Request.EncryptionContext implies
// kms:EncryptionContext:<key> and kms:EncryptionContextKeys; the grant a
// CreateGrant request creates (Request.NewGrant) implies
// kms:GranteePrincipal, kms:RetiringPrincipal, kms:GrantOperations,
// kms:GrantConstraintType and their service-principal and SourceArn
// companions. A key implied this way may not also be given in
// Request.Context. The tag and
// encryption-context key part of those names compares without regard to
// case, as condition key names do, so tags or an encryption context with
// two keys that differ only in case are refused (Compile, Evaluate).
//
// A KMS operation that AWS does not allow across accounts (everything but
// the cryptographic operations, CreateGrant, DescribeKey,
// GetKeyRotationStatus, GetPublicKey, ListGrants, RetireGrant and
// RevokeGrant) on a key in another account is implicitDeny, with a
// diagnostic, whatever the policies allow.
//
// Comments cite the AWS rules the code follows as "aws-rules C.2": section
// C.2 of the project's reference, docs/aws-rules.md
// (https://github.com/cksiam/cksiam/blob/main/docs/aws-rules.md), which
// names the AWS documentation page of each rule.
package evaluate
