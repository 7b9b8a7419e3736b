package kmskey

import (
	"maps"
	"reflect"
	"strconv"

	"github.com/aws/aws-sdk-go-v2/service/kms/types"

	"github.com/cksiam/cksiam/evaluate"
)

// ReadGrants reads `aws kms list-grants` output: a page
// ({"Grants": [...], "Truncated": false}), a bare list of grant entries,
// or several of them one after another (pages fetched with
// --starting-token). A grant listed on two pages counts once; two
// different grants with one GrantId, or a last page that says Truncated,
// are errors.
func ReadGrants(data []byte) ([]types.GrantListEntry, error) {
	pages, err := parseValues(data)
	if err != nil {
		return nil, err
	}
	var out []types.GrantListEntry
	seen := map[string]int{}
	for i, page := range pages {
		list := page.elems
		if page.kind != '[' {
			if err := page.object(`list-grants output {"Grants": [...]} or a list of grants`); err != nil {
				return nil, err
			}
			g := page.get("Grants")
			if g == nil {
				return nil, page.fail("has no Grants member: not list-grants output")
			}
			if list, err = page.optArray("Grants"); err != nil {
				return nil, err
			}
			if err := page.paging("grants", i == len(pages)-1); err != nil {
				return nil, err
			}
		}
		for _, e := range list {
			g, err := readGrant(e)
			if err != nil {
				return nil, err
			}
			id := *g.GrantId
			if j, dup := seen[id]; dup {
				if !reflect.DeepEqual(out[j], g) {
					return nil, e.fail("GrantId " + strconv.Quote(id) + " is listed twice with different contents")
				}
				continue
			}
			seen[id] = len(out)
			out = append(out, g)
		}
	}
	if out == nil {
		out = []types.GrantListEntry{}
	}
	return out, nil
}

var grantMembers = []string{"KeyId", "GrantId", "Name", "CreationDate", "GranteePrincipal", "GranteeServicePrincipal",
	"RetiringPrincipal", "RetiringServicePrincipal", "IssuingAccount", "Operations", "Constraints"}

func readGrant(e *node) (types.GrantListEntry, error) {
	var g types.GrantListEntry
	if err := e.object("a grant entry"); err != nil {
		return g, err
	}
	if err := e.only(grantMembers...); err != nil {
		return g, err
	}
	id, err := e.reqString("GrantId")
	if err != nil {
		return g, err
	}
	g.GrantId = &id
	for _, f := range []struct {
		name string
		dst  **string
	}{
		{"KeyId", &g.KeyId}, {"Name", &g.Name}, {"GranteePrincipal", &g.GranteePrincipal},
		{"GranteeServicePrincipal", &g.GranteeServicePrincipal}, {"RetiringPrincipal", &g.RetiringPrincipal},
		{"RetiringServicePrincipal", &g.RetiringServicePrincipal}, {"IssuingAccount", &g.IssuingAccount},
	} {
		if *f.dst, err = e.optString(f.name); err != nil {
			return g, err
		}
	}
	if g.CreationDate, err = e.optTime("CreationDate"); err != nil {
		return g, err
	}
	ops, err := e.optArray("Operations")
	if err != nil {
		return g, err
	}
	for _, op := range ops {
		if op.kind != '"' {
			return g, op.fail("is not a string")
		}
		g.Operations = append(g.Operations, types.GrantOperation(op.str))
	}
	if c := e.get("Constraints"); c != nil && c.kind != 'n' {
		if err := c.object("grant constraints"); err != nil {
			return g, err
		}
		if err := c.only("EncryptionContextEquals", "EncryptionContextSubset", "SourceArn"); err != nil {
			return g, err
		}
		g.Constraints = &types.GrantConstraints{}
		if g.Constraints.EncryptionContextEquals, err = c.optStringMap("EncryptionContextEquals"); err != nil {
			return g, err
		}
		if g.Constraints.EncryptionContextSubset, err = c.optStringMap("EncryptionContextSubset"); err != nil {
			return g, err
		}
		if g.Constraints.SourceArn, err = c.optString("SourceArn"); err != nil {
			return g, err
		}
	}
	return g, nil
}

// Grant converts a grant as the AWS SDK returns it. A nil pointer becomes
// the empty string or the zero time; maps are copied.
func Grant(g types.GrantListEntry) evaluate.Grant {
	out := evaluate.Grant{
		KeyId:                    deref(g.KeyId),
		GrantId:                  deref(g.GrantId),
		Name:                     deref(g.Name),
		GranteePrincipal:         deref(g.GranteePrincipal),
		GranteeServicePrincipal:  deref(g.GranteeServicePrincipal),
		RetiringPrincipal:        deref(g.RetiringPrincipal),
		RetiringServicePrincipal: deref(g.RetiringServicePrincipal),
		IssuingAccount:           deref(g.IssuingAccount),
	}
	if g.CreationDate != nil {
		out.CreationDate = *g.CreationDate
	}
	if g.Operations != nil {
		out.Operations = make([]string, len(g.Operations))
		for i, op := range g.Operations {
			out.Operations[i] = string(op)
		}
	}
	if c := g.Constraints; c != nil {
		out.Constraints = &evaluate.GrantConstraints{
			EncryptionContextEquals: maps.Clone(c.EncryptionContextEquals),
			EncryptionContextSubset: maps.Clone(c.EncryptionContextSubset),
			SourceArn:               deref(c.SourceArn),
		}
	}
	return out
}

// Grants converts grants as the AWS SDK returns them
// (ListGrantsOutput.Grants, or ReadGrants's result).
func Grants(gs []types.GrantListEntry) []evaluate.Grant {
	if gs == nil {
		return nil
	}
	out := make([]evaluate.Grant, len(gs))
	for i, g := range gs {
		out[i] = Grant(g)
	}
	return out
}

// SDKGrant converts back: Grant(SDKGrant(g)) equals g. An empty string or
// a zero time becomes a nil pointer.
func SDKGrant(g evaluate.Grant) types.GrantListEntry {
	out := types.GrantListEntry{
		KeyId:                    ref(g.KeyId),
		GrantId:                  ref(g.GrantId),
		Name:                     ref(g.Name),
		GranteePrincipal:         ref(g.GranteePrincipal),
		GranteeServicePrincipal:  ref(g.GranteeServicePrincipal),
		RetiringPrincipal:        ref(g.RetiringPrincipal),
		RetiringServicePrincipal: ref(g.RetiringServicePrincipal),
		IssuingAccount:           ref(g.IssuingAccount),
	}
	if !g.CreationDate.IsZero() {
		t := g.CreationDate
		out.CreationDate = &t
	}
	if g.Operations != nil {
		out.Operations = make([]types.GrantOperation, len(g.Operations))
		for i, op := range g.Operations {
			out.Operations[i] = types.GrantOperation(op)
		}
	}
	if c := g.Constraints; c != nil {
		out.Constraints = &types.GrantConstraints{
			EncryptionContextEquals: maps.Clone(c.EncryptionContextEquals),
			EncryptionContextSubset: maps.Clone(c.EncryptionContextSubset),
			SourceArn:               ref(c.SourceArn),
		}
	}
	return out
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

func ref(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}
