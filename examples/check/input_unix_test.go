//go:build unix

package main

import (
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

func TestCheckRefusesANamedPipe(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "fifo")
	require.NoError(t, syscall.Mkfifo(fifo, 0o600))
	type result struct {
		code        int
		out, errOut string
	}
	done := make(chan result, 1)
	go func() {
		code, out, errOut := runCmd(base("-boundary", fifo)...)
		done <- result{code, out, errOut}
	}()
	select {
	case r := <-done:
		require.Equal(t, 2, r.code, r.out)
		require.Contains(t, r.errOut, "-boundary "+fifo+": not a regular file (a named pipe)")
	case <-time.After(30 * time.Second):
		// Not a timing assertion: opening a named pipe without a writer
		// never returns, and this guard turns the hang into a failure.
		t.Fatal("check blocked on a named pipe")
	}
}
