package prove

import (
	"fmt"
	"math/rand"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/cksiam/cksiam/evaluate"
	"github.com/cksiam/cksiam/policy"
)

// The closed world of the open-question differential test: the request is
// fixed but for a few free keys and the encryption context, and the
// generated conditions and grant constraints use values whose every class
// the world's values meet. Deciding every request of the world with the
// evaluator gives the answer the prover must give.
var (
	openWorldKeys = []struct {
		name string
		vals []string // "" = absent
	}{
		{"aws:SourceIp", []string{"", "10.1.2.3", "10.0.0.1", "192.0.2.1", "2001:db8::1"}},
		{"kms:ViaService", []string{"", "a", "b", "ab", "x", "a*"}},
		{"aws:SecureTransport", []string{"", "true", "false"}},
		{"aws:MultiFactorAuthAge", []string{"", "100", "3600", "5000"}},
		{"aws:CurrentTime", []string{"", "2019-06-01T00:00:00Z", "2020-01-01T00:00:00Z", "2021-01-01T00:00:00Z"}},
	}
	openWorldECs = []map[string]string{nil, {"Dept": "IT"}, {"Dept": "HR"}, {"Dept": "zz"}, {"dept": "IT"},
		{"Dept": "IT", "Proj": "x"}, {"Proj": "x"}, {"Other": "y"}, {"Dept": "HR", "Proj": "x"}, {"dept": "HR"}, {"Dept": "IT", "proj": "x"}}
	openConds = []struct{ op, key string }{
		{"IpAddress", "aws:SourceIp"}, {"NotIpAddress", "aws:SourceIp"},
		{"StringEquals", "kms:ViaService"}, {"StringNotEquals", "kms:ViaService"}, {"StringLike", "kms:ViaService"}, {"StringEqualsIfExists", "kms:ViaService"},
		{"Bool", "aws:SecureTransport"}, {"BoolIfExists", "aws:SecureTransport"}, {"Null", "aws:SecureTransport"},
		{"NumericLessThan", "aws:MultiFactorAuthAge"}, {"NumericGreaterThanEquals", "aws:MultiFactorAuthAge"},
		{"DateLessThan", "aws:CurrentTime"}, {"DateGreaterThan", "aws:CurrentTime"},
		{"StringEquals", "kms:EncryptionContext:Dept"}, {"StringNotEquals", "kms:EncryptionContext:dept"},
		{"ForAllValues:StringEquals", "kms:EncryptionContextKeys"}, {"ForAnyValue:StringEquals", "kms:EncryptionContextKeys"},
		{"Null", "kms:EncryptionContextKeys"},
	}
	openCondValues = map[string][]string{
		"aws:SourceIp": {"10.0.0.0/8", "10.1.0.0/16"}, "kms:ViaService": {"a", "b", "a*"},
		"aws:SecureTransport": {"true", "false"}, "aws:MultiFactorAuthAge": {"3600"},
		"aws:CurrentTime": {"2020-01-01T00:00:00Z"}, "kms:EncryptionContext:Dept": {"IT", "HR"}, "kms:EncryptionContext:dept": {"IT"},
		"kms:EncryptionContextKeys": {"Dept", "Proj"},
	}
)

type openGen struct{ r *rand.Rand }

func (g openGen) condition() string {
	n := 1 + g.r.Intn(2)
	blocks := map[string][]string{}
	seen := map[string]bool{}
	for i := 0; i < n; i++ {
		c := openConds[g.r.Intn(len(openConds))]
		if seen[c.op+"|"+strings.ToLower(c.key)] {
			continue
		}
		seen[c.op+"|"+strings.ToLower(c.key)] = true
		var v string
		if c.op == "Null" {
			v = []string{"true", "false"}[g.r.Intn(2)]
		} else {
			vals := openCondValues[c.key]
			v = vals[g.r.Intn(len(vals))]
		}
		blocks[c.op] = append(blocks[c.op], `"`+c.key+`":"`+v+`"`)
	}
	var parts []string
	for op, es := range blocks {
		parts = append(parts, `"`+op+`":{`+strings.Join(es, ",")+`}`)
	}
	return "{" + strings.Join(parts, ",") + "}"
}

