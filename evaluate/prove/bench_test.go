package prove_test

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/cksiam/cksiam/evaluate/prove"
	"github.com/cksiam/cksiam/policy"
	"github.com/cksiam/cksiam/roles"
)

// check is one question about a roles document.
type check struct {
	name string
	ask  func() (prove.Result, error)
}

// roleChecks lists the questions asked of the roles package's documents:
// each document against its permission set without conditions (nothing
// outside it) and with them (equivalence, both ways), and for key policies
// whether another account gets in.
func roleChecks(b *testing.B, opts ...prove.Option) []check {
	rs, err := roles.All(roles.Options{Account: "111122223333", Region: "us-west-2"})
	if err != nil {
		b.Fatal(err)
	}
	var out []check
	for _, r := range rs {
		d := r.Document()
		kind := prove.Identity
		if r.Kind == policy.KeyPolicy {
			kind = prove.KeyPolicy
		}
		declared := &policy.Document{Version: policy.Version2012, ID: r.ID}
		envelope := &policy.Document{Version: policy.Version2012, ID: r.ID}
		for _, p := range r.Permissions {
			st := policy.Statement{Sid: p.Sid, Effect: policy.Allow, Principal: p.Principal, Action: policy.List(p.Actions...),
				Resource: policy.List(p.Resources...), Condition: p.Condition}
			declared.Statement = append(declared.Statement, st)
			st.Condition = nil
			envelope.Statement = append(envelope.Statement, st)
		}
		out = append(out,
			check{r.Name + "/within", func() (prove.Result, error) { return prove.NoNewAccess(kind, envelope, d, opts...) }},
			check{r.Name + "/equivalent", func() (prove.Result, error) { return prove.NoNewAccess(kind, declared, d, opts...) }},
			check{r.Name + "/equivalent-back", func() (prove.Result, error) { return prove.NoNewAccess(kind, d, declared, opts...) }},
		)
		if kind == prove.KeyPolicy {
			out = append(out, check{r.Name + "/external", func() (prove.Result, error) {
				return prove.NoExternalAccess(kind, d, "111122223333", opts...)
			}})
		}
	}
	return out
}

// BenchmarkRoleChecks runs every question about the roles documents and
// reports the distribution of the time one question takes: wall clock
// (ms-median, ms-p99, ms-max) and, where the system tells it, the CPU
// time of the thread that asked (cpu-ms-…), which a machine shared with
// other work inflates far less. With -test.v it also logs each question's
// median. The NoNewAccess questions about the roles are proved from the
// statements (cover.go); BenchmarkRoleChecksSearch asks them of the search.
func BenchmarkRoleChecks(b *testing.B) { runRoleChecks(b, roleChecks(b)) }

// BenchmarkRoleChecksSearch is BenchmarkRoleChecks with every question
// answered by the search, as a question no statement proves is.
func BenchmarkRoleChecksSearch(b *testing.B) { runRoleChecks(b, roleChecks(b, prove.SearchOnly)) }

func runRoleChecks(b *testing.B, checks []check) {
	defer lockThread()()
	var times, cpus []time.Duration
	per := make([][]time.Duration, len(checks))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for j, c := range checks {
			start := time.Now()
			c0, cpuOK := threadCPU()
			r, err := c.ask()
			c1, _ := threadCPU()
			took := time.Since(start)
			times = append(times, took)
			per[j] = append(per[j], took)
			if cpuOK {
				cpus = append(cpus, c1-c0)
			}
			if err != nil || r.Verdict == prove.Unknown || strings.HasSuffix(c.name, "/within") && r.Verdict != prove.Proved {
				b.Fatalf("%s: %v %v %s", c.name, err, r.Verdict, r.Detail)
			}
		}
	}
	b.StopTimer()
	report := func(ds []time.Duration, prefix string) {
		if len(ds) == 0 {
			return
		}
		slices.Sort(ds)
		q := func(f float64) float64 { return float64(ds[int(f*float64(len(ds)-1))].Microseconds()) / 1000 }
		b.ReportMetric(q(0.5), prefix+"ms-median")
		b.ReportMetric(q(0.99), prefix+"ms-p99")
		b.ReportMetric(q(1), prefix+"ms-max")
	}
	report(times, "")
	report(cpus, "cpu-")
	b.ReportMetric(float64(len(checks)), "checks")
	for j, c := range checks {
		slices.Sort(per[j])
		b.Logf("%-40s median %v", c.name, per[j][len(per[j])/2].Round(time.Microsecond))
	}
}

// BenchmarkRoleCheck measures each question on its own.
func BenchmarkRoleCheck(b *testing.B) {
	for _, c := range roleChecks(b) {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				if _, err := c.ask(); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
