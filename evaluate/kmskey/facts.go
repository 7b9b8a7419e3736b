package kmskey

import (
	"github.com/aws/aws-sdk-go-v2/service/kms/types"

	"github.com/cksiam/cksiam/evaluate"
)

// ReadKeyMetadata reads `aws kms describe-key` output
// ({"KeyMetadata": {...}}). It reads the members that say what the key is
// and who manages it; members it does not use are skipped, since
// metadata only describes the key and AWS adds members over time.
func ReadKeyMetadata(data []byte) (*types.KeyMetadata, error) {
	vals, err := parseValues(data)
	if err != nil {
		return nil, err
	}
	if len(vals) != 1 {
		return nil, &Error{Page: 2, Reason: "describe-key output is one JSON object, and the file holds more", Err: ErrInvalid}
	}
	root := vals[0]
	if err := root.object(`describe-key output {"KeyMetadata": {...}}`); err != nil {
		return nil, err
	}
	m := root.get("KeyMetadata")
	if m == nil {
		return nil, root.fail("has no KeyMetadata member: not describe-key output")
	}
	if err := m.object("the key's metadata"); err != nil {
		return nil, err
	}
	out := &types.KeyMetadata{}
	id, err := m.reqString("KeyId")
	if err != nil {
		return nil, err
	}
	out.KeyId = &id
	for _, f := range []struct {
		name string
		dst  **string
	}{
		{"Arn", &out.Arn}, {"AWSAccountId", &out.AWSAccountId}, {"Description", &out.Description},
		{"CustomKeyStoreId", &out.CustomKeyStoreId}, {"CloudHsmClusterId", &out.CloudHsmClusterId},
	} {
		if *f.dst, err = m.optString(f.name); err != nil {
			return nil, err
		}
	}
	for _, f := range []struct {
		name string
		set  func(string)
	}{
		{"Origin", func(s string) { out.Origin = types.OriginType(s) }},
		{"KeySpec", func(s string) { out.KeySpec = types.KeySpec(s) }},
		// The deprecated name of KeySpec, alone in older outputs.
		{"CustomerMasterKeySpec", func(s string) {
			if out.KeySpec == "" {
				out.KeySpec = types.KeySpec(s)
			}
		}},
		{"KeyUsage", func(s string) { out.KeyUsage = types.KeyUsageType(s) }},
		{"KeyState", func(s string) { out.KeyState = types.KeyState(s) }},
		{"KeyManager", func(s string) { out.KeyManager = types.KeyManagerType(s) }},
	} {
		s, err := m.optString(f.name)
		if err != nil {
			return nil, err
		}
		if s != nil {
			f.set(*s)
		}
	}
	if out.CreationDate, err = m.optTime("CreationDate"); err != nil {
		return nil, err
	}
	enabled, err := m.optBool("Enabled")
	if err != nil {
		return nil, err
	}
	out.Enabled = enabled != nil && *enabled
	if out.MultiRegion, err = m.optBool("MultiRegion"); err != nil {
		return nil, err
	}
	if c := m.get("MultiRegionConfiguration"); c != nil && c.kind != 'n' {
		if err := c.object("the multi-Region configuration"); err != nil {
			return nil, err
		}
		t, err := c.optString("MultiRegionKeyType")
		if err != nil {
			return nil, err
		}
		out.MultiRegionConfiguration = &types.MultiRegionConfiguration{}
		if t != nil {
			out.MultiRegionConfiguration.MultiRegionKeyType = types.MultiRegionKeyType(*t)
		}
	}
	return out, nil
}

// ReadTags reads `aws kms list-resource-tags` output ({"Tags": [...]}),
// one page or several one after another. A tag key given twice, or a last
// page that says Truncated, is an error. A key without tags gives an empty,
// non-nil list.
func ReadTags(data []byte) ([]types.Tag, error) {
	pages, err := parseValues(data)
	if err != nil {
		return nil, err
	}
	out := []types.Tag{}
	seen := map[string]bool{}
	for i, page := range pages {
		if err := page.object(`list-resource-tags output {"Tags": [...]}`); err != nil {
			return nil, err
		}
		if page.get("Tags") == nil {
			return nil, page.fail("has no Tags member: not list-resource-tags output")
		}
		list, err := page.optArray("Tags")
		if err != nil {
			return nil, err
		}
		if err := page.paging("tags", i == len(pages)-1); err != nil {
			return nil, err
		}
		for _, e := range list {
			if err := e.object(`a tag {"TagKey": ..., "TagValue": ...}`); err != nil {
				return nil, err
			}
			k, err := e.reqString("TagKey")
			if err != nil {
				return nil, err
			}
			v, err := e.optString("TagValue")
			if err != nil {
				return nil, err
			}
			if v == nil {
				return nil, e.fail("has no TagValue (an empty tag value is \"\")")
			}
			if seen[k] {
				return nil, e.fail("tag key " + quote(k) + " is given twice")
			}
			seen[k] = true
			out = append(out, types.Tag{TagKey: &k, TagValue: v})
		}
	}
	return out, nil
}

// Facts turns a key's metadata (DescribeKeyOutput.KeyMetadata) and tags
// (ListResourceTagsOutput.Tags) into the facts requests on the key imply.
// nil tags mean the tags are unknown; an empty list, that the key has
// none. nil metadata gives facts with tags only (and no ARN: they then
// apply to the key each request names).
func Facts(meta *types.KeyMetadata, tags []types.Tag) *evaluate.KeyFacts {
	f := &evaluate.KeyFacts{}
	if m := meta; m != nil {
		f.Arn = deref(m.Arn)
		f.Origin = string(m.Origin)
		f.KeySpec = string(m.KeySpec)
		f.KeyUsage = string(m.KeyUsage)
		if m.MultiRegion != nil {
			mr := *m.MultiRegion
			f.MultiRegion = &mr
		}
		if c := m.MultiRegionConfiguration; c != nil {
			f.MultiRegionKeyType = string(c.MultiRegionKeyType)
		}
	}
	if tags != nil {
		f.Tags = make(map[string]string, len(tags))
		for _, t := range tags {
			if t.TagKey != nil {
				f.Tags[*t.TagKey] = deref(t.TagValue)
			}
		}
	}
	return f
}

func quote(s string) string { return "\"" + s + "\"" }
