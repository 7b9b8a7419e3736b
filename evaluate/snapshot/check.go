package snapshot

import (
	"errors"
	"strings"

	"github.com/cksiam/cksiam/evaluate"
	"github.com/cksiam/cksiam/policy"
)

// check compiles every document in the role it plays (identity policy,
// boundary, key policy, SCP, RCP). A document the engine refuses — AWS has
// stored some that break the grammar, such as old managed policy versions
// with spaces in action names — is kept, read with
// evaluate.LooseDocuments (a statement it cannot read denies as a Deny and
// never allows as an Allow), and recorded with its file, JSON path and
// reason, so that every answer over it is reported as incomplete.
func (a *Account) check() error {
	type use struct {
		doc *policy.Document
		t   evaluate.PolicyType
	}
	done := map[use]bool{}
	try := func(d Document, t evaluate.PolicyType) error {
		u := use{d.Doc, t}
		if done[u] {
			return nil
		}
		done[u] = true
		var p evaluate.Policies
		switch t {
		case evaluate.TypeIdentity:
			p.Identity = []*policy.Document{d.Doc}
		case evaluate.TypeBoundary:
			p.Boundary = d.Doc
		case evaluate.TypeResource:
			p.Resource = d.Doc
		case evaluate.TypeSCP:
			p.SCPs = [][]*policy.Document{{d.Doc}}
		case evaluate.TypeRCP:
			p.RCPs = [][]*policy.Document{{d.Doc}}
		}
		cache := evaluate.WithCompileCache(a.shared.compile)
		_, err := evaluate.Compile(p, cache)
		if err == nil {
			return nil
		}
		var ee *evaluate.Error
		if !errors.As(err, &ee) {
			return &Error{File: d.file, Path: d.path, Reason: err.Error(), Err: err}
		}
		if _, err := evaluate.Compile(p, evaluate.LooseDocuments(), cache); err != nil {
			return &Error{File: d.file, Path: d.path, Reason: err.Error(), Err: err}
		}
		// The engine names the element as Identity[0].Statement[1]…:
		// keep what follows the document's own name.
		rest := ""
		if i := strings.Index(ee.Path, "."); i >= 0 {
			rest = ee.Path[i+1:]
		}
		path := d.path
		if rest != "" {
			path = child(path, rest)
		}
		if a.unreadable == nil {
			a.unreadable = map[*policy.Document]Gap{}
		}
		where := d.file
		if path != "" {
			where += ": " + path
		}
		a.unreadable[d.Doc] = Gap{Kind: GapUnreadablePolicy, Subject: d.Source,
			Detail: where + ": " + ee.Reason + "; read fail-closed: what it cannot read never allows and, in a Deny, always applies"}
		return nil
	}
	for _, p := range a.principals {
		for _, d := range p.Identity {
			if err := try(d, evaluate.TypeIdentity); err != nil {
				return err
			}
		}
		if p.Boundary != nil {
			if err := try(*p.Boundary, evaluate.TypeBoundary); err != nil {
				return err
			}
		}
	}
	for _, k := range a.keys {
		if err := try(Document{Doc: k.Policy, file: k.policyFile, path: k.policyPath}, evaluate.TypeResource); err != nil {
			return err
		}
	}
	for _, l := range a.SCPs {
		for _, d := range l {
			if err := try(d, evaluate.TypeSCP); err != nil {
				return err
			}
		}
	}
	for _, l := range a.RCPs {
		for _, d := range l {
			if err := try(d, evaluate.TypeRCP); err != nil {
				return err
			}
		}
	}
	return nil
}
