package catalog

import (
	"github.com/cksiam/cksiam/internal/ascii"
	"strings"

	"github.com/cksiam/cksiam/internal/glob"
)

// Expand returns every action the Action pattern matches, sorted by full
// name (byte order): "*" is every action, "kms:*" every KMS action,
// "kms:Get*", "kms:*Key*" and "kms:?ecrypt" what they match. Matching is
// the evaluator's: internal/glob over "prefix:Name", ignoring case, '*' any
// run of characters and '?' exactly one (aws-rules A.5, aws-rules I). A name
// without wildcards returns that action alone, or nothing.
func (c *Catalog) Expand(pattern string) []*Action {
	c = c.orEmpty()
	// Matching the lower-cased pattern case-sensitively against lower-cased
	// names is matching ignoring ASCII case, and lets the matcher use its
	// fast substring search.
	p := glob.Compile(ascii.ToLower(pattern), false)
	if p.MatchesAll() {
		return append([]*Action(nil), c.actions...)
	}
	if p.IsLiteral() {
		if a, ok := c.Action(pattern); ok {
			return []*Action{a}
		}
		return nil
	}
	// With a literal service prefix only that service can match.
	if prefix, _, ok := strings.Cut(pattern, ":"); ok && !hasWildcard(prefix) {
		s, ok := c.Service(prefix)
		if !ok {
			return nil
		}
		var out []*Action
		for _, a := range s.Actions {
			if p.Match(a.lowerFull) {
				out = append(out, a)
			}
		}
		return out
	}
	var out []*Action
	for _, a := range c.actions {
		if p.Match(a.lowerFull) {
			out = append(out, a)
		}
	}
	return out
}
