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
func roleChecks(b *testing.B) []check {
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
			check{r.Name + "/within", func() (prove.Result, error) { return prove.NoNewAccess(kind, envelope, d) }},
			check{r.Name + "/equivalent", func() (prove.Result, error) { return prove.NoNewAccess(kind, declared, d) }},
			check{r.Name + "/equivalent-back", func() (prove.Result, error) { return prove.NoNewAccess(kind, d, declared) }},
		)
		if kind == prove.KeyPolicy {
			out = append(out, check{r.Name + "/external", func() (prove.Result, error) {
				return prove.NoExternalAccess(kind, d, "111122223333")
			}})
		}
	}
	return out
}

// BenchmarkRoleChecks runs every question about the roles documents and
// reports the distribution of the time one question takes.
func BenchmarkRoleChecks(b *testing.B) {
	checks := roleChecks(b)
	var times []time.Duration
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, c := range checks {
			start := time.Now()
			r, err := c.ask()
			times = append(times, time.Since(start))
			if err != nil || r.Verdict == prove.Unknown || strings.HasSuffix(c.name, "/within") && r.Verdict != prove.Proved {
				b.Fatalf("%s: %v %v %s", c.name, err, r.Verdict, r.Detail)
			}
		}
	}
	b.StopTimer()
	slices.Sort(times)
	q := func(f float64) float64 { return float64(times[int(f*float64(len(times)-1))].Microseconds()) / 1000 }
	b.ReportMetric(q(0.5), "ms-median")
	b.ReportMetric(q(0.99), "ms-p99")
	b.ReportMetric(q(1), "ms-max")
	b.ReportMetric(float64(len(checks)), "checks")
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
