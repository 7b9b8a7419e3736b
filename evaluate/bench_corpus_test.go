package evaluate

import (
	"testing"

	"github.com/cksiam/cksiam/internal/managedpolicies"
	"github.com/cksiam/cksiam/policy"
	"github.com/cksiam/cksiam/policy/catalog"
)

// The AWS managed policy corpus compiled as one set of identity policies:
// a set of thousands of statements over hundreds of services, where a
// decision must cost what the statements that can match its action cost,
// not what the set holds. These benchmarks skip unless the corpus is
// fetched (internal/managedpolicies: CKSIAM_MANAGED_POLICIES).

// corpusPolicies returns the default version of every managed policy that
// Compile accepts on its own, as one set of identity policies.
func corpusPolicies(tb testing.TB) Policies {
	var p Policies
	for _, mp := range managedpolicies.ForTest(tb) {
		v, ok := mp.DefaultVersion()
		if !ok {
			continue
		}
		d, err := policy.Parse(v.Document)
		if err != nil {
			continue
		}
		if _, err := Compile(Policies{Identity: []*policy.Document{d}}); err != nil {
			continue // AWS stores a few documents the grammar refuses
		}
		p.Identity = append(p.Identity, d)
	}
	return p
}

// corpusRequests are requests by a role session for every 97th action of
// the catalog (228 actions of every service, most of which the corpus
// names literally, some only through wildcards, some not at all) on "*".
func corpusRequests() []Request {
	var out []Request
	all := catalog.Default().Actions()
	for i := 0; i < len(all); i += 97 {
		out = append(out, Request{Principal: "arn:aws:sts::111122223333:assumed-role/Deployer/build-42", Action: all[i].FullName(), Resource: "*"})
	}
	return out
}

func BenchmarkCompileManagedCorpus(b *testing.B) {
	p := corpusPolicies(b)
	stmts := 0
	for _, d := range p.Identity {
		stmts += len(d.Statement)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Compile(p); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(p.Identity)), "policies")
	b.ReportMetric(float64(stmts), "statements")
}

// BenchmarkCompileManagedPolicies compiles each managed policy of the
// corpus on its own, as the managed-policy cases of the comparison with
// other engines do; ns/op and allocs/op are per policy.
func BenchmarkCompileManagedPolicies(b *testing.B) {
	p := corpusPolicies(b)
	each := make([]Policies, len(p.Identity))
	for i := range p.Identity {
		each[i] = Policies{Identity: p.Identity[i : i+1]}
	}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		if _, err := Compile(each[i]); err != nil {
			b.Fatal(err)
		}
		if i++; i == len(each) {
			i = 0
		}
	}
}

// BenchmarkDecideManagedCorpus decides corpusRequests in turn; ns/op is
// per decision.
func BenchmarkDecideManagedCorpus(b *testing.B) {
	ev, err := Compile(corpusPolicies(b))
	if err != nil {
		b.Fatal(err)
	}
	reqs := corpusRequests()
	for _, r := range reqs {
		if _, err := ev.Decide(r); err != nil {
			b.Fatalf("%s: %v", r.Action, err)
		}
	}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		_, _ = ev.Decide(reqs[i])
		if i++; i == len(reqs) {
			i = 0
		}
	}
}
