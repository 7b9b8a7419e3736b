//go:build unix

package cli

import (
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

func TestFilesReadRefusesANamedPipe(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "fifo")
	require.NoError(t, syscall.Mkfifo(fifo, 0o600))
	done := make(chan error, 1)
	go func() {
		_, err := NewFiles(nil).Read("-identity", fifo)
		done <- err
	}()
	select {
	case err := <-done:
		require.ErrorIs(t, err, ErrNotRegular)
		require.ErrorContains(t, err, "-identity "+fifo+": not a regular file (a named pipe)")
	case <-time.After(30 * time.Second):
		// Not a timing assertion: opening a named pipe without a writer
		// never returns, and this guard turns the hang into a failure.
		t.Fatal("reading a named pipe blocked")
	}
}
