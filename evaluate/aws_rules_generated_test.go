package evaluate_test

// Generated Action/Resource matching against a regexp reference (see aws_rules_test.go).

import (
	"fmt"
	"math/rand/v2"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cksiam/cksiam/evaluate"
)

// --- generated matching cases against a regexp reference --------------------

// globRegexp is the reference reading of an Action or Resource pattern
// (aws-rules A.5, A.6, I): '*' any run, '?' one character, whole string; fold
// ignores case (actions).
func globRegexp(pattern string, fold bool) *regexp.Regexp {
	var b strings.Builder
	if fold {
		b.WriteString("(?is)")
	} else {
		b.WriteString("(?s)")
	}
	b.WriteString("^")
	for _, r := range pattern {
		switch r {
		case '*':
			b.WriteString(".*")
		case '?':
			b.WriteString(".")
		default:
			b.WriteString(regexp.QuoteMeta(string(r)))
		}
	}
	b.WriteString("$")
	return regexp.MustCompile(b.String())
}

// TestAWSRulesGeneratedMatching checks, for generated policies of 1, 20 and
// 70 statements (so the engine's small, indexed and memoised paths all run),
// that the decision follows the documented wildcard rules — actions ignore
// case, resources do not, '*' and '?' anywhere (aws-rules A.5, A.6, I) — and
// NotAction/NotResource invert the match: an applicable Deny wins, else an
// applicable Allow grants (aws-rules C.1).
func TestAWSRulesGeneratedMatching(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 11))
	services := []string{"kms", "cloudhsm", "ec2", "iam", "sts", "s3"}
	names := []string{"Decrypt", "Encrypt", "GetKeyPolicy", "DescribeClusters", "CreateVpc", "AssumeRole", "GetObject", "ListKeys", "CreateKey", "PutKeyPolicy"}
	objects := []string{"a/b.txt", "a/b/c.txt", "A/b.txt", "ab", "x:y/z", "key/1", ""}
	wild := func(s string) string {
		// Replace a random run with '*' or a random character with '?'.
		if s == "" || rng.IntN(4) == 0 {
			return s + "*"
		}
		i := rng.IntN(len(s))
		switch rng.IntN(4) {
		case 0:
			return s[:i] + "*"
		case 1:
			return "*" + s[i:]
		case 2:
			j := i + rng.IntN(len(s)-i+1)
			return s[:i] + "*" + s[j:]
		}
		return s[:i] + "?" + s[i+1:]
	}
	recase := func(s string) string {
		b := []byte(s)
		for i := range b {
			if rng.IntN(3) == 0 {
				b[i] ^= 0x20 * byte(boolInt(b[i] >= 'a' && b[i] <= 'z' || b[i] >= 'A' && b[i] <= 'Z'))
			}
		}
		return string(b)
	}
	type pat struct {
		action, resource     string
		deny, notAct, notRes bool
	}
	for _, size := range []int{1, 20, 70} {
		for round := 0; round < 40; round++ {
			pats := make([]pat, size)
			stmts := make([]string, size)
			for i := range pats {
				// Wildcards go where the grammar allows them: in the action
				// name and in the ARN's resource part (policy.Validate refuses
				// the others, and so does Compile).
				a := names[rng.IntN(len(names))]
				if rng.IntN(2) == 0 {
					a = wild(a)
				}
				a = services[rng.IntN(len(services))] + ":" + a
				r := "bucket/" + objects[rng.IntN(len(objects))]
				if rng.IntN(2) == 0 {
					r = wild(r)
				}
				r = "arn:aws:s3:::" + r
				if rng.IntN(3) == 0 {
					a = recase(a)
				}
				pt := pat{action: a, resource: r, deny: rng.IntN(5) == 0, notAct: rng.IntN(6) == 0, notRes: rng.IntN(6) == 0}
				pats[i] = pt
				members := []string{`"Effect":"Allow"`, `"Action":` + q(a), `"Resource":` + q(r)}
				if pt.deny {
					members[0] = `"Effect":"Deny"`
				}
				if pt.notAct {
					members[1] = `"NotAction":` + q(a)
				}
				if pt.notRes {
					members[2] = `"NotResource":` + q(r)
				}
				stmts[i] = stmt(members...)
			}
			p := pset{id: []string{pdoc(stmts...)}}.build(t)
			ev, err := evaluate.Compile(p)
			require.NoError(t, err)
			for q := 0; q < 25; q++ {
				action := recase(services[rng.IntN(len(services))] + ":" + names[rng.IntN(len(names))])
				resource := "arn:aws:s3:::bucket/" + objects[rng.IntN(len(objects))]
				if strings.HasSuffix(resource, "/") {
					resource += "o"
				}
				want := evaluate.ImplicitDeny
				for _, pt := range pats {
					applies := globRegexp(pt.action, true).MatchString(action) != pt.notAct &&
						globRegexp(pt.resource, false).MatchString(resource) != pt.notRes
					switch {
					case applies && pt.deny:
						want = evaluate.ExplicitDeny
					case applies && want == evaluate.ImplicitDeny:
						want = evaluate.Allowed
					}
				}
				d, err := ev.Decide(evaluate.Request{Principal: userA, Action: action, Resource: resource})
				require.NoError(t, err)
				require.Equal(t, want, d, "size %d round %d: %s on %s against %v", size, round, action, resource, pats)
			}
		}
	}
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// refString is the documented truth of a String-family condition entry
// (aws-rules B.1, B.2, B.3, B.8, B.10): values OR together, negated operators
// are the NOR of their positive form, a missing key is false for positive
// and true for negated operators, IfExists makes a missing key true, and
// ForAllValues/ForAnyValue are true/false on a missing key and otherwise
// quantify over the request values. Without a set qualifier the request
// has at most one value here (several values there are unsettled).
func refString(op string, set string, ifExists bool, policyVals, reqVals []string) bool {
	negated := strings.Contains(op, "Not")
	match1 := func(pv, rv string) bool {
		switch strings.Replace(op, "Not", "", 1) {
		case "StringEquals":
			return pv == rv
		case "StringEqualsIgnoreCase":
			return strings.EqualFold(pv, rv)
		}
		return globRegexp(pv, false).MatchString(rv) // StringLike
	}
	anyPolicy := func(rv string) bool {
		for _, pv := range policyVals {
			if match1(pv, rv) {
				return true
			}
		}
		return false
	}
	if len(reqVals) == 0 {
		switch {
		case ifExists, set == "ForAllValues":
			return true
		case set == "ForAnyValue":
			return false
		}
		return negated
	}
	switch set {
	case "ForAllValues":
		for _, rv := range reqVals {
			if anyPolicy(rv) == negated {
				return false
			}
		}
		return true
	case "ForAnyValue":
		for _, rv := range reqVals {
			if anyPolicy(rv) != negated {
				return true
			}
		}
		return false
	}
	return anyPolicy(reqVals[0]) != negated
}

