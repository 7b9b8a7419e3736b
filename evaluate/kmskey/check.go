package kmskey

import (
	"github.com/cksiam/cksiam/internal/ascii"
	"sort"
	"strconv"
	"strings"

	"github.com/aws/aws-sdk-go-v2/service/kms/types"

	"github.com/cksiam/cksiam/evaluate"
	"github.com/cksiam/cksiam/policy"
)

// The codes of CheckGrants's findings. They are stable: filter and
// suppress by them.
const (
	// CodeUnknownOperation (ERROR): an operation that is not a KMS grant
	// operation.
	CodeUnknownOperation = "GRANT_UNKNOWN_OPERATION"
	// CodeNoOperations (ERROR): a grant that lists no operation.
	CodeNoOperations = "GRANT_NO_OPERATIONS"
	// CodeOperationUnsupported (ERROR): an operation the key's type
	// (KeyUsage, KeySpec) does not support; CreateGrant refuses such a
	// grant, and it would give nothing.
	CodeOperationUnsupported = "GRANT_OPERATION_UNSUPPORTED"
	// CodeOperationNotInKeyStore (WARNING): GenerateDataKeyPair or
	// GenerateDataKeyPairWithoutPlaintext on a key in a custom key store
	// (AWS CloudHSM or external), which cannot serve them.
	CodeOperationNotInKeyStore = "GRANT_OPERATION_NOT_IN_KEY_STORE"
	// CodeOperationsIncompatible (ERROR): operations no single key type
	// supports together, such as Sign with GenerateDataKey; reported when
	// the key's metadata is not given.
	CodeOperationsIncompatible = "GRANT_OPERATIONS_INCOMPATIBLE"
	// CodeDuplicate (SECURITY_WARNING): a grant with the same key,
	// operations, grantee, constraints and name as an earlier one; it
	// keeps the access when the original is retired or revoked.
	CodeDuplicate = "GRANT_DUPLICATE"
	// CodeGranteeInvalid (ERROR): a grantee that cannot be one: an IAM
	// group, an organization, a wildcard, a resource ARN, or none.
	CodeGranteeInvalid = "GRANT_GRANTEE_INVALID"
	// CodeGranteeUnrecognized (WARNING): a grantee that is neither an
	// ARN, an account ID nor a service principal; no caller matches it.
	CodeGranteeUnrecognized = "GRANT_GRANTEE_UNRECOGNIZED"
	// CodeRetiringPrincipalInvalid (ERROR): a retiring principal that
	// cannot be one, as for grantees.
	CodeRetiringPrincipalInvalid = "GRANT_RETIRING_PRINCIPAL_INVALID"
	// CodeServiceGranteeIncomplete (ERROR): a grant to a
	// GranteeServicePrincipal without the SourceArn constraint or without
	// a retiring principal, both of which CreateGrant requires.
	CodeServiceGranteeIncomplete = "GRANT_SERVICE_GRANTEE_INCOMPLETE"
	// CodeConstraintsConflict (ERROR): both EncryptionContextEquals and
	// EncryptionContextSubset.
	CodeConstraintsConflict = "GRANT_CONSTRAINTS_CONFLICT"
	// CodeConstraintUnsupported (ERROR): an encryption-context constraint
	// on an asymmetric or HMAC key, whose operations take no encryption
	// context.
	CodeConstraintUnsupported = "GRANT_CONSTRAINT_UNSUPPORTED"
	// CodeConstraintNoEffect (WARNING): an encryption-context constraint
	// on a grant none of whose operations takes an encryption context or
	// creates grants, so it limits nothing.
	CodeConstraintNoEffect = "GRANT_CONSTRAINT_NO_EFFECT"
	// CodeConstraintTooLarge (ERROR): a constraint with more than 8
	// encryption-context pairs.
	CodeConstraintTooLarge = "GRANT_CONSTRAINT_TOO_LARGE"
	// CodeOtherKey (ERROR): a grant on another key than the one the
	// metadata describes.
	CodeOtherKey = "GRANT_OTHER_KEY"
)

// maxConstraintPairs is how many pairs one encryption-context constraint
// may hold (CreateGrant, Constraints).
const maxConstraintPairs = 8

