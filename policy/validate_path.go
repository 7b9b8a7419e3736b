package policy

import "strconv"

// Finding paths are kept in parts while the checks run and written out
// only when a finding is made: most checks find nothing, and building
// every path up front was most of what Validate allocated.

// statementPath returns "Statement[i]".
func statementPath(i int) string { return pathStatement + "[" + strconv.Itoa(i) + "]" }

// indexPath returns "base[j]".
func indexPath(base string, j int) string { return base + "[" + strconv.Itoa(j) + "]" }

// elemPath is the path of an element of statement stmt:
// "Statement[stmt].name", or "Statement[stmt].name.sub" when sub is set
// (a principal type under Principal or NotPrincipal).
type elemPath struct {
	stmt int
	name string
	sub  string
}

// String writes the path out.
func (p elemPath) String() string {
	s := statementPath(p.stmt) + "." + p.name
	if p.sub != "" {
		s += "." + p.sub
	}
	return s
}

// at returns the path of value j of the element, "….name[j]".
func (p elemPath) at(j int) string { return indexPath(p.String(), j) }

// typed returns the path of principal type typ under the element.
func (p elemPath) typed(typ string) elemPath { return elemPath{stmt: p.stmt, name: p.name, sub: typ} }

// condPath is the path of a condition operator of statement stmt,
// "Statement[stmt].Condition.op", of one of its keys, "….op.key", or of
// one value of a key, "….op.key[idx]".
type condPath struct {
	stmt   int
	op     string
	key    string
	hasKey bool
	idx    int // -1: no value index
}

// String writes the path out.
func (p condPath) String() string {
	s := statementPath(p.stmt) + ".Condition." + p.op
	if p.hasKey {
		s += "." + p.key
	}
	if p.idx >= 0 {
		s = indexPath(s, p.idx)
	}
	return s
}

// opPath returns the path of operator op of statement i.
func opPath(i int, op string) condPath { return condPath{stmt: i, op: op, idx: -1} }

// withKey returns the path of key under the operator.
func (p condPath) withKey(key string) condPath {
	p.key, p.hasKey, p.idx = key, true, -1
	return p
}

// at returns the path of value k of the key.
func (p condPath) at(k int) condPath {
	p.idx = k
	return p
}
