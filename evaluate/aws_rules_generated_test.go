package evaluate_test

// Generated Action/Resource matching against a regexp reference (see aws_rules_test.go).

import (
	"math/rand/v2"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cksiam/cksiam/evaluate"
)

// --- generated matching cases against a regexp reference --------------------

// globRegexp is the reference reading of an Action or Resource pattern
// (facts A.5, A.6, I): '*' any run, '?' one character, whole string; fold
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
// case, resources do not, '*' and '?' anywhere (facts A.5, A.6, I) — and
// NotAction/NotResource invert the match: an applicable Deny wins, else an
// applicable Allow grants (facts C.1).
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
				a := services[rng.IntN(len(services))] + ":" + names[rng.IntN(len(names))]
				if rng.IntN(2) == 0 {
					a = wild(a)
				}
				r := "arn:aws:s3:::bucket/" + objects[rng.IntN(len(objects))]
				if rng.IntN(2) == 0 {
					r = wild(r)
				}
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
