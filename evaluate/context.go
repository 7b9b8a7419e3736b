package evaluate

import (
	"github.com/cksiam/cksiam/internal/ascii"
	"strings"

	"github.com/cksiam/cksiam/policy"
)

// keyRef is a condition key as a policy names it, prepared for lookup.
type keyRef struct {
	name    string  // as written
	lower   string  // lower-cased, the canonical map key
	hash    uint64  // ascii.FoldHash(name): what a context entry of this key hashes to
	implied implied // which implied key it is, if any
	suffix  string  // for aws:ResourceTag/, aws:PrincipalTag/ and kms:EncryptionContext: keys, the part after the prefix
}

func newKeyRef(name string) keyRef { return newKeyRefIn(name, nil) }

// newKeyRefIn is newKeyRef with the lower-cased name from lt.
func newKeyRefIn(name string, lt *lowerText) keyRef {
	l := lt.lower(name)
	k := keyRef{name: name, lower: l, hash: ascii.FoldHash(l), implied: impliedByName[l]}
	if k.implied == impliedNone {
		k.implied, k.suffix = factKey(name, l)
	}
	return k
}

// implied names a context key the request implies when the caller did not
// give it.
type implied uint8

const (
	impliedNone implied = iota
	impliedPrincipalArn
	impliedPrincipalAccount
	impliedPrincipalType
	impliedUsername
	impliedUserID
	impliedCallerAccount
	impliedPrincipalIsAWSService
	impliedPrincipalServiceName
	impliedResourceAccount
)

var impliedByName = map[string]implied{
	"aws:principalarn":          impliedPrincipalArn,
	"aws:principalaccount":      impliedPrincipalAccount,
	"aws:principaltype":         impliedPrincipalType,
	"aws:username":              impliedUsername,
	"aws:userid":                impliedUserID,
	"kms:calleraccount":         impliedCallerAccount,
	"aws:principalisawsservice": impliedPrincipalIsAWSService,
	"aws:principalservicename":  impliedPrincipalServiceName,
	"aws:resourceaccount":       impliedResourceAccount,
}

// values is a context key's values without allocating for the implied,
// single-valued case.
type values struct {
	list []string
	one  string
	n    int
}

func (v values) len() int { return v.n }

// empty reports whether every value is the empty string: a key that
// resolves to a null data set (aws-rules B.9, B.10).
func (v values) empty() bool {
	for i := 0; i < v.n; i++ {
		if v.at(i) != "" {
			return false
		}
	}
	return true
}

func (v values) at(i int) string {
	if v.list != nil {
		return v.list[i]
	}
	return v.one
}

func listValues(l []string) values { return values{list: l, n: len(l)} }
func oneValue(s string) values     { return values{one: s, n: 1} }

// lookup returns the values of k in the request, after implied keys. A key
// with no values is absent. Absent keys are recorded for
// Result.MissingContextKeys.
func (s *state) lookup(k *keyRef) (values, bool) {
	// A key listed with no values is absent (Context), so a value the
	// request implies still applies.
	if v, ok := s.given(k); ok && len(v) > 0 {
		return listValues(v), true
	}
	if k.implied >= impliedKeyOrigin {
		if v, ok := s.factValues(k); ok {
			return v, true
		}
	} else if v, ok := s.impliedValue(k.implied); ok {
		return oneValue(v), true
	}
	s.missing(k)
	return values{}, false
}

// carries reports whether the request carries k, given or implied, without
// recording anything: for explanations only.
func (s *state) carries(k *keyRef) bool {
	if v, ok := s.given(k); ok && len(v) > 0 {
		return true
	}
	_, ok := s.impliedValue(k.implied)
	return ok
}

// failsWhenAbsent reports whether the entry is false for a request that
// does not carry its key: every operator but Null, without IfExists, and
// not ForAllValues, which holds for an absent key (aws-rules B.9, B.10).
func (ce *condEntry) failsWhenAbsent() bool {
	return ce.op.Base != policy.Null && !ce.op.IfExists && ce.op.Set != policy.ForAllValues && !ce.op.Base.Negated()
}

