package kmskey

import (
	"strconv"
	"strings"

	"github.com/cksiam/cksiam/evaluate"
	"github.com/cksiam/cksiam/internal/account"
	"github.com/cksiam/cksiam/internal/arn"
	"github.com/cksiam/cksiam/policy"
)

// KeyConfiguration is IAM Access Analyzer's proposed access control
// configuration for a KMS key (KmsKeyConfiguration): a key policy and
// grants, the input of an access preview
// (docs.aws.amazon.com/access-analyzer/latest/APIReference/API_KmsKeyConfiguration.html).
type KeyConfiguration struct {
	// KeyArn is the key the configuration is for when the file is a
	// create-access-preview configurations map ({"KEY_ARN": {"kmsKey":
	// {...}}}); empty for a bare KmsKeyConfiguration.
	KeyArn string
	// KeyPolicy is keyPolicies.default; nil when the configuration gives
	// none (Access Analyzer then uses the key's existing policy, or the
	// default key policy for a new key).
	KeyPolicy *policy.Document
	// KeyPolicyText is keyPolicies.default as written; nil with KeyPolicy.
	KeyPolicyText []byte
	// Grants are the proposed grants, in order; nil when the
	// configuration has no grants member (Access Analyzer then uses the
	// key's existing grants), empty when it lists none. A grant
	// configuration has no ID, so each gets its JSON path, "grants[2]", as
	// its GrantId; KeyId is KeyArn.
	Grants []evaluate.Grant
}

// accessAnalyzerOperations are the operations KmsGrantConfiguration takes:
// Access Analyzer's KmsGrantOperation enumeration, which lacks some grant
// operations KMS has (GenerateMac, VerifyMac, DeriveSharedSecret,
// Encapsulate, Decapsulate).
var accessAnalyzerOperations = []string{
	"CreateGrant", "Decrypt", "DescribeKey", "Encrypt", "GenerateDataKey", "GenerateDataKeyPair",
	"GenerateDataKeyPairWithoutPlaintext", "GenerateDataKeyWithoutPlaintext", "GetPublicKey",
	"ReEncryptFrom", "ReEncryptTo", "RetireGrant", "Sign", "Verify",
}

// ReadKeyConfiguration reads IAM Access Analyzer's KmsKeyConfiguration
// ({"keyPolicies": {"default": "<policy JSON>"}, "grants": [...]}), or
// the configurations map of `aws accessanalyzer create-access-preview`
// naming one KMS key ({"KEY_ARN": {"kmsKey": {...}}}).
//
// It is strict, as the other readers: a member it does not know, a
// missing required member (a grant's operations, granteePrincipal and
// issuingAccount), an operation outside Access Analyzer's list, a key
// policy named other than "default", an empty or unreadable key policy,
// and a grant with both encryptionContextEquals and
// encryptionContextSubset are refused with an *Error naming the JSON
// path. An empty constraint map counts as not given, as Access Analyzer
// says (aws-rules J.8).
func ReadKeyConfiguration(data []byte) (*KeyConfiguration, error) {
	vals, err := parseValues(data)
	if err != nil {
		return nil, err
	}
	if len(vals) != 1 {
		return nil, &Error{Page: 2, Reason: "a key configuration is one JSON object, and the file holds more", Err: ErrInvalid}
	}
	root := vals[0]
	if err := root.object(`a KmsKeyConfiguration {"keyPolicies": ..., "grants": [...]}`); err != nil {
		return nil, err
	}
	out := &KeyConfiguration{}
	cfg := root
	if isConfigurationsMap(root) {
		if len(root.keys) != 1 {
			return nil, root.fail("names " + strconv.Itoa(len(root.keys)) + " resources; give the configuration of one KMS key")
		}
		out.KeyArn = root.keys[0]
		if !isKeyARN(out.KeyArn) {
			return nil, root.vals[0].fail("is not named by a KMS key ARN (arn:aws:kms:REGION:ACCOUNT:key/ID)")
		}
		wrap := root.vals[0]
		if err := wrap.object(`a configuration {"kmsKey": {...}}`); err != nil {
			return nil, err
		}
		if err := wrap.only("kmsKey"); err != nil {
			return nil, err
		}
		if cfg = wrap.get("kmsKey"); cfg == nil {
			return nil, wrap.fail(`has no kmsKey member: not the configuration of a KMS key`)
		}
		if err := cfg.object(`a KmsKeyConfiguration {"keyPolicies": ..., "grants": [...]}`); err != nil {
			return nil, err
		}
	}
	if err := cfg.only("keyPolicies", "grants"); err != nil {
		return nil, err
	}
	if err := readKeyPolicies(cfg, out); err != nil {
		return nil, err
	}
	if g := cfg.get("grants"); g != nil && g.kind != 'n' {
		list, err := cfg.optArray("grants")
		if err != nil {
			return nil, err
		}
		out.Grants = make([]evaluate.Grant, 0, len(list))
		for i, e := range list {
			g, err := readGrantConfiguration(e, i)
			if err != nil {
				return nil, err
			}
			g.KeyId = out.KeyArn
			out.Grants = append(out.Grants, g)
		}
	}
	return out, nil
}

