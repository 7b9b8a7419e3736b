package value

import (
	"slices"
	"strings"
)

// Set is a finite union of intervals of an ordered type, kept sorted,
// disjoint and merged, so two Sets are equal exactly when they hold the
// same values. The zero Set is empty. It is the algebra a prover needs for
// Numeric and Date conditions: SetOf turns one comparison into a Set, and
// Union, Intersect and Complement combine them.
type Set[T Ordered[T]] struct {
	iv []Interval[T]
}

// SetOf returns the values x for which "x rel v" holds: SetOf(Less, 10) is
// (-∞, 10), SetOf(NotEqual, 10) is (-∞, 10) ∪ (10, +∞).
func SetOf[T Ordered[T]](rel Relation, v T) Set[T] {
	switch rel {
	case Equal:
		return SetFrom(Point(v))
	case NotEqual:
		return SetFrom(LessThan(v), GreaterThan(v))
	case Less:
		return SetFrom(LessThan(v))
	case LessOrEqual:
		return SetFrom(AtMost(v))
	case Greater:
		return SetFrom(GreaterThan(v))
	case GreaterOrEqual:
		return SetFrom(AtLeast(v))
	}
	return Set[T]{}
}

// SetFrom returns the union of intervals.
func SetFrom[T Ordered[T]](intervals ...Interval[T]) Set[T] {
	iv := make([]Interval[T], 0, len(intervals))
	var zero T
	for _, i := range intervals {
		if i.Empty() {
			continue
		}
		// An unbounded end carries no value, so == on Intervals is
		// equality of sets.
		if !i.hasLo {
			i.lo, i.loOpen = zero, false
		}
		if !i.hasHi {
			i.hi, i.hiOpen = zero, false
		}
		iv = append(iv, i)
	}
	slices.SortFunc(iv, compareLower)
	out := iv[:0]
	for _, i := range iv {
		if n := len(out); n > 0 && touches(out[n-1], i) {
			if compareUpper(i, out[n-1]) > 0 {
				out[n-1].hi, out[n-1].hiOpen, out[n-1].hasHi = i.hi, i.hiOpen, i.hasHi
			}
			continue
		}
		out = append(out, i)
	}
	return Set[T]{iv: out}
}

// All returns the set of every value.
func All[T Ordered[T]]() Set[T] { return SetFrom(Everything[T]()) }

// Intervals returns the set's intervals in increasing order.
func (s Set[T]) Intervals() []Interval[T] { return slices.Clone(s.iv) }

// Empty reports whether s holds no value.
func (s Set[T]) Empty() bool { return len(s.iv) == 0 }

// Contains reports whether v is in s.
func (s Set[T]) Contains(v T) bool {
	for _, i := range s.iv {
		if i.Contains(v) {
			return true
		}
	}
	return false
}

// Union returns the values in s or t.
func (s Set[T]) Union(t Set[T]) Set[T] {
	return SetFrom(append(slices.Clone(s.iv), t.iv...)...)
}

// Intersect returns the values in both s and t.
func (s Set[T]) Intersect(t Set[T]) Set[T] {
	var out []Interval[T]
	for _, i := range s.iv {
		for _, j := range t.iv {
			if k := i.Intersect(j); !k.Empty() {
				out = append(out, k)
			}
		}
	}
	return SetFrom(out...)
}

// Complement returns the values not in s.
func (s Set[T]) Complement() Set[T] {
	var out []Interval[T]
	cur := Everything[T]() // the gap being built: from its lower end onwards
	for _, i := range s.iv {
		if i.hasLo {
			gap := cur
			gap.hi, gap.hasHi, gap.hiOpen = i.lo, true, !i.loOpen
			out = append(out, gap)
		}
		if !i.hasHi {
			return SetFrom(out...)
		}
		cur = Interval[T]{lo: i.hi, hasLo: true, loOpen: !i.hiOpen}
	}
	return SetFrom(append(out, cur)...)
}

// Subtract returns the values in s and not in t.
func (s Set[T]) Subtract(t Set[T]) Set[T] { return s.Intersect(t.Complement()) }

// Equal reports whether s and t hold the same values.
func (s Set[T]) Equal(t Set[T]) bool { return slices.Equal(s.iv, t.iv) }

// Witness returns a value in s (see Interval.Witness); ok is false when s
// is empty.
func (s Set[T]) Witness() (v T, ok bool) {
	if len(s.iv) == 0 {
		return v, false
	}
	return s.iv[0].Witness()
}

// String writes s as intervals joined by " ∪ ", or "∅".
func (s Set[T]) String() string {
	if len(s.iv) == 0 {
		return "∅"
	}
	parts := make([]string, len(s.iv))
	for k, i := range s.iv {
		parts[k] = i.String()
	}
	return strings.Join(parts, " ∪ ")
}
