// Package readme reads the command lines the repository's README shows, so
// that each command's tests run them exactly as a user would copy them.
//
//	cmds, err := readme.Commands("../../README.md", "check")
//	// each cmds[i] is an argument list, paths relative to examples/check
package readme
