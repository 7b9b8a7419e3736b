package evaluate_test

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/cksiam/cksiam/evaluate"
	"github.com/cksiam/cksiam/internal/difftest"
	"github.com/cksiam/cksiam/internal/difftest/ours"
	"github.com/cksiam/cksiam/policy"
)

// The fail-closed properties: from a request that is not allowed, adding a
// Deny, an SCP level, an RCP level, a permissions boundary or a session
// policy, removing an Allow, or making a condition value unreadable never
// gives Allowed (aws-rules C.1, C.2: every added policy only restricts;
// undecidable conditions fail closed). They are checked on the realistic
// random cases of the differential test's generator, seeded so that a
// failure is reproducible, and as a fuzz target over the random seed.

// mutation is one change to a case that must not turn a denial into an
// allow.
type mutation struct {
	what string
	p    evaluate.Policies
	r    evaluate.Request
}

// decision decides r under p, checking on the way that an error is never
// Allowed and that Decide agrees with Evaluate.
func decision(t *testing.T, p evaluate.Policies, r evaluate.Request) evaluate.Decision {
	t.Helper()
	res, err := evaluate.Evaluate(p, r)
	if err != nil {
		if res.Decision == evaluate.Allowed {
			t.Fatalf("error %v came with Allowed", err)
		}
		return res.Decision
	}
	ev, err := evaluate.Compile(p)
	if err != nil {
		t.Fatalf("Evaluate decided but Compile failed: %v", err)
	}
	d, err := ev.Decide(r)
	if err != nil || d != res.Decision {
		t.Fatalf("Decide = %v, %v; Evaluate = %v", d, err, res.Decision)
	}
	return res.Decision
}

// checkFailClosed checks every mutation of a case that is not allowed and
// returns how many it checked.
func checkFailClosed(t *testing.T, id string, p evaluate.Policies, r evaluate.Request, rng *rand.Rand) int {
	t.Helper()
	base := decision(t, p, r)
	if base == evaluate.Allowed {
		return 0
	}
	ms := mutations(p, r, rng)
	for _, m := range ms {
		if got := decision(t, m.p, m.r); got == evaluate.Allowed {
			t.Fatalf("case %s: %s turned %v into Allowed\nrequest: %+v", id, m.what, base, r)
		}
	}
	return len(ms)
}

func TestFailClosedPropertiesOnRandomCases(t *testing.T) {
	n := 200
	if testing.Short() {
		n = 50
	}
	const seed = 20260917
	rng := rand.New(rand.NewPCG(seed, 1))
	checked := 0
	for _, c := range difftest.NewGenerator(seed).Cases(n) {
		p, err := ours.Policies(&c)
		if err != nil {
			t.Fatalf("case %s: %v", c.ID, err)
		}
		checked += checkFailClosed(t, c.ID, p, ours.Request(&c), rng)
	}
	// The cases are mostly denials, each with dozens of mutations: a
	// generator that stopped producing them would make this test vacuous.
	if checked < 10*n {
		t.Fatalf("only %d mutations checked on %d cases", checked, n)
	}
}

// FuzzFailClosed runs the properties on the generator's case for any seed.
func FuzzFailClosed(f *testing.F) {
	for _, s := range []uint64{1, 2, 3, 42, 20260917} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, seed uint64) {
		c := difftest.NewGenerator(seed).Case(fmt.Sprintf("seed-%d", seed))
		p, err := ours.Policies(&c)
		if err != nil {
			t.Fatalf("case %s: %v", c.ID, err)
		}
		checkFailClosed(t, c.ID, p, ours.Request(&c), rand.New(rand.NewPCG(seed, 2)))
	})
}