// CheckGrants reviews a key's grants (Grants of ReadGrants's entries, or
// a KeyConfiguration's Grants) against what AWS lets a grant hold and
// against the key they are on, described by key (Facts of DescribeKey
// output; nil when unknown, which leaves out the checks that need the
// key's type). It returns findings as policy.Validate does, in grant
// order, each with a Path in evaluate's terms ("Grants[2].Operations[1]",
// see Locate and SplitGrantPath) and a stable Code.
//
// The rules: a grant's operations must be grant operations the key
// supports (CreateGrant; the key type reference,
// docs.aws.amazon.com/kms/latest/developerguide/symm-asymm-compare.html),
// a key in a custom key store serves no data key pairs; grantees and
// retiring principals are AWS principals, not groups or organizations
// (grants.html, "Grantee principal"); duplicate grants keep access after
// the original is retired (grants.html, "Best practices"); and
// encryption-context constraints apply only to operations that take an
// encryption context (API_GrantConstraints.html). See aws-rules J.7.
func CheckGrants(grants []evaluate.Grant, key *evaluate.KeyFacts) []policy.Finding {
	var out []policy.Finding
	seen := map[string]int{}
	for i := range grants {
		c := grantChecker{g: &grants[i], path: "Grants[" + strconv.Itoa(i) + "]", key: key}
		c.check()
		if fp, ok := duplicateKey(c.g); ok {
			if j, dup := seen[fp]; dup {
				c.add(policy.SeveritySecurityWarning, CodeDuplicate, "",
					"duplicates grant "+quote(grants[j].GrantId)+": same key, operations, grantee, constraints and name; "+
						"if the original is retired or revoked, this one keeps the access; retire or revoke one of them")
			} else {
				seen[fp] = i
			}
		}
		out = append(out, c.findings...)
	}
	return out
}

type grantChecker struct {
	g        *evaluate.Grant
	path     string
	key      *evaluate.KeyFacts
	findings []policy.Finding
}

func (c *grantChecker) add(sev policy.Severity, code, field, msg string) {
	p := c.path
	if field != "" {
		p += "." + field
	}
	c.findings = append(c.findings, policy.Finding{Severity: sev, Code: code, Path: p, Message: msg})
}

func (c *grantChecker) check() {
	g := c.g
	c.checkKey()
	c.checkGrantee()
	if g.RetiringPrincipal != "" {
		if kind, why := classifyPrincipal(g.RetiringPrincipal); kind != principalAWS && kind != principalService {
			c.add(policy.SeverityError, CodeRetiringPrincipalInvalid, "RetiringPrincipal", quote(g.RetiringPrincipal)+" "+why)
		}
	}
	c.checkOperations()
	c.checkConstraints()
}

// checkKey reports a grant on another key than the metadata's.
func (c *grantChecker) checkKey() {
	if c.key == nil || c.key.Arn == "" || c.g.KeyId == "" {
		return
	}
	id := c.g.KeyId
	if id == c.key.Arn || !strings.HasPrefix(id, "arn:") && strings.HasSuffix(c.key.Arn, ":key/"+id) {
		return
	}
	c.add(policy.SeverityError, CodeOtherKey, "KeyId", "the grant is on "+quote(id)+", not on the key the metadata describes ("+quote(c.key.Arn)+"); the other checks assume it is")
}

func (c *grantChecker) checkGrantee() {
	g := c.g
	if g.GranteeServicePrincipal != "" {
		if g.GranteePrincipal != "" {
			c.add(policy.SeverityError, CodeGranteeInvalid, "GranteeServicePrincipal", "a grant has one grantee: GranteePrincipal or GranteeServicePrincipal, not both")
		}
		if g.Constraints == nil || g.Constraints.SourceArn == "" {
			c.add(policy.SeverityError, CodeServiceGranteeIncomplete, "GranteeServicePrincipal", "a grant to a service principal must carry a SourceArn constraint")
		}
		if g.RetiringPrincipal == "" && g.RetiringServicePrincipal == "" {
			c.add(policy.SeverityError, CodeServiceGranteeIncomplete, "GranteeServicePrincipal", "a grant to a service principal must name a RetiringPrincipal or RetiringServicePrincipal")
		}
		return
	}
	switch kind, why := classifyPrincipal(g.GranteePrincipal); kind {
	case principalAWS, principalService:
	case principalUnrecognized:
		c.add(policy.SeverityWarning, CodeGranteeUnrecognized, "GranteePrincipal", quote(g.GranteePrincipal)+" "+why)
	default:
		c.add(policy.SeverityError, CodeGranteeInvalid, "GranteePrincipal", quoteOrNothing(g.GranteePrincipal)+why)
	}
}

