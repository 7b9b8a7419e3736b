package evaluate

import (
	"github.com/cksiam/cksiam/internal/arn"
	"github.com/cksiam/cksiam/internal/ascii"
	"strconv"
)

// compileExtras compiles Policies.Grants, Key and PrincipalTags, with the
// readings of grants the options chose.
func (e *Evaluator) compileExtras(p *Policies, o *options) error {
	if len(p.Grants) == 0 && p.Key == nil && p.PrincipalTags == nil {
		return nil
	}
	x := &extras{grantBoundaries: o.grantBoundaries, accountGrantee: o.accountGrantee, sourceArn: o.sourceArn}
	if len(p.Grants) > 0 {
		gs, err := compileGrantsCached(o.cache, p.Grants)
		if err != nil {
			return err
		}
		x.grants = gs
	}
	if p.Key != nil {
		k := *p.Key
		if k.Arn != "" {
			parts, ok := arn.Parse(k.Arn)
			if !ok || parts[2] != "kms" || len(parts[5]) <= len("key/") || parts[5][:4] != "key/" || hasWildcard(k.Arn) {
				return policyError("Key.Arn", "is not a KMS key ARN (arn:aws:kms:REGION:ACCOUNT:key/ID): "+quote(k.Arn))
			}
		}
		if a, b, dup := foldDuplicate(k.Tags); dup {
			return policyError("Key.Tags", "has the tag keys "+quote(a)+" and "+quote(b)+", which differ only in case: aws:ResourceTag/<key> reads tag keys without regard to case, so the key's tags are ambiguous")
		}
		// Copies, so that the Evaluator stays immutable.
		k.Tags = copyMap(k.Tags)
		if k.MultiRegion != nil {
			mr := *k.MultiRegion
			k.MultiRegion = &mr
		}
		x.facts.key = &k
	}
	if a, b, dup := foldDuplicate(p.PrincipalTags); dup {
		return policyError("PrincipalTags", "has the tag keys "+quote(a)+" and "+quote(b)+", which differ only in case: aws:PrincipalTag/<key> reads tag keys without regard to case, so the principal's tags are ambiguous")
	}
	x.facts.principalTags = copyMap(p.PrincipalTags)
	e.more = x
	return nil
}

// prepareGrant reads the request's encryption context, grant ID and new
// grant into s.
func (e *Evaluator) prepareGrant(s *state, r *Request) error {
	if e.more != nil {
		s.facts = &e.more.facts
	}
	s.grantID, s.newGrant = r.GrantId, r.NewGrant
	if r.EncryptionContext != nil {
		// An encryption context is case-sensitive, but the policy
		// conditions on it and the grant constraints read its keys
		// without regard to case ("A policy that uses this condition does
		// not check the case of either element of the condition key",
		// docs.aws.amazon.com/kms/latest/developerguide/conditions-kms.html#conditions-kms-encryption-context-case),
		// so two keys that differ only in case leave them ambiguous.
		if a, b, dup := foldDuplicate(r.EncryptionContext); dup {
			return requestError("EncryptionContext", "has the keys "+quote(a)+" and "+quote(b)+", which differ only in case: kms:EncryptionContext:<key> conditions and grant constraints read keys without regard to case, so the request is ambiguous")
		}
		s.ec = r.EncryptionContext
		// One source for the encryption context: the grant constraints
		// and the kms:EncryptionContext conditions must see the same.
		for name := range r.Context {
			if isECKey(name) || ascii.EqualFoldLower(name, "kms:encryptioncontextkeys") {
				return requestError("Context", quote(name)+" is given while EncryptionContext is set: give the encryption context once, in EncryptionContext")
			}
		}
	}
	if g := r.NewGrant; g != nil {
		for name := range r.Context {
			if _, ok := newGrantKeys[ascii.ToLower(name)]; ok {
				return requestError("Context", quote(name)+" is given while NewGrant is set: the new grant implies it")
			}
		}
		for i, op := range g.Operations {
			if grantOpBit(op) == 0 {
				return requestError("NewGrant.Operations["+strconv.Itoa(i)+"]", quote(op)+" is not a grant operation")
			}
		}
		if c := g.Constraints; c != nil && c.EncryptionContextEquals != nil && c.EncryptionContextSubset != nil {
			return requestError("NewGrant.Constraints", "has both EncryptionContextEquals and EncryptionContextSubset; give one")
		}
	}
	return nil
}

func copyMap(m map[string]string) map[string]string {
	if m == nil {
		return nil
	}
	out := make(map[string]string, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}

// foldDuplicateScan is the most keys foldDuplicate compares pairwise; a
// larger map is indexed by lower-cased key (one allocation).
const foldDuplicateScan = 16

// foldDuplicate returns two keys of m that differ only in ASCII case, in
// byte order, and whether there are such keys.
func foldDuplicate(m map[string]string) (a, b string, dup bool) {
	if len(m) <= foldDuplicateScan {
		var seen [foldDuplicateScan]string
		n := 0
		for k := range m {
			for _, o := range seen[:n] {
				if ascii.EqualFold(k, o) {
					a, b = k, o
					if b < a {
						a, b = b, a
					}
					return a, b, true
				}
			}
			seen[n] = k
			n++
		}
		return "", "", false
	}
	lower := make(map[string]string, len(m))
	for k := range m {
		l := ascii.ToLower(k)
		if o, ok := lower[l]; ok {
			a, b = k, o
			if b < a {
				a, b = b, a
			}
			return a, b, true
		}
		lower[l] = k
	}
	return "", "", false
}
