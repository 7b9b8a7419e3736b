// Package prove answers questions about every request, not one: does a
// policy change grant anything it did not grant before, can a key policy
// ever let someone schedule key deletion, can anyone outside the account
// use this key. Each answer is Proved, Refuted with a counterexample
// request that the evaluator (package evaluate) confirms, or Unknown with a
// reason from a closed set.
//
// AWS answers such questions online, for a fee, one document at a time and
// without an example (IAM Access Analyzer's CheckNoNewAccess,
// CheckAccessNotGranted and CheckNoPublicAccess: aws-rules K.1). This
// package answers them offline, with an example, and also over composed
// policies (aws-rules K.2).
//
//	res, err := prove.NoNewAccess(prove.Identity, oldDoc, newDoc)
//	switch res.Verdict {
//	case prove.Proved:  // the new document grants nothing the old one did not
//	case prove.Refuted: // res.Witness is a request only the new one allows
//	case prove.Unknown: // res.Reason says why
//	}
//
//	res, err = prove.AccessNotGranted(prove.KeyPolicy, keyPolicy, []string{"kms:ScheduleKeyDeletion"}, nil)
//	res, err = prove.NoExternalAccess(prove.KeyPolicy, keyPolicy, "111122223333")
//	res, err = prove.NoNewAccessPolicies(oldPolicies, newPolicies) // evaluate.Policies
//
// A counterexample is a request AWS could make: an IAM user or a role
// session carries aws:userid as AWS sends it (the unique ID of the
// IAM User Guide's example, AIDACKCEVSQ6C2EXAMPLE, or
// AROADBQP57FF2AEXAMPLE:<session name>) unless the policies need it absent
// or another value. An action the catalog does not list is written as the
// policy wrote it (kms:ZzFutureAction) when the policy names it without a
// wildcard, else as an action name is written, with the letters of the
// pattern that matches it ("kms:*Future*" gives kms:Future); Detail then
// says that it stands for every action the catalog does not list that
// the policies' patterns treat alike.
//
// # Requests with free context keys
//
// CompileOpen and Open.Decide answer a narrower question, the one "who can
// use this key?" asks of each principal and action: the principal, the
// action and the resource are fixed, and so are some context keys (those
// the request gives, those the evaluator implies from the principal, the
// key's facts, the principal's tags); every other key the action may carry,
// and the encryption context, is free. The answer is Always (allowed for
// every value of the free keys, absent included), Never, Sometimes with a
// request of each kind (both decided by the evaluator) and, when it can be
// stated exactly, the residual condition — a list of Condition elements,
// any one of which allows —, or Indeterminate with a Reason.
//
//	op, err := prove.CompileOpen(policies) // grants, key facts and principal tags included
//	ans, err := op.Decide(prove.Question{Request: evaluate.Request{Principal: role, Action: "kms:Decrypt", Resource: keyARN}})
//
// The statements that may apply are those whose Action matches and whose
// Principal element may name the request's principal. Each free key their
// conditions test is split into the cells its conditions treat alike, absent
// first, as below; every tuple of cells is decided by the evaluator. The
// encryption context and the request tags are maps, not independent keys:
// each name a condition or a grant constraint names has the cells of its
// value, and when kms:EncryptionContextKeys or aws:TagKeys is tested (or
// an EncryptionContextEquals constraint applies) the other names have
// cells too; a tuple becomes one map, so that a request's
// kms:EncryptionContextKeys and aws:TagKeys always list exactly the names
// of its kms:EncryptionContext:<name> and aws:RequestTag/<name> keys
// (an action that carries aws:TagKeys and no request tags, such as
// kms:UntagResource, gets the names alone). A name is never empty (a tag key has at least one character,
// https://docs.aws.amazon.com/IAM/latest/APIReference/API_Tag.html), and
// a name the question fixes as absent is in no map. So
// Always and Never are proofs, and Sometimes is two confirmed requests.
// The residual is chosen among the policies' own conditions on the free
// keys (each Allow statement's and grant constraint's, alone or with the
// negation of the Deny statements'), kept only when it holds on exactly the
// allowed tuples. Indeterminate answers: a condition comparing a free key
// with a policy variable the request does not fix, or a Resource naming a
// free key as a variable (ReasonVariableAcrossKeys); one key tested by
// operators of different families (ReasonUnsupported); more tuples than
// the Budget (ReasonBudgetExceeded); a Sometimes whose requests of one
// kind all give aws:CurrentTime and aws:EpochTime different instants
// (ReasonUnmodelledKeyRelation). In each case a Sometimes found anyway is
// still answered.
//
// # The requests a question ranges over
//
// A question is about every request of a universe, and a request is in the
// universe only if AWS could make it:
//
//   - The principal is an IAM user, role, role session, federated user,
//     account root user, service principal or identity provider (SAML or
//     OIDC), of any account, in the partitions the inputs name (aws when
//     they name none). Accounts are represented by those the inputs name
//     plus two they do not name; a pattern that could tell unnamed
//     accounts apart ("arn:aws:iam::1111*:root") makes a would-be Proved
//     answer Unknown (ReasonUnmodelledKeyRelation).
//   - The action is any action of the action catalog (policy/catalog) or
//     any name the catalog does not list, for any service: "kms:*" also
//     covers kms actions added after the catalog was made.
//   - A catalog action that takes no resource type names Resource "*"; one
//     that does names an ARN of one of its types' formats. Other actions
//     name any ARN the evaluator accepts, or "*".
//   - The context carries only condition keys the action lists in the
//     catalog, and the global keys (any key with an action the catalog
//     does not list). An "aws:" key the catalog does not know counts as
//     global: AWS adds global keys as it adds actions. The request-tag
//     keys aws:RequestTag/<name> and aws:TagKeys, global by AWS's list,
//     come only with the actions whose catalog entry lists them, or lists
//     no condition key at all (aws-rules K.3; the Service Authorization
//     Reference lists them per action:
//     https://docs.aws.amazon.com/service-authorization/latest/reference/list_awskeymanagementservice.html):
//     kms:UntagResource and iam:UntagRole carry aws:TagKeys, the names
//     they remove, and no aws:RequestTag/<name>. An identity
//     provider's claim the catalog does not list
//     (token.actions.githubusercontent.com:sub) comes with the actions that
//     carry the providers' claims it lists (sts:AssumeRoleWithWebIdentity).
//     A key a federation action carries also comes with sts:TagSession and
//     sts:SetSourceIdentity, which a federation that passes session tags
//     or a source identity asks with the same claims. It never gives the keys the evaluator implies from
//     the principal and the resource (aws:PrincipalArn,
//     aws:PrincipalAccount, aws:PrincipalType, aws:username,
//     kms:CallerAccount, aws:PrincipalIsAWSService,
//     aws:PrincipalServiceName, aws:ResourceAccount, and aws:userid of a
//     root user or federated user): those always tell the truth. A key of
//     a single-valued catalog type has one value, a multivalued one a set;
//     so do the keys AWS documents as lists where the catalog types them
//     String — Amazon Cognito's cognito-identity.amazonaws.com:amr and
//     the SAML attributes the IAM User Guide marks "[]" (saml:uid,
//     saml:mail, saml:givenName…; "items marked with [] can have a value
//     that is a list",
//     https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_iam-condition-keys.html#condition-keys-saml):
//     one value or a set, so that a single-valued operator on them (any
//     value matches) and ForAllValues are told apart (aws-rules K.3);
//     a key the catalog types carries values of that type (a Bool key
//     "true" or "false", a Date key a W3C instant, an IPAddress key an
//     address, an ARN key an ARN with a partition, a service and a
//     resource); other keys may hold anything.
//   - Every other key is independent of the rest of the request, except
//     that aws:CurrentTime and aws:EpochTime must be one instant, and
//     kms:EncryptionContextKeys (aws:TagKeys) must list exactly the names
//     of the kms:EncryptionContext:<key> (aws:RequestTag/<key>) entries: a
//     counterexample that needs them apart is not given, and if it is the
//     only kind found the answer is Unknown (ReasonUnmodelledKeyRelation).
//     A name is never empty: no request gives aws:RequestTag/ or
//     kms:EncryptionContext: alone.
//
// WithoutCatalog drops the catalog's restrictions (any resource, any key,
// for any action), as AWS's checks do. The catalog's restrictions are
// what let the prover prove, for example, that "Allow s3:* on
// arn:aws:s3:::data/*" never grants s3:ListAllMyBuckets, which takes only
// Resource "*" (AWS's own check answers FAIL there).
//
// What "a document allows a request" means depends on its Kind:
//
//   - Identity: the document is the caller's only identity-based policy;
//     the caller is an IAM user, role or role session, and every resource's
//     policy (a KMS key policy, a role trust policy, a bucket policy)
//     trusts the caller's account, so that the document alone decides.
//   - KeyPolicy: the document is a KMS key's key policy; requests are kms
//     actions that take a key, on KMS key ARNs, from any principal, whose
//     own policies allow everything.
//   - TrustPolicy: the document is an IAM role's trust policy; requests are
//     the sts actions a trust policy authorizes, on role ARNs, from any
//     principal, whose own policies allow everything.
//
// The *Policies questions take evaluate.Policies as given (identity and
// resource policies, boundary, session policy, SCP and RCP levels) and range
// over every request. NoExternalAccess counts as outside the account every
// principal of another account and every federated identity; AWS service
// principals are not outsiders.
//
// # Decided exactly
//
// Every element and operator the evaluator reads is decided exactly:
// Action and NotAction (case-insensitive wildcards), Resource and
// NotResource (wildcards crossing '/' and ':'), Principal and NotPrincipal
// (with the evaluator's rules for accounts, roles, sessions and
// permissions boundaries), and every condition operator: String,
// StringEqualsIgnoreCase (Unicode simple folding, as strings.EqualFold),
// StringLike, Arn (part by part), Binary, Bool, Null, Numeric and Date
// (exact decimals and instants, both readings of an ambiguous date), IP
// address blocks, the IfExists forms, ForAllValues and ForAnyValue with
// empty sets, and values the evaluator cannot read (an Allow never applies
// on them, a Deny does). Policy variables whose value the request's shape
// fixes (aws:PrincipalAccount, aws:ResourceAccount, aws:PrincipalType,
// aws:PrincipalIsAWSService) are substituted.
//
// How these combine into a decision — denies first, SCP levels, RCPs, the
// resource policy's ways of naming the caller, the permissions boundary
// and the session policy, the key and trust policy rules, which kms
// operations work across accounts — is not restated here: the prover reads
// it from the evaluator, by deciding small probe requests for every shape
// of request. A change to the evaluator's logic is a change to the
// prover's.
//
// # How
//
// Each part of a request is a dimension: the action, the resource, the
// principal, the session name, one per condition key. Each dimension's
// values are split into cells that every pattern and condition value
// treats alike: for strings by the product of the patterns' automata after
// an alphabet abstraction (characters no pattern names are one symbol),
// each cell with its shortest member as example; for numbers, dates and IP
// addresses by the values' order and the blocks' nesting. A question then
// is a search over the statements that must and must not apply, narrowing
// each dimension's cells; every candidate it finds is turned into a
// concrete request and decided by the evaluator before it is returned.
//
// NoNewAccess first tries a proof from the statements alone: when every
// Allow statement of the new document is within one Allow statement of
// the old one (a Principal naming at least the same values, action
// patterns within the old ones by prefix and ASCII case, resource patterns
// within by prefix, and every condition entry of the old statement also in
// the new one, same operator, key and values) and every Deny of the old
// document is within one Deny of the new one, no request is a
// counterexample and the answer is Proved with Result.Steps 0 (no
// automaton, no search; Budget does not limit it). It is only given where
// the search would answer Proved too: both documents compile, they have
// the same Version, no policy variable, no condition key tested by two
// operator families and no pattern telling unnamed accounts apart.
// Anything less certain is left to the search, so answers do not change;
// a document compared with itself or with a narrowed copy (a role's
// document and its permission set) is answered in microseconds.
//
// # Unknown
//
// Unknown has one of these reasons and no other:
//
//   - ReasonBudgetExceeded: the automata or the search needed more than the
//     budget (Budget; DefaultBudget states). Patterns such as "*a" followed
//     by k '?' need 2^k states.
//   - ReasonVariableAcrossKeys: a policy variable whose value the request's
//     shape does not fix (${aws:username}, ${aws:PrincipalTag/team}) ties
//     two parts of a request together. The prover treats the part it sits
//     in as free, which keeps Proved sound; a counterexample found that way
//     must still be confirmed by the evaluator. Before giving up on one,
//     the prover gives the variables values (those the request carries, or
//     fresh ones) and the tested key the value they make of the condition
//     ("aws:RequestTag/owner" set to the caller's "aws:PrincipalTag/owner"),
//     and asks the evaluator again; when no candidate is confirmed, the
//     answer is Unknown.
//   - ReasonUnmodelledKeyRelation: see the accounts and the time keys above.
//   - ReasonUnsupported: a condition key tested with operators of different
//     families (StringLike and DateLessThan on one key), or Policies with
//     KMS grants, key facts or principal tags (CompileOpen supports them).
//   - ReasonEngineDisagrees: the prover's model found a counterexample the
//     evaluator does not confirm, a defect of the prover; the answer is
//     Unknown rather than a wrong Refuted.
package prove
