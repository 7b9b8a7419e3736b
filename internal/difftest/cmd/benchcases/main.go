package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"runtime"
	"runtime/pprof"
	"strings"
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
	profile := flag.String("cpuprofile", "", "write a CPU profile of all measurements to this file (read it with go tool pprof)")
	only := flag.String("rows", "", "measure only these rows, by their JSON names separated by commas (e.g. decide,decideInCache); the others print 0")
	flag.Parse()
	if *block < 1 {
		fmt.Fprintln(os.Stderr, "benchcases: -block must be at least 1")
		os.Exit(2)
	}
	if *profile != "" {
		f, err := os.Create(*profile)
		if err == nil {
			err = pprof.StartCPUProfile(f)
		}
		if err != nil {
			fmt.Fprintln(os.Stderr, "benchcases: -cpuprofile:", err)
			os.Exit(2)
		}
		defer func() {
			pprof.StopCPUProfile()
			_ = f.Close()
		}()
	}
	rows := map[string]bool{}
	for _, r := range strings.Split(*only, ",") {
		if r != "" {
			rows[r] = true
		}
	}
	if err := run(*path, *minTime, *block, rows); err != nil {
		fmt.Fprintln(os.Stderr, "benchcases:", err)
		pprof.StopCPUProfile()
		os.Exit(1)
	}
}

// Figures is the line benchcases prints: nanoseconds per case of each way
// of deciding, as wall-clock and as CPU time.
type Figures struct {
	Cases int `json:"cases"` // cases in the file
	// UndecidableCases did not compile; every measurement but the first
	// is per case of the others.
	UndecidableCases int `json:"undecidableCases"`
	// ParseEvaluate: parse the JSON texts, Compile, Evaluate: the oracle's
	// work (it, too, reads the policies on every call and explains).
	ParseEvaluate Timing `json:"parseCompileEvaluate"`
	// ParseOneShot: parse the JSON texts, then the one-shot
	// evaluate.Evaluate (which compiles only what the request reaches).
	ParseOneShot Timing `json:"parseOneShotEvaluate"`
	// OneShot: the one-shot evaluate.Evaluate on documents parsed
	// beforehand (the oracle, too, is handed parsed policy objects).
	OneShot Timing `json:"oneShotEvaluate"`
	// CompileDecide: Compile and Decide on documents parsed beforehand.
	CompileDecide Timing `json:"compileDecide"`
	// Evaluate and Decide on evaluators compiled beforehand, first with
	// every pass over all the cases (the evaluators are not in cache),
	// then in blocks of BlockCases cases, each block decided BlockRepeats
	// times before the next (evaluators in cache, as when a compiled
	// policy set serves a stream of requests).
	Evaluate        Timing `json:"evaluate"`
	EvaluateInCache Timing `json:"evaluateInCache"` // Evaluate in blocks
	// Explain: Evaluator.Explain into one Explanation reused for every
	// case, the reason string left unjoined (Explanation.Reason makes it
	// when asked), not in cache and in blocks.
	Explain        Timing `json:"explain"`
	ExplainInCache Timing `json:"explainInCache"` // Explain in blocks
	Decide         Timing `json:"decide"`
	DecideInCache  Timing `json:"decideInCache"` // Decide in blocks
	BlockCases     int    `json:"blockCases"`
	BlockRepeats   int    `json:"blockRepeats"`
}

// Timing is one measurement: nanoseconds per case, wall-clock and CPU
// (user + system, all threads, so garbage collection on another core
// counts).
type Timing struct {
	Wall float64 `json:"ns"`    // wall-clock nanoseconds per case
	CPU  float64 `json:"cpuNs"` // CPU nanoseconds per case
}

func run(path string, minTime time.Duration, blockCases int, rows map[string]bool) error {
	cases, err := difftest.ReadCases(path)
	if err != nil {
		return err
	}
	if len(cases) == 0 {
		return fmt.Errorf("%s: no cases", path)
	}
	f := Figures{Cases: len(cases)}

	var pols []evaluate.Policies
	var evs []*evaluate.Evaluator
	var reqs []evaluate.Request
	var texts []*difftest.Case
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
		texts = append(texts, &cases[i])
	}
	if len(evs) == 0 {
		return fmt.Errorf("%s: no case compiles", path)
	}
	n := len(evs)
	// measure runs a row unless -rows leaves it out.
	measure := func(row string, n int, minTime time.Duration, pass func()) Timing {
		if len(rows) > 0 && !rows[row] {
			return Timing{}
		}
		return measure(n, minTime, pass)
	}

	// Parse + Compile + Evaluate from the JSON texts, as a caller with a
	// fresh set of policies would.
	f.ParseEvaluate = measure("parseCompileEvaluate", n, minTime, func() {
		for i, c := range texts {
			if e, _, err := ours.Compile(c); err == nil {
				_, _ = e.Evaluate(reqs[i])
			}
		}
	})
	// Parse, then the one-shot Evaluate: the same work from the same
	// texts, for a caller that decides one request per set of policies.
	f.ParseOneShot = measure("parseOneShotEvaluate", n, minTime, func() {
		for i, c := range texts {
			if p, err := ours.Policies(c); err == nil {
				_, _ = evaluate.Evaluate(p, reqs[i])
			}
		}
	})
	f.OneShot = measure("oneShotEvaluate", n, minTime, func() {
		for i := range pols {
			_, _ = evaluate.Evaluate(pols[i], reqs[i])
		}
	})
	f.CompileDecide = measure("compileDecide", n, minTime, func() {
		for i := range pols {
			if e, err := evaluate.Compile(pols[i]); err == nil {
				_, _ = e.Decide(reqs[i])
			}
		}
	})
	f.Evaluate = measure("evaluate", n, minTime, func() {
		for i, e := range evs {
			_, _ = e.Evaluate(reqs[i])
		}
	})
	var x evaluate.Explanation
	f.Explain = measure("explain", n, minTime, func() {
		for i, e := range evs {
			_ = e.Explain(reqs[i], &x)
		}
	})
	f.Decide = measure("decide", n, minTime, func() {
		for i, e := range evs {
			_, _ = e.Decide(reqs[i])
		}
	})
	// The same decisions, a block of cases at a time: each block's
	// evaluators and requests fit in the caches, and every case of the
	// block is decided once per repeat, so the branch history sees as many
	// different decisions as the block has cases.
	f.BlockCases, f.BlockRepeats = blockCases, blockRepeats
	inBlocks := func(decide func(i int)) func() {
		return func() {
			for lo := 0; lo < n; lo += blockCases {
				hi := min(lo+blockCases, n)
				for range blockRepeats {
					for i := lo; i < hi; i++ {
						decide(i)
					}
				}
			}
		}
	}
	f.EvaluateInCache = measure("evaluateInCache", n*blockRepeats, minTime, inBlocks(func(i int) { _, _ = evs[i].Evaluate(reqs[i]) }))
	f.ExplainInCache = measure("explainInCache", n*blockRepeats, minTime, inBlocks(func(i int) { _ = evs[i].Explain(reqs[i], &x) }))
	f.DecideInCache = measure("decideInCache", n*blockRepeats, minTime, inBlocks(func(i int) { _, _ = evs[i].Decide(reqs[i]) }))
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
func measure(n int, minTime time.Duration, pass func()) Timing {
	var t Timing
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
		if t.Wall == 0 || w < t.Wall {
			t.Wall = w
		}
		if t.CPU == 0 || c < t.CPU {
			t.CPU = c
		}
	}
	return t
}

// cpuTime returns the user and system CPU time the process has used.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
