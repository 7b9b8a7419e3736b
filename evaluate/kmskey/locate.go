package kmskey

import (
	"strconv"
	"strings"
)

// Location is where an element of a grant is in the file its grants were
// read from.
type Location struct {
	// Page is the 1-based number of the JSON value it is in (the pages
	// of a listing), as in Error.
	Page int
	// Path is its JSON path within that value, spelled as the file spells
	// it: "Grants[3].Operations[1]" in list-grants output,
	// "grants[3].operations[1]" in a key configuration.
	Path string
	// Offset is the byte offset of its first character in the file.
	Offset int
}

// Locate finds an element of the i-th grant that ReadGrants or
// ReadKeyConfiguration read from data: field is a path within the grant
// in evaluate.Grant's terms ("", "Operations[1]",
// "Constraints.EncryptionContextEquals"), as in the paths of
// evaluate.Compile's errors, the engine's diagnostics and CheckGrants's
// findings ("Grants[3].Operations[1]"). When the file lacks the element
// (a member left out), Locate returns the nearest enclosing one it has,
// and exact is false; ok is false when data holds no grant i.
func Locate(data []byte, i int, field string) (loc Location, exact, ok bool) {
	vals, err := parseValues(data)
	if err != nil || i < 0 {
		return Location{}, false, false
	}
	g, camel := nthGrant(vals, i)
	if g == nil {
		return Location{}, false, false
	}
	n, exact := g.follow(field, camel)
	return Location{Page: n.page, Path: n.path, Offset: n.off}, exact, true
}

// SplitGrantPath splits a path of evaluate's terms, "Grants[3].Operations[1]",
// into the grant's index and the path within it; ok is false for other
// paths.
func SplitGrantPath(path string) (i int, field string, ok bool) {
	rest, found := strings.CutPrefix(path, "Grants[")
	if !found {
		return 0, "", false
	}
	end := strings.IndexByte(rest, ']')
	if end <= 0 {
		return 0, "", false
	}
	i, err := strconv.Atoi(rest[:end])
	if err != nil || i < 0 {
		return 0, "", false
	}
	field = rest[end+1:]
	if field != "" && field[0] != '.' {
		return 0, "", false
	}
	return i, strings.TrimPrefix(field, "."), true
}

// nthGrant returns the node of the i-th distinct grant, counting as the
// readers do (a grant repeated on a later page counts once), and whether
// the file spells members in camel case (a key configuration).
func nthGrant(vals []*node, i int) (*node, bool) {
	if len(vals) == 1 && vals[0].kind == '{' && (vals[0].get("Grants") == nil) {
		cfg := vals[0]
		if isConfigurationsMap(cfg) && len(cfg.vals) == 1 && cfg.vals[0].kind == '{' {
			if k := cfg.vals[0].get("kmsKey"); k != nil {
				cfg = k
			}
		}
		if list := cfg.get("grants"); list != nil && list.kind == '[' && i < len(list.elems) {
			return list.elems[i], true
		}
		return nil, true
	}
	seen := map[string]bool{}
	n := 0
	for _, page := range vals {
		list := page.elems
		if page.kind == '{' {
			g := page.get("Grants")
			if g == nil {
				continue
			}
			list = g.elems
		}
		for _, e := range list {
			if e.kind == '{' {
				if id := e.get("GrantId"); id != nil && id.kind == '"' {
					if seen[id.str] {
						continue
					}
					seen[id.str] = true
				}
			}
			if n == i {
				return e, false
			}
			n++
		}
	}
	return nil, false
}

// follow walks a field path of evaluate.Grant's member names down from n,
// spelling each member with a lower-case first letter in camel-case
// files, and stops at the last element the file has.
func (n *node) follow(field string, camel bool) (*node, bool) {
	for field != "" {
		var step string
		if field[0] == '[' {
			end := strings.IndexByte(field, ']')
			if end < 0 {
				return n, false
			}
			j, err := strconv.Atoi(field[1:end])
			if err != nil || n.kind != '[' || j < 0 || j >= len(n.elems) {
				return n, false
			}
			n, field = n.elems[j], field[end+1:]
			continue
		}
		field = strings.TrimPrefix(field, ".")
		end := strings.IndexAny(field, ".[")
		if end < 0 {
			end = len(field)
		}
		step, field = field[:end], field[end:]
		if camel && step != "" {
			step = strings.ToLower(step[:1]) + step[1:]
		}
		next := n.get(step)
		if next == nil {
			return n, false
		}
		n = next
	}
	return n, true
}
