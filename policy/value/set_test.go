package value

import (
	"math/rand/v2"
	"strconv"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestSetOf(t *testing.T) {
	ten := mustNumber(t, "10")
	for _, tt := range []struct {
		rel  Relation
		want string
	}{
		{Equal, "[10, 10]"},
		{NotEqual, "(-inf, 10) ∪ (10, +inf)"},
		{Less, "(-inf, 10)"},
		{LessOrEqual, "(-inf, 10]"},
		{Greater, "(10, +inf)"},
		{GreaterOrEqual, "[10, +inf)"},
	} {
		t.Run("x "+tt.rel.String()+" 10 is "+tt.want, func(t *testing.T) {
			s := SetOf(tt.rel, ten)
			require.Equal(t, tt.want, s.String())
			for _, x := range []string{"9", "9.999", "10", "10.001", "11"} {
				v := mustNumber(t, x)
				require.Equal(t, tt.rel.Holds(v.Compare(ten)), s.Contains(v), "%s %s 10", x, tt.rel)
			}
		})
	}
}

func TestSetAlgebra(t *testing.T) {
	n := func(s string) Number { return mustNumber(t, s) }
	t.Run("touching intervals merge", func(t *testing.T) {
		require.Equal(t, "(-inf, +inf)", SetOf(Less, n("1")).Union(SetOf(GreaterOrEqual, n("1"))).String())
	})
	t.Run("two open ends at the same value leave a gap", func(t *testing.T) {
		s := SetOf(Less, n("1")).Union(SetOf(Greater, n("1")))
		require.False(t, s.Contains(n("1")))
		require.Equal(t, SetOf(Equal, n("1")), s.Complement())
	})
	t.Run("an open interval between neighbours is not empty", func(t *testing.T) {
		s := SetOf(Greater, n("1")).Intersect(SetOf(Less, n("1.0001")))
		w, ok := s.Witness()
		require.True(t, ok)
		require.Equal(t, "1.00005", w.String())
	})
	t.Run("x < 1 and x > 1 is empty", func(t *testing.T) {
		s := SetOf(Less, n("1")).Intersect(SetOf(Greater, n("1")))
		require.True(t, s.Empty())
		_, ok := s.Witness()
		require.False(t, ok)
	})
	t.Run("the complement of everything is empty", func(t *testing.T) {
		require.True(t, All[Number]().Complement().Empty())
		require.True(t, Set[Number]{}.Complement().Equal(All[Number]()))
	})
	t.Run("a witness prefers a closed end", func(t *testing.T) {
		w, _ := SetOf(GreaterOrEqual, n("7")).Witness()
		require.Equal(t, "7", w.String())
		w, _ = SetOf(Greater, n("7")).Witness()
		require.Equal(t, "8", w.String())
		w, _ = SetOf(Less, n("7")).Witness()
		require.Equal(t, "6", w.String())
	})
	t.Run("dates form sets too", func(t *testing.T) {
		d := mustDate(t, "2020-01-01T00:00:00Z")
		w, ok := SetOf(Greater, d).Intersect(SetOf(Less, d.Above())).Witness()
		require.True(t, ok)
		require.Equal(t, "2020-01-01T00:00:00.5Z", w.String())
	})
}

// randomSet builds a Set from comparisons with small integers, combined
// at random, and the membership function that defines it, evaluated
// directly; grid points at quarter steps separate every open and closed end.
func randomSet(r *rand.Rand, depth int) (Set[Number], func(Number) bool) {
	if depth == 0 || r.IntN(3) == 0 {
		rel := Relation(1 + r.IntN(6))
		v, _ := ParseNumber(strconv.Itoa(r.IntN(7) - 3))
		return SetOf(rel, v), func(x Number) bool { return rel.Holds(x.Compare(v)) }
	}
	a, fa := randomSet(r, depth-1)
	b, fb := randomSet(r, depth-1)
	switch r.IntN(4) {
	case 0:
		return a.Union(b), func(x Number) bool { return fa(x) || fb(x) }
	case 1:
		return a.Intersect(b), func(x Number) bool { return fa(x) && fb(x) }
	case 2:
		return a.Subtract(b), func(x Number) bool { return fa(x) && !fb(x) }
	}
	return a.Complement(), func(x Number) bool { return !fa(x) }
}

func TestSetAgreesWithItsDefinition(t *testing.T) {
	var grid []Number
	for q := -20; q <= 20; q++ {
		v, err := ParseNumber(strconv.FormatFloat(float64(q)/4, 'f', 2, 64))
		require.NoError(t, err)
		grid = append(grid, v)
	}
	r := rand.New(rand.NewPCG(1, 2))
	for i := 0; i < 2000; i++ {
		s, member := randomSet(r, 4)
		any := false
		for _, x := range grid {
			require.Equal(t, member(x), s.Contains(x), "case %d: %s at %s", i, s, x)
			any = any || member(x)
		}
		require.Equal(t, !any, s.Empty(), "case %d: %s", i, s)
		if w, ok := s.Witness(); ok {
			require.True(t, member(w), "case %d: witness %s of %s", i, w, s)
		}
		require.True(t, SetFrom(s.Intervals()...).Equal(s), "a set is its own normal form")
		require.True(t, s.Complement().Complement().Equal(s), "case %d: double complement of %s", i, s)
	}
}
