package catalog

import "fmt"

// AccessLevel is the Service Authorization Reference's classification of
// what an action does.
type AccessLevel uint8

// The access levels.
const (
	List AccessLevel = iota + 1
	Read
	Write
	PermissionsManagement
	Tagging
)

// String returns the level as AWS spells it: "List", "Read", "Write",
// "Permissions management" or "Tagging".
func (l AccessLevel) String() string {
	switch l {
	case List:
		return "List"
	case Read:
		return "Read"
	case Write:
		return "Write"
	case PermissionsManagement:
		return "Permissions management"
	case Tagging:
		return "Tagging"
	}
	return fmt.Sprintf("AccessLevel(%d)", uint8(l))
}

func levelFromLetter(c byte) AccessLevel {
	switch c {
	case 'L':
		return List
	case 'R':
		return Read
	case 'W':
		return Write
	case 'P':
		return PermissionsManagement
	case 'T':
		return Tagging
	}
	return 0
}

// Action is one IAM action, such as kms:Decrypt.
type Action struct {
	// Service is the service the action belongs to.
	Service *Service
	// Name is the action's name without the service prefix, as AWS
	// spells it: "Decrypt".
	Name string
	// Level is the action's access level.
	Level AccessLevel
	// Resources are the resource types the action can be scoped to, in
	// case-insensitive order of their names. None means the action is
	// wildcard-only: it accepts only "Resource": "*".
	Resources []ResourceRef
	// ConditionKeys are the keys the action lists for itself (the
	// Service Authorization Reference's action row without a resource
	// type), in case-insensitive order. The keys of its resource types are
	// in Resources.
	ConditionKeys []*ConditionKey

	full      string // "kms:Decrypt"
	lowerFull string // "kms:decrypt"
}

// ResourceRef is a resource type as one action uses it.
type ResourceRef struct {
	// Type is the resource type.
	Type *ResourceType
	// Required reports that a request for the action always names a
	// resource of this type (marked '*' in the Service Authorization
	// Reference).
	Required bool
	// ConditionKeys are the keys the action lists for this resource type.
	ConditionKeys []*ConditionKey
}

// FullName returns the action as a policy names it: "kms:Decrypt".
func (a *Action) FullName() string { return a.full }

// String returns the full name.
func (a *Action) String() string { return a.full }

// WildcardOnly reports whether the action has no resource type, so that
// only "Resource": "*" grants it (aws-rules E.1: CreateKey, ListKeys and the
// custom key store actions).
func (a *Action) WildcardOnly() bool { return len(a.Resources) == 0 }

// ARNFormats returns the ARN formats of the action's resource types, in
// the order of Resources; required only limits them to required types.
func (a *Action) ARNFormats(required bool) []string {
	var out []string
	for _, r := range a.Resources {
		if !required || r.Required {
			out = append(out, r.Type.ARN)
		}
	}
	return out
}

// SupportsConditionKey reports whether the action lists key name, directly,
// for one of its resource types, or through a resource type's own keys.
// Name compares ignoring case and matches templates
// ("kms:EncryptionContext:Department"). Global keys not listed by the
// service (aws:SourceIp…) are not reported here: every action accepts them.
func (a *Action) SupportsConditionKey(name string) bool {
	for _, k := range a.ConditionKeys {
		if k.Matches(name) {
			return true
		}
	}
	for _, r := range a.Resources {
		for _, k := range r.ConditionKeys {
			if k.Matches(name) {
				return true
			}
		}
		for _, k := range r.Type.ConditionKeys {
			if k.Matches(name) {
				return true
			}
		}
	}
	return false
}

// MayApplyTo reports whether a policy Resource value (an ARN, an ARN
// pattern or "*") may name a resource the action takes: "*" always does;
// otherwise one of the action's resource types must overlap it (see
// ResourceType.Overlaps). A wildcard-only action applies to no ARN.
func (a *Action) MayApplyTo(resource string) bool {
	if resource == "*" {
		return true
	}
	p := compileResourcePattern(resource)
	for _, r := range a.Resources {
		if r.Type.overlaps(&p) {
			return true
		}
	}
	return false
}
