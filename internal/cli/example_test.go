package cli_test

import (
	"fmt"
	"os"

	"github.com/cksiam/cksiam/internal/cli"
)

// A command parses its flags with Parse and turns every error into exit
// status 2 with Fail.
func Example() {
	fs := cli.NewFlagSet("check", "decides a request; exit status 0 allowed, 1 denied, 2 bad input", os.Stdout)
	fs.String("boundary", "", "permissions boundary file")
	var identity cli.List
	fs.Var(&identity, "identity", "identity policy file (repeatable)")

	err := cli.Parse(fs, []string{"-identity", "a.json", "-identity", "b.json", "-boundary", "tight.json", "-boundary", "loose.json"})
	fmt.Println("exit status", cli.Fail(os.Stdout, "check", err))
	// Output:
	// check: -boundary is given 2 times ("tight.json", "loose.json"): it takes one value
	// exit status 2
}
