package evaluate

import (
	"github.com/cksiam/cksiam/internal/ascii"
	"strings"
)

// KeyFacts are what DescribeKey and ListResourceTags say about a KMS key.
// A request on the key implies the condition keys they determine, filled
// in like aws:PrincipalArn when the request's Context lacks them. An empty
// field is unknown and implies nothing (a condition on it finds the key
// missing); package evaluate/kmskey reads the AWS CLI's output into it.
type KeyFacts struct {
	// Arn is the key's ARN (KeyMetadata.Arn). Empty means the key the
	// request names; otherwise requests on other resources get none of
	// these facts.
	Arn string
	// Origin is kms:KeyOrigin (KeyMetadata.Origin): AWS_KMS, EXTERNAL,
	// AWS_CLOUDHSM or EXTERNAL_KEY_STORE.
	Origin string
	// KeySpec is kms:KeySpec (KeyMetadata.KeySpec), such as
	// SYMMETRIC_DEFAULT.
	KeySpec string
	// KeyUsage is kms:KeyUsage (KeyMetadata.KeyUsage), such as
	// ENCRYPT_DECRYPT.
	KeyUsage string
	// MultiRegion is kms:MultiRegion (KeyMetadata.MultiRegion); nil when
	// unknown.
	MultiRegion *bool
	// MultiRegionKeyType is kms:MultiRegionKeyType, PRIMARY or REPLICA
	// (KeyMetadata.MultiRegionConfiguration.MultiRegionKeyType); empty for
	// single-Region keys and when unknown.
	MultiRegionKeyType string
	// Tags are the key's tags (ListResourceTags), giving
	// aws:ResourceTag/<key>. nil means unknown; an empty map means the key
	// has no tags. Either way a tag not listed is absent.
	Tags map[string]string
}

// facts are the resource and principal facts Compile was given.
type facts struct {
	key           *KeyFacts // nil when not given
	principalTags map[string]string
}

// Condition keys filled from facts rather than from the request itself.
// They follow the request's own implied keys in the implied numbering.
const (
	impliedKeyOrigin implied = iota + 64
	impliedKeySpec
	impliedKeyUsage
	impliedMultiRegion
	impliedMultiRegionKeyType
	impliedResourceTag       // aws:ResourceTag/<suffix>
	impliedPrincipalTag      // aws:PrincipalTag/<suffix>
	impliedEncryptionContext // kms:EncryptionContext:<suffix>
	impliedEncryptionContextKeys
)

var factByName = map[string]implied{
	"kms:keyorigin":             impliedKeyOrigin,
	"kms:keyspec":               impliedKeySpec,
	"kms:keyusage":              impliedKeyUsage,
	"kms:multiregion":           impliedMultiRegion,
	"kms:multiregionkeytype":    impliedMultiRegionKeyType,
	"kms:encryptioncontextkeys": impliedEncryptionContextKeys,
}

// Prefixes of the condition-key families whose last part names a tag or an
// encryption-context key; that part compares without regard to case, like
// the rest of a key name (aws-rules A.7).
const (
	resourceTagPrefix  = "aws:resourcetag/"
	principalTagPrefix = "aws:principaltag/"
	ecPrefix           = "kms:encryptioncontext:"
)

// factKey says which fact a lower-cased condition key name is, and the
// original spelling's suffix for the families.
func factKey(name, lower string) (implied, string) {
	if k, ok := factByName[lower]; ok {
		return k, ""
	}
	if k, ok := newGrantKeys[lower]; ok {
		return k, ""
	}
	for _, f := range [...]struct {
		prefix string
		k      implied
	}{{resourceTagPrefix, impliedResourceTag}, {principalTagPrefix, impliedPrincipalTag}, {ecPrefix, impliedEncryptionContext}} {
		if strings.HasPrefix(lower, f.prefix) && len(lower) > len(f.prefix) {
			return f.k, name[len(f.prefix):]
		}
	}
	return impliedNone, ""
}

// factValues computes a key that facts or the request's encryption
// context imply.
func (s *state) factValues(k *keyRef) (values, bool) {
	if k.implied >= impliedGranteePrincipal {
		return s.newGrantValues(k.implied)
	}
	switch k.implied {
	case impliedEncryptionContext:
		if v, ok := lookupFoldMap(s.ec, k.suffix); ok {
			return oneValue(v), true
		}
		return values{}, false
	case impliedEncryptionContextKeys:
		if s.ec == nil {
			return values{}, false
		}
		return s.ecKeyValues(), true
	case impliedPrincipalTag:
		if s.unnamedCaller || s.facts == nil {
			return values{}, false
		}
		v, ok := lookupFoldMap(s.facts.principalTags, k.suffix)
		return oneValue(v), ok
	}
	key := s.keyFacts()
	if key == nil {
		return values{}, false
	}
	var v string
	switch k.implied {
	case impliedKeyOrigin:
		v = key.Origin
	case impliedKeySpec:
		v = key.KeySpec
	case impliedKeyUsage:
		v = key.KeyUsage
	case impliedMultiRegion:
		if key.MultiRegion != nil {
			v = "false"
			if *key.MultiRegion {
				v = "true"
			}
		}
	case impliedMultiRegionKeyType:
		v = key.MultiRegionKeyType
	case impliedResourceTag:
		var ok bool
		if v, ok = lookupFoldMap(key.Tags, k.suffix); !ok {
			return values{}, false
		}
		return oneValue(v), true
	}
	return oneValue(v), v != ""
}

// keyFacts returns the facts of the key the request names, or nil.
func (s *state) keyFacts() *KeyFacts {
	if s.facts == nil || s.facts.key == nil || !s.keyRequest {
		return nil
	}
	if k := s.facts.key; k.Arn == "" || k.Arn == s.resource {
		return k
	}
	return nil
}

// lookupFoldMap finds key in m: the exact spelling first, else one that
// differs in ASCII case only (the least in byte order, for a stable
// answer).
func lookupFoldMap(m map[string]string, key string) (string, bool) {
	if v, ok := m[key]; ok {
		return v, true
	}
	found, any := "", false
	for name := range m {
		if ascii.EqualFold(name, key) && (!any || name < found) {
			found, any = name, true
		}
	}
	if !any {
		return "", false
	}
	return m[found], true
}

// ecKeyValues is kms:EncryptionContextKeys: the keys of the request's
// encryption context, as spelled there. Listing them is the one
// allocation of a decision, and only for policies that test this key with
// Request.EncryptionContext given (a list in the state would make every
// state escape to the heap).
func (s *state) ecKeyValues() values {
	l := make([]string, 0, len(s.ec))
	for k := range s.ec {
		l = append(l, k)
	}
	return listValues(l)
}