func (g openGen) policies(t *testing.T) evaluate.Policies {
	var stmts []string
	for i := 0; i < 1+g.r.Intn(3); i++ {
		effect := "Allow"
		if g.r.Intn(3) == 0 {
			effect = "Deny"
		}
		members := []string{act([]string{"kms:Decrypt", "kms:*", "kms:Encrypt"}[g.r.Intn(3)]), res("*")}
		if g.r.Intn(4) != 0 {
			members = append(members, cond(g.condition()))
		}
		stmts = append(stmts, stmt(effect, members...))
	}
	p := evaluate.Policies{Identity: []*policy.Document{mustDoc(t, docOf(stmts...))}}
	var keyStmts []string
	if g.r.Intn(2) == 0 {
		keyStmts = append(keyStmts, stmt("Allow", prin(aws(openRole)), act("kms:Decrypt"), res("*"), cond(g.condition())))
	}
	if g.r.Intn(3) == 0 {
		keyStmts = append(keyStmts, stmt("Deny", prin(aws("*")), act("kms:*"), res("*"), cond(g.condition())))
	}
	p.Resource = mustDoc(t, openKeyPolicy(keyStmts...))
	if g.r.Intn(2) == 0 {
		c := &evaluate.GrantConstraints{}
		pairs := []map[string]string{{"Dept": "IT"}, {"dept": "HR"}, {"Dept": "IT", "Proj": "x"}}[g.r.Intn(3)]
		if g.r.Intn(2) == 0 {
			c.EncryptionContextEquals = pairs
		} else {
			c.EncryptionContextSubset = pairs
		}
		p.Grants = []evaluate.Grant{{KeyId: openKey, GrantId: "g1", GranteePrincipal: openRole, Operations: []string{"Decrypt"}, Constraints: c}}
	}
	return p
}

// openWorld lists every request of the closed world, varying only the
// keys the policies' text names (the others change no decision).
func openWorld(base evaluate.Request, text string) []evaluate.Request {
	out := []evaluate.Request{base}
	for _, k := range openWorldKeys {
		if !strings.Contains(text, k.name) {
			continue
		}
		var next []evaluate.Request
		for _, r := range out {
			for _, v := range k.vals {
				r2 := r
				r2.Context = evaluate.Context{}
				for kk, vv := range r.Context {
					r2.Context[kk] = vv
				}
				if v != "" {
					r2.Context[k.name] = []string{v}
				}
				next = append(next, r2)
			}
		}
		out = next
	}
	var next []evaluate.Request
	for _, r := range out {
		for _, ec := range openWorldECs {
			r2 := r
			r2.EncryptionContext = ec
			next = append(next, r2)
		}
	}
	return next
}

func TestOpenDifferentialAgainstEnumeration(t *testing.T) {
	g := openGen{r: rand.New(rand.NewSource(7))}
	base := evaluate.Request{Principal: openRole, Action: "kms:Decrypt", Resource: openKey}
	counts := map[Extent]int{}
	residuals := 0
	for i := 0; i < *diffCases/2; i++ {
		p := g.policies(t)
		world := openWorld(base, docJSON(p.Identity[0])+docJSON(p.Resource))
		ev, err := evaluate.Compile(p)
		require.NoError(t, err)
		allowed, want := extentOver(t, ev, world)
		op, err := CompileOpen(p)
		require.NoError(t, err)
		ans, err := op.Decide(Question{Request: base})
		require.NoError(t, err)
		counts[ans.Extent]++
		desc := fmt.Sprintf("case %d: identity %s\nkey %s\ngrants %+v\nanswer %v %s %s", i, docJSON(p.Identity[0]), docJSON(p.Resource), grantsText(p.Grants), ans.Extent, ans.Reason, ans.Detail)
		require.Equal(t, want, ans.Extent, desc)
		if len(ans.Residual) == 0 {
			continue
		}
		residuals++
		for j := range world {
			require.Equal(t, allowed[j], anyHolds(ans.Residual, &world[j]), "%s\nresidual %+v on %+v", desc, ans.Residual, world[j])
		}
	}
	t.Logf("extents %v; %d Sometimes answers with a residual", counts, residuals)
	require.Positive(t, counts[Sometimes])
	require.Positive(t, counts[Always]+counts[Never])
}

func grantsText(gs []evaluate.Grant) string {
	var parts []string
	for _, g := range gs {
		parts = append(parts, fmt.Sprintf("%v %+v", g.Operations, *g.Constraints))
	}
	return strings.Join(parts, "; ")
}

