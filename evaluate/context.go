package evaluate

import (
	"strings"
)

// keyRef is a condition key as a policy names it, prepared for lookup.
type keyRef struct {
	name    string  // as written
	lower   string  // lower-cased, the canonical map key
	implied implied // which implied key it is, if any
}

func newKeyRef(name string) keyRef {
	l := strings.ToLower(name)
	return keyRef{name: name, lower: l, implied: impliedByName[l]}
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
// resolves to a null data set (facts B.9, B.10).
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
		if !ok && k.lower != k.name {
			v, ok = ctx[k.lower]
		}
		if !ok {
			for name, vs := range ctx {
				if equalFoldASCII(name, k.lower) {
					v, ok = vs, true
					break
				}
			}
		}
		// A key listed with no values is absent (Context), so a value the
		// request implies still applies.
		if ok && len(v) > 0 {
			return listValues(v), true
		}
	}
	if v, ok := s.impliedValue(k.implied); ok {
		return oneValue(v), true
	}
	s.missing(k)
	return values{}, false
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
	switch k {
	case impliedPrincipalArn:
		return s.principalARN()
	case impliedPrincipalAccount:
		return c.account, c.account != ""
	case impliedPrincipalType:
		t := c.principalType()
		return t, t != ""
	case impliedUsername:
		// aws:username exists for IAM users only (facts A.8).
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
// ignoring ASCII case. Condition key names are ASCII; comparing lengths
// first makes the scan over a request's keys cheap.
func equalFoldASCII(s, lower string) bool {
	if len(s) != len(lower) {
		return false
	}
	for i := 0; i < len(s); i++ {
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
