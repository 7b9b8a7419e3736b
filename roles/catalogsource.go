package roles

import (
	"strings"

	"github.com/cksiam/cksiam/policy/catalog"
)

// catalogSource answers the verification matrix's questions from the
// embedded action catalog.
type catalogSource struct{ c *catalog.Catalog }

// defaultSource is the full catalog.
func defaultSource() actionSource { return catalogSource{catalog.Default()} }

// ServiceActions returns every action of service, as AWS spells them.
func (s catalogSource) ServiceActions(service string) []string {
	svc, ok := s.c.Service(service)
	if !ok {
		return nil
	}
	out := make([]string, len(svc.Actions))
	for i, a := range svc.Actions {
		out[i] = a.FullName()
	}
	return out
}

// Expand returns the catalog actions pattern matches. A name without
// wildcards that the catalog does not know is returned as written, so the
// matrix still tests it rather than dropping it.
func (s catalogSource) Expand(pattern string) []string {
	acts := s.c.Expand(pattern)
	if len(acts) == 0 && !strings.ContainsAny(pattern, "*?") {
		return []string{pattern}
	}
	out := make([]string, len(acts))
	for i, a := range acts {
		out[i] = a.FullName()
	}
	return out
}

// Formats returns the ARN formats the action accepts; nil for "*".
func (s catalogSource) Formats(action string) []string { return resourceFormats(action) }
