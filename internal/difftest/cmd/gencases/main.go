// Command gencases writes a file of generated differential test cases.
//
//	go run ./internal/difftest/cmd/gencases -seed 1 -n 5000 -o cases.json
package main

import (
	"bufio"
	"flag"
	"fmt"
	"os"

	"github.com/cksiam/cksiam/internal/difftest"
)

func main() {
	seed := flag.Uint64("seed", 1, "generator seed")
	n := flag.Int("n", 5000, "number of cases")
	out := flag.String("o", "cases.json", "output file")
	flag.Parse()
	if err := run(*seed, *n, *out); err != nil {
		fmt.Fprintln(os.Stderr, "gencases:", err)
		os.Exit(1)
	}
}

func run(seed uint64, n int, out string) error {
	f, err := os.Create(out)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(f)
	if err := difftest.WriteJSON(w, difftest.NewGenerator(seed).Cases(n)); err != nil {
		f.Close()
		return err
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
