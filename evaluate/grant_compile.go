package evaluate

import (
	"github.com/cksiam/cksiam/internal/arn"
	"strconv"
	"strings"

	"github.com/cksiam/cksiam/internal/account"
)

// grantSet is Policies.Grants compiled: the grants, and indexes that find
// a caller's grants without looking at the others, so that a decision on a
// key with AWS's quota of 50,000 grants costs a few map lookups.
type grantSet struct {
	grants []compiledGrant
	byID   map[string]int32 // by GrantId, for RetireGrant
	// Grantees by kind; each list holds indexes into grants in the order
	// of Policies.Grants. Partitions are checked when a grant is tried.
	users    map[string][]int32      // IAM user ARN
	roles    map[acctName][]int32    // role, by account and role name
	sessions map[acctSession][]int32 // assumed-role session
	fedUsers map[acctName][]int32    // federated user
	accounts map[uint64][]int32      // account (root ARN or ID)
	services map[string][]int32      // service principal
}

type acctName struct {
	acct uint64
	name string
}

type acctSession struct {
	acct          uint64
	role, session string
}

// compiledGrant is one Grant read for deciding.
type compiledGrant struct {
	index           int32
	ops             uint32 // bits of grantOperations
	keyARN, keyID   string // one of them, or neither (any key)
	grantee         awsEntry
	granteeService  string // a service principal grantee
	retiring        awsEntry
	retiringService string
	issuing         uint64 // the issuing account as an account.Key, 0 if not given
	hasEquals       bool
	equals, subset  []ecPair
	sourceArn       string
	id              string
}

// ecPair is one encryption-context pair of a constraint. Its key compares
// without regard to case, its value with it.
type ecPair struct {
	key, value string
}

// compileGrants checks and indexes grants.
func compileGrants(grants []Grant) (*grantSet, error) {
	gs := &grantSet{
		grants:   make([]compiledGrant, 0, len(grants)),
		byID:     make(map[string]int32, len(grants)),
		users:    map[string][]int32{},
		roles:    map[acctName][]int32{},
		sessions: map[acctSession][]int32{},
		fedUsers: map[acctName][]int32{},
		accounts: map[uint64][]int32{},
		services: map[string][]int32{},
	}
	for i := range grants {
		g, err := compileGrant(&grants[i], int32(i))
		if err != nil {
			return nil, err
		}
		if j, dup := gs.byID[g.id]; dup {
			return nil, policyError(grantPath(i)+".GrantId", "duplicates Grants["+strconv.Itoa(int(j))+"].GrantId "+quote(g.id))
		}
		gs.byID[g.id] = int32(i)
		gs.grants = append(gs.grants, g)
		e := &g.grantee
		switch {
		case g.granteeService != "":
			gs.services[g.granteeService] = append(gs.services[g.granteeService], int32(i))
		case e.kind == awsUser:
			gs.users[e.raw] = append(gs.users[e.raw], int32(i))
		case e.kind == awsRole:
			k := acctName{e.acct, e.name}
			gs.roles[k] = append(gs.roles[k], int32(i))
		case e.kind == awsSession:
			k := acctSession{e.acct, e.name, e.session}
			gs.sessions[k] = append(gs.sessions[k], int32(i))
		case e.kind == awsFederatedUser:
			k := acctName{e.acct, e.name}
			gs.fedUsers[k] = append(gs.fedUsers[k], int32(i))
		case e.kind == awsAccount:
			gs.accounts[e.acct] = append(gs.accounts[e.acct], int32(i))
		}
		// Anything else (unique IDs, internal forms) names no caller the
		// engine can be asked about: it is kept, for RetireGrant, but
		// indexed under no grantee.
	}
	return gs, nil
}

func grantPath(i int) string { return "Grants[" + strconv.Itoa(i) + "]" }

