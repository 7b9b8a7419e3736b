package evaluate

import (
	"github.com/cksiam/cksiam/internal/ascii"
	"time"
)

// Grant is one KMS grant on a key, as ListGrants returns it: it lets its
// grantee call the listed operations on the key, provided its constraints
// hold (docs.aws.amazon.com/kms/latest/developerguide/grants.html).
//
// The fields are those of the AWS SDK's kms types.GrantListEntry, with
// plain strings and an empty string for a nil pointer; package
// evaluate/kmskey converts from and to the SDK type and reads
// `aws kms list-grants` output. The engine itself does not depend on the
// SDK.
type Grant struct {
	// KeyId is the key the grant is on: a key ARN (as ListGrants returns
	// it) or a key ID. Empty means the key the request names, as for
	// Policies.Resource. A grant on another key never applies. A
	// multi-Region key ID ("mrk-…") is refused: the related keys in every
	// Region share it, so only the key ARN names one key.
	KeyId string
	// GrantId identifies the grant (Result.GrantId, Request.GrantId). It
	// must be unique within Policies.Grants.
	GrantId string
	// Name is the grant's friendly name, possibly empty. It plays no part
	// in the decision.
	Name string
	// CreationDate is when the grant was created; zero when unknown. It
	// plays no part in the decision: grants never expire.
	CreationDate time.Time
	// GranteePrincipal is who gets the permissions: an account (its ID or
	// root ARN), an IAM user, an IAM role (and so its sessions), an
	// assumed-role session, a federated user, or, in ListGrants output for
	// grants to AWS services, a service principal. Other text (internal
	// forms such as "111122223333:aws:ec2-infrastructure:i-…") never
	// matches a caller.
	GranteePrincipal string
	// GranteeServicePrincipal is the service principal that gets the
	// permissions, for grants created with it instead of GranteePrincipal.
	GranteeServicePrincipal string
	// RetiringPrincipal may retire the grant (see Request.GrantId); empty
	// when the grant names none.
	RetiringPrincipal string
	// RetiringServicePrincipal is a service principal that may retire the
	// grant.
	RetiringServicePrincipal string
	// IssuingAccount is the account in which the grant was created, as an
	// account root ARN ("arn:aws:iam::111122223333:root") or an account ID.
	// Its principals may retire the grant through IAM policies.
	IssuingAccount string
	// Operations are the grant operations it allows, spelled as the KMS
	// GrantOperation enumeration spells them: "Decrypt", "ReEncryptFrom",
	// "CreateGrant", "RetireGrant", "DescribeKey"…
	Operations []string
	// Constraints limit the grant to requests with a given encryption
	// context or source ARN; nil when the grant has none.
	Constraints *GrantConstraints
}

// GrantConstraints are the conditions of a grant, as in the AWS SDK's kms
// types.GrantConstraints.
type GrantConstraints struct {
	// EncryptionContextEquals requires the request's encryption context to
	// be exactly these pairs. Keys compare without regard to case, values
	// with it (docs.aws.amazon.com/kms/latest/APIReference/API_GrantConstraints.html).
	EncryptionContextEquals map[string]string
	// EncryptionContextSubset requires the request's encryption context to
	// hold these pairs, and allows others.
	EncryptionContextSubset map[string]string
	// SourceArn requires the request to be made on behalf of this
	// resource: "effectively the same as having the aws:SourceArn global
	// condition key in the grant" (same page). See the package
	// documentation, "Readings the engine takes".
	SourceArn string
}

// grantOperations are the operations a grant may allow (the KMS
// GrantOperation enumeration), in a fixed order: an operation's index is its
// bit in compiledGrant.ops.
var grantOperations = [...]string{
	"Decrypt", "Encrypt", "GenerateDataKey", "GenerateDataKeyWithoutPlaintext",
	"ReEncryptFrom", "ReEncryptTo", "Sign", "Verify", "GetPublicKey",
	"CreateGrant", "RetireGrant", "DescribeKey", "GenerateDataKeyPair",
	"GenerateDataKeyPairWithoutPlaintext", "GenerateMac", "VerifyMac",
	"DeriveSharedSecret", "Encapsulate", "Decapsulate",
}

// Bits of the operations the engine treats specially.
const (
	opCreateGrant = 1 << 9
	opRetireGrant = 1 << 10
)

// opsWithContext are the grant operations whose requests carry an
// encryption context, the only ones encryption-context constraints apply
// to: "Grant constraints are not applied to operations that do not support
// an encryption context, such as cryptographic operations with asymmetric
// KMS keys and management operations, such as DescribeKey or RetireGrant"
// (API_GrantConstraints.html). CreateGrant is not among them: a constraint
// there limits the grants it creates (grantChildAllowed).
const opsWithContext = 1<<0 | 1<<1 | 1<<2 | 1<<3 | 1<<4 | 1<<5 | 1<<12 | 1<<13

// grantOpBit returns the bit of a grant operation spelled exactly as the
// enumeration spells it, or 0.
func grantOpBit(op string) uint32 {
	for i, o := range grantOperations {
		if o == op {
			return 1 << uint(i)
		}
	}
	return 0
}

// actionOpBit returns the bit of the grant operation a kms action names,
// ignoring case as action names do, or 0 when no grant can allow it.
func actionOpBit(name string) uint32 {
	for i := range grantOperations {
		if ascii.EqualFoldLower(name, lowerOps[i]) {
			return 1 << uint(i)
		}
	}
	return 0
}

// lowerOps are grantOperations lower-cased, for actionOpBit.
var lowerOps = func() (l [len(grantOperations)]string) {
	for i, o := range grantOperations {
		b := []byte(o)
		for j, c := range b {
			if 'A' <= c && c <= 'Z' {
				b[j] = c + 'a' - 'A'
			}
		}
		l[i] = string(b)
	}
	return l
}()