// TestAWSRulesGeneratedStringConditions checks generated String-family
// conditions — every operator, negated forms, IfExists, ForAllValues and
// ForAnyValue, missing keys and several policy and request values — against
// refString.
func TestAWSRulesGeneratedStringConditions(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 5))
	ops := []string{"StringEquals", "StringNotEquals", "StringEqualsIgnoreCase", "StringNotEqualsIgnoreCase", "StringLike", "StringNotLike"}
	words := []string{"env", "Env", "team", "te*", "*m", "e?v", "cost", "ENV"}
	values := []string{"env", "Env", "team", "tem", "cost", "eav", "ENV", "x"}
	for i := 0; i < 1500; i++ {
		op := ops[rng.IntN(len(ops))]
		set := []string{"", "ForAllValues", "ForAnyValue"}[rng.IntN(3)]
		ifExists := rng.IntN(4) == 0
		var pv []string
		for n := 1 + rng.IntN(3); n > 0; n-- {
			pv = append(pv, words[rng.IntN(len(words))])
		}
		maxReq := 1
		if set != "" {
			maxReq = 3
		}
		var rv []string
		for n := rng.IntN(maxReq + 1); n > 0; n-- {
			rv = append(rv, values[rng.IntN(len(values))])
		}
		name := op
		if ifExists {
			name += "IfExists"
		}
		if set != "" {
			name = set + ":" + name
		}
		list := `["` + strings.Join(pv, `","`) + `"]`
		c := condRule{cond: `{"` + name + `":{"aws:TagKeys":` + list + `}}`, ctx: evaluate.Context{}}
		if len(rv) > 0 {
			c.ctx["aws:TagKeys"] = rv
		}
		want := isFalse
		if refString(op, set, ifExists, pv, rv) {
			want = isTrue
		}
		evaluate.CheckCondition(t, "", c.cond, c.request(), want, fmt.Sprintf("%s with request values %q", c.cond, rv))
	}
}
