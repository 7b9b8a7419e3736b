package policy

import (
	"cmp"
	"math"
	"slices"
	"strconv"
	"strings"
)

// sortFindings sorts findings by path in document order, then severity
// (most serious first), then code, then message, and removes duplicates.
// Paths are placed by looking them up in doc, so that Statement[10] comes
// after Statement[9] and condition operators keep their written order.
func sortFindings(doc *Document, findings []Finding) []Finding {
	if len(findings) == 0 {
		return nil
	}
	keyed := make([]keyedFinding, len(findings))
	for i, f := range findings {
		keyed[i] = keyedFinding{f: f, key: pathKey(doc, f.Path)}
	}
	slices.SortFunc(keyed, func(a, b keyedFinding) int {
		if c := slices.Compare(a.key, b.key); c != 0 {
			return c
		}
		return cmp.Or(
			strings.Compare(a.f.Path, b.f.Path),
			cmp.Compare(a.f.Severity, b.f.Severity),
			strings.Compare(a.f.Code, b.f.Code),
			strings.Compare(a.f.Message, b.f.Message),
		)
	})
	out := make([]Finding, 0, len(keyed))
	for i, k := range keyed {
		if i > 0 && k.f == keyed[i-1].f {
			continue
		}
		out = append(out, k.f)
	}
	return out
}

type keyedFinding struct {
	f   Finding
	key []int
}

// unplaced sorts a path component that is not in the document after every
// component that is.
const unplaced = math.MaxInt

// Ranks of the elements in AWS's conventional order.
var (
	topRank       = map[string]int{pathVersion: 0, pathID: 1, pathStatement: 2}
	statementRank = map[string]int{
		"Sid": 0, "Effect": 1, "Principal": 2, "NotPrincipal": 3, "Action": 4,
		"NotAction": 5, "Resource": 6, "NotResource": 7, "Condition": 8,
	}
	principalRank = map[string]int{
		PrincipalAWS: 0, PrincipalService: 1, PrincipalFederated: 2, PrincipalCanonicalUser: 3,
	}
)

// pathKey turns a finding path into a vector that orders paths as their
// elements appear in doc. A path component that cannot be placed gets
// unplaced and ends the vector.
func pathKey(doc *Document, path string) []int {
	if path == "" {
		return nil
	}
	name, rest := splitName(path)
	top, ok := topRank[name]
	if !ok {
		return []int{unplaced}
	}
	key := []int{top}
	if name != pathStatement {
		if rest != "" {
			key = append(key, unplaced)
		}
		return key
	}
	i, rest, ok := splitIndex(rest)
	if !ok {
		if rest != "" {
			key = append(key, unplaced)
		}
		return key
	}
	key = append(key, i)
	if rest == "" {
		return key
	}
	if rest[0] != '.' {
		return append(key, unplaced)
	}
	elem, rest := splitName(rest[1:])
	r, ok := statementRank[elem]
	if !ok {
		return append(key, unplaced)
	}
	key = append(key, r)
	if rest == "" {
		return key
	}
	var st *Statement
	if doc != nil && i < len(doc.Statement) {
		st = &doc.Statement[i]
	}
	switch elem {
	case "Principal", "NotPrincipal":
		if rest[0] != '.' {
			return append(key, unplaced)
		}
		typ, rest := splitName(rest[1:])
		r, ok := principalRank[typ]
		if !ok {
			return append(key, unplaced)
		}
		return appendIndex(append(key, r), rest)
	case "Condition":
		if rest[0] != '.' || st == nil {
			return append(key, unplaced)
		}
		return conditionKey(key, st.Condition, rest[1:])
	}
	return appendIndex(key, rest)
}

// conditionKey places "Operator.Key[k]" within cond.
func conditionKey(key []int, cond Condition, rest string) []int {
	op, keyPart, hasKey := strings.Cut(rest, ".")
	for bi, b := range cond {
		if b.Operator != op {
			continue
		}
		key = append(key, bi)
		if !hasKey {
			return key
		}
		for ei, e := range b.Entries {
			if e.Key == keyPart {
				return append(key, ei)
			}
		}
		// "Key[k]": strip the value index and look again.
		if open := strings.LastIndexByte(keyPart, '['); open >= 0 {
			if k, tail, ok := splitIndex(keyPart[open:]); ok && tail == "" {
				for ei, e := range b.Entries {
					if e.Key == keyPart[:open] {
						return append(key, ei, k)
					}
				}
			}
		}
		return append(key, unplaced)
	}
	return append(key, unplaced)
}

// appendIndex appends the index of a trailing "[j]" in rest.
func appendIndex(key []int, rest string) []int {
	if rest == "" {
		return key
	}
	j, tail, ok := splitIndex(rest)
	if !ok || tail != "" {
		return append(key, unplaced)
	}
	return append(key, j)
}

// splitName splits "Name.rest" or "Name[3]rest" after the name.
func splitName(s string) (name, rest string) {
	i := strings.IndexAny(s, ".[")
	if i < 0 {
		return s, ""
	}
	return s[:i], s[i:]
}

// splitIndex reads a leading "[n]".
func splitIndex(s string) (int, string, bool) {
	if len(s) < 3 || s[0] != '[' {
		return 0, s, false
	}
	end := strings.IndexByte(s, ']')
	if end < 0 {
		return 0, s, false
	}
	n, err := strconv.Atoi(s[1:end])
	if err != nil || n < 0 {
		return 0, s, false
	}
	return n, s[end+1:], true
}