func compileGrant(g *Grant, i int32) (compiledGrant, error) {
	fail := func(field, reason string) (compiledGrant, error) {
		return compiledGrant{}, policyError(grantPath(int(i))+field, reason)
	}
	cg := compiledGrant{index: i, id: g.GrantId}
	if g.GrantId == "" {
		return fail(".GrantId", "is empty: every grant has an ID")
	}
	switch {
	case g.KeyId == "":
	case strings.HasPrefix(g.KeyId, "arn:"):
		parts, ok := arn.Parse(g.KeyId)
		if !ok || parts[2] != "kms" || !strings.HasPrefix(parts[5], "key/") || hasWildcard(g.KeyId) {
			return fail(".KeyId", "is not a KMS key ARN (arn:aws:kms:REGION:ACCOUNT:key/ID): "+quote(g.KeyId))
		}
		cg.keyARN = g.KeyId
	case strings.ContainsAny(g.KeyId, ":/*?"):
		return fail(".KeyId", "is neither a key ARN nor a key ID: "+quote(g.KeyId))
	case strings.HasPrefix(g.KeyId, "mrk-"):
		// Related multi-Region keys share their key ID across Regions, and
		// "you cannot use a single grant to allow permissions to multiple
		// KMS keys, even if they are related multi-Region keys"
		// (docs.aws.amazon.com/kms/latest/developerguide/multi-region-keys-auth.html).
		return fail(".KeyId", "is a multi-Region key ID, which the related keys in every Region share, while a grant is on one key: give the key ARN: "+quote(g.KeyId))
	default:
		cg.keyID = g.KeyId
	}
	switch {
	case g.GranteePrincipal != "" && g.GranteeServicePrincipal != "":
		return fail("", "has both GranteePrincipal and GranteeServicePrincipal; a grant has one grantee")
	case g.GranteeServicePrincipal != "":
		cg.granteeService = g.GranteeServicePrincipal
	case g.GranteePrincipal == "":
		return fail(".GranteePrincipal", "is empty: every grant has a grantee")
	default:
		var ok bool
		if cg.grantee, cg.granteeService, ok = readGrantPrincipal(g.GranteePrincipal); !ok {
			return fail(".GranteePrincipal", "cannot be \"*\": a grant names one grantee")
		}
	}
	if g.RetiringPrincipal != "" {
		var ok bool
		if cg.retiring, cg.retiringService, ok = readGrantPrincipal(g.RetiringPrincipal); !ok {
			return fail(".RetiringPrincipal", "cannot be \"*\"")
		}
	}
	if g.RetiringServicePrincipal != "" {
		if cg.retiringService != "" && cg.retiringService != g.RetiringServicePrincipal {
			return fail(".RetiringServicePrincipal", "differs from the service principal in RetiringPrincipal")
		}
		cg.retiringService = g.RetiringServicePrincipal
	}
	if g.IssuingAccount != "" {
		_, k, ok := accountOf(g.IssuingAccount)
		if !ok || strings.HasPrefix(g.IssuingAccount, "arn:") && !strings.HasSuffix(g.IssuingAccount, ":root") {
			return fail(".IssuingAccount", "is not an account ID or account root ARN: "+quote(g.IssuingAccount))
		}
		cg.issuing = k
	}
	if len(g.Operations) == 0 {
		return fail(".Operations", "is empty: a grant allows at least one operation")
	}
	for j, op := range g.Operations {
		b := grantOpBit(op)
		if b == 0 {
			return fail(".Operations["+strconv.Itoa(j)+"]", quote(op)+" is not a grant operation ("+strings.Join(grantOperations[:], ", ")+")")
		}
		cg.ops |= b
	}
	if c := g.Constraints; c != nil {
		if c.EncryptionContextEquals != nil && c.EncryptionContextSubset != nil {
			// The API model lets both through; Access Analyzer's grant
			// configuration says only one may be given.
			return fail(".Constraints", "has both EncryptionContextEquals and EncryptionContextSubset; give one")
		}
		if c.EncryptionContextEquals != nil {
			cg.hasEquals = true
			cg.equals = ecPairs(c.EncryptionContextEquals)
		}
		cg.subset = ecPairs(c.EncryptionContextSubset)
		cg.sourceArn = c.SourceArn
	}
	return cg, nil
}

// readGrantPrincipal reads a grantee or retiring principal: an AWS
// principal (account, user, role, session, federated user) as an awsEntry,
// anything else as a service principal. ok is false for "*".
func readGrantPrincipal(p string) (awsEntry, string, bool) {
	if p == "*" {
		return awsEntry{}, "", false
	}
	if _, ok := account.Key(p); ok || strings.HasPrefix(p, "arn:") {
		return classifyAWS(p), "", true
	}
	return awsEntry{kind: awsOther, raw: p}, p, true
}

func ecPairs(m map[string]string) []ecPair {
	if len(m) == 0 {
		return nil
	}
	out := make([]ecPair, 0, len(m))
	for k, v := range m {
		out = append(out, ecPair{key: k, value: v})
	}
	return out
}

// candidates returns the lists of grants whose grantee may be the caller,
// most specific first.
func (gs *grantSet) candidates(c *caller) (lists [3][]int32) {
	switch c.kind {
	case callerUser:
		lists[0] = gs.users[c.raw]
	case callerRole:
		lists[0] = gs.roles[acctName{c.acct, c.name}]
	case callerSession:
		lists[0] = gs.sessions[acctSession{c.acct, c.name, c.session}]
		lists[1] = gs.roles[acctName{c.acct, c.name}]
	case callerFederatedUser:
		lists[0] = gs.fedUsers[acctName{c.acct, c.name}]
	case callerService:
		lists[0] = gs.services[c.raw]
		return lists
	}
	if c.acct != 0 {
		lists[2] = gs.accounts[c.acct]
	}
	return lists
}
