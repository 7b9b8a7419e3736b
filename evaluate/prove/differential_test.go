package prove

import (
	"flag"
	"fmt"
	"math/rand"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cksiam/cksiam/evaluate"
	"github.com/cksiam/cksiam/policy"
	"github.com/cksiam/cksiam/policy/catalog"
)

var diffCases = flag.Int("prove.cases", 400, "random cases of the differential test against enumeration")

// The closed world of the differential test: a few accounts, principals,
// actions, resources and condition values. Every request of this world
// that the prover's universe holds is decided by the evaluator; the
// prover must agree with that enumeration on every question.
const (
	accA = "111122223333" // named by the generated policies
	accB = "999988887777" // named by none: stands for every other account
)

var (
	worldActions = []string{"kms:Decrypt", "kms:Encrypt", "kms:CreateKey", "kms:ListKeys", "kms:CreateAlias",
		"s3:GetObject", "s3:ListAllMyBuckets", "s3:ListBucket", "sts:AssumeRole", "iam:PassRole", "kms:ZzFuture", "zzsvc:Do"}
	worldKeys = []struct {
		name string
		vals [][]string
	}{
		{"aws:PrincipalTag/team", [][]string{nil, {"a"}, {"b"}, {""}}},
		{"kms:ViaService", [][]string{nil, {"a"}}},
		{"aws:TagKeys", [][]string{nil, {"a"}, {"b"}, {"a", "b"}}},
	}
	patActions   = []string{"kms:Decrypt", "kms:Encrypt", "kms:*", "kms:De*", "kms:CreateKey", "s3:GetObject", "s3:*", "s3:List*", "*", "sts:AssumeRole", "iam:PassRole", "kms:ZzFuture", "*:List*", "kms:?ncrypt"}
	patResources = []string{"*", "arn:aws:kms:*:" + accA + ":key/*", "arn:aws:kms:us-east-1:" + accA + ":key/k1", "arn:aws:s3:::b1/*",
		"arn:aws:s3:::*", "arn:aws:s3:::b?/o1", "arn:aws:iam::" + accA + ":role/*", "arn:aws:kms:*:*:alias/*", "arn:aws:kms:*:*:key/k2", "arn:aws:*"}
	condTemplates = []struct{ op, key string }{
		{"StringEquals", "aws:PrincipalTag/team"}, {"StringNotEquals", "aws:PrincipalTag/team"},
		{"StringLike", "aws:PrincipalTag/team"}, {"StringEqualsIfExists", "aws:PrincipalTag/team"},
		{"Null", "aws:PrincipalTag/team"}, {"StringEquals", "kms:ViaService"},
		{"ForAnyValue:StringEquals", "aws:TagKeys"}, {"ForAllValues:StringEquals", "aws:TagKeys"},
		{"StringEquals", "aws:username"}, {"ArnLike", "aws:PrincipalArn"}, {"StringEquals", "aws:PrincipalAccount"},
		{"StringNotLike", "aws:PrincipalArn"}, {"StringEquals", "kms:CallerAccount"}, {"StringEqualsIgnoreCase", "aws:PrincipalTag/team"},
	}
	condValues = map[string][]string{
		"aws:PrincipalTag/team": {"a", "b", "A", "", "a*"},
		"kms:ViaService":        {"a", "b"},
		"aws:TagKeys":           {"a", "b"},
		"aws:username":          {"u1", "u2"},
		"aws:PrincipalArn":      {"arn:aws:iam::" + accA + ":role/r1", "arn:aws:iam::*:user/u1", "arn:aws:iam::" + accA + ":*"},
		"aws:PrincipalAccount":  {accA},
		"kms:CallerAccount":     {accA},
	}
)

func worldPrincipals(kinds ...string) []string {
	var out []string
	for _, a := range []string{accA, accB} {
		for _, k := range kinds {
			switch k {
			case "user":
				out = append(out, "arn:aws:iam::"+a+":user/u1", "arn:aws:iam::"+a+":user/u2")
			case "role":
				out = append(out, "arn:aws:iam::"+a+":role/r1")
			case "session":
				out = append(out, "arn:aws:sts::"+a+":assumed-role/r1/s1")
			case "root":
				out = append(out, "arn:aws:iam::"+a+":root")
			}
		}
	}
	if contains(kinds, "service") {
		out = append(out, "svc.amazonaws.com")
	}
	return out
}

