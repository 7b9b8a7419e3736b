package roles

import (
	"strings"
	"sync"

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

// serviceAction is an action of a service with what the matrix asks of
// it, worked out once.
type serviceAction struct {
	name    string   // as AWS spells it
	lower   string   // name lower-cased
	formats []string // Formats(name)
	// scope numbers the action's formats: actions of the same formats
	// have the same number, and the same sample resource.
	scope int
}

// scopes numbers the distinct format lists of the tables actions makes.
var scopes struct {
	sync.Mutex
	ids map[string]int
}

// scopeOf returns the number of the format list f.
func scopeOf(f []string) int {
	k := strings.Join(f, "\n")
	scopes.Lock()
	defer scopes.Unlock()
	id, ok := scopes.ids[k]
	if !ok {
		if scopes.ids == nil {
			scopes.ids = map[string]int{}
		}
		id = len(scopes.ids)
		scopes.ids[k] = id
	}
	return id
}

// serviceActionsOf holds, by catalog and lower-cased service prefix, the
// []serviceAction actions returns: the catalog never changes, and every
// role's matrix walks the same services' actions.
var serviceActionsOf sync.Map

type serviceKey struct {
	c       *catalog.Catalog
	service string
}

// actions returns ServiceActions(service) with each action's lower-cased
// name and formats, made once and shared: callers must not change it.
func (s catalogSource) actions(service string) []serviceAction {
	k := serviceKey{s.c, strings.ToLower(service)}
	if v, ok := serviceActionsOf.Load(k); ok {
		return v.([]serviceAction)
	}
	names := s.ServiceActions(service)
	out := make([]serviceAction, len(names))
	for i, n := range names {
		f := s.Formats(n)
		out[i] = serviceAction{name: n, lower: strings.ToLower(n), formats: f, scope: scopeOf(f)}
	}
	v, _ := serviceActionsOf.LoadOrStore(k, out)
	return v.([]serviceAction)
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
