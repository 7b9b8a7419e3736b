// Command benchcases times the evaluate engine on a case file and prints
// one JSON line: the number of cases, the nanoseconds per case for parse +
// compile + decide from the policy texts, and for Decide alone on
// evaluators compiled beforehand.
//
//	go run ./internal/difftest/cmd/benchcases -cases cases.json
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"time"

	"github.com/cksiam/cksiam/evaluate"
	"github.com/cksiam/cksiam/internal/difftest"
	"github.com/cksiam/cksiam/internal/difftest/ours"
)

func main() {
	path := flag.String("cases", "cases.json", "case file from gencases")
	minTime := flag.Duration("mintime", 2*time.Second, "run each measurement at least this long")
	flag.Parse()
	if err := run(*path, *minTime); err != nil {
		fmt.Fprintln(os.Stderr, "benchcases:", err)
		os.Exit(1)
	}
}

// Figures is the line benchcases prints.
type Figures struct {
	Cases            int     `json:"cases"`
	CompileDecideNs  float64 `json:"compileDecideNsPerCase"`
	DecideNs         float64 `json:"decideNsPerCase"`
	UndecidableCases int     `json:"undecidableCases"`
}

func run(path string, minTime time.Duration) error {
	cases, err := difftest.ReadCases(path)
	if err != nil {
		return err
	}
	if len(cases) == 0 {
		return fmt.Errorf("%s: no cases", path)
	}
	f := Figures{Cases: len(cases)}

	// Parse + compile + decide, from the JSON texts, as a caller with a
	// fresh set of policies would.
	f.CompileDecideNs = measure(len(cases), minTime, func() {
		for i := range cases {
			ours.Decide(&cases[i])
		}
	})

	// Decide alone on evaluators compiled once.
	evs := make([]*evaluate.Evaluator, len(cases))
	reqs := make([]evaluate.Request, len(cases))
	for i := range cases {
		e, r, err := ours.Compile(&cases[i])
		if err != nil {
			f.UndecidableCases++
			continue
		}
		evs[i], reqs[i] = e, r
	}
	f.DecideNs = measure(len(cases), minTime, func() {
		for i, e := range evs {
			if e != nil {
				_, _ = e.Decide(reqs[i])
			}
		}
	})
	out, err := json.Marshal(f)
	if err != nil {
		return err
	}
	fmt.Println(string(out))
	return nil
}

// measure runs pass (which decides n cases) in five rounds of at least
// minTime/5 each and returns nanoseconds per case of the fastest round (the
// machine may be shared: the minimum is the least disturbed figure).
func measure(n int, minTime time.Duration, pass func()) float64 {
	pass() // warm up
	best := 0.0
	for range 5 {
		start := time.Now()
		passes := 0
		for time.Since(start) < minTime/5 || passes == 0 {
			pass()
			passes++
		}
		ns := float64(time.Since(start).Nanoseconds()) / float64(passes*n)
		if best == 0 || ns < best {
			best = ns
		}
	}
	return best
}
