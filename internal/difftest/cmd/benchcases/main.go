// Command benchcases times the evaluate engine on a case file and prints
// one JSON line: the number of cases, the nanoseconds per case for parse +
// compile + decide from the policy texts, and for Decide alone on
// evaluators compiled beforehand, each as wall-clock time and as the
// process's CPU time (user + system, all threads), which a shared machine
// disturbs less.
//
//	go run ./internal/difftest/cmd/benchcases -cases cases.json
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"syscall"
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
	Cases              int     `json:"cases"`
	CompileDecideNs    float64 `json:"compileDecideNsPerCase"`
	CompileDecideCPUNs float64 `json:"compileDecideCpuNsPerCase"`
	DecideNs           float64 `json:"decideNsPerCase"`
	DecideCPUNs        float64 `json:"decideCpuNsPerCase"`
	UndecidableCases   int     `json:"undecidableCases"`
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
	f.CompileDecideNs, f.CompileDecideCPUNs = measure(len(cases), minTime, func() {
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
	f.DecideNs, f.DecideCPUNs = measure(len(cases), minTime, func() {
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
// minTime/5 each and returns nanoseconds per case of wall-clock and of CPU
// time, each the fastest round's (the machine may be shared: the minimum is
// the least disturbed figure).
func measure(n int, minTime time.Duration, pass func()) (wall, cpu float64) {
	pass() // warm up
	for range 5 {
		start, cpu0 := time.Now(), cpuTime()
		passes := 0
		for time.Since(start) < minTime/5 || passes == 0 {
			pass()
			passes++
		}
		w := float64(time.Since(start).Nanoseconds()) / float64(passes*n)
		c := float64((cpuTime() - cpu0).Nanoseconds()) / float64(passes*n)
		if wall == 0 || w < wall {
			wall = w
		}
		if cpu == 0 || c < cpu {
			cpu = c
		}
	}
	return wall, cpu
}

// cpuTime returns the user and system CPU time the process has used.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