// isConfigurationsMap reports whether an object is the configurations map
// of create-access-preview rather than a KmsKeyConfiguration: its members
// are resource ARNs.
func isConfigurationsMap(n *node) bool {
	for _, k := range n.keys {
		if strings.HasPrefix(k, "arn:") {
			return true
		}
	}
	return false
}

func isKeyARN(s string) bool {
	parts, ok := arn.Cut(s)
	return ok && parts[arn.Service] == "kms" && strings.HasPrefix(parts[arn.Resource], "key/") && len(parts[arn.Resource]) > len("key/") &&
		!strings.ContainsAny(s, "*?")
}

func readKeyPolicies(cfg *node, out *KeyConfiguration) error {
	kp := cfg.get("keyPolicies")
	if kp == nil || kp.kind == 'n' {
		return nil
	}
	if err := kp.object(`the key policies {"default": "<policy JSON>"}`); err != nil {
		return err
	}
	for i, name := range kp.keys {
		if name != "default" {
			return kp.vals[i].fail(`is not a key policy name Access Analyzer takes: the only one is "default"`)
		}
	}
	v := kp.get("default")
	if v == nil {
		return nil
	}
	if v.kind != '"' {
		return v.fail("is not a string: the key policy is given as its JSON text")
	}
	if v.str == "" {
		return v.fail("is empty: a proposed key policy cannot be an empty string")
	}
	doc, err := policy.Parse([]byte(v.str))
	if err != nil {
		return v.fail("is not a policy: " + err.Error())
	}
	out.KeyPolicy, out.KeyPolicyText = doc, []byte(v.str)
	return nil
}

func readGrantConfiguration(e *node, i int) (evaluate.Grant, error) {
	var g evaluate.Grant
	if err := e.object("a grant configuration"); err != nil {
		return g, err
	}
	if err := e.only("operations", "granteePrincipal", "retiringPrincipal", "constraints", "issuingAccount"); err != nil {
		return g, err
	}
	g.GrantId = "grants[" + strconv.Itoa(i) + "]"
	ops := e.get("operations")
	if ops == nil || ops.kind == 'n' {
		return g, &Error{Page: e.page, Path: member(e.path, "operations"), Reason: "is missing: a grant configuration lists its operations", Err: ErrInvalid}
	}
	list, err := e.optArray("operations")
	if err != nil {
		return g, err
	}
	if len(list) == 0 {
		return g, ops.fail("is empty: a grant allows at least one operation")
	}
	g.Operations = make([]string, 0, len(list))
	for _, op := range list {
		if op.kind != '"' {
			return g, op.fail("is not a string")
		}
		if !contains(accessAnalyzerOperations, op.str) {
			return g, op.fail(quote(op.str) + " is not an operation Access Analyzer's KmsGrantConfiguration takes (" + strings.Join(accessAnalyzerOperations, ", ") + ")")
		}
		g.Operations = append(g.Operations, op.str)
	}
	if g.GranteePrincipal, err = e.reqString("granteePrincipal"); err != nil {
		return g, err
	}
	if r, err := e.optString("retiringPrincipal"); err != nil {
		return g, err
	} else if r != nil {
		if *r == "" {
			return g, e.get("retiringPrincipal").fail("is empty: leave it out for a grant without a retiring principal")
		}
		g.RetiringPrincipal = *r
	}
	if g.IssuingAccount, err = e.reqString("issuingAccount"); err != nil {
		return g, err
	}
	if !isAccount(g.IssuingAccount) {
		return g, e.get("issuingAccount").fail("is not an account ID or account root ARN: " + quote(g.IssuingAccount))
	}
	if c := e.get("constraints"); c != nil && c.kind != 'n' {
		if err := c.object("grant constraints"); err != nil {
			return g, err
		}
		if err := c.only("encryptionContextEquals", "encryptionContextSubset"); err != nil {
			return g, err
		}
		eq, err := c.optStringMap("encryptionContextEquals")
		if err != nil {
			return g, err
		}
		sub, err := c.optStringMap("encryptionContextSubset")
		if err != nil {
			return g, err
		}
		// "An empty map is treated as not specified" (KmsGrantConstraints).
		if len(eq) > 0 && len(sub) > 0 {
			return g, c.fail("has both encryptionContextEquals and encryptionContextSubset: Access Analyzer takes only one type of encryption context")
		}
		if len(eq) > 0 {
			g.Constraints = &evaluate.GrantConstraints{EncryptionContextEquals: eq}
		} else if len(sub) > 0 {
			g.Constraints = &evaluate.GrantConstraints{EncryptionContextSubset: sub}
		}
	}
	return g, nil
}

// isAccount reports whether s is an account ID or an account root ARN.
func isAccount(s string) bool {
	if _, ok := account.Key(s); ok {
		return true
	}
	parts := strings.Split(s, ":")
	if len(parts) != 6 || parts[0] != "arn" || parts[2] != "iam" || parts[3] != "" || parts[5] != "root" {
		return false
	}
	_, ok := account.Key(parts[4])
	return ok
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
