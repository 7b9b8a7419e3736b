package prove

import (
	"strings"

	"github.com/cksiam/cksiam/evaluate"
	"github.com/cksiam/cksiam/internal/ascii"
	"github.com/cksiam/cksiam/policy"
)

// The residual condition of a Sometimes answer is built from the policies'
// own conditions on the free keys: each Allow statement's and each grant
// constraint's, alone and with the negation of the Deny statements'. A
// candidate is kept when it holds only on requests the evaluator allowed,
// and candidates are chosen until every allowed request is covered. Every
// request of the enumeration stands for one class of values of the free
// keys, and the candidates' entries are among the conditions that made the
// classes, so a residual that passes is exact. When no choice covers, the
// answer has no residual.

// maxCandidates bounds the candidate conditions one residual weighs.
const maxCandidates = 256

// residual returns the any-of condition under which the request is
// allowed, or nil.
func (op *Open) residual(q Question, u *openUniverse, outs []tupleOutcome) []policy.Condition {
	or := op.readQuestion(q)
	isFree := func(key string) bool {
		l := ascii.ToLower(key)
		if f := familyOf(l); f != nil {
			return or.famFree(f)
		}
		return op.free(&or, l)
	}
	var allows []policy.Condition
	var denies [][]policy.Condition // per Deny statement, the negations of its free entries
	for _, od := range op.docs {
		for si := range od.doc.Statement {
			st := &od.doc.Statement[si]
			if !actionMatches(st, q.Request.Action) || !mayName(st.Principal, q.Request.Principal) {
				continue
			}
			var c policy.Condition
			var negs []policy.Condition
			usable := true
			for _, b := range st.Condition {
				for _, e := range b.Entries {
					if !isFree(e.Key) {
						continue
					}
					if od.vars {
						var ok bool
						if e, ok = substituted(b.Operator, e, op.lookupIn(&q.Request)); !ok {
							usable = false
						}
					}
					c = c.WithValues(b.Operator, e.Key, e.Values...)
					if n, ok := negateEntry(b.Operator, e); ok {
						negs = append(negs, n)
					} else {
						usable = usable && st.Effect != policy.Deny
					}
				}
			}
			if !usable || len(c) == 0 && st.Effect == policy.Deny {
				continue
			}
			if st.Effect == policy.Deny {
				denies = append(denies, negs)
			} else {
				allows = append(allows, c)
			}
		}
	}
	if opName, ok := strings.CutPrefix(ascii.ToLower(q.Request.Action), "kms:"); ok {
		for _, g := range op.pol.Grants {
			if g.Constraints != nil && hasOperation(g.Operations, opName) {
				if c, ok := grantCondition(g.Constraints, isFree); ok {
					allows = append(allows, c)
				}
			}
		}
	}
	var cands []policy.Condition
	for _, a := range allows {
		cands = append(cands, a)
		// With every Deny's negation, one negated entry of each.
		combos := []policy.Condition{a}
		for _, negs := range denies {
			var next []policy.Condition
			for _, c := range combos {
				for _, n := range negs {
					if m, ok := conjoin(c, n); ok && len(next) < maxCandidates {
						next = append(next, m)
					}
				}
			}
			combos = next
		}
		if len(denies) > 0 {
			cands = append(cands, combos...)
		}
		if len(cands) > maxCandidates {
			cands = cands[:maxCandidates]
			break
		}
	}
	if len(cands) == 0 || len(cands)*len(outs) > op.opts.budget {
		return nil
	}
	looks := make([]lookupFn, len(outs))
	for i := range outs {
		r, _ := u.requestOf(q.Request, outs[i].tuple, nil)
		looks[i] = op.lookupIn(&r)
	}
	// Where each candidate holds.
	covers := make([][]bool, 0, len(cands))
	var kept []policy.Condition
	for _, c := range cands {
		entries := readCondition(c)
		h := make([]bool, len(outs))
		good, any := true, false
		for i := range outs {
			if holdsAll(entries, looks[i]) {
				if !outs[i].allowed {
					good = false
					break
				}
				h[i], any = true, true
			}
		}
		if good && any {
			covers = append(covers, h)
			kept = append(kept, c)
		}
	}
	// Greedy cover of the allowed requests.
	left := 0
	need := make([]bool, len(outs))
	for i, o := range outs {
		if o.allowed {
			need[i] = true
			left++
		}
	}
	var out []policy.Condition
	for left > 0 {
		best, bestN := -1, 0
		for j, h := range covers {
			n := 0
			for i := range h {
				if h[i] && need[i] {
					n++
				}
			}
			if n > bestN {
				best, bestN = j, n
			}
		}
		if best < 0 {
			return nil
		}
		for i := range covers[best] {
			if covers[best][i] && need[i] {
				need[i] = false
				left--
			}
		}
		out = append(out, kept[best])
	}
	return out
}

