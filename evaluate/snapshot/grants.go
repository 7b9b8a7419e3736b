package snapshot

import (
	"sort"
	"strings"

	kmstypes "github.com/aws/aws-sdk-go-v2/service/kms/types"
	"github.com/cksiam/cksiam/evaluate"
	"github.com/cksiam/cksiam/evaluate/kmskey"
	"github.com/cksiam/cksiam/evaluate/prove"
	"github.com/cksiam/cksiam/internal/ascii"
	"github.com/cksiam/cksiam/policy"
)

// grantIndex finds the grants that may concern a caller: those whose
// grantee or retiring principal names the caller, its role, its account,
// or its service. Each caller is decided with those grants only — the
// engine decides whether they apply; the index only spares compiling the
// key's other grants (up to 50,000) for every principal.
type grantIndex struct {
	grants []evaluate.Grant
	byName map[string][]int
	// conds and condKeys are each grant's constraint as a condition and
	// as text (constraintCondition), made once.
	conds    []policy.Condition
	condKeys []string
	// shared remembers the grant lists of callers named by no grant but
	// their account's, which many callers share.
	shared map[string][]evaluate.Grant
}

// principalKeys are the index keys of a principal string: "ACCOUNT:account"
// for an account, "ACCOUNT:user:NAME", "ACCOUNT:role:NAME" for a user, a
// role or a role's session, "service:NAME" for a service principal; none
// for text that names no principal.
func principalKeys(p string) []string {
	if p == "" {
		return nil
	}
	if policy.IsAccountID(p) {
		return []string{p + ":account"}
	}
	if !strings.HasPrefix(p, "arn:") {
		if strings.Contains(p, ".") && !strings.ContainsAny(p, ":/") {
			return []string{"service:" + p}
		}
		return nil
	}
	a, err := policy.ParseARN(p)
	if err != nil || !policy.IsAccountID(a.Account) {
		return nil
	}
	acct := a.Account
	switch {
	case a.Service == "iam" && a.Resource == "root":
		return []string{acct + ":account"}
	case a.Service == "iam" && strings.HasPrefix(a.Resource, "user/"):
		return []string{acct + ":user:" + lastSegment(a.Resource)}
	case a.Service == "iam" && strings.HasPrefix(a.Resource, "role/"):
		return []string{acct + ":role:" + lastSegment(a.Resource)}
	case a.Service == "sts" && strings.HasPrefix(a.Resource, "assumed-role/"):
		parts := strings.Split(a.Resource, "/")
		if len(parts) >= 2 {
			return []string{acct + ":role:" + parts[1]}
		}
	case a.Service == "sts" && strings.HasPrefix(a.Resource, "federated-user/"):
		return []string{acct + ":federated:" + lastSegment(a.Resource)}
	}
	return nil
}

func lastSegment(s string) string { return s[strings.LastIndexByte(s, '/')+1:] }

func newGrantIndex(gs []kmstypes.GrantListEntry) *grantIndex {
	ix := &grantIndex{grants: kmskey.Grants(gs), byName: map[string][]int{}, shared: map[string][]evaluate.Grant{}}
	ix.conds = make([]policy.Condition, len(ix.grants))
	ix.condKeys = make([]string, len(ix.grants))
	for i, g := range ix.grants {
		if c := constraintCondition(g.Constraints); c != nil {
			ix.conds[i] = c
			b, err := c.MarshalJSON()
			if err != nil {
				b = []byte(g.GrantId) // never shared with another grant
			}
			ix.condKeys[i] = string(b)
		}
		seen := map[string]bool{}
		for _, p := range []string{g.GranteePrincipal, g.GranteeServicePrincipal, g.RetiringPrincipal, g.RetiringServicePrincipal} {
			for _, k := range principalKeys(p) {
				if !seen[k] {
					seen[k] = true
					ix.byName[k] = append(ix.byName[k], i)
				}
			}
		}
	}
	return ix
}

