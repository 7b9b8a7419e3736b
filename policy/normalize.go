package policy

import (
	"cmp"
	"github.com/cksiam/cksiam/internal/ascii"
	"slices"
	"strings"
)

// Normalize returns a copy of d in canonical order, for generated output
// that is deterministic and easy to compare; d itself is not modified.
// Nothing it changes alters what the document allows or denies:
//
//   - Action and NotAction are sorted and de-duplicated case-insensitively,
//     as AWS compares action names (aws-rules A.5); of several spellings of one
//     action the first in the document is kept;
//   - Resource and NotResource, and each principal type's values, are sorted
//     and de-duplicated case-sensitively (aws-rules A.4, A.6);
//   - condition blocks are sorted by operator and the keys of each block by
//     name (ignoring case, then by exact spelling); each key's values are
//     sorted and de-duplicated by text and JSON type. Keys spelt alike but
//     for case stay separate entries, because merging them would turn an
//     AND into an OR;
//   - statement order, Sids, spellings and the written forms (a single
//     string or a list, a single statement object) are kept; a list that
//     de-duplication leaves with one value stays a list. Array is set only
//     where it matters, on a single value (see Strings.Array).
func (d *Document) Normalize() *Document {
	if d == nil {
		return nil
	}
	out := *d
	if d.Statement != nil {
		out.Statement = make([]Statement, len(d.Statement))
		for i := range d.Statement {
			out.Statement[i] = d.Statement[i].normalize()
		}
	}
	return &out
}

func (st Statement) normalize() Statement {
	st.Principal = st.Principal.normalize()
	st.NotPrincipal = st.NotPrincipal.normalize()
	st.Action = st.Action.sortedFold()
	st.NotAction = st.NotAction.sortedFold()
	st.Resource = st.Resource.sorted()
	st.NotResource = st.NotResource.sorted()
	st.Condition = st.Condition.normalize()
	return st
}

func (p *Principal) normalize() *Principal {
	if p == nil {
		return nil
	}
	return &Principal{
		Wildcard:      p.Wildcard,
		AWS:           p.AWS.sorted(),
		Service:       p.Service.sorted(),
		Federated:     p.Federated.sorted(),
		CanonicalUser: p.CanonicalUser.sorted(),
	}
}

// sorted returns a copy sorted and de-duplicated case-sensitively.
func (s Strings) sorted() Strings {
	if s.Values == nil {
		return s
	}
	list := s.Array || len(s.Values) > 1
	v := slices.Clone(s.Values)
	slices.Sort(v)
	s.Values = slices.Compact(v)
	s.Array = listForm(len(s.Values), list)
	return s
}

// sortedFold returns a copy sorted and de-duplicated ignoring ASCII case,
// keeping the first spelling of each name.
func (s Strings) sortedFold() Strings {
	if s.Values == nil {
		return s
	}
	list := s.Array || len(s.Values) > 1
	v := slices.Clone(s.Values)
	slices.SortStableFunc(v, ascii.CompareFold)
	s.Values = slices.CompactFunc(v, ascii.EqualFold)
	s.Array = listForm(len(s.Values), list)
	return s
}

// compareFoldThenExact orders ignoring case, then by exact spelling, so
// that the order is total and deterministic.
func compareFoldThenExact(a, b string) int {
	if c := ascii.CompareFold(a, b); c != 0 {
		return c
	}
	return strings.Compare(a, b)
}

func (c Condition) normalize() Condition {
	if c == nil {
		return nil
	}
	out := make(Condition, len(c))
	for i, b := range c {
		entries := make([]ConditionEntry, len(b.Entries))
		for j, e := range b.Entries {
			list := e.Array || len(e.Values) > 1
			e.Values = normalizeValues(e.Values)
			e.Array = listForm(len(e.Values), list)
			entries[j] = e
		}
		slices.SortStableFunc(entries, func(x, y ConditionEntry) int { return compareFoldThenExact(x.Key, y.Key) })
		if b.Entries == nil {
			entries = nil
		}
		out[i] = ConditionBlock{Operator: b.Operator, Entries: entries}
	}
	slices.SortStableFunc(out, func(x, y ConditionBlock) int { return compareFoldThenExact(x.Operator, y.Operator) })
	return out
}

func normalizeValues(vs []Value) []Value {
	if vs == nil {
		return nil
	}
	v := slices.Clone(vs)
	slices.SortFunc(v, func(x, y Value) int {
		if c := strings.Compare(x.Text, y.Text); c != 0 {
			return c
		}
		return cmp.Compare(x.Kind, y.Kind)
	})
	return slices.Compact(v)
}
