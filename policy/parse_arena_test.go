package policy

import (
	"slices"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestArenaListsKeepTheirValuesAndDoNotShareSpare(t *testing.T) {
	a := newArena[int](3)
	var lists [][]int
	var want [][]int
	// Lists of every length up to past the largest chunk, so that lists
	// move between chunks at every point.
	for n := 0; n <= arenaMaxChunk+3; n += 1 + n/4 {
		open := a.begin()
		var w []int
		for i := range n {
			a.add(&open, n*1000+i)
			w = append(w, n*1000+i)
		}
		lists = append(lists, a.end(open))
		want = append(want, w)
	}
	lists = append(lists, a.one(-1))
	want = append(want, []int{-1})
	for i, l := range lists {
		require.Equal(t, len(want[i]), cap(l), "a list's capacity is its length")
		require.True(t, slices.Equal(want[i], l), "list %d = %v, want %v", i, l, want[i])
	}
	// Appending to a list copies it: the next list is untouched.
	_ = append(lists[1], 99)
	require.True(t, slices.Equal(want[2], lists[2]))
}