// readCondition reads a condition's entries as the evaluator does.
func readCondition(c policy.Condition) []*centry {
	var out []*centry
	for _, b := range c {
		opr, err := policy.ParseOperator(b.Operator)
		if err != nil {
			return []*centry{{bad: "operator"}}
		}
		for _, e := range b.Entries {
			ce := readEntry(opr, b.Operator, e, false)
			out = append(out, &ce)
		}
	}
	return out
}

func holdsAll(entries []*centry, look lookupFn) bool {
	for _, e := range entries {
		if e.eval(look) != triTrue {
			return false
		}
	}
	return true
}

// conjoin is the condition holding when both do; false when one operator
// and key would need two value lists.
func conjoin(a, b policy.Condition) (policy.Condition, bool) {
	out := a
	for _, bl := range b {
		for _, e := range bl.Entries {
			for _, ab := range a {
				if ab.Operator != bl.Operator {
					continue
				}
				for _, ae := range ab.Entries {
					if ascii.EqualFold(ae.Key, e.Key) {
						return nil, false
					}
				}
			}
			out = out.WithValues(bl.Operator, e.Key, e.Values...)
		}
	}
	return out, true
}

// negations maps an operator to the one that holds exactly when it does
// not, for single-valued entries without IfExists: on an absent key the
// negated operators hold and the positive ones do not; on several values
// a positive operator holds when one matches and a negated one when none
// does (aws-rules B.2).
var negations = map[string]string{
	"StringEquals": "StringNotEquals", "StringEqualsIgnoreCase": "StringNotEqualsIgnoreCase",
	"StringLike": "StringNotLike", "ArnEquals": "ArnNotEquals", "ArnLike": "ArnNotLike",
	"NumericEquals": "NumericNotEquals", "DateEquals": "DateNotEquals", "IpAddress": "NotIpAddress",
	// Order comparisons: the opposite comparison, or the key absent.
	"NumericLessThan": "NumericGreaterThanEqualsIfExists", "NumericLessThanEquals": "NumericGreaterThanIfExists",
	"NumericGreaterThan": "NumericLessThanEqualsIfExists", "NumericGreaterThanEquals": "NumericLessThanIfExists",
	"DateLessThan": "DateGreaterThanEqualsIfExists", "DateLessThanEquals": "DateGreaterThanIfExists",
	"DateGreaterThan": "DateLessThanEqualsIfExists", "DateGreaterThanEquals": "DateLessThanIfExists",
}

