package catalog

import "github.com/cksiam/cksiam/internal/ascii"

// Service is one AWS service: its actions, resource types and condition
// keys.
type Service struct {
	// Prefix is the service prefix policies use, e.g. "kms".
	Prefix string
	// Name is the service's full name, e.g. "AWS Key Management Service".
	Name string
	// Actions are the service's actions, sorted by name (byte order).
	Actions []*Action
	// ResourceTypes are the service's resource types, sorted by name
	// ignoring case.
	ResourceTypes []*ResourceType
	// ConditionKeys are the keys the service defines, sorted by name
	// ignoring case. They include the global keys the service's actions
	// list, such as aws:ResourceTag/${TagKey}.
	ConditionKeys []*ConditionKey

	catalog *Catalog
}

// Action returns the service's action called name (without the prefix),
// ignoring case.
func (s *Service) Action(name string) (*Action, bool) {
	var buf [128]byte
	key := append(append(append(buf[:0], s.Prefix...), ':'), name...)
	for i, c := range key {
		key[i] = ascii.Lower(c)
	}
	a, ok := s.catalog.actionByLower[string(key)]
	return a, ok
}

// ActionsAt returns the service's actions at access level l, sorted by
// name.
func (s *Service) ActionsAt(l AccessLevel) []*Action {
	var out []*Action
	for _, a := range s.Actions {
		if a.Level == l {
			out = append(out, a)
		}
	}
	return out
}

// ResourceType returns the service's resource type called name, ignoring
// case.
func (s *Service) ResourceType(name string) (*ResourceType, bool) {
	for _, t := range s.ResourceTypes {
		if ascii.EqualFold(t.Name, name) {
			return t, true
		}
	}
	return nil, false
}

// ResourceTypesOf returns the service's resource types whose ARN format
// arn, a concrete ARN, matches (see ResourceType.Matches).
func (s *Service) ResourceTypesOf(arn string) []*ResourceType {
	var out []*ResourceType
	for _, t := range s.ResourceTypes {
		if t.Matches(arn) {
			out = append(out, t)
		}
	}
	return out
}

// ConditionKey returns the key the service defines that name is, ignoring
// case and filling templates: "kms:EncryptionContext:Department" finds
// kms:EncryptionContext:${EncryptionContextKey}.
func (s *Service) ConditionKey(name string) (*ConditionKey, bool) {
	for _, k := range s.ConditionKeys {
		if !k.template && ascii.EqualFold(k.Name, name) {
			return k, true
		}
	}
	for _, k := range s.ConditionKeys {
		if k.template && k.Matches(name) {
			return k, true
		}
	}
	return nil, false
}

// String returns the prefix.
func (s *Service) String() string { return s.Prefix }
