package roles

import "strings"

// Names returns the names of the roles All returns, in order (a new
// slice on every call).
func Names() []string { return clone(roleNames) }

var roleNames = []string{
	"KeyStoreManager", "ExternalKeyStoreManager", "ClusterAdmin", "ClusterPowerUser",
	"ClusterReadOnly", "KeyManager", "KeyUser", "ServiceLinkedRole", "DefaultKeyPolicy",
}

var constructors = map[string]func(Options) (*Role, error){
	"KeyStoreManager":         KeyStoreManager,
	"ExternalKeyStoreManager": ExternalKeyStoreManager,
	"ClusterAdmin":            ClusterAdmin,
	"ClusterPowerUser":        ClusterPowerUser,
	"ClusterReadOnly":         ClusterReadOnly,
	"KeyManager":              KeyManager,
	"KeyUser":                 KeyUser,
	"ServiceLinkedRole":       ServiceLinkedRole,
	"DefaultKeyPolicy":        DefaultKeyPolicy,
	"ConsoleKeyPolicy":        ConsoleKeyPolicy,
}

// All returns every principal the guide page names, in the order of Names, built
// for o.
func All(o Options) ([]*Role, error) {
	out := make([]*Role, 0, len(roleNames))
	for _, n := range roleNames {
		r, err := constructors[n](o)
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, nil
}

// ByName returns the role called name (one of Names, or
// "ConsoleKeyPolicy") built for o. An unknown name is an *OptionError.
func ByName(name string, o Options) (*Role, error) {
	c, ok := constructors[name]
	if !ok {
		return nil, &OptionError{Field: "role", Value: name, Reason: "unknown role; want one of " + strings.Join(roleNames, ", ") + " or ConsoleKeyPolicy"}
	}
	return c(o)
}