// of returns the grants that may concern caller, in the key's order, and
// their indexes in ix.grants.
func (ix *grantIndex) of(caller string) ([]evaluate.Grant, []int) {
	keys := principalKeys(caller)
	if len(keys) == 1 && !strings.HasSuffix(keys[0], ":account") && !strings.HasPrefix(keys[0], "service:") {
		// A user's or role's account may be the grantee too.
		acct, _, _ := strings.Cut(keys[0], ":")
		keys = append(keys, acct+":account")
	}
	var idx []int
	for _, k := range keys {
		idx = append(idx, ix.byName[k]...)
	}
	if len(idx) == 0 {
		return nil, nil
	}
	sort.Ints(idx)
	uniq := idx[:1]
	for _, j := range idx[1:] {
		if j != uniq[len(uniq)-1] {
			uniq = append(uniq, j)
		}
	}
	shareable := len(keys) == 2 && len(ix.byName[keys[0]]) == 0
	if shareable {
		if out, ok := ix.shared[keys[1]]; ok {
			return out, uniq
		}
	}
	out := make([]evaluate.Grant, len(uniq))
	for i, j := range uniq {
		out[i] = ix.grants[j]
	}
	if shareable {
		ix.shared[keys[1]] = out
	}
	return out, uniq
}

// grantOp is the grant operation of a kms action ("kms:Decrypt" →
// "Decrypt").
func grantOp(action string) string { return strings.TrimPrefix(action, "kms:") }

func hasOp(g evaluate.Grant, op string) bool {
	for _, o := range g.Operations {
		if ascii.EqualFold(o, op) {
			return true
		}
	}
	return false
}

// constraintCondition is a grant's encryption-context constraint as the
// IAM condition that holds exactly when the constraint does: each pair as
// StringEquals on kms:EncryptionContext:KEY (keys compare without case,
// values with it, as in a grant constraint), and for
// EncryptionContextEquals no other key. nil for a grant without one.
func constraintCondition(c *evaluate.GrantConstraints) policy.Condition {
	if c == nil {
		return nil
	}
	pairs := c.EncryptionContextSubset
	if c.EncryptionContextEquals != nil {
		pairs = c.EncryptionContextEquals
	}
	if pairs == nil {
		return nil
	}
	keys := sortedKeys(pairs)
	var cond policy.Condition
	for _, k := range keys {
		cond = cond.With("StringEquals", "kms:EncryptionContext:"+k, pairs[k])
	}
	if c.EncryptionContextEquals != nil {
		cond = cond.With("ForAllValues:StringEquals", "kms:EncryptionContextKeys", keys...)
	}
	return cond
}

// variantSearches bounds the grants of one row whose use the witness
// search or the prover decides when the request with the free keys absent
// does not use them but the upper bound does; the others make the row say
// that they may allow it too (or make it unknown when no grant is found).
const variantSearches = 4

