package glob

import "github.com/cksiam/cksiam/internal/ascii"

// indexTwoWay returns the index of the first occurrence of piece in s, or
// -1; with fold it ignores ASCII case on both sides. It is the two-way
// string matching of Crochemore and Perrin ("Two-way string-matching",
// J. ACM 38(3), 1991): O(len(s) + len(piece)) comparisons whatever the
// input, constant extra space, no allocation. indexSlow is its obvious
// twin, and FuzzIndexTwoWay compares them.
//
// The search compares bytes. On valid UTF-8 that finds characters: a piece
// that is valid UTF-8 starts with a leading byte, which occurs in valid
// text only where a character starts.
func indexTwoWay(s, piece string, fold bool) int {
	m, n := len(piece), len(s)
	switch {
	case m == 0:
		return 0
	case m > n:
		return -1
	}
	// The critical factorization piece = u·v, with u = piece[:ell+1] and
	// per the period of v.
	i, p := maxSuffix(piece, fold, false)
	j, q := maxSuffix(piece, fold, true)
	ell, per := j, q
	if i > j {
		ell, per = i, p
	}
	if hasPeriod(piece, ell, per, fold) {
		// u is a suffix of v's period: after a match or a failure on the
		// left, the part already compared (memory) need not be read again.
		memory := -1
		for at := 0; at <= n-m; {
			k := max(ell, memory) + 1
			for k < m && foldEq(piece[k], s[at+k], fold) {
				k++
			}
			if k < m {
				at += k - ell
				memory = -1
				continue
			}
			k = ell
			for k > memory && foldEq(piece[k], s[at+k], fold) {
				k--
			}
			if k <= memory {
				return at
			}
			at += per
			memory = m - per - 1
		}
		return -1
	}
	per = max(ell+1, m-ell-1) + 1
	for at := 0; at <= n-m; {
		k := ell + 1
		for k < m && foldEq(piece[k], s[at+k], fold) {
			k++
		}
		if k < m {
			at += k - ell
			continue
		}
		k = ell
		for k >= 0 && foldEq(piece[k], s[at+k], fold) {
			k--
		}
		if k < 0 {
			return at
		}
		at += per
	}
	return -1
}

// maxSuffix returns where the lexicographically greatest suffix of x
// starts, minus one, and that suffix's period; with reverse, under the
// reversed byte order. (Crochemore and Perrin's maximal-suffix
// computation, linear, constant space.)
func maxSuffix(x string, fold, reverse bool) (ms, period int) {
	ms, j, k, period := -1, 0, 1, 1
	for j+k < len(x) {
		a, b := foldByte(x[j+k], fold), foldByte(x[ms+k], fold)
		if reverse {
			a, b = b, a
		}
		switch {
		case a < b:
			j += k
			k = 1
			period = j - ms
		case a == b:
			if k != period {
				k++
			} else {
				j += period
				k = 1
			}
		default:
			ms = j
			j = ms + 1
			k, period = 1, 1
		}
	}
	return ms, period
}

// hasPeriod reports whether x[:ell+1] equals x[per:per+ell+1].
func hasPeriod(x string, ell, per int, fold bool) bool {
	for i := 0; i <= ell; i++ {
		if !foldEq(x[i], x[i+per], fold) {
			return false
		}
	}
	return true
}

func foldByte(c byte, fold bool) byte {
	if fold {
		return ascii.Lower(c)
	}
	return c
}

func foldEq(a, b byte, fold bool) bool {
	if fold {
		return ascii.Lower(a) == ascii.Lower(b)
	}
	return a == b
}

// indexSlow is the obvious twin of indexTwoWay: try every start.
func indexSlow(s, piece string, fold bool) int {
	for at := 0; at+len(piece) <= len(s); at++ {
		if hasPrefix(s[at:], piece, fold) {
			return at
		}
	}
	return -1
}
