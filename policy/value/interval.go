package value

import "strings"

// Ordered is a totally ordered, dense type of condition values: Number
// and Date. Between gives a value strictly between two different values,
// Above and Below a value beyond one, so every non-empty Interval has a
// witness.
type Ordered[T any] interface {
	comparable
	Compare(T) int // negative, zero or positive as the receiver is below, equal to or above the argument
	Between(T) T
	Above() T
	Below() T
	String() string // the value as a policy would write it
}

// Interval is a convex set of values of an ordered type: each end is
// unbounded, or a value that is included (closed) or not (open). The zero
// Interval is unbounded on both sides, the whole type.
type Interval[T Ordered[T]] struct {
	lo, hi         T
	hasLo, hasHi   bool
	loOpen, hiOpen bool
}

// Everything returns the interval of every value.
func Everything[T Ordered[T]]() Interval[T] { return Interval[T]{} }

// Closed returns [lo, hi].
func Closed[T Ordered[T]](lo, hi T) Interval[T] {
	return Interval[T]{lo: lo, hi: hi, hasLo: true, hasHi: true}
}

// Point returns [v, v].
func Point[T Ordered[T]](v T) Interval[T] { return Closed(v, v) }

// GreaterThan returns (v, +∞).
func GreaterThan[T Ordered[T]](v T) Interval[T] {
	return Interval[T]{lo: v, hasLo: true, loOpen: true}
}

// AtLeast returns [v, +∞).
func AtLeast[T Ordered[T]](v T) Interval[T] { return Interval[T]{lo: v, hasLo: true} }

// LessThan returns (-∞, v).
func LessThan[T Ordered[T]](v T) Interval[T] {
	return Interval[T]{hi: v, hasHi: true, hiOpen: true}
}

// AtMost returns (-∞, v].
func AtMost[T Ordered[T]](v T) Interval[T] { return Interval[T]{hi: v, hasHi: true} }

// Lower returns the lower end: its value, whether it is open (excluded),
// and whether there is one (false: unbounded).
func (i Interval[T]) Lower() (v T, open, bounded bool) { return i.lo, i.loOpen, i.hasLo }

// Upper returns the upper end like Lower.
func (i Interval[T]) Upper() (v T, open, bounded bool) { return i.hi, i.hiOpen, i.hasHi }

// Empty reports whether no value lies in i. Values are dense: (a, b) is
// empty only when b <= a.
func (i Interval[T]) Empty() bool {
	if !i.hasLo || !i.hasHi {
		return false
	}
	c := i.lo.Compare(i.hi)
	return c > 0 || c == 0 && (i.loOpen || i.hiOpen)
}

// Contains reports whether v lies in i.
func (i Interval[T]) Contains(v T) bool {
	if i.hasLo {
		c := v.Compare(i.lo)
		if c < 0 || c == 0 && i.loOpen {
			return false
		}
	}
	if i.hasHi {
		c := v.Compare(i.hi)
		if c > 0 || c == 0 && i.hiOpen {
			return false
		}
	}
	return true
}

// Intersect returns the values in both i and j.
func (i Interval[T]) Intersect(j Interval[T]) Interval[T] {
	out := i
	if compareLower(j, out) > 0 {
		out.lo, out.loOpen, out.hasLo = j.lo, j.loOpen, j.hasLo
	}
	if compareUpper(j, out) < 0 {
		out.hi, out.hiOpen, out.hasHi = j.hi, j.hiOpen, j.hasHi
	}
	return out
}

// Witness returns a value in i, preferring a closed end, then a value
// with few fraction digits; ok is false when i is empty.
func (i Interval[T]) Witness() (v T, ok bool) {
	switch {
	case i.Empty():
		return v, false
	case i.hasLo && !i.loOpen:
		return i.lo, true
	case i.hasHi && !i.hiOpen:
		return i.hi, true
	case i.hasLo && i.hasHi:
		return i.lo.Between(i.hi), true
	case i.hasLo:
		return i.lo.Above(), true
	case i.hasHi:
		return i.hi.Below(), true
	}
	return v, true // the zero value lies in every unbounded interval
}

// String writes i in interval notation: "[1, 2)", "(-inf, 2020-01-01T00:00:00Z]".
func (i Interval[T]) String() string {
	var b strings.Builder
	if i.hasLo && !i.loOpen {
		b.WriteByte('[')
	} else {
		b.WriteByte('(')
	}
	if i.hasLo {
		b.WriteString(i.lo.String())
	} else {
		b.WriteString("-inf")
	}
	b.WriteString(", ")
	if i.hasHi {
		b.WriteString(i.hi.String())
	} else {
		b.WriteString("+inf")
	}
	if i.hasHi && !i.hiOpen {
		b.WriteByte(']')
	} else {
		b.WriteByte(')')
	}
	return b.String()
}

// compareLower orders lower ends: unbounded first, then by value, a closed
// end before an open one at the same value.
func compareLower[T Ordered[T]](i, j Interval[T]) int {
	switch {
	case !i.hasLo && !j.hasLo:
		return 0
	case !i.hasLo:
		return -1
	case !j.hasLo:
		return 1
	}
	if c := i.lo.Compare(j.lo); c != 0 {
		return c
	}
	return boolCompare(i.loOpen, j.loOpen)
}

// compareUpper orders upper ends: by value, an open end before a closed
// one at the same value, unbounded last.
func compareUpper[T Ordered[T]](i, j Interval[T]) int {
	switch {
	case !i.hasHi && !j.hasHi:
		return 0
	case !i.hasHi:
		return 1
	case !j.hasHi:
		return -1
	}
	if c := i.hi.Compare(j.hi); c != 0 {
		return c
	}
	return boolCompare(j.hiOpen, i.hiOpen)
}

// boolCompare orders false before true.
func boolCompare(a, b bool) int {
	switch {
	case a == b:
		return 0
	case a:
		return 1
	}
	return -1
}

// touches reports whether i's upper end meets or passes j's lower end with
// no value between them, so that i ∪ j is one interval (i starts first).
func touches[T Ordered[T]](i, j Interval[T]) bool {
	if !i.hasHi || !j.hasLo {
		return true
	}
	c := i.hi.Compare(j.lo)
	return c > 0 || c == 0 && !(i.hiOpen && j.loOpen)
}
