package difftest

import (
	"encoding/json"
	"strings"
)

// Operators by key type (aws-rules B.3–B.7). Negated operators are marked so
// that several values exercise NOR (aws-rules B.1).
var operatorsByType = map[keyType][]string{
	tString:  {"StringEquals", "StringNotEquals", "StringEqualsIgnoreCase", "StringNotEqualsIgnoreCase", "StringLike", "StringNotLike"},
	tARN:     {"ArnEquals", "ArnLike", "ArnNotEquals", "ArnNotLike", "StringLike", "StringEquals"},
	tIP:      {"IpAddress", "NotIpAddress"},
	tDate:    {"DateEquals", "DateNotEquals", "DateLessThan", "DateLessThanEquals", "DateGreaterThan", "DateGreaterThanEquals"},
	tNumeric: {"NumericEquals", "NumericNotEquals", "NumericLessThan", "NumericLessThanEquals", "NumericGreaterThan", "NumericGreaterThanEquals"},
	tBool:    {"Bool"},
	tBinary:  {"BinaryEquals"},
	tMulti:   {"StringEquals", "StringNotEquals", "StringEqualsIgnoreCase", "StringLike", "StringNotLike"},
}

func negated(op string) bool {
	return strings.Contains(op, "Not")
}

// maybeCondition adds a Condition element to st with probability p.
func (b *builder) maybeCondition(st doc, p float64) {
	if !b.chance(p) {
		return
	}
	cond := doc{}
	for range 1 + b.r.IntN(2) {
		k := b.keys[b.r.IntN(len(b.keys))]
		if b.docIsTrst && strings.HasPrefix(k.name, "kms:") {
			continue
		}
		op, vals := b.conditionFor(k)
		name := k.name
		if b.chance(0.05) {
			name = strings.ToUpper(name[:1]) + strings.ToLower(name[1:])
			b.tag("key-case")
		}
		block, _ := cond[op].(doc)
		if block == nil {
			block = doc{}
			cond[op] = block
		}
		dup := false
		for other := range block {
			// Keys differ only in case: AWS refuses the document
			// (DUPLICATE_CONDITION), and so does evaluate.Compile.
			dup = dup || strings.EqualFold(other, name)
		}
		if dup {
			continue
		}
		block[name] = vals
	}
	if len(cond) > 0 {
		st["Condition"] = cond
		b.tag("condition")
	}
}

// conditionFor picks an operator for key k and the policy values it tests.
func (b *builder) conditionFor(k keySpec) (string, any) {
	if isEncryptionContextKey(k.name) {
		b.tag("kms-encryption-context")
	}
	// Whether Null counts a present but empty set as null is not
	// documented (aws-rules B.9), so Null never meets one.
	if v, ok := b.ctx[k.name]; b.chance(0.07) && (!ok || len(v) > 0) {
		b.tag("op:Null")
		if b.chance(0.5) {
			return "Null", "true"
		}
		return "Null", false
	}
	ops := operatorsByType[k.typ]
	op := ops[b.r.IntN(len(ops))]
	base := op
	if k.typ == tMulti {
		if b.chance(0.5) {
			op = "ForAllValues:" + op
			b.tag("set:ForAllValues")
		} else {
			op = "ForAnyValue:" + op
			b.tag("set:ForAnyValue")
		}
	} else if b.chance(0.2) {
		op += "IfExists"
		b.tag("IfExists")
	}
	b.tag("op:" + base)
	if k.typ == tBinary {
		b.tag("binary")
	}

	// Values: one to three, drawn from the request values, the extras and,
	// for Like operators, the patterns.
	var pool []string
	for _, v := range k.values {
		// A bare IPv6 address has no documented default prefix (aws-rules B.6;
		// the project reads /128, I.8), so policies only carry IPv6 ranges.
		if k.typ != tIP || !strings.Contains(v, ":") {
			pool = append(pool, v)
		}
	}
	pool = append(pool, k.extras...)
	like := strings.Contains(base, "Like") || strings.HasPrefix(base, "Arn")
	if like {
		pool = append(pool, k.likeOnly...)
	}
	useVars := (k.typ == tString || k.typ == tARN || k.typ == tMulti) && len(k.vars) > 0
	if k.typ == tBool && b.chance(0.3) {
		// JSON booleans (aws-rules B.6).
		return op, k.values[b.r.IntN(2)] == "true"
	}
	n := 1 + b.r.IntN(2)
	if negated(base) && b.chance(0.5) {
		n = 2 + b.r.IntN(2)
		b.tag("nor")
	}
	var vals []string
	for range n {
		v := b.pick(pool)
		if useVars && b.chance(0.2) {
			v = b.pick(k.vars)
		}
		vals = appendUnique(vals, v)
	}
	b.tagValues(k, base, vals)
	for _, v := range vals {
		if strings.Contains(v, "${") {
			b.tag("condition-variable")
			if !like && (strings.Contains(v, "${*}") || strings.Contains(v, "${?}") || strings.Contains(v, "${$}")) {
				b.tag("var-escape-equals")
			}
		}
	}
	if k.typ == tNumeric && b.chance(0.3) {
		// Numbers may be written as JSON numbers (aws-rules B.4).
		b.tag("json-number")
		nums := make([]json.Number, len(vals))
		for i, v := range vals {
			nums[i] = json.Number(v)
		}
		if len(nums) == 1 && b.chance(0.6) {
			return op, nums[0]
		}
		return op, nums
	}
	if len(vals) == 1 && b.chance(0.6) {
		return op, vals[0]
	}
	return op, vals
}

// tagValues tags the value features where the oracle is known to differ
// from AWS, so that deviations can name them.
func (b *builder) tagValues(k keySpec, base string, vals []string) {
	req, present := b.ctx[k.name]
	for _, v := range vals {
		switch {
		case k.typ == tDate && isDigits(v):
			b.tag("date-epoch")
		case base == "NotIpAddress" && present && len(req) == 1 && strings.Contains(req[0], ":") && !strings.Contains(v, ":"):
			b.tag("notip-v6-request-v4-cidr")
		}
		if b.docVars && !b.resolves(v) {
			b.tag("unresolved-variable")
			if negated(base) {
				b.tag("unresolved-variable-negated")
			}
		}
	}
}

// resolves reports whether every policy variable in v has a value in the
// request (or a default).
func (b *builder) resolves(v string) bool {
	for {
		i := strings.Index(v, "${")
		if i < 0 {
			return true
		}
		j := strings.IndexByte(v[i:], '}')
		if j < 0 {
			return true
		}
		name := v[i+2 : i+j]
		v = v[i+j+1:]
		if name == "*" || name == "?" || name == "$" || strings.Contains(name, ",") {
			continue
		}
		if _, ok := b.ctx[name]; !ok {
			return false
		}
	}
}

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}
