// Package roles holds the principals of the AWS KMS guide page
// "Controlling access to your custom key store" as typed Go values, and
// turns each into a least-privilege policy document, AWS SDK inputs, a
// verification matrix run through the evaluator, and an audit of an
// existing principal.
//
// The roles are:
//
//   - KeyStoreManager: creates and manages AWS CloudHSM key stores (the
//     page's eight permissions, iam:CreateServiceLinkedRole scoped to the
//     service-linked role).
//   - ExternalKeyStoreManager: creates and manages external key stores.
//   - ClusterAdmin, ClusterPowerUser, ClusterReadOnly: AWS's three CloudHSM
//     tiers, scoped to cluster and backup ARNs where CloudHSM accepts them.
//   - KeyManager and KeyUser: administer and use KMS keys in a custom key
//     store, as IAM policies limited to keys whose kms:KeyOrigin is a
//     custom key store.
//   - ServiceLinkedRole: AWSServiceRoleForKeyManagementServiceCustomKeyStores,
//     with its live policy versions, the page's list, its trust policy and
//     its lifecycle (what you may and may not do with it).
//   - DefaultKeyPolicy and ConsoleKeyPolicy: the key policies KMS and the
//     KMS console write.
//
// Every role is built from Options (account, Region, partition, key,
// cluster and backup IDs, conditions). The account is required, and the
// Region for the roles whose documents name Regional resources: a missing
// one is an *OptionError naming the field, never a default that would
// write someone else's account into a key policy. Output is deterministic:
// one statement per resource scope, sorted actions and resources, stable
// Sids.
//
// Each action is scoped to the narrowest resource it accepts, read from the
// embedded action catalog (policy/catalog): "*" for wildcard-only actions,
// else the ARN of each resource type it takes for the options' account,
// Region and IDs. Three documented exceptions stay on "*": the ec2 actions
// of AWS's CloudHSM policies, the labelled VPC and client-instance set, and
// AWS's own service-linked role policy.
//
// The main calls:
//
//	r, err := roles.KeyStoreManager(roles.Options{Account: "123456789012", Region: "eu-west-1"})
//	if err != nil { ... }
//	doc := r.Document()              // *policy.Document, least privilege, canonical
//	in, err := r.CreatePolicyInput() // *iam.CreatePolicyInput for the AWS SDK
//	v := r.Verify()                  // every intended request allowed, every near miss denied
//	fmt.Println(v.Summary)           // "8/8 intended allowed, 262/262 near misses denied (…)"
//	rep, err := r.Audit(evaluate.Policies{Identity: existing}, principalARN) // missing and excess
//
//	kp, err := roles.ConsoleKeyPolicy(roles.Options{Account: "123456789012", KeyUsers: users})
//	put, err := kp.PutKeyPolicyInput(keyID)       // *kms.PutKeyPolicyInput for an existing key
//	key, err := kp.CreateKeyInput(roles.NewKey{…}) // *kms.CreateKeyInput for a key in a custom key store
//
// Source.Rules and the comments cite the AWS rules as "aws-rules E.4":
// section E.4 of the project's reference, docs/aws-rules.md
// (https://github.com/cksiam/cksiam/blob/main/docs/aws-rules.md), which
// names the AWS documentation page of each rule.
package roles
