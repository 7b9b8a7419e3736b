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

var diffCases = flag.Int("prove.cases", 200, "random cases of the differential test against enumeration")

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
		{"aws:PrincipalTag/team", [][]string{nil, {"a"}, {"b"}, {""}, {"A"}}},
		{"kms:ViaService", [][]string{nil, {"a"}}},
		{"aws:TagKeys", [][]string{nil, {"a"}, {"b"}, {"a", "b"}}},
		{"aws:SourceIp", [][]string{nil, {"10.1.2.3"}, {"10.0.0.1"}, {"192.0.2.1"}, {"2001:db8::1"}}},
		{"aws:CurrentTime", [][]string{nil, {"2019-06-01T00:00:00Z"}, {"2020-01-01T00:00:00Z"}, {"2021-01-01T00:00:00Z"}}},
		{"aws:SecureTransport", [][]string{nil, {"true"}, {"false"}}},
		{"aws:MultiFactorAuthAge", [][]string{nil, {"100"}, {"3600"}, {"5000"}}},
	}
	patActions   = []string{"kms:Decrypt", "kms:Encrypt", "kms:*", "kms:De*", "kms:CreateKey", "s3:GetObject", "s3:*", "s3:List*", "*", "sts:AssumeRole", "iam:PassRole", "kms:ZzFuture", "iam:*", "kms:?ncrypt"}
	patResources = []string{"*", "arn:aws:kms:*:" + accA + ":key/*", "arn:aws:kms:us-east-1:" + accA + ":key/k1", "arn:aws:s3:::b1/*",
		"arn:aws:s3:::*", "arn:aws:s3:::b?/o1", "arn:aws:iam::" + accA + ":role/*", "arn:aws:kms:*:*:alias/*", "arn:aws:kms:*:*:key/k2", "arn:aws:*"}
	condTemplates = []struct{ op, key string }{
		{"StringEquals", "aws:PrincipalTag/team"}, {"StringNotEquals", "aws:PrincipalTag/team"},
		{"StringLike", "aws:PrincipalTag/team"}, {"StringEqualsIfExists", "aws:PrincipalTag/team"},
		{"Null", "aws:PrincipalTag/team"}, {"StringEquals", "kms:ViaService"},
		{"ForAnyValue:StringEquals", "aws:TagKeys"}, {"ForAllValues:StringEquals", "aws:TagKeys"},
		{"StringEquals", "aws:username"}, {"ArnLike", "aws:PrincipalArn"}, {"StringEquals", "aws:PrincipalAccount"},
		{"StringNotLike", "aws:PrincipalArn"}, {"StringEquals", "kms:CallerAccount"}, {"StringEqualsIgnoreCase", "aws:PrincipalTag/team"},
		{"IpAddress", "aws:SourceIp"}, {"NotIpAddress", "aws:SourceIp"}, {"DateLessThan", "aws:CurrentTime"},
		{"DateGreaterThanEquals", "aws:CurrentTime"}, {"Bool", "aws:SecureTransport"}, {"BoolIfExists", "aws:SecureTransport"},
		{"NumericLessThan", "aws:MultiFactorAuthAge"}, {"NumericGreaterThan", "aws:MultiFactorAuthAge"},
	}
	condValues = map[string][]string{
		"aws:PrincipalTag/team":  {"a", "b", "A", "", "a*"},
		"kms:ViaService":         {"a", "b"},
		"aws:TagKeys":            {"a", "b"},
		"aws:username":           {"u1", "u2"},
		"aws:PrincipalArn":       {"arn:aws:iam::" + accA + ":role/r1", "arn:aws:iam::*:user/u1", "arn:aws:iam::" + accA + ":*"},
		"aws:PrincipalAccount":   {accA},
		"kms:CallerAccount":      {accA},
		"aws:SourceIp":           {"10.0.0.0/8", "10.1.0.0/16", "2001:db8::/32"},
		"aws:CurrentTime":        {"2020-01-01T00:00:00Z", "2020", "2019-12-31T23:59:59Z"},
		"aws:SecureTransport":    {"true", "false"},
		"aws:MultiFactorAuthAge": {"3600", "100.5"},
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
	// An entry that lists condition keys carries the request-tag keys
	// only where it lists them (aws-rules K.3).
	lists := len(a.ConditionKeys) > 0
	for _, ref := range a.Resources {
		lists = lists || len(ref.ConditionKeys) > 0
	}
	for k := range r.Context {
		ck, ok := c.ConditionKey(k)
		tag := strings.EqualFold(k, "aws:TagKeys") || len(k) > 15 && strings.EqualFold(k[:15], "aws:RequestTag/")
		if ok && ck.Global && !(tag && lists) {
			continue
		}
		if !a.SupportsConditionKey(k) {
			return false
		}
	}
	return true
}