// negateEntry is the condition that holds exactly when the entry does not,
// when one operator says it; the residual check confirms it either way.
func negateEntry(opText string, e policy.ConditionEntry) (policy.Condition, bool) {
	opr, err := policy.ParseOperator(opText)
	if err != nil || opr.IfExists {
		return nil, false
	}
	base, _ := strings.CutPrefix(opText, "ForAnyValue:")
	base, _ = strings.CutPrefix(base, "ForAllValues:")
	var neg string
	for p, n := range negations {
		if strings.EqualFold(base, p) {
			neg = n
		} else if strings.EqualFold(base, n) && !strings.HasSuffix(n, "IfExists") {
			neg = p
		}
	}
	switch {
	case strings.EqualFold(base, "Bool") && opr.Set == policy.SingleValue && len(e.Values) == 1:
		v := "true"
		if strings.EqualFold(e.Values[0].Text, "true") {
			v = "false"
		}
		return policy.Condition{}.WithValues("BoolIfExists", e.Key, policy.StringValues(v)...), true
	case strings.EqualFold(base, "Null") && len(e.Values) == 1:
		v := "true"
		if strings.EqualFold(e.Values[0].Text, "true") {
			v = "false"
		}
		return policy.Condition{}.WithValues("Null", e.Key, policy.StringValues(v)...), true
	case neg == "":
		return nil, false
	}
	switch opr.Set {
	case policy.ForAnyValue:
		if strings.HasSuffix(neg, "IfExists") {
			return nil, false
		}
		neg = "ForAllValues:" + neg
	case policy.ForAllValues:
		if strings.HasSuffix(neg, "IfExists") {
			return nil, false
		}
		neg = "ForAnyValue:" + neg
	}
	return policy.Condition{}.WithValues(neg, e.Key, e.Values...), true
}

// grantCondition is a grant constraint as the condition it amounts to on
// the free keys; false when it constrains a key that is not free.
func grantCondition(c *evaluate.GrantConstraints, isFree func(string) bool) (policy.Condition, bool) {
	var out policy.Condition
	if c.SourceArn != "" {
		if !isFree("aws:SourceArn") {
			return nil, false
		}
		out = out.WithValues("StringEquals", "aws:SourceArn", policy.StringValues(c.SourceArn)...)
	}
	if c.EncryptionContextEquals != nil || c.EncryptionContextSubset != nil {
		if !isFree("kms:EncryptionContextKeys") {
			return nil, false
		}
	}
	for _, m := range []map[string]string{c.EncryptionContextEquals, c.EncryptionContextSubset} {
		for _, k := range sortedStrings(m) {
			out = out.WithValues("StringEquals", "kms:EncryptionContext:"+k, policy.StringValues(m[k])...)
		}
	}
	if c.EncryptionContextEquals != nil {
		keys := sortedStrings(c.EncryptionContextEquals)
		if len(keys) == 0 {
			out = out.WithValues("Null", "kms:EncryptionContextKeys", policy.StringValues("true")...)
		} else {
			out = out.WithValues("ForAllValues:StringEqualsIgnoreCase", "kms:EncryptionContextKeys", policy.StringValues(keys...)...)
		}
	}
	return out, true
}

// substituted is the entry with the policy variables of its string values
// replaced by the values the request fixes; false when one is not fixed,
// or when the substituted text would read differently: a residual is read
// without policy variables, so under a pattern operator (…Like, Arn…) a
// literal '*' or '?' (written ${*}, ${?}, or in a variable's value) has
// no spelling there.
func substituted(operator string, e policy.ConditionEntry, look lookupFn) (policy.ConditionEntry, bool) {
	pattern := strings.Contains(operator, "Like") || strings.Contains(operator, "Arn")
	out := e
	out.Values = append([]policy.Value(nil), e.Values...)
	for i, v := range out.Values {
		if v.Kind != policy.StringValue {
			continue
		}
		t := parseTmpl(v.Text)
		if t == nil {
			continue
		}
		text, ok := t.text(look)
		if !ok || pattern && !literalWildcardsKept(t, look) {
			return e, false
		}
		out.Values[i] = policy.Value{Text: text, Kind: policy.StringValue}
	}
	return out, true
}

// literalWildcardsKept reports whether the template's text, read as a
// pattern without policy variables, means what the template means: no
// escaped '*' or '?' and no variable whose value holds one.
func literalWildcardsKept(t *tmpl, look lookupFn) bool {
	for i := range t.parts {
		p := &t.parts[i]
		switch {
		case p.key != "":
			if v, ok := p.resolve(look); !ok || strings.ContainsAny(v, "*?") {
				return false
			}
		case p.esc == '*' || p.esc == '?':
			return false
		}
	}
	return true
}
