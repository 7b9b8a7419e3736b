package main

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/cksiam/cksiam/internal/difftest"
	"github.com/cksiam/cksiam/internal/difftest/ours"
	"github.com/stretchr/testify/require"
)

func write(t *testing.T, dir, name string, v any) string {
	t.Helper()
	p := filepath.Join(dir, name)
	f, err := os.Create(p)
	require.NoError(t, err)
	require.NoError(t, difftest.WriteJSON(f, v))
	require.NoError(t, f.Close())
	return p
}

func TestRunPassesOnAgreementAndFailsOnADisagreement(t *testing.T) {
	dir := t.TempDir()
	cases := difftest.NewGenerator(3).Cases(50)
	for i := range cases {
		cases[i].Tags = nil // no deviation can apply
	}
	decisions := ours.DecideAll(cases)
	casesPath := write(t, dir, "cases.json", cases)
	devPath := filepath.Join("..", "..", "testdata", "deviations.json")

	ok, err := run(casesPath, write(t, dir, "agree.json", decisions), devPath, filepath.Join(dir, "ours.json"), 0)
	require.NoError(t, err)
	require.True(t, ok, "an oracle that agrees everywhere must pass")
	written, err := difftest.ReadResults(filepath.Join(dir, "ours.json"))
	require.NoError(t, err)
	require.Equal(t, decisions, written)

	flipped := append([]difftest.Result(nil), decisions...)
	if flipped[7].Decision == difftest.Allowed {
		flipped[7].Decision = difftest.ExplicitDeny
	} else {
		flipped[7].Decision = difftest.Allowed
	}
	ok, err = run(casesPath, write(t, dir, "flipped.json", flipped), devPath, "", 0)
	require.NoError(t, err)
	require.False(t, ok, "one unexcused disagreement must fail the run")

	_, err = run(casesPath, write(t, dir, "short.json", decisions[:10]), devPath, "", 0)
	require.Error(t, err, "an oracle file that misses cases is an error")
}