// base lists the world's requests of a kind without context.
func base(k Kind) []evaluate.Request {
	var principals []string
	switch k {
	case Identity:
		principals = worldPrincipals("user", "role", "session")
	default:
		principals = worldPrincipals("user", "role", "session", "root", "service")
	}
	var out []evaluate.Request
	for _, p := range principals {
		for _, a := range worldActions {
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
				out = append(out, evaluate.Request{Principal: p, Action: a, Resource: res})
			}
		}
	}
	return out
}

// contexts lists every context over the world's keys the documents test.
func contexts(docs ...*policy.Document) []evaluate.Context {
	tested := map[string]bool{}
	for _, d := range docs {
		for _, st := range d.Statement {
			for _, b := range st.Condition {
				for _, e := range b.Entries {
					tested[strings.ToLower(e.Key)] = true
				}
			}
		}
	}
	ctxs := []evaluate.Context{{}}
	for _, wk := range worldKeys {
		if !tested[strings.ToLower(wk.name)] {
			continue
		}
		var next []evaluate.Context
		for _, c := range ctxs {
			for _, v := range wk.vals {
				cp := evaluate.Context{}
				for k, vv := range c {
					cp[k] = vv
				}
				if v != nil {
					cp[wk.name] = v
				}
				next = append(next, cp)
			}
		}
		ctxs = next
	}
	return ctxs
}

// enumerate lists the world's requests of the prover's universe for a kind
// and documents.
func enumerate(k Kind, docs ...*policy.Document) []evaluate.Request {
	c := catalog.Default()
	var out []evaluate.Request
	for _, r := range base(k) {
		for _, ctx := range contexts(docs...) {
			r := r
			r.Context = ctx
			if _, err := evaluate.Evaluate(evaluate.Policies{}, r); err != nil {
				continue // a request the evaluator refuses (a kms alias for kms:ZzFuture…)
			}
			if inUniverse(c, r) {
				out = append(out, r)
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
	accts = append(accts, freshAccounts...)
	switch k {
	case Identity:
		return evaluate.Policies{Identity: []*policy.Document{d}, Resource: delegate(accts, []string{"aws"})}
	}
	return evaluate.Policies{Identity: []*policy.Document{doc(allowAll())}, Resource: d}
}

func allowedBy(t *testing.T, ev *evaluate.Evaluator, r evaluate.Request) bool {
	d, err := ev.Decide(r)
	require.NoError(t, err)
	return d == evaluate.Allowed
}

func compiled(t *testing.T, p evaluate.Policies) *evaluate.Evaluator {
	ev, err := evaluate.Compile(p)
	require.NoError(t, err)
	return ev
}

func TestDifferentialAgainstEnumeration(t *testing.T) {
	g := gen{rand.New(rand.NewSource(20261205))}
	stats := map[string]int{}
	for i := 0; i < *diffCases; i++ {
		k := []Kind{Identity, Identity, KeyPolicy, TrustPolicy}[i%4]
		old := g.document(k)
		nw := g.mutate(k, old)
		name := fmt.Sprintf("case %d (%s)", i, k)
		res, err := NoNewAccess(k, old, nw)
		require.NoError(t, err, name)
		evNew, evOld := compiled(t, frameOf(k, nw)), compiled(t, frameOf(k, old))
		var counter *evaluate.Request
		for _, r := range enumerate(k, old, nw) {
			if allowedBy(t, evNew, r) && !allowedBy(t, evOld, r) {
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
			require.True(t, allowedBy(t, evNew, *res.Witness) && !allowedBy(t, evOld, *res.Witness),
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
