package cli

import (
	"bytes"
	"errors"
	"flag"
	"testing"

	"github.com/stretchr/testify/require"
)

// testFlags is a flag set with one flag of each shape.
func testFlags(stderr *bytes.Buffer) (*flag.FlagSet, *string, *bool, *List) {
	fs := NewFlagSet("cmd", "does things\nexit status: 0 good, 1 bad, 2 usage", stderr)
	boundary := fs.String("boundary", "", "permissions boundary file")
	asJSON := fs.Bool("json", false, "print JSON")
	var identity List
	fs.Var(&identity, "identity", "identity policy file (repeatable)")
	return fs, boundary, asJSON, &identity
}

func TestParse(t *testing.T) {
	for _, tc := range []struct {
		name string
		args []string
		msg  string // empty: no error
	}{
		{"a single-value flag given once is accepted", []string{"-boundary", "a.json", "-json"}, ""},
		{"a repeatable flag may be given several times", []string{"-identity", "a.json", "-identity", "b.json"}, ""},
		{"a single-value flag given twice is refused with both values", []string{"-boundary", "a.json", "-boundary", "b.json"}, `-boundary is given 2 times ("a.json", "b.json"): it takes one value`},
		{"a repeat in the -flag=value form is refused too", []string{"-boundary=a.json", "--boundary", "b.json"}, "-boundary is given 2 times"},
		{"a boolean flag given twice is refused", []string{"-json", "-json=false"}, `-json is given 2 times ("true", "false")`},
		{"an unknown flag is a usage error", []string{"-nope"}, "flag provided but not defined: -nope"},
		{"-h is a usage error, not success", []string{"-h"}, "help requested"},
		{"-help is a usage error, not success", []string{"-help"}, "help requested"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var stderr bytes.Buffer
			fs, _, _, _ := testFlags(&stderr)
			err := Parse(fs, tc.args)
			if tc.msg == "" {
				require.NoError(t, err)
				return
			}
			require.Error(t, err)
			require.ErrorIs(t, err, ErrUsage)
			require.Contains(t, err.Error(), tc.msg)
			require.Equal(t, ExitUsage, Fail(&stderr, "cmd", err))
		})
	}

	t.Run("values given once arrive as the flag package sets them", func(t *testing.T) {
		var stderr bytes.Buffer
		fs, boundary, asJSON, identity := testFlags(&stderr)
		require.NoError(t, Parse(fs, []string{"-identity", "a.json", "-boundary", "b.json", "-json", "-identity", "c.json", "rest"}))
		require.Equal(t, "b.json", *boundary)
		require.True(t, *asJSON)
		require.Equal(t, List{"a.json", "c.json"}, *identity)
		require.Equal(t, []string{"rest"}, fs.Args())
		require.ErrorContains(t, NoArgs(fs), `unexpected argument "rest"`)
	})

	t.Run("flags after the first argument are arguments, and are not counted", func(t *testing.T) {
		var stderr bytes.Buffer
		fs, _, _, _ := testFlags(&stderr)
		require.NoError(t, Parse(fs, []string{"-boundary", "a.json", "--", "-boundary", "b.json"}))
		require.Equal(t, []string{"-boundary", "b.json"}, fs.Args())
	})

	t.Run("-h prints the usage with the command's text once and matches flag.ErrHelp", func(t *testing.T) {
		var stderr bytes.Buffer
		fs, _, _, _ := testFlags(&stderr)
		err := Parse(fs, []string{"-h"})
		require.True(t, errors.Is(err, flag.ErrHelp))
		require.Equal(t, ExitUsage, Fail(&stderr, "cmd", err))
		out := stderr.String()
		require.Contains(t, out, "usage: cmd [flags]\ndoes things\nexit status: 0 good, 1 bad, 2 usage\n\nflags:\n")
		require.Contains(t, out, "-boundary string")
		require.NotContains(t, out, "cmd: ", "help is not reported as an error")
	})

	t.Run("Fail prints a usage error the flag package did not print", func(t *testing.T) {
		var stderr bytes.Buffer
		require.Equal(t, ExitUsage, Fail(&stderr, "cmd", Usagef("-context %q: want key=value", "k")))
		require.Equal(t, "cmd: -context \"k\": want key=value\n", stderr.String())
	})

	t.Run("Fail prints an unknown flag once", func(t *testing.T) {
		var stderr bytes.Buffer
		fs, _, _, _ := testFlags(&stderr)
		err := Parse(fs, []string{"-nope"})
		Fail(&stderr, "cmd", err)
		require.Equal(t, 1, bytes.Count(stderr.Bytes(), []byte("-nope")))
	})
}