func worldResources() []string {
	out := []string{"*", "arn:aws:s3:::b1/o1", "arn:aws:s3:::b2/o1", "arn:aws:s3:::b1"}
	for _, a := range []string{accA, accB} {
		out = append(out, "arn:aws:kms:us-east-1:"+a+":key/k1", "arn:aws:kms:us-east-1:"+a+":key/k2",
			"arn:aws:kms:us-east-1:"+a+":alias/x", "arn:aws:iam::"+a+":role/r1")
	}
	return out
}

func contains(l []string, s string) bool {
	for _, x := range l {
		if x == s {
			return true
		}
	}
	return false
}

// inUniverse applies the prover's universe to a request of the world: a
// catalog action names a resource of a type it takes ("*" when it takes
// none) and carries only keys it lists (or global ones).
func inUniverse(c *catalog.Catalog, r evaluate.Request) bool {
	a, ok := c.Action(r.Action)
	if !ok {
		return true
	}
	if a.WildcardOnly() {
		if r.Resource != "*" {
			return false
		}
	} else {
		if r.Resource == "*" {
			return false
		}
		match := false
		for _, ref := range a.Resources {
			if ref.Type.Matches(r.Resource) {
				match = true
			}
		}
		if !match {
			return false
		}
	}
	for k := range r.Context {
		ck, ok := c.ConditionKey(k)
		if ok && ck.Global {
			continue
		}
		if !a.SupportsConditionKey(k) {
			return false
		}
	}
	return true
}

// enumerate lists the world's requests of the prover's universe for a kind.
func enumerate(k Kind) []evaluate.Request {
	c := catalog.Default()
	var principals []string
	actions := worldActions
	switch k {
	case Identity:
		principals = worldPrincipals("user", "role", "session")
	default:
		principals = worldPrincipals("user", "role", "session", "root", "service")
	}
	var ctxs []evaluate.Context
	var rec func(i int, cur evaluate.Context)
	rec = func(i int, cur evaluate.Context) {
		if i == len(worldKeys) {
			cp := evaluate.Context{}
			for k, v := range cur {
				cp[k] = v
			}
			ctxs = append(ctxs, cp)
			return
		}
		for _, v := range worldKeys[i].vals {
			if v == nil {
				rec(i+1, cur)
				continue
			}
			cur[worldKeys[i].name] = v
			rec(i+1, cur)
			delete(cur, worldKeys[i].name)
		}
	}
	rec(0, evaluate.Context{})
	var out []evaluate.Request
	for _, p := range principals {
		for _, a := range actions {
			svc, name, _ := strings.Cut(a, ":")
			switch k {
			case KeyPolicy:
				if svc != "kms" || name == "CreateKey" || name == "ListKeys" {
					continue
				}
			case TrustPolicy:
				if a != "sts:AssumeRole" {
					continue
				}
			}
			for _, res := range worldResources() {
				switch k {
				case KeyPolicy:
					if !strings.Contains(res, ":key/") {
						continue
					}
				case TrustPolicy:
					if !strings.Contains(res, ":role/") {
						continue
					}
				}
				for _, ctx := range ctxs {
					r := evaluate.Request{Principal: p, Action: a, Resource: res, Context: ctx}
					if inUniverse(c, r) {
						out = append(out, r)
					}
				}
			}
		}
	}
	return out
}

// gen generates random statements over the world's vocabulary.
type gen struct{ r *rand.Rand }

func (g gen) pick(l []string) string { return l[g.r.Intn(len(l))] }

func (g gen) statement(k Kind) policy.Statement {
	st := policy.Statement{Effect: policy.Allow}
	if g.r.Intn(5) == 0 {
		st.Effect = policy.Deny
	}
	acts := []string{g.pick(patActions)}
	if g.r.Intn(3) == 0 {
		acts = append(acts, g.pick(patActions))
	}
	if g.r.Intn(10) == 0 {
		st.NotAction = policy.List(acts...)
	} else {
		st.Action = policy.List(acts...)
	}
	res := []string{g.pick(patResources)}
	if g.r.Intn(4) == 0 {
		res = append(res, g.pick(patResources))
	}
	if g.r.Intn(10) == 0 {
		st.NotResource = policy.List(res...)
	} else {
		st.Resource = policy.List(res...)
	}
	if k != Identity {
		switch g.r.Intn(5) {
		case 0:
			st.Principal = policy.Everyone()
		case 1:
			st.Principal = policy.AWSPrincipal(accA)
		case 2:
			st.Principal = policy.AWSPrincipal("arn:aws:iam::" + accA + ":role/r1")
		case 3:
			st.Principal = policy.AWSPrincipal("arn:aws:iam::" + accA + ":user/u1")
		default:
			st.Principal = policy.ServicePrincipal("svc.amazonaws.com")
		}
		if g.r.Intn(12) == 0 {
			st.NotPrincipal, st.Principal = st.Principal, nil
		}
	}
	if g.r.Intn(3) == 0 {
		n := 1 + g.r.Intn(2)
		for i := 0; i < n; i++ {
			ct := condTemplates[g.r.Intn(len(condTemplates))]
			vals := condValues[ct.key]
			if strings.HasPrefix(ct.op, "Null") {
				vals = []string{"true", "false"}
			}
			v := []string{vals[g.r.Intn(len(vals))]}
			if g.r.Intn(3) == 0 {
				v = append(v, vals[g.r.Intn(len(vals))])
			}
			st.Condition = st.Condition.With(ct.op, ct.key, v...)
		}
	}
	return st
}

