package snapshot

import (
	"io/fs"
	"path"
	"sort"
	"strconv"
	"strings"
)

// orgKind is "scp" or "rcp": the folder under organizations/ and the
// PolicySummary.Type describe-policy gives.
type orgKind struct {
	dir, summaryType, label string
}

var (
	scpKind = orgKind{dir: "scp", summaryType: "SERVICE_CONTROL_POLICY", label: "SCP"}
	rcpKind = orgKind{dir: "rcp", summaryType: "RESOURCE_CONTROL_POLICY", label: "RCP"}
)

// readLevels reads organizations/<kind>/<n>-<name>/*.json: one level per
// folder, in ascending n from the root to the account. ok is false when
// the folder does not exist.
func readLevels(fsys fs.FS, k orgKind) ([][]Document, bool, error) {
	base := path.Join("organizations", k.dir)
	entries, err := fs.ReadDir(fsys, base)
	if err != nil {
		if isNotExist(err) {
			return nil, false, nil
		}
		return nil, false, &Error{File: base, Reason: err.Error(), Err: err}
	}
	type level struct {
		n    int
		name string
	}
	var levels []level
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		num, _, ok := strings.Cut(e.Name(), "-")
		n, err := strconv.Atoi(num)
		if !ok || err != nil || n < 0 || num != strconv.Itoa(n) {
			return nil, false, malformed(path.Join(base, e.Name()), "", "a level folder is named <n>-<name>, n counting from 0 at the root to the account")
		}
		levels = append(levels, level{n: n, name: e.Name()})
	}
	sort.Slice(levels, func(i, j int) bool { return levels[i].n < levels[j].n })
	var out [][]Document
	for i, l := range levels {
		dir := path.Join(base, l.name)
		if i > 0 && levels[i-1].n == l.n {
			return nil, false, malformed(dir, "", "two level folders numbered "+strconv.Itoa(l.n)+" (also "+levels[i-1].name+")")
		}
		files, err := jsonFiles(fsys, dir, "*.json")
		if err != nil {
			return nil, false, err
		}
		if len(files) == 0 {
			// Every root, OU and account has at least one policy of each
			// kind attached while the kind is enabled; an empty folder is
			// an incomplete dump, and reading it as "nothing attached"
			// would deny everything (SCP) or nothing (RCP).
			return nil, false, malformed(dir, "", "no *.json policy in this level")
		}
		var docs []Document
		for _, f := range files {
			data, err := readFile(fsys, f)
			if err != nil {
				return nil, false, err
			}
			doc, err := readOrgPolicy(f, data, k)
			if err != nil {
				return nil, false, err
			}
			docs = append(docs, doc)
		}
		out = append(out, docs)
	}
	return out, true, nil
}

// readOrgPolicy reads `aws organizations describe-policy` output or a bare
// policy document.
func readOrgPolicy(file string, data []byte, k orgKind) (Document, error) {
	root, err := jv{file: file, raw: data}.object()
	if err != nil {
		return Document{}, err
	}
	src := k.label + " " + file
	pv, ok := root.get("Policy")
	if !ok {
		doc, err := parseDocument(file, "", string(data))
		return Document{Doc: doc, Source: src, file: file}, err
	}
	po, err := pv.object()
	if err != nil {
		return Document{}, err
	}
	if sv, ok := po.get("PolicySummary"); ok {
		so, err := sv.object()
		if err != nil {
			return Document{}, err
		}
		t, err := so.optString("Type")
		if err != nil {
			return Document{}, err
		}
		if t != "" && t != k.summaryType {
			return Document{}, malformed(file, "Policy.PolicySummary.Type", "a "+t+" in the "+k.dir+" folder, which holds "+k.summaryType+" policies")
		}
		if name, _ := so.optString("Name"); name != "" {
			src = k.label + " " + name + " (" + file + ")"
		}
	}
	cv, ok := po.get("Content")
	if !ok {
		return Document{}, malformed(file, "Policy.Content", "missing")
	}
	text, err := cv.str()
	if err != nil {
		return Document{}, err
	}
	doc, err := parseDocument(file, "Policy.Content", text)
	return Document{Doc: doc, Source: src, file: file, path: "Policy.Content"}, err
}
