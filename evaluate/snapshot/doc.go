// Package snapshot loads one AWS account's authorization data, as the AWS
// CLI saves it, and answers "who can use or administer this KMS key?" over
// it.
//
// AWS's own procedure for that question
// (https://docs.aws.amazon.com/kms/latest/developerguide/determining-access.html)
// is to read the key policy, every grant, and potentially every IAM policy
// of every account the key trusts, calling SimulatePrincipalPolicy once per
// principal; the simulator sees neither grants nor RCPs. This package does
// it offline in one call: every user and role of the account (with their
// groups' policies, their managed policies' default versions and their
// permissions boundaries), the root user, the services and sessions the
// key policy names, every grantee, and every other account the key policy
// trusts, each decided by the evaluate package under the organization's
// SCPs and RCPs.
//
// The main calls:
//
//	acct, err := snapshot.Load("snapshot/") // or snapshot.New(snapshot.Input{…}) from SDK outputs
//	rep, err := acct.WhoCan("arn:aws:kms:us-west-2:111122223333:key/1234abcd-…", nil)
//	for _, row := range rep.Access { fmt.Println(row.Principal, row.Action, row.Access, row.ViaString()) }
//	// rep.ExternalAccounts: other accounts the key trusts; rep.Incomplete: what the snapshot lacks.
//
// # Input
//
// Load reads a directory:
//
//	iam/authorization-details*.json      aws iam get-account-authorization-details > iam/authorization-details.json
//	kms/<key-id>/describe-key.json       aws kms describe-key --key-id <key-id>
//	kms/<key-id>/key-policy.json         aws kms get-key-policy --key-id <key-id> --policy-name default
//	kms/<key-id>/grants.json             aws kms list-grants --key-id <key-id>
//	kms/<key-id>/tags.json               aws kms list-resource-tags --key-id <key-id>
//	organizations/scp/<n>-<name>/*.json  aws organizations describe-policy --policy-id <p-…>, per level
//	organizations/rcp/<n>-<name>/*.json  likewise for resource control policies
//	organizations/describe-organization.json  aws organizations describe-organization
//
// Several authorization-details pages may be saved as several files; a
// dump none of whose pages is the last (every page says IsTruncated, or
// the CLI printed NextToken) is refused, as it lacks principals. Policy
// documents may be JSON objects (as the CLI prints them) or URL-encoded
// strings (as the API and the Go SDK return them); the latter are decoded
// with path unescaping, so that a literal "+" stays a plus sign. Level
// folders are read in ascending <n>, the organization root first and the
// account last. Bad input is an *Error naming the file and the JSON path,
// such as "iam/authorization-details.json: RoleDetailList[3].RolePolicyList[0].PolicyDocument.Statement[1].Effect".
// A bad argument of a question (WhoCan's resource or actions) is an
// *ArgumentError naming the argument instead.
//
// # Answers
//
// A row is allowed when the request is allowed whatever values the context
// keys the snapshot does not fix take (aws:SourceIp, kms:ViaService, the
// encryption context, the time…), conditional when it is allowed for some
// of them only, and unknown when the snapshot cannot say, with the reason.
// The snapshot fixes the key's properties (kms:KeyOrigin, kms:KeySpec,
// kms:KeyUsage, kms:MultiRegion, kms:MultiRegionKeyType), its tags
// (aws:ResourceTag/*, when tags.json was saved), the principal's tags
// (aws:PrincipalTag/*) and aws:RequestedRegion (a key is used through its
// own Region). When describe-organization was saved, the organization's
// ID is aws:PrincipalOrgID of the account's principals and
// aws:ResourceOrgID of the key; SCP or RCP levels saved for the
// organization's management account, which neither affects, are refused.
// Principals without access have no row.
//
// Grants are decided by the evaluate package (Policies.Grants, aws-rules J):
// a grant allows its grantee its operations with no policy, unless a Deny,
// an SCP or an RCP refuses. A grant whose encryption-context constraint
// the request must meet makes the row conditional, with the constraint as
// its condition (StringEquals on kms:EncryptionContext:KEY, and for
// EncryptionContextEquals no other key); kms:RetireGrant allowed only for
// some grants, and kms:CreateGrant allowed only for child grants within a
// parent grant, are conditional too, with the reason. Each caller is
// decided with the grants whose grantee or retiring principal names it,
// its role, or its account, so that a key with thousands of grants is not
// compiled for every principal.
//
// When a policy tests a key the snapshot leaves free, the answer comes
// from two bounds that do not depend on it: the lower bound drops every
// Allow statement that tests a free key and applies every Deny as if its
// free-key conditions held (what it allows, every request allows); the
// upper bound does the opposite (what it refuses, no request gets). Between
// them a row is conditional when the engine confirms two requests that
// differ only in free keys, one allowed and one not, found among the
// values the policies' conditions name; when those conditions are all
// string equalities, Bool, Null or IPv4 blocks, trying every class of
// values is a proof either way (the grants' encryption contexts are asked
// afterwards, grant by grant). Otherwise — StringLike, Numeric, Date or set
// operators on free keys, or a free key used as a policy variable — the
// prover decides the row (package evaluate/prove, Open): it splits each
// free key's values into the classes the conditions tell apart, within a
// budget of 4,096 requests per question, and answers always, sometimes
// (with the exact condition when it finds one) or never; when it cannot
// tell, the row stays unknown with its reason and the keys named. The
// prover reads the free keys by the action catalog: a key the catalog
// says the action never carries is absent. A conditional row's condition
// is exact when a single statement's free-key conditions decide it, or
// when the prover states it; otherwise its reason gives an allowed and a
// refused example. Of a row's grants that the request with the free keys
// absent does not use but the upper bound does, four are searched or
// proved; the row says when others may allow it too.
//
// A managed policy, boundary or group that the snapshot lacks is never read
// as empty: the principal's answer is unknown wherever the missing policy
// could change it (a policy that allowed everything would allow the
// request), and the completeness report names it.
//
// A document that breaks the policy grammar (AWS has stored a few, such as
// old managed policy versions with spaces in action names) does not stop
// the load: it is read with evaluate.LooseDocuments — a statement the engine
// cannot read never allows and, as a Deny, always applies — and every
// report that uses it lists it as an unreadable-policy gap with its file,
// JSON path and reason. Account.CompileOptions gives the option to other
// callers. A file that is not valid JSON, or a document that does not parse
// at all, is still an error naming the file and the JSON path.
//
// # Readings
//
//   - A role stands for its sessions without a session policy and without
//     session tags: aws:PrincipalTag/* are the role's tags. Session tags
//     can override them
//     (https://docs.aws.amazon.com/IAM/latest/UserGuide/id_session-tags.html);
//     a snapshot has no sessions to read them from.
//   - A role session the key policy or a grant names has its role's
//     policies, and its role's ARN, path included, as aws:PrincipalArn
//     (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-principalarn).
//   - A user, role or session of the account that the key policy or a
//     grant names by ARN but the snapshot does not hold gets rows: AWS
//     shows a deleted principal as its unique ID, so the principal exists,
//     and the key policy or grant gives it access
//     (https://docs.aws.amazon.com/kms/latest/developerguide/determining-access-key-policy.html).
//     Its own policies could deny, so those rows are unknown, and the
//     completeness report names it.
//   - A grantee that is a service principal (GranteeServicePrincipal, or
//     a service name in GranteePrincipal) gets rows as that service, like
//     the services the key policy names
//     (https://docs.aws.amazon.com/kms/latest/developerguide/determining-access-grants.html).
//     A session of a role whose name no IAM role can have, such as
//     assumed-role/aws:ec2-infrastructure/i-…, is AWS's own principal: it
//     is decided with no policies of the account and without the account's
//     SCPs (AWS does not say whether they apply; applying them could hide
//     its access), and its rows say so.
//   - A grantee of another account (a user, a role, a session) gets rows of
//     its own: a grant needs no IAM policy. Its account's SCPs and IAM
//     denies are not in the snapshot, and the completeness report says so.
//     A grantee that is neither an IAM principal ARN nor a service
//     principal (an internal form such as ACCOUNT:aws:ec2-infrastructure:i-…)
//     is reported, not evaluated.
//   - Other accounts: the snapshot holds neither their IAM policies nor
//     their SCPs, so ExternalAccounts lists each action the key's side (the
//     key policy, the grants, the RCPs and the cross-account rules of
//     aws-rules C.4) does not rule out for every request, with an identity
//     policy that allows everything standing in for the account's own and,
//     when the key policy names the account, any of its principals as the
//     caller (aws:PrincipalArn, aws:PrincipalType, aws:username, aws:userid
//     and the caller's tags left free). "*" stands for every account the key
//     policy does not name.
//   - SCPs are skipped for service-linked roles (by the engine, from the
//     role's /aws-service-role/ path; aws-rules C.7); RCPs are not applied
//     to AWS managed keys (aws-rules C.4).
//
// Comments cite the AWS rules the code follows as "aws-rules C.2": section
// C.2 of the project's reference, docs/aws-rules.md
// (https://github.com/cksiam/cksiam/blob/main/docs/aws-rules.md), which
// names the AWS documentation page of each rule.
package snapshot
