package managedpolicies

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
)

// EnvDir is the environment variable that names the folder fetch.sh
// filled. Tests that need the corpus skip when it is unset.
const EnvDir = "CKSIAM_MANAGED_POLICIES"

// dataFile is where the package keeps the corpus, relative to the folder
// fetch.sh unpacks it into.
const dataFile = "package/dist/managedPolicies.json"

// Policy is one AWS managed policy with the versions the corpus holds.
type Policy struct {
	// Name is the policy's name, e.g. "AWSSupportServiceRolePolicy".
	Name string
	// ARN is the policy's ARN, e.g. "arn:aws:iam::aws:policy/ReadOnlyAccess";
	// the path, where there is one, is part of it.
	ARN string
	// Versions are the versions the corpus holds, oldest first (v1, v2, …
	// by number). AWS deletes old versions, so numbers may be missing.
	Versions []Version
}

// Version is one version of a managed policy.
type Version struct {
	// ID is the version ID, e.g. "v3".
	ID string
	// Default reports whether this is the policy's default version, the
	// one AWS applies today.
	Default bool
	// Created is when AWS created the version, as the package records it
	// (RFC 3339), or "".
	Created string
	// Document is the policy document's JSON text, without whitespace
	// between tokens (its size is the size IAM reports).
	Document []byte
}

// DefaultVersion returns the version AWS applies today.
func (p Policy) DefaultVersion() (Version, bool) {
	for _, v := range p.Versions {
		if v.Default {
			return v, true
		}
	}
	return Version{}, false
}

// Documents returns the number of versions of all the policies.
func Documents(policies []Policy) int {
	n := 0
	for _, p := range policies {
		n += len(p.Versions)
	}
	return n
}

// Load reads the corpus from dir, the folder fetch.sh unpacked the package
// into (dir/package/dist/managedPolicies.json), or from that JSON file
// itself. Policies are sorted by name.
func Load(dir string) ([]Policy, error) {
	path := dir
	if fi, err := os.Stat(dir); err == nil && fi.IsDir() {
		path = filepath.Join(dir, dataFile)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("managedpolicies: %w (fetch the corpus with internal/managedpolicies/fetch.sh)", err)
	}
	return Decode(data)
}

// file is the package's JSON layout.
type file map[string]struct {
	ARN             string `json:"arn"`
	LatestVersionID string `json:"latestVersionId"`
	Versions        map[string]struct {
		CreatedDate string          `json:"createdDate"`
		Document    json.RawMessage `json:"document"`
	} `json:"versions"`
}

// Decode reads the package's JSON data (what Load reads from the file).
func Decode(data []byte) ([]Policy, error) {
	var f file
	if err := json.Unmarshal(data, &f); err != nil {
		return nil, fmt.Errorf("managedpolicies: %w", err)
	}
	out := make([]Policy, 0, len(f))
	for name, p := range f {
		pol := Policy{Name: name, ARN: p.ARN}
		if p.ARN == "" || len(p.Versions) == 0 {
			return nil, fmt.Errorf("managedpolicies: policy %q has no ARN or no versions", name)
		}
		if _, ok := p.Versions[p.LatestVersionID]; !ok {
			return nil, fmt.Errorf("managedpolicies: policy %q: default version %q is not among its versions", name, p.LatestVersionID)
		}
		for id, v := range p.Versions {
			if _, ok := versionNumber(id); !ok {
				return nil, fmt.Errorf("managedpolicies: policy %q: version ID %q is not v<number>", name, id)
			}
			var doc bytes.Buffer
			if err := json.Compact(&doc, v.Document); err != nil || doc.Len() == 0 || doc.Bytes()[0] != '{' {
				return nil, fmt.Errorf("managedpolicies: policy %q version %s: the document is not a JSON object", name, id)
			}
			pol.Versions = append(pol.Versions, Version{ID: id, Default: id == p.LatestVersionID, Created: v.CreatedDate, Document: doc.Bytes()})
		}
		slices.SortFunc(pol.Versions, func(a, b Version) int {
			x, _ := versionNumber(a.ID)
			y, _ := versionNumber(b.ID)
			return x - y
		})
		out = append(out, pol)
	}
	if len(out) == 0 {
		return nil, errors.New("managedpolicies: the corpus holds no policy")
	}
	slices.SortFunc(out, func(a, b Policy) int { return strings.Compare(a.Name, b.Name) })
	return out, nil
}

// versionNumber reads "v12" as 12.
func versionNumber(id string) (int, bool) {
	n, err := strconv.Atoi(strings.TrimPrefix(id, "v"))
	return n, err == nil && strings.HasPrefix(id, "v") && n > 0
}