func quoteOrNothing(s string) string {
	if s == "" {
		return ""
	}
	return quote(s) + " "
}

func (c *grantChecker) checkOperations() {
	g := c.g
	if len(g.Operations) == 0 {
		c.add(policy.SeverityError, CodeNoOperations, "Operations", "the grant allows no operation")
		return
	}
	allowed, keyType := keyOperations(c.key)
	inKeyStore := c.key != nil && (c.key.Origin == string(types.OriginTypeAwsCloudhsm) || c.key.Origin == string(types.OriginTypeExternalKeyStore))
	var known []string
	for j, op := range g.Operations {
		field := "Operations[" + strconv.Itoa(j) + "]"
		switch {
		case !isGrantOperation(op):
			c.add(policy.SeverityError, CodeUnknownOperation, field, quote(op)+" is not a grant operation")
		case allowed != nil && !contains(allowed, op):
			c.add(policy.SeverityError, CodeOperationUnsupported, field, keyType+" does not support "+op+": CreateGrant refuses such a grant, and it would give nothing")
		case inKeyStore && (op == string(types.GrantOperationGenerateDataKeyPair) || op == string(types.GrantOperationGenerateDataKeyPairWithoutPlaintext)):
			c.add(policy.SeverityWarning, CodeOperationNotInKeyStore, field, "the key is in a custom key store ("+c.key.Origin+"), which cannot generate data key pairs: the grant gives nothing for "+op)
		default:
			known = append(known, op)
		}
	}
	if allowed == nil && len(known) > 1 && !oneKeyTypeSupports(known) {
		c.add(policy.SeverityError, CodeOperationsIncompatible, "Operations", "no key type supports "+strings.Join(sortedUnique(known), ", ")+" together: CreateGrant refuses the grant on any key")
	}
}

func (c *grantChecker) checkConstraints() {
	k := c.g.Constraints
	if k == nil {
		return
	}
	if k.EncryptionContextEquals != nil && k.EncryptionContextSubset != nil {
		c.add(policy.SeverityError, CodeConstraintsConflict, "Constraints", "has both EncryptionContextEquals and EncryptionContextSubset; give one")
	}
	for _, m := range []struct {
		name string
		ec   map[string]string
	}{{"EncryptionContextEquals", k.EncryptionContextEquals}, {"EncryptionContextSubset", k.EncryptionContextSubset}} {
		if len(m.ec) > maxConstraintPairs {
			c.add(policy.SeverityError, CodeConstraintTooLarge, "Constraints."+m.name, strconv.Itoa(len(m.ec))+" pairs; a constraint holds at most 8")
		}
	}
	if k.EncryptionContextEquals == nil && k.EncryptionContextSubset == nil {
		return
	}
	if c.key != nil && c.key.KeySpec != "" && c.key.KeySpec != string(types.KeySpecSymmetricDefault) {
		c.add(policy.SeverityError, CodeConstraintUnsupported, "Constraints", "the key is "+c.key.KeySpec+", whose operations take no encryption context: an encryption-context constraint cannot be used on it")
		return
	}
	for _, op := range c.g.Operations {
		if contains(contextOperations, op) || op == string(types.GrantOperationCreateGrant) {
			return
		}
	}
	c.add(policy.SeverityWarning, CodeConstraintNoEffect, "Constraints", "none of the grant's operations takes an encryption context, so the constraint limits nothing")
}

// contextOperations are the grant operations whose requests carry an
// encryption context (API_GrantConstraints.html).
var contextOperations = []string{
	"Decrypt", "Encrypt", "GenerateDataKey", "GenerateDataKeyWithoutPlaintext", "ReEncryptFrom", "ReEncryptTo",
	"GenerateDataKeyPair", "GenerateDataKeyPairWithoutPlaintext",
}

func isGrantOperation(op string) bool {
	for _, o := range types.GrantOperation("").Values() {
		if string(o) == op {
			return true
		}
	}
	return false
}