// mutations lists the changes of p and r the properties cover.
func mutations(p evaluate.Policies, r evaluate.Request, rng *rand.Rand) []mutation {
	var out []mutation
	add := func(what string, q evaluate.Policies) { out = append(out, mutation{what: what, p: q, r: r}) }

	// Adding a Deny, aimed at the request or copied from an Allow, to each
	// policy type.
	denies := []policy.Statement{{Effect: policy.Deny, Action: policy.List(r.Action), Resource: policy.List("*")}}
	for _, d := range allDocs(p) {
		for _, st := range d.Statement {
			if st.Effect == policy.Allow {
				st.Effect = policy.Deny
				st.Principal, st.NotPrincipal = nil, nil
				denies = append(denies, st)
				break
			}
		}
	}
	for _, st := range denies {
		q := clonePolicies(p)
		q.Identity = append(q.Identity, doc(st))
		add("adding an identity Deny", q)
		rs := st
		rs.Principal = policy.Everyone()
		if p.Resource != nil {
			q = clonePolicies(p)
			q.Resource = withStatement(q.Resource, rs)
			add("adding a resource-policy Deny", q)
		}
		if p.Boundary != nil {
			q = clonePolicies(p)
			q.Boundary = withStatement(q.Boundary, st)
			add("adding a boundary Deny", q)
		}
		if p.Session != nil {
			q = clonePolicies(p)
			q.Session = withStatement(q.Session, st)
			add("adding a session-policy Deny", q)
		}
		if len(p.SCPs) > 0 {
			q = clonePolicies(p)
			l := rng.IntN(len(q.SCPs))
			q.SCPs[l] = append(q.SCPs[l], doc(st))
			add("adding an SCP Deny", q)
		}
		q = clonePolicies(p)
		q.RCPs = append(q.RCPs, []*policy.Document{doc(rs)})
		add("adding an RCP level that denies", q)
	}

	// Adding an SCP level, an RCP level, a boundary or a session policy.
	others := []*policy.Document{
		doc(policy.Statement{Effect: policy.Allow, Action: policy.List("*"), Resource: policy.List("*")}),
		doc(policy.Statement{Effect: policy.Allow, Action: policy.List(r.Action), Resource: policy.List("*")}),
		doc(policy.Statement{Effect: policy.Allow, Action: policy.List("s3:*"), Resource: policy.List("*")}),
		doc(policy.Statement{Effect: policy.Allow, NotAction: policy.List(r.Action), Resource: policy.List("*")}),
		doc(policy.Statement{Effect: policy.Allow, Action: policy.List("*"), Resource: policy.List("*"),
			Condition: policy.NewCondition("StringEquals", "aws:PrincipalTag/team", "blue")}),
	}
	for i, d := range others {
		q := clonePolicies(p)
		q.SCPs = append(q.SCPs, []*policy.Document{d})
		add(fmt.Sprintf("adding SCP level %d", i), q)
		if p.Boundary == nil {
			q = clonePolicies(p)
			q.Boundary = d
			add(fmt.Sprintf("adding boundary %d", i), q)
		}
		if p.Session == nil {
			q = clonePolicies(p)
			q.Session = d
			add(fmt.Sprintf("adding session policy %d", i), q)
		}
	}
	q := clonePolicies(p)
	q.SCPs = append(q.SCPs, []*policy.Document{})
	add("adding an empty SCP level", q)
	q = clonePolicies(p)
	q.RCPs = append(q.RCPs, []*policy.Document{doc(policy.Statement{Effect: policy.Deny, Principal: policy.Everyone(),
		Action: policy.List("*"), Resource: policy.List("*"), Condition: policy.NewCondition("StringNotEquals", "aws:PrincipalAccount", "111111111111")})})
	add("adding a conditional RCP level", q)

	// Removing an Allow statement.
	for i, d := range allDocs(p) {
		for j, st := range d.Statement {
			if st.Effect != policy.Allow {
				continue
			}
			q := clonePolicies(p)
			dd := allDocs(q)[i]
			dd.Statement = slices.Delete(dd.Statement, j, j+1)
			add(fmt.Sprintf("removing Allow %d of document %d", j, i), q)
		}
	}

	// Making a condition value unreadable: a typed policy value, and a
	// request value that only typed operators test.
	for i, d := range allDocs(p) {
		for j := range d.Statement {
			for b := range d.Statement[j].Condition {
				op, err := policy.ParseOperator(d.Statement[j].Condition[b].Operator)
				if err != nil || unreadable(op.Base.Family()) == "" {
					continue
				}
				q := clonePolicies(p)
				blk := &allDocs(q)[i].Statement[j].Condition[b]
				for e := range blk.Entries {
					for v := range blk.Entries[e].Values {
						blk.Entries[e].Values[v] = policy.Value{Text: unreadable(op.Base.Family())}
					}
				}
				add(fmt.Sprintf("making the values of %s in document %d statement %d unreadable", blk.Operator, i, j), q)
			}
		}
	}
	for key := range r.Context {
		fam, ok := onlyTyped(p, key)
		if !ok {
			continue
		}
		r2 := r
		r2.Context = evaluate.Context{}
		for k, v := range r.Context {
			r2.Context[k] = v
		}
		r2.Context[key] = []string{unreadable(fam)}
		out = append(out, mutation{what: "making the request value of " + key + " unreadable", p: p, r: r2})
	}
	return out
}

