package main

import (
	"bytes"
	"errors"
	"os"
	"testing"

	"github.com/cksiam/cksiam/internal/cli"
)

// FuzzSuppressions: the -suppressions reader never panics; it refuses a
// file with a usage error (exit 2), or gives entries that each have a
// code, a path and a reason, and whose unused-suppression findings sit at
// a line and column inside the file.
func FuzzSuppressions(f *testing.F) {
	if data, err := os.ReadFile("testdata/suppressions.json"); err == nil {
		f.Add(data)
	}
	f.Add([]byte(`{"suppressions": []}`))
	f.Add([]byte(`{"suppressions": [{"code": "MISSING_VERSION", "path": "", "reason": "r"}, {"code": "X", "path": "Statement[0]", "file": "./a/../b.json", "reason": "r"}]}`))
	f.Add([]byte(`{"suppressions": [{"code": "X", "path": "P", "reason": "r", "code": "Y"}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := readSuppressions(cli.NewFiles(bytes.NewReader(data)), cli.StdinName)
		if err != nil {
			if !errors.Is(err, cli.ErrUsage) {
				t.Fatalf("%T %v: want a usage error", err, err)
			}
			return
		}
		for _, e := range s.entries {
			if e.Code == "" || e.Path == nil || e.Reason == "" {
				t.Fatalf("accepted entry without code, path or reason: %+v", e)
			}
		}
		lines := bytes.Count(data, []byte("\n")) + 1
		for _, u := range s.unused() {
			if u.Line < 1 || u.Line > lines || u.Column < 1 {
				t.Fatalf("unused suppression at %d:%d, outside the file of %d lines", u.Line, u.Column, lines)
			}
		}
	})
}