func (g gen) document(k Kind) *policy.Document {
	d := &policy.Document{Version: policy.Version2012}
	for i := 1 + g.r.Intn(3); i > 0; i-- {
		d.Statement = append(d.Statement, g.statement(k))
	}
	return d
}

// mutate returns a variant of d: a statement added, removed or replaced.
func (g gen) mutate(k Kind, d *policy.Document) *policy.Document {
	out := &policy.Document{Version: d.Version, Statement: append([]policy.Statement(nil), d.Statement...)}
	switch g.r.Intn(4) {
	case 0:
		out.Statement = append(out.Statement, g.statement(k))
	case 1:
		if len(out.Statement) > 1 {
			i := g.r.Intn(len(out.Statement))
			out.Statement = append(out.Statement[:i], out.Statement[i+1:]...)
		}
	case 2:
		out.Statement[g.r.Intn(len(out.Statement))] = g.statement(k)
	}
	return out
}

// frameOf is how the tests decide a request against one document of a
// kind, the way the prover frames it.
func frameOf(k Kind, d *policy.Document) evaluate.Policies {
	var accts []string
	accts = append(accts, accA, accB)
	for _, a := range freshAccounts {
		accts = append(accts, a)
	}
	switch k {
	case Identity:
		return evaluate.Policies{Identity: []*policy.Document{d}, Resource: delegate(accts, []string{"aws"})}
	}
	return evaluate.Policies{Identity: []*policy.Document{doc(allowAll())}, Resource: d}
}

func allowedBy(t *testing.T, p evaluate.Policies, r evaluate.Request) bool {
	d, err := evaluate.Evaluate(p, r)
	require.NoError(t, err)
	return d.Decision == evaluate.Allowed
}

func TestDifferentialAgainstEnumeration(t *testing.T) {
	g := gen{rand.New(rand.NewSource(20261205))}
	worlds := map[Kind][]evaluate.Request{}
	for _, k := range []Kind{Identity, KeyPolicy, TrustPolicy} {
		worlds[k] = enumerate(k)
	}
	stats := map[string]int{}
	for i := 0; i < *diffCases; i++ {
		k := []Kind{Identity, Identity, KeyPolicy, TrustPolicy}[i%4]
		old := g.document(k)
		nw := g.mutate(k, old)
		name := fmt.Sprintf("case %d (%s)", i, k)
		res, err := NoNewAccess(k, old, nw)
		require.NoError(t, err, name)
		var counter *evaluate.Request
		for _, r := range worlds[k] {
			if allowedBy(t, frameOf(k, nw), r) && !allowedBy(t, frameOf(k, old), r) {
				r := r
				counter = &r
				break
			}
		}
		stats[k.String()+" "+res.Verdict.String()]++
		switch res.Verdict {
		case Proved:
			require.Nil(t, counter, "%s: proved, but the enumeration finds %+v\nold %s\nnew %s", name, counter, docJSON(old), docJSON(nw))
		case Refuted:
			require.NotNil(t, res.Witness)
			require.True(t, allowedBy(t, frameOf(k, nw), *res.Witness) && !allowedBy(t, frameOf(k, old), *res.Witness),
				"%s: the witness %+v is not a counterexample", name, *res.Witness)
			require.True(t, inUniverse(catalog.Default(), *res.Witness), "%s: the witness %+v is outside the universe", name, *res.Witness)
		default:
			t.Logf("%s: unknown %s: %s\nold %s\nnew %s", name, res.Reason, res.Detail, docJSON(old), docJSON(nw))
			require.Nil(t, counter, "%s: unknown (%s: %s), but the enumeration finds %+v\nold %s\nnew %s", name, res.Reason, res.Detail, counter, docJSON(old), docJSON(nw))
		}
	}
	t.Logf("verdicts: %v", stats)
}

func docJSON(d *policy.Document) string {
	b, _ := d.MarshalJSON()
	return string(b)
}