// unreadable is a value the operators of family f cannot read, or "" for
// families that read any text.
func unreadable(f policy.OperatorFamily) string {
	switch f {
	case policy.FamilyNumeric, policy.FamilyDate, policy.FamilyIP, policy.FamilyBool:
		return "not-a-value"
	case policy.FamilyBinary:
		return "!!not base64!!"
	}
	return ""
}

// onlyTyped reports whether every condition on key in p uses operators of
// one family that reads only some texts (so an unreadable request value
// cannot satisfy a string comparison instead), and which.
func onlyTyped(p evaluate.Policies, key string) (policy.OperatorFamily, bool) {
	var fam policy.OperatorFamily
	for _, d := range allDocs(p) {
		for _, st := range d.Statement {
			for _, b := range st.Condition {
				for _, e := range b.Entries {
					if !equalFold(e.Key, key) {
						continue
					}
					op, err := policy.ParseOperator(b.Operator)
					if err != nil || op.Base == policy.Null || unreadable(op.Base.Family()) == "" || op.Base.Family() == policy.FamilyBinary {
						return 0, false
					}
					if fam != 0 && fam != op.Base.Family() {
						return 0, false
					}
					fam = op.Base.Family()
				}
			}
		}
	}
	return fam, fam != 0
}

func equalFold(a, b string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := 0; i < len(a); i++ {
		x, y := a[i], b[i]
		if 'A' <= x && x <= 'Z' {
			x += 'a' - 'A'
		}
		if 'A' <= y && y <= 'Z' {
			y += 'a' - 'A'
		}
		if x != y {
			return false
		}
	}
	return true
}

func doc(sts ...policy.Statement) *policy.Document {
	return &policy.Document{Version: policy.Version2012, Statement: sts}
}

func withStatement(d *policy.Document, st policy.Statement) *policy.Document {
	c := *d
	c.Statement = append(slices.Clip(c.Statement), st)
	return &c
}

// allDocs lists every document of p in a fixed order.
func allDocs(p evaluate.Policies) []*policy.Document {
	out := append([]*policy.Document(nil), p.Identity...)
	for _, d := range []*policy.Document{p.Resource, p.Boundary, p.Session} {
		if d != nil {
			out = append(out, d)
		}
	}
	for _, l := range p.SCPs {
		out = append(out, l...)
	}
	for _, l := range p.RCPs {
		out = append(out, l...)
	}
	return out
}

// clonePolicies copies p deeply enough that a mutation of the copy's
// documents, statements and condition values leaves p as it was.
func clonePolicies(p evaluate.Policies) evaluate.Policies {
	q := evaluate.Policies{Resource: cloneDoc(p.Resource), Boundary: cloneDoc(p.Boundary), Session: cloneDoc(p.Session)}
	for _, d := range p.Identity {
		q.Identity = append(q.Identity, cloneDoc(d))
	}
	levels := func(ls [][]*policy.Document) [][]*policy.Document {
		var out [][]*policy.Document
		for _, l := range ls {
			c := []*policy.Document{}
			for _, d := range l {
				c = append(c, cloneDoc(d))
			}
			out = append(out, c)
		}
		return out
	}
	q.SCPs, q.RCPs = levels(p.SCPs), levels(p.RCPs)
	return q
}

func cloneDoc(d *policy.Document) *policy.Document {
	if d == nil {
		return nil
	}
	c := *d
	c.Statement = slices.Clone(d.Statement)
	for i := range c.Statement {
		st := &c.Statement[i]
		st.Condition = slices.Clone(st.Condition)
		for b := range st.Condition {
			st.Condition[b].Entries = slices.Clone(st.Condition[b].Entries)
			for e := range st.Condition[b].Entries {
				st.Condition[b].Entries[e].Values = slices.Clone(st.Condition[b].Entries[e].Values)
			}
		}
	}
	return &c
}