// noteNearMiss records, while explaining, an Allow statement whose action,
// resource and principal match and whose conditions fail only because the
// request lacks keys they test: Result.Reason then says which key the
// Allow needs.
func (s *state) noteNearMiss(entries []condEntry) {
	if s.tr == nil || s.cur == nil || s.cur.deny {
		return
	}
	key := ""
	for i := range entries {
		ce := &entries[i]
		if s.carries(&ce.key) {
			continue
		}
		if !ce.failsWhenAbsent() {
			continue
		}
		if key == "" {
			key = ce.key.name
		}
	}
	if key == "" {
		return
	}
	// Every entry on a key the request carries must hold.
	for i := range entries {
		ce := &entries[i]
		if !s.carries(&ce.key) && ce.failsWhenAbsent() {
			continue
		}
		tr := s.tr
		s.tr = nil // evaluate quietly: the diagnostics were made already
		r := ce.eval(s)
		s.tr = tr
		if r != triTrue {
			return
		}
	}
	s.tr.nearMisses = append(s.tr.nearMisses, nearMiss{ref: *s.cur.ref, key: key})
}

// ctxKeysMax is the most context keys state.ctxList holds: more than a
// request from AWS usually carries (a dozen to twenty: the global keys,
// the principal's tags, the request's tags), so that Decide allocates no
// index for them. The list lives on the caller's stack (each entry 24
// bytes, and 24 more for the values of the first ctxValsMax).
const ctxKeysMax = 32

// ctxValsMax is how many keys' values state.ctxList keeps: the values of
// a later key, in a context of more keys than most requests carry, are
// read from the map again when a condition asks for them, so that every
// decision clears a shorter list.
const ctxValsMax = 16

// ctxList is the request's context as readContext lists it when it has at
// most ctxKeysMax keys: each key with its ascii.FoldHash and values, and a
// 64-bit summary of the hashes (bit hash>>58 of each key) that answers
// most lookups of a key the request lacks without a scan.
type ctxList struct {
	n     int
	bloom uint64
	hash  [ctxKeysMax]uint64
	name  [ctxKeysMax]string
	vals  [ctxValsMax][]string // the values of the first ctxValsMax keys
}

func bloomBit(h uint64) uint64 { return 1 << (h >> 58) }

// find returns the index of the key whose hash is h and whose name equals
// lower ignoring ASCII case, or -1.
func (l *ctxList) find(h uint64, lower string) int {
	if l.bloom&bloomBit(h) == 0 {
		return -1
	}
	for i, x := range l.hash[:l.n] {
		if x == h && ascii.EqualFoldLower(l.name[i], lower) {
			return i
		}
	}
	return -1
}

// readContext reads the request's context once per request, before any
// lookup, in one pass over the map: every key and value within AWS's
// limits, and no two keys that differ only in ASCII case, which would make
// the request say two things about one condition key (aws-rules A.7: key
// names ignore case). It also prepares the lookups that ignore case, so
// that each costs the same whatever the number of keys: up to ctxKeysMax
// keys are listed in state.ctx with their hashes (no allocation; a lookup
// compares hashes along the short list, never the map); more are indexed
// by their lower-cased name in state.fold (one map per request).
func (s *state) readContext() error {
	ctx := s.ctx
	if len(ctx) == 0 {
		return nil
	}
	if len(ctx) > ctxKeysMax {
		return s.indexContext()
	}
	l := &s.list
	for name, vals := range ctx {
		if !plainContextEntry(name, vals) {
			if err := checkContextLimits(name, vals); err != nil {
				return err
			}
		}
		var h uint64
		if len(name) >= 8 { // ascii.FoldHash, without a call
			h = ascii.FoldHashWords(len(name), ascii.Word(name, 0), ascii.Word(name, len(name)-8))
		} else {
			h = ascii.FoldHash(name)
		}
		if l.bloom&bloomBit(h) != 0 {
			if err := l.otherSpelling(h, name); err != nil {
				return err
			}
		}
		l.bloom |= bloomBit(h)
		if l.n < len(l.vals) {
			l.vals[l.n] = vals
		}
		l.hash[l.n], l.name[l.n] = h, name
		l.n++
	}
	return nil
}

// otherSpelling returns the error for a listed key that differs from name
// only in case, if there is one; h is name's hash.
func (l *ctxList) otherSpelling(h uint64, name string) error {
	for i, x := range l.hash[:l.n] {
		if x == h && ascii.EqualFold(name, l.name[i]) {
			return ambiguousKeys(name, l.name[i])
		}
	}
	return nil
}

// indexContext is readContext for a context of more than ctxKeysMax keys.
func (s *state) indexContext() error {
	s.fold = make(map[string]string, len(s.ctx))
	for name, vals := range s.ctx {
		if err := checkContextEntry(name, vals); err != nil {
			return err
		}
		l := ascii.ToLower(name)
		if other, dup := s.fold[l]; dup {
			return ambiguousKeys(name, other)
		}
		s.fold[l] = name
	}
	return nil
}