// The request tags are a map like the encryption context: their values by
// name (aws:RequestTag/<name>) and their names (aws:TagKeys) come from one
// set of tags. The world's tag sets meet every class the conditions make.
var (
	openWorldTags = func() []map[string]string {
		// Every set of tags over these names (one spelling of each at a
		// time) and values.
		out := []map[string]string{nil}
		for _, env := range []string{"", "env", "Env"} {
			for _, owner := range []string{"", "owner", "Owner"} {
				for _, other := range []string{"", "other"} {
					for _, v := range []string{"prod", "dev", "zz", ""} {
						for _, ov := range []string{"x", ""} {
							m := map[string]string{}
							if env != "" {
								m[env] = v
							}
							if owner != "" {
								m[owner] = ov
							}
							if other != "" {
								m[other] = "y"
							}
							if len(m) > 0 {
								out = append(out, m)
							}
						}
					}
				}
			}
		}
		return out
	}()
	openTagConds = []string{
		`{"StringEquals":{"aws:RequestTag/env":"prod"}}`, `{"StringEquals":{"aws:RequestTag/Env":["prod","dev"]}}`,
		`{"StringNotEquals":{"aws:RequestTag/env":"dev"}}`, `{"ForAllValues:StringEquals":{"aws:TagKeys":["env"]}}`,
		`{"ForAnyValue:StringEquals":{"aws:TagKeys":"owner"}}`, `{"Null":{"aws:TagKeys":"true"}}`,
		`{"ForAllValues:StringEqualsIgnoreCase":{"aws:TagKeys":["env","owner"]}}`, `{"Null":{"aws:RequestTag/owner":"false"}}`,
	}
)

func TestOpenDifferentialOverRequestTags(t *testing.T) {
	r := rand.New(rand.NewSource(11))
	base := evaluate.Request{Principal: openRole, Action: "kms:TagResource", Resource: openKey}
	counts := map[Extent]int{}
	for i := 0; i < *diffCases/2; i++ {
		var stmts []string
		for j := 0; j < 1+r.Intn(3); j++ {
			effect := []string{"Allow", "Allow", "Deny"}[r.Intn(3)]
			members := []string{act("kms:TagResource"), res("*")}
			if r.Intn(4) != 0 {
				members = append(members, cond(openTagConds[r.Intn(len(openTagConds))]))
			}
			stmts = append(stmts, stmt(effect, members...))
		}
		p := evaluate.Policies{Identity: []*policy.Document{mustDoc(t, docOf(stmts...))}, Resource: mustDoc(t, openKeyPolicy())}
		ev, err := evaluate.Compile(p)
		require.NoError(t, err)
		var world []evaluate.Request
		for _, tags := range openWorldTags {
			w := base
			w.Context = evaluate.Context{}
			var names []string
			for k, v := range tags {
				w.Context["aws:RequestTag/"+k] = []string{v}
				names = append(names, k)
			}
			if len(names) > 0 {
				w.Context["aws:TagKeys"] = names
			}
			world = append(world, w)
		}
		allowed, want := extentOver(t, ev, world)
		op, err := CompileOpen(p)
		require.NoError(t, err)
		ans, err := op.Decide(Question{Request: base})
		require.NoError(t, err)
		counts[ans.Extent]++
		desc := fmt.Sprintf("case %d: %s\nanswer %v %s %s", i, docJSON(p.Identity[0]), ans.Extent, ans.Reason, ans.Detail)
		require.Equal(t, want, ans.Extent, desc)
		for _, w := range []*evaluate.Request{ans.Allowed, ans.Denied} {
			if w != nil {
				requireTagsAgree(t, w.Action, w.Context)
			}
		}
		for j := range world {
			if len(ans.Residual) > 0 {
				require.Equal(t, allowed[j], anyHolds(ans.Residual, &world[j]), "%s\nresidual %+v on %+v", desc, ans.Residual, world[j])
			}
		}
	}
	t.Logf("extents %v", counts)
	require.Positive(t, counts[Sometimes])
}

// extentOver decides every request of a closed world: which are allowed,
// and the extent brute force gives (Always, Never or Sometimes).
func extentOver(t *testing.T, ev *evaluate.Evaluator, world []evaluate.Request) ([]bool, Extent) {
	t.Helper()
	allowed := make([]bool, len(world))
	var anyAllowed, anyDenied bool
	for j, w := range world {
		d, err := ev.Decide(w)
		require.NoError(t, err)
		allowed[j] = d == evaluate.Allowed
		anyAllowed, anyDenied = anyAllowed || allowed[j], anyDenied || !allowed[j]
	}
	switch {
	case !anyDenied:
		return allowed, Always
	case !anyAllowed:
		return allowed, Never
	}
	return allowed, Sometimes
}