// keyTypes are the operations each type of key supports beside
// DescribeKey, CreateGrant and RetireGrant, which all support (the key
// type table of symm-asymm-compare.html).
var keyTypes = []struct {
	name      string
	usage     types.KeyUsageType
	symmetric bool // KeySpec SYMMETRIC_DEFAULT; false: any other spec
	ops       []string
}{
	{"a symmetric encryption key", types.KeyUsageTypeEncryptDecrypt, true, []string{"Decrypt", "Encrypt", "GenerateDataKey",
		"GenerateDataKeyWithoutPlaintext", "ReEncryptFrom", "ReEncryptTo", "GenerateDataKeyPair", "GenerateDataKeyPairWithoutPlaintext"}},
	{"an asymmetric encryption key", types.KeyUsageTypeEncryptDecrypt, false, []string{"Decrypt", "Encrypt", "ReEncryptFrom", "ReEncryptTo", "GetPublicKey"}},
	{"a signing key", types.KeyUsageTypeSignVerify, false, []string{"Sign", "Verify", "GetPublicKey"}},
	{"an HMAC key", types.KeyUsageTypeGenerateVerifyMac, false, []string{"GenerateMac", "VerifyMac"}},
	{"a key agreement key", types.KeyUsageTypeKeyAgreement, false, []string{"DeriveSharedSecret", "GetPublicKey"}},
	{"a key encapsulation key", types.KeyUsageTypeEncapsulateDecapsulate, false, []string{"Encapsulate", "Decapsulate", "GetPublicKey"}},
}

var everyKeyOperations = []string{"DescribeKey", "CreateGrant", "RetireGrant"}

// keyOperations returns the grant operations the key supports and a name
// for its type; nil when the metadata does not say (no KeyUsage, or a
// usage this package does not know).
func keyOperations(key *evaluate.KeyFacts) ([]string, string) {
	if key == nil || key.KeyUsage == "" {
		return nil, ""
	}
	symmetric := key.KeySpec == "" || key.KeySpec == string(types.KeySpecSymmetricDefault)
	for _, t := range keyTypes {
		if string(t.usage) == key.KeyUsage && (t.usage != types.KeyUsageTypeEncryptDecrypt || t.symmetric == symmetric) {
			if key.KeySpec == "" && t.usage == types.KeyUsageTypeEncryptDecrypt {
				return nil, "" // symmetric or asymmetric: unknown
			}
			return append(append([]string{}, t.ops...), everyKeyOperations...), t.name + " (" + key.KeyUsage + ")"
		}
	}
	return nil, ""
}

// oneKeyTypeSupports reports whether some key type supports every one of
// ops.
func oneKeyTypeSupports(ops []string) bool {
next:
	for _, t := range keyTypes {
		for _, op := range ops {
			if !contains(t.ops, op) && !contains(everyKeyOperations, op) {
				continue next
			}
		}
		return true
	}
	return false
}

// duplicateKey is what makes two grants duplicates: "the same key ARN, API
// actions, grantee principal, encryption context, and name" (grants.html,
// "Best practices"). Operations compare as a set, constraint keys
// without regard to case (as the constraint reads them). A grantee that
// is a service principal in ListGrants output may stand for several
// grantees, so such grants are never called duplicates.
func duplicateKey(g *evaluate.Grant) (string, bool) {
	if g.GranteeServicePrincipal == "" {
		if kind, _ := classifyPrincipal(g.GranteePrincipal); kind != principalAWS {
			return "", false
		}
	}
	var b strings.Builder
	for _, s := range []string{g.KeyId, g.GranteePrincipal, g.GranteeServicePrincipal, g.Name, strings.Join(sortedUnique(g.Operations), ",")} {
		b.WriteString(s)
		b.WriteByte(0)
	}
	if k := g.Constraints; k != nil {
		for _, m := range []struct {
			tag string
			ec  map[string]string
		}{{"=", k.EncryptionContextEquals}, {"⊆", k.EncryptionContextSubset}} {
			if m.ec == nil {
				continue
			}
			pairs := make([]string, 0, len(m.ec))
			for key, v := range m.ec {
				pairs = append(pairs, ascii.ToLower(key)+"\x01"+v)
			}
			sort.Strings(pairs)
			b.WriteString(m.tag + strings.Join(pairs, "\x02"))
			b.WriteByte(0)
		}
		b.WriteString(k.SourceArn)
	}
	return b.String(), true
}

func sortedUnique(list []string) []string {
	out := append([]string{}, list...)
	sort.Strings(out)
	j := 0
	for i, s := range out {
		if i == 0 || s != out[j-1] {
			out[j] = s
			j++
		}
	}
	return out[:j]
}