// ambiguousKeys is the error for two context keys that differ only in
// case, naming both in byte order so that the message does not depend on
// map order.
func ambiguousKeys(a, b string) error {
	if b < a {
		a, b = b, a
	}
	return requestError("Context", "has the keys "+quote(a)+" and "+quote(b)+", which name one condition key (key names ignore case): give it once")
}

// given finds the context entry of k in any spelling. readContext made it
// a scan of at most ctxKeysMax hashes, or one map access. There is at most
// one match, since readContext refuses keys that differ only in case.
func (s *state) given(k *keyRef) ([]string, bool) {
	if s.fold == nil {
		if i := s.list.find(k.hash, k.lower); i >= 0 {
			if i < len(s.list.vals) {
				return s.list.vals[i], true
			}
			return s.ctx[s.list.name[i]], true // a key past the values kept
		}
		return nil, false
	}
	if name, ok := s.fold[k.lower]; ok {
		return s.ctx[name], true
	}
	return nil, false
}

func (s *state) missing(k *keyRef) {
	if s.tr != nil {
		s.tr.addMissing(k.name)
	}
}

// impliedValue computes a key the request implies. Only facts the request
// states are implied: the caller's identity and account, the resource's
// account, and kms:CallerAccount for kms actions.
func (s *state) impliedValue(k implied) (string, bool) {
	c := &s.caller
	if s.unnamedCaller && k != impliedResourceAccount {
		return "", false
	}
	switch k {
	case impliedPrincipalArn:
		return s.principalARN()
	case impliedPrincipalAccount:
		return c.account, c.account != ""
	case impliedPrincipalType:
		t := c.principalType()
		return t, t != ""
	case impliedUsername:
		// aws:username exists for IAM users only (aws-rules A.8).
		return c.name, c.kind == callerUser
	case impliedUserID:
		// The root user's user ID is its account ID; a federated user's is
		// ACCOUNT:caller-specified-name (IAM policy-variables page, STS
		// FederatedUser). Other unique IDs (AIDA…, AROA…:session) are not
		// knowable offline.
		switch c.kind {
		case callerRoot:
			return c.account, true
		case callerFederatedUser:
			if s.userID == "" {
				s.userID = derived(c.raw, func() string { return c.account + ":" + c.name })
			}
			return s.userID, true
		}
		return "", false
	case impliedCallerAccount:
		return c.account, c.account != "" && s.actionService == "kms"
	case impliedPrincipalIsAWSService:
		if c.kind == callerService {
			return "true", true
		}
		return "false", true
	case impliedPrincipalServiceName:
		return c.raw, c.kind == callerService
	case impliedResourceAccount:
		return s.resourceAccount, s.resourceAccount != ""
	}
	return "", false
}

// principalArnPathUnknown reports whether k is aws:PrincipalArn implied
// for a role session whose role, by its name, certainly has a path the
// session ARN does not show: IAM Identity Center's AWSReservedSSO_ roles
// live under /aws-reserved/sso.amazonaws.com/
// (https://docs.aws.amazon.com/singlesignon/latest/userguide/referencingpermissionsets.html)
// and service-linked roles under /aws-service-role/SERVICE/
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/using-service-linked-roles.html).
// The pathless ARN principalARN builds is then certainly not the value AWS
// compares (aws-rules I.17).
func (s *state) principalArnPathUnknown(k *keyRef) bool {
	c := &s.caller
	if c.kind != callerSession || s.unnamedCaller {
		return false
	}
	if v, ok := s.given(k); ok && len(v) > 0 {
		return false
	}
	return strings.HasPrefix(c.name, "AWSReservedSSO_") || strings.HasPrefix(c.name, "AWSServiceRoleFor")
}

// principalARN is aws:PrincipalArn: for a role session the role's ARN. A
// role's path is not in its session ARN, so the ARN is built without one
// (principalArnPathUnknown says where that is certainly wrong).
func (s *state) principalARN() (string, bool) {
	c := &s.caller
	switch c.kind {
	case callerUser, callerRole, callerFederatedUser:
		return c.raw, true
	case callerRoot:
		if strings.HasPrefix(c.raw, "arn:") {
			return c.raw, true
		}
		if s.rootARN == "" {
			s.rootARN = derived(c.raw, func() string { return "arn:" + c.partition + ":iam::" + c.account + ":root" })
		}
		return s.rootARN, true
	case callerSession:
		if s.roleARN == "" {
			// The session ARN up to the role name: what the role ARN is
			// made from, the same for every session of the role.
			role := c.raw[:len(c.raw)-len(c.session)-1]
			s.roleARN = derived(role, func() string { return "arn:" + c.partition + ":iam::" + c.account + ":role/" + c.name })
		}
		return s.roleARN, true
	}
	return "", false
}
