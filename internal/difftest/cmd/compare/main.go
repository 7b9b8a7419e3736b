package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/cksiam/cksiam/internal/difftest"
	"github.com/cksiam/cksiam/internal/difftest/ours"
)

func main() {
	casesPath := flag.String("cases", "cases.json", "case file from gencases")
	oraclePath := flag.String("oracle", "oracle.json", "decisions of the oracle")
	devPath := flag.String("deviations", "internal/difftest/testdata/deviations.json", "known oracle deviations")
	oursOut := flag.String("ours", "", "if set, also write this engine's decisions to this file")
	details := flag.Int("details", 20, "print at most this many disagreements in full")
	flag.Parse()
	ok, err := run(*casesPath, *oraclePath, *devPath, *oursOut, *details)
	if err != nil {
		fmt.Fprintln(os.Stderr, "compare:", err)
		os.Exit(2)
	}
	if !ok {
		os.Exit(1)
	}
}

func run(casesPath, oraclePath, devPath, oursOut string, details int) (bool, error) {
	cases, err := difftest.ReadCases(casesPath)
	if err != nil {
		return false, err
	}
	oracle, err := difftest.ReadResults(oraclePath)
	if err != nil {
		return false, err
	}
	devs, err := difftest.LoadDeviations(devPath)
	if err != nil {
		return false, err
	}
	mine := ours.DecideAll(cases)
	if oursOut != "" {
		f, err := os.Create(oursOut)
		if err != nil {
			return false, err
		}
		if err := difftest.WriteJSON(f, mine); err != nil {
			f.Close()
			return false, err
		}
		if err := f.Close(); err != nil {
			return false, err
		}
	}
	rep, err := difftest.Compare(cases, oracle, mine, devs)
	if err != nil {
		return false, err
	}
	fmt.Print(rep.Details(details))
	fmt.Println(rep.Summary())
	return rep.OK(), nil
}
