package main

import (
	"fmt"
	"sort"
	"strings"

	"github.com/cksiam/cksiam/evaluate"
	"github.com/cksiam/cksiam/internal/cli"
	"github.com/cksiam/cksiam/policy"
)

// input is what the command decides: the policies, where each came from,
// the request without its action, and the actions.
type input struct {
	policies evaluate.Policies
	sources  map[string]source // document path in Policies ("Identity[0]") -> where it came from
	request  evaluate.Request
	actions  []string // sorted, each once
	notes    []string // about the request as a whole, sorted
	expect   string
	json     bool
	options  []evaluate.Option // the readings the flags chose (grants, -loose-documents)
	grantInput
}

// source is where a document came from: the flag and the file.
type source struct {
	Flag string `json:"flag"`
	File string `json:"file"`
}

// String returns "-identity a.json", or "-identity standard input".
func (s source) String() string {
	if s.File == cli.StdinName {
		return s.Flag + " standard input"
	}
	return s.Flag + " " + s.File
}

// readInput reads the policy files and builds the request.
func readInput(o *options, files *cli.Files) (*input, error) {
	in := &input{sources: map[string]source{}, expect: o.expect, json: o.json}
	load := func(path, flag, file string) (*policy.Document, error) {
		data, err := files.Read(flag, file)
		if err != nil {
			return nil, err
		}
		src := source{Flag: flag, File: file}
		d, err := policy.Parse(data)
		if err != nil {
			return nil, cli.Usagef("%s: %v", src, err)
		}
		in.sources[path] = src
		return d, nil
	}
	for i, f := range o.identity {
		d, err := load(fmt.Sprintf("Identity[%d]", i), "-identity", f)
		if err != nil {
			return nil, err
		}
		in.policies.Identity = append(in.policies.Identity, d)
	}
	for _, one := range []struct {
		file, path, flag string
		dst              **policy.Document
	}{
		{o.resourcePolicy, "Resource", "-resource-policy", &in.policies.Resource},
		{o.boundary, "Boundary", "-boundary", &in.policies.Boundary},
		{o.session, "Session", "-session-policy", &in.policies.Session},
	} {
		if one.file == "" {
			continue
		}
		d, err := load(one.path, one.flag, one.file)
		if err != nil {
			return nil, err
		}
		*one.dst = d
	}
	for i, f := range o.scps {
		d, err := load(fmt.Sprintf("SCPs[%d][0]", i), "-scp", f)
		if err != nil {
			return nil, err
		}
		in.policies.SCPs = append(in.policies.SCPs, []*policy.Document{d})
	}
	for i, f := range o.rcps {
		d, err := load(fmt.Sprintf("RCPs[%d][0]", i), "-rcp", f)
		if err != nil {
			return nil, err
		}
		in.policies.RCPs = append(in.policies.RCPs, []*policy.Document{d})
	}
	in.request = evaluate.Request{Principal: o.principal, Resource: o.resource, ResourceAccount: o.resourceAccount}
	for _, kv := range o.context {
		k, v, ok := strings.Cut(kv, "=")
		if !ok || k == "" {
			return nil, cli.Usagef("-context %q: want key=value", kv)
		}
		if in.request.Context == nil {
			in.request.Context = evaluate.Context{}
		}
		in.request.Context[k] = append(in.request.Context[k], v)
	}
	actions, err := checkActions(o.actions, o.newActions)
	if err != nil {
		return nil, err
	}
	in.actions = actions
	in.notes = contextNotes(in.request.Context)
	if err := readGrantInput(o, files, in); err != nil {
		return nil, err
	}
	if o.looseDocuments {
		in.options = append(in.options, evaluate.LooseDocuments())
	}
	sort.Strings(in.notes)
	return in, nil
}
