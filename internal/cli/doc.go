// Package cli holds what the commands under examples/ share: the exit-status
// contract, a flag parser that refuses a repeated single-value flag, and a
// file reader with a size cap that refuses what is not a regular file.
//
// The commands are meant for CI pipelines, where a wrong exit status is a
// wrong answer: help and every usage error exit ExitUsage (2), never
// ExitOK (0), which a check command defines as "allowed"; a flag that takes
// one value given twice is refused rather than silently keeping the last
// (a dropped permissions boundary would make an answer "allowed"); and a
// file argument that is a named pipe or a device is refused rather than
// read without end.
//
// The main calls:
//
//	fs := cli.NewFlagSet("check", "decides requests against policy files", stderr)
//	var identity cli.List
//	fs.Var(&identity, "identity", "identity policy file (repeatable)")
//	boundary := fs.String("boundary", "", "permissions boundary file")
//	if err := cli.Parse(fs, args); err != nil {
//		return cli.Fail(stderr, "check", err) // prints the error, returns ExitUsage
//	}
//	files := cli.NewFiles(stdin)
//	data, err := files.Read("-boundary", *boundary) // "-" reads standard input, once
package cli
