// Command benchcases times the evaluate engine on a case file and prints
// one JSON line: the number of cases and the nanoseconds per case for
// parse + compile + decide from the policy texts, for compile + decide from
// documents parsed beforehand (the oracle, too, is handed parsed policy
// objects), and for Decide alone on evaluators compiled beforehand (once
// with every pass over all cases, so that the evaluators are not in cache,
// and once in blocks of blockCases cases that stay in cache), each as
// wall-clock time and as the process's CPU time (user + system, all
// threads), which a shared machine disturbs less.
//
//	go run ./internal/difftest/cmd/benchcases -cases cases.json
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"runtime"
	"syscall"
	"time"

	"github.com/cksiam/cksiam/evaluate"
	"github.com/cksiam/cksiam/internal/difftest"
	"github.com/cksiam/cksiam/internal/difftest/ours"
)

func main() {
	path := flag.String("cases", "cases.json", "case file from gencases")
	minTime := flag.Duration("mintime", 2*time.Second, "run each measurement at least this long")
	block := flag.Int("block", 100, "cases per block of the in-cache measurement")
	flag.Parse()
	if *block < 1 {
		fmt.Fprintln(os.Stderr, "benchcases: -block must be at least 1")
		os.Exit(2)
	}
	if err := run(*path, *minTime, *block); err != nil {
		fmt.Fprintln(os.Stderr, "benchcases:", err)
		os.Exit(1)
	}
}

// Figures is the line benchcases prints.
type Figures struct {
	Cases              int     `json:"cases"`
	CompileDecideNs    float64 `json:"compileDecideNsPerCase"`
	CompileDecideCPUNs float64 `json:"compileDecideCpuNsPerCase"`
	CompileNs          float64 `json:"compileParsedDecideNsPerCase"`
	CompileCPUNs       float64 `json:"compileParsedDecideCpuNsPerCase"`
	DecideNs           float64 `json:"decideNsPerCase"`
	DecideCPUNs        float64 `json:"decideCpuNsPerCase"`
	// DecideInCache* decide the cases in blocks of BlockCases, each block
	// decided BlockRepeats times before the next: evaluators in cache, as
	// when a compiled policy set serves a stream of requests.
	DecideInCacheNs    float64 `json:"decideInCacheNsPerCase"`
	DecideInCacheCPUNs float64 `json:"decideInCacheCpuNsPerCase"`
	BlockCases         int     `json:"blockCases"`
	BlockRepeats       int     `json:"blockRepeats"`
	// UndecidableCases did not compile; the two pre-compiled measurements
	// are per case of the others.
	UndecidableCases int `json:"undecidableCases"`
}

func run(path string, minTime time.Duration, blockCases int) error {
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

	// Compile + decide from documents parsed once, and Decide alone on
	// evaluators compiled once, over the cases that compile.
	var pols []evaluate.Policies
	var evs []*evaluate.Evaluator
	var reqs []evaluate.Request
	for i := range cases {
		p, err := ours.Policies(&cases[i])
		if err != nil {
			f.UndecidableCases++
			continue
		}
		e, err := evaluate.Compile(p)
		if err != nil {
			f.UndecidableCases++
			continue
		}
		pols, evs, reqs = append(pols, p), append(evs, e), append(reqs, ours.Request(&cases[i]))
	}
	if len(evs) == 0 {
		return fmt.Errorf("%s: no case compiles", path)
	}
	f.CompileNs, f.CompileCPUNs = measure(len(pols), minTime, func() {
		for i := range pols {
			if e, err := evaluate.Compile(pols[i]); err == nil {
				_, _ = e.Decide(reqs[i])
			}
		}
	})
	f.DecideNs, f.DecideCPUNs = measure(len(evs), minTime, func() {
		for i, e := range evs {
			_, _ = e.Decide(reqs[i])
		}
	})
	// The same decisions, a block of cases at a time: each block's
	// evaluators and requests fit in the caches, and every case of the
	// block is decided once per repeat, so the branch history sees as many
	// different decisions as the block has cases.
	f.BlockCases, f.BlockRepeats = blockCases, blockRepeats
	f.DecideInCacheNs, f.DecideInCacheCPUNs = measure(len(evs)*blockRepeats, minTime, func() {
		for lo := 0; lo < len(evs); lo += blockCases {
			hi := min(lo+blockCases, len(evs))
			for range blockRepeats {
				for i := lo; i < hi; i++ {
					_, _ = evs[i].Decide(reqs[i])
				}
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

// blockRepeats is how many times the in-cache measurement decides each
// block of cases before the next (-block cases; the default 100 cases'
// evaluators, policies and requests take about 1 MB).
const blockRepeats = 20

// measure runs pass (which decides n cases) in five rounds of at least
// minTime/5 each and returns nanoseconds per case of wall-clock and of CPU
// time, each the fastest round's (the machine may be shared: the minimum is
// the least disturbed figure).
func measure(n int, minTime time.Duration, pass func()) (wall, cpu float64) {
	runtime.GC() // as testing.B does before each benchmark
	pass()       // warm up
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
