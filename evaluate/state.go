package evaluate

import (
	"github.com/cksiam/cksiam/policy"
	"strings"
)

// state is one request being decided. It lives on the caller's stack;
// everything in it is a substring of the request except the lazily built
// ARNs below.
type state struct {
	ctx             Context
	action          string
	actionService   string // lower-cased service prefix of the action
	actionName      string
	svcID           uint16 // the action's service number in Evaluator.services, 0 if unnamed
	memo            int32  // the action's number in the action index, -1 when the policies do not name it literally
	resource        string
	resourceAccount string
	resourceAcct    uint64 // resourceAccount as an account.Key
	caller          caller
	keyRequest      bool // a kms action on a KMS key ARN: Policies.Resource is its key policy
	trustRequest    bool // sts:AssumeRole* on a role ARN: Policies.Resource is its trust policy
	slrTarget       bool // the resource is a service-linked role (role/aws-service-role/…)
	hasBoundary     bool // Policies.Boundary is set (see NotPrincipal in stmt.eval)
	unnamedCaller   bool // Evaluator.unnamedCaller: imply no caller keys
	roleARN         string
	rootARN         string
	userID          string     // aws:userid of a federated user, built on first use
	cur             *stmt      // the statement being evaluated, for diagnostics
	cond            *condEntry // the condition being evaluated, if any
	tr              *trace     // nil on the Decide fast path
	// For grants and facts (grant_decide.go, facts.go).
	facts    *facts            // Evaluator.more's facts, nil without
	ec       map[string]string // Request.EncryptionContext
	grantID  string            // Request.GrantId
	newGrant *Grant            // Request.NewGrant
	// list lists the context's entries when there are at most ctxKeysMax
	// of them; fold indexes them by lower-cased name when there are more
	// (see readContext).
	list ctxList
	fold map[string]string
}

// prepare validates r and reads it into s, with what e knows of its
// action.
func (e *Evaluator) prepare(s *state, r *Request) error {
	if err := checkRequestLimits(r); err != nil {
		return err
	}
	s.ctx = r.Context
	if err := s.readContext(); err != nil {
		return err
	}
	if m, name, ok := e.names.get(r.Action); ok && m.id >= 0 {
		// An action the policies name literally, in any spelling: valid,
		// since only valid names are memoised, and its lower-cased service
		// prefix is the stored name's.
		s.action, s.actionService, s.actionName = r.Action, name[:m.svcLen], r.Action[m.svcLen+1:]
		s.svcID = m.svc
		s.memo = m.id
	} else {
		s.memo = -1
		svc, err := checkAction(r.Action)
		if err != nil {
			return err
		}
		s.action, s.actionService, s.actionName = r.Action, svc, r.Action[len(svc)+1:]
		m, _, _ = e.names.get(svc)
		s.svcID = m.svc
	}
	if err := s.caller.parse(r.Principal); err != nil {
		return err
	}
	s.resource = r.Resource
	var resParts [6]string
	var resAcct uint64 // resParts[4] as an account.Key, 0 when it is no account ID
	isARN := false
	switch {
	case r.Resource == "":
		return requestError("Resource", "is empty: give the resource ARN, or \"*\" for an action without a resource")
	case r.Resource == "*":
	default:
		var err error
		if resAcct, err = readResource(&resParts, r.Resource); err != nil {
			return err
		}
		if resParts[2] == "kms" && s.actionService == "kms" {
			if err := checkAliasRequest(s, resParts[5]); err != nil {
				return err
			}
		}
		isARN = true
	}
	if r.ResourceAccount != "" {
		acct, key, ok := accountOf(r.ResourceAccount)
		if !ok {
			return requestError("ResourceAccount", "is not an account ID or account ARN: "+quote(r.ResourceAccount))
		}
		if isARN && resParts[4] != "" && resParts[4] != acct {
			return requestError("ResourceAccount", "says "+acct+" but Resource is in account "+resParts[4])
		}
		s.resourceAccount, s.resourceAcct = acct, key
	}
	if resAcct != 0 {
		s.resourceAccount, s.resourceAcct = resParts[4], resAcct
	}
	if s.resourceAccount == "" {
		s.resourceAccount, s.resourceAcct = s.caller.account, s.caller.acct
	}
	if isARN {
		// How a resource policy is recognised as a key or trust policy:
		// by the action's service and the resource ARN's type (aws-rules C.4,
		// C.5).
		s.keyRequest = s.actionService == "kms" && resParts[2] == "kms" && strings.HasPrefix(resParts[5], "key/")
		s.trustRequest = s.actionService == "sts" && policy.IsTrustAction(s.action) &&
			resParts[2] == "iam" && strings.HasPrefix(resParts[5], "role/")
		s.slrTarget = resParts[2] == "iam" && strings.HasPrefix(resParts[5], slrPath)
	}
	return e.prepareGrant(s, r)
}

// whereCond is the JSON path of a condition entry of the current statement.
func (s *state) whereCond(ce *condEntry) string {
	if s.cur == nil {
		return ""
	}
	return s.cur.ref.Path() + ".Condition." + ce.opText + "." + ce.key.name
}

// where is the path of what is being evaluated: the current condition
// entry, or the current statement's Resource.
func (s *state) where() string {
	switch {
	case s.cur == nil:
		return ""
	case s.cond != nil:
		return s.whereCond(s.cond)
	}
	if s.cur.notResource {
		return s.cur.ref.Path() + ".NotResource"
	}
	return s.cur.ref.Path() + ".Resource"
}