// grantRetry looks for access the first decision could not see: a grant
// whose encryption-context constraint the request must meet (the snapshot
// does not fix the encryption context), a grant the caller may retire, or
// a child grant the caller may create from a grant. It returns the
// conditional row, or false.
//
// bounds, when not nil, are the subject's bounds (its policies test keys the
// snapshot does not fix): a grant the request with those keys absent does
// not use, but the upper bound does, makes the row unknown rather than
// absent — unless the prover decides it (run, when not nil, is the
// subject's run): run.ecDecided says it decided the request with the
// encryption context free, so that its answer holds for the grants'
// encryption-context constraints; a request naming a grant to retire or a
// child grant it asks itself.
func (w *whoCan) grantRetry(s subject, ev *evaluate.Evaluator, req evaluate.Request, idx []int, bounds *subjectBounds, run *subjectRun) (Row, bool, error) {
	ecDecided := run != nil && run.ecDecided
	op := grantOp(req.Action)
	row := Row{Principal: s.arn, Action: req.Action, Access: Conditional}
	var retired, children []string
	maybe := false // a grant may apply with some value of the free keys
	// someFree: a grant applies only for some values of the free keys
	// (the prover's Sometimes).
	someFree := false
	searched := 0 // grants searched or proved (variantSearches)
	// Grants with one constraint (or one child) ask one question.
	var asked map[string]bool
	for _, i := range idx {
		g := w.grants.grants[i]
		r := req
		var cond policy.Condition
		key := ""
		switch {
		case ascii.EqualFold(op, "RetireGrant"):
			r.GrantId = g.GrantId
			key = g.GrantId
		case ascii.EqualFold(op, "CreateGrant") && hasOp(g, "CreateGrant"):
			// A child grant as broad as its parent allows.
			child := g
			child.GrantId, child.Name = "", ""
			child.GranteePrincipal, child.GranteeServicePrincipal = s.arn, ""
			r.NewGrant = &child
			cond = w.grants.conds[i]
			key = g.GrantId
		case w.grants.conds[i] != nil && hasOp(g, op):
			r.EncryptionContext = g.Constraints.EncryptionContextEquals
			if r.EncryptionContext == nil {
				r.EncryptionContext = g.Constraints.EncryptionContextSubset
			}
			cond, key = w.grants.conds[i], w.grants.condKeys[i]
		default:
			continue
		}
		if asked[key] {
			continue
		}
		if asked == nil {
			asked = map[string]bool{}
		}
		asked[key] = true
		d, err := ev.Decide(r)
		if err != nil {
			return row, false, err
		}
		if d != evaluate.Allowed && run != nil && bounds != nil && bounds.made {
			// The free keys of the subject's last allowed request often
			// let this one in too: one decision rather than the upper
			// bound and a search.
			found, err := w.tryLast(bounds, ev, r, true)
			if err != nil {
				return row, false, err
			}
			if found != nil {
				r, d = *found, evaluate.Allowed
				someFree = true
			}
		}
		if d != evaluate.Allowed {
			byEC := r.GrantId == "" && r.NewGrant == nil
			if bounds != nil && bounds.ok && !maybe && !(ecDecided && byEC) {
				upper, err := w.upperBound(bounds)
				if err != nil {
					return row, false, err
				}
				du, err := upper.Decide(r)
				if err != nil {
					return row, false, err
				}
				if du == evaluate.Allowed && run != nil && searched < variantSearches {
					// Allowed for some free keys, or none?
					searched++
					a, err := w.proveGrantVariant(run, r)
					if err != nil {
						return row, false, err
					}
					switch {
					case a == nil:
						maybe = true
					case a.Extent == prove.Always || a.Extent == prove.Sometimes:
						r = *a.Allowed
						d = evaluate.Allowed
						someFree = someFree || a.Extent == prove.Sometimes
					}
				} else {
					maybe = du == evaluate.Allowed
				}
			}
			if d != evaluate.Allowed {
				continue
			}
		}
		// Explain only what is allowed: the grant that allows it.
		res, err := ev.Evaluate(r)
		if err != nil {
			return row, false, err
		}
		id := res.GrantId
		if id == "" {
			id = g.GrantId
		}
		row.Via = append(row.Via, Source{Policy: "grant", Statement: -1, GrantID: id})
		switch {
		case r.GrantId != "":
			retired = append(retired, g.GrantId)
		case r.NewGrant != nil:
			children = append(children, g.GrantId)
			if cond != nil {
				row.Condition = append(row.Condition, cond)
			}
		default:
			row.Condition = append(row.Condition, cond)
		}
	}
	if len(row.Via) == 0 {
		if maybe {
			return Row{Principal: s.arn, Action: req.Action, Access: Unknown,
				Reason: "a grant may allow it for some values of context keys the snapshot does not fix"}, true, nil
		}
		return row, false, nil
	}
	switch {
	case len(retired) > 0:
		row.Reason = "may retire grants " + strings.Join(retired, ", ") + " only"
	case len(children) > 0:
		row.Reason = "may create grants only within the operations and constraints of grants " + strings.Join(children, ", ")
	default:
		row.Reason = "only with the encryption context a grant's constraint requires"
	}
	if someFree {
		row.Reason += ", and only for some values of context keys the snapshot does not fix"
	}
	if maybe {
		row.Reason += "; other grants may allow it too for some values of context keys the snapshot does not fix"
	}
	return row, true, nil
}
