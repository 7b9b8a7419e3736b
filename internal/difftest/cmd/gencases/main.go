package main

import (
	"bufio"
	"flag"
	"fmt"
	"os"

	"github.com/cksiam/cksiam/internal/difftest"
	"github.com/cksiam/cksiam/internal/managedpolicies"
)

func main() {
	seed := flag.Uint64("seed", 1, "generator seed")
	n := flag.Int("n", 5000, "number of cases")
	out := flag.String("o", "cases.json", "output file")
	view := flag.String("oracle-view", "", "if set, also write the oracle's view of the cases to this file")
	devPath := flag.String("deviations", "internal/difftest/testdata/deviations.json", "known oracle deviations (for -oracle-view)")
	managed := flag.String("managed", "", "if set, the folder holding the AWS managed policy corpus: also write cases built from it")
	managedN := flag.Int("managed-n", 3000, "number of cases built from AWS managed policies (with -managed)")
	flag.Parse()
	if err := run(*seed, *n, *out, *view, *devPath, *managed, *managedN); err != nil {
		fmt.Fprintln(os.Stderr, "gencases:", err)
		os.Exit(1)
	}
}

func run(seed uint64, n int, out, view, devPath, managed string, managedN int) error {
	cases := difftest.NewGenerator(seed).Cases(n)
	if managed != "" {
		policies, err := managedpolicies.Load(managed)
		if err != nil {
			return err
		}
		cases = append(cases, difftest.RealCases(policies, seed, managedN)...)
	}
	if err := write(out, cases); err != nil {
		return err
	}
	if view == "" {
		return nil
	}
	ds, err := difftest.LoadDeviations(devPath)
	if err != nil {
		return err
	}
	for i := range cases {
		if cases[i], err = difftest.OracleView(cases[i], ds); err != nil {
			return err
		}
	}
	return write(view, cases)
}

func write(path string, cases []difftest.Case) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(f)
	if err := difftest.WriteJSON(w, cases); err != nil {
		f.Close()
		return err
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
