package evaluate

import (
	"github.com/cksiam/cksiam/internal/ascii"
	"strings"
)

// The request's encryption context is Request.EncryptionContext when
// given, else the kms:EncryptionContext:<key> entries of Request.Context
// (one value each). Grant constraints compare its keys without regard to
// case and its values with it (API_GrantConstraints.html).

// ecHas reports whether the request's encryption context holds the pair
// key=value.
func (s *state) ecHas(key, value string) bool {
	if s.ec != nil {
		if v, ok := s.ec[key]; ok && v == value {
			return true
		}
		for k, v := range s.ec {
			if v == value && strings.EqualFold(k, key) {
				return true
			}
		}
		return false
	}
	for name, vals := range s.ctx {
		if len(vals) == 1 && vals[0] == value && isECKey(name) && strings.EqualFold(name[len(ecPrefix):], key) {
			return true
		}
	}
	return false
}

// isECKey reports whether a context key is kms:EncryptionContext:<key>.
func isECKey(name string) bool {
	return len(name) > len(ecPrefix) && ascii.HasPrefixFold(name, ecPrefix)
}

// ecSatisfies reports whether the request's encryption context meets g's
// encryption-context constraint, if any.
func (s *state) ecSatisfies(g *compiledGrant) bool {
	if g.hasEquals {
		return s.ecEquals(g.equals)
	}
	return s.ecSubset(g.subset)
}

// ecSubset reports whether the request's encryption context holds every
// pair of want (EncryptionContextSubset).
func (s *state) ecSubset(want []ecPair) bool {
	for _, p := range want {
		if !s.ecHas(p.key, p.value) {
			return false
		}
	}
	return true
}

// ecEquals reports whether the request's encryption context is exactly
// want (EncryptionContextEquals): every pair of want is in it and every
// pair of it is in want.
func (s *state) ecEquals(want []ecPair) bool {
	if !s.ecSubset(want) {
		return false
	}
	if s.ec != nil {
		for k, v := range s.ec {
			if !pairsHave(want, k, v) {
				return false
			}
		}
		return true
	}
	for name, vals := range s.ctx {
		if len(vals) == 0 || !isECKey(name) {
			continue
		}
		if len(vals) != 1 || !pairsHave(want, name[len(ecPrefix):], vals[0]) {
			return false
		}
	}
	return true
}

func pairsHave(pairs []ecPair, key, value string) bool {
	for _, p := range pairs {
		if p.value == value && strings.EqualFold(p.key, key) {
			return true
		}
	}
	return false
}

// mapHasPairs reports whether m holds every pair of want, keys compared
// without regard to case.
func mapHasPairs(m map[string]string, want []ecPair) bool {
	for _, p := range want {
		found := false
		for k, v := range m {
			if v == p.value && strings.EqualFold(k, p.key) {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

// childAllowed reports whether the grant the CreateGrant request would
// create (Request.NewGrant) stays within parent grant g, as a grant's
// CreateGrant permission requires
// (docs.aws.amazon.com/kms/latest/developerguide/create-grant-overview.html#grant-creategrant):
// its operations are some of the parent's; its constraints are as strict
// or stricter: a parent EncryptionContextSubset may gain pairs or become
// an EncryptionContextEquals holding its pairs, a parent
// EncryptionContextEquals stays the same; and (a reading) a parent's
// SourceArn constraint stays.
func (s *state) childAllowed(g *compiledGrant) bool {
	child := s.newGrant
	if child == nil {
		if s.tr != nil {
			s.note(errDiag(DiagGrantChildUnknown, "the grant allows CreateGrant only for grants within its own operations and constraints, and the request does not say which grant it creates (Request.NewGrant)", grantPath(int(g.index))))
		}
		return false
	}
	tooBroad := func(why ...string) bool {
		if s.tr != nil {
			s.note(warnDiag(DiagGrantChildTooBroad, "the grant the request creates "+strings.Join(why, "")+", so this grant's CreateGrant permission does not cover it", grantPath(int(g.index))))
		}
		return false
	}
	for _, op := range child.Operations {
		if g.ops&grantOpBit(op) == 0 {
			return tooBroad("allows ", op, ", which the parent grant does not")
		}
	}
	var eq, sub map[string]string
	src := ""
	if c := child.Constraints; c != nil {
		eq, sub, src = c.EncryptionContextEquals, c.EncryptionContextSubset, c.SourceArn
	}
	if g.sourceArn != "" && src != g.sourceArn {
		return tooBroad("does not keep the parent's SourceArn constraint")
	}
	switch {
	case g.hasEquals:
		if eq == nil || !mapHasPairs(eq, g.equals) || len(eq) != len(g.equals) {
			return tooBroad("does not keep the parent's EncryptionContextEquals constraint unchanged")
		}
	case len(g.subset) > 0:
		if eq != nil && mapHasPairs(eq, g.subset) || eq == nil && mapHasPairs(sub, g.subset) {
			return true
		}
		return tooBroad("drops pairs of the parent's EncryptionContextSubset constraint")
	}
	return true
}
