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
// The compiled path, for many requests against the same policies:
//
//	ev, err := evaluate.Compile(policies) // once; safe for concurrent use
//	d, err := ev.Decide(req)              // nanoseconds, no allocation
//	res, err := ev.Evaluate(req)          // the same decision, explained
//
// # Readings the engine takes
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
// A Deny with NotPrincipal exempts the caller only when every level of its
// identity is listed (account, user; or account, role, session), and never
// exempts an IAM user or role session that has a permissions boundary (as
// the IAM User Guide says of NotPrincipal). An Allow with NotPrincipal
// excludes a caller when any level is listed.
//
// A condition value that cannot be read for its operator (a bad number,
// date, CIDR, ARN pattern, boolean, base64, or an unreadable request value)
// makes its statement undecidable: an Allow statement then does not apply,
// a Deny statement does (fail closed), and a diagnostic says so. Values are
// read by policy.ReadValue (package policy/value), the reader Validate
// uses, so a value Validate accepts is one the engine reads. An all-digit
// date that is both a year and epoch seconds ("2020") decides a condition
// only where both readings agree; elsewhere it is undecidable in the same
// way (diagnostic AMBIGUOUS_DATE).
//
// A request that names a multivalued key without ForAllValues/ForAnyValue
// matches a positive operator when any of its values matches, and a negated
// operator when none does.
//
// Implied context: when the request's Context lacks them, aws:PrincipalArn
// (for a role session the role ARN arn:aws:iam::ACCOUNT:role/NAME, without
// path), aws:PrincipalAccount, aws:PrincipalType, aws:username (IAM users),
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
// A KMS operation that AWS does not allow across accounts (everything but
// the cryptographic operations, CreateGrant, DescribeKey,
// GetKeyRotationStatus, GetPublicKey, ListGrants, RetireGrant and
// RevokeGrant) on a key in another account is implicitDeny, with a
// diagnostic, whatever the policies allow.
package evaluate
