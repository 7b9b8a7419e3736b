package catalog

import (
	"github.com/cksiam/cksiam/internal/ascii"
	"iter"
)

// closest returns the candidate nearest to target by edit distance
// (insertions, deletions, substitutions and swaps of neighbours, ignoring
// ASCII case), if it is near enough to be a likely typo: at most
// 1 + len(target)/4 edits. Ties go to the candidate that sorts first.
func closest(target string, candidates iter.Seq[string]) (string, bool) {
	limit := 1 + len(target)/4
	best, bestDist := "", limit+1
	for c := range candidates {
		if d := distance(target, c, bestDist+1); d < bestDist || d == bestDist && c < best {
			best, bestDist = c, d
		}
	}
	return best, bestDist <= limit
}

// distance is the optimal string alignment distance between a and b,
// ignoring ASCII case. It returns early with a value ≥ bound once the
// distance is known to be at least bound.
func distance(a, b string, bound int) int {
	if d := len(a) - len(b); d >= bound || -d >= bound {
		return bound
	}
	prev2 := make([]int, len(b)+1)
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		rowMin := cur[0]
		for j := 1; j <= len(b); j++ {
			cost := 1
			if ascii.Lower(a[i-1]) == ascii.Lower(b[j-1]) {
				cost = 0
			}
			v := min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && ascii.Lower(a[i-1]) == ascii.Lower(b[j-2]) && ascii.Lower(a[i-2]) == ascii.Lower(b[j-1]) {
				v = min(v, prev2[j-2]+1)
			}
			cur[j] = v
			rowMin = min(rowMin, v)
		}
		if rowMin >= bound {
			return bound
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(b)]
}
