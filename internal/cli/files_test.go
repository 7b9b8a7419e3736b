package cli

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestFilesRead(t *testing.T) {
	dir := t.TempDir()
	doc := filepath.Join(dir, "doc.json")
	require.NoError(t, os.WriteFile(doc, []byte(`{"Statement":[]}`), 0o600))

	t.Run("a regular file is read whole", func(t *testing.T) {
		got, err := NewFiles(nil).Read("-identity", doc)
		require.NoError(t, err)
		require.Equal(t, `{"Statement":[]}`, string(got))
	})

	t.Run("- reads standard input", func(t *testing.T) {
		got, err := NewFiles(strings.NewReader("from stdin")).Read("-identity", "-")
		require.NoError(t, err)
		require.Equal(t, "from stdin", string(got))
	})

	t.Run("standard input can be read once per command line", func(t *testing.T) {
		f := NewFiles(strings.NewReader("x"))
		_, err := f.Read("-identity", "-")
		require.NoError(t, err)
		_, err = f.Read("-boundary", "-")
		require.ErrorIs(t, err, ErrUsage)
		require.EqualError(t, err, "-boundary standard input: standard input is already read for -identity; it can be read once")
	})

	t.Run("a directory is refused, naming the flag and the file", func(t *testing.T) {
		_, err := NewFiles(nil).Read("-boundary", dir)
		require.ErrorIs(t, err, ErrNotRegular)
		require.ErrorIs(t, err, ErrUsage)
		require.EqualError(t, err, "-boundary "+dir+": not a regular file (a directory): give a regular file, or - for standard input")
	})

	t.Run("a character device such as /dev/zero is refused, not read without end", func(t *testing.T) {
		if _, err := os.Stat("/dev/zero"); err != nil {
			t.Skip("no /dev/zero on this system")
		}
		_, err := NewFiles(nil).Read("-identity", "/dev/zero")
		require.ErrorIs(t, err, ErrNotRegular)
		require.ErrorContains(t, err, "a character device")
	})

	t.Run("a file over the cap is refused", func(t *testing.T) {
		big := filepath.Join(dir, "big.json")
		f, err := os.Create(big)
		require.NoError(t, err)
		require.NoError(t, f.Truncate(MaxFileBytes+1)) // sparse: no disk used
		require.NoError(t, f.Close())
		_, err = NewFiles(nil).Read("", big)
		require.ErrorIs(t, err, ErrTooLarge)
		require.EqualError(t, err, big+": larger than the input limit of 8388608 bytes")
	})

	t.Run("a file at the cap is read", func(t *testing.T) {
		edge := filepath.Join(dir, "edge.json")
		f, err := os.Create(edge)
		require.NoError(t, err)
		require.NoError(t, f.Truncate(MaxFileBytes))
		require.NoError(t, f.Close())
		got, err := NewFiles(nil).Read("", edge)
		require.NoError(t, err)
		require.Len(t, got, MaxFileBytes)
	})

	t.Run("standard input over the cap is refused", func(t *testing.T) {
		_, err := NewFiles(strings.NewReader(strings.Repeat("x", MaxFileBytes+1))).Read("", "-")
		require.ErrorIs(t, err, ErrTooLarge)
		require.EqualError(t, err, "standard input: larger than the input limit of 8388608 bytes")
	})

	t.Run("a missing file names the file once and matches fs.ErrNotExist", func(t *testing.T) {
		_, err := NewFiles(nil).Read("-scp", filepath.Join(dir, "nope.json"))
		require.True(t, errors.Is(err, fs.ErrNotExist))
		require.EqualError(t, err, "-scp "+filepath.Join(dir, "nope.json")+": no such file or directory")
	})
}
