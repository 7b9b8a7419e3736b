package evaluate

import (
	"strings"
)

// keyRef is a condition key as a policy names it, prepared for lookup.
type keyRef struct {
	name    string  // as written
	lower   string  // lower-cased, the canonical map key
	implied implied // which implied key it is, if any
	suffix  string  // for aws:ResourceTag/, aws:PrincipalTag/ and kms:EncryptionContext: keys, the part after the prefix
}

func newKeyRef(name string) keyRef {
	l := strings.ToLower(name)
	k := keyRef{name: name, lower: l, implied: impliedByName[l]}
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
	ctx := s.ctx
	if ctx != nil {
		v, ok := ctx[k.name]
		if !ok {
			v, ok = s.lookupFold(k)
		}
		// A key listed with no values is absent (Context), so a value the
		// request implies still applies.
		if ok && len(v) > 0 {
			return listValues(v), true
		}
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

// ctxKeysMax is the most context keys state.ctxKeys lists.
const ctxKeysMax = 16

// lookupFold finds a context key spelled otherwise than k.name. Keys the
// request implies are usually absent from the context, so this is the
// common path for them: for contexts of up to ctxKeysMax keys, the first
// call lists the keys once (one map iteration) and every later call scans
// that short list, where a Go map could only be iterated again. The
// lower-cased spelling wins over other spellings, as Context.Lookup's
// exact-then-lower order would have it, then the least in byte order.
func (s *state) lookupFold(k *keyRef) ([]string, bool) {
	ctx := s.ctx
	if s.nCtxKeys == 0 && len(ctx) <= ctxKeysMax {
		n := 0
		for name := range ctx {
			s.ctxKeys[n] = name
			n++
		}
		s.nCtxKeys = int8(n + 1)
	}
	if s.nCtxKeys > 0 {
		found := ""
		for _, name := range s.ctxKeys[:s.nCtxKeys-1] {
			if equalFoldASCII(name, k.lower) {
				if name == k.lower {
					return ctx[name], true
				}
				if found == "" || name < found {
					found = name
				}
			}
		}
		if found == "" {
			return nil, false
		}
		return ctx[found], true
	}
	if k.lower != k.name {
		if v, ok := ctx[k.lower]; ok {
			return v, true
		}
	}
	return foldScan(ctx, k.lower)
}

// foldScan finds a key spelled as lower but for ASCII case; where several
// are, the least in byte order, so that the choice does not depend on map
// order.
func foldScan(ctx Context, lower string) ([]string, bool) {
	found, any := "", false
	for name := range ctx {
		if equalFoldASCII(name, lower) && (!any || name < found) {
			found, any = name, true
		}
	}
	if !any {
		return nil, false
	}
	return ctx[found], true
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
				s.userID = c.account + ":" + c.name
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

// principalARN is aws:PrincipalArn: for a role session the role's ARN. A
// role's path is not in its session ARN, so the ARN is built without one.
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
			s.rootARN = "arn:" + c.partition + ":iam::" + c.account + ":root"
		}
		return s.rootARN, true
	case callerSession:
		if s.roleARN == "" {
			s.roleARN = "arn:" + c.partition + ":iam::" + c.account + ":role/" + c.name
		}
		return s.roleARN, true
	}
	return "", false
}

// equalFoldASCII reports whether s equals lower (which is lower case)
// ignoring ASCII case. Condition key and action names are ASCII; comparing
// lengths first makes the scan over a request's keys cheap, and comparing
// eight bytes at a time makes the rest cheap.
func equalFoldASCII(s, lower string) bool {
	n := len(s)
	if n != len(lower) {
		return false
	}
	if n < 8 {
		for i := 0; i < n; i++ {
			c := s[i]
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			if c != lower[i] {
				return false
			}
		}
		return true
	}
	for i := 0; i+8 <= n; i += 8 {
		if lowerWord(le64(s, i)) != le64(lower, i) {
			return false
		}
	}
	// The last eight bytes, overlapping the words above when n is not a
	// multiple of eight.
	return lowerWord(le64(s, n-8)) == le64(lower, n-8)
}
