package prove

import (
	"fmt"
	"sort"
	"strings"

	"github.com/cksiam/cksiam/evaluate"
	"github.com/cksiam/cksiam/internal/ascii"
)

// enumerate decides the request for every tuple of cells of the free
// dimensions. The cells of a dimension are the classes of values every
// condition on its key treats alike (and absent), so the tuples stand for
// every request of the question: all allowed is Always, none is Never.
func (op *Open) enumerate(q Question, u *openUniverse) (Answer, error) {
	ans := Answer{FreeKeys: u.free}
	limit := op.opts.budget
	total, over := 1, false
	for _, d := range u.dims {
		total *= len(d.kd.vals)
		if total > limit {
			over = true
			break
		}
	}
	tuple := make([]int, len(u.dims))
	var outcomes []tupleOutcome
	var allowedAny, deniedAny bool
	sc := &scratch{}
	for {
		r, ok := u.requestOf(q.Request, tuple, sc)
		if ok {
			if ans.Steps >= limit {
				over = true
				break
			}
			ans.Steps++
			d, err := op.ev.Decide(r)
			if err != nil {
				// A request the cells made that the evaluator refuses: the
				// cells are wrong, not the question.
				if u.inexact == "" {
					u.reason, u.inexact = ReasonEngineDisagrees, "the evaluator refused a request the prover built: "+err.Error()
				}
			} else {
				allowed := d == evaluate.Allowed
				consistent := !u.bothTimes || timesAgree(r.Context)
				if allowed {
					allowedAny = true
					if ans.Allowed == nil && consistent {
						ans.Allowed = cloned(r)
					}
				} else {
					deniedAny = true
					if ans.Denied == nil && consistent {
						ans.Denied = cloned(r)
					}
				}
				if !over {
					outcomes = append(outcomes, tupleOutcome{tuple: append([]int(nil), tuple...), allowed: allowed})
				}
				if over && ans.Allowed != nil && ans.Denied != nil {
					break
				}
			}
		}
		i := len(tuple) - 1
		for ; i >= 0; i-- {
			tuple[i]++
			if tuple[i] < len(u.dims[i].kd.vals) {
				break
			}
			tuple[i] = 0
		}
		if i < 0 {
			break
		}
	}
	switch {
	case ans.Allowed != nil && ans.Denied != nil:
		ans.Extent = Sometimes
		if !over && u.inexact == "" {
			ans.Residual = op.residual(q, u, outcomes)
		}
		ans.Detail = "allowed, for example, with " + describeFree(ans.Allowed, q.Request) + "; not with " + describeFree(ans.Denied, q.Request)
		return ans, nil
	case allowedAny && deniedAny:
		ans.Extent, ans.Reason = Indeterminate, ReasonUnmodelledKeyRelation
		ans.Detail = "the only requests found on one side give aws:CurrentTime and aws:EpochTime different instants"
	case over:
		ans.Extent, ans.Reason = Indeterminate, ReasonBudgetExceeded
		ans.Detail = fmt.Sprintf("the free keys' classes of values make more than the budget of %d requests", limit)
	case u.inexact != "":
		ans.Extent, ans.Reason = Indeterminate, u.reason
		ans.Detail = "every request tried was " + map[bool]string{true: "allowed", false: "refused"}[allowedAny] + ", but " + u.inexact
	case allowedAny:
		ans.Extent = Always
		ans.Detail = fmt.Sprintf("allowed for every value of the free keys (%d classes of values decided)", ans.Steps)
	default:
		ans.Extent = Never
		ans.Detail = fmt.Sprintf("allowed for no value of the free keys (%d classes of values decided)", ans.Steps)
	}
	if ans.Extent != Always {
		ans.Allowed = nil
	}
	if ans.Extent != Never {
		ans.Denied = nil
	}
	return ans, nil
}

// tupleOutcome is one request of the enumeration and its decision.
type tupleOutcome struct {
	tuple   []int
	allowed bool
}

// describeFree names the free keys a request gives beyond the fixed ones.
func describeFree(r *evaluate.Request, base evaluate.Request) string {
	var parts []string
	keys := make([]string, 0, len(r.Context))
	for k := range r.Context {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if v, ok := base.Context[k]; ok && len(v) > 0 {
			continue
		}
		parts = append(parts, k+"="+strings.Join(r.Context[k], ","))
	}
	if r.EncryptionContext != nil && base.EncryptionContext == nil {
		ks := sortedStrings(r.EncryptionContext)
		var pairs []string
		for _, k := range ks {
			pairs = append(pairs, k+"="+r.EncryptionContext[k])
		}
		parts = append(parts, "encryption context {"+strings.Join(pairs, ", ")+"}")
	}
	if len(parts) == 0 {
		return "none of the free keys given"
	}
	return strings.Join(parts, ", ")
}

// givenIn reads a request's context as it is given: its keys, and the
// encryption context's.
func givenIn(r *evaluate.Request) lookupFn {
	return func(key string) ([]string, bool) {
		l := ascii.ToLower(key)
		if v, ok := r.Context.Lookup(key); ok && len(v) > 0 {
			return v, true
		}
		if r.EncryptionContext == nil {
			return nil, false
		}
		if l == ecKeysKey {
			return sortedStrings(r.EncryptionContext), true
		}
		if n, ok := strings.CutPrefix(l, ecKeyPrefix); ok {
			for k, v := range r.EncryptionContext {
				if ascii.ToLower(k) == n {
					return []string{v}, true
				}
			}
		}
		return nil, false
	}
}

// lookupIn reads a request as the evaluator sees the keys a condition or
// a policy variable tests: the keys givenIn reads, else those the
// evaluator implies for the request (the principal's aws:username,
// aws:PrincipalTag/* from Policies.PrincipalTags, the key's facts…; see
// evaluate.Evaluator.KeyValues), so that ${aws:username} takes the value
// the evaluator gives it.
func (op *Open) lookupIn(r *evaluate.Request) lookupFn {
	given := givenIn(r)
	return func(key string) ([]string, bool) {
		if v, ok := given(key); ok {
			return v, true
		}
		// A request the evaluator refuses implies nothing: the key is
		// absent, never a guessed value.
		v, ok, err := op.ev.KeyValues(*r, key)
		if err != nil || !ok || len(v) == 0 {
			return nil, false
		}
		return v, true
	}
}
