package kmskey

import "github.com/cksiam/cksiam/evaluate"

// GrantsFile is a key's grants read from a file in either format the
// package reads: `aws kms list-grants` output or Access Analyzer's key
// configuration.
type GrantsFile struct {
	// Grants are the grants as evaluate takes them, in file order (see
	// Locate).
	Grants []evaluate.Grant
	// Configuration is the whole key configuration when the file is one;
	// nil for list-grants output.
	Configuration *KeyConfiguration
}

// ReadGrantsFile reads a file of grants, telling the formats apart by
// their members: a list, or an object with a Grants member, is
// list-grants output (ReadGrants); an object with keyPolicies or grants,
// or named by resource ARNs, is a key configuration
// (ReadKeyConfiguration). Errors are those readers' errors.
func ReadGrantsFile(data []byte) (*GrantsFile, error) {
	vals, err := parseValues(data)
	if err != nil {
		return nil, err
	}
	if v := vals[0]; len(vals) == 1 && v.kind == '{' && v.get("Grants") == nil &&
		(v.get("grants") != nil || v.get("keyPolicies") != nil || isConfigurationsMap(v)) {
		cfg, err := ReadKeyConfiguration(data)
		if err != nil {
			return nil, err
		}
		return &GrantsFile{Grants: cfg.Grants, Configuration: cfg}, nil
	}
	entries, err := ReadGrants(data)
	if err != nil {
		return nil, err
	}
	return &GrantsFile{Grants: Grants(entries)}, nil
}
